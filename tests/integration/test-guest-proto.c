/* Integration test for the guest alone: forks and execs the real static
 * codecell-guest with --no-seccomp (no sandbox) and fd 3 = one end of a
 * socketpair, then speaks frames with common/frame.h as the supervisor would.
 * Runs in: test binary. Input: the guest's frames. argv[1] = guest path. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "cjparse.h"
#include "frame.h"
#include "tap.h"

/* No single step of the guest may take longer than this; a hang fails. */
#define STEP_TIMEOUT_MS 10000
#define MAX_LOGS        64

static const char *guest_path;

struct guest {
	pid_t pid;
	int sock;
	int err; /* read end of the guest's stderr */
	struct frame_reader rd;
};

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void spawn(struct guest *g, const char *arg1, const char *arg2)
{
	int sv[2], ep[2];
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0 || pipe2(ep, O_CLOEXEC) < 0) {
		perror("socketpair/pipe");
		exit(1);
	}
	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		exit(1);
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		dup2(null, 0);
		dup2(null, 1);
		dup2(ep[1], 2);
		dup2(sv[1], 3);
		char *argv[5] = {(char *)guest_path, "--no-seccomp", (char *)arg1, (char *)arg2, NULL};
		char *envp[] = {"TZ=UTC", NULL};
		execve(guest_path, argv, envp);
		_exit(127);
	}
	close(sv[1]);
	close(ep[1]);
	g->pid = pid;
	g->sock = sv[0];
	g->err = ep[0];
	frame_reader_init(&g->rd, 16u << 20);
}

static void send_raw(struct guest *g, const void *p, size_t n)
{
	const uint8_t *b = p;
	while (n) {
		ssize_t w = write(g->sock, b, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return; /* the guest may be gone: the test checks its exit */
		}
		b += w;
		n -= (size_t)w;
	}
}

static void send_frame(struct guest *g, const char *json)
{
	uint8_t hdr[4];
	frame_encode_header(hdr, strlen(json));
	send_raw(g, hdr, 4);
	send_raw(g, json, strlen(json));
}

/* Next frame as parsed JSON (caller frees), or NULL on EOF/timeout/bad JSON. */
static cJSON *recv_frame(struct guest *g)
{
	double deadline = now_ms() + STEP_TIMEOUT_MS;
	for (;;) {
		const uint8_t *p;
		size_t n;
		int r = frame_reader_next(&g->rd, &p, &n);
		if (r < 0)
			return NULL;
		if (r == 1) {
			/* As the supervisor parses host lines: a lone surrogate's
			 * escape is read as U+FFFD (cjparse.h). */
			cJSON *j = cjparse((const char *)p, n);
			if (!j)
				printf("# unparsable frame: %.*s\n", (int)(n > 200 ? 200 : n), p);
			return j;
		}
		int left = (int)(deadline - now_ms());
		if (left <= 0)
			return NULL;
		struct pollfd pfd = {g->sock, POLLIN, 0};
		if (poll(&pfd, 1, left) <= 0)
			return NULL;
		size_t room = frame_reader_room(&g->rd);
		ssize_t k = read(g->sock, frame_reader_tail(&g->rd), room);
		if (k <= 0)
			return NULL;
		frame_reader_commit(&g->rd, (size_t)k);
	}
}

/* Waits for the guest to exit (killing it after the step timeout) and
 * returns its exit status, or 128+signal; fills errbuf with its stderr. */
