/* shape: recognises the code shapes of code-mode programs and rewrites the
 * tree so the script's completion value is what the guest calls/awaits.
 * Runs in: guest (compiler). Input: a tree parsed from untrusted source.
 *
 * Code shapes recognised with JSC_SHAPE_AUTO (the completion value of the
 * generated script is what the guest calls/awaits):
 *  1. async arrow (or any function expression) as the last statement,
 *     possibly after declarations (@cloudflare/codemode): left as is, the
 *     completion value is that function.
 *  2. module with `export default X`: exports become plain declarations,
 *     the default is bound to __jsc_default (or its own name) and named as
 *     the last statement, so the completion value is X.
 *  3. top-level `return` or `await` (executor style function body): the
 *     program becomes `(async function () { BODY })();`, completion value =
 *     the promise. A module with top-level await is wrapped the same way
 *     and returns its default export.
 *  4. any of these inside a markdown fence (```js, ```ts, ```javascript,
 *     ```typescript, or bare ```): the fence is stripped first and line
 *     numbers still refer to the original text.
 *  5. a lone named function declaration (`async function run() {...}`;
 *     codemode's normalizeCode calls it; TypeScript declarations beside it
 *     are erased and do not count): its name is appended as the last
 *     statement, so the completion value is the function.
 * Otherwise the program is a plain script. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "ast.h"
#include "jsc.h"
#include "parser.h"

/* Largest program accepted: code-mode programs are a few KB; 1 MiB leaves
 * two orders of magnitude of headroom while bounding parse time and the
 * arena (AST_ARENA_LIMIT) for hostile input. */
#define JSC_MAX_SOURCE (1u << 20)

/* If the source starts (after blank lines) with a markdown fence, narrows
 * [*src, *len) to the fenced code and returns the number of lines removed
 * before it (added back to every reported line); otherwise returns 0. */
uint32_t shape_strip_fence(const char **src, size_t *len);

/* Detects the shape (want = JSC_SHAPE_AUTO) or enforces a plain script
 * (JSC_SHAPE_SCRIPT: top-level return/await/export are SyntaxErrors), sets
 * prog->shape and rewrites prog->root accordingly. Returns 0 or -EINVAL with
 * prog->error set. Allocation failure longjmps via the arena (ast.h). */
int shape_apply(struct ast_program *prog, const struct parser_info *info, enum jsc_shape want);
