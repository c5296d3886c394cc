async () => {
  await codemode.kvSet({ key: 'report:2024-06', value: { meta: { owner: 'ops' }, stats: { total: 12 } } });
  await codemode.kvSet({ key: 'report:2024-05', value: { meta: { owner: 'ops' } } });
  const out: string[] = [];
  for (const month of ['2024-06', '2024-05']) {
    const report: any = await codemode.kvGet({ key: `report:${month}` });
    try {
      const { meta: { owner }, stats: { total } } = report;
      out.push(`${month}: ${owner} ${total}`);
    } catch (e) {
      out.push(`${month}: ${(e as Error).name}: ${(e as Error).message}`);
    }
  }
  console.log(out.join('\n'));
  return out;
}
