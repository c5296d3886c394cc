// bench/guest-cpu.js: the guest's JavaScript speed on the kind of work a
// code-mode program does between tool calls (aggregate rows, sort, JSON both
// ways, build strings, drain a queue, dedupe with includes, match, index
// with a Map, iterate sets, maps and entries, sort by localeCompare, fill a
// typed array), each part timed with performance.now()
// in ms. Prints two lines: the timings and
// the parts' results, which must equal node's (`node bench/guest-cpu.js`).
// Used by bench/guest-cpu-ab.py to compare builds of the guest.
function time(name, f) { const a = performance.now(); const r = f(); return [name, Math.round((performance.now() - a) * 100) / 100, r]; }
const rows = Array.from({ length: 20000 }, (_, i) => ({ id: i, name: "item" + i, price: (i * 37) % 1000 / 10, qty: i % 7, tags: ["a" + (i % 5), "b" + (i % 3)] }));
const out = [];
out.push(time("int-loop", () => { let s = 0; for (let i = 0; i < 3000000; i++) { s = (s + i * 7) % 1000003; } return s; }));
out.push(time("array-agg", () => { const by = {}; for (const r of rows) { by[r.tags[0]] = (by[r.tags[0]] || 0) + r.price * r.qty; } return Object.keys(by).length; }));
out.push(time("map-filter-reduce", () => rows.filter(r => r.qty > 2).map(r => r.price * r.qty).reduce((a, b) => a + b, 0)));
out.push(time("sort", () => rows.slice().sort((a, b) => b.price - a.price || a.id - b.id)[0].id));
out.push(time("sort-presorted", () => rows.slice().sort((a, b) => a.id - b.id)[19999].id));
out.push(time("sort-default", () => rows.map(r => r.name).sort()[0]));
out.push(time("sort-small", () => { let s = 0; for (let k = 0; k < 200; k++) s += Array.from({ length: 100 }, (_, j) => (j * 7919 + k) % 100).sort((a, b) => a - b)[50]; return s; }));
out.push(time("json-stringify", () => JSON.stringify(rows).length));
const text = JSON.stringify(rows);
out.push(time("json-parse", () => JSON.parse(text).length));
out.push(time("report", () => { let md = "| id | name | price |\n|---|---|---|\n"; for (const r of rows) md += `| ${r.id} | ${r.name} | ${r.price.toFixed(2)} |\n`; return md.length; }));
out.push(time("string-build", () => { let s = ""; for (let i = 0; i < 50000; i++) s += i.toString(36); return s.length; }));
out.push(time("queue-shift", () => { const q = rows.slice(0, 5000); let s = 0; while (q.length) { const r = q.shift(); s += r.qty; if (r.id % 4 === 0 && r.id < 2000) q.push({ id: r.id + 1, qty: 1 }); } return s; }));
out.push(time("dedupe-includes", () => { const u = []; for (let i = 0; i < 5000; i++) { const r = rows[i]; const k = r.tags[0] + "/" + r.qty + "/" + (r.id % 100); if (!u.includes(k)) u.push(k); } return u.length; }));
out.push(time("push-pop", () => { const a = []; for (let i = 0; i < 100000; i++) a.push(i); let s = 0; while (a.length) s += a.pop(); return s; }));
out.push(time("object-spread", () => rows.map((r) => ({ ...r, total: r.price * r.qty })).filter((r) => r.total > 100).length));
const isoDates = rows.slice(0, 5000).map((r) => new Date(1700000000000 + r.id * 3600000).toISOString());
out.push(time("date-parse", () => { let n = 0; for (const s of isoDates) if (new Date(s).getUTCHours() === 3) n++; return n; }));
out.push(time("regex", () => rows.filter(r => /item\d*7$/.test(r.name)).length));
out.push(time("map-set", () => { const m = new Map(); for (const r of rows) m.set(r.name, r); let n = 0; for (let i = 0; i < 20000; i++) if (m.has("item" + (i * 3))) n++; return n; }));
out.push(time("set-map-iterate", () => { const s = new Set(rows.map((r) => r.tags[0] + "/" + r.qty)); const m = new Map(rows.slice(0, 5000).map((r) => [r.id, r.price])); let t = 0; for (const [k, v] of m) t += k % 3 ? v : 0; for (const x of s) t += x.length; return [s.size, Math.round(t)]; }));
out.push(time("entries-destructure", () => { const by = {}; for (const r of rows) by[r.name] = r.qty; let n = 0; for (const [k, v] of Object.entries(by)) if (v > 3 && k.length > 6) n++; return n; }));
out.push(time("sort-locale", () => rows.slice(0, 3000).map((r) => r.tags[1] + " " + r.name).sort((a, b) => a.localeCompare(b))[1500]));
out.push(time("typed", () => { const a = new Float64Array(200000); for (let i = 0; i < a.length; i++) a[i] = i * 0.5; let s = 0; for (let i = 0; i < a.length; i++) s += a[i]; return s; }));
console.log(JSON.stringify(out.map(([n, t]) => n + "=" + t)));
console.log(JSON.stringify(out.map(x => x[2])));
