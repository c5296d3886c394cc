/* fuzz-jsc: the guest's JavaScript/TypeScript compiler on arbitrary source:
 * jsc_compile end to end, plus the front end alone (parse, print, reparse
 * the printed text: the printer must emit what the parser accepts).
 * Runs in: libFuzzer, or tests/fuzz/replay.c over tests/fuzz/corpus-jsc.
 * Input: arbitrary bytes, as an LLM or attacker could write a program. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "jsc.h"
#include "parser.h"
#include "printer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Inputs beyond this only slow the fuzzer down; limits are tested in unit tests. */
#define FUZZ_MAX_SOURCE (64u << 10)

static void front_end_roundtrip(const char *src, size_t len)
{
	struct ast_program prog;
	memset(&prog, 0, sizeof(prog));
	prog.arena = ast_arena_create(0);
	if (!prog.arena)
		return;
	struct parser_info info;
	if (parser_parse(&prog, src, len, &info) == 0 && !info.module_syntax) {
		struct printer_output po;
		if (printer_print(&prog, &po) == 0) {
			struct ast_program again;
			memset(&again, 0, sizeof(again));
			again.arena = ast_arena_create(0);
			struct parser_info info2;
			if (again.arena && parser_parse(&again, po.code, po.len, &info2) != 0) {
				fprintf(stderr,
				        "printed code does not reparse: %s at %u:%u\n--- source\n%.*s\n--- "
				        "printed\n%s\n",
				        again.error.msg, again.error.pos.line, again.error.pos.column, (int)len, src,
				        po.code);
				abort();
			}
			ast_arena_destroy(again.arena);
			free(po.code);
			free(po.line_map);
			free(po.col_map);
		}
	}
	ast_arena_destroy(prog.arena);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > FUZZ_MAX_SOURCE)
		return 0;
	/* Exact-size copy so sanitizers see any over-read past the source. */
	char *src = malloc(size ? size : 1);
	if (!src)
		return 0;
	memcpy(src, data, size);
	struct jsc_output out;
	int rc = jsc_compile(src, size, NULL, &out);
	if (rc == 0 && (!out.code || out.code[out.code_len] != '\0' || out.line_map_len == 0))
		abort();
	if (rc < 0 && rc != -12 && !out.error)
		abort(); /* every failure but ENOMEM carries a message */
	jsc_output_free(&out);
	front_end_roundtrip(src, size);
	free(src);
	return 0;
}
