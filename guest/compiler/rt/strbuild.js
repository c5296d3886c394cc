/* rt/strbuild.js: the piece list behind lower_strbuild.c, which rewrites
 * `s += piece` in a loop so that a long s is copied once at the loop's end,
 * not at every append (Duktape strings are flat).
 * Runs in: guest prelude (trusted code), called by lowered user code; the
 * pieces are strings the lowered code made with `"" + value`, so no user
 * code runs here.
 *
 * A builder B is an array with no prototype (no setter a program puts on
 * Array.prototype or Object.prototype can see an index write): B[0] is the
 * spine, a list holding the string the loop started from and then one
 * chunk per fold; B[1..] are the pieces appended since the last fold. The
 * lowered code appends B[B.length] = piece itself and calls sbFold when
 * B holds more than a fold's worth, so each byte is copied twice in all:
 * into its chunk and into the result. */
(function (cc) {
	'use strict';
	var join = Array.prototype.join, setProto = Object.setPrototypeOf;

	function list() {
		var a = [];
		setProto(a, null);
		return a;
	}

	cc.sbStart = function (s) {
		var spine = list(), b = list();
		spine[0] = s;
		b[0] = spine;
		return b;
	};

	function fold(b) {
		var spine = b[0];
		b[0] = '';
		spine[spine.length] = join.call(b, '');
		b.length = 1;
		b[0] = spine;
	}
	cc.sbFold = fold;

	cc.sbEnd = function (b) {
		if (b.length > 1)
			fold(b);
		var spine = b[0];
		return spine.length === 1 ? spine[0] : join.call(spine, '');
	};
})(__cc);
