async () => {
  const words = ['héllo', 'wörld', '日本語', 'abc123', 'Ωmega'];
  return words.map((w) => [w, /^\p{L}+$/u.test(w), (w.match(/\p{Lu}/gu) ?? []).length]);
}
