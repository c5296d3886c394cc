/*
 * fs.js: the global `fs` object, a subset of node:fs/promises whose every
 * operation is a `fs` request answered by the supervisor (docs/FILESYSTEM.md).
 * Runs in: guest, a lazy unit loaded on first use (trusted bytecode). Input: arguments
 * from untrusted user code; replies from the supervisor.
 * Binary data crosses as base64; there is no Buffer, so bytes are Uint8Array.
 */
(function (cc) {
	'use strict';
	/* A lazy unit (guest/runtime/lazy.js): run with `this` = the internal __cc. */
	var G = cc.global;

	/* ---- bytes <-> strings (fetch.js gets them as this unit's value) ---- */

	var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
	var B64REV = {};
	for (var bi = 0; bi < 64; bi++) B64REV[B64.charAt(bi)] = bi;

	function b64encode(u8) {
		var out = [], i = 0, n = u8.length, v;
		for (; i + 2 < n; i += 3) {
			v = (u8[i] << 16) | (u8[i + 1] << 8) | u8[i + 2];
			out.push(B64.charAt(v >> 18) + B64.charAt((v >> 12) & 63) + B64.charAt((v >> 6) & 63) + B64.charAt(v & 63));
		}
		if (i < n) {
			v = (u8[i] << 16) | (i + 1 < n ? u8[i + 1] << 8 : 0);
			out.push(B64.charAt(v >> 18) + B64.charAt((v >> 12) & 63) +
				(i + 1 < n ? B64.charAt((v >> 6) & 63) : '=') + '=');
		}
		return out.join('');
	}

	function b64decode(s) {
		s = String(s).replace(/[\s=]+/g, '');
		var out = new Uint8Array(Math.floor(s.length * 3 / 4)), o = 0, acc = 0, bits = 0;
		for (var i = 0; i < s.length; i++) {
			var v = B64REV[s.charAt(i)];
			if (v === undefined) throw new TypeError('invalid base64 data');
			acc = ((acc << 6) | v) & 0xffffff;
			bits += 6;
			if (bits >= 8) { bits -= 8; out[o++] = (acc >> bits) & 0xff; }
		}
		return o === out.length ? out : out.subarray(0, o);
	}

	function utf8encode(str) {
		str = String(str);
		var out = [], i = 0;
		for (; i < str.length; i++) {
			var c = str.charCodeAt(i);
			if (c >= 0xd800 && c <= 0xdbff && i + 1 < str.length) {
				var d = str.charCodeAt(i + 1);
				if (d >= 0xdc00 && d <= 0xdfff) { c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00); i++; }
				else c = 0xfffd;
			} else if (c >= 0xd800 && c <= 0xdfff) {
				c = 0xfffd; /* lone surrogate, as TextEncoder does */
			}
			if (c < 0x80) out.push(c);
			else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
			else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
			else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
		}
		return new Uint8Array(out);
	}

	/* Decodes UTF-8 with U+FFFD for malformed sequences (TextDecoder's default). */
	function utf8decode(u8) {
		var parts = [], chunk = [], i = 0, n = u8.length;
		function push(cp) {
			if (cp >= 0x10000) { cp -= 0x10000; chunk.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 1023)); }
			else chunk.push(cp);
			if (chunk.length > 4096) { parts.push(String.fromCharCode.apply(null, chunk)); chunk = []; }
		}
		while (i < n) {
			var c = u8[i], need = 0, cp = 0, min = 0;
			if (c < 0x80) { push(c); i++; continue; }
			if (c >= 0xc2 && c <= 0xdf) { need = 1; cp = c & 31; min = 0x80; }
			else if (c >= 0xe0 && c <= 0xef) { need = 2; cp = c & 15; min = 0x800; }
			else if (c >= 0xf0 && c <= 0xf4) { need = 3; cp = c & 7; min = 0x10000; }
			else { push(0xfffd); i++; continue; }
			var j = 1;
			for (; j <= need && i + j < n && (u8[i + j] & 0xc0) === 0x80; j++) cp = (cp << 6) | (u8[i + j] & 63);
			if (j <= need) { push(0xfffd); i += j; continue; } /* truncated: resume at the odd byte */
			if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
				push(0xfffd);
				i += need + 1;
				continue;
			}
			push(cp);
			i += need + 1;
		}
		parts.push(String.fromCharCode.apply(null, chunk));
		return parts.join('');
	}

	function latin1(u8) {
		var s = [];
		for (var i = 0; i < u8.length; i += 4096)
			s.push(String.fromCharCode.apply(null, Array.prototype.slice.call(u8.subarray(i, i + 4096))));
		return s.join('');
	}

	function hex(u8) {
		var s = [];
		for (var i = 0; i < u8.length; i++) s.push((u8[i] < 16 ? '0' : '') + u8[i].toString(16));
		return s.join('');
	}

	/* Any binary view as a Uint8Array, or null if v is not binary. */
	function asBytes(v) {
		if (v instanceof Uint8Array) return v;
		if (typeof ArrayBuffer === 'function' && v instanceof ArrayBuffer) return new Uint8Array(v);
		if (v && typeof ArrayBuffer === 'function' && ArrayBuffer.isView && ArrayBuffer.isView(v))
			return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
		return null;
	}

	/* {data, encoding} as sent by the supervisor -> Uint8Array */
	function wireBytes(data, encoding) {
		return encoding === 'base64' ? b64decode(data) : utf8encode(data);
	}

	/* Uint8Array or string -> {data, encoding} for the wire (text stays text). */
	function toWire(v, what) {
		if (typeof v === 'string') return { data: v, encoding: 'utf8' };
		var b = asBytes(v);
		if (b) return { data: b64encode(b), encoding: 'base64' };
		throw argTypeError(what, 'a string, Uint8Array, ArrayBuffer or typed array', v);
	}

	var bytes = { b64encode: b64encode, b64decode: b64decode, utf8encode: utf8encode, utf8decode: utf8decode,
		asBytes: asBytes, wireBytes: wireBytes, toWire: toWire, latin1: latin1, hex: hex };

	/* ---- errors like node's ---- */

	function describe(v) {
		if (v === null) return 'null';
		if (v === undefined) return 'undefined';
		if (typeof v === 'string') return "type string ('" + (v.length > 28 ? v.slice(0, 25) + '...' : v) + "')";
		if (typeof v === 'function') return 'function ' + (v.name || '<anonymous>');
		if (typeof v === 'object') return 'an instance of ' + ((v.constructor && v.constructor.name) || 'Object');
		return 'type ' + typeof v + ' (' + String(v) + ')';
	}

	function argTypeError(name, expected, v) {
		var e = new TypeError('The "' + name + '" argument must be ' + expected + '. Received ' + describe(v));
		e.code = 'ERR_INVALID_ARG_TYPE';
		return e;
	}

	function checkPath(p, name) {
		name = name || 'path';
		if (typeof p === 'object' && p !== null && typeof p.href === 'string' && p.protocol === 'file:')
			p = decodeURIComponent(p.pathname);
		if (typeof p !== 'string') throw argTypeError(name, 'of type string', p);
		if (p.indexOf('\u0000') >= 0) {
			var e = new TypeError('The argument \'' + name + '\' must be a string without null bytes. Received ' +
				JSON.stringify(p));
			e.code = 'ERR_INVALID_ARG_VALUE';
			throw e;
		}
		return p;
	}

	/* The supervisor's error carries its node code in the message prefix
	 * ("ENOENT: ..."); expose it as err.code, as node does. */
	function decorate(e, path, syscall) {
		if (e && typeof e === 'object') {
			try {
				if (e.code === undefined) {
					var m = /^([A-Z][A-Z0-9_]+):/.exec(String(e.message));
					if (e.name === 'PermissionDenied') e.code = 'EACCES';
					else if (m && m[1] !== 'PermissionDenied') e.code = m[1];
					else if (/^Path is a directory/.test(String(e.message))) e.code = 'ERR_FS_EISDIR';
				}
				if (e.path === undefined && e.name !== 'TypeError') e.path = path;
				if (e.syscall === undefined && e.name !== 'TypeError') e.syscall = syscall;
			} catch (ignore) { /* frozen error object: leave it */ }
		}
		return e;
	}

	function call(op, payload, syscall) {
		var P = G.Promise;
		payload.op = op;
		var p;
		try {
			p = cc.request('fs', payload);
		} catch (e) {
			return P.reject(e);
		}
		return p.then(null, function (e) { throw decorate(e, payload.path, syscall); });
	}

	/* Runs fn and turns a synchronous throw (bad arguments) into a rejection,
	 * as node's promise API does. */
	function guarded(fn) {
		return function () {
			try {
				return fn.apply(this, arguments);
			} catch (e) {
				return G.Promise.reject(e);
			}
		};
	}

	function encodingOf(options, dflt) {
		if (options === undefined || options === null) return dflt;
		if (typeof options === 'string') return options;
		if (typeof options === 'object') return options.encoding === undefined ? dflt : options.encoding;
		throw argTypeError('options', 'one of type string or an instance of Object', options);
	}

	function normEncoding(enc) {
		if (enc === null || enc === undefined) return null;
		var e = String(enc).toLowerCase();
		if (e === 'utf-8') e = 'utf8';
		if (e === 'binary') e = 'latin1';
		if (e === 'utf8' || e === 'base64' || e === 'hex' || e === 'latin1' || e === 'ascii') return e;
		var err = new TypeError('The argument \'encoding\' is invalid encoding. Received ' + JSON.stringify(enc));
		err.code = 'ERR_INVALID_ARG_VALUE';
		throw err;
	}

	function fromBytes(u8, enc) {
		switch (enc) {
		case null: return u8;
		case 'utf8': return utf8decode(u8);
		case 'base64': return b64encode(u8);
		case 'hex': return hex(u8);
		case 'ascii': return latin1(u8).replace(/[\u0080-\u00ff]/g, function (c) {
			return String.fromCharCode(c.charCodeAt(0) & 0x7f);
		});
		default: return latin1(u8);
		}
	}

	function toBytesFromString(s, enc) {
		switch (enc) {
		case 'base64': return b64decode(s);
		case 'hex':
			var out = new Uint8Array(s.length >> 1);
			for (var i = 0; i < out.length; i++) out[i] = parseInt(s.substr(2 * i, 2), 16) || 0;
			return out;
		case 'latin1':
		case 'ascii':
			var o = new Uint8Array(s.length);
			for (var k = 0; k < s.length; k++) o[k] = s.charCodeAt(k) & 0xff;
			return o;
		default: return null;
		}
	}

	var readFile = guarded(function readFile(path, options) {
		path = checkPath(path);
		var enc = normEncoding(encodingOf(options, null));
		/* Text is asked as utf8 (the supervisor falls back to base64 for
		 * bytes that are not UTF-8); anything else comes as base64. */
		return call('readFile', { path: path, encoding: enc === 'utf8' ? 'utf8' : 'base64' }, 'open')
			.then(function (v) {
				if (enc === 'utf8' && v.encoding === 'utf8') return v.data;
				if (enc === 'base64' && v.encoding === 'base64') return v.data;
				return fromBytes(wireBytes(v.data, v.encoding), enc);
			});
	});

	function writeLike(op) {
		return guarded(function (path, data, options) {
			path = checkPath(path);
			var enc = normEncoding(encodingOf(options, 'utf8'));
			var wire;
			if (typeof data === 'string' && enc !== 'utf8') {
				var b = toBytesFromString(data, enc);
				wire = { data: b64encode(b), encoding: 'base64' };
			} else {
				wire = toWire(data, 'data');
			}
			return call(op, { path: path, data: wire.data, encoding: wire.encoding }, 'open')
				.then(function () { return undefined; });
		});
	}

	function Dirent(name, type, parent) {
		this.name = name;
		this.parentPath = parent;
		this.path = parent;
		Object.defineProperty(this, '_type', { value: type, enumerable: false });
	}
	Dirent.prototype.isFile = function () { return this._type === 'file'; };
	Dirent.prototype.isDirectory = function () { return this._type === 'directory'; };
	Dirent.prototype.isSymbolicLink = function () { return this._type === 'symlink'; };
	Dirent.prototype.isFIFO = Dirent.prototype.isSocket = Dirent.prototype.isBlockDevice =
		Dirent.prototype.isCharacterDevice = function () { return false; };

	var readdir = guarded(function readdir(path, options) {
		path = checkPath(path);
		var withTypes = !!(options && typeof options === 'object' && options.withFileTypes);
		if (options && typeof options === 'object' && options.recursive)
			throw new TypeError('fs.readdir: the recursive option is not supported');
		return call('readdir', { path: path }, 'scandir').then(function (v) {
			var out = [];
			for (var i = 0; i < v.entries.length; i++) {
				var e = v.entries[i];
				out.push(withTypes ? new Dirent(e.name, e.type, path) : e.name);
			}
			return out;
		});
	});

	function Stats(v) {
		this.mode = v.mode;
		this.size = v.size;
		this.mtimeMs = v.mtimeMs;
		this.atimeMs = v.atimeMs;
		this.ctimeMs = v.ctimeMs;
		this.birthtimeMs = v.ctimeMs;
		this.mtime = new Date(v.mtimeMs);
		this.atime = new Date(v.atimeMs);
		this.ctime = new Date(v.ctimeMs);
		this.birthtime = new Date(v.ctimeMs);
		Object.defineProperty(this, '_type', { value: v.type, enumerable: false });
	}
	Stats.prototype = Object.create(Dirent.prototype);
	Stats.prototype.constructor = Stats;

	function statLike(op) {
		return guarded(function (path) {
			path = checkPath(path);
			return call(op, { path: path }, op).then(function (v) { return new Stats(v); });
		});
	}

	var mkdir = guarded(function mkdir(path, options) {
		path = checkPath(path);
		var recursive = !!(options && typeof options === 'object' && options.recursive);
		return call('mkdir', { path: path, recursive: recursive }, 'mkdir').then(function (v) {
			return recursive && typeof v === 'string' ? v : undefined;
		});
	});

	var rm = guarded(function rm(path, options) {
		path = checkPath(path);
		var o = options && typeof options === 'object' ? options : {};
		return call('rm', { path: path, recursive: !!o.recursive, force: !!o.force }, 'rm')
			.then(function () { return undefined; });
	});

	function simple(op, syscall) {
		return guarded(function (path) {
			path = checkPath(path);
			return call(op, { path: path }, syscall).then(function () { return undefined; });
		});
	}

	var rename = guarded(function rename(oldPath, newPath) {
		oldPath = checkPath(oldPath, 'oldPath');
		newPath = checkPath(newPath, 'newPath');
		return call('rename', { path: oldPath, newPath: newPath }, 'rename').then(function () { return undefined; });
	});

	var fs = {
		readFile: readFile,
		writeFile: writeLike('writeFile'),
		appendFile: writeLike('appendFile'),
		readdir: readdir,
		stat: statLike('stat'),
		lstat: statLike('lstat'),
		access: simple('access', 'access'),
		mkdir: mkdir,
		rm: rm,
		unlink: simple('unlink', 'unlink'),
		rmdir: simple('rmdir', 'rmdir'),
		rename: rename,
		constants: { F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1 }
	};
	fs.promises = fs;
	Object.defineProperty(G, 'fs', { value: fs, writable: true, configurable: true, enumerable: false });
	/* The completion value: the byte helpers, for fetch.js (cc.unit). */
	return bytes;
}(this));
