async () => {
  const metrics = await codemode.getMetrics({ service: 'billing', points: 6 });
  const REC = 2 + 4 + 2 + 4 + 8;
  const buf = new ArrayBuffer(4 + metrics.length * REC);
  const dv = new DataView(buf);
  dv.setUint32(0, 0xC0DEC311, false);
  metrics.forEach((m, i) => {
    const off = 4 + i * REC;
    dv.setUint16(off, i, true);
    dv.setFloat32(off + 2, m.p50 / 3, true);
    dv.setInt16(off + 6, -m.errors, false);
    dv.setUint32(off + 8, m.requests, true);
    dv.setFloat64(off + 12, m.p99 / 7, false);
  });
  const bytes = new Uint8Array(buf);
  const hex = (u8: Uint8Array) => Array.from(u8, (b) => b.toString(16).padStart(2, '0')).join('');
  const decoded = metrics.map((_, i) => {
    const off = 4 + i * REC;
    return [dv.getUint16(off, true), dv.getFloat32(off + 2, true), dv.getInt16(off + 6), dv.getUint32(off + 8, true), dv.getFloat64(off + 12)];
  });
  const magic = dv.getUint32(0).toString(16);
  const magicLE = dv.getUint32(0, true).toString(16);
  const sub = bytes.subarray(4, 4 + REC);
  sub[0] = 0xff;
  const i8 = new Int8Array(bytes.buffer, 0, 4);
  const u16 = new Uint16Array(bytes.buffer.slice(0, 8));
  const clamped = Uint8ClampedArray.from([-5, 0.5, 1.5, 2.5, 300, NaN]);
  const f32 = new Float32Array([0.1, 1 / 3, 16777217]);
  const u32 = new Uint32Array([-1, 2 ** 32 + 5, 3.9]);
  let rangeErr = '';
  try { dv.getUint32(buf.byteLength - 2); } catch (e) { rangeErr = (e as Error).name; }
  const copy = new Uint8Array(8);
  copy.set([1, 2, 3], 2);
  copy.copyWithin(0, 2, 5);
  console.log(hex(bytes.slice(0, 24)));
  return { magic, magicLE, decoded, first: dv.getUint16(4, true), i8: [...i8], u16: Array.from(u16), clamped: [...clamped], f32: [...f32], u32: [...u32], rangeErr, copy: [...copy], sorted: new Int16Array([5, -3, 10, -20]).sort().join(), sizes: [buf.byteLength, bytes.BYTES_PER_ELEMENT, Float64Array.BYTES_PER_ELEMENT] };
}
