function dedent(strings: TemplateStringsArray, ...values: unknown[]): string {
  const full = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = full.replace(/^\n/, '').replace(/\n\s*$/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
function money(strings: TemplateStringsArray, ...values: Array<number | string>): string {
  return strings.raw.reduce((out, s, i) => {
    const v = values[i - 1];
    return out + (typeof v === 'number' ? usd.format(v) : v) + s;
  });
}

function escapeHtml(strings: TemplateStringsArray, ...values: unknown[]) {
  const esc = (v: unknown) => String(v).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
  return strings.reduce((out, s, i) => out + esc(values[i - 1]) + s);
}

const upperTag = (s: TemplateStringsArray, ...v: string[]) => s.map((x, i) => x + (v[i]?.toUpperCase() ?? '')).join('');

async () => {
  const { items } = await codemode.listOrders({ pageSize: 3 });
  const user = await codemode.getUser({ id: items[0].userId });
  const email = dedent`
    Hi ${user.name.split(' ')[0]},

      Your order ${items[0].id} is ${items[0].status}.
      Items: ${items[0].items.length}

    Thanks!
  `;
  const lines = items.map((o: any) => money`${o.id}: ${o.total} (${o.items[0].qty} × ${o.items[0].unitPrice})`);
  const html = escapeHtml`<p title="${'5 > 3 & "quotes"'}">${user.name}'s <b>${'<script>'}</b></p>`;
  const path = String.raw`C:\Users\${user.name.split(' ')[0]}\Documents\n`;
  console.log(email);
  return { email, lines, html, path, upper: upperTag`plan=${user.plan} country=${user.country}!`, lengths: [email.split('\n').length, path.length] };
}
