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
#include "tap.h"

#define SECRET "s3cr3t-token-0123456789"

static int port;
static pid_t server;
static cJSON *val;
static struct fetch_error ferr;

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

/* Starts one request and drives the fetcher until it completes, at most
 * 8 s. Returns 0 with val set, 1 with ferr set (async failure), or the
 * negative fetcher_start result (ferr set). */
static int run(struct fetcher *f, const char *json)
{
	static uint64_t next_id = 1;
	cJSON_Delete(val);
	val = NULL;
	memset(&ferr, 0, sizeof(ferr));
	cJSON *req = cJSON_Parse(json);
	if (!req) {
		printf("# bad test JSON %s\n", json);
		return -999;
	}
	uint64_t id = next_id++;
	int r = fetcher_start(f, id, req, &ferr);
	cJSON_Delete(req);
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

static char *jf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
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
	static const char *const gp[] = {"GET", "POST", "HEAD"};
	struct fetch_rule rules[] = {
	        {.rule = "net[0]",
	         .scheme = "http",
	         .host = "127.0.0.1",
	         .port = (uint16_t)port,
	         .methods = gp,
	         .n_methods = 3},
	        /* localhost named, but without allow_private: its loopback address stays refused */
	        {.rule = "net[1]", .scheme = "http", .host = "localhost", .port = (uint16_t)port},
	        /* a name standing for an internal service, explicitly allowed */
	        {.rule = "net[2]",
	         .scheme = "http",
	         .host = "ip6-localhost",
	         .port = (uint16_t)port,
	         .allow_private = true},
	        {.rule = "net[3]", .scheme = "https", .host = "api.example.com", .path_prefix = "/v1"},
	};
	setenv("CODECELL_TEST_SECRET", SECRET, 1);
	struct fetch_secret secrets[] = {
	        {.host = "127.0.0.1",
	         .header = "Authorization",
	         .prefix = "Bearer ",
	         .value_env = "CODECELL_TEST_SECRET",
	         .rule = "cred[0]"},
	};
	struct fetch_config cfg = {.rules = rules,
	                           .n_rules = 4,
	                           .secrets = secrets,
	                           .n_secrets = 1,
	                           .max_response_bytes = 100000,
	                           .timeout_ms = 5000};
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
	TAP_EQ_STR(ferr.rule, "net[0]", "allowing rule reported for the audit");

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

	/* several in flight at once */
	cJSON *r3 = cJSON_Parse(jf("{\"url\":\"http://127.0.0.1:%d/slow?ms=300\"}", port));
	int started = 0;
	for (uint64_t id = 1001; id <= 1003; id++)
		started += fetcher_start(f, id, r3, &ferr) == 0;
	cJSON_Delete(r3);
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
	cfg.timeout_ms = 500;
	f = fetcher_create(&cfg, err, sizeof(err));
	long long t1 = now_ms();
	TAP_EQ_INT(run(f, jf("{\"url\":\"http://127.0.0.1:%d/slow?ms=3000\"}", port)), 1, "slow server");
	TAP_EQ_STR(ferr.name, "TimeoutError", "time cap hit");
	tap_ok(now_ms() - t1 < 2000, "gave up after about 500 ms (%lld ms)", now_ms() - t1);
	fetcher_destroy(f);

	/* a credential bound to one host is not sent to a redirect target */
	struct fetch_rule rules2[] = {
	        {.rule = "net[0]",
	         .scheme = "http",
	         .host = "localhost",
	         .port = (uint16_t)port,
	         .allow_private = true},
	        {.rule = "net[1]", .scheme = "http", .host = "127.0.0.1", .port = (uint16_t)port},
	};
	struct fetch_secret secrets2[] = {
	        {.host = "localhost",
	         .header = "Authorization",
	         .prefix = "Bearer ",
	         .value_env = "CODECELL_TEST_SECRET"},
	};
	struct fetch_config cfg2 = {.rules = rules2, .n_rules = 2, .secrets = secrets2, .n_secrets = 1};
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
	struct fetch_secret bad[] = {{.host = "x", .header = "Authorization", .value_env = "CODECELL_TEST_UNSET_VAR"}};
	struct fetch_config cfg3 = {.secrets = bad, .n_secrets = 1};
	tap_ok(fetcher_create(&cfg3, err, sizeof(err)) == NULL && strstr(err, "not set"), "missing secret refused: %s",
	       err);
	setenv("CODECELL_TEST_SHORT", "abc", 1);
	bad[0].value_env = "CODECELL_TEST_SHORT";
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
	kill(server, SIGKILL);
	waitpid(server, NULL, 0);
	return tap_done();
}
