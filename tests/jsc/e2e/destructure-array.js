// Array destructuring read in place (lower_pattern.c destructure_array_fast,
// rt/iter.js darr) and Map/Set stepped by their tables (runtime/collections.js
// collStep, init's array path): every line is node's answer.
function show(v) {
	var j = JSON.stringify(v, function (k, x) { return x === undefined ? '<u>' : x; }), out = '';
	for (var i = 0; i < j.length; i++) {
		var c = j.charCodeAt(i);
		out += c < 128 ? j.charAt(i) : '\\u' + c.toString(16);
	}
	return out;
}

function basics(e) {
	const [a, b] = e;
	let [c, , ...r] = e;
	var [x, y, z] = e;
	return show([a, b, c, r, x, y, z]);
}
console.log(basics([1, 2, 3, 4]));
console.log(basics([1]));
console.log(basics([]));
console.log(basics([1, , 3]));
console.log(basics('hé\u{1F600}'));
console.log(basics(new Set(['s1', 's2', 's3'])));
console.log(basics(new Map([['k', 1], ['j', 2]])));
(function () { console.log(basics(arguments)); })(7, 8, 9);
console.log(basics({ length: 2, 0: 'a', 1: 'b', [Symbol.iterator]: Array.prototype[Symbol.iterator] }));

function errs(v) { try { const [a] = v; return show(a); } catch (e) { return e.constructor.name + ': ' + e.message; } }
console.log(errs(null), '|', errs(undefined), '|', errs(5), '|', errs({}));

// A hole reads the prototype, as the iterator's [[Get]] does; the rest too.
Array.prototype[1] = 'proto';
console.log(basics([0, , 2, , 4]));
delete Array.prototype[1];

// Getters on elements run in order and see the array change.
function withGetters() {
	const log = [];
	const arr = [0, 1, 2];
	Object.defineProperty(arr, 0, { get() { log.push('get0 len=' + arr.length); arr.length = 1; return 'g0'; } });
	const [p, q, ...rest] = arr;
	const arr2 = [0];
	Object.defineProperty(arr2, 0, { get() { log.push('get0'); arr2.push('late'); return 'x'; } });
	const [s, t, u] = arr2;
	return show([p, q, rest, s, t, u, log]);
}
console.log(withGetters());

// A replaced array iterator is called, and closed when the pattern stops early.
function patched() {
	const log = [];
	const saved = Array.prototype[Symbol.iterator];
	Array.prototype[Symbol.iterator] = function () {
		let i = 0; const self = this;
		log.push('iter');
		return { next() { log.push('next'); return i < self.length ? { value: self[i++] * 10, done: false } : { value: undefined, done: true }; },
			return() { log.push('return'); return {}; } };
	};
	try {
		const [a, b] = [1, 2, 3];
		let c, d;
		[c, d] = [4, 5];
		const [...all] = [6, 7];
		return show([a, b, c, d, all, log]);
	} finally {
		Array.prototype[Symbol.iterator] = saved;
	}
}
console.log(patched());

// Assignment: swaps and member targets with setters.
function swaps() {
	let a = 1, b = 2;
	[a, b] = [b, a];
	const arr = [5, 6, 7];
	[arr[0], arr[2]] = [arr[2], arr[0]];
	const log = [];
	const o = { set x(v) { log.push('x=' + v); }, set y(v) { log.push('y=' + v); } };
	const res = ([o.x, o.y, , o.z] = [1, 2, 3]);
	let u, w;
	[u, ...w] = [9, , 11];
	return show([a, b, arr, log, o.z, res, u, w, 1 in w]);
}
console.log(swaps());

// for-of with a destructuring head over entries of every kind.
function loops() {
	const out = [];
	for (const [k, v] of Object.entries({ a: 1, b: 2 })) out.push(k + v);
	const m = new Map([['x', 1], ['y', 2], ['z', 3]]);
	for (const [k, v] of m) { out.push(k + v); if (k === 'x') { m.delete('y'); m.set('w', 4); } }
	for (const [i, ch] of ['p', 'q'].entries()) out.push(i + ch);
	const s = new Set([3, 1, 3, 2]);
	for (const v of s) { out.push(v); if (v === 1) s.add(9); }
	for (const k of m.keys()) out.push(k);
	for (const v of m.values()) out.push(v);
	for (const [v1, v2] of s.entries()) out.push(v1 === v2);
	const it = m.entries();
	for (const [k] of it) { out.push('first ' + k); break; }
	out.push(show(it.next()), show([...it]), show(it.next()));
	out.push(show([...m]), show([...s]), show([...m.values()]), show(Array.from(m.keys())));
	return out.join(' ');
}
console.log(loops());

// Replaced Map/Set iteration is honoured.
function replaced() {
	const log = [];
	const m = new Map([[1, 'a']]);
	const s = new Set([1, 2]);
	const MP = Map.prototype, SP = Set.prototype;
	const MapIterProto = Object.getPrototypeOf(new Map().entries());
	const savedNext = MapIterProto.next, savedIt = SP[Symbol.iterator];
	MapIterProto.next = function () { log.push('next'); return savedNext.call(this); };
	for (const [k, v] of m) log.push(k + v);
	MapIterProto.next = savedNext;
	SP[Symbol.iterator] = function* () { yield 'own'; };
	log.push(show([...s]));
	SP[Symbol.iterator] = savedIt;
	const IterProto = Object.getPrototypeOf(MapIterProto);
	IterProto.return = function () { log.push('return'); return {}; };
	for (const v of s) { log.push(v); break; }
	delete IterProto.return;
	for (const v of s) { log.push(v); break; }
	return show(log);
}
console.log(replaced());

// Constructors from arrays: order, getters, replaced adders, errors.
function ctors() {
	const log = [];
	const arr = [1, 2, 2, -0, NaN, NaN];
	Object.defineProperty(arr, 1, { get() { log.push('get1'); arr.push(99); return 2; } });
	const s = new Set(arr);
	log.push(show([...s]), Object.is([...s][2], -0), s.size);
	const m = new Map([['a', 1], ['b', 2], ['a', 3], [-0, 'z']]);
	log.push(show([...m]), m.get(0));
	try { new Map([['ok', 1], 5]); } catch (e) { log.push(e.constructor.name + ': ' + e.message); }
	try { new Map([null]); } catch (e) { log.push(e.constructor.name + ': ' + e.message); }
	const add = Set.prototype.add;
	Set.prototype.add = function (v) { log.push('add ' + v); return add.call(this, v); };
	new Set(['p', 'q']);
	Set.prototype.add = add;
	const AIP = Object.getPrototypeOf([][Symbol.iterator]());
	AIP.return = function () { log.push('closed'); return {}; };
	try { new Map([[1, 1], 'bad']); } catch (e) { log.push(e.constructor.name); }
	const bad = [[1, 1], [2, 2]];
	Object.defineProperty(bad, 1, { get() { throw new Error('getter'); } });
	try { new Map(bad); } catch (e) { log.push(e.message); }
	delete AIP.return;
	return show(log);
}
console.log(ctors());

// Object.fromEntries from arrays (and from a Map) in order, last write wins.
function fromEntries() {
	const o = Object.fromEntries([['b', 1], ['a', 2], ['b', 3], [1, 'one'], ['__proto__', 'own']]);
	const p = Object.fromEntries(new Map([['m', 1]]));
	let err;
	try { Object.fromEntries([1]); } catch (e) { err = e.constructor.name + ': ' + e.message; }
	return show([Object.keys(o), o.b, o.__proto__, Object.getPrototypeOf(o) === Object.prototype, p, err]);
}
console.log(fromEntries());
