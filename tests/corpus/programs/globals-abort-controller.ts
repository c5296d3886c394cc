async () => {
  const ac = new AbortController();
  const seen: string[] = [];
  ac.signal.addEventListener('abort', () => seen.push('abort event'));
  const p = new Promise((_, reject) => ac.signal.addEventListener('abort', () => reject(ac.signal.reason)));
  ac.abort(new Error('user cancelled'));
  try { await p; } catch (e: any) { seen.push(e.message); }
  return { aborted: ac.signal.aborted, seen, reasonName: ac.signal.reason.name };
}
