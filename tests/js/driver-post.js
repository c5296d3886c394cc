/* tests/js driver, loaded after a test case under plain `duk`: the event loop
 * the guest runs in C (drain microtasks, report unhandled rejections like node,
 * advance the virtual clock to the next timer, run due timers). */
(function () {
  function checkUnhandled() {
    var u = __cc.takeUnhandled();
    if (u.length > 0) {
      /* node v20 prints the reason to stderr and exits with status 1 */
      throw new Error('unhandled rejection: ' + String(u[0]));
    }
  }
  __cc.afterTask = checkUnhandled;
  __cc.runJobs();
  checkUnhandled();
  for (;;) {
    var ms = __cc.nextTimer();
    if (ms < 0) break;
    __cc.advanceClock(ms);
    __cc.runTimers();
  }
}());
