/* jsc: the guest's JavaScript/TypeScript front end. Lowers ES2023 + TypeScript
 * source to ES5.1 that Duktape runs, with a line/column map back to the source.
 * Runs in: guest, after the seccomp filter is loaded. Input: untrusted program
 * source. Pure: no I/O, bounded recursion and memory. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

enum jsc_shape {
	JSC_SHAPE_AUTO = 0, /* detect: module with export default, async arrow, function body, plain script */
	JSC_SHAPE_SCRIPT,   /* plain script: the completion value is the result */
};

struct jsc_options {
	const char *filename; /* for messages */
	enum jsc_shape shape;
	bool no_callees; /* omit the callee table (callees.h), e.g. for golden output */
	/* The callee table in out->callees rather than appended to the code
	 * as `function __jsc_callees`, a global a program would see (the
	 * guest hands it to the runtime apart). */
	bool callees_apart;
};

struct jsc_output {
	char *code; /* owned, NUL-terminated ES5.1; free with jsc_output_free */
	size_t code_len;
	/* On failure: the message of a SyntaxError (without the "SyntaxError: "
	 * name, which the reporter adds) naming the construct and ending in
	 * "(file:line:column)" of the original source, NUL-terminated, owned.
	 * -ENOMEM/-E2BIG failures say so in the message. */
	char *error;
	int error_line, error_column;
	/* Mapping from generated lines to original positions (owned), so that
	 * runtime errors can be reported at the user's line:column. */
	int *line_map; /* line_map[generated_line - 1] = original line, or 0 */
	/* col_map[generated_line - 1] = original column (1-based, UTF-16 units,
	 * as V8 counts) of the statement that generated line starts, or 0. Each
	 * statement gets its own generated line, so Duktape's line numbers
	 * (it has no columns) give the user's line:column of the statement. */
	int *col_map;
	size_t line_map_len; /* length of line_map and col_map */
	/* With callees_apart: the callee table as JSON (callees.h), owned,
	 * NUL-terminated; NULL with no_callees. */
	char *callees;
	size_t callees_len;
};

/* Compiled code calls the compiler runtime (rt/NAME.js) as `__cc.NAME`: the
 * only names of the guest's internal object that the program's global
 * `__cc` carries (the guest builds that table from this list after the
 * prelude; everything else stays unreachable). NULL-terminated. A user
 * identifier spelled `__cc`, `__cc$`, ... is printed with one more `$`, so
 * a program cannot name the table or shadow it. */
extern const char *const jsc_rt_helpers[];

/* Returns 0 and fills out->code, or a negative value with out->error set
 * (syntax error) or -ENOMEM. Always call jsc_output_free(out) afterwards. */
int jsc_compile(const char *src, size_t len, const struct jsc_options *opt, struct jsc_output *out);
void jsc_output_free(struct jsc_output *out);
