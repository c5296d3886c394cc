async () => {
  const names = ['émile', 'Zoë', 'adam', 'Ängel', 'bob', 'item10', 'item2', 'Item1'];
  const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  return { byCollator: [...names].sort(collator.compare), byLocale: [...names].sort((a, b) => a.localeCompare(b)) };
}
