async () => {
  const id = crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return { uuidShape: /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id), n: bytes.length, typed: bytes instanceof Uint8Array };
}
