/* loop: the guest's event loop. Pumps the JS side (microtasks, timers; the
 * JS function __cc.pump, called with duk_pcall because Duktape threads can
 * only be resumed from JS), waits on fd 3 for as long as the pump says, and
 * hands each reply to __cc.deliver. Ends when the result frame has been sent.
 * Runs in: guest, after the seccomp filter. Input: reply frames from the
 * supervisor (trusted but checked: malformed input ends the process). */
#pragma once

#include "ccapi.h"
#include "duktape.h"

/* Decodes a frame payload as JSON onto the value stack. Returns 0, or -1
 * with the error message left on the stack instead. */
int loop_decode(duk_context *ctx, const uint8_t *payload, size_t len);

/* Calls __cc[method] with the nargs values on top of the stack (consumed);
 * leaves its return value. Returns 0, or -1 after sending the C fallback
 * result when the call threw (the run is then over). */
int loop_call(duk_context *ctx, struct ccapi *api, const char *method, int nargs);

/* Runs until the result is sent. Returns the process exit status; exits
 * directly with a message on fd 2 when the supervisor breaks the protocol. */
int loop_run(duk_context *ctx, struct ccapi *api);
