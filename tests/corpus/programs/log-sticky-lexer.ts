async () => {
  const cfg = await codemode.getConfig();
  const expr = `limits.rpm * 2 + (limits.burst - 10) / 4 >= 1_000 && features.beta == true || version != "2.4.1"`;
  type Tok = { type: string; value: string; pos: number };
  const spec: [string, RegExp][] = [
    ['ws', /\s+/y], ['num', /\d[\d_]*(?:\.\d+)?/y], ['str', /"(?:[^"\\]|\\.)*"/y],
    ['ident', /[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*/y], ['op', /&&|\|\||[=!<>]=|[-+*/()<>]/y],
  ];
  const toks: Tok[] = [];
  let pos = 0;
  outer: while (pos < expr.length) {
    for (const [type, re] of spec) {
      re.lastIndex = pos;
      const m = re.exec(expr);
      if (m) {
        if (type !== 'ws') toks.push({ type, value: m[0], pos });
        pos = re.lastIndex;
        continue outer;
      }
    }
    throw new SyntaxError(`Unexpected ${expr[pos]} at ${pos}`);
  }
  const resolve = (path: string) => path.split('.').reduce<any>((o, k) => o?.[k], cfg);
  const idents = toks.filter((t) => t.type === 'ident').map((t) => [t.value, resolve(t.value)]);
  const nums = toks.filter((t) => t.type === 'num').map((t) => Number(t.value.replace(/_/g, '')));
  console.log(toks.map((t) => t.value).join(' '));
  const dot = /limits.(\w+)/s.exec('limits\nrpm');
  return { count: toks.length, idents, nums, dot: dot?.[1], flags: /x/dgimsuy.flags };
}
