/* mcpserver: codecell mcp's server side and routing (see mcpserver.h). */
#include "mcpserver.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cjparse.h"
#include "dslog.h"
#include "mcpbytes.h"
#include "rpc.h"
#include "sbuf.h"
#include "tsname.h"

volatile sig_atomic_t mcpserver_stop_requested;

struct mcpserver_pending {
	struct mcpserver_pending *next;
	uint64_t token;
	struct program *prog;
	char host_id[64]; /* the run's tool_call id */
	char label[TSNAME_MAX * 2 + 2];
	size_t ds;
};

struct mcpserver_elicit {
	struct mcpserver_elicit *next;
	int64_t rpc_id;
	struct program *prog;
	char approval_id[64];
};

static int level_index(const char *l)
{
	return dslog_level_index(l);
}

static void to_client(struct mcpserver *s, char *line)
{
	if (!line || outq_push(&s->out, line, strlen(line)) < 0)
		fprintf(stderr, "codecell mcp: out of memory writing to the client\n");
	free(line);
}

static void notify(struct mcpserver *s, const char *method, cJSON *params)
{
	to_client(s, rpc_notification(method, params));
}

/* ---- programs ----------------------------------------------------------- */

static struct mcpserver_pending *pending_by_token(struct mcpserver *s, uint64_t token)
{
	for (struct mcpserver_pending *p = s->pending; p; p = p->next)
		if (p->token == token)
			return p;
	return NULL;
}

static void pending_remove(struct mcpserver *s, struct mcpserver_pending *x)
{
	for (struct mcpserver_pending **pp = &s->pending; *pp; pp = &(*pp)->next) {
		if (*pp == x) {
			*pp = x->next;
			s->n_pending--;
			free(x);
			return;
		}
	}
}

static void tool_result(struct program *p, const char *id, struct toolresult *r)
{
	cJSON *m = host_msg_new(HOSTMSG_TOOL_RESULT);
	if (!m)
		return;
	cJSON_AddStringToObject(m, "id", id);
	cJSON_AddBoolToObject(m, "ok", r->ok);
	if (r->ok) {
		cJSON *v = cJSON_CreateRaw(r->value_json);
		if (v)
			cJSON_AddItemToObject(m, "value", v);
	} else {
		cJSON *e = cJSON_AddObjectToObject(m, "error");
		cJSON_AddStringToObject(e, "name", "ToolError");
		cJSON_AddStringToObject(e, "message", r->error ? r->error : "tool call failed");
	}
	program_send(p, m);
}

