/* jsc-cli: native debugging/golden-test tool for the jsc compiler: prints the
 * lowered ES5 for a file, or its SyntaxError. Not installed.
 * Runs in: developer machine / tests. Input: a file named on the command line.
 *
 * Usage: jsc-cli [--no-lower] [--map] [--script] FILE
 *   --no-lower  parse (erasing TypeScript), apply the shape, print without lowering
 *   --map       also print the generated-line -> source-line map to stderr
 *   --script    JSC_SHAPE_SCRIPT instead of shape detection */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "jsc.h"
#include "parser.h"
#include "printer.h"
#include "shape.h"

static char *read_file(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap);
	while (buf) {
		size_t r = fread(buf + n, 1, cap - n, f);
		n += r;
		if (n < cap)
			break;
		char *nb = realloc(buf, cap * 2);
		if (!nb) {
			free(buf);
			buf = NULL;
			break;
		}
		buf = nb;
		cap *= 2;
	}
	if (f != stdin)
		fclose(f);
	*len = n;
	return buf;
}

static int no_lower(const char *src, size_t len, const char *file, enum jsc_shape shape)
{
	struct ast_program prog;
	memset(&prog, 0, sizeof(prog));
	prog.line_offset = shape_strip_fence(&src, &len);
	prog.arena = ast_arena_create(0);
	struct parser_info info;
	int rc = parser_parse(&prog, src, len, &info);
	if (rc == 0)
		rc = shape_apply(&prog, &info, shape);
	if (rc < 0) {
		fprintf(stderr, "SyntaxError: %s (%s:%u:%u)\n", prog.error.msg, file,
		        prog.error.pos.line + prog.line_offset, prog.error.pos.column);
		ast_arena_destroy(prog.arena);
		return 1;
	}
	struct printer_output po;
	rc = printer_print(&prog, &po);
	ast_arena_destroy(prog.arena);
	if (rc < 0) {
		fprintf(stderr, "print failed: %s\n", strerror(-rc));
		return 1;
	}
	fwrite(po.code, 1, po.len, stdout);
	free(po.code);
	free(po.line_map);
	free(po.col_map);
	return 0;
}

int main(int argc, char **argv)
{
	bool lower = true, map = false;
	/* Golden output is the lowered program alone: the callee table
	 * (callees.h) only with --callees. */
	struct jsc_options opt = {.no_callees = true};
	const char *file = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--no-lower") == 0)
			lower = false;
		else if (strcmp(argv[i], "--map") == 0)
			map = true;
		else if (strcmp(argv[i], "--script") == 0)
			opt.shape = JSC_SHAPE_SCRIPT;
		else if (strcmp(argv[i], "--callees") == 0)
			opt.no_callees = false;
		else
			file = argv[i];
	}
	if (!file) {
		fprintf(stderr, "usage: jsc-cli [--no-lower] [--map] [--script] [--callees] FILE\n");
		return 2;
	}
	size_t len;
	char *src = read_file(file, &len);
	if (!src) {
		fprintf(stderr, "jsc-cli: %s: %s\n", file, strerror(errno));
		return 2;
	}
	if (!lower) {
		int r = no_lower(src, len, file, opt.shape);
		free(src);
		return r;
	}
	opt.filename = file;
	struct jsc_output out;
	int rc = jsc_compile(src, len, &opt, &out);
	free(src);
	if (rc < 0) {
		fprintf(stderr, "SyntaxError: %s\n", out.error ? out.error : strerror(-rc));
		jsc_output_free(&out);
		return 1;
	}
	fwrite(out.code, 1, out.code_len, stdout);
	if (map)
		for (size_t i = 0; i < out.line_map_len; i++)
			fprintf(stderr, "%zu -> %d:%d\n", i + 1, out.line_map[i], out.col_map[i]);
	jsc_output_free(&out);
	return 0;
}
