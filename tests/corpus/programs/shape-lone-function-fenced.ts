```ts
async function main(): Promise<number> {
  const { total } = await codemode.listIssues({ state: 'closed' });
  return total;
}
```
