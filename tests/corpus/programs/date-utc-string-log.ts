async () => {
  const stamps = [0, 1718616600000, 951782400000];
  for (const s of stamps) console.log('at', new Date(s).toUTCString());
  return stamps.map((s) => new Date(s).toString());
}