static void tool_error(struct program *p, const char *id, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void tool_error(struct program *p, const char *id, const char *fmt, ...)
{
	char msg[TOOLRESULT_MAX_ERROR];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	struct toolresult r;
	if (toolresult_error(&r, "%s", msg) == 0)
		tool_result(p, id, &r);
	toolresult_finish(&r);
}

/* downstream_done_fn */
static void on_call_done(void *ctx, uint64_t token, struct toolresult *r)
{
	struct mcpserver *s = ctx;
	struct mcpserver_pending *p = pending_by_token(s, token);
	if (p) {
		tool_result(p->prog, p->host_id, r);
		struct program *prog = p->prog;
		prog->calls_done++;
		if (prog->progress_token) {
			cJSON *params = cJSON_CreateObject();
			cJSON_AddItemToObject(params, "progressToken", cJSON_Duplicate(prog->progress_token, false));
			cJSON_AddNumberToObject(params, "progress", prog->calls_done);
			char msg[TSNAME_MAX * 2 + 40];
			snprintf(msg, sizeof msg, "%s %s", p->label, r->ok ? "returned" : "failed");
			cJSON_AddStringToObject(params, "message", msg);
			notify(s, "notifications/progress", params);
		}
		pending_remove(s, p);
	}
	toolresult_finish(r);
}

static void on_tool_call(struct mcpserver *s, struct program *prog, struct program_line *l)
{
	size_t i;
	for (i = 0; i < s->ts.n_ns; i++)
		if (!strcmp(s->ts.ns[i].name, l->ns))
			break;
	const struct toolset_tool *t = i < s->ts.n_ns ? toolset_find(&s->ts, l->ns, l->name) : NULL;
	if (!t) {
		tool_error(prog, l->id, "no tool %s.%s", l->ns, l->name);
		return;
	}
	size_t d;
	for (d = 0; d < s->n_ds; d++)
		if (!strcmp(s->ds[d].cfg->name, l->ns))
			break;
	if (d == s->n_ds || s->n_pending >= MCPSERVER_MAX_PENDING || strlen(l->id) >= 64) {
		tool_error(prog, l->id, "%s.%s: too many tool calls in flight", l->ns, l->name);
		return;
	}
	/* A program calls ns.tool(input): MCP takes one arguments object. Its
	 * bytes reach the server as base64 strings, its keys unescaped. */
	cJSON *first = cJSON_GetArrayItem(l->args, 0);
	cJSON *args = first ? cJSON_Duplicate(first, true) : cJSON_CreateObject();
	char why[120];
	int e = args ? mcpbytes_to_mcp(&args, why, sizeof why) : -ENOMEM;
	if (e == -EINVAL) {
		tool_error(prog, l->id, "%s.%s: its input holds %s", l->ns, l->name, why);
		cJSON_Delete(args);
		return;
	}
	if (e < 0 || !cJSON_IsObject(args)) {
		if (e < 0)
			tool_error(prog, l->id, "%s.%s: out of memory", l->ns, l->name);
		else
			tool_error(prog, l->id, "%s.%s takes one object argument (its input), e.g. ns.tool({...})",
			           l->ns, l->name);
		cJSON_Delete(args);
		return;
	}
	struct mcpserver_pending *p = calloc(1, sizeof *p);
	if (!p) {
		tool_error(prog, l->id, "%s.%s: out of memory", l->ns, l->name);
		cJSON_Delete(args);
		return;
	}
	p->token = ++s->next_token;
	p->prog = prog;
	snprintf(p->host_id, sizeof p->host_id, "%s", l->id);
	snprintf(p->label, sizeof p->label, "%s.%s", l->ns, l->name);
	p->ds = d;
	p->next = s->pending;
	s->pending = p;
	s->n_pending++;
	downstream_call(&s->ds[d], p->token, t->name, args, mcpchild_now_ms());
}

static void approval(struct program *p, const char *id, bool allow, bool remember)
{
	cJSON *m = host_msg_new(HOSTMSG_APPROVAL);
	if (!m)
		return;
	cJSON_AddStringToObject(m, "id", id);
	cJSON_AddBoolToObject(m, "allow", allow);
	if (remember)
		cJSON_AddBoolToObject(m, "remember", true);
	program_send(p, m);
}

static void on_approval(struct mcpserver *s, struct program *prog, struct program_line *l)
{
	if (!s->client_elicitation || strlen(l->id) >= 64) {
		/* No way to ask the user: the safe answer. */
		approval(prog, l->id, false, false);
		return;
	}
	struct mcpserver_elicit *e = calloc(1, sizeof *e);
	if (!e) {
		approval(prog, l->id, false, false);
		return;
	}
	e->rpc_id = s->next_request_id++;
	e->prog = prog;
	snprintf(e->approval_id, sizeof e->approval_id, "%s", l->id);
	e->next = s->elicits;
	s->elicits = e;
	struct sbuf msg;
	sbuf_init(&msg, 8192);
	if (!strcmp(l->kind, "tool") && l->ns && l->name) {
		sbuf_printf(&msg, "A program running in codecell wants to call the tool %s.%s", l->ns, l->name);
		cJSON *args = cJSON_GetObjectItemCaseSensitive(l->detail, "args");
		char *a = args ? cJSON_PrintUnformatted(args) : NULL;
		if (a) {
			sbuf_adds(&msg, " with ");
			sbuf_add(&msg, a, strlen(a) > 2000 ? 2000 : strlen(a));
			if (strlen(a) > 2000)
				sbuf_adds(&msg, "...");
		}
		free(a);
		sbuf_adds(&msg, ". Allow it?");
	} else {
		char *d = cJSON_PrintUnformatted(l->detail);
		sbuf_printf(&msg, "A program running in codecell asks for %s access: %.2000s. Allow it?", l->kind,
		            d ? d : "");
		free(d);
	}
	cJSON *params = cJSON_CreateObject();
	cJSON_AddStringToObject(params, "message", msg.failed || !msg.data ? "A program asks for approval." : msg.data);
	sbuf_finish(&msg);
	cJSON *schema = cJSON_AddObjectToObject(params, "requestedSchema");
	cJSON_AddStringToObject(schema, "type", "object");
	cJSON *props = cJSON_AddObjectToObject(schema, "properties");
	cJSON *rem = cJSON_AddObjectToObject(props, "remember");
	cJSON_AddStringToObject(rem, "type", "boolean");
	cJSON_AddStringToObject(rem, "title", "Remember for this program");
	cJSON_AddStringToObject(rem, "description",
	                        "Give the same answer to the same request for the rest of this run");
	cJSON_AddBoolToObject(rem, "default", false);
	to_client(s, rpc_request(e->rpc_id, "elicitation/create", params));
}

static void on_elicit_answer(struct mcpserver *s, struct rpc_msg *m)
{
	int64_t id = rpc_int_id(m->id);
	for (struct mcpserver_elicit **pp = &s->elicits; *pp; pp = &(*pp)->next) {
		struct mcpserver_elicit *e = *pp;
		if (e->rpc_id != id)
			continue;
		*pp = e->next;
		bool allow = false, remember = false;
		if (m->kind == RPC_RESULT) {
			const cJSON *action = cJSON_GetObjectItemCaseSensitive(m->result, "action");
			const cJSON *content = cJSON_GetObjectItemCaseSensitive(m->result, "content");
			allow = cJSON_IsString(action) && !strcmp(action->valuestring, "accept");
			remember = allow && cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(content, "remember"));
		}
		if (e->prog)
			approval(e->prog, e->approval_id, allow, remember);
		free(e);
		return;
	}
}

