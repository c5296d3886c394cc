async () => {
  try {
    await codemode.getOrder({ id: 'ord_9999' });
  } catch (e: any) {
    throw new Error(`lookup failed: ${e.message}`);
  }
}
