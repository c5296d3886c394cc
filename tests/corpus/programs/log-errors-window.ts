async () => {
  const { lines } = await codemode.getLogs({});
  const errs = lines.filter((l) => / ERROR /.test(l)).map((l) => new Date(l.slice(0, 24)).getTime());
  let worst = 0, at = '';
  for (let i = 0; i < errs.length; i++) {
    let j = i;
    while (j < errs.length && errs[j] - errs[i] <= 10 * 60 * 1000) j++;
    if (j - i > worst) { worst = j - i; at = new Date(errs[i]).toISOString(); }
  }
  return { errors: errs.length, worstTenMinutes: worst, startingAt: at };
}
