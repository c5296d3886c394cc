/* test-envelope: the server's decoder of client lines and its run id tag
 * (supervisor/server/envelope.c): what is forwarded to a run's supervisor
 * is the line minus the server's fields, every value byte for byte; every
 * bad line is refused with a message, and a run id is read when it can be.
 * Runs in: unit tests. Input: fixed lines. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "envelope.h"
#include "stats.h"
#include "tap.h"

static int decode(const char *line, struct envelope *e, char *err)
{
	return envelope_decode(line, strlen(line), e, err, 300);
}

int main(void)
{
	struct envelope e;
	char err[300];

	/* A start: routed, its server fields taken out, the rest exact. */
	const char *start = "{\"v\":1,\"type\":\"start\",\"run\":\"r-1.a:b_c\",\"code\":\"0.1+0.2 // \\u2028\","
	                    "\"policy_name\":\"data\",\"limits\":{\"wall\":\"5s\",\"tool_calls\":3},"
	                    "\"env\":{\"A\":\"1e400\"},\"n\":1.7976931348623157e+308}";
	tap_ok(decode(start, &e, err) == 0, "a start decodes");
	tap_ok(e.type == HOSTMSG_START && !strcmp(e.run, "r-1.a:b_c") && !strcmp(e.policy_name, "data"),
	       "type, run id and policy name");
	tap_ok(e.n_limits == 2 && !strcmp(e.limits[0].key, "wall") && !strcmp(e.limits[0].text, "5s") &&
	               !strcmp(e.limits[1].key, "tool_calls") && !strcmp(e.limits[1].text, "3"),
	       "limits as text, numbers kept as written");
	const char *want = "{\"v\":1,\"type\":\"start\",\"code\":\"0.1+0.2 // \\u2028\",\"env\":{\"A\":\"1e400\"},"
	                   "\"n\":1.7976931348623157e+308}\n";
	if (!tap_ok(e.fwd && e.fwd_len == strlen(want) && !memcmp(e.fwd, want, e.fwd_len),
	            "forwarded line: server fields gone, values byte for byte") &&
	    e.fwd)
		printf("# got %.*s", (int)e.fwd_len, e.fwd); /* fwd is counted, not NUL-terminated */
	envelope_free(&e);

	/* "last": a server field, taken out like policy_name. */
	tap_ok(decode("{\"v\":1,\"type\":\"start\",\"run\":\"x\",\"last\":true,\"code\":\"1\"}", &e, err) == 0 &&
	               e.last && e.fwd && !memmem(e.fwd, e.fwd_len, "last", 4), /* fwd is counted */
	       "\"last\": true is read and not forwarded");
	envelope_free(&e);
	bool off = decode("{\"v\":1,\"type\":\"start\",\"run\":\"x\",\"last\":false}", &e, err) == 0 && !e.last;
	envelope_free(&e);
	tap_ok(off && decode("{\"v\":1,\"type\":\"start\",\"run\":\"y\"}", &e, err) == 0 && !e.last,
	       "\"last\" false or absent");
	envelope_free(&e);

	/* Server-level requests need no run; run messages do. */
	tap_ok(decode("{\"v\":1,\"type\":\"stats\"}", &e, err) == 0 && e.type == HOSTMSG_STATS && !e.fwd,
	       "stats needs no run and forwards nothing");
	envelope_free(&e);
	tap_ok(decode("{\"v\":1,\"type\":\"metrics\"}", &e, err) == 0 && e.type == HOSTMSG_METRICS, "metrics");
	tap_ok(decode("{\"v\":1,\"type\":\"cancel\"}", &e, err) == -EPROTO && strstr(err, "needs a \"run\""),
	       "a run message without a run is refused");

	static const struct {
		const char *line, *why, *run;
	} bad[] = {
	        {"", "not a JSON object", ""},
	        {"nope", "not a JSON object", ""},
	        {"[]", "not a JSON object", ""},
	        {"{\"v\":1,\"type\":\"start\",\"run\":\"x\"} x", "not a JSON object", ""},
	        {"{\"v\":2,\"type\":\"start\",\"run\":\"x\"}", "\"v\": 1", "x"},
	        {"{\"v\":1.0,\"type\":\"start\",\"run\":\"x\"}", "\"v\": 1", "x"},
	        {"{\"v\":1,\"run\":\"x\"}", "\"type\"", "x"},
	        {"{\"v\":1,\"type\":7,\"run\":\"x\"}", "\"type\"", "x"},
	        {"{\"v\":1,\"type\":\"result\",\"run\":\"x\"}", "unknown message type", "x"},
	        {"{\"v\":1,\"type\":\"error\",\"run\":\"x\"}", "unknown message type", "x"},
	        {"{\"v\":1,\"type\":\"start\",\"run\":\"\"}", "\"run\" must be", ""},
	        {"{\"v\":1,\"type\":\"start\",\"run\":\"a\\\"b\"}", "\"run\" must be", ""},
	        {"{\"v\":1,\"type\":\"start\",\"run\":\"a/b\"}", "\"run\" must be", ""},
	        {"{\"v\":1,\"type\":\"start\",\"run\":\"a\\u0000\"}", "\"run\" must be", ""},
	        {"{\"v\":1,\"type\":\"start\",\"run\":"
	         "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}",
	         "\"run\" must be", ""},
	        {"{\"v\":1,\"type\":\"start\",\"run\":\"x\",\"run\":\"y\"}", "not a JSON object", ""},
	        {"{\"v\":1,\"type\":\"start\",\"r\\u0075n\":\"x\"}", "not a JSON object", ""},
	        {"{\"v\":1,\"type\":\"start\",\"run\":\"x\",\"policy_name\":\"\"}", "policy_name", "x"},
	        {"{\"v\":1,\"type\":\"start\",\"run\":\"x\",\"policy_name\":3}", "policy_name", "x"},
	        {"{\"v\":1,\"type\":\"start\",\"run\":\"x\",\"policy\":\"p.json\"}", "with \"policy_name\"", "x"},
	        {"{\"v\":1,\"type\":\"start\",\"run\":\"x\",\"limits\":{\"pids\":\"1\"}}", "server-only", "x"},
	        {"{\"v\":1,\"type\":\"start\",\"run\":\"x\",\"limits\":{\"wall\":\"1s\",\"wall\":\"2s\"}}", "twice",
	         "x"},
	        {"{\"v\":1,\"type\":\"start\",\"run\":\"x\",\"limits\":{\"wall\":[1]}}", "short string", "x"},
	        {"{\"v\":1,\"type\":\"start\",\"run\":\"x\",\"limits\":{\"wall\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}"
	         "}",
	         "short string", "x"},
	        {"{\"v\":1,\"type\":\"start\",\"run\":\"x\",\"limits\":\"5s\"}", "must be an object", "x"},
	        {"{\"v\":1,\"type\":\"start\",\"run\":\"x\",\"last\":1}", "\"last\" must be a boolean", "x"},
	};
	int good = 0;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int r = decode(bad[i].line, &e, err);
		int ok = r == -EPROTO && strstr(err, bad[i].why) && !strcmp(e.run, bad[i].run) && !e.fwd;
		if (!ok)
			printf("# bad line %zu: r=%d err=%s run=%s\n", i, r, err, e.run);
		good += ok;
		envelope_free(&e);
	}
	tap_ok(good == (int)(sizeof bad / sizeof bad[0]), "%d malformed lines refused with their reason and run id",
	       good);

	/* The tag: "run" first, the rest as R wrote it. */
	size_t n;
	char *t = envelope_tag("{\"v\":1,\"type\":\"log\"}", 20, "r9", &n);
	tap_ok(t && n == strlen("{\"run\":\"r9\",\"v\":1,\"type\":\"log\"}\n") &&
	               !memcmp(t, "{\"run\":\"r9\",\"v\":1,\"type\":\"log\"}\n", n),
	       "tag puts the run id first");
	free(t);
	tap_ok(envelope_tag("[1]", 3, "r9", &n) == NULL, "tag refuses a non-object");
	t = envelope_tag("{}", 2, "r9", &n);
	tap_ok(t && n == strlen("{\"run\":\"r9\"}\n") && !memcmp(t, "{\"run\":\"r9\"}\n", n), "tag of an empty object");
	free(t);

	/* Quantiles over the latency ring. */
	struct stats s;
	stats_init(&s);
	tap_ok(stats_latency_quantile(&s, 0.5) == 0, "no samples: 0");
	for (uint64_t i = 1; i <= 100; i++)
		stats_result(&s, RUN_OK, i);
	tap_ok(stats_latency_quantile(&s, 0.5) == 51 && stats_latency_quantile(&s, 0.99) == 99 &&
	               s.by_status[RUN_OK] == 100,
	       "p50 and p99 of 1..100");
	for (uint64_t i = 0; i < STATS_LATENCY_RING; i++)
		stats_result(&s, RUN_BUSY, 7);
	tap_ok(stats_latency_quantile(&s, 0.99) == 7 && s.lat_n == STATS_LATENCY_RING, "the ring keeps the newest");
	char *prom = stats_prometheus(&s, &(struct stats_gauges){.running = 3});
	tap_ok(prom && strstr(prom, "codecell_runs_total{status=\"busy\"} 4096\n") &&
	               strstr(prom, "codecell_runs_running 3\n"),
	       "Prometheus text carries the counters and gauges");
	free(prom);
	return tap_done();
}
