/* intl: the native half of Intl (ECMA-402) over ICU, as the internal
 * object `__cc.intl` that guest/runtime/intl.js wraps and then hides.
 * Runs in: guest, after the seccomp filter. Input: strings and numbers from
 * the untrusted program, already checked by intl.js; every native checks
 * its argument types again (user code can reach the object before the
 * runtime hides it only if the prelude is broken) and never trusts a length.
 *
 * ICU is initialised on the first call of any native, never at startup: a
 * program that does not touch Intl pays nothing. ICU's data is linked into
 * the binary (guest/intl/icudata.py), so nothing is opened at run time. */
#pragma once

#include "duktape.h"

/* Defines __cc.intl (the object on top of the stack must be __cc). */
void intl_install(duk_context *ctx, duk_idx_t cc_idx);
