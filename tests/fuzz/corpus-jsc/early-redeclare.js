let a; { var b; let c; { var c; } } switch (x) { case 1: let d; default: function d() {} }
try {} catch ([e, e]) {} for (let i;;) var i; class K { #m() {} get #m() {} static { var s; let s; } }
function f(a, [a]) {} if (1) function g() {} l: l2: function h() {}
