async () => {
  const fmt = (ms: number) => {
    const s = Math.floor(ms / 1000), m = Math.floor(s / 60), h = Math.floor(m / 60);
    return [h && `${h}h`, m % 60 && `${m % 60}m`, `${s % 60}s`].filter(Boolean).join(' ');
  };
  const events = await codemode.getEvents();
  return events.map((e) => `${e.title}: ${fmt(Date.parse(e.end) - Date.parse(e.start))}`);
}