static void on_log(struct mcpserver *s, struct program_line *l)
{
	/* The guest's console levels, as MCP levels. */
	const char *level = !strcmp(l->level, "warn")    ? "warning"
	                    : !strcmp(l->level, "error") ? "error"
	                    : !strcmp(l->level, "debug") ? "debug"
	                                                 : "info";
	if (level_index(level) < s->min_level)
		return;
	cJSON *p = cJSON_CreateObject();
	cJSON_AddStringToObject(p, "level", level);
	cJSON_AddStringToObject(p, "logger", "execute");
	cJSON_AddStringToObject(p, "data", l->message);
	notify(s, "notifications/message", p);
}

/* downstream_log_fn: a server's log message during a call, as a log of the
 * run with the server's name as the logger ("server" or "server/logger"). */
static void on_ds_log(void *ctx, const struct downstream *d, const struct dslog_entry *e, unsigned long dropped)
{
	struct mcpserver *s = ctx;
	char logger[TSNAME_MAX + DSLOG_MAX_LOGGER + 2];
	snprintf(logger, sizeof logger, "%s%s%s", d->cfg->name, e->logger[0] ? "/" : "", e->logger);
	if (dropped && level_index("warning") >= s->min_level) {
		char msg[200];
		snprintf(msg, sizeof msg,
		         "codecell mcp dropped %lu log messages of server \"%s\" (more than %d a second)", dropped,
		         d->cfg->name, DSLOG_MAX_PER_WINDOW);
		cJSON *p = cJSON_CreateObject();
		cJSON_AddStringToObject(p, "level", "warning");
		cJSON_AddStringToObject(p, "logger", d->cfg->name);
		cJSON_AddStringToObject(p, "data", msg);
		notify(s, "notifications/message", p);
	}
	if (e->level < s->min_level)
		return;
	cJSON *data = cjparse(e->data, strlen(e->data));
	if (!data)
		return;
	cJSON *p = cJSON_CreateObject();
	cJSON_AddStringToObject(p, "level", dslog_levels[e->level]);
	cJSON_AddStringToObject(p, "logger", logger);
	cJSON_AddItemToObject(p, "data", data);
	notify(s, "notifications/message", p);
}

/* The execute tool's answer from the run's result line (NULL: the run
 * ended without one). */
static void on_result(struct mcpserver *s, struct program *prog, struct program_line *l)
{
	cJSON *res = cJSON_CreateObject(), *content = cJSON_AddArrayToObject(res, "content");
	cJSON *text = cJSON_CreateObject();
	cJSON_AddItemToArray(content, text);
	cJSON_AddStringToObject(text, "type", "text");
	cJSON *sc = cJSON_AddObjectToObject(res, "structuredContent");
	if (l && !strcmp(l->status, "ok")) {
		/* The value in MCP's terms: bytes as base64 strings, keys as the
		 * program wrote them. The guest wrote the tags, so a bad one is
		 * left as it came rather than failing the answer. */
		cJSON *value = l->value ? cJSON_Duplicate(l->value, true) : NULL;
		char why[120];
		if (value && mcpbytes_to_mcp(&value, why, sizeof why) < 0) {
			cJSON_Delete(value);
			value = cJSON_Duplicate(l->value, true);
		}
		char *v = value ? cJSON_PrintUnformatted(value) : NULL;
		cJSON_AddStringToObject(text, "text", v ? v : "undefined");
		free(v);
		if (value)
			cJSON_AddItemToObject(sc, "result", value);
	} else {
		const char *name = l && l->err_name ? l->err_name : "Error";
		const char *message = l && l->err_message ? l->err_message : "the sandbox ended without a result";
		struct sbuf t;
		sbuf_init(&t, 1u << 20);
		sbuf_printf(&t, "%s: %s", name, message);
		if (l && l->err_line)
			sbuf_printf(&t, " (line %ld)", l->err_line);
		if (l && strcmp(l->status, "error"))
			sbuf_printf(&t, " [status %s]", l->status);
		cJSON_AddStringToObject(text, "text", t.data && !t.failed ? t.data : message);
		sbuf_finish(&t);
		cJSON *e = cJSON_AddObjectToObject(sc, "error");
		cJSON_AddStringToObject(e, "name", name);
		cJSON_AddStringToObject(e, "message", message);
		if (l && l->err_line)
			cJSON_AddNumberToObject(e, "line", l->err_line);
		cJSON_AddStringToObject(e, "status", l ? l->status : "sandbox_error");
		cJSON_AddBoolToObject(res, "isError", true);
	}
	to_client(s, rpc_result(prog->request_id, res));
	prog->finished = true;
}

