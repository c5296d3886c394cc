async () => {
  const order: string[] = [];
  const delay = (ms: number, tag: string) => new Promise<string>((r) => setTimeout(() => { order.push(tag); r(tag); }, ms));
  const winner = await Promise.race([delay(30, 'slow'), delay(5, 'fast')]);
  await delay(40, 'after');
  queueMicrotask(() => order.push('micro'));
  await null;
  return { winner, order };
}
