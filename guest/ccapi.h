/* ccapi: the native half of the internal `__cc` object (send, nowMs,
 * heapHit, heapStats, maxFrame) and the last-resort C result frame.
 * Runs in: guest. Input: JS values built by the untrusted program (what it
 * logs, passes to tools or returns), serialised here with JSON.stringify
 * semantics and bounded by --max-frame before they are written to fd 3. */
#pragma once

#include <stdbool.h>

#include "chan.h"
#include "duktape.h"
#include "heapcap.h"

struct ccapi {
	struct chan *chan;
	struct heapcap *heap;
	bool result_sent; /* a {"t":"result"} frame went out: the run is over */
};

/* Defines the global `__cc` (non-enumerable, non-writable) holding the native
 * functions. One instance per process: the natives reach `api` through a
 * static pointer. */
void ccapi_install(duk_context *ctx, struct ccapi *api);

/* Pushes the __cc object (kept in the heap stash, so user code replacing
 * the global cannot redirect the event loop). */
void ccapi_push(duk_context *ctx);

/* Sends {"t":"result","ok":false,"error":{name,message,stack:""}} (+ "limit":
 * "memory" if the heap cap was hit) built in C without the JS heap: used when
 * JS could not produce the result itself (e.g. out of memory twice). Exits
 * the process with GUEST_EXIT_IO if the write fails. */
void ccapi_send_fallback(struct ccapi *api, const char *name, const char *message);
