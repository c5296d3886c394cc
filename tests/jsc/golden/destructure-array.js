// Which array patterns read an array in place (__cc.darr) and which step
// an iterator (__cc.iter/next): lower_pattern.c fast_array_pattern.
var top = [1, 2];
var [t1, t2] = top;          // top level: names are the global object's: iterator
function decl(e) {
	const [a, b] = e;        // in place
	let [c, , ...r] = e;     // in place, hole and rest
	const [d = 1] = e;       // a default runs code between steps: iterator
	const [[n]] = e;         // outer (a pattern inside): iterator; inner (names): in place
	for (const [k, v] of e) a + k + v; // in place
	let x, y;
	[x, y] = e;              // assignment from a value that may be shared: iterator
	[x, y] = [y, x];         // a fresh array literal: in place
	[e.p, e.q] = [1, 2];     // members, fresh literal: in place
	[x, ...y] = [...e];      // spread in the literal: iterator
	return [a, b, c, r, d, n, x, y];
}
