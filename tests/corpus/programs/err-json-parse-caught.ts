async () => {
  const inputs = ['{"ok":true}', '{bad json}', '', '[1,2', 'null', '"str"', '{"a":1}x'];
  return inputs.map((s) => { try { return JSON.parse(s); } catch (e) { return `${(e as Error).name}: ${(e as Error).message}`; } });
}
