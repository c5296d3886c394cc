async () => {
  const headers = [
    { name: 'last-modified', value: 'Mon, 17 Jun 2024 09:30:00 GMT' },
    { name: 'date', value: 'Tue, 18 Jun 2024 12:00:05 GMT' },
    { name: 'expires', value: 'Wed, 19 Jun 2024 00:00:00 GMT' },
  ];
  const parsed = Object.fromEntries(headers.map((h) => [h.name, new Date(h.value)]));
  const ageHours = (parsed.date.getTime() - parsed['last-modified'].getTime()) / 3_600_000;
  const ttl = Math.round((parsed.expires.getTime() - parsed.date.getTime()) / 1000);
  return { ageHours: +ageHours.toFixed(2), ttl, modified: parsed['last-modified'].toUTCString(), iso: parsed.expires.toISOString() };
}
