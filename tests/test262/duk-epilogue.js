/* Appended after a test262 program under plain `duk`: the event loop the
 * guest runs in C (drain microtasks, run timers on the real clock). */
(function () {
  __cc.runJobs();
  for (;;) {
    var ms = __cc.nextTimer();
    if (ms < 0) break;
    var until = Date.now() + ms;
    while (Date.now() < until) { /* duk has no sleep; timers in test262 are rare and short */ }
    __cc.runTimers();
  }
}());
