async () => {
  const users = (await codemode.listUsers({ pageSize: 8 })).items;
  const tpl = 'Dear {{name}}, your plan is {{ plan }} ({{missing}}). Cost: $5 {{country}}';
  const fill = (u: Record<string, unknown>) => tpl.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, key: string, offset: number) => key in u ? String(u[key]) : `<${key}@${offset}>`);
  const letters = users.map((u) => fill(u));
  const swapped = users.map((u) => u.name.replace(/^(\w+) (.+)$/, '$2, $1'));
  const named = users.map((u) => u.email.replace(/(?<user>[^@]+)@(?<domain>.+)/, '$<domain>/$<user>'));
  const special = ['$&', '$`', "$'", '$$', '$0', '$10', '$<nope>'].map((p) => 'abc-xyz'.replace(/-/, `[${p}]`));
  const specialStr = 'a.b.c'.replace('.', '$&$&');
  const all = 'a.b.c'.replaceAll('.', (m, off) => `${off}`);
  const allRe = 'aXbXc'.replaceAll(/x/gi, '_');
  let nonGlobal = '';
  try { 'abc'.replaceAll(/b/, 'x'); } catch (e) { nonGlobal = `${(e as Error).name}: ${(e as Error).message}`; }
  const caps = 'the quick brown fox'.replace(/\b\w/g, (c) => c.toUpperCase());
  const masked = users.map((u) => u.email.replace(/(?<=^.).+(?=@)/, (m) => '*'.repeat(m.length)));
  const groupsArg = 'k1=v1,k2=v2'.replace(/(?<k>\w+)=(?<v>\w+)/g, (...args) => { const g = args.at(-1); return `${g.v}:${g.k}`; });
  console.log(letters[0]);
  console.log(special);
  return { swapped, named, special, specialStr, all, allRe, nonGlobal, caps, masked, groupsArg };
}
