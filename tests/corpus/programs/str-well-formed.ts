async () => {
  const good = 'abc😀';
  const bad = 'ab\uD800c';
  return { good: good.isWellFormed(), bad: bad.isWellFormed(), fixed: bad.toWellFormed() === 'ab\uFFFDc', json: JSON.stringify(bad + '\u2028') };
}
