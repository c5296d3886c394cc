async () => {
  const csv = await codemode.getSalesCsv();
  const enc = new TextEncoder();
  const bytes = enc.encode(csv + '\nüñí 😀');
  function fnv1a(data: Uint8Array) {
    let h = 0x811c9dc5;
    for (const b of data) { h ^= b; h = Math.imul(h, 0x01000193) >>> 0; }
    return h.toString(16).padStart(8, '0');
  }
  function crc32(data: Uint8Array) {
    let c = ~0;
    for (let i = 0; i < data.length; i++) { c ^= data[i]; for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1)); }
    return (~c >>> 0).toString(16);
  }
  const hex = (u: Uint8Array) => Array.from(u, (b) => b.toString(16).padStart(2, '0')).join('');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32be = view.getUint32(0), u32le = view.getUint32(0, true), i16 = view.getInt16(4);
  const f = new Float64Array([0.1, -0, Infinity]);
  const fb = new Uint8Array(f.buffer);
  const dec = new TextDecoder();
  const tail = dec.decode(bytes.subarray(bytes.length - 11));
  const bad = dec.decode(new Uint8Array([0x61, 0xff, 0xc3, 0x62]));
  const b64 = btoa(String.fromCharCode(...bytes.subarray(0, 12)));
  const bits = [~~-5.7, -5 >>> 0, 1 << 31, (1 << 31) >>> 0, 0xffffffff | 0, 5 & -5, 2 ** 32 >> 0, -1 >>> 28];
  console.log(bytes.length, hex(bytes.subarray(0, 8)), bytes.subarray(0, 4));
  return { len: bytes.length, fnv: fnv1a(bytes), crc: crc32(bytes), u32be, u32le, i16, f64: hex(fb), tail, bad, b64, bits,
    sliceIsCopy: bytes.slice(0, 2).buffer !== bytes.buffer, clamp: Array.from(new Uint8ClampedArray([300, -5, 1.5, 2.5])), i8: Array.from(new Int8Array([200, -200])) };
}
