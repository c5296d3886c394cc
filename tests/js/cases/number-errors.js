// Number digit-argument RangeErrors and Array length errors in V8 wording.
var tries = [function () { return (1.5).toFixed(101); }, function () { return (1.5).toFixed(-1); }, function () { return (1.5).toPrecision(0); },
  function () { return (1.5).toExponential(101); }, function () { return Infinity.toPrecision(0); }, function () { return (NaN).toExponential(200); },
  function () { return new Array(-5); }, function () { var a = []; a.length = -1; },
  function () { return (12.345).toFixed(2) + (12.345).toPrecision(3) + (12.345).toExponential(1); }, function () { return Number.prototype.toFixed.call('x', 2); }];
for (var i = 0; i < tries.length; i++) { try { console.log(tries[i]()); } catch (e) { console.log(e.name + ': ' + e.message); } }
console.log(Number.prototype.toFixed.name, Number.prototype.toFixed.length, Number.prototype.toPrecision.length);
