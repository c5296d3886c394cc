/* test-fetch: the fetcher against a real HTTP server on 127.0.0.1 (an
 * ephemeral port; tests/integration/httpd.py). Only loopback traffic: names
 * outside the rules are refused before any DNS lookup, and every loop is
 * bounded by a deadline.
 * Usage: test-fetch PYTHON3 HTTPD_PY */
#include <errno.h>
#include <stdarg.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fetch.h"
#include "guestmsg.h"
#include "policy.h"
#include "policy_int.h"
#include "tap.h"

#define SECRET "s3cr3t-token-0123456789"

static int port;
static pid_t server;
static cJSON *val;
static struct req_error ferr;
static struct policy *pol; /* the policy the current fetcher decides with */

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int start_server(const char *python, const char *script)
{
	int p[2];
	if (pipe(p) < 0)
		return -1;
	server = fork();
	if (server == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		setenv("EXPECT_AUTH", "Bearer " SECRET, 1);
		execlp(python, python, script, (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	char buf[32] = "";
	struct pollfd pf = {.fd = p[0], .events = POLLIN};
	ssize_t n = 0;
	if (poll(&pf, 1, 10000) == 1)
		n = read(p[0], buf, sizeof(buf) - 1);
	close(p[0]);
	buf[n > 0 ? n : 0] = '\0';
	port = atoi(buf);
	return port > 0 ? 0 : -1;
}

/* Decodes a fetch frame (the fields given as JSON) and decides it with the
 * current policy; an ASK counts as approved. 0 with *h filled, or the
 * result run() would return. */
struct held {
	struct guest_msg m;
	struct policy_net_decision d;
};

static int decide(const char *json, struct held *h)
{
	char frame[4096];
	snprintf(frame, sizeof(frame), "{\"t\":\"fetch\",\"id\":1,%s", json + 1);
	char e[256];
	memset(h, 0, sizeof(*h));
	if (guestmsg_parse((const uint8_t *)frame, strlen(frame), &h->m, e, sizeof(e)) < 0) {
		snprintf(ferr.message, sizeof(ferr.message), "%s", e);
		return -EPROTO;
	}
	if (h->m.bad.name[0]) {
		ferr = h->m.bad;
		guestmsg_free(&h->m);
		return -EINVAL;
	}
	if (policy_net_decide(pol, &h->m.fetch.url, h->m.fetch.method, "fetch", &h->d) == POLICY_DENY) {
		ferr = h->d.deny;
		guestmsg_free(&h->m);
		return -EACCES;
	}
	h->d.verdict = POLICY_ALLOW;
	return 0;
}

/* Starts one request (decode, decide, execute) and drives the fetcher until
 * it completes, at most 8 s. Returns 0 with val set, 1 with ferr set (async
 * failure), or a negative result (ferr set) when refused up front. */
static int run(struct fetcher *f, const char *json)
{
	static uint64_t next_id = 1;
	cJSON_Delete(val);
	val = NULL;
	memset(&ferr, 0, sizeof(ferr));
	struct held h;
	int r = decide(json, &h);
	if (r < 0)
		return r;
	uint64_t id = next_id++;
	r = fetcher_start(f, id, &h.m.fetch, &h.d, NULL, &ferr);
	guestmsg_free(&h.m);
	if (r < 0)
		return r;
	long long deadline = now_ms() + 8000;
	while (now_ms() < deadline) {
		uint64_t got;
		cJSON *v = NULL;
		if (fetcher_next_done(f, &got, &v, &ferr)) {
			if (got != id)
				printf("# unexpected id %llu\n", (unsigned long long)got);
			val = v;
			return v ? 0 : 1;
		}
		struct pollfd fds[16];
		int timeout = 100;
		int n = fetcher_fds(f, fds, 16, &timeout);
		poll(fds, (nfds_t)n, timeout);
		fetcher_perform(f);
	}
	return -ETIME;
}

/* A policy from JSONC text; the previous one is freed. */
static struct policy *load(const char *text)
{
	struct policy_diag diag;
	policy_diag_init(&diag);
	policy_free(pol);
	pol = NULL;
	if (policy_load_buffer("test.jsonc", text, strlen(text), &pol, &diag) < 0)
		printf("# policy refused: %s\n", diag.n ? diag.msg[0] : "?");
	policy_diag_free(&diag);
	return pol;
}

static const char *vstr(const char *k)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(val, k);
	return cJSON_IsString(x) ? x->valuestring : "";
}

static int vint(const char *k)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(val, k);
	return cJSON_IsNumber(x) ? x->valueint : -1;
}

static const char *header(const char *name)
{
	const cJSON *h;
	cJSON_ArrayForEach(h, cJSON_GetObjectItemCaseSensitive(val, "headers"))
	{
		if (strcmp(cJSON_GetArrayItem(h, 0)->valuestring, name) == 0)
			return cJSON_GetArrayItem(h, 1)->valuestring;
	}
	return NULL;
}

/* Not format-checked: the policy texts below are templates kept in
 * variables, each used with the same arguments. */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static char *jf(const char *fmt, ...)
{
	static char buf[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return buf;
}

static void test_main(void)
{
	char p[8];
	snprintf(p, sizeof(p), "%d", port);
	const char *rules =
	        "{\"version\":1,\"network\":{\"max_response_bytes\":\"100000B\",\"timeout\":\"%s\","
	        "\"max_redirects\":5,\"allow\":["
	        "{\"scheme\":\"http\",\"host\":\"127.0.0.1\",\"port\":%d,\"methods\":[\"GET\",\"POST\",\"HEAD\"],"
	        "\"allow_private\":true},"
	        /* localhost named; its allowance is taken away below, so its
	                     * loopback address stays refused at connect time */
	        "{\"scheme\":\"http\",\"host\":\"localhost\",\"port\":%d,\"allow_private\":true},"
	        /* a name standing for an internal service, explicitly allowed */
	        "{\"scheme\":\"http\",\"host\":\"ip6-localhost\",\"port\":%d,\"allow_private\":true},"
	        "{\"scheme\":\"https\",\"host\":\"api.example.com\",\"path_prefix\":\"/v1\"}]}}";
	if (!tap_ok(load(jf(rules, "5s", port, port, port)) != NULL, "test policy loads"))
		return;
	/* White-box: a rule the loader would refuse (a local name without
	 * allow_private), to show the executor's connect-time check holds on
	 * its own. */
	((struct policy_net_rule *)policy_net(pol)->rules)[1].allow_private = false;
	setenv("CODECELL_TEST_SECRET", SECRET, 1);
	struct policy_cred secrets[] = {
	        {.host = "127.0.0.1",
	         .header = "Authorization",
	         .prefix = "Bearer ",
	         .env = "CODECELL_TEST_SECRET",
	         .rule = "cred[0]"},
	};
	struct fetch_config cfg = {.policy = pol, .creds = secrets, .n_creds = 1};
	char err[256];
	struct fetcher *f = fetcher_create(&cfg, err, sizeof(err));
	if (!tap_ok(f != NULL, "fetcher_create (%s)", f ? "ok" : err))
		return;

	/* allowed requests */
	TAP_EQ_INT(run(f, jf("{\"url\":\"http://127.0.0.1:%d/hello\"}", port)), 0, "GET allowed");
	TAP_EQ_INT(vint("status"), 200, "status 200");
	TAP_EQ_STR(vstr("body"), "hello", "body");
	TAP_EQ_STR(header("x-test"), "1", "response header");
	TAP_EQ_STR(vstr("url"), jf("http://127.0.0.1:%d/hello", port), "final url");
	TAP_EQ_STR(vstr("statusText"), "OK", "statusText");
	TAP_EQ_STR(ferr.rule, "network.allow[0]", "allowing rule reported for the audit");

	TAP_EQ_INT(run(f, jf("{\"url\":\"http://127.0.0.1:%d/"
	                     "echo?q=1\",\"method\":\"post\",\"headers\":[[\"X-Custom\",\"abc\"],"
	                     "[\"Content-Type\",\"text/plain\"]],\"body\":\"payload \\u00e9\"}",
	                     port)),
	           0, "POST with headers and body");
	cJSON *echo = cJSON_Parse(vstr("body"));
	cJSON *eh = cJSON_GetObjectItem(echo, "headers");
	TAP_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(echo, "method")), "POST", "server saw POST");
	TAP_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(eh, "x-custom")), "abc", "server saw the header");
	TAP_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(echo, "body")), "payload \xc3\x83\xc2\xa9",
	           "server saw the UTF-8 body (echoed as latin-1)");
	TAP_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(echo, "path")), "/echo?q=1",
	           "server saw the path and query");
	cJSON_Delete(echo);

	TAP_EQ_INT(run(f, jf("{\"url\":\"http://127.0.0.1:%d/echo\",\"method\":\"POST\",\"body\":\"AQL/"
	                     "\",\"bodyEncoding\":\"base64\"}",
	                     port)),
	           0, "POST with a binary body");
	echo = cJSON_Parse(vstr("body"));
	TAP_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(echo, "body")), "\x01\x02\xc3\xbf",
	           "server saw bytes 01 02 ff");
	cJSON_Delete(echo);

	TAP_EQ_INT(run(f, jf("{\"url\":\"http://127.0.0.1:%d/binary\"}", port)), 0, "binary response");
	TAP_EQ_STR(vstr("bodyEncoding"), "base64", "binary body comes as base64");
	tap_ok(strncmp(vstr("body"), "AAECAwQF", 8) == 0, "base64 content starts with bytes 0..5");

	TAP_EQ_INT(run(f, jf("{\"url\":\"http://2130706433:%d/hello\"}", port)), 0,
	           "decimal spelling of the named address is the same address");

	/* denials decided before any connection */
	TAP_EQ_INT(run(f, jf("{\"url\":\"http://127.0.0.2:%d/hello\"}", port)), -EACCES,
	           "other loopback address denied");
	TAP_EQ_STR(ferr.name, "PermissionDenied", "denial name");
	TAP_EQ_STR(ferr.code, "EPOLICY", "denial code");
	TAP_EQ_INT(run(f, "{\"url\":\"http://example.com/\"}"), -EACCES, "unlisted host denied without DNS");
	tap_ok(strstr(ferr.message, "fetch GET http://example.com/ is not allowed by policy") != NULL,
	       "denial message: %s", ferr.message);
	TAP_EQ_INT(run(f, jf("{\"url\":\"http://127.0.0.1:%d/hello\",\"method\":\"DELETE\"}", port)), -EACCES,
	           "method not in the rule denied");
	TAP_EQ_INT(run(f, jf("{\"url\":\"http://127.0.0.1:%d/hello\"}", port + 1 > 65535 ? 1 : port + 1)), -EACCES,
	           "other port denied");
	TAP_EQ_INT(run(f, jf("{\"url\":\"http://0x7f.1:%d/\"}", port + 1 > 65535 ? 1 : port + 1)), -EACCES,
	           "hex spelling on another port denied");
	TAP_EQ_INT(run(f, "{\"url\":\"https://api.example.com/v2/x\"}"), -EACCES, "path outside the rule's prefix");
	TAP_EQ_INT(run(f, "{\"url\":\"https://api.example.com/v1/../admin\"}"), -EACCES,
	           "dot segments cannot escape the prefix");
	TAP_EQ_INT(run(f, "{\"url\":\"http://169.254.169.254/latest/meta-data/\"}"), -EACCES,
	           "metadata address denied");
	TAP_EQ_INT(run(f, "{\"url\":\"file:///etc/passwd\"}"), -EINVAL, "file: URL refused");
	TAP_EQ_STR(ferr.name, "TypeError", "bad URL is a TypeError");
	TAP_EQ_INT(run(f, "{\"url\":\"http://u:p@127.0.0.1/\"}"), -EINVAL, "userinfo refused");
	TAP_EQ_INT(run(f, jf("{\"url\":\"http://127.0.0.1:%d/hello\",\"headers\":[[\"X-A\",\"1\\r\\nX-Injected: 1\"]]}",
	                     port)),
	           -EINVAL, "header injection refused");
	TAP_EQ_INT(run(f, jf("{\"url\":\"http://127.0.0.1:%d/hello\",\"headers\":{\"Host\":\"evil\"}}", port)), -EINVAL,
	           "Host header refused");
	TAP_EQ_INT(run(f, jf("{\"url\":\"http://127.0.0.1:%d/hello\",\"body\":\"x\"}", port)), -EINVAL,
	           "GET with body refused");
	TAP_EQ_INT(run(f, "{\"url\":42}"), -EPROTO, "ill-typed url is a protocol error");

	/* decided at connect time: the name resolves to a loopback address */
	TAP_EQ_INT(run(f, jf("{\"url\":\"http://localhost:%d/hello\"}", port)), 1, "localhost without allowance fails");
	TAP_EQ_STR(ferr.code, "EPRIVATEADDR", "refused at connect: private address");
	tap_ok(strstr(ferr.message, "loopback") != NULL, "message names the class: %s", ferr.message);

	/* redirects */
	TAP_EQ_INT(run(f, jf("{\"url\":\"http://127.0.0.1:%d/redirect?to=/hello\"}", port)), 0,
	           "relative redirect followed");
	TAP_EQ_STR(vstr("body"), "hello", "redirect target body");
	tap_ok(cJSON_IsTrue(cJSON_GetObjectItem(val, "redirected")), "redirected flag");
	TAP_EQ_INT(run(f, jf("{\"url\":\"http://127.0.0.1:%d/redirect?to=http://169.254.169.254/\"}", port)), 1,
	           "redirect to the metadata address");
	TAP_EQ_STR(ferr.name, "PermissionDenied", "redirect to a private address denied");
	TAP_EQ_INT(run(f, jf("{\"url\":\"http://127.0.0.1:%d/redirect?to=http://localhost:%d/hello\"}", port, port)), 1,
	           "redirect to localhost (name allowed, address not)");
	TAP_EQ_STR(ferr.code, "EPRIVATEADDR", "re-checked at connect on the new hop");
	TAP_EQ_INT(run(f, jf("{\"url\":\"http://127.0.0.1:%d/redirect?to=/hello\",\"redirect\":\"manual\"}", port)), 0,
	           "manual redirect");
	TAP_EQ_INT(vint("status"), 302, "manual: the 302 itself");
	TAP_EQ_STR(header("location"), "/hello", "manual: location header");
	TAP_EQ_INT(run(f, jf("{\"url\":\"http://127.0.0.1:%d/redirect?to=/hello\",\"redirect\":\"error\"}", port)), 1,
	           "redirect:error");
	TAP_EQ_STR(ferr.name, "TypeError", "redirect:error is a TypeError");
	TAP_EQ_INT(run(f, jf("{\"url\":\"http://127.0.0.1:%d/loop\"}", port)), 1, "redirect loop stops");
	tap_ok(strstr(ferr.message, "more than 5 redirects") != NULL, "redirect cap message: %s", ferr.message);
	TAP_EQ_INT(run(f, jf("{\"url\":\"http://127.0.0.1:%d/redirect?code=303&to=/"
	                     "echo\",\"method\":\"POST\",\"body\":\"b\"}",
	                     port)),
	           0, "303 after POST");
	echo = cJSON_Parse(vstr("body"));
	TAP_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(echo, "method")), "GET", "303 turns POST into GET");
	cJSON_Delete(echo);

	/* size cap */
	TAP_EQ_INT(run(f, jf("{\"url\":\"http://127.0.0.1:%d/big?n=99000\"}", port)), 0, "body under the cap");
	TAP_EQ_INT(strlen(vstr("body")), 99000, "whole body");
	TAP_EQ_INT(run(f, jf("{\"url\":\"http://127.0.0.1:%d/big?n=500000\"}", port)), 1, "oversize body");
	TAP_EQ_STR(ferr.code, "ETOOLARGE", "oversize code");
	tap_ok(strstr(ferr.message, "larger than the 100000-byte limit") != NULL, "oversize message: %s", ferr.message);

	/* secret header */
	TAP_EQ_INT(run(f, jf("{\"url\":\"http://127.0.0.1:%d/check-auth\"}", port)), 0,
	           "request to the credential's host");
	tap_ok(strncmp(vstr("body"), "auth=ok", 7) == 0, "the server received the secret (%s)", vstr("body"));
	tap_ok(strstr(vstr("body"), SECRET) == NULL, "echoed secret scrubbed from the body");
	tap_ok(header("x-echo-auth") && strstr(header("x-echo-auth"), SECRET) == NULL &&
	               strstr(header("x-echo-auth"), "Bearer ****") != NULL,
	       "echoed secret scrubbed from response headers (%s)",
	       header("x-echo-auth") ? header("x-echo-auth") : "-");
	TAP_EQ_INT(run(f, jf("{\"url\":\"http://127.0.0.1:%d/check-auth\",\"headers\":[[\"authorization\",\"Bearer "
	                     "guess\"]]}",
	                     port)),
	           0, "guest's own Authorization");
	tap_ok(strncmp(vstr("body"), "auth=ok", 7) == 0, "the secret replaces the guest's header");

	/* issue 9: a hostile server reflects the credential in a header name
	 * and in a redirect to a denied URL; nothing of it comes back. */
	TAP_EQ_INT(run(f, jf("{\"url\":\"http://127.0.0.1:%d/reflect\"}", port)), 0, "reflecting server answers");
	{
		char *all = cJSON_PrintUnformatted(val);
		tap_ok(all && !strstr(all, SECRET) && !strstr(all, "s3cr3t-t0"), "secret scrubbed from header names");
		free(all);
	}
	TAP_EQ_INT(run(f, jf("{\"url\":\"http://127.0.0.1:%d/reflect?to=http://127.0.0.9:%d/x/\"}", port, port)), 1,
	           "redirect carrying the secret refused");
	tap_ok(!strstr(ferr.message, "s3cr3t-t0") && !strstr(ferr.message, "0123456789"),
	       "no part of the secret in the error message");
	printf("# %s\n", ferr.message);

	/* several in flight at once */
	int started = 0;
	for (uint64_t id = 1001; id <= 1003; id++) {
		struct held h;
		if (decide(jf("{\"url\":\"http://127.0.0.1:%d/slow?ms=300\"}", port), &h) == 0) {
			started += fetcher_start(f, id, &h.m.fetch, &h.d, NULL, &ferr) == 0;
			guestmsg_free(&h.m);
		}
	}
	TAP_EQ_INT(started, 3, "three concurrent fetches started");
	int done = 0;
	long long t0 = now_ms();
	while (done < 3 && now_ms() < t0 + 8000) {
		uint64_t id;
		cJSON *v = NULL;
		while (fetcher_next_done(f, &id, &v, &ferr)) {
			done += v != NULL && id >= 1001 && id <= 1003;
			cJSON_Delete(v);
		}
		struct pollfd fds[16];
		int timeout = 100;
		int n = fetcher_fds(f, fds, 16, &timeout);
		poll(fds, (nfds_t)n, timeout);
		fetcher_perform(f);
	}
	TAP_EQ_INT(done, 3, "all three completed");
	tap_ok(now_ms() - t0 < 850, "they ran concurrently (%lld ms for 3 x 300 ms)", now_ms() - t0);
	TAP_EQ_INT(fetcher_inflight(f), 0, "nothing left in flight");
	fetcher_destroy(f);

	/* time cap */
	load(jf(rules, "500ms", port, port, port));
	cfg.policy = pol;
	f = fetcher_create(&cfg, err, sizeof(err));
	long long t1 = now_ms();
	TAP_EQ_INT(run(f, jf("{\"url\":\"http://127.0.0.1:%d/slow?ms=3000\"}", port)), 1, "slow server");
	TAP_EQ_STR(ferr.name, "TimeoutError", "time cap hit");
	tap_ok(now_ms() - t1 < 2000, "gave up after about 500 ms (%lld ms)", now_ms() - t1);
	fetcher_destroy(f);

	/* a credential bound to one host is not sent to a redirect target */
	load(jf("{\"version\":1,\"network\":{\"allow\":["
	        "{\"scheme\":\"http\",\"host\":\"localhost\",\"port\":%d,\"allow_private\":true},"
	        "{\"scheme\":\"http\",\"host\":\"127.0.0.1\",\"port\":%d,\"allow_private\":true}]}}",
	        port, port));
	struct policy_cred secrets2[] = {
	        {.host = "localhost", .header = "Authorization", .prefix = "Bearer ", .env = "CODECELL_TEST_SECRET"},
	};
	struct fetch_config cfg2 = {.policy = pol, .creds = secrets2, .n_creds = 1};
	f = fetcher_create(&cfg2, err, sizeof(err));
	TAP_EQ_INT(run(f, jf("{\"url\":\"http://localhost:%d/check-auth\"}", port)), 0,
	           "a name explicitly allowed to be private connects");
	tap_ok(strncmp(vstr("body"), "auth=ok", 7) == 0, "secret sent to its host (%s)", vstr("body"));
	TAP_EQ_INT(
	        run(f, jf("{\"url\":\"http://localhost:%d/redirect?to=http://127.0.0.1:%d/check-auth\"}", port, port)),
	        0, "redirect to another host");
	TAP_EQ_STR(vstr("body"), "auth=missing echo=", "secret dropped on the redirect to another host");
	TAP_EQ_INT(run(f, jf("{\"url\":\"http://localhost:%d/redirect?to=/check-auth\"}", port)), 0,
	           "redirect on the same host");
	tap_ok(strncmp(vstr("body"), "auth=ok", 7) == 0, "secret kept on a same-host redirect");
	fetcher_destroy(f);

	/* bad credential configuration */
	struct policy_cred bad[] = {
	        {.host = "x", .header = "Authorization", .prefix = "", .env = "CODECELL_TEST_UNSET_VAR"}};
	struct fetch_config cfg3 = {.policy = pol, .creds = bad, .n_creds = 1};
	tap_ok(fetcher_create(&cfg3, err, sizeof(err)) == NULL && strstr(err, "not set"), "missing secret refused: %s",
	       err);
	setenv("CODECELL_TEST_SHORT", "abc", 1);
	bad[0].env = "CODECELL_TEST_SHORT";
	tap_ok(fetcher_create(&cfg3, err, sizeof(err)) == NULL, "too-short secret refused: %s", err);
	return;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		printf("1..0 # SKIP usage: test-fetch PYTHON3 HTTPD_PY\n");
		return 0;
	}
	if (!fetch_available())
		tap_skip_all("built without libcurl");
	if (start_server(argv[1], argv[2]) < 0)
		tap_skip_all("could not start the loopback HTTP server");
	test_main();
	cJSON_Delete(val);
	policy_free(pol);
	kill(server, SIGKILL);
	waitpid(server, NULL, 0);
	return tap_done();
}
