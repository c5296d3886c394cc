async () => {
  const src = 'GET /users 200 12ms';
  const re = /\s*(\w+|\/\S*|\d+)/y;
  const toks: string[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(src))) toks.push(m[1]);
  return { toks, lastIndex: re.lastIndex };
}
