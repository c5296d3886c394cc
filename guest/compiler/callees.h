/* callees: the source text of every callee, as V8 names it in "x.y is not a
 * function" (its CallPrinter), for the runtime to name what V8 names.
 * Runs in: guest (compiler). Input: a tree parsed from untrusted source.
 *
 * Duktape's own message knows only the value or the property key
 * ("mapp not callable (property 'mapp' of [object Array])"); the compiler
 * still has the program's tree, so it lists each call and `new` site:
 * [line, column, kind, key, text] with kind 0 = member call (key = the
 * property name, "" when computed from a non-literal), 1 = other call,
 * 2 = new, written as JSON. The guest hands it to the runtime apart from the
 * program (jsc_options.callees_apart); other users get it appended to the
 * generated script as
 *   function __jsc_callees() { return [...]; }
 * (hoisted, so it exists before the first statement runs; a declaration
 * leaves the script's completion value alone). messages.js looks errors up
 * in it (docs/RUNTIME.md). */
#pragma once

#include <stddef.h>

#include "ast.h"

/* Entries kept: a program with more call sites names the rest as Duktape
 * does. Code-mode programs have tens to hundreds of calls. */
#define CALLEES_MAX_ENTRIES 4096
/* Longest callee text kept; longer ones are cut (V8 prints them whole, but
 * a message is for reading). */
#define CALLEES_MAX_TEXT 160

/* Returns the table as JSON text `[...]` (malloc'd, caller frees) for
 * prog's tree before lowering (src: the source it was parsed from), or NULL
 * on allocation failure. */
char *callees_collect(struct ast_program *prog, const char *src, size_t *len);