static int reap(struct guest *g, char *errbuf, size_t errcap)
{
	double deadline = now_ms() + STEP_TIMEOUT_MS;
	int status = 0;
	for (;;) {
		pid_t r = waitpid(g->pid, &status, WNOHANG);
		if (r == g->pid)
			break;
		if (now_ms() > deadline) {
			kill(g->pid, SIGKILL);
			waitpid(g->pid, &status, 0);
			break;
		}
		usleep(2000);
	}
	size_t len = 0;
	ssize_t k;
	fcntl(g->err, F_SETFL, O_NONBLOCK);
	while (len + 1 < errcap && (k = read(g->err, errbuf + len, errcap - 1 - len)) > 0)
		len += (size_t)k;
	errbuf[len] = '\0';
	close(g->sock);
	close(g->err);
	frame_reader_finish(&g->rd);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* TAP descriptions must stay on one line: newlines become \n. Rotates over
 * four static buffers so one printf can take several. */
static const char *esc(const char *s)
{
	static char bufs[4][2048];
	static int next;
	char *b = bufs[next++ % 4];
	size_t o = 0;
	for (; s && *s && o + 3 < sizeof(bufs[0]); s++) {
		if (*s == '\n') {
			b[o++] = '\\';
			b[o++] = 'n';
		} else {
			b[o++] = *s;
		}
	}
	b[o] = '\0';
	return s ? b : "(null)";
}

static const char *jstr(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* A tool handler answers a tool frame: returns the reply JSON (malloc'd),
 * or NULL to hold the call (the test then answers it itself). */
typedef char *(*tool_fn)(const cJSON *tool);

struct run {
	cJSON *result;
	char *logs[MAX_LOGS];
	char *levels[MAX_LOGS];
	int nlogs;
	int status;
	char err[4096];
};

/* Echo tool: add(a, b) answers a + b, fail() answers an error. */
static char *default_tool(const cJSON *tool)
{
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(tool, "id");
	const char *name = jstr(tool, "name");
	const cJSON *args = cJSON_GetObjectItemCaseSensitive(tool, "args");
	char *buf = malloc(512);
	if (name && strcmp(name, "add") == 0 && cJSON_GetArraySize(args) == 2) {
		double s = cJSON_GetArrayItem(args, 0)->valuedouble + cJSON_GetArrayItem(args, 1)->valuedouble;
		snprintf(buf, 512, "{\"t\":\"reply\",\"id\":%.0f,\"ok\":true,\"value\":%g}", id->valuedouble, s);
	} else if (name && strcmp(name, "fail") == 0) {
		snprintf(buf, 512,
		         "{\"t\":\"reply\",\"id\":%.0f,\"ok\":false,\"error\":{\"name\":\"NotFound\",\"message\":\"no "
		         "such thing\"}}",
		         id->valuedouble);
	} else {
		char *a = cJSON_PrintUnformatted(args);
		snprintf(buf, 512, "{\"t\":\"reply\",\"id\":%.0f,\"ok\":true,\"value\":{\"name\":\"%s\",\"args\":%s}}",
		         id->valuedouble, name ? name : "", a ? a : "null");
		free(a);
	}
	return buf;
}

/* Runs code to its result with the default tools; heap_arg may be NULL. */
static void run_code(struct run *r, const char *code, const char *namespaces, const char *heap_arg)
{
	memset(r, 0, sizeof(*r));
	struct guest g;
	spawn(&g, heap_arg, NULL);
	cJSON *ready = recv_frame(&g);
	bool is_ready = ready && jstr(ready, "t") && strcmp(jstr(ready, "t"), "ready") == 0;
	cJSON_Delete(ready);
	if (!is_ready) {
		r->status = reap(&g, r->err, sizeof(r->err));
		printf("# no ready frame; stderr: %s\n", r->err);
		return;
	}
	cJSON *start = cJSON_CreateObject();
	cJSON_AddStringToObject(start, "t", "start");
	cJSON_AddStringToObject(start, "code", code);
	cJSON_AddStringToObject(start, "filename", "main.js");
	cJSON_AddItemToObject(start, "namespaces",
	                      cJSON_Parse(namespaces ? namespaces : "{\"codemode\":[\"add\",\"fail\",\"echo\"]}"));
	cJSON_AddItemToObject(start, "env", cJSON_Parse("{\"MODE\":\"test\"}"));
	char *s = cJSON_PrintUnformatted(start);
	send_frame(&g, s);
	free(s);
	cJSON_Delete(start);
	for (;;) {
		cJSON *f = recv_frame(&g);
		if (!f)
			break;
		const char *t = jstr(f, "t");
		if (t && strcmp(t, "log") == 0 && r->nlogs < MAX_LOGS) {
			r->levels[r->nlogs] = strdup(jstr(f, "level") ? jstr(f, "level") : "?");
			r->logs[r->nlogs++] = strdup(jstr(f, "msg") ? jstr(f, "msg") : "?");
		} else if (t && strcmp(t, "tool") == 0) {
			char *reply = default_tool(f);
			send_frame(&g, reply);
			free(reply);
		} else if (t && strcmp(t, "result") == 0) {
			r->result = f;
			break;
		}
		cJSON_Delete(f);
	}
	r->status = reap(&g, r->err, sizeof(r->err));
}

static void run_free(struct run *r)
{
	cJSON_Delete(r->result);
	for (int i = 0; i < r->nlogs; i++) {
		free(r->logs[i]);
		free(r->levels[i]);
	}
}

/* The result's value printed as compact JSON (caller frees), or NULL. */
static char *result_value(const struct run *r)
{
	if (!r->result)
		return NULL;
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(r->result, "value");
	return v ? cJSON_PrintUnformatted(v) : strdup("(absent)");
}

static bool result_ok(const struct run *r)
{
	return r->result && cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r->result, "ok"));
}

static const char *err_field(const struct run *r, const char *k)
{
	if (!r->result)
		return NULL;
	return jstr(cJSON_GetObjectItemCaseSensitive(r->result, "error"), k);
}

/* Checks that code evaluates to the JSON text want. */
static void expect_value(const char *what, const char *code, const char *want)
{
	struct run r;
	run_code(&r, code, NULL, NULL);
	char *got = result_value(&r);
	if (!result_ok(&r))
		printf("# error: %s: %s\n", err_field(&r, "name"), err_field(&r, "message"));
	tap_ok(result_ok(&r) && got && strcmp(got, want) == 0 && r.status == 0, "%s: value %s (want %s), exit %d", what,
	       got ? got : "(none)", want, r.status);
	free(got);
	run_free(&r);
}

static void expect_error(const char *what, const char *code, const char *name, const char *msg_prefix,
                         const char *heap_arg)
{
	struct run r;
	run_code(&r, code, NULL, heap_arg);
	const char *n = err_field(&r, "name"), *m = err_field(&r, "message");
	tap_ok(r.result && !result_ok(&r) && n && strcmp(n, name) == 0 && m &&
	               strncmp(m, msg_prefix, strlen(msg_prefix)) == 0 && r.status == 0,
	       "%s: error %s: %s (want %s: %s...), exit %d", what, n ? n : "(none)", m ? m : "(none)", name, msg_prefix,
	       r.status);
	run_free(&r);
}

static void test_ready_and_trivial(void)
{
	struct guest g;
	double t0 = now_ms();
	spawn(&g, NULL, NULL);
	cJSON *f = recv_frame(&g);
	double t_ready = now_ms() - t0;
	tap_ok(f && jstr(f, "t") && strcmp(jstr(f, "t"), "ready") == 0, "the first frame is ready");
	cJSON_Delete(f);
	send_frame(&g, "{\"t\":\"start\",\"code\":\"6 * 7\",\"filename\":\"main.js\",\"namespaces\":{},\"env\":{}}");
	f = recv_frame(&g);
	double t_done = now_ms() - t0;
	const cJSON *v = f ? cJSON_GetObjectItemCaseSensitive(f, "value") : NULL;
	tap_ok(f && strcmp(jstr(f, "t"), "result") == 0 && v && v->valuedouble == 42, "trivial program: result 42");
	cJSON_Delete(f);
	char err[1024];
	TAP_EQ_INT(reap(&g, err, sizeof(err)), 0, "guest exits 0 after the result");
	printf("# exec -> ready: %.2f ms; exec -> result of a trivial program: %.2f ms\n", t_ready, t_done);
}

static void test_console(void)
{
	static const char code[] =
	        "console.log('hello', 42, 'x');\n"
	        "console.log({ a: 1, b: [1, 2] });\n"
	        "console.log(['a', \"it's\"], { s: 'a\\nb' });\n"
	        "console.log(function foo() {});\n"
	        "var o = { name: 'x' }; o.self = o; console.log(o);\n"
	        "console.log({ a: { b: { c: { d: 1 } } } });\n"
	        "console.log('%s is %d years and %i, %f, %j %%', 'Bob', 42.5, 42.5, '1.5', { a: 1 });\n"
	        "console.log([1, 2, 3, 4, 5, 6, 7]);\n"
	        "var big = []; for (var i = 0; i < 150; i++) big.push(i); console.log(big);\n"
	        "var h = {}; Object.defineProperty(h, 'x', { get: function () { throw new Error('no'); }, enumerable: "
	        "true }); console.log(h);\n"
	        "console.log('%s', { toString: function () { throw new Error('hostile'); } });\n"
	        "console.error(new Error('boom'));\n"
	        "console.warn([undefined, null, -0, 1.5, true]);\n"
	        "console.log(Object.create(null), { 'a-b': 1, g: function gg() {} });\n"
	        "function Foo() { this.x = 1; } console.log(new Foo(), [, 1, , , 2]);\n"
	        "console.log(new Date(0), /re/g, process.env.MODE);\n"
	        "class K {} class L extends K {} console.log(K, [L], class {}, class E extends null {});\n"
	        "undefined";
	static const char *const want[] = {
	        "hello 42 x",
	        "{ a: 1, b: [ 1, 2 ] }",
	        "[ 'a', \"it's\" ] { s: 'a\\nb' }",
	        "[Function: foo]",
	        "<ref *1> { name: 'x', self: [Circular *1] }",
	        "{ a: { b: { c: [Object] } } }",
	        "Bob is 42.5 years and 42, 1.5, {\"a\":1} %",
	        "[\n  1, 2, 3, 4,\n  5, 6, 7\n]",
	        NULL, /* checked below */
	        "{ x: [Getter] }",
	        NULL, /* checked below */
	        NULL, /* checked below */
	        "[ undefined, null, -0, 1.5, true ]",
	        "[Object: null prototype] {} { 'a-b': 1, g: [Function: gg] }",
	        "Foo { x: 1 } [ <1 empty item>, 1, <2 empty items>, 2 ]",
	        "1970-01-01T00:00:00.000Z /re/g test",
	        "[class K] [ [class L extends K] ] [class (anonymous)] [class E]",
	};
	struct run r;
	run_code(&r, code, NULL, NULL);
	size_t n = sizeof(want) / sizeof(want[0]);
	TAP_EQ_INT(r.nlogs, n, "console: one log frame per call");
	for (size_t i = 0; i < n && i < (size_t)r.nlogs; i++)
		if (want[i])
			tap_ok(strcmp(r.logs[i], want[i]) == 0, "console formatting: got '%s', want '%s'",
			       esc(r.logs[i]), esc(want[i]));
	if (r.nlogs >= 13) {
		const char *big = r.logs[8];
		size_t bl = strlen(big);
		tap_ok(strncmp(big, "[\n   0,  1,  2,  3,", 19) == 0 && bl > 20 &&
		               strcmp(big + bl - 22, "\n  ... 50 more items\n]") == 0,
		       "console: 150 items elided after 100, grouped in columns");
		tap_ok(strncmp(r.logs[10], "{ toString: [Function", 21) == 0,
		       "console: %%s on a throwing toString falls back to inspect (%s)", r.logs[10]);
		tap_ok(strncmp(r.logs[11], "Error: boom\n    at ", 19) == 0 && strcmp(r.levels[11], "error") == 0,
		       "console.error of an Error prints its stack at level error");
		TAP_EQ_STR(r.levels[12], "warn", "console.warn level");
	}
	tap_ok(r.result && result_ok(&r) && !cJSON_GetObjectItemCaseSensitive(r.result, "value"),
	       "an undefined result is sent without value");
	run_free(&r);
}

/* Holds every call until all are in flight, then answers in reverse. */
static void test_tools_out_of_order(void)
{
	static const char code[] = "(function (codemode) { return { then: function (resolve, reject) {\n"
	                           "  var out = [], left = 10;\n"
	                           "  for (var i = 0; i < 10; i++) (function (i) {\n"
	                           "    codemode.add(i, 100, function (err, v) { if (err) return reject(err); out[i] = "
	                           "v; if (--left === 0) resolve(out); });\n"
	                           "  })(i);\n"
	                           "} }; })";
	struct guest g;
	spawn(&g, NULL, NULL);
	cJSON_Delete(recv_frame(&g));
	cJSON *start = cJSON_CreateObject();
	cJSON_AddStringToObject(start, "t", "start");
	cJSON_AddStringToObject(start, "code", code);
	cJSON_AddStringToObject(start, "filename", "main.js");
	cJSON_AddItemToObject(start, "namespaces", cJSON_Parse("{\"codemode\":[\"add\"]}"));
	cJSON_AddItemToObject(start, "env", cJSON_CreateObject());
	char *s = cJSON_PrintUnformatted(start);
	send_frame(&g, s);
	free(s);
	cJSON_Delete(start);
	cJSON *calls[10];
	int n = 0;
	bool distinct = true, args_ok = true;
	while (n < 10) {
		cJSON *f = recv_frame(&g);
		if (!f || !jstr(f, "t") || strcmp(jstr(f, "t"), "tool") != 0) {
			cJSON_Delete(f);
			break;
		}
		const cJSON *args = cJSON_GetObjectItemCaseSensitive(f, "args");
		if (!cJSON_IsArray(args) || cJSON_GetArraySize(args) != 2 || strcmp(jstr(f, "ns"), "codemode") != 0)
			args_ok = false;
		for (int i = 0; i < n; i++)
			if (cJSON_GetObjectItemCaseSensitive(calls[i], "id")->valuedouble ==
			    cJSON_GetObjectItemCaseSensitive(f, "id")->valuedouble)
				distinct = false;
		calls[n++] = f;
	}
	TAP_EQ_INT(n, 10, "ten tool calls in flight at once");
	tap_ok(distinct && args_ok, "tool frames: distinct ids, ns, args = positional array");
	for (int i = n - 1; i >= 0; i--) {
		char *reply = default_tool(calls[i]);
		send_frame(&g, reply);
		free(reply);
		cJSON_Delete(calls[i]);
	}
	cJSON *res = recv_frame(&g);
	char *v = res ? cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(res, "value")) : NULL;
	TAP_EQ_STR(v, "[100,101,102,103,104,105,106,107,108,109]", "replies in reverse order reach the right callers");
	free(v);
	cJSON_Delete(res);
	char err[1024];
	TAP_EQ_INT(reap(&g, err, sizeof(err)), 0, "exit 0");
}

