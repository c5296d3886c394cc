type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

interface RequestSpec {
  method: Method;
  url: string;
  headers: Record<string, string>;
  query: Record<string, string | number>;
  body?: unknown;
}

class RequestBuilder {
  protected spec: RequestSpec;
  constructor(base: string) {
    this.spec = { method: 'GET', url: base, headers: {}, query: {} };
  }
  method(m: Method): this { this.spec.method = m; return this; }
  header(k: string, v: string): this { this.spec.headers[k.toLowerCase()] = v; return this; }
  param(k: string, v: string | number | undefined): this {
    if (v !== undefined) this.spec.query[k] = v;
    return this;
  }
  json(body: unknown): this {
    this.spec.body = body;
    return this.header('Content-Type', 'application/json');
  }
  build(): Readonly<RequestSpec> & { href: string } {
    const qs = Object.entries(this.spec.query)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
      .join('&');
    return { ...this.spec, href: qs ? `${this.spec.url}?${qs}` : this.spec.url };
  }
}

class AuthedBuilder extends RequestBuilder {
  bearer(token: string): this { return this.header('Authorization', `Bearer ${token}`); }
  idempotent(key: string): this { return this.header('Idempotency-Key', key); }
}

async () => {
  const { items } = await codemode.listUsers({ pageSize: 3 });
  const reqs = items.map((u: { id: number; email: string; country: string }, i: number) =>
    new AuthedBuilder('https://api.example.com/v2/notify')
      .method(i % 2 ? 'PUT' : 'POST')
      .bearer(`tok_${u.id}`)
      .param('country', u.country)
      .param('page', i === 0 ? undefined : i)
      .param('q', 'a b&c/é')
      .idempotent(`notify-${u.id}`)
      .json({ to: u.email, template: 'welcome' })
      .build());
  const sent = [];
  for (const r of reqs) {
    const to = (r.body as { to: string }).to;
    sent.push(await codemode.sendEmail({ to, subject: `${r.method} ${r.href}` }));
  }
  console.log(reqs[1].href);
  return { reqs, sent: sent.map((s: any) => s.id), plain: new RequestBuilder('/x').param('b', 2).param('a', 1).build() };
}
