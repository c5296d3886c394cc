async () => {
  const events = (await codemode.getEvents()).map((e) => ({ ...e, s: Date.parse(e.start), e: Date.parse(e.end) }));
  events.sort((a, b) => a.s - b.s);
  const overlaps: string[] = [];
  for (let i = 1; i < events.length; i++) if (events[i].s < events[i - 1].e) overlaps.push(`${events[i - 1].title} & ${events[i].title}`);
  const free = [] as string[];
  for (let i = 1; i < events.length; i++) {
    const gap = (events[i].s - events[i - 1].e) / 3.6e6;
    if (gap >= 1 && new Date(events[i].s).getUTCDate() === new Date(events[i - 1].e).getUTCDate()) free.push(`${gap}h before ${events[i].title}`);
  }
  return { overlaps, free };
}
