/* rtnative: natives for the runtime library's hottest helper,
 * __cc.setLengthName (base.js), which the prelude calls for every built-in
 * method it defines (~270 times per run).
 * Runs in: guest, in the prelude and later on user values' behalf. Input:
 * functions made by the trusted runtime library; nothing here parses bytes. */
#pragma once

#include "duktape.h"

/* Puts __cc.setLengthNameNative(fn, length, name) on the object at obj_idx.
 * base.js uses it in place of its own ES version when present; under plain
 * duk (the runtime tests) the ES version runs. */
void rtnative_install(duk_context *ctx, duk_idx_t obj_idx);
