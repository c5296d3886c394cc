async () => {
  const block = 'BEGIN\nline one\nline two\nEND\nBEGIN\nx\nEND';
  const bodies = [...block.matchAll(/BEGIN\n(.*?)\nEND/gs)].map((m) => m[1].split('\n').length);
  return bodies;
}
