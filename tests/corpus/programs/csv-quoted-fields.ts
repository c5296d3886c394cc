async () => {
  const rows = [
    ['name', 'note', 'amount'],
    ['Acme, Inc.', 'said "hi"', '10.5'],
    ['Globex', 'multi\nline', '7'],
  ];
  const toCsv = (rs: string[][]) => rs.map((r) => r.map((c) => (/[",\n]/.test(c) ? '"' + c.replaceAll('"', '""') + '"' : c)).join(',')).join('\r\n');
  const out = toCsv(rows);
  return { out, lines: out.split('\r\n').length };
}
