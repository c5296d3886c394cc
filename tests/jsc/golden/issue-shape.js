async () => { const [a, b] = await Promise.all([codemode.x({id}), codemode.y({})]); return {...a, n: b?.items.length ?? 0}; }
