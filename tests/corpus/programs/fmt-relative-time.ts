async () => {
  const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  return [-1, 0, 1, -3, 5].map((d) => rtf.format(d, 'day'));
}
