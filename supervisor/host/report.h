/* report: the outcome of one run — status, message, value, statistics and
 * what was enforced — and its two renderings (host JSON, plain text).
 * Runs in: supervisor. Input: facts gathered by run.c; guest-provided values
 * arrive here already parsed by guestmsg.c. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include <cjson/cJSON.h>

enum run_status {
	RUN_OK = 0,
	RUN_ERROR,
	RUN_TIMEOUT,
	RUN_CPU_LIMIT,
	RUN_MEMORY_LIMIT,
	RUN_OUTPUT_LIMIT,
	RUN_TOOL_CALL_LIMIT,
	RUN_PROTOCOL_ERROR,
	RUN_SANDBOX_ERROR,
	RUN_CANCELLED,
	RUN_BUSY, /* codecell serve: the run waited past the queue timeout, or was refused */
	RUN__COUNT
};

const char *report_status_name(enum run_status s);
/* The process exit code for a status (docs/PROTOCOL.md). */
int report_exit_code(enum run_status s);

struct report {
	enum run_status status;
	bool decided;      /* status is final: the first terminal event wins */
	char message[512]; /* for every non-ok status: what happened, for a model */
	cJSON *value;      /* owned: the program's result (RUN_OK) */
	cJSON *error;      /* owned: {name, message, stack} for RUN_ERROR */
	cJSON *unhandled;  /* owned: unhandled rejections, or NULL */
	/* statistics */
	uint64_t wall_ms, cpu_ms, memory_peak_bytes, tool_calls, output_bytes;
	bool cpu_known, memory_known;
	/* the supervisor's own usage (stats.supervisor; a one-run process only) */
	bool self_known, self_limited;
	uint64_t self_cpu_ms, self_memory_peak_bytes;
	uint64_t self_data_bytes, self_cpu_seconds; /* its rlimits, when self_limited */
	/* enforcement, as verified */
	cJSON *enforced; /* owned */
};

void report_init(struct report *r);
void report_finish(struct report *r);
/* Sets the status if none was decided yet; later calls are ignored, so the
 * first limit hit is the one reported. Returns true if it took effect. */
__attribute__((format(printf, 3, 4))) bool report_decide(struct report *r, enum run_status s, const char *fmt, ...);
/* The host protocol's final "result" message (caller owns). */
cJSON *report_to_json(const struct report *r);
/* Plain mode: the result as compact JSON on stdout (two-space indented
 * when pretty; null for undefined), or the error on stderr. */
void report_print_plain(const struct report *r, bool pretty, int out_fd, int err_fd);
