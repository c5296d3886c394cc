async () => {
  const d = new Date('2024-06-17T09:30:00Z');
  return [
    d.toLocaleDateString('en-US'),
    d.toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric' }),
    d.toLocaleDateString('en-GB'),
    d.toLocaleTimeString('en-US', { hour: '2-digit', minute: '2-digit' }),
    d.toLocaleDateString('de-DE', { weekday: 'long' }),
  ];
}
