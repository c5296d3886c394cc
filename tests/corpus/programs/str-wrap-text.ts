async () => {
  const text = 'The quick brown fox jumps over the lazy dog while the compiler lowers modern syntax to ES5 for the sandboxed engine.';
  const wrap = (s: string, width: number) => s.split(' ').reduce<string[]>((lines, w) => {
    const last = lines[lines.length - 1];
    if (last !== undefined && (last + ' ' + w).length <= width) lines[lines.length - 1] = last + ' ' + w;
    else lines.push(w);
    return lines;
  }, []);
  return wrap(text, 28);
}
