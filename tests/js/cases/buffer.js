// Buffer: from/alloc/concat/byteLength/isBuffer/compare, encodings (utf8, hex, base64, base64url, latin1, ucs2), slice sharing memory, fixed-width reads/writes, errors.
var s = 'héllo wörld';
var b = Buffer.from(s);
console.log(b.length, b.toString('base64'), b.toString('hex'), Buffer.byteLength(s), b.toString('base64url'), b.toString('latin1').length);
console.log(Buffer.from(b.toString('base64'), 'base64').toString(), Buffer.from('68656c6c6f', 'hex').toString(), Buffer.from('aGk', 'base64url').toString());
console.log(b.toString("hex"), Buffer.from([1, 2, 255, 256]).toString("hex"), Buffer.alloc(3).toString("hex"), Buffer.alloc(5, "ab").toString(), JSON.stringify(Buffer.from('hi')));
var c = Buffer.concat([Buffer.from('ab'), Buffer.from('cd'), new Uint8Array([101])]);
console.log(c.toString(), c instanceof Uint8Array, Buffer.isBuffer(c), Buffer.isBuffer(new Uint8Array(1)), c.slice(1, 3).toString(), c.subarray(-2).toString());
var sl = c.slice(0, 2); sl[0] = 122; console.log(c.toString(), c.equals(Buffer.from('zbcde')), Buffer.compare(Buffer.from('a'), Buffer.from('b')));
var w = Buffer.alloc(8); w.writeUInt32BE(0xdeadbeef, 0); w.writeInt16LE(-2, 4); console.log(w.toString('hex'), w.readUInt32BE(0), w.readInt16LE(4), w.readUint8(0));
console.log(Buffer.from('hello world').indexOf('o'), Buffer.from('hello world').includes('wor'), Buffer.from('abc').toString('utf8', 1), Buffer.from('abc').toString('ucs2').length);
try { Buffer.from('x', 'nope'); } catch (e) { console.log(e.name, e.code, e.message); }
try { Buffer.alloc(-1); } catch (e) { console.log(e.name, e.code); }
try { Buffer.from({}); } catch (e) { console.log(e.name, e.code); }
console.log(Buffer.from('€').length, Buffer.from('\uD800').toString('hex'), Buffer.from(new Uint16Array([1, 258])).toString("hex"), Buffer.from(new ArrayBuffer(4), 1, 2).length);
var big = Buffer.alloc(60, 1); console.log(big.length, big[59]);
console.log(Buffer.from('YWJj ZA==', 'base64').toString(), Buffer.from('zz12', 'hex').length, Buffer.from('12zz', 'hex').length, Buffer.isEncoding('UTF-8'), Buffer.isEncoding('nope'));
var wb = Buffer.alloc(6); console.log(wb.write('héllo'), wb.toString(), wb.fill('x', 4).toString());
console.log(typeof Buffer, Buffer.name, Buffer.from.length, Object.getPrototypeOf(Buffer.prototype) === Uint8Array.prototype, String(Buffer.from('abc')));
