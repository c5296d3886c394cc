async () => {
  const tries = [() => { throw 'plain string'; }, () => { throw { code: 42 }; }, () => { throw null; }, () => 1];
  return tries.map((f) => { try { return f(); } catch (e) { return typeof e === 'string' ? e : JSON.stringify(e); } });
}
