async () => {
  const csv: string = await codemode.getSalesCsv();
  const bytes = Buffer.from(csv, 'utf-8');
  console.log(`csv is ${bytes.length} bytes`);
  return bytes.toString('latin2');
}
