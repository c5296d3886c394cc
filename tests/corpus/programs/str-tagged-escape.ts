async () => {
  const issues = (await codemode.listIssues({ perPage: 6 })).items;
  const esc = (v: unknown) => String(v).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]!));
  const html = (strings: TemplateStringsArray, ...vals: unknown[]) => strings.reduce((out, s, i) => out + s + (i < vals.length ? (Array.isArray(vals[i]) ? (vals[i] as unknown[]).join('') : esc(vals[i])) : ''), '');
  const rows = issues.map((i) => html`<tr><td>${i.number}</td><td>${i.title + ' <b>&</b>'}</td><td>${i.labels.map((l) => `[${l}]`).join(' ') || '—'}</td></tr>`);
  const table = html`<table>${'"quoted"'}</table>`;
  const cache = new Set<TemplateStringsArray>();
  const remember = (s: TemplateStringsArray) => { cache.add(s); return cache.size; };
  const sizes: number[] = [];
  for (let i = 0; i < 3; i++) sizes.push(remember`same site`);
  sizes.push(remember`same site`);
  const dedent = (s: TemplateStringsArray, ...v: unknown[]) => {
    const full = String.raw({ raw: s.raw }, ...v);
    const lines = full.replace(/^\n/, '').split('\n');
    const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
    return lines.map((l) => l.slice(indent)).join('\n').trimEnd();
  };
  const md = dedent`
    # Issues
      - open: ${issues.filter((i) => i.state === 'open').length}
    path: C:\temp\n
  `;
  const invalid = ((s: TemplateStringsArray) => [s[0], s.raw[0]])`\unicode and \xZZ`;
  console.log(md);
  return { rows, table, sizes, md, invalid, fnTag: String.raw({ raw: ['a', 'b', 'c'] }, 1, 2, 3, 4) };
}
