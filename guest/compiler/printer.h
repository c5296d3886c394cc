/* printer: turns a jsc syntax tree into JavaScript text (ES5.1 after
 * lowering; any remaining ES2015+ node is printed in its own syntax, which is
 * how jsc-cli shows unlowered trees), with a generated-line -> source-line map.
 * Runs in: guest (compiler). Input: a tree built from untrusted source. */
#pragma once

#include <stddef.h>

#include "ast.h"

/* Output ceiling: lowering grows code by a small factor; 64 MiB bounds what
 * a hostile 1 MiB program can make us allocate. */
#define PRINTER_MAX_OUTPUT (64u << 20)

/* The directive a function flagged AST_F_NOCTOR starts with: the guest's
 * Duktape (patch-duktape.py, "noctor-directive", which spells the same
 * text) then makes it no constructor and gives it no `prototype` object,
 * as an arrow, a method or an async function is in ES2015+. Duktape gave
 * every lowered function a prototype, an object and a reference cycle per
 * closure that only a mark-and-sweep collects. A directive the program
 * wrote with this text is printed with an escape ("use cc noct\u006fr"):
 * still a directive of the prologue, so a "use strict" after it counts,
 * but one Duktape ignores, as it ignores any directive with an escape. */
#define PRINTER_NOCTOR_DIRECTIVE "use cc noctor"

struct printer_output {
	char *code; /* malloc'd, NUL-terminated; caller frees */
	size_t len;
	int *line_map; /* malloc'd: line_map[i] = source line of generated line i+1 (0 = none) */
	int *col_map;  /* malloc'd, same length: source column (1-based, UTF-16) of the first
	                  * statement on generated line i+1 (0 = none) */
	size_t line_map_len;
};

/* Prints prog->root. Statements start a new generated line when their source
 * line or column differs from the current line's, so most generated lines
 * map to one source line and each statement to its own generated line (the
 * column map names it). Source lines include prog->line_offset.
 * Returns 0, -ENOMEM, or -E2BIG (output or nesting limit; out is empty).
 * On success the caller owns out->code, out->line_map and out->col_map (free()). */
int printer_print(const struct ast_program *prog, struct printer_output *out);
