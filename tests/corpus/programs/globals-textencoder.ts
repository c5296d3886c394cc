async () => {
  const enc = new TextEncoder().encode('naïve ☕');
  return { bytes: enc.length, back: new TextDecoder().decode(enc) };
}
