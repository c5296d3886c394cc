async () => {
  const failures: Record<string, unknown>[] = [];
  for (const id of [1, 999]) {
    try {
      await codemode.getUser({ id });
    } catch (err) {
      const e = err as Error;
      failures.push(JSON.parse(JSON.stringify(e, Object.getOwnPropertyNames(e).filter((k) => k !== 'stack'))));
    }
  }
  console.log(failures);
  return failures;
}
