async () => {
  const inputs = [
    '2024-06-17', '2024-06-17T10:30', '2024-06-17 10:30:00', '2024-06-17T10:30:00+02:00', '2024-06-17T10:30:00.123456Z',
    '06/17/2024', '2024/06/17', 'June 17, 2024', '17 June 2024', 'Mon, 17 Jun 2024 10:30:00 GMT', 'Jun 17 2024 10:30 PM',
    '2024-6-7', '2024-02-30', '2024-13-01', 'tomorrow', '', '1718620200000', '2024', '2024-06', 'Monday June 17 2024 10:30:00 GMT+0000 (Coordinated Universal Time)',
  ];
  const rows = inputs.map((s) => {
    const d = new Date(s);
    return [s, isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString()];
  });
  const events = await codemode.getEvents();
  const byDay = new Map<string, number>();
  for (const e of events) {
    const d = new Date(e.start);
    const key = d.toDateString();
    byDay.set(key, (byDay.get(key) ?? 0) + (Date.parse(e.end) - Date.parse(e.start)) / 6e4);
  }
  const d = new Date(Date.UTC(2024, 0, 31));
  d.setUTCMonth(1);
  const eom = new Date(Date.UTC(2024, 2, 0)).getUTCDate();
  const weird = [new Date(2024, 0, 0).toISOString(), new Date(2024, 11, 32).toISOString(), new Date(0).toUTCString(), new Date(-1).toISOString(), new Date(8.64e15).toISOString()];
  try { new Date(8.64e15 + 1).toISOString(); } catch (e) { weird.push(`${(e as Error).name}: ${(e as Error).message}`); }
  console.log(byDay);
  console.log(new Date('2024-06-17T10:30:00Z'), [new Date(NaN)], String(new Date(NaN)));
  return { rows, jan31plus1: d.toISOString(), eom, weird, json: JSON.stringify({ d: new Date(NaN) }), local: new Date(2024, 5, 17, 8).toString() };
}
