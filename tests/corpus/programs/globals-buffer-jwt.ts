async () => {
  const u = await codemode.getUser({ id: 6 });
  const header = { alg: 'none', typ: 'JWT' };
  const payload = { sub: String(u.id), name: u.name, plan: u.plan };
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const token = `${enc(header)}.${enc(payload)}.`;
  const [, body] = token.split('.');
  const decoded = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  const basic = 'Basic ' + Buffer.from(`${u.email}:s3cr3t`).toString('base64');
  console.log(Buffer.from('hi'), Buffer.from(basic).length);
  return { token, decoded, basic, bytes: Buffer.byteLength(u.name) };
}
