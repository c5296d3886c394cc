/*
 * fetch.js: the globals fetch, Headers and Response; every fetch is a `fetch`
 * request the supervisor decides and performs (docs/NETWORK.md).
 * Runs in: guest, a lazy unit loaded on first use (trusted bytecode; fs.js's
 * byte helpers first). Input:
 * arguments from untrusted user code; replies from the supervisor (whose
 * bodies come from untrusted servers).
 */
(function (cc) {
	'use strict';
	/* A lazy unit (guest/runtime/lazy.js): run with `this` = the internal __cc. */
	var G = cc.global;
	var bytes = cc.unit('guest/prelude/fs.js');
	var hasOwn = Object.prototype.hasOwnProperty;

	function def(obj, name, value) {
		Object.defineProperty(obj, name, { value: value, writable: true, configurable: true, enumerable: false });
	}

	function makeIterator(items) {
		var i = 0;
		var it = {
			next: function () {
				return i < items.length ? { value: items[i++], done: false } : { value: undefined, done: true };
			}
		};
		if (typeof Symbol === 'function' && Symbol.iterator) it[Symbol.iterator] = function () { return this; };
		return it;
	}

	var TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

	function normName(name) {
		name = String(name);
		if (!TOKEN.test(name)) throw new TypeError('Headers: invalid header name: ' + JSON.stringify(name));
		return name.toLowerCase();
	}

	function normValue(v) {
		v = String(v).replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
		if (/[\r\n\u0000]/.test(v)) throw new TypeError('Headers: invalid header value: ' + JSON.stringify(v));
		return v;
	}

	/* ---- Headers: an ordered list of [lower-case name, value] ---- */

	function Headers(init) {
		if (!(this instanceof Headers)) throw new TypeError("Class constructor Headers cannot be invoked without 'new'");
		def(this, '_list', []);
		if (init === undefined || init === null) return;
		if (init instanceof Headers) {
			for (var i = 0; i < init._list.length; i++) this._list.push(init._list[i].slice());
		} else if (Array.isArray(init)) {
			for (var j = 0; j < init.length; j++) {
				var pair = init[j];
				if (!pair || pair.length !== 2) throw new TypeError('Headers: each entry must be a [name, value] pair');
				this.append(pair[0], pair[1]);
			}
		} else if (typeof init === 'object') {
			for (var k in init) if (hasOwn.call(init, k)) this.append(k, init[k]);
		} else {
			throw new TypeError('Headers: init must be an object, an array of pairs or a Headers');
		}
	}
	Headers.prototype.append = function (name, value) {
		this._list.push([normName(name), normValue(value)]);
	};
	Headers.prototype['delete'] = function (name) {
		name = normName(name);
		for (var i = this._list.length - 1; i >= 0; i--) if (this._list[i][0] === name) this._list.splice(i, 1);
	};
	Headers.prototype.get = function (name) {
		name = normName(name);
		var vals = [];
		for (var i = 0; i < this._list.length; i++) if (this._list[i][0] === name) vals.push(this._list[i][1]);
		return vals.length ? vals.join(', ') : null;
	};
	Headers.prototype.getSetCookie = function () {
		var vals = [];
		for (var i = 0; i < this._list.length; i++) if (this._list[i][0] === 'set-cookie') vals.push(this._list[i][1]);
		return vals;
	};
	Headers.prototype.has = function (name) {
		name = normName(name);
		for (var i = 0; i < this._list.length; i++) if (this._list[i][0] === name) return true;
		return false;
	};
	Headers.prototype.set = function (name, value) {
		name = normName(name);
		value = normValue(value);
		var done = false;
		for (var i = 0; i < this._list.length; i++) {
			if (this._list[i][0] !== name) continue;
			if (done) { this._list.splice(i--, 1); } else { this._list[i][1] = value; done = true; }
		}
		if (!done) this._list.push([name, value]);
	};
	/* The spec's "sort and combine": by name, same names joined by ", "
	 * (set-cookie kept separate). */
	Headers.prototype._sorted = function () {
		var names = [], seen = {}, out = [];
		for (var i = 0; i < this._list.length; i++) {
			var n = this._list[i][0];
			if (!hasOwn.call(seen, n)) { seen[n] = true; names.push(n); }
		}
		names.sort();
		for (var j = 0; j < names.length; j++) {
			if (names[j] === 'set-cookie') {
				var c = this.getSetCookie();
				for (var k = 0; k < c.length; k++) out.push(['set-cookie', c[k]]);
			} else {
				out.push([names[j], this.get(names[j])]);
			}
		}
		return out;
	};
	Headers.prototype.forEach = function (cb, thisArg) {
		var list = this._sorted();
		for (var i = 0; i < list.length; i++) cb.call(thisArg, list[i][1], list[i][0], this);
	};
	Headers.prototype.entries = function () { return makeIterator(this._sorted()); };
	Headers.prototype.keys = function () {
		return makeIterator(this._sorted().map(function (p) { return p[0]; }));
	};
	Headers.prototype.values = function () {
		return makeIterator(this._sorted().map(function (p) { return p[1]; }));
	};
	if (typeof Symbol === 'function' && Symbol.iterator)
		Headers.prototype[Symbol.iterator] = Headers.prototype.entries;

	/* ---- Response ---- */

	var STATUS_TEXT = { 200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found',
		303: 'See Other', 304: 'Not Modified', 307: 'Temporary Redirect', 308: 'Permanent Redirect',
		400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error' };

	/* body: null, a string, or bytes; kept as {text} or {bytes} until read. */
	function Response(body, init) {
		if (!(this instanceof Response)) throw new TypeError("Class constructor Response cannot be invoked without 'new'");
		init = init || {};
		var status = init.status === undefined ? 200 : Number(init.status);
		if (!(status >= 200 && status <= 599) || status !== Math.floor(status))
			throw new RangeError('Response: status must be in the range 200 to 599, got ' + init.status);
		this.status = status;
		this.statusText = init.statusText === undefined ? '' : String(init.statusText);
		this.ok = status >= 200 && status < 300;
		this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
		this.url = '';
		this.redirected = false;
		this.type = 'default';
		this.bodyUsed = false;
		var b = null;
		if (body !== undefined && body !== null) {
			var raw = bytes.asBytes(body);
			b = raw ? { bytes: new Uint8Array(raw) } : { text: String(body) };
			if (!raw && !this.headers.has('content-type')) this.headers.set('content-type', 'text/plain;charset=UTF-8');
		}
		def(this, '_body', b);
		this.body = b ? {} : null; /* no streams here: only a marker that a body exists */
	}

	function consume(r) {
		var P = G.Promise;
		if (r.bodyUsed) return P.reject(new TypeError('Body is unusable: Body has already been read'));
		r.bodyUsed = true;
		return P.resolve(r._body);
	}

	function bodyText(b) {
		if (!b) return '';
		if (b.text !== undefined) return b.text;
		if (b.wire !== undefined) return b.enc === 'utf8' ? b.wire : bytes.utf8decode(bytes.b64decode(b.wire));
		return bytes.utf8decode(b.bytes);
	}

	function bodyBytes(b) {
		if (!b) return new Uint8Array(0);
		if (b.bytes) return b.bytes;
		if (b.wire !== undefined) return bytes.wireBytes(b.wire, b.enc);
		return bytes.utf8encode(b.text);
	}

	Response.prototype.text = function () { return consume(this).then(bodyText); };
	Response.prototype.json = function () {
		return consume(this).then(function (b) { return JSON.parse(bodyText(b)); });
	};
	Response.prototype.bytes = function () {
		return consume(this).then(function (b) { return new Uint8Array(bodyBytes(b)); });
	};
	Response.prototype.arrayBuffer = function () {
		return consume(this).then(function (b) {
			var u = bodyBytes(b);
			return u.byteOffset === 0 && u.byteLength === u.buffer.byteLength ? u.buffer : new Uint8Array(u).buffer;
		});
	};
	Response.prototype.clone = function () {
		if (this.bodyUsed) throw new TypeError('Response.clone: Body has already been consumed.');
		var c = Object.create(Response.prototype);
		for (var k in this) if (hasOwn.call(this, k)) c[k] = this[k];
		c.headers = new Headers(this.headers);
		def(c, '_body', this._body);
		return c;
	};
	Response.json = function (data, init) {
		var h = new Headers(init && init.headers);
		if (!h.has('content-type')) h.set('content-type', 'application/json');
		var i = {};
		for (var k in init || {}) if (hasOwn.call(init, k)) i[k] = init[k];
		i.headers = h;
		return new Response(JSON.stringify(data), i);
	};
	Response.error = function () {
		var r = Object.create(Response.prototype);
		r.status = 0; r.statusText = ''; r.ok = false; r.headers = new Headers(); r.url = '';
		r.redirected = false; r.type = 'error'; r.bodyUsed = false; r.body = null;
		def(r, '_body', null);
		return r;
	};

	/* Builds a Response from the supervisor's reply value. */
	function fromWire(v) {
		var r = Object.create(Response.prototype);
		r.status = v.status;
		r.statusText = typeof v.statusText === 'string' && v.statusText ? v.statusText : (STATUS_TEXT[v.status] || '');
		r.ok = v.status >= 200 && v.status < 300;
		var h = new Headers();
		for (var i = 0; i < v.headers.length; i++) h._list.push([v.headers[i][0], v.headers[i][1]]);
		r.headers = h;
		r.url = v.url;
		r.redirected = !!v.redirected;
		r.type = 'basic';
		r.bodyUsed = false;
		r.body = {};
		def(r, '_body', { wire: v.body, enc: v.bodyEncoding });
		return r;
	}

	/* ---- fetch ---- */

	function fetch(input, init) {
		var P = G.Promise;
		try {
			init = init || {};
			var url;
			if (typeof input === 'string') url = input;
			else if (input && typeof input === 'object' && typeof input.url === 'string') url = input.url;
			else if (input && typeof input === 'object' && typeof input.href === 'string') url = input.href;
			else url = String(input);
			var method = init.method === undefined ? (input && input.method) || 'GET' : String(init.method);
			var headers = new Headers(init.headers !== undefined ? init.headers : input && input.headers);
			var payload = { url: url, method: method, redirect: init.redirect === undefined ? 'follow' : String(init.redirect) };
			var body = init.body;
			if (body !== undefined && body !== null) {
				var raw = bytes.asBytes(body);
				if (raw) {
					payload.body = bytes.b64encode(raw);
					payload.bodyEncoding = 'base64';
				} else if (typeof body === 'string') {
					payload.body = body;
					payload.bodyEncoding = 'utf8';
					if (!headers.has('content-type')) headers.set('content-type', 'text/plain;charset=UTF-8');
				} else if (G.URLSearchParams && body instanceof G.URLSearchParams) {
					payload.body = String(body);
					payload.bodyEncoding = 'utf8';
					if (!headers.has('content-type'))
						headers.set('content-type', 'application/x-www-form-urlencoded;charset=UTF-8');
				} else {
					throw new TypeError('fetch: body must be a string, Uint8Array, ArrayBuffer, typed array or ' +
						'URLSearchParams (streams, Blob and FormData are not supported)');
				}
			}
			var signal = init.signal;
			if (signal !== undefined && signal !== null && !(G.AbortSignal && signal instanceof G.AbortSignal))
				throw new TypeError("Failed to execute 'fetch': member signal is not of type AbortSignal.");
			/* Aborted before or during the request: reject with the signal's
			 * reason, as node's fetch does. The request itself still runs
			 * to its end in the supervisor; its answer is dropped. */
			if (signal && signal.aborted) return P.reject(signal.reason);
			payload.headers = headers._list.slice();
			var pending = cc.request('fetch', payload).then(fromWire);
			if (!signal) return pending;
			return new P(function (resolve, reject) {
				var onAbort = function () { reject(signal.reason); };
				signal.addEventListener('abort', onAbort, { once: true });
				pending.then(function (r) { signal.removeEventListener('abort', onAbort); resolve(r); },
					function (e) { signal.removeEventListener('abort', onAbort); reject(e); });
			});
		} catch (e) {
			return P.reject(e);
		}
	}

	def(G, 'fetch', fetch);
	def(G, 'Headers', Headers);
	def(G, 'Response', Response);
}(this));
