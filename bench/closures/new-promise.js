// bench/closures/new-promise.js: 30,000 `await new Promise((r) => r(i))`
// (round 20: the resolving functions). bench/ab.py N A B FILE.
(async () => {
  let s = 0;
  for (let i = 0; i < 30000; i++) s += await new Promise((r) => r(i));
  return s;
})()
