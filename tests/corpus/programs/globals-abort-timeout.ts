async () => {
  const s = AbortSignal.timeout(5);
  await new Promise((r) => setTimeout(r, 30));
  const c = new AbortController();
  c.abort();
  return { aborted: s.aborted, reason: s.reason?.name, defaultReason: c.signal.reason?.name, msg: c.signal.reason?.message };
}
