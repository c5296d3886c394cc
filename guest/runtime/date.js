/*
 * date.js: Date string parsing and printing as V8 (node) does them.
 * Runs in: guest prelude (trusted bytecode). Input: strings and dates from
 * untrusted user code.
 *
 * Duktape parses only its ISO subset (and accepts out-of-range ISO fields
 * such as month 13) and prints its own forms ("2024-06-17 09:30:05.042Z").
 * Programs parse what tools and logs hand them ("Mon, 17 Jun 2024 09:30:00
 * GMT", "June 17, 2024", "2024/06/14") and print dates with toString and
 * friends, so both follow V8: the ES ISO format first, strictly, then V8's
 * legacy parser (src/date/dateparser: numbers, month names, AM/PM, time-zone
 * words, UTC offsets; unknown words only before the first number). The
 * Date constructor is wrapped the way error.js wraps Error: the native
 * prototype stays, so `instanceof Date` and every Date method are Duktape's.
 */
(function (G) {
  'use strict';
  var cc = G.__cc;
  var NativeDate = G.Date;
  var proto = NativeDate.prototype;
  var nativeUTC = NativeDate.UTC;
  var nativeNow = NativeDate.now;
  var getTime = proto.getTime;

  var DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  var MONTH_INDEX = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
  /* V8's time-zone words, minutes east of UTC. */
  var ZONES = { ut: 0, utc: 0, z: 0, gmt: 0, edt: -240, est: -300, cdt: -300, cst: -360, mdt: -360, mst: -420,
    pdt: -420, pst: -480 };
  /* ES's time value range: +-8.64e15 ms. */
  var MAX_TIME = 8.64e15;

  function between(x, lo, hi) { return x >= lo && x <= hi; }

  /* ms since the epoch for a date and time in UTC, or NaN. */
  function utc(y, mo, d, h, mi, s, ms) {
    var t = nativeUTC(y, mo - 1, d, h, mi, s, ms);
    /* Date.UTC maps years 0..99 to 1900+; V8's parser does not. */
    if (y >= 0 && y <= 99) {
      var dt = new NativeDate(t);
      dt.setUTCFullYear(y);
      t = getTime.call(dt);
    }
    return t;
  }
  /* A local date and time (the sandbox's zone) to ms. */
  function local(y, mo, d, h, mi, s, ms) {
    var t = utc(y, mo, d, h, mi, s, ms);
    if (t !== t) return t;
    var off = new NativeDate(t).getTimezoneOffset();
    return t + off * 60000;
  }
  function clip(t) { return t === t && Math.abs(t) <= MAX_TIME ? t : NaN; }

  function pad(n, w) {
    var s = String(n);
    while (s.length < w) s = '0' + s;
    return s;
  }

  /* The ES Date Time String Format (ES2023 21.4.1.32) as V8's ES5 path
   * reads it (dateparser-inl.h ParseES5DateTime), token by token (a digit
   * run is one token, a field must be a run of exactly its width):
   *   (\d{4} | [+-]\d{6}) (-MM (-DD)?)? ([Tt] HH:mm (:ss (.f+)?)? ([Zz] | [+-]HH:mm | [+-]HHmm)?)?
   * Returns the time value (NaN for a field out of range, or anything
   * after a time part, V8's Invalid), or a hand-off {at, day} where V8
   * gives up on the form before a time part: its legacy parser goes on
   * from index `at` with the day fields read so far (" 2020-01-01" is a
   * local date that way, "2050-07:-07" NaN). A string in the form is
   * matched by a regex (parseISO); the rest is scanned by character codes
   * (scanISO), token by token as V8 reads them. */
  function runAt(s, i) {
    var j = i, c;
    while ((c = s.charCodeAt(j)) >= 48 && c <= 57) j++;
    return j - i;
  }
  function digitsAt(s, i, n) { /* the n digits at i, a run of exactly n, or -1 */
    if (runAt(s, i) !== n) return -1;
    var v = 0;
    for (var k = 0; k < n; k++) v = v * 10 + (s.charCodeAt(i + k) - 48);
    return v;
  }
  /* The form itself, matched by the regex engine in one call: the
   * scanner below, in JavaScript, costs more (a call per character); it
   * runs only for what the regex refuses, to say where V8 gave up. */
  var ISO = /^([+-]\d{6}|\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?:[Tt](\d\d):(\d\d)(?::(\d\d)(?:\.(\d+))?)?([Zz]|[+-]\d\d:?\d\d)?)?$/;
  function parseISO(s) {
    var m = ISO.exec(s);
    if (m === null) return scanISO(s);
    var z = m[8], zone = z === undefined ? 0 : z === 'Z' || z === 'z' ? 1 : 2;
    return isoTime(m[1] === '-000000' ? NaN : Number(m[1]), m[2] ? Number(m[2]) : 1, m[3] ? Number(m[3]) : 1,
      m[4] !== undefined, m[4] ? Number(m[4]) : 0, m[5] ? Number(m[5]) : 0, m[6] ? Number(m[6]) : 0,
      m[7] ? Number((m[7] + '00').slice(0, 3)) : 0, zone, zone === 2 && z.charAt(0) === '-' ? -1 : 1,
      zone === 2 ? Number(z.slice(1, 3)) : 0, zone === 2 ? Number(z.slice(-2)) : 0);
  }
  function scanISO(s) {
    var len = s.length, i, c = s.charCodeAt(0), y, v;
    if (c === 43 || c === 45) { /* + - */
      y = digitsAt(s, 1, 6);
      if (y < 0) return { at: 0, day: [] };
      if (c === 45) {
        if (y === 0) return NaN; /* -000000 */
        y = -y;
      }
      i = 7;
    } else {
      y = digitsAt(s, 0, 4);
      if (y < 0) return { at: 0, day: [] };
      i = 4;
    }
    var mo = 1, d = 1, hasTime = false, h = 0, mi = 0, sec = 0, ms = 0, zone = 0, sign = 1, oh = 0, om = 0, j;
    var day = [y];
    if (s.charCodeAt(i) === 45) {
      v = digitsAt(s, i + 1, 2);
      if (!between(v, 1, 12)) return { at: i + 1, day: day };
      day.push(mo = v);
      i += 3;
      if (s.charCodeAt(i) === 45) {
        v = digitsAt(s, i + 1, 2);
        if (!between(v, 1, 31)) return { at: i + 1, day: day };
        day.push(d = v);
        i += 3;
      }
    }
    c = s.charCodeAt(i);
    if ((c === 84 || c === 116) && !isLetter(s.charCodeAt(i + 1))) { /* the word T: from here on, a miss is NaN */
      h = digitsAt(s, i + 1, 2);
      mi = digitsAt(s, i + 4, 2);
      if (h < 0 || s.charCodeAt(i + 3) !== 58 || mi < 0) return NaN;
      hasTime = true;
      i += 6;
      if (s.charCodeAt(i) === 58) {
        sec = digitsAt(s, i + 1, 2);
        if (sec < 0) return NaN;
        i += 3;
        if (s.charCodeAt(i) === 46) { /* . and digits, the first three count */
          for (j = i + 1; j < len && (c = s.charCodeAt(j)) >= 48 && c <= 57; j++) {
            if (j - i <= 3) ms = ms * 10 + (c - 48);
          }
          if (j === i + 1) return NaN;
          for (c = j - i - 1; c < 3; c++) ms *= 10;
          i = j;
        }
      }
      c = s.charCodeAt(i);
      if ((c === 90 || c === 122) && !isLetter(s.charCodeAt(i + 1))) { /* the word Z */
        zone = 1;
        i++;
      } else if (c === 43 || c === 45) {
        sign = c === 45 ? -1 : 1;
        if (runAt(s, i + 1) === 4) {
          v = digitsAt(s, i + 1, 4);
          oh = Math.floor(v / 100);
          om = v % 100;
          i += 5;
        } else {
          oh = digitsAt(s, i + 1, 2);
          om = s.charCodeAt(i + 3) === 58 ? digitsAt(s, i + 4, 2) : -1;
          if (oh < 0 || om < 0) return NaN;
          i += 6;
        }
        zone = 2;
      }
      if (i !== len) return NaN;
    } else if (i !== len) {
      return { at: i, day: day };
    }
    return isoTime(y, mo, d, hasTime, h, mi, sec, ms, zone, sign, oh, om);
  }
  /* The time value of the form's fields (zone 0 none, 1 Z, 2 an offset). */
  function isoTime(y, mo, d, hasTime, h, mi, sec, ms, zone, sign, oh, om) {
    if (y !== y) return NaN; /* -000000 */
    if (!between(mo, 1, 12) || !between(d, 1, 31) || !between(mi, 0, 59) || !between(sec, 0, 59)) return NaN;
    if (!(between(h, 0, 23) || (h === 24 && mi === 0 && sec === 0 && ms === 0))) return NaN;
    var t;
    if (zone === 1 || !hasTime) {
      t = utc(y, mo, d, h, mi, sec, ms);
    } else if (zone === 2) {
      if (oh > 23 || om > 59) return NaN;
      t = utc(y, mo, d, h, mi, sec, ms) - sign * (oh * 60 + om) * 60000;
    } else {
      t = local(y, mo, d, h, mi, sec, ms);
    }
    return clip(t);
  }
  function isLetter(c) { return (c >= 65 && c <= 90) || (c >= 97 && c <= 122); }

  /* Tokens of V8's legacy date scanner. */
  function tokenize(s) {
    var toks = [], i = 0, n = s.length;
    while (i < n) {
      var c = s.charAt(i), j;
      if (c >= '0' && c <= '9') {
        j = i;
        while (j < n && s.charAt(j) >= '0' && s.charAt(j) <= '9') j++;
        toks.push({ k: 'num', v: Number(s.slice(i, j)), len: j - i, text: s.slice(i, j) });
        i = j;
      } else if (/[A-Za-z]/.test(c)) {
        j = i;
        while (j < n && /[A-Za-z]/.test(s.charAt(j))) j++;
        toks.push({ k: 'word', v: s.slice(i, j).toLowerCase() });
        i = j;
      } else if (c === '(') {
        /* A parenthesised comment ("(Coordinated Universal Time)"), nested. */
        var depth = 0;
        j = i;
        while (j < n) {
          if (s.charAt(j) === '(') depth++;
          else if (s.charAt(j) === ')' && --depth === 0) { j++; break; }
          j++;
        }
        toks.push({ k: 'other' });
        i = j;
      } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v' ||
        c === '\u00a0' || c === '\ufeff' || c === '\u2028' || c === '\u2029') {
        toks.push({ k: 'ws' });
        i++;
      } else {
        toks.push({ k: 'sym', v: c });
        i++;
      }
    }
    toks.push({ k: 'end' });
    return toks;
  }

  /* preset: the day fields V8's ES5 path read before it handed s (the
   * rest of the string) over (scanISO). */
  function parseLegacy(s, preset) {
    var toks = tokenize(s), p = 0;
    var peek = function () { return toks[p]; };
    var next = function () { return toks[p++]; };
    var skip = function (sym) {
      if (toks[p].k === 'sym' && toks[p].v === sym) { p++; return true; }
      return false;
    };
    var day = [], namedMonth = 0;
    var time = [], hourOffset = -1;
    var tzSign = 0, tzHour = -1, tzMin = -1, tzSet = false, tzUTC = false;
    var hasNum = false;
    if (preset.length) {
      day = preset;
      hasNum = true;
    }
    var timeExpecting = function (n) {
      /* V8's TimeComposer: nothing after a final field */
      return !timeFinal && ((time.length === 1 && between(n, 0, 59)) || (time.length === 2 && between(n, 0, 59)) ||
        (time.length === 3 && between(n, 0, 999)));
    };
    var timeFinal = false;
    var timeAdd = function (n) {
      if (timeFinal || time.length >= 4) return false;
      time.push(n);
      return true;
    };
    var tzExpecting = function (n) { return tzHour >= 0 && tzMin < 0 && between(n, 0, 59); };
    while (peek().k !== 'end') {
      var t = next();
      if (t.k === 'num') {
        hasNum = true;
        var n = t.v;
        if (skip(':')) {
          if (skip(':')) {
            if (time.length) return NaN;
            time.push(n, 0);
          } else {
            if (!timeAdd(n)) return NaN;
            skip('.');
          }
        } else if (skip('.') && timeExpecting(n)) {
          timeAdd(n);
          if (peek().k !== 'num') return NaN;
          var msTok = next();
          time.push(Number((msTok.text + '00').slice(0, 3)));
          timeFinal = true;
        } else if (tzExpecting(n)) {
          tzMin = n;
        } else if (timeExpecting(n)) {
          timeAdd(n);
          timeFinal = true;
          var pk = peek();
          if (!(pk.k === 'end' || pk.k === 'ws' || (pk.k === 'word' && pk.v === 'z') ||
            (pk.k === 'sym' && (pk.v === '+' || pk.v === '-')))) return NaN;
        } else {
          if (day.length >= 3) return NaN;
          day.push(n);
          skip('-');
        }
      } else if (t.k === 'word') {
        var w = t.v, pre = w.slice(0, 3);
        if ((w === 'am' || w === 'pm') && time.length) {
          hourOffset = w === 'am' ? 0 : 12;
        } else if (MONTH_INDEX.hasOwnProperty(pre) && (w.length === 3 || MONTH_INDEX.hasOwnProperty(pre))) {
          namedMonth = MONTH_INDEX[pre];
          skip('-');
        } else if (ZONES.hasOwnProperty(w) && hasNum) {
          tzSet = true;
          tzUTC = true;
          tzSign = 1;
          tzHour = -1;
          tzMin = -1;
          var z = ZONES[w];
          if (z !== 0) { tzUTC = false; tzSign = z < 0 ? -1 : 1; tzHour = Math.abs(z) / 60; tzMin = 0; }
        } else {
          /* "t" too: a date-time the ES5 form rejects is NaN in V8. */
          if (hasNum) return NaN;
          if (peek().k === 'num') return NaN;
        }
      } else if (t.k === 'sym' && (t.v === '+' || t.v === '-') && (tzUTC || time.length)) {
        tzSet = true;
        tzUTC = false;
        tzSign = t.v === '-' ? -1 : 1;
        var num = 0, len = 0;
        if (peek().k === 'num') { var nt = next(); num = nt.v; len = nt.len; }
        hasNum = true;
        if (peek().k === 'sym' && peek().v === ':') { tzHour = num; tzMin = -1; }
        else if (len === 1 || len === 2) { tzHour = num; tzMin = 0; }
        else if (len === 3 || len === 4) { tzHour = Math.floor(num / 100); tzMin = num % 100; }
        else return NaN; /* V8: no sign without digits, no "GMT-12345" */
      } else if (t.k === 'sym' && (t.v === '+' || t.v === '-' || t.v === ')') && hasNum) {
        return NaN;
      }
    }
    /* The day: V8's DayComposer. */
    if (!day.length && !namedMonth) return NaN;
    if (!day.length) return NaN;
    while (day.length < 3) day.push(1);
    var year = 0, month, dd;
    if (!namedMonth) {
      if (!between(day[0], 1, 31)) { year = day[0]; month = day[1]; dd = day[2]; }
      else { month = day[0]; dd = day[1]; year = day[2]; }
    } else {
      month = namedMonth;
      if (!between(day[0], 1, 31)) { year = day[0]; dd = day[1]; }
      else { dd = day[0]; year = day[1]; }
    }
    if (between(year, 0, 49)) year += 2000;
    else if (between(year, 50, 99)) year += 1900;
    if (!between(month, 1, 12) || !between(dd, 1, 31)) return NaN;
    /* The time: V8's TimeComposer. */
    while (time.length < 4) time.push(0);
    var hh = time[0], mm = time[1], ss = time[2], mss = time[3];
    if (hourOffset >= 0) {
      if (!between(hh, 0, 12)) return NaN;
      hh = hh % 12 + hourOffset;
    }
    if (!between(mm, 0, 59) || !between(ss, 0, 59) || !between(mss, 0, 999)) return NaN;
    if (!(between(hh, 0, 23) || (hh === 24 && mm === 0 && ss === 0 && mss === 0))) return NaN;
    var tv;
    if (tzSet) {
      var off = tzUTC ? 0 : tzSign * ((tzHour < 0 ? 0 : tzHour) * 60 + (tzMin < 0 ? 0 : tzMin));
      tv = utc(year, month, dd, hh, mm, ss, mss) - off * 60000;
    } else {
      tv = local(year, month, dd, hh, mm, ss, mss);
    }
    return clip(tv);
  }

  /* Date.parse as V8: the ES5 form first, then the legacy forms (whose
   * scanner skips white space, so " 2020-01-01" is a local date there,
   * as in V8). */
  function parse(str) {
    var s = String(str);
    var t = parseISO(s);
    return typeof t === 'number' ? t : parseLegacy(t.at ? s.slice(t.at) : s, t.day);
  }

  function valid(d) {
    var t = getTime.call(d);
    return t === t;
  }
  function zone(d) {
    var off = -d.getTimezoneOffset();
    var a = Math.abs(off);
    return 'GMT' + (off < 0 ? '-' : '+') + pad(Math.floor(a / 60), 2) + pad(a % 60, 2) +
      (off === 0 ? ' (Coordinated Universal Time)' : '');
  }
  function year(y) { return y < 0 ? '-' + pad(-y, 4) : pad(y, 4); }
  function dateString(d) {
    return DAYS[d.getDay()] + ' ' + MONTHS[d.getMonth()] + ' ' + pad(d.getDate(), 2) + ' ' + year(d.getFullYear());
  }
  function timeString(d) {
    return pad(d.getHours(), 2) + ':' + pad(d.getMinutes(), 2) + ':' + pad(d.getSeconds(), 2) + ' ' + zone(d);
  }
  /* ToPrimitive(v, default) (ES2023 7.1.1). */
  function toPrimitive(v) {
    var ex = v[Symbol.toPrimitive], r;
    if (ex !== undefined && ex !== null) {
      r = ex.call(v, 'default');
      if (r !== null && (typeof r === 'object' || typeof r === 'function')) throw new TypeError('Cannot convert object to primitive value');
      return r;
    }
    var order = ['valueOf', 'toString'];
    for (var i = 0; i < 2; i++) {
      var f = v[order[i]];
      if (typeof f === 'function') {
        r = f.call(v);
        if (r === null || (typeof r !== 'object' && typeof r !== 'function')) return r;
      }
    }
    throw new TypeError('Cannot convert object to primitive value');
  }
  function thisDate(d, name) {
    if (!(d instanceof NativeDate) || Object.prototype.toString.call(d) !== '[object Date]')
      throw new TypeError('this is not a Date object.');
    return d;
  }

  cc.def(proto, 'toString', { toString() {
    var d = thisDate(this);
    return valid(d) ? dateString(d) + ' ' + timeString(d) : 'Invalid Date';
  } }.toString, 0);
  cc.def(proto, 'toDateString', { toDateString() {
    var d = thisDate(this);
    return valid(d) ? dateString(d) : 'Invalid Date';
  } }.toDateString, 0);
  cc.def(proto, 'toTimeString', { toTimeString() {
    var d = thisDate(this);
    return valid(d) ? timeString(d) : 'Invalid Date';
  } }.toTimeString, 0);
  var toUTCString = cc.def(proto, 'toUTCString', { toUTCString() {
    var d = thisDate(this);
    if (!valid(d)) return 'Invalid Date';
    var y = d.getUTCFullYear();
    return DAYS[d.getUTCDay()] + ', ' + pad(d.getUTCDate(), 2) + ' ' + MONTHS[d.getUTCMonth()] + ' ' +
      (y < 0 ? '-' + pad(-y, 4) : pad(y, 4)) + ' ' + pad(d.getUTCHours(), 2) + ':' + pad(d.getUTCMinutes(), 2) +
      ':' + pad(d.getUTCSeconds(), 2) + ' GMT';
  } }.toUTCString, 0);
  Object.defineProperty(proto, 'toGMTString', { value: toUTCString, writable: true, enumerable: false, configurable: true });
  var nativeISO = proto.toISOString;
  cc.def(proto, 'toISOString', { toISOString() {
    var d = thisDate(this);
    if (!valid(d)) throw new RangeError('Invalid time value');
    return nativeISO.call(d);
  } }.toISOString, 0);

  /* The constructor: strings go through parse(); everything else is the
   * native's. Called without `new` it returns the current time as a string. */
  var D = function Date(a, b, c, d, e, f, g) {
    var n = arguments.length;
    if (!(this instanceof D)) return proto.toString.call(new NativeDate(nativeNow()));
    var r;
    if (n === 0) r = new NativeDate(nativeNow());
    else if (n === 1) {
      var v = a;
      if (v instanceof NativeDate && Object.prototype.toString.call(v) === '[object Date]') r = new NativeDate(getTime.call(v));
      else {
        if (v !== null && (typeof v === 'object' || typeof v === 'function')) v = toPrimitive(v);
        r = new NativeDate(typeof v === 'string' ? parse(v) : v);
      }
    } else if (n === 2) r = new NativeDate(a, b);
    else if (n === 3) r = new NativeDate(a, b, c);
    else if (n === 4) r = new NativeDate(a, b, c, d);
    else if (n === 5) r = new NativeDate(a, b, c, d, e);
    else if (n === 6) r = new NativeDate(a, b, c, d, e, f);
    else r = new NativeDate(a, b, c, d, e, f, g);
    if (Object.getPrototypeOf(this) !== proto) Object.setPrototypeOf(r, Object.getPrototypeOf(this));
    return r;
  };
  Object.defineProperty(D, 'length', { value: 7, configurable: true });
  Object.defineProperty(D, 'prototype', { value: proto, writable: false, enumerable: false, configurable: false });
  Object.defineProperty(proto, 'constructor', { value: D, writable: true, enumerable: false, configurable: true });
  cc.def(D, 'parse', { parse(s) { return parse(s); } }.parse, 1);
  cc.def(D, 'UTC', nativeUTC, 7);
  cc.def(D, 'now', nativeNow, 0);
  Object.defineProperty(G, 'Date', { value: D, writable: true, enumerable: false, configurable: true });
  cc.dateParse = parse;
}(this));
