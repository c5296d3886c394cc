/* test-dslog: a downstream server's log messages (decoding, the size bound
 * that keeps cut data valid JSON, the rate limit and its drop count) and
 * the execute example built from the first offered tool (toolset). */
#include <stdlib.h>
#include <string.h>

#include "dslog.h"
#include "tap.h"
#include "toolset.h"

static int decode(const char *json, struct dslog_entry *e)
{
	cJSON *p = cJSON_Parse(json);
	int r = dslog_decode(p, e);
	cJSON_Delete(p);
	return r;
}

static void cuts(const char *what, cJSON *data)
{
	cJSON *p = cJSON_CreateObject();
	cJSON_AddStringToObject(p, "level", "info");
	cJSON_AddItemToObject(p, "data", data);
	struct dslog_entry e;
	tap_ok(dslog_decode(p, &e) == 0, "%s: decoded", what);
	tap_ok(strlen(e.data) <= DSLOG_MAX_DATA, "%s: within the bound", what);
	cJSON *back = cJSON_Parse(e.data);
	tap_ok(cJSON_IsString(back) && strstr(back->valuestring, "...") != NULL, "%s: a JSON string ending in ...",
	       what);
	cJSON_Delete(back);
	cJSON_Delete(p);
}

static void example(const char *tools_json, const char *want)
{
	struct toolset ts = {0};
	struct sbuf warn;
	sbuf_init(&warn, 4096);
	cJSON *tools = cJSON_Parse(tools_json);
	tap_ok(toolset_add(&ts, "srv", tools, &warn) == 0, "toolset");
	char *got = toolset_example(&ts);
	if (want)
		TAP_EQ_STR(got ? got : "(null)", want, "example");
	else
		tap_ok(got == NULL, "no tool, no example");
	free(got);
	cJSON_Delete(tools);
	sbuf_finish(&warn);
	toolset_finish(&ts);
}

int main(void)
{
	struct dslog_entry e;
	tap_ok(decode("{\"level\":\"warning\",\"logger\":\"db\",\"data\":{\"n\":1}}", &e) == 0, "decodes");
	TAP_EQ_INT(e.level, 3, "level warning");
	TAP_EQ_STR(e.logger, "db", "logger");
	TAP_EQ_STR(e.data, "{\"n\":1}", "data kept as JSON");
	tap_ok(decode("{\"level\":\"loud\",\"data\":1}", &e) < 0, "unknown level refused");
	tap_ok(decode("{\"level\":\"info\"}", &e) < 0, "no data refused");
	tap_ok(decode("[1]", &e) < 0, "not an object refused");
	tap_ok(decode("{\"level\":1,\"data\":1}", &e) < 0, "level not a string refused");

	/* Long values: a plain string, one that is all escapes (six bytes
	 * each when encoded), multi-byte UTF-8, and an object. */
	char *s = malloc(100001);
	memset(s, 'a', 100000);
	s[100000] = '\0';
	cuts("long string", cJSON_CreateString(s));
	memset(s, '\x01', 100000);
	cuts("control characters", cJSON_CreateString(s));
	for (size_t i = 0; i + 2 < 100000; i += 2)
		s[i] = (char)0xc3, s[i + 1] = (char)0xa9;
	s[99999] = 'x';
	cuts("two-byte UTF-8", cJSON_CreateString(s));
	free(s);
	cJSON *arr = cJSON_CreateArray();
	for (int i = 0; i < 5000; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateString("\"q\""));
	cuts("an array", arr);
	char logger[200];
	memset(logger, 'L', 199);
	logger[199] = '\0';
	cJSON *p = cJSON_CreateObject();
	cJSON_AddStringToObject(p, "level", "info");
	cJSON_AddStringToObject(p, "logger", logger);
	cJSON_AddNumberToObject(p, "data", 1);
	tap_ok(dslog_decode(p, &e) == 0 && strlen(e.logger) == DSLOG_MAX_LOGGER, "a long logger is cut");
	cJSON_Delete(p);

	/* The rate limit: a window's share, then drops, reported once. */
	struct dslog_limit l = {0};
	unsigned long rep, admitted = 0;
	for (int i = 0; i < 50; i++) {
		admitted += dslog_admit(&l, 1000, &rep);
		tap_ok(rep == 0, "no report within the window");
	}
	TAP_EQ_INT(admitted, DSLOG_MAX_PER_WINDOW, "the window's share");
	tap_ok(dslog_admit(&l, 1000 + DSLOG_WINDOW_MS, &rep), "a new window admits");
	TAP_EQ_INT(rep, 50 - DSLOG_MAX_PER_WINDOW, "and reports the drops");
	dslog_admit(&l, 1000 + 2 * DSLOG_WINDOW_MS, &rep);
	TAP_EQ_INT(rep, 0, "reported once");

	/* The example, as codemode's MCP server writes it (keys quoted when
	 * they are not identifiers). */
	example("[{\"name\":\"get-sum\",\"inputSchema\":{\"type\":\"object\",\"properties\":{\"a\":{\"type\":"
	        "\"number\"},"
	        "\"b\":{\"type\":\"integer\"},\"ok\":{\"type\":\"boolean\"},\"s\":{\"type\":\"string\"},"
	        "\"my key\":{},\"n\":{\"type\":[\"number\",\"null\"]}}}}]",
	        "async () => { const r = await srv.get_sum({ a: 0, b: 0, ok: true, s: \"...\", \"my key\": \"...\", n: "
	        "\"...\" }); return r; }");
	example("[{\"name\":\"t\"}]", "async () => { const r = await srv.t({}); return r; }");
	example("[{\"name\":\"t\",\"inputSchema\":{\"properties\":{\"a\":{},\"b\":{},\"c\":{},\"d\":{},\"e\":{},\"f\":{"
	        "},"
	        "\"g\":{},\"h\":{},\"i\":{}}}}]",
	        "async () => { const r = await srv.t({ a: \"...\", b: \"...\", c: \"...\", d: \"...\", e: \"...\", f: "
	        "\"...\", g: \"...\", h: \"...\" }); return r; }");
	example("[]", NULL);
	return tap_done();
}
