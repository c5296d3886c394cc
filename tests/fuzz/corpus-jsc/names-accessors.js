var f = function () {}, g = () => 1, C = class {}; var [d = function () {}] = [];
var o = { get [k]() { return 1; }, set [k](v) {}, ...s, get() {}, with() {}, 5() {}, ℘: 1, __proto__: function () {} };
o.℘ = ZW_\u200C_NJ; h ??= function* () {}; function* p(a = b, b, [c] = d) { yield* arguments; }
class D extends C { constructor() { return; } #x() {} w() { this.#x = 1; } }
f(); if (x) {} for (;;) {}