static void on_program_line(void *ctx, struct program *prog, const char *line, size_t len)
{
	struct mcpserver *s = ctx;
	struct program_line l;
	char why[160];
	if (!len || prog->finished)
		return;
	if (program_decode(line, len, &l, why, sizeof why) < 0) {
		fprintf(stderr, "codecell mcp: a run wrote a line it should not (%s); ignored\n", why);
		return;
	}
	switch (l.type) {
	case PROGRAM_TOOL_CALL: on_tool_call(s, prog, &l); break;
	case PROGRAM_APPROVAL: on_approval(s, prog, &l); break;
	case PROGRAM_LOG: on_log(s, &l); break;
	case PROGRAM_RESULT: on_result(s, prog, &l); break;
	case PROGRAM_OTHER: break;
	}
	program_line_free(&l);
}

static void program_end(struct mcpserver *s, struct program *prog)
{
	if (!prog->finished)
		on_result(s, prog, NULL);
	for (struct mcpserver_pending *p = s->pending, *next; p; p = next) {
		next = p->next;
		if (p->prog != prog)
			continue;
		downstream_forget(&s->ds[p->ds], p->token);
		pending_remove(s, p);
	}
	for (struct mcpserver_elicit *e = s->elicits; e; e = e->next)
		if (e->prog == prog)
			e->prog = NULL; /* the answer, when it comes, goes nowhere */
	for (struct program **pp = &s->programs; *pp; pp = &(*pp)->next) {
		if (*pp == prog) {
			*pp = prog->next;
			break;
		}
	}
	s->n_programs--;
	program_stop(prog);
	free(prog);
}

/* ---- the client --------------------------------------------------------- */

static cJSON *schema_obj(const char *json)
{
	return cJSON_Parse(json);
}

static char *execute_description(struct mcpserver *s)
{
	struct sbuf d;
	sbuf_init(&d, TOOLSET_MAX_DECLARATIONS + 4096);
	sbuf_adds(&d, "Run a JavaScript program in codecell's sandbox (no network or files unless the operator's "
	              "policy allows them) and return its value. Each downstream MCP server is a namespace object; "
	              "its tools are async functions taking one input object. Write an async arrow function "
	              "whose value is the result; start independent calls together with Promise.all. "
	              "A failed tool call throws an Error whose message names the server and the tool; catch it to "
	              "recover. console.log output is sent as log notifications. Plain JavaScript only: no TypeScript "
	              "syntax.\n");
	/* The example calls a tool the model may call, with its input's keys
	 * (codemode's MCP server does the same), rather than made-up names. */
	char *example = toolset_example(&s->ts);
	if (example)
		sbuf_printf(&d, "Example: %s\n", example);
	free(example);
	sbuf_addc(&d, '\n');
	if (s->declarations && strlen(s->declarations) <= MCPSERVER_MAX_INLINE_DECLARATIONS) {
		sbuf_adds(&d, "Available:\n");
		sbuf_adds(&d, s->declarations);
	} else {
		sbuf_adds(&d, "Available tools (read a tool's TypeScript declaration with describe_tool, or find tools "
		              "with search_tools):\n");
		for (size_t i = 0; i < s->ts.n_ns; i++) {
			sbuf_printf(&d, "%s:", s->ts.ns[i].name);
			for (size_t j = 0; j < s->ts.ns[i].n_tools; j++)
				sbuf_printf(&d, "%s %s", j ? "," : "", s->ts.ns[i].tools[j].safe);
			sbuf_addc(&d, '\n');
		}
	}
	return sbuf_steal(&d, NULL);
}

static cJSON *tool_entry(const char *name, const char *title, char *desc, const char *in, const char *out)
{
	cJSON *t = cJSON_CreateObject();
	cJSON_AddStringToObject(t, "name", name);
	cJSON_AddStringToObject(t, "title", title);
	cJSON_AddStringToObject(t, "description", desc ? desc : title);
	free(desc);
	cJSON_AddItemToObject(t, "inputSchema", schema_obj(in));
	if (out)
		cJSON_AddItemToObject(t, "outputSchema", schema_obj(out));
	return t;
}

