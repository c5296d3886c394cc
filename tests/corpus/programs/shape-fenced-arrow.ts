```typescript
async () => {
  const rates = await codemode.getExchangeRates({ base: 'GBP' });
  return Object.entries(rates.rates).filter(([, v]) => (v as number) > 1).map(([k]) => k);
}
```
