async () => {
  const ids = Array.from({ length: 150 }, (_, i) => (i % 30) + 1);
  const started = Date.now();
  const settled = await Promise.allSettled(ids.map((id) => codemode.getUser({ id })));
  const ok = settled.filter((s): s is PromiseFulfilledResult<any> => s.status === 'fulfilled');
  const bad = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
  const reasons = [...new Set(bad.map((b) => `${b.reason.name}: ${b.reason.message}`))];
  const byPlan = ok.reduce((m, { value }) => m.set(value.plan, (m.get(value.plan) ?? 0) + 1), new Map<string, number>());
  console.log(settled[0].status, Object.keys(settled[0]), Object.keys(bad[0] ?? {}));
  console.log(byPlan);
  const raced = await Promise.race([
    codemode.sleep({ ms: 50 }).then(() => 'sleep'),
    codemode.getWeather({ city: 'Paris' }).then((w) => w.city),
  ]);
  const anyOk = await Promise.any(ids.slice(20, 40).map((id) => codemode.getUser({ id: id + 20 }).then((u) => u.id)));
  const emails = await Promise.all(ok.slice(0, 40).map(({ value }, i) => codemode.sendEmail({ to: value.email, subject: `hi ${i}` })));
  return { ok: ok.length, bad: bad.length, reasons, raced, anyOk, lastEmail: emails.at(-1), elapsedOk: Date.now() - started >= 0 };
}
