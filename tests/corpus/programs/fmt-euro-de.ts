async () => {
  const price = 1234.56;
  return {
    de: price.toLocaleString('de-DE', { style: 'currency', currency: 'EUR' }),
    fr: new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(price),
    gb: new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(price),
  };
}
