const t = 1;
async (tools) => { const r = await tools.search({ q: "x" }); return r.items.map((i) => i.id); }