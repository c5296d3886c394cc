// A rejection handled in the same tick is fine; one left unhandled after the
// microtask queue drains ends the program with status 1 (node v20).
var p = Promise.reject(new Error('handled later in same tick'));
Promise.resolve().then(function () { p.catch(function (e) { console.log('caught: ' + e.message); }); });
setTimeout(function () {
  console.log('timer 1');
  Promise.reject(new Error('nobody catches this'));
  setTimeout(function () { console.log('never printed'); }, 10);
}, 1);
