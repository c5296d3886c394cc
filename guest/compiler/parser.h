/* parser: recursive-descent ES2023 + TypeScript parser for jsc; erases
 * TypeScript while parsing (types, interfaces, generics, enums -> IIFE,
 * parameter properties -> constructor assignments) and builds the ast tree.
 * Runs in: guest (compiler). Input: untrusted program source. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "ast.h"

/* What the parser saw at the top level, for shape detection in the driver. */
struct parser_info {
	bool top_level_return; /* `return` outside any function */
	bool top_level_await;  /* `await` / `for await` outside any function */
	bool module_syntax;    /* import/export declarations */
	bool has_export_default;
	struct ast_pos return_pos, await_pos; /* first top-level return / await */
};

/* Parses src[0..len) into prog->root (prog->arena must be set). The top
 * level is parsed as an async function body would be (await is a keyword,
 * return is allowed) so the driver can pick the code shape afterwards; a
 * program using import/export is reparsed as strict module code.
 * Returns 0, or -EINVAL with prog->error set (SyntaxError), or -ENOMEM /
 * -E2BIG (arena limit) with prog->error set. */
int parser_parse(struct ast_program *prog, const char *src, size_t len, struct parser_info *info);
