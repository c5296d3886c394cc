// The corpus's mock host: deterministic tool functions that both the node
// oracle (oracle.mjs) and the codecell runner (run.mjs) serve to a program.
// Runs in: the test host's node process. Input: the program's tool arguments.
// createHost() gives fresh state (call counters, a key-value store) per
// program, so retries and writes behave the same in both runs.

/** A small seeded generator (mulberry32) so the data never changes. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Ada', 'Grace', 'Alan', 'Linus', 'Margaret', 'Ken', 'Barbara', 'Dennis', 'Frances',
  'Edsger', 'Radia', 'Bjarne', 'Hedy', 'Tim', 'Katherine', 'Guido', 'Shafi', 'John', 'Anita',
  'Donald', 'Sophie', 'Yukihiro', 'Jean'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Torvalds', 'Hamilton', 'Thompson', 'Liskov',
  'Ritchie', 'Allen', 'Dijkstra', 'Perlman', 'Stroustrup', 'Lamarr', 'Berners-Lee', 'Johnson',
  'van Rossum', 'Goldwasser', 'McCarthy', 'Borg', 'Knuth', 'Wilson', 'Matsumoto', 'Sammet'];
const COUNTRIES = ['US', 'GB', 'DE', 'FR', 'JP', 'BR', 'IN', 'SE'];
const PLANS = ['free', 'pro', 'team', 'enterprise'];
const CITIES = {
  London: { tempC: 14.5, conditions: 'cloudy', humidity: 81, windKph: 17 },
  Paris: { tempC: 18.25, conditions: 'sunny', humidity: 55, windKph: 9 },
  Tokyo: { tempC: 23.1, conditions: 'rain', humidity: 90, windKph: 22 },
  'New York': { tempC: 21.75, conditions: 'partly cloudy', humidity: 62, windKph: 13 },
  Berlin: { tempC: 12.0, conditions: 'rain', humidity: 77, windKph: 25 },
  Sydney: { tempC: 9.4, conditions: 'clear', humidity: 48, windKph: 30 },
  Reykjavik: { tempC: -3.5, conditions: 'snow', humidity: 85, windKph: 41 },
};

function makeUsers() {
  const r = rng(7);
  return FIRST.map((f, i) => ({
    id: i + 1,
    name: `${f} ${LAST[i]}`,
    email: `${f.toLowerCase()}.${LAST[i].toLowerCase().replace(/[^a-z]/g, '')}@example.com`,
    country: COUNTRIES[Math.floor(r() * COUNTRIES.length)],
    plan: PLANS[Math.floor(r() * PLANS.length)],
    active: r() > 0.25,
    createdAt: new Date(Date.UTC(2021, Math.floor(r() * 36), 1 + Math.floor(r() * 28),
      Math.floor(r() * 24), Math.floor(r() * 60))).toISOString(),
  }));
}

function makeOrders(users) {
  const r = rng(11);
  const statuses = ['paid', 'paid', 'paid', 'refunded', 'pending', 'shipped'];
  const currencies = ['USD', 'USD', 'EUR', 'GBP'];
  const out = [];
  for (let i = 0; i < 57; i++) {
    const qty = 1 + Math.floor(r() * 5);
    const unit = Math.round((5 + r() * 195) * 100) / 100;
    out.push({
      id: `ord_${String(1000 + i)}`,
      userId: users[Math.floor(r() * users.length)].id,
      status: statuses[Math.floor(r() * statuses.length)],
      currency: currencies[Math.floor(r() * currencies.length)],
      items: [{ sku: `SKU-${100 + Math.floor(r() * 12)}`, qty, unitPrice: unit }],
      total: Math.round(qty * unit * 100) / 100,
      createdAt: new Date(Date.UTC(2024, Math.floor(r() * 6), 1 + Math.floor(r() * 28),
        Math.floor(r() * 24), Math.floor(r() * 60), Math.floor(r() * 60))).toISOString(),
    });
  }
  return out;
}

function makeProducts() {
  const r = rng(13);
  const cats = ['hardware', 'software', 'books', 'office'];
  const names = ['Keyboard', 'Mouse', 'Monitor', 'IDE License', 'Compiler Book', 'Desk Lamp',
    'USB Hub', 'Notebook', 'Chair', 'Headset', 'Webcam', 'Cloud Credits'];
  return names.map((name, i) => ({
    sku: `SKU-${100 + i}`, name, category: cats[i % cats.length],
    price: Math.round((3 + r() * 400) * 100) / 100,
    stock: Math.floor(r() * 60), rating: Math.round((2.5 + r() * 2.5) * 10) / 10,
    tags: ['new', 'sale', 'eco', 'popular'].filter(() => r() > 0.6),
  }));
}

function makeLogs() {
  const r = rng(17);
  const services = ['api', 'auth', 'billing', 'search'];
  const levels = ['INFO', 'INFO', 'INFO', 'WARN', 'ERROR', 'DEBUG'];
  const paths = ['/users', '/users/42', '/orders', '/login', '/invoices/7', '/search?q=duck'];
  const lines = [];
  let t = Date.UTC(2024, 5, 17, 9, 0, 0);
  for (let i = 0; i < 80; i++) {
    t += Math.floor(r() * 90000);
    const lvl = levels[Math.floor(r() * levels.length)];
    const svc = services[Math.floor(r() * services.length)];
    const method = r() > 0.7 ? 'POST' : 'GET';
    const status = lvl === 'ERROR' ? (r() > 0.5 ? 500 : 503) : lvl === 'WARN' ? 429 : (r() > 0.9 ? 404 : 200);
    const ms = Math.floor(5 + r() * 900);
    lines.push(`${new Date(t).toISOString()} ${lvl} [${svc}] ${method} ${paths[Math.floor(r() * paths.length)]} ${status} ${ms}ms ip=10.0.${Math.floor(r() * 4)}.${Math.floor(r() * 250)}`);
  }
  return lines;
}

function makeIssues() {
  const r = rng(19);
  const labels = ['bug', 'enhancement', 'docs', 'good first issue', 'performance', 'security'];
  const titles = ['Crash on startup', 'Add dark mode', 'Typo in README', 'Slow query on /orders',
    'Memory leak in worker', 'Support CSV export', 'Login fails with SSO', 'Update dependencies',
    'Flaky test in CI', 'Improve error messages'];
  const out = [];
  for (let i = 0; i < 34; i++) {
    out.push({
      number: 100 + i, title: `${titles[i % titles.length]}${i >= titles.length ? ` (#${i})` : ''}`,
      state: r() > 0.35 ? 'open' : 'closed',
      labels: labels.filter(() => r() > 0.7),
      author: FIRST[Math.floor(r() * FIRST.length)].toLowerCase(),
      comments: Math.floor(r() * 25),
      created_at: new Date(Date.UTC(2024, Math.floor(r() * 5), 1 + Math.floor(r() * 28), 12)).toISOString(),
    });
  }
  return out;
}

const SALES_CSV = `date,region,product,units,unit_price
2024-01-15,North,Widget,12,9.99
2024-01-17,South,Gadget,5,24.50
2024-02-02,North,Gadget,7,24.50
2024-02-10,East,Widget,20,9.99
2024-02-21,West,"Gizmo, Deluxe",3,99.00
2024-03-05,South,Widget,15,9.99
2024-03-09,East,Gadget,9,24.50
2024-03-30,North,"Gizmo, Deluxe",1,99.00
2024-04-12,West,Widget,30,9.99
2024-04-18,South,Gadget,4,24.50`;

export class NotFoundError extends Error {
  constructor(message) { super(message); this.name = 'NotFoundError'; }
}

/** Fresh tool functions for one program run. */
export function createHost() {
  const users = makeUsers();
  const orders = makeOrders(users);
  const products = makeProducts();
  const logs = makeLogs();
  const issues = makeIssues();
  const calls = new Map();
  const kv = new Map();
  const page = (list, p = 1, size = 10) => {
    const start = (p - 1) * size;
    return { items: list.slice(start, start + size), page: p, total: list.length,
      nextPage: start + size < list.length ? p + 1 : null };
  };
  const count = (key) => { const n = (calls.get(key) || 0) + 1; calls.set(key, n); return n; };
  return {
    getUser({ id } = {}) {
      const u = users.find((x) => x.id === Number(id));
      if (!u) throw new NotFoundError(`User ${id} not found`);
      return u;
    },
    listUsers({ page: p = 1, pageSize = 10 } = {}) { return page(users, p, pageSize); },
    listOrders({ userId, status, page: p = 1, pageSize = 10 } = {}) {
      let list = orders;
      if (userId !== undefined) list = list.filter((o) => o.userId === userId);
      if (status) list = list.filter((o) => o.status === status);
      return page(list, p, pageSize);
    },
    getOrder({ id } = {}) {
      const o = orders.find((x) => x.id === id);
      if (!o) throw new NotFoundError(`Order ${id} not found`);
      return o;
    },
    listProducts({ category } = {}) {
      return category ? products.filter((p) => p.category === category) : products;
    },
    getWeather({ city } = {}) {
      const w = CITIES[city];
      if (!w) throw new Error(`Unknown city: ${city}`);
      return { city, ...w, observedAt: '2024-06-17T09:30:00.000Z' };
    },
    getForecast({ city, days = 3 } = {}) {
      const w = CITIES[city];
      if (!w) throw new Error(`Unknown city: ${city}`);
      return Array.from({ length: days }, (_, i) => ({
        date: `2024-06-${String(18 + i).padStart(2, '0')}`,
        highC: Math.round((w.tempC + 3 + i * 0.7) * 10) / 10,
        lowC: Math.round((w.tempC - 4 + i * 0.3) * 10) / 10,
        precipMm: (i * 2.5 + w.humidity / 20) % 7,
      }));
    },
    getLogs({ service, limit } = {}) {
      let l = service ? logs.filter((x) => x.includes(`[${service}]`)) : logs;
      if (limit) l = l.slice(0, limit);
      return { lines: l };
    },
    getLogText() { return logs.slice(0, 40).join('\n'); },
    listIssues({ state, page: p = 1, perPage = 10 } = {}) {
      const list = state ? issues.filter((i) => i.state === state) : issues;
      return page(list, p, perPage);
    },
    getSalesCsv() { return SALES_CSV; },
    getExchangeRates({ base = 'USD' } = {}) {
      const usd = { USD: 1, EUR: 0.9234, GBP: 0.7871, JPY: 157.12, CHF: 0.8913, SEK: 10.4821 };
      if (!(base in usd)) throw new RangeError(`Unsupported base currency: ${base}`);
      const rates = {};
      for (const [k, v] of Object.entries(usd)) rates[k] = Math.round((v / usd[base]) * 1e6) / 1e6;
      return { base, date: '2024-06-14', rates };
    },
    flakyFetch({ key = 'default', failTimes = 2 } = {}) {
      const n = count(`flaky:${key}`);
      if (n <= failTimes) throw new Error(`503 Service Unavailable (attempt ${n})`);
      return { key, attempts: n, data: { ok: true, value: key.length * 7 } };
    },
    rateLimited({ id } = {}) {
      const n = count('rl');
      if (n % 3 === 0) { const e = new Error('429 Too Many Requests'); e.name = 'RateLimitError'; throw e; }
      return { id, n };
    },
    sleep({ ms = 0 } = {}) { return { slept: ms }; },
    kvGet({ key } = {}) { return kv.has(key) ? kv.get(key) : null; },
    kvSet({ key, value } = {}) { kv.set(key, value); return { ok: true, size: kv.size }; },
    sendEmail({ to, subject } = {}) {
      if (typeof to !== 'string' || !to.includes('@')) throw new TypeError(`Invalid recipient: ${to}`);
      const n = count('email');
      return { id: `msg_${n}`, to, subject, status: 'queued' };
    },
    getEvents() {
      return [
        { title: 'Standup', start: '2024-06-17T09:00:00Z', end: '2024-06-17T09:15:00Z' },
        { title: 'Design review', start: '2024-06-17T13:30:00Z', end: '2024-06-17T15:00:00Z' },
        { title: 'Lunch', start: '2024-06-17T12:00:00Z', end: '2024-06-17T13:00:00Z' },
        { title: 'Planning', start: '2024-06-18T10:00:00Z', end: '2024-06-18T11:30:00Z' },
        { title: '1:1', start: '2024-06-18T16:00:00Z', end: '2024-06-18T16:30:00Z' },
        { title: 'Retro', start: '2024-06-21T15:00:00Z', end: '2024-06-21T16:00:00Z' },
      ];
    },
    getMetrics({ service = 'api', points = 24 } = {}) {
      const r = rng(service.length * 31);
      return Array.from({ length: points }, (_, i) => ({
        ts: new Date(Date.UTC(2024, 5, 17, i)).toISOString(),
        p50: Math.round(20 + r() * 30), p99: Math.round(100 + r() * 400),
        errors: Math.floor(r() * r() * 12), requests: 1000 + Math.floor(r() * 500),
      }));
    },
    getTransactions({ account = 'checking' } = {}) {
      const r = rng(account.length * 97);
      const cats = ['groceries', 'rent', 'salary', 'utilities', 'dining', 'travel'];
      return Array.from({ length: 30 }, (_, i) => {
        const cat = cats[Math.floor(r() * cats.length)];
        const amt = cat === 'salary' ? 3200 : -Math.round(r() * 25000) / 100;
        return { id: `tx${i + 1}`, date: `2024-05-${String(1 + (i % 28)).padStart(2, '0')}`,
          category: cat, amount: amt, description: `${cat} #${i + 1}` };
      });
    },
    getConfig() {
      return { version: '2.4.1', features: { beta: true, darkMode: false }, limits: { rpm: 600, burst: 50 },
        regions: ['eu-west-1', 'us-east-1'], owner: null };
    },
    validateAddress({ address } = {}) {
      if (!address || address.length < 5) throw new Error('Address too short');
      return { normalized: address.trim().toUpperCase(), valid: true };
    },
  };
}
