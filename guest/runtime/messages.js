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

	var rules = [
		[/^cannot read property (.+) of (null|undefined)$/, function (m) {
			return 'Cannot read properties of ' + m[2] + " (reading '" + key(m[1]) + "')";
		}],
		[/^cannot write property (.+) of (null|undefined)$/, function (m) {
			return 'Cannot set properties of ' + m[2] + " (setting '" + key(m[1]) + "')";
		}],
		[/^identifier '(.+)' undefined$/, function (m) {
			return m[1] + ' is not defined';
		}],
		[/^(.+) not callable \(property (.+) of .*\)$/, function (m) {
			return key(m[2]) + ' is not a function';
		}],
		[/^(.+) not callable$/, function (m) {
			return m[1] + ' is not a function';
		}],
		[/^(.+) not constructable$/, function (m) {
			return m[1] + ' is not a constructor';
		}],
		[/^invalid json \(at offset (\d+)\)$/, function (m) {
			return 'Unexpected token in JSON at position ' + m[1];
		}]
	];

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
					e.message = rules[i][1](m);
				} catch (ignored2) {
				}
				break;
			}
		}
		return e;
	};
})();