static void test_shapes(void)
{
	expect_value("plain completion value", "var x = 2; x * 21", "42");
	expect_value("function completion gets the first namespace",
	             "(function (ns) { return [typeof ns.add, typeof ns.fail, ns === codemode]; })",
	             "[\"function\",\"function\",true]");
	expect_value("thenable completion is awaited", "({ then: function (r) { r(7); } })", "7");
	expect_value("function returning a thenable",
	             "(function (cm) { return { then: function (r) { cm.add(2, 3, function (e, v) { r({ sum: v }); }); "
	             "} }; })",
	             "{\"sum\":5}");
	expect_value("JSON semantics of the result",
	             "({ a: undefined, b: NaN, c: function () {}, d: new Date(0), e: [undefined, Infinity] })",
	             "{\"b\":null,\"d\":\"1970-01-01T00:00:00.000Z\",\"e\":[null,null]}");
	expect_value("non-BMP arrives as UTF-8, a lone surrogate as its escape (parsed as U+FFFD)",
	             "[String.fromCharCode(0xD83D, 0xDE00), String.fromCharCode(0xD800), '\\u00e9']",
	             "[\"\xf0\x9f\x98\x80\",\"\xef\xbf\xbd\",\"\xc3\xa9\"]");
	expect_value("error replies are caught by the program",
	             "({ then: function (r) { codemode.fail(1, function (e) { r([e instanceof Error, e.name, "
	             "e.message]); }); } })",
	             "[true,\"NotFound\",\"no such thing\"]");
	expect_value("tool args are the positional arguments",
	             "(function (ns) { return { then: function (r) { ns.echo('a', { b: 1 }, undefined, function (e, v) "
	             "{ r(v); }); } }; })",
	             "{\"name\":\"echo\",\"args\":[\"a\",{\"b\":1},null]}");
	expect_error("cyclic result", "var o = {}; o.o = o; o", "TypeError", "result is not JSON-serialisable", NULL);
	expect_error("rejected thenable", "({ then: function (r, j) { j(new RangeError('no')); } })", "RangeError",
	             "no", NULL);
	expect_error("never-settling thenable", "({ then: function () {} })", "Error",
	             "the program's result never settled", NULL);
	expect_error("syntax error", "var = ;", "SyntaxError", "", NULL);
	expect_error("deep recursion", "function r(n) { return r(n + 1) + 1; } r(0)", "RangeError", "", NULL);
}

