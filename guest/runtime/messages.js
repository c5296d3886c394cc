/* messages.js: rewrites the messages of errors Duktape raises itself into
 * the wording node (V8) uses, so a program — and the model reading its
 * result — sees `Cannot read properties of undefined (reading 'x')`, not
 * Duktape's `cannot read property 'x' of undefined`.
 * Runs in: guest prelude (ES5). Input: Error objects as Duktape creates them.
 *
 * Duktape.errCreate is called for every error created, by the engine or by
 * a constructor call; only messages that match Duktape's own internal
 * formats exactly are touched, and only their text (name, stack trace and
 * identity are kept; Duktape formats `stack` from the current message).
 * Where V8 names the expression (`o.foo is not a function`) Duktape only
 * knows the value or the property, so that is what the message names. */
(function () {
	'use strict';
	if (typeof Duktape !== 'object' || !Duktape)
		return;

	/* The key as V8 prints it inside (reading '...'): Duktape quotes
	 * string keys, prints indices bare and symbols as [Symbol ...]. */
	function key(k) {
		if (k.charAt(0) === "'" && k.charAt(k.length - 1) === "'")
			return k.slice(1, -1);
		var sym = /^\[Symbol (?:wellknown |global |local )?'\??(.*?)\??'\]$/.exec(k);
		if (sym)
			return 'Symbol(' + sym[1] + ')';
		return k;
	}

	/* The compiler's callee table (guest/compiler/callees.h): entries
	 * [line, column, kind, key, text]; kind 0 = member call, 1 = other
	 * call, 2 = new. Read once, on the first error that needs it. */
	var calleeList = null;
	/* [line, column] in the source of the failing call, for the result's
	 * stack (core.js errorInfo); shared through __cc. */
	var K_POS = null;
	/* The internal object, captured now: the global __cc is sealed before
	 * the program runs (ccapi.h). */
	var CC = new Function('return this')().__cc;
	/* Where the guest puts the table for this run, as JSON (guest/main.c):
	 * not a global the program could see. Mutable while __cc is frozen. */
	var calleeTable = { json: null };
	var parseJSON = JSON.parse;
	(function () {
		var cc0 = CC;
		if (cc0 && typeof cc0.hidden === 'function') {
			K_POS = cc0.hidden('ErrorSourcePos');
			cc0.errorSourcePos = K_POS;
		}
		if (cc0)
			cc0.calleeTable = calleeTable;
	})();
	function callees() {
		if (calleeList === null) {
			calleeList = [];
			try {
				if (typeof calleeTable.json === 'string') {
					calleeList = parseJSON(calleeTable.json);
				} else {
					/* jsc-cli's output under plain duk appends it instead */
					var G = new Function('return this')();
					if (typeof G.__jsc_callees === 'function') calleeList = G.__jsc_callees();
				}
			} catch (ignored) {
			}
		}
		return calleeList;
	}
	/* What V8 would name: the callee text of the call site that failed.
	 * The error's line (the statement's, mapped back to the source) must
	 * match, except for a member call whose property name occurs with one
	 * text only in the whole program. null: fall back to Duktape's name. */
	function calleeText(e, kind, key) {
		var list = callees();
		if (!list.length) return null;
		var line = -1;
		try {
			var cc = CC;
			if (cc && typeof cc.origLine === 'function') line = cc.origLine(e.lineNumber, e.fileName);
		} catch (ignored) {
		}
		var same = null, any = null, sameMany = false, anyMany = false, sameEntry = null, sameCount = 0;
		for (var i = 0; i < list.length; i++) {
			var en = list[i];
			/* a computed key ("" in the table) matches on its line only */
			var computed = kind === 0 && en[3] === '';
			if (en[2] !== kind || (kind === 0 && en[3] !== key && !computed)) continue;
			if (!computed) {
				if (any === null) any = en[4];
				else if (any !== en[4]) anyMany = true;
			}
			if (en[0] === line) {
				if (same === null) same = en[4];
				else if (same !== en[4]) sameMany = true;
				sameEntry = en;
				sameCount++;
			}
		}
		/* One call site on the line: the stack can point at it (core.js). */
		if (sameCount === 1 && K_POS) {
			try {
				Object.defineProperty(e, K_POS, { value: [sameEntry[0], sameEntry[1]], writable: true, configurable: true });
			} catch (ignored2) {
			}
		}
		if (same !== null && !sameMany) return same;
		if (line < 0 || kind !== 0 || same !== null) return null;
		return any !== null && !anyMany ? any : null;
	}

	var rules = [
		[/^cannot read property (.+) of (null|undefined)$/, function (m) {
			return 'Cannot read properties of ' + m[2] + " (reading '" + key(m[1]) + "')";
		}],
		[/^cannot write property (.+) of (null|undefined)$/, function (m) {
			return 'Cannot set properties of ' + m[2] + " (setting '" + key(m[1]) + "')";
		}],
		[/^identifier '(.+)' undefined$/, function (m) {
			/* the compiler prints a program's `__cc` as `__cc$` (jsc.h) */
			return (/^__cc\$+$/.test(m[1]) ? m[1].slice(0, -1) : m[1]) + ' is not defined';
		}],
		[/^(.+) not callable \(property (.+) of .*\)$/, function (m, e) {
			var k = key(m[2]);
			return (calleeText(e, 0, k) || k) + ' is not a function';
		}],
		[/^(.+) not callable$/, function (m, e) {
			/* "X is not callable" is node's wording already (duk_v8msg.c,
			 * the runtime): Duktape's own says "X not callable" */
			if (/ is$/.test(m[1]))
				return m[0];
			return (calleeText(e, 1, '') || m[1]) + ' is not a function';
		}],
		[/^(.+) not constructable$/, function (m, e) {
			return (calleeText(e, 2, '') || m[1]) + ' is not a constructor';
		}],
		[/^invalid (?:array )?length$/, function () {
			return 'Invalid array length';
		}],
		[/^invalid json \(at offset (\d+)\)$/, function (m) {
			return 'Unexpected token in JSON at position ' + m[1];
		}]
	];

	/* toFixed/toPrecision/toExponential: Duktape says "number outside
	 * range" for a bad digits argument; V8 names the method and the range.
	 * The check runs before the native with the argument already converted
	 * (ToIntegerOrInfinity), as the spec orders it. */
	var NP = Number.prototype;
	[['toFixed', 0, 'toFixed() digits argument must be between 0 and 100'],
		['toExponential', 0, 'toExponential() argument must be between 0 and 100'],
		['toPrecision', 1, 'toPrecision() argument must be between 1 and 100']].forEach(function (m) {
		var native = NP[m[0]], lo = m[1], msg = m[2], name = m[0];
		/* The native is handed the converted digits: converting them again
		 * would call a valueOf twice (the spec converts once). */
		function f(self, digits) {
			if (typeof self !== 'number' && Object.prototype.toString.call(self) !== '[object Number]')
				throw new TypeError('Number.prototype.' + name + " requires that 'this' be a Number");
			if (digits === undefined) return native.call(self, digits);
			var d = Number(digits);
			d = d !== d ? 0 : (d < 0 ? Math.ceil(d) : Math.floor(d));
			/* toExponential/toPrecision of a non-finite number ignore the range. */
			if ((d < lo || d > 100) && (name === 'toFixed' || isFinite(Number(self))))
				throw new RangeError(msg);
			return native.call(self, d);
		}
		var w = { toFixed(d) { return f(this, d); },
			toExponential(d) { return f(this, d); },
			toPrecision(d) { return f(this, d); } }[name];
		Object.defineProperty(NP, name, { value: w, writable: true, enumerable: false, configurable: true });
	});

	var previous = Duktape.errCreate;
	Duktape.errCreate = function (e) {
		if (typeof previous === 'function')
			e = previous(e);
		if (e === null || typeof e !== 'object')
			return e;
		var msg;
		try {
			msg = e.message;
		} catch (ignored) {
			return e;
		}
		if (typeof msg !== 'string' || msg.length > 2000)
			return e;
		for (var i = 0; i < rules.length; i++) {
			var m = rules[i][0].exec(msg);
			if (m) {
				try {
					e.message = rules[i][1](m, e);
				} catch (ignored2) {
				}
				break;
			}
		}
		return e;
	};
})();
