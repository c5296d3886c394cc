async () => {
  const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  const events = await codemode.getEvents();
  return events.map((e) => `${e.title} on ${days[new Date(e.start).getUTCDay()]}`);
}
