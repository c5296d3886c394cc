async () => {
  const names = ['getUser', 'fetchUser', 'getWeather'];
  const out: string[] = [];
  for (const n of names) {
    try {
      const r = await (codemode as any)[n]({ id: 2, city: 'Paris' });
      out.push(`${n}: ok ${r.name ?? r.city}`);
    } catch (e: any) {
      out.push(`${n}: ${e.message.slice(0, 40)}`);
    }
  }
  return out;
}
