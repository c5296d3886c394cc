// Parameter TDZ in a program with no let/const/class (the scope pass must
// still run for default parameters).
var f = function (x = y, y) { return 'body ran'; };
try { console.log(f()); } catch (e) { console.log(e.constructor.name, e.message); }
function g(a, b = a * 2) { return a + b; }
console.log(g(1), g(1, 1));
