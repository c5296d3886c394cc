async () => {
  const fmt = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'America/New_York' });
  const events = await codemode.getEvents();
  return events.slice(0, 3).map((e) => fmt.format(new Date(e.start)));
}
