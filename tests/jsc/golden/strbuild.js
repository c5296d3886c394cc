// lower_strbuild: which loops get a piece list, and where s is written back.
function plain(n) { let s = ''; for (let i = 0; i < n; i++) s += 'r' + i; return s; }
function inTry(n) { let s = ''; try { while (n--) s += `${n},`; } catch (e) { return s; } return s; }
function labeled(xs) { let s = '<'; out: { for (const x of xs) { s += x; if (!x) break out; } s += '>'; } return s; }
function ownLabel(xs) { let s = ''; each: for (const x of xs) { if (!x) continue each; s += x.name; } return s; }
function numeric(xs) { let t = 0; for (const x of xs) t += x; return t; }
function closure(xs) { let s = ''; const f = () => s; for (const x of xs) s += 'x' + x; return f(); }
function evalSeen(xs) { let s = ''; for (const x of xs) s += 'x' + x; return [s, eval('1')]; }
function param(s, xs) { for (const x of xs) s += 'x' + x; return s; }
function readInside(xs) { let s = ''; for (const x of xs) { s += 'x' + x; if (s.length > 9) break; } return s; }
function selfPiece(xs) { let s = ''; for (const x of xs) s += s.length + ','; return s; }
let top = '';
for (let i = 0; i < 3; i++) top += 'top' + i;
function assignForm(xs) { let s = '<'; for (const x of xs) s = s + x.n; let t = ''; for (const x of xs) t = t + x.n + 1; return s + t; }
