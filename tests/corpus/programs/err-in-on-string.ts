async () => {
  const raw = await codemode.getLogText();
  const first = raw.split('\n')[0];
  // the line was never parsed: `in` needs an object
  if ('level' in first) return first;
  return null;
}