static void test_null_namespace(void)
{
	struct run r;
	run_code(&r,
	         "(function (ns) { return { then: function (res) { ns.anyTool(1, function (e, v) { res(v); }); } }; })",
	         "{\"codemode\":null}", NULL);
	char *v = result_value(&r);
	TAP_EQ_STR(v, "{\"name\":\"anyTool\",\"args\":[1]}", "null namespace: the proxy makes any tool");
	free(v);
	run_free(&r);
}

static void test_throw(void)
{
	struct run r;
	run_code(&r, "function f() {\n  throw new TypeError('bad thing');\n}\nf();", NULL, NULL);
	const char *stack = err_field(&r, "stack");
	TAP_EQ_STR(err_field(&r, "name"), "TypeError", "throw: name");
	TAP_EQ_STR(err_field(&r, "message"), "bad thing", "throw: message");
	tap_ok(stack && strstr(stack, "main.js:2") != NULL, "throw: stack names main.js:2 (%s)", esc(stack));
	run_free(&r);
}

static void test_memory(void)
{
	struct run r;
	run_code(&r, "var a = []; while (true) a.push(new Array(100).join('x') + a.length);", NULL,
	         "--heap-max=16777216");
	const char *limit = r.result ? jstr(r.result, "limit") : NULL;
	tap_ok(r.result && !result_ok(&r) && limit && strcmp(limit, "memory") == 0 && r.status == 0,
	       "heap cap: error result with limit:memory (%s: %s)", err_field(&r, "name"), err_field(&r, "message"));
	run_free(&r);
	expect_value("heap cap error is catchable and the heap usable after",
	             "var s = 'x'; var m; try { while (true) s += s; } catch (e) { m = e.message; } s = null; "
	             "'recovered: ' + m",
	             "\"recovered: alloc failed\"");
}

