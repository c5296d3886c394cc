async () => {
  const inputs = ['Mon, 17 Jun 2024 09:30:00 GMT', 'June 17, 2024', '2024/06/14', '2024-06-14', '2024-06-14T10:00:00', '17 Jun 2024 10:00 +0200', 'Jun 17 2024 11:45:00 GMT+0100'];
  return inputs.map((s) => { const d = new Date(s); return isNaN(d.getTime()) ? 'Invalid' : d.toISOString(); });
}
