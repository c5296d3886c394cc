/* tests/js driver, loaded after the runtime and before a test case under plain
 * `duk`: a virtual clock so timer tests are deterministic and instant. */
(function () {
  var vclock = 1000;
  __cc.nowMs = function () { return vclock; };
  __cc.advanceClock = function (ms) { vclock += ms; };
}());
