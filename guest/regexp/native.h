/* native: the Duktape natives behind guest/runtime/regexp.js (compile a
 * pattern, run a program, read group names).
 * Runs in: guest. Input: patterns, flags and subject strings from untrusted
 * user code, as Duktape strings; programs only as made by reCompile. */
#pragma once

#include "duktape.h"

/* Adds reCompile, reExec and reNames to the object at the top of the stack
 * (the guest's __cc, before the prelude runs). */
void regexp_native_install(duk_context *ctx);
