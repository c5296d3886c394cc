async () => {
  const hooks: { before?: (x: number) => number; after?: (x: number) => number } = { after: (x) => x * 10 };
  const v = hooks.before?.(1) ?? 1;
  const w = hooks.after?.(v);
  const arr: number[] | undefined = undefined;
  let count = 0;
  count ||= 5;
  count &&= count + 1;
  let maybe: string | null = null;
  maybe ??= 'filled';
  return { v, w, first: arr?.[0], len: arr?.length ?? -1, count, maybe };
}