static cJSON *tools_list(struct mcpserver *s)
{
	cJSON *r = cJSON_CreateObject(), *tools = cJSON_AddArrayToObject(r, "tools");
	cJSON_AddItemToArray(
	        tools,
	        tool_entry(
	                "execute", "Run a program against the downstream tools", execute_description(s),
	                "{\"type\":\"object\",\"properties\":{\"code\":{\"type\":\"string\",\"description\":"
	                "\"JavaScript: an async arrow function whose value is the result\"}},\"required\":[\"code\"]}",
	                "{\"type\":\"object\",\"properties\":{\"result\":{\"description\":\"the program's value\"},"
	                "\"error\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},"
	                "\"message\":{\"type\":\"string\"},\"line\":{\"type\":\"integer\"},\"status\":{\"type\":"
	                "\"string\"}}}}}"));
	cJSON_AddItemToArray(tools,
	                     tool_entry("search_tools", "Find downstream tools",
	                                strdup("Find the downstream tools whose name or description contains every "
	                                       "word of the query; answers their program names (ns.tool) and "
	                                       "descriptions. Then read one with describe_tool."),
	                                "{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\"},"
	                                "\"limit\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":50}},"
	                                "\"required\":[\"query\"]}",
	                                NULL));
	cJSON_AddItemToArray(tools, tool_entry("describe_tool", "Describe a downstream tool",
	                                       strdup("The TypeScript declaration of one downstream tool, by its "
	                                              "program name (ns.tool), as execute's programs call it."),
	                                       "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\","
	                                       "\"description\":\"ns.tool\"}},\"required\":[\"name\"]}",
	                                       NULL));
	return r;
}

static cJSON *text_result(const char *text, bool is_error)
{
	cJSON *r = cJSON_CreateObject(), *c = cJSON_AddArrayToObject(r, "content"), *t = cJSON_CreateObject();
	cJSON_AddItemToArray(c, t);
	cJSON_AddStringToObject(t, "type", "text");
	cJSON_AddStringToObject(t, "text", text);
	if (is_error)
		cJSON_AddBoolToObject(r, "isError", true);
	return r;
}

static cJSON *namespaces_offer(struct mcpserver *s)
{
	cJSON *ns = cJSON_CreateObject();
	for (size_t i = 0; i < s->ts.n_ns; i++) {
		cJSON *names = cJSON_AddArrayToObject(ns, s->ts.ns[i].name);
		for (size_t j = 0; j < s->ts.ns[i].n_tools; j++)
			cJSON_AddItemToArray(names, cJSON_CreateString(s->ts.ns[i].tools[j].safe));
	}
	return ns;
}

static void call_execute(struct mcpserver *s, struct rpc_msg *m, const cJSON *args)
{
	const cJSON *code = cJSON_GetObjectItemCaseSensitive(args, "code");
	if (!cJSON_IsString(code)) {
		to_client(s, rpc_result(m->id, text_result("execute needs {\"code\": \"...\"}", true)));
		return;
	}
	if (s->n_programs >= s->cfg->max_runs) {
		char msg[160];
		snprintf(msg, sizeof msg, "%zu programs are already running (limits.max_runs); try again when one ends",
		         s->n_programs);
		to_client(s, rpc_result(m->id, text_result(msg, true)));
		return;
	}
	struct program *p = calloc(1, sizeof *p);
	if (!p) {
		to_client(s, rpc_error(m->id, RPC_INTERNAL_ERROR, "out of memory"));
		return;
	}
	p->child = (struct mcpchild){0, -1, -1};
	p->token = ++s->next_token;
	p->request_id = cJSON_Duplicate(m->id, false);
	const cJSON *meta = cJSON_GetObjectItemCaseSensitive(m->params, "_meta");
	const cJSON *pt = cJSON_GetObjectItemCaseSensitive(meta, "progressToken");
	if (cJSON_IsString(pt) || cJSON_IsNumber(pt))
		p->progress_token = cJSON_Duplicate(pt, false);
	int r = program_start(p, s->exe, s->cfg->policy_path, code->valuestring, namespaces_offer(s));
	p->next = s->programs;
	s->programs = p;
	s->n_programs++;
	if (r < 0) {
		fprintf(stderr, "codecell mcp: cannot start a run: %s\n", strerror(-r));
		program_end(s, p);
	}
}

