async () => {
  const d = new Date(Date.UTC(2024, 5, 17, 9, 30, 5, 42));
  return [d.toString(), d.toUTCString(), d.toDateString(), d.toTimeString(), d.toISOString(), d.toJSON(), String(d)];
}
