async () => {
  const a: any = { name: 'a' };
  a.self = a;
  try { JSON.stringify(a); } catch (e: any) { return e.message.split('\n')[0]; }
}
