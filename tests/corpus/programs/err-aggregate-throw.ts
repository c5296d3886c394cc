async () => {
  const results = await Promise.allSettled([codemode.getUser({ id: 100 }), codemode.getUser({ id: 2 })]);
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed.length) throw new AggregateError(failed.map((f) => f.reason), `${failed.length} lookups failed`);
  return 'all ok';
}
