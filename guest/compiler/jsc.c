/* jsc: the compiler driver: fence stripping and code-shape detection
 * (shape.c), parse + TypeScript erasure (parser.c), lowering (lower.h),
 * printing (printer.c). See jsc.h; the recognised shapes are listed in
 * shape.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "jsc.h"
#include "lower.h"
#include "parser.h"
#include "callees.h"
#include "printer.h"
#include "shape.h"

static int set_error(struct jsc_output *out, const struct ast_program *prog, const struct jsc_options *opt, int rc)
{
	const char *file = opt && opt->filename ? opt->filename : "program";
	int line = (int)(prog->error.pos.line + prog->line_offset);
	int col = (int)prog->error.pos.column;
	const char *msg = prog->error.set ? prog->error.msg : "internal compiler error";
	/* No "SyntaxError: " prefix: the guest reports {name, message} and
	 * adds the name itself. */
	int n = snprintf(NULL, 0, "%s (%s:%d:%d)", msg, file, line, col);
	out->error = malloc((size_t)n + 1);
	if (!out->error)
		return -ENOMEM;
	snprintf(out->error, (size_t)n + 1, "%s (%s:%d:%d)", msg, file, line, col);
	out->error_line = line;
	out->error_column = col;
	return rc;
}

int jsc_compile(const char *src, size_t len, const struct jsc_options *opt, struct jsc_output *out)
{
	memset(out, 0, sizeof(*out));
	struct ast_program prog;
	memset(&prog, 0, sizeof(prog));
	if (len > JSC_MAX_SOURCE) {
		prog.error.set = true;
		snprintf(prog.error.msg, sizeof(prog.error.msg), "program is too large (%zu bytes, limit %u)", len,
		         JSC_MAX_SOURCE);
		prog.error.pos.line = 1;
		prog.error.pos.column = 1;
		return set_error(out, &prog, opt, -E2BIG);
	}
	prog.line_offset = shape_strip_fence(&src, &len);
	prog.arena = ast_arena_create(0);
	if (!prog.arena)
		return -ENOMEM;
	struct parser_info info;
	char *callees = NULL;
	size_t callees_len = 0;
	int rc = parser_parse(&prog, src, len, &info);
	if (rc == 0) {
		/* shape_apply and the passes allocate through the arena, whose
		 * limit longjmps here */
		jmp_buf jb;
		prog.arena->fail = &jb;
		if (setjmp(jb) == 0) {
			rc = shape_apply(&prog, &info, opt ? opt->shape : JSC_SHAPE_AUTO);
			if (rc == 0 && !(opt && opt->no_callees)) {
				callees = callees_collect(&prog, src, &callees_len);
				if (!callees)
					rc = -ENOMEM;
			}
			if (rc == 0)
				rc = jsc_lower(&prog);
		} else {
			if (!prog.error.set) {
				prog.error.set = true;
				snprintf(prog.error.msg, sizeof(prog.error.msg),
				         "program too large to compile (memory limit)");
			}
			rc = -E2BIG;
		}
		prog.arena->fail = NULL;
		if (rc < 0 && !prog.error.set)
			ast_error(&prog, prog.root->pos, "internal compiler error (lowering failed: %d)", rc);
	}
	if (rc == 0) {
		struct printer_output po;
		rc = printer_print(&prog, &po);
		if (rc == 0 && callees && !(opt && opt->callees_apart)) {
			/* the callee table goes after the program (callees.h) */
			static const char head[] = "\nfunction __jsc_callees(){return ", tail[] = ";}\n";
			size_t add = sizeof(head) - 1 + callees_len + sizeof(tail) - 1;
			char *code = realloc(po.code, po.len + add + 1);
			if (code) {
				char *p = code + po.len;
				memcpy(p, head, sizeof(head) - 1);
				memcpy(p + sizeof(head) - 1, callees, callees_len);
				memcpy(p + sizeof(head) - 1 + callees_len, tail, sizeof(tail));
				po.code = code;
				po.len += add;
			} else {
				rc = -ENOMEM;
				free(po.code);
				free(po.line_map);
				free(po.col_map);
			}
		}
		if (rc == 0) {
			out->code = po.code;
			out->code_len = po.len;
			if (callees && opt && opt->callees_apart) {
				out->callees = callees; /* handed over */
				out->callees_len = callees_len;
				callees = NULL;
			}
			out->line_map = po.line_map;
			out->col_map = po.col_map;
			out->line_map_len = po.line_map_len;
		} else if (rc == -E2BIG) {
			prog.error.set = true;
			snprintf(prog.error.msg, sizeof(prog.error.msg),
			         "generated code too large or too deeply nested");
		}
	}
	free(callees);
	if (rc < 0)
		rc = set_error(out, &prog, opt, rc);
	ast_arena_destroy(prog.arena);
	return rc;
}

void jsc_output_free(struct jsc_output *out)
{
	if (!out)
		return;
	free(out->code);
	free(out->error);
	free(out->line_map);
	free(out->col_map);
	free(out->callees);
	memset(out, 0, sizeof(*out));
}