static void call_tool(struct mcpserver *s, struct rpc_msg *m)
{
	const cJSON *name = cJSON_GetObjectItemCaseSensitive(m->params, "name");
	const cJSON *args = cJSON_GetObjectItemCaseSensitive(m->params, "arguments");
	if (!cJSON_IsString(name)) {
		to_client(s, rpc_error(m->id, RPC_INVALID_PARAMS, "tools/call needs a \"name\""));
		return;
	}
	if (!strcmp(name->valuestring, "execute")) {
		call_execute(s, m, args);
		return;
	}
	if (!strcmp(name->valuestring, "search_tools")) {
		const cJSON *q = cJSON_GetObjectItemCaseSensitive(args, "query");
		const cJSON *lim = cJSON_GetObjectItemCaseSensitive(args, "limit");
		size_t max = MCPSERVER_MAX_SEARCH;
		if (cJSON_IsNumber(lim) && lim->valuedouble >= 1 && lim->valuedouble < max)
			max = (size_t)lim->valuedouble;
		cJSON *found = toolset_search(&s->ts, cJSON_IsString(q) ? q->valuestring : "", max);
		char *text = found ? cJSON_PrintUnformatted(found) : NULL;
		cJSON *r = text_result(text ? text : "[]", false);
		free(text);
		cJSON *sc = cJSON_AddObjectToObject(r, "structuredContent");
		cJSON_AddItemToObject(sc, "tools", found ? found : cJSON_CreateArray());
		to_client(s, rpc_result(m->id, r));
		return;
	}
	if (!strcmp(name->valuestring, "describe_tool")) {
		const cJSON *n = cJSON_GetObjectItemCaseSensitive(args, "name");
		const char *full = cJSON_IsString(n) ? n->valuestring : "";
		const char *dot = strchr(full, '.');
		char ns[TSNAME_MAX + 1] = "";
		if (dot && (size_t)(dot - full) <= TSNAME_MAX)
			snprintf(ns, sizeof ns, "%.*s", (int)(dot - full), full);
		char *decl = dot ? toolset_describe(&s->ts, ns, dot + 1) : NULL;
		if (!decl) {
			char msg[200];
			snprintf(msg, sizeof msg, "no tool \"%.100s\"; names look like ns.tool (see search_tools)",
			         full);
			to_client(s, rpc_result(m->id, text_result(msg, true)));
		} else {
			to_client(s, rpc_result(m->id, text_result(decl, false)));
		}
		free(decl);
		return;
	}
	to_client(s, rpc_error(m->id, RPC_INVALID_PARAMS,
	                       "unknown tool; this server has execute, search_tools and "
	                       "describe_tool"));
}

static void on_initialize(struct mcpserver *s, struct rpc_msg *m)
{
	static const char *const known[] = {"2025-06-18", "2025-03-26", "2024-11-05"};
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(m->params, "protocolVersion");
	const char *version = RPC_MCP_VERSION;
	for (size_t i = 0; i < 3; i++)
		if (cJSON_IsString(v) && !strcmp(v->valuestring, known[i]))
			version = known[i];
	const cJSON *caps = cJSON_GetObjectItemCaseSensitive(m->params, "capabilities");
	s->client_elicitation = cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(caps, "elicitation"));
	cJSON *r = cJSON_CreateObject();
	cJSON_AddStringToObject(r, "protocolVersion", version);
	cJSON *c = cJSON_AddObjectToObject(r, "capabilities");
	cJSON_AddBoolToObject(cJSON_AddObjectToObject(c, "tools"), "listChanged", true);
	cJSON_AddObjectToObject(c, "logging");
	cJSON *info = cJSON_AddObjectToObject(r, "serverInfo");
	cJSON_AddStringToObject(info, "name", "codecell");
	cJSON_AddStringToObject(info, "version", CODECELL_VERSION);
	cJSON_AddStringToObject(r, "instructions",
	                        "Use execute to run one JavaScript program that calls the downstream tools (typed in "
	                        "its description) and returns only what you need.");
	to_client(s, rpc_result(m->id, r));
}

static void on_client_line(struct mcpserver *s, const char *line, size_t len)
{
	if (!len)
		return;
	struct rpc_msg m;
	cJSON *id = NULL;
	char why[160];
	if (rpc_decode(line, len, &m, &id, why, sizeof why) < 0) {
		char msg[200];
		snprintf(msg, sizeof msg, "invalid JSON-RPC message: %s", why);
		to_client(s, rpc_error(id, id ? RPC_INVALID_REQUEST : RPC_PARSE_ERROR, msg));
		cJSON_Delete(id);
		return;
	}
	cJSON_Delete(id);
	if (m.kind == RPC_RESULT || m.kind == RPC_ERROR) {
		on_elicit_answer(s, &m);
	} else if (m.kind == RPC_NOTIFICATION) {
		if (!strcmp(m.method, "notifications/cancelled")) {
			const cJSON *rid = cJSON_GetObjectItemCaseSensitive(m.params, "requestId");
			for (struct program *p = s->programs; p && rid; p = p->next) {
				if (!p->finished && cJSON_Compare(p->request_id, rid, true)) {
					cJSON *c = host_msg_new(HOSTMSG_CANCEL);
					cJSON_AddStringToObject(c, "reason", "the MCP client cancelled the call");
					program_send(p, c);
				}
			}
		}
	} else if (!strcmp(m.method, "initialize")) {
		on_initialize(s, &m);
	} else if (!strcmp(m.method, "ping")) {
		to_client(s, rpc_result(m.id, cJSON_CreateObject()));
	} else if (!strcmp(m.method, "tools/list")) {
		to_client(s, rpc_result(m.id, tools_list(s)));
	} else if (!strcmp(m.method, "tools/call")) {
		call_tool(s, &m);
	} else if (!strcmp(m.method, "logging/setLevel")) {
		const cJSON *l = cJSON_GetObjectItemCaseSensitive(m.params, "level");
		int i = cJSON_IsString(l) ? level_index(l->valuestring) : -1;
		if (i < 0) {
			to_client(s, rpc_error(m.id, RPC_INVALID_PARAMS, "unknown logging level"));
		} else {
			s->min_level = i;
			to_client(s, rpc_result(m.id, cJSON_CreateObject()));
		}
	} else {
		to_client(s, rpc_error(m.id, RPC_METHOD_NOT_FOUND, "method not found"));
	}
	rpc_msg_free(&m);
}