/* Sends start, waits for the program's first tool frame, then feeds bad
 * bytes; the guest must exit with a message, not hang. */
static void bad_reply(const char *what, const void *bytes, size_t n, const char *want_err)
{
	struct guest g;
	spawn(&g, "--max-frame=65536", NULL);
	cJSON_Delete(recv_frame(&g));
	send_frame(
	        &g,
	        "{\"t\":\"start\",\"code\":\"({ then: function (r) { codemode.add(1, 2, function () { r(1); }); } })\","
	        "\"filename\":\"main.js\",\"namespaces\":{\"codemode\":[\"add\"]},\"env\":{}}");
	cJSON *f = recv_frame(&g);
	tap_ok(f && strcmp(jstr(f, "t"), "tool") == 0, "%s: tool call first", what);
	cJSON_Delete(f);
	send_raw(&g, bytes, n);
	shutdown(g.sock, SHUT_WR);
	char err[4096];
	int st = reap(&g, err, sizeof(err));
	tap_ok(st == 65 && strstr(err, want_err) != NULL, "%s: exit %d (want 65), stderr: %s", what, st, esc(err));
}

static void test_bad_input(void)
{
	static const uint8_t oversize[] = {0x00, 0x20, 0x00, 0x00, '{'};
	bad_reply("oversized frame", oversize, sizeof(oversize), "limit");
	static const char junk[] = "\x00\x00\x00\x09{not json";
	bad_reply("malformed JSON reply", junk, sizeof(junk) - 1, "malformed JSON");
	static const char unknown[] = "\x00\x00\x00\x29{\"t\":\"reply\",\"id\":99,\"ok\":true,\"value\":1}";
	bad_reply("reply for an unknown id", unknown, sizeof(unknown) - 1, "not in flight");
	static const char eof[] = "";
	bad_reply("socket closed mid-run", eof, 0, "closed");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test-guest-proto GUEST\n");
		return 2;
	}
	guest_path = argv[1];
	signal(SIGPIPE, SIG_IGN);
	test_ready_and_trivial();
	test_console();
	test_tools_out_of_order();
	test_shapes();
	test_null_namespace();
	test_throw();
	test_memory();
	test_bad_input();
	return tap_done();
}
