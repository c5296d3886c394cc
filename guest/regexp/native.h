/* native: the Duktape natives behind guest/runtime/regexp.js (compile a
 * pattern, run a program, read group names).
 * Runs in: guest. Input: patterns, flags and subject strings from untrusted
 * user code, as Duktape strings; programs only as made by reCompile. */
#pragma once

#include "duktape.h"

/* Adds reCompile, reExec and reNames to the object at the top of the stack
 * (the guest's __cc, before the prelude runs). */
void regexp_native_install(duk_context *ctx);

/* Drops what the natives keep between calls (the last subject in UTF-16,
 * the matcher's stacks, the validated-prototype cache) and starts over as
 * a new process does: the image writer calls it, so that the image holds
 * no state a restored guest would lack (image.h). */
void regexp_native_forget(void);
