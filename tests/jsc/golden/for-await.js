async function drain(src) {
  const out = [];
  for await (const chunk of src) out.push(chunk);
  return out;
}
