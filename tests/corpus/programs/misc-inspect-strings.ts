async () => {
  const lines = (await codemode.getLogs({ service: 'auth', limit: 4 })).lines;
  console.log(lines);
  console.log({ first: lines[0], quote: "it's", both: `it's "both"`, back: 'a`b\'c"d', nl: 'a\nb', tab: 'a\tb', uni: 'é😀\u0001' });
  console.log(['short', 'x'.repeat(20), 'y'.repeat(80)]);
  console.log('top-level string with\nnewline', 42, 'it\'s');
  console.log([`multi
line`]);
  console.log({ long: 'z'.repeat(200) });
  const words = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor'.split(' ');
  console.log(words);
  console.log(words.map((w) => w.length));
  console.log(Object.fromEntries(words.slice(0, 8).map((w, i) => [w, i])));
  console.log(words.slice(0, 30).map((w) => ({ w })));
  console.log([['a', 1], ['b', 2]], [{}, []], [[]], {a: {}}, [null]);
  console.log(new Map(words.slice(0, 4).map((w) => [w, w.length])));
  console.log(Array.from({ length: 27 }, (_, i) => String.fromCharCode(97 + (i % 26)).repeat(i % 5 + 1)));
  return lines.length;
}
