// The benches' one median: the middle value, or the mean of the two middle
// values of an even count. (Each script had its own copy taking the upper
// of the two, so two rounds reported their larger value, and a ratio's
// "median" and the totals' could each be another round's maximum.)
// Runs in: a bench host. Input: numbers.

/** The median of xs (a non-empty array of numbers). */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}
