/* mcpconfig: `codecell mcp --config FILE` (see mcpconfig.h).
 *
 *   {
 *     "servers": {
 *       "memory": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-memory"],
 *                  "env": {"MEMORY_FILE_PATH": "/tmp/memory.json"}},
 *       "github": {"url": "https://api.githubcopilot.com/mcp/",
 *                  "headers": {"Authorization": {"env": "GITHUB_MCP_AUTH"}}}
 *     },
 *     "policy": "policy.jsonc",
 *     "limits": {"call_timeout": "60s", "startup_timeout": "30s", "max_response": "4MiB", "max_runs": 4}
 *   }
 */
#include "mcpconfig.h"

#include <errno.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "httpbridge.h"
#include "jsonc.h"
#include "policy.h"
#include "sbuf.h"
#include "tsname.h"
#include "url.h"
#include "util.h"

#define MCPCONFIG_MAX_FILE (1u << 20)

struct cx {
	const char *path;
	char *err;
	size_t errlen;
};

static int fail(struct cx *cx, unsigned line, unsigned col, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static int fail(struct cx *cx, unsigned line, unsigned col, const char *fmt, ...)
{
	int n = snprintf(cx->err, cx->errlen, "%s:%u:%u: ", cx->path, line, col);
	if (n < 0 || (size_t)n >= cx->errlen)
		return -EINVAL;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cx->err + n, cx->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static int want(struct cx *cx, const struct jsonc_value *v, enum jsonc_type t, const char *what)
{
	if (v->type != t)
		return fail(cx, v->line, v->col, "%s must be %s %s, not %s", what, t == JSONC_ARRAY ? "an" : "a",
		            jsonc_type_name(t), jsonc_type_name(v->type));
	return 0;
}

static int check_keys(struct cx *cx, const struct jsonc_value *obj, const char *const *keys, const char *where)
{
	for (size_t i = 0; i < obj->n_members; i++) {
		size_t k = 0;
		while (keys[k] && strcmp(keys[k], obj->members[i].key))
			k++;
		if (!keys[k])
			return fail(cx, obj->members[i].line, obj->members[i].col, "unknown key \"%s\" in %s",
			            obj->members[i].key, where);
	}
	return 0;
}

static int string_list(struct cx *cx, char ***out, size_t first, const struct jsonc_value *arr, size_t max,
                       const char *what)
{
	int r = want(cx, arr, JSONC_ARRAY, what);
	if (r < 0)
		return r;
	if (arr->n_items > max)
		return fail(cx, arr->line, arr->col, "%s: at most %zu entries", what, max);
	char **v = calloc(first + arr->n_items + 1, sizeof *v);
	if (!v)
		return -ENOMEM;
	*out = v;
	for (size_t i = 0; i < arr->n_items; i++) {
		if ((r = want(cx, arr->items[i], JSONC_STRING, what)) < 0)
			return r;
		if (!(v[first + i] = strdup(arr->items[i]->str)))
			return -ENOMEM;
	}
	return 0;
}

static bool token_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       strchr("!#$%&'*+-.^_`|~", c);
}

/* "url" and "headers": each header value a string or {"env": "NAME"} (read
 * now, from codecell mcp's environment, so a missing credential is a
 * start-up error, not a failed call). */
static int http_server(struct cx *cx, const struct jsonc_value *v, const struct jsonc_member *url,
                       struct mcpconfig_server *s)
{
	int r = want(cx, url->val, JSONC_STRING, "\"url\"");
	if (r < 0)
		return r;
	struct url u;
	const char *why = NULL;
	if ((r = url_parse(url->val->str, strlen(url->val->str), &u, &why)) < 0)
		return fail(cx, url->val->line, url->val->col, "\"url\" must be an http or https URL (%s)",
		            why ? why : "another scheme");
	url_free(&u);
	if (!(s->url = strdup(url->val->str)))
		return -ENOMEM;
	const struct jsonc_member *h = jsonc_get(v, "headers");
	struct sbuf b;
	sbuf_init(&b, 64u << 10);
	if (h && (r = want(cx, h->val, JSONC_OBJECT, "\"headers\"")) < 0)
		return r;
	if (h && h->val->n_members > MCPCONFIG_MAX_HEADERS)
		return fail(cx, h->line, h->col, "\"headers\": at most %d", MCPCONFIG_MAX_HEADERS);
	for (size_t i = 0; h && i < h->val->n_members; i++) {
		const struct jsonc_member *e = &h->val->members[i];
		bool ok = e->key[0];
		for (const char *p = e->key; *p && ok; p++)
			ok = token_char(*p);
		if (!ok) {
			sbuf_finish(&b);
			return fail(cx, e->line, e->col, "\"%s\" is not an HTTP header name", e->key);
		}
		const char *val = NULL;
		if (e->val->type == JSONC_STRING) {
			val = e->val->str;
		} else if (e->val->type == JSONC_OBJECT && e->val->n_members == 1 &&
		           !strcmp(e->val->members[0].key, "env") && e->val->members[0].val->type == JSONC_STRING) {
			val = getenv(e->val->members[0].val->str);
			if (!val || !val[0]) {
				sbuf_finish(&b);
				return fail(cx, e->val->line, e->val->col,
				            "header \"%s\" takes its value from $%s, which is not set", e->key,
				            e->val->members[0].val->str);
			}
		} else {
			sbuf_finish(&b);
			return fail(cx, e->val->line, e->val->col,
			            "a header value is a string or {\"env\": \"VARIABLE\"}");
		}
		if (strpbrk(val, "\r\n")) {
			sbuf_finish(&b);
			return fail(cx, e->val->line, e->val->col, "header \"%s\": a value holds no line break",
			            e->key);
		}
		sbuf_printf(&b, "%s: %s\n", e->key, val);
	}
	if (!b.len)
		sbuf_adds(&b, "");
	s->headers = sbuf_steal(&b, NULL);
	return s->headers ? 0 : -ENOMEM;
}

/* The bridge's command line and environment, once the limits are known. */
static int http_argv(struct mcpconfig_server *s, const struct mcpconfig *c)
{
	s->argv = calloc(5, sizeof *s->argv);
	s->env = calloc(4, sizeof *s->env);
	if (!s->argv || !s->env)
		return -ENOMEM;
	/* fork keeps the executable: in the child /proc/self/exe is this binary. */
	if (!(s->argv[0] = strdup("/proc/self/exe")) || !(s->argv[1] = strdup("mcp")) ||
	    !(s->argv[2] = strdup("--http-bridge")) || !(s->argv[3] = strdup(s->url)))
		return -ENOMEM;
	if (asprintf(&s->env[0], HTTPBRIDGE_ENV_HEADERS "=%s", s->headers) < 0 ||
	    asprintf(&s->env[1], HTTPBRIDGE_ENV_MAX "=%llu", (unsigned long long)c->max_response) < 0 ||
	    asprintf(&s->env[2], HTTPBRIDGE_ENV_TIMEOUT_MS "=%llu", (unsigned long long)c->call_timeout_ms) < 0) {
		s->env[0] = s->env[1] = s->env[2] = NULL;
		return -ENOMEM;
	}
	return 0;
}

static int server(struct cx *cx, const struct jsonc_member *m, struct mcpconfig_server *s)
{
	static const char *const keys[] = {"command", "args", "env", "url", "headers", NULL};
	const struct jsonc_value *v = m->val;
	int r;
	if (!tsname_is_identifier(m->key))
		return fail(
		        cx, m->line, m->col,
		        "server name \"%s\" must be a JavaScript identifier (letters, digits, _ and $; not a reserved "
		        "word; at most %d bytes): it is the program's namespace",
		        m->key, TSNAME_MAX);
	if ((r = want(cx, v, JSONC_OBJECT, "a server")) < 0 || (r = check_keys(cx, v, keys, "a server")) < 0)
		return r;
	if (!(s->name = strdup(m->key)))
		return -ENOMEM;
	const struct jsonc_member *url = jsonc_get(v, "url"), *cmd = jsonc_get(v, "command");
	if (url && cmd)
		return fail(cx, url->line, url->col, "a server has a \"command\" or a \"url\", not both");
	if (url)
		return http_server(cx, v, url, s);
	if (jsonc_get(v, "headers"))
		return fail(cx, v->line, v->col, "\"headers\" is for servers with a \"url\"");
	if (!cmd)
		return fail(cx, v->line, v->col,
		            "server \"%s\" needs a \"command\" (stdio) or a \"url\" (streamable HTTP)", m->key);
	if ((r = want(cx, cmd->val, JSONC_STRING, "\"command\"")) < 0)
		return r;
	if (!cmd->val->str[0])
		return fail(cx, cmd->val->line, cmd->val->col, "\"command\" is empty");
	const struct jsonc_member *args = jsonc_get(v, "args");
	static const struct jsonc_value empty = {.type = JSONC_ARRAY};
	if ((r = string_list(cx, &s->argv, 1, args ? args->val : &empty, MCPCONFIG_MAX_ARGS, "\"args\"")) < 0)
		return r;
	if (!(s->argv[0] = strdup(cmd->val->str)))
		return -ENOMEM;
	const struct jsonc_member *env = jsonc_get(v, "env");
	size_t n_env = env ? env->val->n_members : 0;
	if (env && (r = want(cx, env->val, JSONC_OBJECT, "\"env\"")) < 0)
		return r;
	if (n_env > MCPCONFIG_MAX_ENV)
		return fail(cx, env->line, env->col, "\"env\": at most %d entries", MCPCONFIG_MAX_ENV);
	if (!(s->env = calloc(n_env + 1, sizeof *s->env)))
		return -ENOMEM;
	for (size_t i = 0; i < n_env; i++) {
		const struct jsonc_member *e = &env->val->members[i];
		if ((r = want(cx, e->val, JSONC_STRING, "an \"env\" value")) < 0)
			return r;
		if (!e->key[0] || strchr(e->key, '='))
			return fail(cx, e->line, e->col, "\"env\" names must be non-empty and hold no '='");
		if (asprintf(&s->env[i], "%s=%s", e->key, e->val->str) < 0) {
			s->env[i] = NULL;
			return -ENOMEM;
		}
	}
	return 0;
}

static int limit(struct cx *cx, const struct jsonc_member *m, struct mcpconfig *c)
{
	const struct jsonc_value *v = m->val;
	if (!strcmp(m->key, "max_runs")) {
		if (v->type != JSONC_NUMBER || !v->is_int || v->neg || v->mag < 1 || v->mag > 64)
			return fail(cx, v->line, v->col, "\"max_runs\" must be an integer from 1 to 64");
		c->max_runs = v->mag;
		return 0;
	}
	int r = want(cx, v, JSONC_STRING, m->key);
	if (r < 0)
		return r;
	uint64_t x;
	if (!strcmp(m->key, "max_response")) {
		if (policy_parse_size(v->str, &x) < 0 || x < 1024 || x > MCPCONFIG_MAX_MAX_RESPONSE)
			return fail(cx, v->line, v->col,
			            "\"max_response\" must be a size from 1KiB to 64MiB, e.g. \"4MiB\"");
		c->max_response = x;
		return 0;
	}
	if (policy_parse_duration(v->str, &x) < 0 || x < 100 || x > 3600000)
		return fail(cx, v->line, v->col, "\"%s\" must be a duration from 100ms to 1h, e.g. \"30s\"", m->key);
	if (!strcmp(m->key, "call_timeout"))
		c->call_timeout_ms = x;
	else
		c->startup_timeout_ms = x;
	return 0;
}

static int decode(struct cx *cx, const struct jsonc_value *root, struct mcpconfig *c)
{
	static const char *const keys[] = {"servers", "policy", "limits", NULL};
	static const char *const lkeys[] = {"call_timeout", "startup_timeout", "max_response", "max_runs", NULL};
	int r;
	if ((r = want(cx, root, JSONC_OBJECT, "the configuration")) < 0 ||
	    (r = check_keys(cx, root, keys, "the configuration")) < 0)
		return r;
	const struct jsonc_member *servers = jsonc_get(root, "servers");
	if (!servers)
		return fail(cx, root->line, root->col, "\"servers\" is missing: name at least one downstream server");
	if ((r = want(cx, servers->val, JSONC_OBJECT, "\"servers\"")) < 0)
		return r;
	if (servers->val->n_members > TOOLSET_MAX_NAMESPACES)
		return fail(cx, servers->line, servers->col, "at most %d servers", TOOLSET_MAX_NAMESPACES);
	for (size_t i = 0; i < servers->val->n_members; i++) {
		if ((r = server(cx, &servers->val->members[i], &c->servers[c->n_servers++])) < 0)
			return r;
	}
	const struct jsonc_member *pol = jsonc_get(root, "policy");
	if (pol) {
		if ((r = want(cx, pol->val, JSONC_STRING, "\"policy\"")) < 0)
			return r;
		if (pol->val->str[0] == '/') {
			c->policy_path = strdup(pol->val->str);
		} else {
			char *copy = strdup(cx->path);
			if (!copy || asprintf(&c->policy_path, "%s/%s", dirname(copy), pol->val->str) < 0)
				c->policy_path = NULL;
			free(copy);
		}
		if (!c->policy_path)
			return -ENOMEM;
	}
	const struct jsonc_member *lim = jsonc_get(root, "limits");
	if (lim) {
		if ((r = want(cx, lim->val, JSONC_OBJECT, "\"limits\"")) < 0 ||
		    (r = check_keys(cx, lim->val, lkeys, "\"limits\"")) < 0)
			return r;
		for (size_t i = 0; i < lim->val->n_members; i++)
			if ((r = limit(cx, &lim->val->members[i], c)) < 0)
				return r;
	}
	for (size_t i = 0; i < c->n_servers; i++)
		if (c->servers[i].url && (r = http_argv(&c->servers[i], c)) < 0)
			return r;
	return 0;
}

int mcpconfig_load(const char *path, struct mcpconfig *out, char *err, size_t errlen)
{
	*out = (struct mcpconfig){.call_timeout_ms = MCPCONFIG_DEFAULT_CALL_TIMEOUT_MS,
	                          .startup_timeout_ms = MCPCONFIG_DEFAULT_STARTUP_TIMEOUT_MS,
	                          .max_response = MCPCONFIG_DEFAULT_MAX_RESPONSE,
	                          .max_runs = MCPCONFIG_DEFAULT_MAX_RUNS};
	char *text = NULL;
	size_t len = 0;
	int r = util_read_file_alloc(path, 0, MCPCONFIG_MAX_FILE, false, &text, &len);
	if (r < 0) {
		snprintf(err, errlen, "%s: %s", path, r == -EFBIG ? "larger than 1 MiB" : strerror(-r));
		return r;
	}
	struct jsonc_value *root = NULL;
	struct jsonc_error je;
	r = jsonc_parse(text, len, &root, &je);
	free(text);
	if (r == -EINVAL) {
		snprintf(err, errlen, "%s:%u:%u: %s", path, je.line, je.col, je.msg);
		return r;
	}
	if (r < 0) {
		snprintf(err, errlen, "%s: out of memory", path);
		return r;
	}
	struct cx cx = {path, err, errlen};
	r = decode(&cx, root, out);
	jsonc_free(root);
	if (r == -ENOMEM)
		snprintf(err, errlen, "%s: out of memory", path);
	if (r < 0)
		mcpconfig_finish(out);
	return r;
}

void mcpconfig_finish(struct mcpconfig *c)
{
	for (size_t i = 0; i < c->n_servers; i++) {
		free(c->servers[i].name);
		for (char **a = c->servers[i].argv; a && *a; a++)
			free(*a);
		free(c->servers[i].argv);
		for (char **e = c->servers[i].env; e && *e; e++)
			free(*e);
		free(c->servers[i].env);
		free(c->servers[i].url);
		if (c->servers[i].headers)
			explicit_bzero(c->servers[i].headers, strlen(c->servers[i].headers));
		free(c->servers[i].headers);
	}
	free(c->policy_path);
	*c = (struct mcpconfig){0};
}
