/* core.js: the guest's JS core. console (node-like util.inspect), the tool
 * namespaces, requests to the supervisor (__cc.request/deliver), the event
 * loop pump and the program result rule (__cc.run). Loaded as build-time
 * bytecode after the runtime library and before fs.js/fetch.js.
 * Runs in: guest, in the same heap as the untrusted program, so everything
 * here assumes user values may be hostile (throwing getters, toString that
 * throws, Proxies, huge arrays, cycles). ES5.1 only: Duktape runs it as is. */
(function (global) {
	'use strict';

	var cc = global.__cc;
	var hasOwn = Object.prototype.hasOwnProperty;
	var objToString = Object.prototype.toString;
	var getProto = Object.getPrototypeOf;
	var getDesc = Object.getOwnPropertyDescriptor;
	var defProp = Object.defineProperty;
	var keysOf = Object.keys;

	function hidden(obj, name, value) {
		defProp(obj, name, { value: value, writable: true, configurable: true, enumerable: false });
	}

	/* ------------------------------------------------------------------
	 * inspect: a subset of node's util.inspect with the same output shapes.
	 * ------------------------------------------------------------------ */

	/* Node's defaults: depth 2, 100 array items, 10000 string chars, 80
	 * columns, 3 innermost levels on one line. */
	var INSPECT_DEPTH = 2;
	var MAX_ARRAY = 100;
	var MAX_STRING = 10000;
	var BREAK_LENGTH = 80;
	var COMPACT = 3;
	/* Node prints all keys; a hostile object with a million keys would
	 * stall the run, so we stop at 1000 like we stop arrays at 100. */
	var MAX_KEYS = 1000;
	/* Total characters one inspect may produce before everything deeper
	 * collapses to [Object] (node does the same at 2^27). */
	var BUDGET = 4 << 20;

	/* node's keyStrRegExp: a key printed unquoted ($ is quoted) */
	var IDENT = /^[A-Za-z_][A-Za-z_0-9]*$/;

	function tryGet(fn, dflt) {
		try { return fn(); } catch (e) { return dflt; }
	}

	function tagOf(v) {
		return tryGet(function () { return objToString.call(v); }, '[object Object]');
	}

	function strEscape(s) {
		var q = "'";
		if (s.indexOf("'") !== -1) {
			if (s.indexOf('"') === -1) q = '"';
			else if (s.indexOf('`') === -1) q = '`';
		}
		var out = '';
		for (var i = 0; i < s.length; i++) {
			var c = s.charAt(i), code = s.charCodeAt(i);
			if (c === q || c === '\\') out += '\\' + c;
			else if (c === '\n') out += '\\n';
			else if (c === '\t') out += '\\t';
			else if (c === '\r') out += '\\r';
			else if (c === '\b') out += '\\b';
			else if (c === '\f') out += '\\f';
			else if (c === '\v') out += '\\v';
			else if (code < 0x20 || code === 0x7f) out += '\\x' + (code < 16 ? '0' : '') + code.toString(16).toUpperCase();
			else if (code >= 0xd800 && code <= 0xdfff) {
				/* A pair is one character; a lone surrogate is shown as
				 * its escape, as node does (it has no UTF-8 form). */
				var next = code <= 0xdbff ? s.charCodeAt(i + 1) : 0;
				if (next >= 0xdc00 && next <= 0xdfff) out += c + s.charAt(++i);
				else out += '\\u' + code.toString(16);
			} else out += c;
		}
		return q + out + q;
	}

	function formatString(s) {
		var extra = '';
		if (s.length > MAX_STRING) {
			var rest = s.length - MAX_STRING;
			s = s.slice(0, MAX_STRING);
			extra = '... ' + rest + ' more character' + (rest > 1 ? 's' : '');
		}
		return strEscape(s) + extra;
	}

	function formatNumber(n) {
		if (n === 0 && 1 / n < 0) return '-0';
		return String(n);
	}

	function formatPrimitive(v) {
		switch (typeof v) {
		case 'string': return formatString(v);
		case 'number': return formatNumber(v);
		case 'boolean': return String(v);
		case 'undefined': return 'undefined';
		case 'symbol': return tryGet(function () { return String(v); }, 'Symbol()');
		case 'bigint': return String(v) + 'n';
		}
		return v === null ? 'null' : String(v);
	}

	function fnName(f) {
		var d = tryGet(function () { return getDesc(f, 'name'); }, undefined);
		var n = d && typeof d.value === 'string' ? d.value : '';
		return n;
	}

	/* node's getConstructorName: the name of the first constructor on the
	 * prototype chain that v is an instance of, reading only data
	 * descriptors so no user getter runs; null when the chain ends without
	 * one at a null prototype (Object.create(null)). */
	function constructorName(v) {
		var obj = v, guard = 0, firstProto;
		while (obj !== null && obj !== undefined && guard++ < 1000) {
			var d = tryGet(function () { return getDesc(obj, 'constructor'); }, undefined);
			if (d && typeof d.value === 'function') {
				var n = fnName(d.value), C = d.value;
				if (n !== '' && tryGet(function () { return v instanceof C; }, false)) return n;
			}
			obj = tryGet(function () { return getProto(obj); }, null);
			if (firstProto === undefined) firstProto = obj;
		}
		if (firstProto === null || firstProto === undefined) return null;
		/* a chain of prototypes none of which v is an instance of */
		var inner = constructorName(firstProto);
		return internalName(v) + ' <' + (inner === null ? inspect(firstProto, { depth: -1 }) : inner) + '>';
	}

	/* The engine's class of v, which node prints for a null prototype. */
	function internalName(v) {
		if (typeof v === 'function') return 'Function';
		if (tagOf(v) === '[object Array]') return 'Array';
		return 'Object';
	}

	/* node's getPrefix: "Ctor(size) [tag] ", or for a null prototype
	 * "[Fallback(size): null prototype] [tag] ". */
	function prefix(ctor, tag, fallback, size) {
		if (ctor === null) {
			if (tag !== '' && fallback !== tag) return '[' + fallback + size + ': null prototype] [' + tag + '] ';
			return '[' + fallback + size + ': null prototype] ';
		}
		if (tag !== '' && ctor !== tag) return ctor + size + ' [' + tag + '] ';
		return ctor + size + ' ';
	}

	/* node's getCtxStyle: the prefix of an object no other rule claims. */
	function ctxStyle(v, ctor, tag) {
		var fallback = '';
		if (ctor === null) {
			fallback = internalName(v);
			if (fallback === tag) fallback = 'Object';
		}
		return prefix(ctor, tag, fallback, '');
	}

	/* Symbol.toStringTag as node shows it: only when it is not an own
	 * enumerable property (that one is printed among the keys). */
	var propIsEnum = Object.prototype.propertyIsEnumerable;
	function toStringTagOf(v) {
		if (typeof Symbol !== 'function' || !Symbol.toStringTag) return '';
		var tag = tryGet(function () { return v[Symbol.toStringTag]; }, undefined);
		if (typeof tag !== 'string') return '';
		if (tag !== '' && tryGet(function () { return propIsEnum.call(v, Symbol.toStringTag); }, false)) return '';
		return tag;
	}

	function isError(v) {
		if (tagOf(v) === '[object Error]') return true;
		return tryGet(function () { return v instanceof Error; }, false);
	}

	function ownKeys(v) {
		return tryGet(function () { return keysOf(v); }, []);
	}

	function ownSymbols(v) {
		if (typeof Object.getOwnPropertySymbols !== 'function') return [];
		return tryGet(function () {
			var s = Object.getOwnPropertySymbols(v), out = [];
			for (var i = 0; i < s.length; i++) {
				var d = getDesc(v, s[i]);
				if (d && d.enumerable) out.push(s[i]);
			}
			return out;
		}, []);
	}

	/* showHidden's keys: every own string key and symbol. Only for
	 * objects whose own properties are the same in Duktape and V8 (not a
	 * function's or an error's: Duktape adds fileName, lineNumber...). */
	function allOwnKeys(v) {
		return tryGet(function () {
			var k = Object.getOwnPropertyNames(v);
			return typeof Object.getOwnPropertySymbols === 'function' ? k.concat(Object.getOwnPropertySymbols(v)) : k;
		}, []);
	}

	/* Constructors whose prototypes showHidden does not list (node's
	 * builtInObjects): the language's global constructors as the prelude
	 * found them, before a program's top-level classes became globals.
	 * Named, not enumerated: reflecting on the global object would build
	 * the lazy units' globals (lazy.js) into the heap image. */
	var builtinCtors = (function () {
		var names = ('Object Function Array Number Boolean String Symbol Date RegExp Error TypeError RangeError ' +
			'SyntaxError ReferenceError EvalError URIError AggregateError Map Set WeakMap WeakSet WeakRef Promise ' +
			'Proxy ArrayBuffer SharedArrayBuffer DataView Int8Array Uint8Array Uint8ClampedArray Int16Array ' +
			'Uint16Array Int32Array Uint32Array Float32Array Float64Array BigInt64Array BigUint64Array BigInt').split(' ');
		var out = [];
		for (var i = 0; i < names.length; i++)
			if (typeof global[names[i]] === 'function') out.push(global[names[i]]);
		return out;
	})();
	function isBuiltinCtor(f) { return builtinCtors.indexOf(f) !== -1; }

	/* node's addPrototypeProperties (showHidden, console.log('%o')): the
	 * non-function properties of up to three user prototypes, [amount]:
	 * [Getter], stopping at the first built-in one. */
	function addPrototypeProperties(ctx, main, recurseTimes, output) {
		var obj = main, seenKeys = [];
		for (var depth = 0; depth < 3; depth++) {
			obj = tryGet(function () { return getProto(obj); }, null);
			if (obj === null) return;
			var d = tryGet(function () { return getDesc(obj, 'constructor'); }, undefined);
			if (d && typeof d.value === 'function' && isBuiltinCtor(d.value)) return;
			var keys = allOwnKeys(obj), layer = [];
			ctx.seen.push(main);
			for (var i = 0; i < keys.length; i++) {
				var key = keys[i];
				layer.push(key);
				if (key === 'constructor' || tryGet(function () { return hasOwn.call(main, key); }, false) ||
				    seenKeys.indexOf(key) !== -1)
					continue;
				var pd = tryGet(function () { return getDesc(obj, key); }, undefined);
				if (!pd || typeof pd.value === 'function') continue;
				output.push(formatProperty(ctx, main, recurseTimes, key, false, obj));
			}
			ctx.seen.pop();
			seenKeys = seenKeys.concat(layer);
		}
	}

	function isIndexKey(k) {
		return /^(0|[1-9][0-9]*)$/.test(k) && Number(k) < 4294967295;
	}

	/* depth, maxArrayLength and breakLength are node's inspect options of
	 * the same names (console.table passes its own). */
	function newCtx(depth, maxArrayLength, breakLength) {
		return { depth: depth, maxArrayLength: maxArrayLength, breakLength: breakLength, seen: [], circular: null,
			indentationLvl: 0, currentDepth: 0, spent: 0 };
	}

	function formatValue(ctx, v, recurseTimes, typedArray) {
		if (v === null || (typeof v !== 'object' && typeof v !== 'function'))
			return formatPrimitive(v);
		for (var i = 0; i < ctx.seen.length; i++) {
			if (ctx.seen[i] === v) {
				if (ctx.circular === null) ctx.circular = { objs: [], ids: [] };
				var idx = ctx.circular.objs.indexOf(v);
				if (idx === -1) {
					ctx.circular.objs.push(v);
					ctx.circular.ids.push(ctx.circular.objs.length);
					idx = ctx.circular.objs.length - 1;
				}
				return '[Circular *' + ctx.circular.ids[idx] + ']';
			}
		}
		return formatRaw(ctx, v, recurseTimes);
	}

	function formatError(ctx, err) {
		var stack = tryGet(function () { return err.stack; }, undefined);
		/* node prints the stack as the program's author sees it: their
		 * frames at their lines, not the guest's machinery */
		if (typeof stack === 'string') stack = programStack(err, stack);
		var name = tryGet(function () { return String(err.name); }, 'Error');
		var message = tryGet(function () { return String(err.message); }, '');
		var s;
		if (typeof stack === 'string' && stack !== '') s = stack;
		else s = message === '' ? '[' + name + ']' : '[' + name + ': ' + message + ']';
		if (ctx.indentationLvl !== 0) {
			var ind = new Array(ctx.indentationLvl + 1).join(' ');
			s = s.split('\n').join('\n' + ind);
		}
		return s;
	}

	function formatProperty(ctx, v, recurseTimes, key, isArrayEntry, holder) {
		var desc = tryGet(function () { return getDesc(holder || v, key); }, undefined);
		if (!desc) desc = { value: tryGet(function () { return v[key]; }, undefined), enumerable: true };
		var str;
		if (hasOwn.call(desc, 'value')) {
			ctx.indentationLvl += 2;
			str = formatValue(ctx, desc.value, recurseTimes);
			ctx.indentationLvl -= 2;
		} else if (desc.get !== undefined) {
			str = desc.set !== undefined ? '[Getter/Setter]' : '[Getter]';
		} else if (desc.set !== undefined) {
			str = '[Setter]';
		} else {
			str = 'undefined';
		}
		if (isArrayEntry) return str;
		var name;
		if (typeof key === 'symbol') name = '[' + formatPrimitive(key) + ']';
		else if (key === '__proto__') name = "['__proto__']";
		else if (desc.enumerable === false) name = '[' + key + ']';
		else if (IDENT.test(key)) name = key;
		else name = strEscape(key);
		return name + ': ' + str;
	}

	function emptyItems(n) { return '<' + n + ' empty item' + (n > 1 ? 's' : '') + '>'; }

	/* node's formatArray: maxArrayLength entries; from the first hole on,
	 * formatSpecialArray's walk over the index keys, where a run of holes
	 * is one entry (<3 empty items>) counted against the limit. */
	function formatList(ctx, v, recurseTimes, len, out) {
		var max = Math.min(ctx.maxArrayLength, len), i;
		for (i = 0; i < max; i++) {
			if (!tryGet(function () { return hasOwn.call(v, i); }, true)) break;
			out.push(formatProperty(ctx, v, recurseTimes, String(i), true));
		}
		if (i === max) {
			if (len > max) out.push(moreItems(len - max));
			return out;
		}
		var keys = ownKeys(v), index = i;
		for (var k = i; k < keys.length && out.length < max; k++) {
			var key = keys[k], n = +key;
			if (!isIndexKey(key) || n > 4294967294) break;
			if (String(index) !== key) {
				out.push(emptyItems(n - index));
				index = n;
				if (out.length === max) break;
			}
			out.push(formatProperty(ctx, v, recurseTimes, key, true));
			index++;
		}
		var remaining = len - index;
		if (out.length !== max) {
			if (remaining > 0) out.push(emptyItems(remaining));
		} else if (remaining > 0) {
			out.push(moreItems(remaining));
		}
		return out;
	}

	function collectionEntries(v, isMap, max) {
		var entries = [], size = 0;
		tryGet(function () {
			v.forEach(function (val, key) {
				size++;
				if (entries.length < max) entries.push(isMap ? [key, val] : [val]);
			});
		}, null);
		return { entries: entries, size: size };
	}

	function promiseState(v) {
		if (typeof cc.promiseState !== 'function') return undefined;
		return tryGet(function () { return cc.promiseState(v); }, undefined);
	}

	var TYPED = /^\[object (Uint8|Int8|Uint8Clamped|Uint16|Int16|Uint32|Int32|Float32|Float64|BigInt64|BigUint64)Array\]$/;

	function moreItems(n) { return '... ' + n + ' more item' + (n > 1 ? 's' : ''); }

	function hex2(b) { return (b < 16 ? '0' : '') + b.toString(16); }

	/* node's formatArrayBuffer: the first 100 bytes in hex. */
	function arrayBufferContents(ctx, v) {
		var bytes = tryGet(function () { return new Uint8Array(v); }, null);
		if (bytes === null) return '(detached)';
		var n = Math.min(ctx.maxArrayLength, bytes.length), out = [];
		for (var i = 0; i < n; i++) out.push(hex2(bytes[i]));
		var s = '[Uint8Contents]: <' + out.join(' ');
		var rest = bytes.length - ctx.maxArrayLength;
		if (rest > 0) s += ' ... ' + rest + ' more byte' + (rest > 1 ? 's' : '');
		return s + '>';
	}

	/* node's getFunctionBase / getClassBase. The kind of a lowered async
	 * function or generator comes from the mark rt/fnkind.js keeps, a
	 * class from rt/class.js's (node reads both from the engine). */
	function functionBase(v, ctor, tag) {
		var n = fnName(v);
		if (cc.isClass && cc.isClass(v)) {
			var b = 'class ' + (n === '' ? '(anonymous)' : n);
			if (ctor !== 'Function' && ctor !== null) b += ' [' + ctor + ']';
			if (tag !== '' && ctor !== tag) b += ' [' + tag + ']';
			if (ctor !== null) {
				var sup = tryGet(function () { return getProto(v); }, null);
				var sn = sup ? tryGet(function () { return sup.name; }, '') : '';
				if (sn) b += ' extends ' + sn;
			} else {
				b += ' extends [null prototype]';
			}
			return '[' + b + ']';
		}
		var type = cc.functionKind ? cc.functionKind(v) : 'Function';
		var base = '[' + type;
		if (ctor === null) base += ' (null prototype)';
		base += n === '' ? ' (anonymous)' : ': ' + n;
		base += ']';
		if (ctor !== type && ctor !== null) base += ' ' + ctor;
		if (tag !== '' && ctor !== tag) base += ' [' + tag + ']';
		return base;
	}

	/* node's getBoxedBase: [Number: 3], [String (MyStr): 'x'] [tag]. */
	function boxedBase(v, type, keys, ctor, tag) {
		var prim = tryGet(function () { return global[type].prototype.valueOf.call(v); }, undefined);
		var b = '[' + type;
		if (type !== ctor) b += ctor === null ? ' (null prototype)' : ' (' + ctor + ')';
		b += ': ' + formatPrimitive(prim) + ']';
		if (tag !== '' && tag !== ctor) b += ' [' + tag + ']';
		return b;
	}

	/* The keys node prints for an error besides its stack: name, message
	 * and stack only when the stack does not already show them; cause (own
	 * or not, enumerable or not) and an AggregateError's errors always. */
	function errorKeys(err, keys, stack) {
		var out = [];
		for (var i = 0; i < keys.length; i++) {
			var k = keys[i];
			if (k === 'name' || k === 'message' || k === 'stack') {
				var val = tryGet(function () { return err[k]; }, undefined);
				if (stack.indexOf(String(val)) !== -1) continue;
			}
			out.push(k);
		}
		if (tryGet(function () { return 'cause' in err; }, false) && out.indexOf('cause') === -1) out.push('cause');
		var errs = tryGet(function () { return err.errors; }, undefined);
		if (Array.isArray(errs) && out.indexOf('errors') === -1) out.push('errors');
		return out;
	}

	function formatRaw(ctx, v, recurseTimes) {
		var otag = tagOf(v);
		var ctor = constructorName(v);
		var tag = toStringTagOf(v);
		var keys = ctx.showHidden && typeof v !== 'function' && !isError(v) ? allOwnKeys(v) : ownKeys(v).concat(ownSymbols(v));
		var base = '', braces = ['{', '}'], formatter = null, isArrayLike = false;
		var len, coll, pstate, iter, kind = cc.collectionKind ? cc.collectionKind(v) : undefined;
		var nonIndex = function (k) { return typeof k === 'symbol' || !isIndexKey(k); };

		if (otag === '[object Array]') {
			len = tryGet(function () { return v.length >>> 0; }, 0);
			keys = keys.filter(nonIndex);
			braces = [(ctor !== 'Array' || tag !== '' ? prefix(ctor, tag, 'Array', '(' + len + ')') : '') + '[', ']'];
			if (len === 0 && keys.length === 0) return braces[0] + ']';
			isArrayLike = true;
			formatter = function (c, out) { return formatList(c, v, recurseTimes, len, out); };
		} else if (kind === 'Map' || kind === 'Set') {
			coll = collectionEntries(v, kind === 'Map', ctx.maxArrayLength);
			braces = [prefix(ctor, tag, kind, '(' + coll.size + ')') + '{', '}'];
			if (coll.size === 0 && keys.length === 0) return braces[0] + '}';
			/* not array-like: node groups arrays into columns, never a Set
			 * (one line if it fits, else one entry per line) */
			formatter = function (c, out) {
				c.indentationLvl += 2;
				for (var i = 0; i < coll.entries.length; i++)
					out.push(kind === 'Map' ? formatValue(c, coll.entries[i][0], recurseTimes) + ' => ' +
						formatValue(c, coll.entries[i][1], recurseTimes) : formatValue(c, coll.entries[i][0], recurseTimes));
				c.indentationLvl -= 2;
				if (coll.size > coll.entries.length) out.push(moreItems(coll.size - coll.entries.length));
				return out;
			};
		} else if (typeof cc.isBuffer === 'function' && tryGet(function () { return cc.isBuffer(v); }, false)) {
			/* node prints a Buffer's bytes in hex: <Buffer 68 69> */
			return cc.inspectBuffer(v);
		} else if (TYPED.test(otag)) {
			len = tryGet(function () { return v.length >>> 0; }, 0);
			var tname = otag.slice(8, -1);
			keys = keys.filter(nonIndex);
			braces = [prefix(ctor, tag, tname, '(' + len + ')') + '[', ']'];
			if (len === 0 && keys.length === 0) return braces[0] + ']';
			isArrayLike = true;
			formatter = function (c, out) {
				var shown = Math.min(c.maxArrayLength, len);
				for (var i = 0; i < shown; i++) out.push(formatPrimitive(tryGet(function () { return v[i]; }, 0)));
				if (len > shown) out.push(moreItems(len - shown));
				return out;
			};
		} else if ((iter = cc.previewIterator ? tryGet(function () { return cc.previewIterator(v, ctx.maxArrayLength); }, undefined) : undefined)) {
			/* node's formatIterator: [Map Entries] { [ 'a', 1 ] } */
			var itag = iter.type + ' Iterator';
			var label = tag !== itag ? (tag !== '' ? tag + '] [' : '') + itag : itag;
			if (iter.pairs) label = label.replace(/ Iterator$/, ' Entries');
			braces = ['[' + label + '] {', '}'];
			formatter = function (c, out) {
				c.indentationLvl += 2;
				for (var i = 0; i < iter.items.length; i++) {
					var it = iter.items[i];
					out.push(iter.pairs ? reduceToSingleString(c, [formatValue(c, it[0], recurseTimes),
						formatValue(c, it[1], recurseTimes)], '', ['[', ']'], true, recurseTimes) : formatValue(c, it, recurseTimes));
				}
				c.indentationLvl -= 2;
				if (iter.left > 0) out.push(moreItems(iter.left));
				return out;
			};
		} else if (typeof v === 'function') {
			base = functionBase(v, ctor, tag);
			if (keys.length === 0) return base;
		} else if (ctor === 'Object' && otag !== '[object Error]') {
			if (otag === '[object Arguments]') braces[0] = '[Arguments] {';
			else if (tag !== '') braces[0] = prefix(ctor, tag, 'Object', '') + '{';
			if (keys.length === 0) return braces[0] + '}';
		} else if (otag === '[object RegExp]') {
			base = tryGet(function () { return RegExp.prototype.toString.call(v); }, '/(?:)/');
			var rp = prefix(ctor, tag, 'RegExp', '');
			if (rp !== 'RegExp ') base = rp + base;
			if (keys.length === 0 || recurseTimes > ctx.depth) return base;
		} else if (otag === '[object Date]') {
			base = tryGet(function () {
				var t = Date.prototype.getTime.call(v);
				return t !== t ? 'Invalid Date' : Date.prototype.toISOString.call(v);
			}, 'Invalid Date');
			var dp = prefix(ctor, tag, 'Date', '');
			if (dp !== 'Date ') base = dp + base;
			if (keys.length === 0) return base;
		} else if (isError(v)) {
			base = formatError(ctx, v);
			keys = errorKeys(v, keys, base);
			if (keys.length === 0) return base;
		} else if (otag === '[object ArrayBuffer]') {
			braces[0] = prefix(ctor, tag, 'ArrayBuffer', '') + '{';
			keys.unshift('byteLength');
			formatter = function (c, out) { out.push(arrayBufferContents(c, v)); return out; };
		} else if (otag === '[object DataView]') {
			braces[0] = prefix(ctor, tag, 'DataView', '') + '{';
			/* .buffer last: it is not a primitive like the others */
			keys.unshift('byteLength', 'byteOffset', 'buffer');
		} else if ((pstate = promiseState(v))) {
			braces[0] = prefix(ctor, tag, 'Promise', '') + '{';
			formatter = function (c, out) {
				if (pstate.state === 'pending') {
					out.push('<pending>');
				} else {
					c.indentationLvl += 2;
					var s = formatValue(c, pstate.value, recurseTimes);
					c.indentationLvl -= 2;
					out.push(pstate.state === 'rejected' ? '<rejected> ' + s : s);
				}
				return out;
			};
		} else if (kind === 'WeakSet' || kind === 'WeakMap') {
			braces[0] = prefix(ctor, tag, kind, '') + '{';
			formatter = function (c, out) { out.push('<items unknown>'); return out; };
		} else if (otag === '[object Number]' || otag === '[object String]' || otag === '[object Boolean]' || otag === '[object Symbol]') {
			var t = otag.slice(8, -1);
			/* a boxed string's index keys are its characters: node drops them */
			if (t === 'String') keys = keys.filter(nonIndex);
			base = boxedBase(v, t, keys, ctor, tag);
			if (keys.length === 0) return base;
		} else {
			braces[0] = ctxStyle(v, ctor, tag) + '{';
			if (keys.length === 0) return braces[0] + '}';
		}

		if (recurseTimes > ctx.depth || ctx.spent > BUDGET) {
			var cn = ctxStyle(v, ctor, tag).slice(0, -1);
			return ctor !== null ? '[' + cn + ']' : cn;
		}
		recurseTimes++;
		ctx.seen.push(v);
		ctx.currentDepth = recurseTimes;
		var output = [];
		if (formatter) output = formatter(ctx, output);
		var nk = Math.min(keys.length, MAX_KEYS);
		for (var i = 0; i < nk; i++) output.push(formatProperty(ctx, v, recurseTimes, keys[i], false));
		if (keys.length > nk) output.push('... ' + (keys.length - nk) + ' more properties');
		if (ctx.showHidden && ctor !== null && typeof v !== 'function') addPrototypeProperties(ctx, v, recurseTimes, output);
		ctx.seen.pop();

		if (ctx.circular !== null) {
			var ci = ctx.circular.objs.indexOf(v);
			if (ci !== -1) {
				var ref = '<ref *' + ctx.circular.ids[ci] + '>';
				base = base === '' ? ref : ref + ' ' + base;
			}
		}
		var res = reduceToSingleString(ctx, output, base, braces, isArrayLike, recurseTimes, v);
		ctx.spent += res.length;
		return res;
	}

	/* node's getStringWidth without ICU: columns a string takes, East
	 * Asian wide characters and the common emoji 2, combining marks and
	 * control characters 0 (console.table and array columns align by it). */
	function isFullWidth(c) {
		return c >= 0x1100 && (c <= 0x115f || c === 0x2329 || c === 0x232a ||
			(c >= 0x2e80 && c <= 0x3247 && c !== 0x303f) || (c >= 0x3250 && c <= 0x4dbf) ||
			(c >= 0x4e00 && c <= 0xa4c6) || (c >= 0xa960 && c <= 0xa97c) || (c >= 0xac00 && c <= 0xd7a3) ||
			(c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe10 && c <= 0xfe19) || (c >= 0xfe30 && c <= 0xfe6b) ||
			(c >= 0xff01 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1b000 && c <= 0x1b001) ||
			(c >= 0x1f200 && c <= 0x1f251) || (c >= 0x1f300 && c <= 0x1f64f) || (c >= 0x20000 && c <= 0x3fffd));
	}
	function isZeroWidth(c) {
		return c <= 0x1f || (c >= 0x7f && c <= 0x9f) || (c >= 0x300 && c <= 0x36f) || (c >= 0x200b && c <= 0x200f) ||
			(c >= 0x20d0 && c <= 0x20ff) || (c >= 0xfe00 && c <= 0xfe0f) || (c >= 0xfe20 && c <= 0xfe2f) ||
			(c >= 0xe0100 && c <= 0xe01ef);
	}
	function stringWidth(s) {
		var w = 0;
		for (var i = 0; i < s.length; i++) {
			var c = s.charCodeAt(i);
			if (c < 127) { w += c >= 32 ? 1 : 0; continue; }
			if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
				var lo = s.charCodeAt(i + 1);
				if (lo >= 0xdc00 && lo <= 0xdfff) { c = (c - 0xd800) * 0x400 + lo - 0xdc00 + 0x10000; i++; }
			}
			w += isFullWidth(c) ? 2 : isZeroWidth(c) ? 0 : 1;
		}
		return w;
	}

	function padStart(s, n) { while (s.length < n) s = ' ' + s; return s; }
	function padEnd(s, n) { while (s.length < n) s += ' '; return s; }

	/* node's groupArrayElements: arrays of more than 6 short entries are
	 * printed in aligned columns. */
	function groupArrayElements(ctx, output, value) {
		var totalLength = 0, maxLength = 0, i = 0;
		var outputLength = output.length;
		/* the "... n more items" entry is not grouped */
		if (ctx.maxArrayLength < output.length) outputLength--;
		var separatorSpace = 2;
		var dataLen = new Array(outputLength);
		for (; i < outputLength; i++) {
			var l = stringWidth(output[i]);
			dataLen[i] = l;
			totalLength += l + separatorSpace;
			if (maxLength < l) maxLength = l;
		}
		var actualMax = maxLength + separatorSpace;
		if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength && (totalLength / actualMax > 5 || maxLength <= 6)) {
			var averageBias = Math.sqrt(actualMax - totalLength / output.length);
			var biasedMax = Math.max(actualMax - 3 - averageBias, 1);
			var columns = Math.min(
				Math.round(Math.sqrt(2.5 * biasedMax * outputLength) / biasedMax),
				Math.floor((ctx.breakLength - ctx.indentationLvl) / actualMax),
				COMPACT * 4,
				15);
			if (columns <= 1) return output;
			var tmp = [], maxLineLength = [];
			for (i = 0; i < columns; i++) {
				var lineLength = 0;
				for (var j = i; j < output.length; j += columns)
					if (dataLen[j] > lineLength) lineLength = dataLen[j];
				maxLineLength.push(lineLength + separatorSpace);
			}
			var order = padStart;
			if (value !== undefined) {
				for (i = 0; i < output.length; i++) {
					var item = tryGet(function () { return value[i]; }, undefined);
					if (typeof item !== 'number' && typeof item !== 'bigint') { order = padEnd; break; }
				}
			}
			for (i = 0; i < outputLength; i += columns) {
				var max = Math.min(i + columns, outputLength), str = '', k = i;
				/* padded to columns, not characters (node's padding) */
				for (; k < max - 1; k++) str += order(output[k] + ', ', maxLineLength[k - i] + output[k].length - dataLen[k]);
				if (order === padStart) str += padStart(output[k], maxLineLength[k - i] + output[k].length - dataLen[k] - separatorSpace);
				else str += output[k];
				tmp.push(str);
			}
			if (outputLength < output.length) tmp.push(output[outputLength]);
			output = tmp;
		}
		return output;
	}

	function reduceToSingleString(ctx, output, base, braces, isArrayLike, recurseTimes, value) {
		var entries = output.length;
		if (isArrayLike && entries > 6) output = groupArrayElements(ctx, output, value);
		if (ctx.currentDepth - recurseTimes < COMPACT && entries === output.length) {
			var start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
			var total = output.length + start, fits = total + output.length <= ctx.breakLength;
			for (var i = 0; fits && i < output.length; i++) {
				total += output[i].length;
				if (total > ctx.breakLength) fits = false;
			}
			if (fits && base.indexOf('\n') === -1) {
				var joined = output.join(', ');
				if (joined.indexOf('\n') === -1)
					return (base ? base + ' ' : '') + braces[0] + ' ' + joined + ' ' + braces[1];
			}
		}
		var ind = '\n' + new Array(ctx.indentationLvl + 1).join(' ');
		return (base ? base + ' ' : '') + braces[0] + ind + '  ' + output.join(',' + ind + '  ') + ind + braces[1];
	}

	/* opts: node's depth (null: no limit), maxArrayLength, breakLength;
	 * read as data, once (console.dir passes the program's object). */
	function inspect(v, opts) {
		var depth = INSPECT_DEPTH, maxArray = MAX_ARRAY, breakLength = BREAK_LENGTH;
		if (opts !== null && typeof opts === 'object') {
			var d = tryGet(function () { return opts.depth; }, undefined);
			var m = tryGet(function () { return opts.maxArrayLength; }, undefined);
			var b = tryGet(function () { return opts.breakLength; }, undefined);
			var h = tryGet(function () { return opts.showHidden; }, undefined);
			if (d === null) depth = Infinity;
			else if (typeof d === 'number') depth = d;
			if (m === null) maxArray = Infinity;
			else if (typeof m === 'number') maxArray = Math.max(0, m);
			if (typeof b === 'number') breakLength = b;
		}
		try {
			var ctx = newCtx(depth, maxArray, breakLength);
			ctx.showHidden = h === true;
			return formatValue(ctx, v, 0);
		} catch (e) {
			/* Only a RangeError from a pathological structure or an
			 * out-of-memory error can get here. */
			return '[uninspectable value: ' + tryGet(function () { return String(e && e.message); }, 'error') + ']';
		}
	}

	/* ------------------------------------------------------------------
	 * console: node's util.format over the arguments, one log frame each.
	 * ------------------------------------------------------------------ */

	function hasBuiltinToString(v) {
		var ts = tryGet(function () { return v.toString; }, undefined);
		return ts === Object.prototype.toString || ts === Error.prototype.toString ||
			ts === Array.prototype.toString || ts === Date.prototype.toString ||
			ts === Function.prototype.toString || ts === RegExp.prototype.toString || typeof ts !== 'function';
	}

	function fmtArg(v) {
		return typeof v === 'string' ? v : inspect(v);
	}

	function format(args) {
		var first = args[0], a = 1, str = '';
		if (typeof first === 'string' && args.length > 1 && first.indexOf('%') !== -1) {
			var last = 0;
			for (var i = 0; i < first.length - 1; i++) {
				if (first.charCodeAt(i) !== 37) continue; /* '%' */
				var c = first.charAt(i + 1), rep = null;
				if (c === '%') {
					str += first.slice(last, i) + '%';
					last = i + 2;
					i++;
					continue;
				}
				if (a >= args.length || 'sdifjoOc'.indexOf(c) === -1) continue;
				var arg = args[a];
				switch (c) {
				case 's':
					if (typeof arg === 'number') rep = formatNumber(arg);
					else if (typeof arg === 'bigint') rep = String(arg) + 'n';
					else if (arg === null || (typeof arg !== 'object' && typeof arg !== 'function')) rep = tryGet(function () { return String(arg); }, 'Symbol()');
					else if (!hasBuiltinToString(arg)) rep = tryGet(function () { return String(arg); }, null);
					if (rep === null) rep = inspect(arg, { depth: 0 });
					break;
				/* node: Number(x), parseInt(x), parseFloat(x) of anything but
				 * a symbol (an object too: '%d' of [7] is 7) */
				case 'd':
					if (typeof arg === 'bigint') rep = String(arg) + 'n';
					else rep = typeof arg === 'symbol' ? 'NaN' : formatNumber(tryGet(function () { return Number(arg); }, NaN));
					break;
				case 'i':
					if (typeof arg === 'bigint') rep = String(arg) + 'n';
					else rep = typeof arg === 'symbol' ? 'NaN' : formatNumber(tryGet(function () { return parseInt(arg); }, NaN));
					break;
				case 'f':
					rep = typeof arg === 'symbol' ? 'NaN' : formatNumber(tryGet(function () { return parseFloat(arg); }, NaN));
					break;
				case 'j':
					rep = tryGet(function () { var s = JSON.stringify(arg); return s === undefined ? 'undefined' : s; }, '[Circular]');
					break;
				case 'o':
					rep = inspect(arg, { depth: 4, showHidden: true });
					break;
				case 'O':
					rep = inspect(arg);
					break;
				case 'c':
					rep = '';
					break;
				}
				str += first.slice(last, i) + rep;
				last = i + 2;
				i++;
				a++;
			}
			str += first.slice(last);
		} else {
			str = fmtArg(first);
		}
		for (; a < args.length; a++) str += ' ' + fmtArg(args[a]);
		return args.length === 0 ? '' : str;
	}

	var groupIndent = '';

	function emit(level, msg) {
		if (groupIndent !== '') msg = groupIndent + msg.split('\n').join('\n' + groupIndent);
		try {
			cc.send({ t: 'log', level: level, msg: msg });
		} catch (e) {
			/* Too large for one frame: keep what surely fits (a character
			 * takes at most 6 bytes once JSON-escaped). */
			var keep = Math.max(0, Math.floor((cc.maxFrame() - 256) / 6));
			var cut = msg.length - keep;
			cc.send({ t: 'log', level: level, msg: msg.slice(0, keep) + '... [log message truncated: ' + cut + ' more characters]' });
		}
	}

	function logger(level) {
		return function () {
			emit(level, format(Array.prototype.slice.call(arguments)));
		};
	}

	/* ------------------------------------------------------------------
	 * console.table: node's Console#table and internal/cli_table.
	 * ------------------------------------------------------------------ */

	function repeat(ch, n) { return new Array(n + 1).join(ch); }

	function renderRow(row, widths) {
		var out = '\u2502 ';
		for (var i = 0; i < row.length; i++) {
			out += row[i] + repeat(' ', widths[i] - stringWidth(row[i]));
			if (i !== row.length - 1) out += ' \u2502 ';
		}
		return out + ' \u2502';
	}

	/* head: column titles; columns: one array of cell strings per title
	 * (a missing cell is empty). */
	function renderTable(head, columns) {
		var rows = [], widths = [], longest = 0, i, j;
		for (i = 0; i < head.length; i++) widths.push(stringWidth(head[i]));
		for (i = 0; i < columns.length; i++) longest = Math.max(longest, columns[i].length);
		for (i = 0; i < head.length; i++) {
			for (j = 0; j < longest; j++) {
				if (rows[j] === undefined) rows[j] = [];
				var cell = rows[j][i] = hasOwn.call(columns[i], j) ? columns[i][j] : '';
				widths[i] = Math.max(widths[i] || 0, stringWidth(cell));
			}
		}
		var divider = [];
		for (i = 0; i < widths.length; i++) divider.push(repeat('\u2500', widths[i] + 2));
		var out = '\u250c' + divider.join('\u252c') + '\u2510\n' + renderRow(head, widths) + '\n' +
			'\u251c' + divider.join('\u253c') + '\u2524\n';
		for (i = 0; i < rows.length; i++) out += renderRow(rows[i], widths) + '\n';
		return out + '\u2514' + divider.join('\u2534') + '\u2518';
	}

	/* A cell: node inspects it on one line, an object of more than two keys
	 * only to depth -1 ([Object]), at most 3 array items. */
	function tableCell(v) {
		var deep = v !== null && typeof v === 'object' && !Array.isArray(v) && ownKeys(v).length > 2;
		return inspect(v, { depth: deep ? -1 : 0, maxArrayLength: 3, breakLength: Infinity });
	}

	function indexColumn(n) {
		var out = [];
		for (var i = 0; i < n; i++) out.push(tableCell(i));
		return out;
	}

	function table(data, props) {
		if (props !== undefined && !Array.isArray(props)) {
			var e = new TypeError('The "properties" argument must be an instance of Array. Received ' +
				(cc.describe ? cc.describe(props) : typeof props));
			e.code = 'ERR_INVALID_ARG_TYPE';
			throw e;
		}
		if (data === null || typeof data !== 'object') return format([data]);
		var i, keys = [], values = [];
		var iter = cc.previewIterator ? tryGet(function () { return cc.previewIterator(data, Infinity); }, undefined) : undefined;
		var kind = cc.collectionKind ? cc.collectionKind(data) : undefined;
		if ((iter && iter.pairs) || kind === 'Map') {
			var pairs = iter ? iter.items : collectionEntries(data, true, Infinity).entries;
			for (i = 0; i < pairs.length; i++) {
				keys.push(tableCell(pairs[i][0]));
				values.push(tableCell(pairs[i][1]));
			}
			return renderTable(['(iteration index)', 'Key', 'Values'], [indexColumn(pairs.length), keys, values]);
		}
		if (iter || kind === 'Set') {
			var items = iter ? iter.items : collectionEntries(data, false, Infinity).entries;
			for (i = 0; i < items.length; i++) values.push(tableCell(iter ? items[i] : items[i][0]));
			return renderTable(['(iteration index)', 'Values'], [indexColumn(items.length), values]);
		}
		var map = {}, mapKeys = [], hasPrimitives = false, primValues = [];
		var index = ownKeys(data);
		for (i = 0; i < index.length; i++) {
			var item = tryGet(function () { return data[index[i]]; }, undefined);
			var primitive = item === null || (typeof item !== 'function' && typeof item !== 'object');
			if (props === undefined && primitive) {
				hasPrimitives = true;
				primValues[i] = tableCell(item);
				continue;
			}
			var cols = props || ownKeys(item);
			for (var k = 0; k < cols.length; k++) {
				var col = String(cols[k]);
				if (!hasOwn.call(map, col)) { map[col] = []; mapKeys.push(col); }
				var has = !primitive && tryGet(function () { return hasOwn.call(item, cols[k]); }, false);
				map[col][i] = has ? tableCell(tryGet(function () { return item[cols[k]]; }, undefined)) : '';
			}
		}
		var head = ['(index)'], columns = [index];
		for (i = 0; i < mapKeys.length; i++) { head.push(mapKeys[i]); columns.push(map[mapKeys[i]]); }
		if (hasPrimitives) { head.push('Values'); columns.push(primValues); }
		return renderTable(head, columns);
	}

	var counts = {}, timers = {};
	var console = {
		log: logger('log'),
		info: logger('info'),
		warn: logger('warn'),
		error: logger('error'),
		debug: logger('debug'),
		trace: function () {
			var e = new Error(format(Array.prototype.slice.call(arguments)));
			var st = tryGet(function () { return programStack(e, String(e.stack)); }, '');
			emit('error', 'Trace: ' + st.replace(/^Error: /, ''));
		},
		dir: function (v, opts) { emit('log', inspect(v, opts)); },
		/* node: warn('Assertion failed: ' + first, ...rest), the first
		 * argument joined as a string and then used as the format */
		assert: function (cond) {
			if (cond) return;
			var rest = Array.prototype.slice.call(arguments, 1);
			rest[0] = 'Assertion failed' + (rest.length ? ': ' + tryGet(function () { return String(rest[0]); }, '') : '');
			emit('warn', format(rest));
		},
		count: function (label) {
			label = label === undefined ? 'default' : String(label);
			counts[label] = (hasOwn.call(counts, label) ? counts[label] : 0) + 1;
			emit('info', label + ': ' + counts[label]);
		},
		countReset: function (label) { delete counts[label === undefined ? 'default' : String(label)]; },
		time: function (label) { timers[label === undefined ? 'default' : String(label)] = cc.nowMs(); },
		timeLog: function (label) {
			label = label === undefined ? 'default' : String(label);
			if (!hasOwn.call(timers, label)) return emit('warn', "Warning: No such label '" + label + "' for console.timeLog()");
			var extra = Array.prototype.slice.call(arguments, 1);
			emit('info', label + ': ' + (cc.nowMs() - timers[label]).toFixed(3) + 'ms' + (extra.length ? ' ' + format(extra) : ''));
		},
		timeEnd: function (label) {
			label = label === undefined ? 'default' : String(label);
			if (!hasOwn.call(timers, label)) return emit('warn', "Warning: No such label '" + label + "' for console.timeEnd()");
			emit('info', label + ': ' + (cc.nowMs() - timers[label]).toFixed(3) + 'ms');
			delete timers[label];
		},
		group: function () {
			if (arguments.length) emit('log', format(Array.prototype.slice.call(arguments)));
			groupIndent += '  ';
		},
		groupEnd: function () { groupIndent = groupIndent.slice(2); },
		table: function (data, props) { emit('log', table(data, props)); }
	};
	console.groupCollapsed = console.group;
	hidden(global, 'console', console);

	/* ------------------------------------------------------------------
	 * Requests to the supervisor: tool calls (and fs/fetch for the I/O
	 * modules). Replies come back through __cc.deliver from the C loop.
	 * ------------------------------------------------------------------ */

	var nextId = 1, pending = {}, pendingCount = 0;
	/* perf: the intrinsic Promise, captured before any program runs. A
	 * request made while global.Promise is still this one takes a promise
	 * with no executor and no resolving closures (cc.newPromise, promise.js:
	 * ~10 us less per tool call in Duktape); a program that replaced
	 * global.Promise still gets its own constructor's promises. */
	var IntrinsicPromise = global.Promise;
	var fastPromise = typeof cc.newPromise === 'function' && typeof cc.resolvePromise === 'function' &&
		typeof cc.rejectPromise === 'function';
	/* Requests past the supervisor's in-flight window (start.maxInflight)
	 * wait here, in order, and go out as replies free slots: a program may
	 * fan out to any number of calls while the supervisor's table stays
	 * bounded. 0 = no window known (an old supervisor): send at once. */
	var inflightWindow = 0, sentCount = 0, waiting = [], waitHead = 0;
	/* Callbacks of the ES5 form run from here when the runtime library has
	 * no microtask queue. */
	var localJobs = [];

	function enqueue(fn, arg) {
		if (typeof cc.enqueueJob === 'function') cc.enqueueJob(fn, arg);
		else localJobs.push([fn, arg]);
	}

	var errorCtors = { Error: Error, TypeError: TypeError, RangeError: RangeError, SyntaxError: SyntaxError,
		ReferenceError: ReferenceError, EvalError: EvalError, URIError: URIError };

	function replyError(err) {
		var name = err && typeof err.name === 'string' ? err.name : 'Error';
		var message = err && typeof err.message === 'string' ? err.message : 'the request failed';
		var C = hasOwn.call(errorCtors, name) ? errorCtors[name] : Error;
		var e = new C(message);
		if (e.name !== name) hidden(e, 'name', name);
		return e;
	}

	function settleRequest(entry, ok, value) {
		if (entry.p) {
			if (ok) cc.resolvePromise(entry.p, value);
			else cc.rejectPromise(entry.p, addSite(value, entry.site));
		} else if (entry.cb) {
			var cb = entry.cb;
			enqueue(function () { if (ok) cb(null, value); else cb(value); }, undefined);
		} else if (ok) {
			entry.resolve(value);
		} else {
			entry.reject(value);
		}
	}

	/* Sends the request of entry; a frame the channel refuses (too large)
	 * settles it with that error at once. */
	function transmit(id, entry) {
		var msg = entry.msg;
		entry.msg = null;
		try { cc.send(msg); } catch (e) {
			delete pending[id];
			pendingCount--;
			settleRequest(entry, false, e);
			return;
		}
		entry.sent = true;
		sentCount++;
	}

	function pumpWaiting() {
		while (waitHead < waiting.length && (inflightWindow === 0 || sentCount < inflightWindow)) {
			var id = waiting[waitHead];
			waiting[waitHead++] = undefined;
			if (hasOwn.call(pending, id)) transmit(id, pending[id]);
		}
		if (waitHead === waiting.length) { waiting = []; waitHead = 0; }
	}

	/* kind: 'tool' | 'fs' | 'fetch'. Sends {t: kind, id, ...payload}, or
	 * queues it while the window is full. Returns a Promise, or undefined
	 * when cb (node-style) is given. */
	var unwire = cc.unwire;

	function request(kind, payload, cb, site) {
		var msg = { t: kind, id: 0 };
		for (var k in payload) if (hasOwn.call(payload, k)) msg[k] = payload[k];
		return requestMsg(msg, cb, site);
	}

	/* request() for a message built whole by the caller ({t, id: 0, ...}, in
	 * the order it is sent): the tool path, which saves the copy (~3 us in
	 * Duktape per call). */
	function requestMsg(msg, cb, site) {
		var id = nextId++;
		msg.id = id;
		/* tool: its reply's value crossed the tool bridge (bytes tags) */
		var entry = { msg: msg, sent: false, tool: msg.t === 'tool' };
		function place() {
			pending[id] = entry;
			pendingCount++;
			if (inflightWindow === 0 || sentCount < inflightWindow) transmit(id, entry);
			else waiting.push(id);
		}
		if (typeof cb === 'function') {
			entry.cb = cb;
			place();
			return undefined;
		}
		var P = global.Promise;
		if (P === IntrinsicPromise && fastPromise) {
			/* The call site is added when the reply rejects (settleRequest),
			 * not by a derived promise: one promise per call, not two. */
			entry.p = cc.newPromise();
			entry.site = site;
			place();
			return entry.p;
		}
		if (typeof P !== 'function')
			throw new TypeError('no Promise in this runtime: pass a callback (err, value) as the last argument');
		return withSite(new P(function (resolve, reject) {
			entry.resolve = resolve;
			entry.reject = reject;
			place();
		}), site);
	}

	/* mayTag: false when the reply's text cannot hold a bytes tag (the C
	 * loop looked), so a big reply is not walked for nothing. */
	function deliver(id, ok, value, error, mayTag) {
		if (!hasOwn.call(pending, id) || !pending[id].sent) return false;
		var entry = pending[id];
		delete pending[id];
		pendingCount--;
		sentCount--;
		pumpWaiting();
		var outcome = ok ? value : replyError(error);
		if (ok && entry.tool && mayTag !== false) {
			/* {"$bytes": base64} becomes a Uint8Array (docs/PROTOCOL.md,
			 * Binary values); a malformed tag rejects the call. */
			try { outcome = unwire(value); } catch (e) { ok = false; outcome = e; }
		}
		settleRequest(entry, ok, outcome);
		return true;
	}

	/* Where the program called a tool: its caller's activation (Duktape.act:
	 * -1 is act itself, -2 callSite, -3 the tool function, -4 its caller), as
	 * "FILE:LINE" in generated lines that mapLines maps back. */
	var dukAct = typeof Duktape === 'object' && Duktape && typeof Duktape.act === 'function' ? Duktape.act : null;
	function callSite() {
		if (!dukAct) return null;
		var a = dukAct(-4);
		if (!a || typeof a.lineNumber !== 'number' || !a['function'] || a['function'].fileName !== programFile) return null;
		return programFile + ':' + a.lineNumber;
	}
	/* A rejected tool call's error is made when the reply arrives, with no
	 * frame of the program; node's stack names the line of the call (the
	 * await). Give it that frame. */
	function addSite(e, site) {
		if (site && e !== null && typeof e === 'object') {
			var st = tryGet(function () { return e.stack; }, undefined);
			if (typeof st === 'string' && st.indexOf(programFile + ':') < 0) {
				var nl = st.indexOf('\n');
				tryGet(function () { e.stack = (nl < 0 ? st : st.slice(0, nl)) + '\n    at ' + site; }, undefined);
			}
		}
		return e;
	}
	function withSite(p, site) {
		if (!site || !p || typeof p.then !== 'function') return p;
		return p.then(undefined, function (e) { throw addSite(e, site); });
	}

	function makeTool(ns, name) {
		var f = function () {
			/* perf: array literals for the usual argument counts (they
			 * define, as slice does; the runtime's spec-exact slice costs
			 * ~5 us in Duktape). */
			var n = arguments.length, cb;
			var args = n === 0 ? [] : n === 1 ? [arguments[0]] : n === 2 ? [arguments[0], arguments[1]] :
				n === 3 ? [arguments[0], arguments[1], arguments[2]] : Array.prototype.slice.call(arguments);
			if (args.length && typeof args[args.length - 1] === 'function') cb = args.pop();
			if (cb) return requestMsg({ t: 'tool', id: 0, ns: ns, name: name, args: args }, cb);
			return requestMsg({ t: 'tool', id: 0, ns: ns, name: name, args: args }, undefined, callSite());
		};
		try { defProp(f, 'name', { value: name, configurable: true }); } catch (e) { /* keep anonymous */ }
		return f;
	}

	/* null tool list = any name: a Proxy makes a tool function for any
	 * string property, except 'then' (so the namespace is never mistaken
	 * for a promise) and 'toJSON'. */
	function makeNamespace(ns, tools) {
		if (tools === null) {
			var cache = {};
			return new Proxy({}, {
				get: function (target, key) {
					if (typeof key !== 'string' || key === 'then' || key === 'toJSON') return undefined;
					if (!hasOwn.call(cache, key)) cache[key] = makeTool(ns, key);
					return cache[key];
				},
				has: function (target, key) { return typeof key === 'string' && key !== 'then' && key !== 'toJSON'; }
			});
		}
		var obj = {}, names = [];
		for (var i = 0; i < tools.length; i++) {
			var name = tools[i];
			if (typeof name !== 'string' || name === 'then') continue;
			obj[name] = makeTool(ns, name);
			names.push(name);
		}
		/* A tool the host does not have: as in codemode's executors, the
		 * call rejects with `Tool "ns.x" not found`, and names the tools
		 * that exist so a model can repair the call (rather than
		 * "x is not a function"). Nothing is sent. */
		var missing = {};
		return new Proxy(obj, {
			get: function (target, key, receiver) {
				if (typeof key !== 'string' || key in target) return target[key];
				if (key === 'then' || key === 'toJSON') return undefined;
				if (!hasOwn.call(missing, key)) {
					missing[key] = (function (k) {
						var f = function () {
							var e = new Error('Tool "' + ns + '.' + k + '" not found; the tools are: ' +
								(names.length ? names.join(', ') : '(none)'));
							var args = Array.prototype.slice.call(arguments);
							if (args.length && typeof args[args.length - 1] === 'function') {
								var cb = args.pop();
								enqueue(function () { cb(e); }, undefined);
								return undefined;
							}
							return global.Promise.reject(e);
						};
						try { defProp(f, 'name', { value: k, configurable: true }); } catch (ignored) { /* anonymous */ }
						return f;
					})(key);
				}
				return missing[key];
			}
		});
	}

	/* ------------------------------------------------------------------
	 * The run: setup, evaluation, the result rule, the pump.
	 * ------------------------------------------------------------------ */

	var envObj = {};
	var firstNamespace;
	var programFile = 'main.js';
	var lineMap = null, colMap = null;
	var settled = false, finished = false, outcome = { ok: true, value: undefined };
	/* A plain script (its completion value is neither a function nor a
	 * thenable) ends like a node script: once its timers and requests are
	 * done. Code-mode shapes (a function, a promise) end when their value
	 * settles, as in Worker-based executors: later timers are abandoned. */
	var drainFirst = false;

	function setup(namespaces, env, filename, maxInflight) {
		programFile = filename;
		if (typeof maxInflight === 'number' && maxInflight >= 1 && maxInflight === Math.floor(maxInflight))
			inflightWindow = maxInflight;
		if (namespaces && typeof namespaces === 'object') {
			for (var ns in namespaces) {
				if (!hasOwn.call(namespaces, ns) || ns === '__cc') continue;
				var list = namespaces[ns];
				var obj = makeNamespace(ns, list === null ? null : (Object.prototype.toString.call(list) === '[object Array]' ? list : []));
				if (firstNamespace === undefined) firstNamespace = obj;
				defProp(global, ns, { value: obj, writable: true, configurable: true, enumerable: false });
			}
		}
		/* __cc is frozen by now (shallowly): fill the env object in place. */
		if (env && typeof env === 'object')
			for (var k in env) if (hasOwn.call(env, k) && typeof env[k] === 'string') envObj[k] = env[k];
		if (typeof global.process === 'undefined') hidden(global, 'process', { env: envObj });
		return true;
	}

	function settle(ok, v) {
		if (settled) return;
		settled = true;
		outcome = { ok: ok, value: v };
	}

	/* Follows thenables (any object with a callable then, not only the
	 * runtime's Promise) until a plain value or a rejection. */
	function adopt(v, top) {
		if (v !== null && (typeof v === 'object' || typeof v === 'function')) {
			var then;
			try { then = v.then; } catch (e) { settle(false, e); return; }
			if (typeof then === 'function') {
				if (top) drainFirst = false;
				var done = false;
				try {
					then.call(v, function (x) { if (!done) { done = true; adopt(x); } },
						function (e) { if (!done) { done = true; settle(false, e); } });
				} catch (e) {
					if (!done) { done = true; settle(false, e); }
				}
				return;
			}
		}
		settle(true, v);
	}

	function mapLines(stack) {
		if (!lineMap || typeof stack !== 'string') return stack;
		var needle = programFile + ':';
		var out = '', from = 0, at;
		while ((at = stack.indexOf(needle, from)) !== -1) {
			var end = at + needle.length, m = /^\d+/.exec(stack.slice(end, end + 12));
			if (!m) { out += stack.slice(from, end); from = end; continue; }
			var ln = Number(m[0]), mapped = lineMap[ln - 1];
			var col = colMap && mapped > 0 ? colMap[ln - 1] : 0;
			out += stack.slice(from, end) + (mapped > 0 ? mapped : ln) + (col > 0 ? ':' + col : '');
			from = end + m[0].length;
		}
		return out + stack.slice(from);
	}

	/* Drops the frames of our own machinery (prelude, runtime, compiler
	 * helpers, Duktape's C internals) from a stack: the program's author
	 * should see their frames, as node shows theirs, not ours. */
	var INTERNAL_FRAME = /^\s+at .*\((?:guest\/(?:prelude|runtime|compiler\/rt)\/[^)]*|duk_[a-z_]+\.c:\d+)\)/;
	/* Duktape appends call flags to a frame ("... strict tailcall"). */
	var FRAME_FLAGS = /(?: (?:strict|tailcall|preventsyield|construct|native|internal))+$/;
	function userFrames(stack) {
		if (typeof stack !== 'string') return stack;
		var lines = stack.split('\n'), out = [];
		for (var i = 0; i < lines.length; i++)
			if (i === 0) out.push(lines[i]);
			else if (!INTERNAL_FRAME.test(lines[i]))
				out.push(lines[i].replace(FRAME_FLAGS, '').replace(/^(\s+at )\[anon\] \((.*)\)$/, '$1$2'));
		return out.join('\n');
	}

	/* An error's stack in the program's terms: generated lines mapped back
	 * to source line:column, the guest's own frames dropped, and a failing
	 * call V8 would blame at its own column (messages.js found the one call
	 * site on the line) pointed there. */
	function programStack(e, stack) {
		stack = userFrames(mapLines(stack));
		var at = cc.errorSourcePos ? tryGet(function () { return e[cc.errorSourcePos]; }, undefined) : undefined;
		if (at && typeof at[0] === 'number' && typeof at[1] === 'number') {
			var k = stack.indexOf(programFile + ':');
			if (k >= 0) {
				var from = k + programFile.length + 1;
				var pos = /^(\d+)(?::\d+)?/.exec(stack.slice(from, from + 24));
				if (pos && Number(pos[1]) === at[0])
					stack = stack.slice(0, from) + at[0] + ':' + at[1] + stack.slice(from + pos[0].length);
			}
		}
		return stack;
	}

	function str(v, dflt) {
		if (typeof v === 'string') return v;
		if (v === undefined || v === null) return dflt;
		return tryGet(function () { return String(v); }, dflt);
	}

	/* {name, message, stack} for any thrown value. */
	function errorInfo(e) {
		if (e !== null && typeof e === 'object') {
			var name = str(tryGet(function () { return e.name; }, undefined), 'Error');
			var message = str(tryGet(function () { return e.message; }, undefined), '');
			var stack = tryGet(function () { return e.stack; }, undefined);
			if (typeof stack !== 'string') {
				stack = name + (message ? ': ' + message : '');
				if (typeof e.line === 'number' && e.line > 0)
					stack += '\n    at ' + programFile + ':' + e.line + (e.column > 0 ? ':' + e.column : '');
				if (!isError(e) && name === 'Error' && message === '') message = inspect(e);
			}
			return { name: name, message: message, stack: programStack(e, stack) };
		}
		var text = typeof e === 'string' ? e : inspect(e);
		return { name: 'Error', message: text, stack: 'Uncaught ' + inspect(e) };
	}

	function run(program, compileError, map, cmap) {
		if (map) lineMap = map;
		if (cmap) colMap = cmap;
		if (compileError !== undefined) { settle(false, compileError); return true; }
		var v;
		try {
			v = program.call(global);
			drainFirst = typeof v !== 'function';
			if (typeof v === 'function') v = v.call(undefined, firstNamespace);
		} catch (e) {
			settle(false, e);
			return true;
		}
		adopt(v, true);
		return true;
	}

	/* At most this many unhandled rejections are listed in the result. */
	var MAX_UNHANDLED = 20;

	function finish() {
		finished = true;
		var msg = { t: 'result', ok: outcome.ok };
		if (outcome.ok) {
			if (outcome.value !== undefined) msg.value = outcome.value;
		} else {
			msg.error = errorInfo(outcome.value);
		}
		var un = typeof cc.takeUnhandled === 'function' ? tryGet(function () { return cc.takeUnhandled(); }, []) : [];
		if (un && un.length) {
			msg.unhandled = [];
			for (var i = 0; i < un.length && i < MAX_UNHANDLED; i++) {
				var info = errorInfo(un[i]);
				msg.unhandled.push({ name: info.name, message: info.message });
			}
		}
		if (!outcome.ok && cc.heapHit()) msg.limit = 'memory';
		try {
			cc.send(msg);
		} catch (e) {
			var why = str(tryGet(function () { return e.message; }, undefined), 'unknown error');
			var tooLarge = why.indexOf('frame too large') === 0;
			var fail = { t: 'result', ok: false, error: {
				name: tooLarge ? 'RangeError' : 'TypeError',
				message: (tooLarge ? 'result is too large to send: ' : 'result is not JSON-serialisable: ') + why,
				stack: '' } };
			if (msg.unhandled) fail.unhandled = msg.unhandled;
			if (cc.heapHit()) fail.limit = 'memory';
			cc.send(fail);
		}
	}

	function runJobs() {
		while (localJobs.length) {
			var batch = localJobs;
			localJobs = [];
			for (var i = 0; i < batch.length; i++) {
				try {
					batch[i][0](batch[i][1]);
				} catch (e) {
					/* An exception thrown by a callback ends the program like
					 * an uncaught exception in node. */
					settle(false, e);
				}
			}
		}
		if (typeof cc.runJobs === 'function') cc.runJobs();
	}

	/* Called by the C loop. Runs due work; returns how long C may wait for
	 * a reply (ms, -1 = until one arrives). Sends the result when settled. */
	function pump() {
		if (finished) return -1;
		for (var round = 0; ; round++) {
			runJobs();
			if (typeof cc.runTimers === 'function') cc.runTimers();
			runJobs();
			if (settled && (!drainFirst || !outcome.ok)) { finish(); return 0; }
			var next = typeof cc.nextTimer === 'function' ? cc.nextTimer() : -1;
			if (localJobs.length || next === 0) {
				/* Let C check fd 3 between rounds so replies are not
				 * starved by a chain of zero-delay timers. */
				if (round < 8) continue;
				return 0;
			}
			if (next < 0 && pendingCount === 0) {
				if (settled) { finish(); return 0; }
				settle(false, new Error('the program\'s result never settled: it awaits something that ' +
					'nothing will resolve (no tool call in flight, no timer pending)'));
				finish();
				return 0;
			}
			/* Requests in flight keep the run alive; an unref'd timer
			 * (AbortSignal.timeout) does not, but it still fires while we
			 * wait for them, as in node. */
			if (next < 0 && typeof cc.nextDue === 'function') next = cc.nextDue();
			return next;
		}
	}

	cc.env = envObj;
	cc.inspect = inspect;
	cc.format = format;
	cc.request = request;
	cc.deliver = deliver;
	cc.setup = setup;
	cc.run = run;
	cc.pump = pump;
	cc.errorInfo = errorInfo;
	/* The program's source line for a generated line of the program file,
	 * or -1 (messages.js names callees with it). */
	cc.origLine = function (gen, file) {
		if (file !== programFile || !lineMap || typeof gen !== 'number') return -1;
		var m = lineMap[gen - 1];
		return m > 0 ? m : -1;
	};
	cc.pendingCount = function () { return pendingCount; };
})(new Function('return this')());
