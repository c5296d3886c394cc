// bench/closures/arrows.js: 300,000 arrows made in a loop (round 20: each
// used to carry a prototype object and a cycle). bench/ab.py N A B FILE.
let s = 0;
for (let i = 0; i < 300000; i++) { const f = (v) => v; s += f.length; }
s
