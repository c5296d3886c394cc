/* Unit tests for supervisor/audit.c: one JSON line per event, the fields of
 * docs/POLICY.md, secrets scrubbed, sinks off/file/host. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "audit.h"
#include "policy.h"
#include "sha256.h"
#include "tap.h"

static struct policy *load(const char *text)
{
	struct policy *p = NULL;
	policy_load_buffer("t", text, strlen(text), &p, NULL);
	return p;
}

/* Reads all lines from fd (from offset 0) into an array of parsed objects. */
static size_t read_lines(const char *path, cJSON **out, size_t max, char *raw, size_t rawsz)
{
	FILE *f = fopen(path, "r");
	size_t n = 0, used = 0;
	char line[20000];
	raw[0] = '\0';
	while (f && fgets(line, sizeof(line), f) && n < max) {
		out[n++] = cJSON_Parse(line);
		size_t l = strlen(line);
		if (used + l < rawsz) {
			memcpy(raw + used, line, l + 1);
			used += l;
		}
	}
	if (f)
		fclose(f);
	return n;
}

static const char *str(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static double num(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsNumber(v) ? v->valuedouble : -1;
}

static int host_lines;
static void host_writer(void *ctx, cJSON *msg)
{
	host_lines++;
	*(char **)ctx = cJSON_PrintUnformatted(msg);
	cJSON_Delete(msg);
}

int main(void)
{
	char dir[] = "/tmp/test-audit-XXXXXX", path[256], err[256], text[512];
	if (!mkdtemp(dir))
		tap_skip_all("mkdtemp: %s", strerror(errno));
	snprintf(path, sizeof(path), "%s/audit.jsonl", dir);
	snprintf(text, sizeof(text),
	         "{\"audit\":{\"sink\":\"%s\"},\"limits\":{\"wall\":\"5s\"},"
	         "\"network\":{\"allow\":[{\"host\":\"api.example.com\"}],"
	         "\"credentials\":[{\"host\":\"api.example.com\",\"header\":\"X-Key\",\"env\":\"CC_AUDIT_KEY\"}]}}",
	         path);
	struct policy *p = load(text);
	if (!tap_ok(p != NULL, "policy with a file sink loads"))
		return tap_done();

	struct audit *a = audit_open(p, -1, err, sizeof(err));
	tap_ok(a != NULL, "audit_open on a file (%s)", a ? "" : err);
	TAP_EQ_INT(strlen(audit_run_id(a)), 16, "run id is 16 hex characters");
	const struct policy_cred *cr;
	setenv("CC_AUDIT_KEY", "k3y-s3cret-abc", 1);
	char *secret = NULL;
	policy_net_creds_for(p, "api.example.com", &cr, 1);
	TAP_EQ_INT(policy_cred_resolve(cr, &secret), 0, "secret resolved");
	TAP_EQ_INT(audit_redact(a, secret), 0, "secret registered for scrubbing");
	TAP_EQ_INT(audit_redact(a, "ab"), -EINVAL, "too-short redaction refused");

	const char *code = "return 1;";
	TAP_EQ_INT(audit_run_start(a, p, code, strlen(code), "prog.js"), 0, "run_start written");
	cJSON *d = cJSON_CreateObject();
	cJSON_AddStringToObject(d, "url_path", "/x?token=k3y-s3cret-abc");
	TAP_EQ_INT(audit_decision(a, "network", "GET https://api.example.com/x", POLICY_ALLOW, "network.allow[0]", d),
	           0, "decision written");
	TAP_EQ_INT(audit_decision(a, "tool", "gh.delete\n\"repo\"", POLICY_DENY, "default deny", NULL), 0,
	           "decision with hostile name written");
	TAP_EQ_INT(audit_approval(a, POLICY_APPROVAL_TOOL, "gh.create_issue", false, "timeout"), 0, "approval written");
	char big[AUDIT_MAX_LINE + 100];
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	TAP_EQ_INT(audit_decision(a, "fs", big, POLICY_DENY, "no mount", NULL), 0, "oversized event written");
	struct audit_end e = {.status = "ok",
	                      .wall_ms = 12,
	                      .cpu_ms = 4,
	                      .memory_peak_bytes = 2097152,
	                      .tool_calls = 2,
	                      .output_bytes = 31};
	TAP_EQ_INT(audit_run_end(a, &e), 0, "run_end written");
	audit_close(a);

	cJSON *ev[16] = {0};
	char raw[65536];
	size_t n = read_lines(path, ev, 16, raw, sizeof(raw));
	TAP_EQ_INT(n, 6, "six lines, one per event");
	int parsed = 0;
	for (size_t i = 0; i < n; i++)
		parsed += ev[i] != NULL;
	TAP_EQ_INT(parsed, 6, "every line is one JSON object");
	tap_ok(!strstr(raw, "k3y-s3cret"), "the secret appears nowhere in the log");
	tap_ok(strstr(raw, "[redacted]") != NULL, "the secret was replaced");
	char ph[65];
	policy_hash_hex(p, ph);
	TAP_EQ_STR(str(ev[0], "event"), "run_start", "first event is run_start");
	TAP_EQ_STR(str(ev[0], "policy_sha256"), ph, "run_start carries the policy hash");
	char ch[65];
	sha256_hex(code, strlen(code), ch);
	TAP_EQ_STR(str(ev[0], "code_sha256"), ch, "run_start carries the code hash");
	TAP_EQ_INT(num(cJSON_GetObjectItemCaseSensitive(ev[0], "limits"), "wall_ms"), 5000, "limits in run_start");
	TAP_EQ_INT(num(ev[0], "seq"), 1, "seq starts at 1");
	TAP_EQ_INT(num(ev[5], "seq"), 6, "seq increments");
	TAP_EQ_STR(str(ev[1], "verdict"), "allow", "decision verdict");
	TAP_EQ_STR(str(ev[1], "rule"), "network.allow[0]", "decision rule");
	tap_ok(str(ev[2], "what") && strcmp(str(ev[2], "what"), "gh.delete\n\"repo\"") == 0,
	       "hostile name round-trips escaped");
	TAP_EQ_STR(str(ev[3], "event"), "approval", "approval event");
	TAP_EQ_STR(str(ev[3], "source"), "timeout", "approval source");
	tap_ok(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(ev[4], "truncated")), "oversized line truncated");
	TAP_EQ_STR(str(ev[5], "status"), "ok", "run_end status");
	TAP_EQ_INT(num(ev[5], "memory_peak_bytes"), 2097152, "run_end peak memory");
	TAP_EQ_STR(str(ev[5], "run"), str(ev[0], "run"), "one run id throughout");
	tap_ok(str(ev[0], "ts") && strlen(str(ev[0], "ts")) == 24, "timestamp is RFC 3339 UTC with ms");
	for (size_t i = 0; i < n; i++)
		cJSON_Delete(ev[i]);
	free(secret);
	policy_free(p);

	/* off: nothing written, nothing fails */
	p = policy_default();
	a = audit_open(p, -1, err, sizeof(err));
	TAP_EQ_INT(audit_run_start(a, p, "x", 1, NULL), 0, "off sink accepts events");
	audit_close(a);
	policy_free(p);

	/* host sink through a writer */
	p = load("{\"audit\":{\"sink\":\"host\"}}");
	a = audit_open(p, -1, err, sizeof(err));
	char *line = NULL;
	audit_set_host_writer(a, host_writer, &line);
	audit_decision(a, "tool", "a.b", POLICY_ASK, "tools.ask[0]", NULL);
	TAP_EQ_INT(host_lines, 1, "host writer called once");
	tap_ok(line && strstr(line, "\"type\":\"audit\"") && strstr(line, "\"v\":1"),
	       "host line is a v1 audit message");
	free(line);
	audit_close(a);
	policy_free(p);

	/* the per-run byte budget: a flood of decisions writes at most
	 * AUDIT_MAX_RUN_BYTES, one audit_truncated line, and run_end with the
	 * count of events left out; sequence numbers stay consecutive. */
	{
		char bpath[300], btext[512];
		snprintf(bpath, sizeof bpath, "%s/budget.jsonl", dir);
		snprintf(btext, sizeof btext, "{\"audit\":{\"sink\":\"%s\"}}", bpath);
		struct policy *bp = load(btext);
		struct audit *ba = bp ? audit_open(bp, -1, err, sizeof(err)) : NULL;
		static char what[2048];
		memset(what, 'w', sizeof what - 1);
		const unsigned flood = (AUDIT_MAX_RUN_BYTES / 2000) * 2; /* twice what fits */
		for (unsigned i = 0; ba && i < flood; i++)
			audit_decision(ba, "fs", what, POLICY_DENY, "no mount", NULL);
		struct audit_end end = {.status = "ok"};
		int er = audit_run_end(ba, &end);
		audit_close(ba);
		policy_free(bp);
		TAP_EQ_INT(er, 0, "run_end written past the budget");
		FILE *f = fopen(bpath, "r");
		size_t total = 0, lines = 0, truncs = 0, gaps = 0;
		long prev = 0;
		char *ln = NULL, *last = NULL;
		size_t cap = 0;
		ssize_t got;
		while (f && (got = getline(&ln, &cap, f)) > 0) {
			total += (size_t)got;
			lines++;
			truncs += strstr(ln, "\"event\":\"audit_truncated\"") != NULL;
			const char *q = strstr(ln, "\"seq\":");
			long seq = q ? strtol(q + 6, NULL, 10) : -1;
			gaps += seq != prev + 1;
			prev = seq;
			free(last);
			last = strdup(ln);
		}
		if (f)
			fclose(f);
		free(ln);
		tap_ok(total <= AUDIT_MAX_RUN_BYTES, "a flood writes at most the budget (%zu bytes, %zu lines)", total,
		       lines);
		TAP_EQ_INT(truncs, 1, "exactly one audit_truncated event");
		TAP_EQ_INT(gaps, 0, "sequence numbers stay consecutive");
		tap_ok(last && strstr(last, "\"event\":\"run_end\"") && strstr(last, "\"audit_dropped\":"),
		       "the last line is run_end with the count left out");
		free(last);
		unlink(bpath);
	}

	/* unwritable file sink: the run must not start unaudited */
	p = load("{\"audit\":{\"sink\":\"/nonexistent-dir/audit.jsonl\"}}");
	a = audit_open(p, -1, err, sizeof(err));
	tap_ok(!a && strstr(err, "cannot open"), "unopenable sink fails audit_open (%s)", err);
	policy_free(p);

	unlink(path);
	rmdir(dir);
	return tap_done();
}
