async () => {
  const { items: users } = await codemode.listUsers({ pageSize: 4 });
  function sql(strings: TemplateStringsArray, ...values: unknown[]) {
    const params: unknown[] = [];
    const text = strings.reduce((acc, s, i) => {
      if (i === 0) return s;
      const v = values[i - 1];
      if (Array.isArray(v)) { const ph = v.map((x) => { params.push(x); return `$${params.length}`; }); return `${acc}(${ph.join(', ')})${s}`; }
      params.push(v);
      return `${acc}$${params.length}${s}`;
    }, '');
    return { text: text.replace(/\s+/g, ' ').trim(), params };
  }
  const q = sql`
    SELECT * FROM users
    WHERE country = ${users[0].country} AND id IN ${users.map((u) => u.id)}
      AND active = ${true}`;
  const raw = (s: TemplateStringsArray) => [s.raw[0], s[0], s.raw[0].length, s[0].length];
  const cache: TemplateStringsArray[] = [];
  const keep = (s: TemplateStringsArray) => cache.push(s);
  for (let i = 0; i < 2; i++) keep`same ${i}`;
  const esc = String.raw`C:\new\table ${users[1].name} \u00e9 \``;
  const html = (s: TemplateStringsArray, ...v: string[]) => s.raw.map((x, i) => x + (i < v.length ? String(v[i]).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`) : '')).join('');
  const page = html`<li title="${'a "quoted" & <b>'}">${users[2].name}</li>\n`;
  console.log(q.text);
  console.log(esc);
  return { q, raw: raw`a\tb\u0041`, same: cache[0] === cache[1], frozen: Object.isFrozen(cache[0]), page, nested: `outer ${`inner ${1 + 1}`} ${[1, 2]} ${{}} ${null} ${undefined}` };
}
