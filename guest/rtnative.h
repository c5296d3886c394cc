/* rtnative: natives for the runtime library: its hottest helper,
 * __cc.setLengthName (base.js), which the prelude calls for every built-in
 * method it defines (~270 times per run), and __cc.v8describe, which words
 * a value in an error message as node does without running program code,
 * and the Array method dispatch and includes (array.js).
 * Runs in: guest, in the prelude and later on user values' behalf. Input:
 * functions made by the trusted runtime library; nothing here parses bytes. */
#pragma once

#include "duktape.h"

/* Puts on the object at obj_idx: __cc.setLengthNameNative(fn, length,
 * name); __cc.v8describeNative(value) (guest/duk/duk_v8msg.h);
 * __cc.arrayIncludesNative (Array.prototype.includes for an Array, over
 * guest/duk/duk_hooks.h's duk_hooks_array_find); and
 * __cc.arrayMethodNative(nat, impl) (a dispatcher calling nat for an
 * Array, impl for anything else; array.js wraps Duktape's natives with it);
 * __cc.restrictedPropertyNative (Function.prototype's caller and arguments
 * accessor, object.js).
 * The runtime uses them in place of its own ES versions when present;
 * under plain duk (the runtime tests) the ES versions run. */
void rtnative_install(duk_context *ctx, duk_idx_t obj_idx);
