async () => {
  const s = 'héllo wörld';
  const b64 = Buffer.from(s, 'utf8').toString('base64');
  const hex = Buffer.from('codecell').toString('hex');
  return { b64, back: Buffer.from(b64, 'base64').toString('utf8'), hex, len: Buffer.byteLength(s) };
}
