// A per-iteration loop body in a program without arrows: the synthetic
// arrow lower_scope makes must still be lowered.
var probeFirst, probeSecond;
for (let x of ['first', 'second'])
  if (!probeFirst)
    probeFirst = function () { return x; };
  else
    probeSecond = function () { return x; };
console.log(probeFirst(), probeSecond());
