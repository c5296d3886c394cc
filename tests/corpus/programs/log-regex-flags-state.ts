async () => {
  const { lines } = await codemode.getLogs({ service: 'auth', limit: 12 });
  const errRe = /ERROR|WARN/g;
  const naive = lines.map((l) => errRe.test(l));
  errRe.lastIndex = 0;
  const fresh = lines.map((l) => /ERROR|WARN/.test(l));
  const sticky = /\d+/y;
  const stickySeq: (string | null)[] = [];
  const s = '12 34 56';
  for (let i = 0; i < 4; i++) { const m = sticky.exec(s); stickySeq.push(m ? `${m[0]}@${m.index}` : null); sticky.lastIndex += m ? 1 : 0; }
  const uni = /^\p{Lu}\p{Ll}+$/u;
  const emoji = /\p{Extended_Pictographic}/gu;
  const lb = '$10 €20 $30.50 USD40'.match(/(?<=\$)\d+(?:\.\d+)?/g);
  const nlb = 'price: 10, cost: $20, 30'.match(/(?<![$\d])\d+/g);
  const backref = /(?<q>['"])(.*?)\k<q>/g;
  const quoted = [...`say "hi" and 'bye' "mixed'`.matchAll(backref)].map((m) => m[2]);
  const dotAll = /a.b/s.test('a\nb') && !/a.b/.test('a\nb');
  const multiline = 'x=1\ny=2\nz=3'.match(/^\w(?==)/gm);
  const caseI = /straße/i.test('STRASSE');
  const caseIU = /\u212A/iu.test('k');
  const surrogate = ['😀'.match(/./g)!.length, '😀'.match(/./gu)!.length, /^.$/u.test('😀'), /^[😀]$/u.test('😀')];
  const src = /a\/b[/]/.source;
  const exec = /(\d+)-(\d+)?/.exec('x 10- y')!;
  const execInfo = [exec.index, exec[1], exec[2], exec.length, exec.input.length];
  const escaped = 'a.b*c'.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const dyn = new RegExp(escaped, 'g').test('xa.b*cx');
  const ctor = [new RegExp('x', 'gimsuy').flags, new RegExp(/ab/g, 'i').flags, String(new RegExp('')), String(new RegExp('/')), RegExp('a|b').source];
  let bad = '';
  try { new RegExp('(unclosed'); } catch (e) { bad = (e as Error).name; }
  console.log(naive.join(','), fresh.join(','));
  return { naive, fresh, stickySeq, uni: ['Hello', 'hello', 'Éclair', 'ÉCLAIR'].map((w) => uni.test(w)), emoji: 'ok 👍 done ✅ 🎉'.match(emoji), lb, nlb, quoted, dotAll, multiline, caseI, caseIU, surrogate, src, execInfo, escaped, dyn, ctor, bad };
}
