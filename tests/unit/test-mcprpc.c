/* test-mcprpc: the JSON-RPC decoder and encoder of codecell mcp (rpc.c),
 * the config decoder (mcpconfig.c) and tool results (toolresult.c). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mcpconfig.h"
#include "rpc.h"
#include "tap.h"
#include "toolresult.h"

static void good(const char *line, enum rpc_kind kind, const char *name)
{
	struct rpc_msg m;
	char why[160] = "";
	int r = rpc_decode(line, strlen(line), &m, NULL, why, sizeof why);
	if (tap_ok(r == 0 && m.kind == kind, "decode %s", name))
		rpc_msg_free(&m);
	else
		printf("# %s\n", why);
}

static void bad(const char *line, size_t len, const char *want_why, bool want_id, const char *name)
{
	struct rpc_msg m;
	cJSON *id = NULL;
	char why[160] = "";
	int r = rpc_decode(line, len ? len : strlen(line), &m, &id, why, sizeof why);
	tap_ok(r == -EPROTO && strstr(why, want_why) && (id != NULL) == want_id, "refuse %s", name);
	printf("# %s\n", why);
	cJSON_Delete(id);
}

static void result(const char *json, bool ok, const char *want, const char *name)
{
	cJSON *r = cJSON_Parse(json);
	struct toolresult tr;
	int e = toolresult_from_call(r, "srv", "tool", &tr);
	tap_ok(e == 0 && tr.ok == ok && !strcmp(ok ? tr.value_json : tr.error, want), "%s", name);
	printf("# got %s\n", ok ? tr.value_json : tr.error);
	toolresult_finish(&tr);
	cJSON_Delete(r);
}

static int config(const char *text, char *err, size_t errlen, struct mcpconfig *c)
{
	char path[] = "/tmp/test-mcpconfig-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		return -EIO;
	close(fd);
	int r = mcpconfig_load(path, c, err, errlen);
	unlink(path);
	return r;
}

static void bad_config(const char *text, const char *want, const char *name)
{
	struct mcpconfig c;
	char err[512] = "";
	int r = config(text, err, sizeof err, &c);
	tap_ok(r == -EINVAL && strstr(err, want), "config: %s", name);
	printf("# %s\n", err);
	if (r == 0)
		mcpconfig_finish(&c);
}

int main(void)
{
	good("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}", RPC_REQUEST, "a request");
	good("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"x\",\"params\":{}}", RPC_REQUEST, "a string id");
	good("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", RPC_NOTIFICATION, "a notification");
	good("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{}}", RPC_RESULT, "a result");
	good("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"x\"}}", RPC_ERROR,
	     "an error with a null id");
	bad("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"x\"}", 0, "\"jsonrpc\"", true, "another version");
	bad("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"x\"}", 0, "\"id\"", false, "an object id");
	bad("{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"x\"}", 0, "\"id\"", false, "a fractional id");
	bad("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\",\"params\":[1]}", 0, "\"params\"", true, "array params");
	bad("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{},\"error\":{}}", 0, "exactly one", true,
	    "both result and error");
	bad("{\"jsonrpc\":\"2.0\"}", 0, "neither", false, "no method, no id");
	bad("[1,2]", 0, "not a JSON object", false, "an array");
	bad("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"\xff\"}", 0, "UTF-8", false, "broken UTF-8");
	bad("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"a\0b\"}", 37, "UTF-8", false, "a NUL byte");
	bad("{\"jsonrpc\":\"2.0\",\"id\":1} x", 0, "after", false, "text after the object");

	char *line = rpc_request(7, "tools/call", cJSON_CreateObject());
	TAP_EQ_STR(line, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{}}\n",
	           "encode a request");
	free(line);
	cJSON *id = cJSON_CreateString("x\ny");
	line = rpc_error(id, RPC_METHOD_NOT_FOUND, "no");
	TAP_EQ_STR(line, "{\"jsonrpc\":\"2.0\",\"id\":\"x\\ny\",\"error\":{\"code\":-32601,\"message\":\"no\"}}\n",
	           "encode an error, escaping the id");
	free(line);
	cJSON_Delete(id);

	result("{\"content\":[],\"structuredContent\":{\"a\":1}}", true, "{\"a\":1}", "structured content first");
	result("{\"content\":[{\"type\":\"text\",\"text\":\"[1, 2]\"}]}", true, "[1,2]", "text that is JSON");
	result("{\"content\":[{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"text\",\"text\":\"b\"}]}", true,
	       "\"a\\nb\"", "texts joined, not JSON");
	result("{\"content\":[{\"type\":\"image\",\"data\":\"AA==\",\"mimeType\":\"image/png\"}]}", true,
	       "{\"content\":[{\"type\":\"image\",\"data\":\"AA==\",\"mimeType\":\"image/png\"}]}",
	       "mixed content: the result itself");
	result("{\"isError\":true,\"content\":[{\"type\":\"text\",\"text\":\"nope\"}],\"structuredContent\":{}}", false,
	       "srv.tool failed: nope", "isError names server and tool");
	result("{\"isError\":true}", false, "srv.tool failed: the tool reported an error", "isError without text");

	struct mcpconfig c;
	char err[512];
	int r = config("// x\n{\"servers\": {\"memory\": {\"command\": \"npx\", \"args\": [\"-y\", \"m\"], \"env\": "
	               "{\"A\": \"1\"}},}, \"policy\": \"p.jsonc\", \"limits\": {\"call_timeout\": \"5s\", "
	               "\"max_response\": \"2MiB\", \"max_runs\": 2}}",
	               err, sizeof err, &c);
	if (tap_ok(r == 0, "a good config loads")) {
		TAP_EQ_STR(c.servers[0].argv[0], "npx", "command");
		TAP_EQ_STR(c.servers[0].argv[2], "m", "args");
		tap_ok(c.servers[0].argv[3] == NULL, "argv ends in NULL");
		TAP_EQ_STR(c.servers[0].env[0], "A=1", "env");
		TAP_EQ_INT(c.call_timeout_ms, 5000, "call_timeout");
		TAP_EQ_INT(c.max_response, 2u << 20, "max_response");
		TAP_EQ_INT(c.max_runs, 2, "max_runs");
		TAP_EQ_INT(c.startup_timeout_ms, MCPCONFIG_DEFAULT_STARTUP_TIMEOUT_MS, "default startup_timeout");
		tap_ok(strncmp(c.policy_path, "/tmp/", 5) == 0, "the policy is relative to the config");
		mcpconfig_finish(&c);
	} else {
		printf("# %s\n", err);
	}
	setenv("CODECELL_TEST_TOKEN", "Bearer t", 1);
	r = config("{\"servers\": {\"gh\": {\"url\": \"https://example.com/mcp\", \"headers\": {\"Authorization\": "
	           "{\"env\": \"CODECELL_TEST_TOKEN\"}, \"X-A\": \"b\"}}}, \"limits\": {\"call_timeout\": \"2s\"}}",
	           err, sizeof err, &c);
	if (tap_ok(r == 0, "an HTTP server loads")) {
		TAP_EQ_STR(c.servers[0].argv[2], "--http-bridge", "it runs the bridge");
		TAP_EQ_STR(c.servers[0].argv[3], "https://example.com/mcp", "with the URL");
		TAP_EQ_STR(c.servers[0].env[0], "CODECELL_MCP_HTTP_HEADERS=Authorization: Bearer t\nX-A: b\n",
		           "the headers go in its environment");
		TAP_EQ_STR(c.servers[0].env[2], "CODECELL_MCP_HTTP_TIMEOUT_MS=2000", "with the call timeout");
		mcpconfig_finish(&c);
	} else {
		printf("# %s\n", err);
	}
	bad_config("{}", "\"servers\" is missing", "no servers");
	bad_config("{\"servers\": {\"if\": {\"command\": \"x\"}}}", "JavaScript identifier", "a reserved namespace");
	bad_config("{\"servers\": {\"a-b\": {\"command\": \"x\"}}}", "JavaScript identifier", "a namespace with -");
	bad_config("{\"servers\": {\"a\": {}}}", "needs a \"command\"", "no command");
	bad_config("{\"servers\": {\"a\": {\"command\": \"x\", \"cmd\": 1}}}", "unknown key \"cmd\"", "unknown key");
	bad_config("{\"servers\": {\"a\": {\"url\": \"ftp://x/\"}}}", "http or https", "an ftp URL");
	bad_config("{\"servers\": {\"a\": {\"url\": \"https://x/\", \"command\": \"y\"}}}", "not both",
	           "url and command");
	bad_config("{\"servers\": {\"a\": {\"command\": \"y\", \"headers\": {}}}}", "for servers with a",
	           "headers on stdio");
	bad_config("{\"servers\": {\"a\": {\"url\": \"https://x/\", \"headers\": {\"A\": {\"env\": "
	           "\"CODECELL_TEST_UNSET_VARIABLE\"}}}}}",
	           "$CODECELL_TEST_UNSET_VARIABLE, which is not set", "a credential variable that is not set");
	bad_config("{\"servers\": {\"a\": {\"url\": \"https://x/\", \"headers\": {\"A B\": \"v\"}}}}",
	           "not an HTTP header name", "a header name with a space");
	bad_config("{\"servers\": {\"a\": {\"url\": \"https://x/\", \"headers\": {\"A\": \"v\\r\\nB: w\"}}}}",
	           "no line break", "a header value with CRLF");
	bad_config("{\"servers\": {\"a\": {\"command\": \"x\"}}, \"limits\": {\"call_timeout\": \"5\"}}", "duration",
	           "a duration without a unit");
	bad_config("{\"servers\": {\"a\": {\"command\": \"x\"}}, \"limits\": {\"max_response\": \"1GiB\"}}", "64MiB",
	           "a response limit too large");
	bad_config("{\"servers\": {\"a\": {\"command\": \"x\", \"env\": {\"A=B\": \"1\"}}}}", "'='",
	           "an env name with =");
	bad_config("{\"servers\": {\"a\": {\"command\": \"x\"}}", ":1:", "a syntax error says where");
	return tap_done();
}
