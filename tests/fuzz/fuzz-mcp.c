/* fuzz-mcp: everything codecell mcp and codecell types decode from
 * untrusted peers: a JSON-RPC line (rpc.c), an event-stream body
 * (httpbridge.c), a run's host line (program.c),
 * a tools/call result (toolresult.c), a downstream log message (dslog.c),
 * a run's tool arguments with binary tags (mcpbytes.c)
 * and a tools list through the names, the TypeScript generator and the
 * example call (toolset.c, tsname.c, tstypes.c).
 * Runs in: libFuzzer, or tests/fuzz/replay.c over the committed corpus.
 * Input: arbitrary bytes, as a downstream server or client could send. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dslog.h"
#include "httpbridge.h"
#include "mcpbytes.h"
#include "jsonin.h"
#include "program.h"
#include "rpc.h"
#include "toolresult.h"
#include "toolset.h"

static void drop(void *ctx, const char *data, size_t len)
{
	(void)ctx, (void)data, (void)len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	char why[160];
	struct rpc_msg m;
	cJSON *id = NULL;
	if (rpc_decode(text, size, &m, &id, why, sizeof why) == 0)
		rpc_msg_free(&m);
	cJSON_Delete(id);
	httpbridge_events(text, size, 1024, drop, NULL);
	struct program_line l;
	if (program_decode(text, size, &l, why, sizeof why) == 0)
		program_line_free(&l);
	cJSON *v = jsonin_parse(text, size, why, sizeof why);
	if (!v)
		return 0;
	static struct dslog_entry e;
	if (dslog_decode(v, &e) == 0 &&
	    (e.level < 0 || e.level > 7 || strlen(e.data) > DSLOG_MAX_DATA || strlen(e.logger) > DSLOG_MAX_LOGGER))
		abort(); /* the bounds dslog.h promises */
	cJSON *args = cJSON_Duplicate(v, true);
	if (args && mcpbytes_to_mcp(&args, why, sizeof why) == 0)
		free(mcpbytes_print_escaped(args));
	cJSON_Delete(args);
	struct toolresult r;
	if (toolresult_from_call(v, "s", "t", &r) == 0)
		toolresult_finish(&r);
	struct toolset ts = {0};
	struct sbuf warn;
	sbuf_init(&warn, 1u << 16);
	const cJSON *tools = cJSON_IsArray(v) ? v : cJSON_GetObjectItemCaseSensitive(v, "tools");
	if (tools && toolset_add(&ts, "codemode", tools, &warn) == 0 && toolset_add(&ts, "other", tools, &warn) == 0) {
		free(toolset_declarations(&ts));
		if (ts.ns[0].n_tools)
			free(toolset_describe(&ts, "codemode", ts.ns[0].tools[0].safe));
		free(toolset_example(&ts));
		cJSON *found = toolset_search(&ts, "a b", 10);
		cJSON_Delete(found);
	}
	sbuf_finish(&warn);
	toolset_finish(&ts);
	cJSON_Delete(v);
	return 0;
}
