async () => {
  const users = (await codemode.listUsers({ pageSize: 4 })).items;
  const enc = new TextEncoder();
  const buf = new Uint8Array(256);
  let offset = 0;
  const index: [string, number, number][] = [];
  for (const u of users) {
    const { read, written } = enc.encodeInto(u.name + '\n', buf.subarray(offset));
    index.push([u.name, offset, written]);
    offset += written;
    void read;
  }
  return { index, used: offset };
}