/* ---- the loop ----------------------------------------------------------- */

/* One round of poll and the work it found. with_client: serve stdin/stdout. */
static void pump(struct mcpserver *s, bool with_client, uint64_t until)
{
	size_t max = 2 + 2 * s->n_ds + 2 * s->n_programs;
	struct pollfd *pfd = calloc(max, sizeof *pfd);
	struct program **progs = calloc(s->n_programs + 1, sizeof *progs);
	if (!pfd || !progs) {
		free(pfd);
		free(progs);
		return;
	}
	int n = 0;
	if (with_client) {
		pfd[n++] = (struct pollfd){.fd = STDIN_FILENO, .events = POLLIN};
		pfd[n++] = (struct pollfd){.fd = STDOUT_FILENO, .events = outq_pending(&s->out) ? POLLOUT : 0};
	}
	int ds_at[TOOLSET_MAX_NAMESPACES], ds_n[TOOLSET_MAX_NAMESPACES];
	for (size_t i = 0; i < s->n_ds; i++) {
		ds_at[i] = n;
		ds_n[i] = downstream_pollfds(&s->ds[i], pfd + n);
		n += ds_n[i];
	}
	size_t np = 0;
	int prog_at[64 + 1];
	for (struct program *p = s->programs; p && np < 64; p = p->next) {
		progs[np] = p;
		prog_at[np] = n;
		n += program_pollfds(p, pfd + n);
		np++;
	}
	uint64_t now = mcpchild_now_ms(), next = until;
	for (size_t i = 0; i < s->n_ds; i++) {
		uint64_t t = downstream_next_ms(&s->ds[i]);
		next = t < next ? t : next;
	}
	int timeout = next == UINT64_MAX ? -1 : next <= now ? 0 : (int)(next - now > 60000 ? 60000 : next - now);
	int r = poll(pfd, (nfds_t)n, timeout);
	if (r < 0 && errno != EINTR) {
		fprintf(stderr, "codecell mcp: poll: %s\n", strerror(errno));
		s->done = true;
	}
	now = mcpchild_now_ms();
	if (r > 0) {
		if (with_client && (pfd[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
			if (outq_flush(&s->out, STDOUT_FILENO) < 0)
				s->done = true; /* the client closed our stdout */
		}
		if (with_client && (pfd[0].revents & (POLLIN | POLLHUP | POLLERR))) {
			int e = host_reader_fill(&s->in, STDIN_FILENO);
			const char *line;
			size_t len;
			while (host_reader_next(&s->in, &line, &len) == 1)
				on_client_line(s, line, len);
			if (e == -EMSGSIZE) {
				fprintf(stderr, "codecell mcp: the client sent a message over %u bytes; stopping\n",
				        MCPSERVER_MAX_CLIENT_LINE);
				s->done = true;
			} else if (e < 0 || s->in.eof) {
				s->done = true;
			}
		}
		for (size_t i = 0; i < s->n_ds; i++)
			downstream_io(&s->ds[i], pfd + ds_at[i], ds_n[i], now);
		for (size_t i = 0; i < np; i++) {
			if (program_io(progs[i], pfd + prog_at[i], 2, on_program_line, s))
				program_end(s, progs[i]);
		}
	}
	for (size_t i = 0; i < s->n_ds; i++)
		downstream_tick(&s->ds[i], now);
	/* Write what the work above queued without waiting for the next poll. */
	if (with_client && outq_pending(&s->out) && outq_flush(&s->out, STDOUT_FILENO) < 0)
		s->done = true;
	for (size_t i = 0; i < s->n_ds; i++)
		if (s->ds[i].child.pid > 0 && outq_pending(&s->ds[i].out))
			outq_flush(&s->ds[i].out, s->ds[i].child.to_fd);
	for (struct program *p = s->programs; p; p = p->next)
		if (p->child.pid > 0 && outq_pending(&p->out))
			outq_flush(&p->out, p->child.to_fd);
	free(pfd);
	free(progs);
}

static bool not_denied(void *ctx, const char *ns, const struct toolset_tool *t)
{
	const char *rule;
	return policy_tool(ctx, ns, t->safe, &rule) != POLICY_DENY;
}

/* The toolset and declarations from every server listed so far. Built at
 * start and again whenever a server's list changes. */
static int build_toolset(struct mcpserver *s)
{
	struct sbuf warn;
	sbuf_init(&warn, 1u << 20);
	toolset_finish(&s->ts);
	for (size_t i = 0; i < s->n_ds; i++) {
		struct downstream *d = &s->ds[i];
		cJSON *none = cJSON_CreateArray();
		int r = none ? toolset_add(&s->ts, d->cfg->name, d->tools && d->listed ? d->tools : none, &warn)
		             : -ENOMEM;
		cJSON_Delete(none);
		if (r < 0) {
			sbuf_finish(&warn);
			return r;
		}
		s->offered_gen[i] = d->tools_gen;
	}
	/* Only the tools the policy does not deny are offered and declared. */
	toolset_retain(&s->ts, not_denied, s->policy);
	if (warn.len)
		fprintf(stderr, "codecell mcp: %s", warn.data);
	sbuf_finish(&warn);
	free(s->declarations);
	s->declarations = toolset_declarations(&s->ts);
	return s->declarations ? 0 : -ENOMEM;
}

/* A server whose list changed (it listed late, was restarted as another
 * version, said tools/list_changed): offer the new list, and tell the
 * client (notifications/tools/list_changed) when what execute declares
 * changed; a change to tools the policy denies is not one. Runs already
 * going keep the namespaces they were given; their calls of a tool that
 * is gone fail naming it. */
static void refresh_toolset(struct mcpserver *s)
{
	bool changed = false;
	for (size_t i = 0; i < s->n_ds; i++)
		changed |= s->ds[i].tools_gen != s->offered_gen[i];
	if (!changed)
		return;
	char *before = s->declarations;
	s->declarations = NULL;
	if (build_toolset(s) < 0) {
		free(before);
		fprintf(stderr, "codecell mcp: out of memory\n");
		s->done = true;
		return;
	}
	if (!before || strcmp(before, s->declarations))
		notify(s, "notifications/tools/list_changed", NULL);
	free(before);
}

int mcpserver_init(struct mcpserver *s, const struct mcpconfig *cfg, struct policy *policy, const char *exe)
{
	*s = (struct mcpserver){.cfg = cfg, .policy = policy, .exe = exe, .next_request_id = 1};
	host_reader_init(&s->in, MCPSERVER_MAX_CLIENT_LINE);
	outq_init(&s->out);
	uint64_t now = mcpchild_now_ms();
	s->n_ds = cfg->n_servers;
	for (size_t i = 0; i < s->n_ds; i++) {
		downstream_init(&s->ds[i], &cfg->servers[i], cfg, on_call_done, on_ds_log, s);
		downstream_start(&s->ds[i], now);
	}
	uint64_t until = now + cfg->startup_timeout_ms;
	for (;;) {
		bool waiting = false;
		for (size_t i = 0; i < s->n_ds; i++)
			waiting |= !s->ds[i].listed && s->ds[i].failures < 3;
		if (!waiting || mcpchild_now_ms() >= until || mcpserver_stop_requested)
			break;
		pump(s, false, until);
	}
	for (size_t i = 0; i < s->n_ds; i++)
		if (!s->ds[i].listed)
			fprintf(stderr,
			        "codecell mcp: server \"%s\" has not listed its tools yet (%s); its tools are offered "
			        "once "
			        "it does (tools/list_changed)\n",
			        s->ds[i].cfg->name, s->ds[i].last_error[0] ? s->ds[i].last_error : "still starting");
	return build_toolset(s);
}

int mcpserver_run(struct mcpserver *s)
{
	fcntl(STDIN_FILENO, F_SETFL, fcntl(STDIN_FILENO, F_GETFL) | O_NONBLOCK);
	fcntl(STDOUT_FILENO, F_SETFL, fcntl(STDOUT_FILENO, F_GETFL) | O_NONBLOCK);
	while (!s->done && !mcpserver_stop_requested) {
		pump(s, true, UINT64_MAX);
		refresh_toolset(s);
	}
	/* Flush what is left for the client, briefly blocking. */
	fcntl(STDOUT_FILENO, F_SETFL, fcntl(STDOUT_FILENO, F_GETFL) & ~O_NONBLOCK);
	while (outq_pending(&s->out) && outq_flush(&s->out, STDOUT_FILENO) == 0)
		;
	return 0;
}

void mcpserver_finish(struct mcpserver *s)
{
	while (s->programs) {
		s->programs->finished = true;
		program_end(s, s->programs);
	}
	for (size_t i = 0; i < s->n_ds; i++)
		downstream_finish(&s->ds[i]);
	while (s->elicits) {
		struct mcpserver_elicit *e = s->elicits;
		s->elicits = e->next;
		free(e);
	}
	toolset_finish(&s->ts);
	free(s->declarations);
	host_reader_finish(&s->in);
	outq_finish(&s->out);
}
