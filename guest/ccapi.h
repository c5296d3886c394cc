/* ccapi: the native half of the internal `__cc` object (send, nowMs,
 * heapHit, heapStats, maxFrame()) and the last-resort C result frame.
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

/* Points the natives at `api`. One instance per process: the natives reach
 * it through a static pointer, set apart from ccapi_install because a heap
 * restored from an image (image.h) holds them without this process having
 * installed them. */
void ccapi_attach(struct ccapi *api);

/* Defines the global `__cc` (non-enumerable, non-writable) holding the native
 * functions. */
void ccapi_install(duk_context *ctx);

/* Pushes the internal __cc object, kept in the heap stash (which JS cannot
 * reach) after ccapi_seal(). */
void ccapi_push(duk_context *ctx);

/* Ends the prelude's access to internals, before any user byte runs: the
 * internal object is frozen and stays only in the stash and in the
 * prelude's closures; the global `__cc` becomes a frozen table of the
 * compiler runtime's helpers alone (jsc.h, jsc_rt_helpers: the functions
 * the program's own compiled code calls with its own values), and the
 * global `Duktape` (whose act() hands out the functions on the call stack,
 * the event loop's hooks among them) is deleted; the engine keeps its own
 * reference for errCreate. Returns 0, or -1 naming a helper the prelude
 * did not define (a build bug). */
int ccapi_seal(duk_context *ctx);

/* Sends {"t":"result","ok":false,"error":{name,message,stack:""}} (+ "limit":
 * "memory" if the heap cap was hit) built in C without the JS heap: used when
 * JS could not produce the result itself (e.g. out of memory twice). Exits
 * the process with GUEST_EXIT_IO if the write fails. */
void ccapi_send_fallback(struct ccapi *api, const char *name, const char *message);
