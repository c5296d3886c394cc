// bench/closures/async-calls.js: 50,000 sequential calls of an async
// function (round 20). bench/ab.py N A B FILE.
async function one(i) { return i + 1; }
(async () => {
  let s = 0;
  for (let i = 0; i < 50000; i++) s += await one(i);
  return s;
})()
