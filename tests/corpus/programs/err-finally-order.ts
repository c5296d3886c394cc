async () => {
  const log: string[] = [];
  const run = async (id: number) => {
    try { log.push(`start ${id}`); return (await codemode.getUser({ id })).name; }
    catch (e) { log.push(`catch ${id}`); return null; }
    finally { log.push(`finally ${id}`); }
  };
  const a = await run(1);
  const b = await run(77);
  return { a, b, log };
}
