// Date.parse over ISO-like strings and their near misses, against node: the
// ES5 form is scanned by character codes (guest/runtime/date.js parseISO),
// and whatever it refuses goes to the legacy parser, as in V8. 3,000
// generated strings (each field with the right, one too few or one too many
// digits, separators right or wrong, case of T and Z, offsets with and
// without the colon, fractions of 0 to 9 digits, a character dropped or
// added), hashed, plus the first 60 in full.
var seed = 12345;
function rnd(n) {
  seed ^= seed << 13; seed >>>= 0; seed ^= seed >>> 17; seed ^= seed << 5; seed >>>= 0;
  return seed % n;
}
function digits(n) { var s = ''; for (var i = 0; i < n; i++) s += String(rnd(10)); return s; }
function pick(a) { return a[rnd(a.length)]; }
function field(n, lo, hi) {
  var r = rnd(10);
  if (r === 0) return digits(n - 1);
  if (r === 1) return digits(n + 1);
  var v = lo + rnd(hi - lo + 1), s = String(v);
  while (s.length < n) s = '0' + s;
  return s;
}
function candidate() {
  var s = rnd(8) === 0 ? pick(['+', '-']) + field(6, 0, 275000) : field(4, 1950, 2100);
  if (rnd(6)) {
    s += pick(['-', '-', '-', '/', '']) + field(2, 0, 13);
    if (rnd(5)) s += pick(['-', '-', '-', '.']) + field(2, 0, 32);
  }
  if (rnd(3)) {
    s += pick(['T', 'T', 't', ' ', '']) + field(2, 0, 25) + pick([':', ':', ':', '']) + field(2, 0, 60);
    if (rnd(3)) {
      s += ':' + field(2, 0, 60);
      if (rnd(2)) s += pick(['.', '.', ',']) + digits(rnd(10));
    }
    var z = rnd(6);
    if (z === 1) s += pick(['Z', 'z', 'Z']);
    else if (z === 2) s += pick(['+', '-']) + field(2, 0, 24) + ':' + field(2, 0, 60);
    else if (z === 3) s += pick(['+', '-']) + field(2, 0, 24) + field(2, 0, 60);
    else if (z === 4) s += pick(['+', '-']) + field(2, 0, 24);
    else if (z === 5) s += pick([' GMT', ' UTC', 'ZZ', ' ']);
  }
  var m = rnd(12);
  if (m === 0 && s.length > 1) { var k = rnd(s.length); s = s.slice(0, k) + s.slice(k + 1); }
  else if (m === 1) { var p = rnd(s.length + 1); s = s.slice(0, p) + pick(['0', '-', ':', 'T', ' ', 'Z', '.']) + s.slice(p); }
  return s;
}
var hash = 0x811c9dc5, shown = 0;
for (var i = 0; i < 3000; i++) {
  var s = candidate(), t = Date.parse(s), line = JSON.stringify(s) + ' ' + t;
  for (var j = 0; j < line.length; j++) { hash ^= line.charCodeAt(j); hash = Math.imul(hash, 16777619) >>> 0; }
  if (shown < 60 && rnd(25) === 0) { console.log(line); shown++; }
}
console.log('hash of 3000', hash.toString(16));
