/* downstream: one downstream MCP server (see downstream.h).
 *
 * Life of a server: DOWN -> spawn, send initialize -> INITIALIZING ->
 * notifications/initialized, tools/list (pages) -> LISTING -> READY. The
 * list is taken at every start (a restarted server may be a new version)
 * and again, while READY, after notifications/tools/list_changed; when it
 * differs from the last one tools_gen moves and mcpserver rebuilds. Any
 * failure (exit, EOF, a start-up step past its deadline, an answer over
 * max_response, an error answer to initialize) stops the process, fails
 * the calls it had been sent (the program gets an error naming the server
 * and the tool) and schedules a restart. Calls not yet sent wait for READY
 * until their own deadline. */
#include "downstream.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rpc.h"

extern char **environ;

enum call_state { CALL_QUEUED, CALL_SENT, CALL_DONE };

struct downstream_call {
	struct downstream_call *next;
	enum call_state state;
	uint64_t token;
	int64_t rpc_id;
	uint64_t deadline_ms;
	char *tool;
	cJSON *args;              /* until sent */
	struct toolresult result; /* CALL_DONE */
};

void downstream_init(struct downstream *d, const struct mcpconfig_server *cfg, const struct mcpconfig *limits,
                     downstream_done_fn done, downstream_log_fn log, void *ctx)
{
	*d = (struct downstream){.cfg = cfg, .limits = limits, .done = done, .log = log, .ctx = ctx, .next_id = 1};
	d->child = (struct mcpchild){0, -1, -1};
	host_reader_init(&d->rd, limits->max_response);
	outq_init(&d->out);
}

static void send_line(struct downstream *d, char *line)
{
	if (!line || outq_push(&d->out, line, strlen(line)) < 0)
		snprintf(d->last_error, sizeof d->last_error, "out of memory");
	free(line);
}

static void call_free(struct downstream_call *c)
{
	free(c->tool);
	cJSON_Delete(c->args);
	toolresult_finish(&c->result);
	free(c);
}

static void complete(struct downstream_call *c, struct toolresult *r)
{
	toolresult_finish(&c->result);
	c->result = *r;
	c->state = CALL_DONE;
	c->deadline_ms = 0; /* delivered on the next tick */
}

static void fail_call(struct downstream *d, struct downstream_call *c, const char *fmt_reason)
{
	struct toolresult r;
	if (toolresult_error(&r, "%s.%s: %s", d->cfg->name, c->tool, fmt_reason) == 0)
		complete(c, &r);
}

/* Stops the process and schedules the next start. */
static void fail_server(struct downstream *d, uint64_t now, const char *what)
{
	char how[96] = "";
	if (d->child.pid > 0)
		mcpchild_stop(&d->child, 0, how, sizeof how); /* it misbehaved: no grace */
	snprintf(d->last_error, sizeof d->last_error, "%s%s%s", what, how[0] ? "; the server " : "", how);
	fprintf(stderr, "codecell mcp: server \"%s\": %s; restarting\n", d->cfg->name, d->last_error);
	char reason[400];
	snprintf(reason, sizeof reason,
	         "the server failed during the call (%s); it is being restarted, so the call may be "
	         "retried",
	         d->last_error);
	for (struct downstream_call *c = d->calls; c; c = c->next)
		if (c->state == CALL_SENT)
			fail_call(d, c, reason);
	d->state = DOWNSTREAM_DOWN;
	d->relisting = false;
	d->relist = false; /* the next start lists anyway */
	cJSON_Delete(d->listing);
	d->listing = NULL;
	d->failures++;
	uint64_t delay = DOWNSTREAM_BACKOFF_MIN_MS;
	for (unsigned i = 1; i < d->failures && delay < DOWNSTREAM_BACKOFF_MAX_MS; i++)
		delay *= 2;
	if (delay > DOWNSTREAM_BACKOFF_MAX_MS)
		delay = DOWNSTREAM_BACKOFF_MAX_MS;
	d->restart_at_ms = now + delay;
	host_reader_finish(&d->rd);
	host_reader_init(&d->rd, d->limits->max_response);
	outq_finish(&d->out);
	outq_init(&d->out);
}

/* The inherited environment with the configured entries put over it. */
static char **build_env(const struct downstream *d)
{
	size_t n = 0, k = 0;
	while (environ[n])
		n++;
	for (char **e = d->cfg->env; *e; e++)
		k++;
	char **env = calloc(n + k + 1, sizeof *env);
	if (!env)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		bool over = false;
		for (size_t j = 0; j < k && !over; j++) {
			size_t l = strcspn(d->cfg->env[j], "=");
			over = !strncmp(environ[i], d->cfg->env[j], l) && environ[i][l] == '=';
		}
		if (!over)
			env[o++] = environ[i];
	}
	for (size_t j = 0; j < k; j++)
		env[o++] = d->cfg->env[j];
	return env;
}

void downstream_start(struct downstream *d, uint64_t now)
{
	char **env = build_env(d);
	int r = env ? mcpchild_spawn(&d->child, d->cfg->argv, env) : -ENOMEM;
	free(env);
	if (r < 0) {
		fail_server(d, now, strerror(-r));
		return;
	}
	if (d->ever_ready)
		d->restarts++;
	cJSON *p = cJSON_CreateObject(), *info = cJSON_CreateObject();
	cJSON_AddStringToObject(p, "protocolVersion", RPC_MCP_VERSION);
	cJSON_AddItemToObject(p, "capabilities", cJSON_CreateObject());
	cJSON_AddStringToObject(info, "name", "codecell-mcp");
	cJSON_AddStringToObject(info, "version", CODECELL_VERSION);
	cJSON_AddItemToObject(p, "clientInfo", info);
	d->init_id = d->next_id++;
	send_line(d, rpc_request(d->init_id, "initialize", p));
	d->state = DOWNSTREAM_INITIALIZING;
	d->deadline_ms = now + d->limits->startup_timeout_ms;
}

/* Sends one tools/list request (cursor NULL: the first page). */
static void list_page(struct downstream *d, const char *cursor, uint64_t now)
{
	cJSON *p = NULL;
	if (cursor) {
		p = cJSON_CreateObject();
		cJSON_AddStringToObject(p, "cursor", cursor);
	}
	if (!cursor) {
		d->pages = 0;
		cJSON_Delete(d->listing);
		d->listing = NULL;
	}
	d->list_id = d->next_id++;
	d->pages++;
	send_line(d, rpc_request(d->list_id, "tools/list", p));
	d->deadline_ms = now + d->limits->startup_timeout_ms;
}

/* A complete list: keep it, and move tools_gen when it differs. */
static void list_done(struct downstream *d, uint64_t now)
{
	cJSON *l = d->listing ? d->listing : cJSON_CreateArray();
	d->listing = NULL;
	if (!l) {
		snprintf(d->last_error, sizeof d->last_error, "out of memory");
	} else if (d->tools && cJSON_Compare(d->tools, l, true)) {
		cJSON_Delete(l);
	} else {
		cJSON_Delete(d->tools);
		d->tools = l;
		d->tools_gen++;
	}
	d->listed = true;
	d->relist_at_ms = now + DOWNSTREAM_RELIST_MIN_MS;
}

static void send_queued(struct downstream *d, uint64_t now)
{
	for (struct downstream_call *c = d->calls; c; c = c->next) {
		if (c->state != CALL_QUEUED)
			continue;
		cJSON *p = cJSON_CreateObject();
		cJSON_AddStringToObject(p, "name", c->tool);
		cJSON_AddItemToObject(p, "arguments", c->args ? c->args : cJSON_CreateObject());
		c->args = NULL;
		c->rpc_id = d->next_id++;
		c->state = CALL_SENT;
		send_line(d, rpc_request(c->rpc_id, "tools/call", p));
	}
	(void)now;
}

static void became_ready(struct downstream *d, uint64_t now)
{
	d->state = DOWNSTREAM_READY;
	d->failures = 0;
	d->ever_ready = true;
	d->last_error[0] = '\0';
	send_queued(d, now);
}

static struct downstream_call *call_by_id(struct downstream *d, int64_t id)
{
	for (struct downstream_call *c = d->calls; c; c = c->next)
		if (c->state == CALL_SENT && c->rpc_id == id)
			return c;
	return NULL;
}

static void on_response(struct downstream *d, struct rpc_msg *m, uint64_t now)
{
	int64_t id = rpc_int_id(m->id);
	if (id > 0 && id == d->init_id && d->state == DOWNSTREAM_INITIALIZING) {
		if (m->kind == RPC_ERROR) {
			char what[200];
			snprintf(what, sizeof what, "initialize failed: %.150s", m->err_message);
			fail_server(d, now, what);
			return;
		}
		send_line(d, rpc_notification("notifications/initialized", NULL));
		d->state = DOWNSTREAM_LISTING;
		list_page(d, NULL, now);
		return;
	}
	if (id > 0 && id == d->list_id && (d->state == DOWNSTREAM_LISTING || d->relisting)) {
		if (m->kind == RPC_ERROR) {
			char what[200];
			snprintf(what, sizeof what, "tools/list failed: %.150s", m->err_message);
			fail_server(d, now, what);
			return;
		}
		const cJSON *tools = cJSON_GetObjectItemCaseSensitive(m->result, "tools");
		const cJSON *next = cJSON_GetObjectItemCaseSensitive(m->result, "nextCursor");
		if (!d->listing)
			d->listing = cJSON_CreateArray();
		for (const cJSON *t = cJSON_IsArray(tools) ? tools->child : NULL; t && d->listing; t = t->next) {
			if (cJSON_GetArraySize(d->listing) > TOOLSET_MAX_TOOLS)
				break; /* toolset_add reports the cut */
			cJSON_AddItemToArray(d->listing, cJSON_Duplicate(t, true));
		}
		if (cJSON_IsString(next) && next->valuestring[0] && d->pages < DOWNSTREAM_MAX_PAGES && d->listing &&
		    cJSON_GetArraySize(d->listing) <= TOOLSET_MAX_TOOLS) {
			list_page(d, next->valuestring, now);
			return;
		}
		list_done(d, now);
		if (d->relisting)
			d->relisting = false;
		else
			became_ready(d, now);
		return;
	}
	struct downstream_call *c = id > 0 ? call_by_id(d, id) : NULL;
	if (!c)
		return; /* late (timed out or forgotten) or made up: nothing waits for it */
	struct toolresult r;
	int e;
	if (m->kind == RPC_ERROR)
		e = toolresult_error(&r, "%s.%s: the server answered with error %ld: %.2000s", d->cfg->name, c->tool,
		                     m->err_code, m->err_message);
	else
		e = toolresult_from_call(m->result, d->cfg->name, c->tool, &r);
	if (e == 0)
		complete(c, &r);
	else
		fail_call(d, c, "out of memory");
}

static void on_request(struct downstream *d, struct rpc_msg *m)
{
	/* A server may ping its client; anything else (sampling, roots,
	 * elicitation) is a capability codecell mcp did not declare. */
	if (!strcmp(m->method, "ping"))
		send_line(d, rpc_result(m->id, cJSON_CreateObject()));
	else
		send_line(d, rpc_error(m->id, RPC_METHOD_NOT_FOUND, "codecell mcp does not offer this method"));
}

static bool calls_in_flight(const struct downstream *d)
{
	for (const struct downstream_call *c = d->calls; c; c = c->next)
		if (c->state == CALL_SENT)
			return true;
	return false;
}

/* tools/list_changed: list again (tick starts it, rate limited). Log
 * messages: passed on while a call is in flight, when they belong to a
 * program's run; at other times (start-up chatter, a timer) nobody asked.
 * Others (progress, resources) are not forwarded. */
static void on_notification(struct downstream *d, struct rpc_msg *m, uint64_t now)
{
	if (!strcmp(m->method, "notifications/tools/list_changed")) {
		if (d->state != DOWNSTREAM_INITIALIZING) /* there the list is still to come */
			d->relist = true;
		return;
	}
	if (strcmp(m->method, "notifications/message") || !d->log || !calls_in_flight(d))
		return;
	/* Decoded before the rate limit, so a malformed message does not use
	 * up the share of well-formed ones (or make the drop count lie). */
	struct dslog_entry *e = malloc(sizeof *e);
	unsigned long dropped;
	if (e && dslog_decode(m->params, e) == 0 && dslog_admit(&d->log_limit, now, &dropped))
		d->log(d->ctx, d, e, dropped);
	free(e);
}

static void on_line(struct downstream *d, const char *line, size_t len, uint64_t now)
{
	if (!len)
		return;
	struct rpc_msg m;
	char why[160];
	if (rpc_decode(line, len, &m, NULL, why, sizeof why) < 0) {
		fprintf(stderr, "codecell mcp: server \"%s\" sent a malformed message (%s); ignored\n", d->cfg->name,
		        why);
		return;
	}
	if (m.kind == RPC_REQUEST)
		on_request(d, &m);
	else if (m.kind == RPC_RESULT || m.kind == RPC_ERROR)
		on_response(d, &m, now);
	else
		on_notification(d, &m, now);
	rpc_msg_free(&m);
}

int downstream_pollfds(struct downstream *d, struct pollfd *p)
{
	if (d->child.pid <= 0)
		return 0;
	p[0] = (struct pollfd){.fd = d->child.from_fd, .events = POLLIN};
	p[1] = (struct pollfd){.fd = d->child.to_fd, .events = outq_pending(&d->out) ? POLLOUT : 0};
	return 2;
}

void downstream_io(struct downstream *d, const struct pollfd *p, int n, uint64_t now)
{
	if (n < 2 || d->child.pid <= 0)
		return;
	if (p[1].revents & (POLLOUT | POLLERR | POLLHUP)) {
		int r = outq_flush(&d->out, d->child.to_fd);
		if (r < 0 && r != -EAGAIN) {
			/* EPIPE: it closed its stdin; its exit shows on stdout. */
			outq_finish(&d->out);
			outq_init(&d->out);
		}
	}
	if (!(p[0].revents & (POLLIN | POLLHUP | POLLERR)))
		return;
	int r = host_reader_fill(&d->rd, d->child.from_fd);
	const char *line;
	size_t len;
	while (d->child.pid > 0 && host_reader_next(&d->rd, &line, &len) == 1)
		on_line(d, line, len, now);
	if (d->child.pid <= 0)
		return;
	if (d->out.len > DOWNSTREAM_MAX_QUEUED) {
		fail_server(d, now, "it does not read what codecell mcp sends it");
		return;
	}
	if (r == -EMSGSIZE) {
		char what[160];
		snprintf(what, sizeof what, "it sent a message over the %llu-byte limit (limits.max_response)",
		         (unsigned long long)d->limits->max_response);
		fail_server(d, now, what);
	} else if (r < 0 || d->rd.eof) {
		fail_server(d, now, r < 0 ? strerror(-r) : "it closed its output");
	}
}

void downstream_call(struct downstream *d, uint64_t token, const char *tool, cJSON *args, uint64_t now)
{
	struct downstream_call *c = calloc(1, sizeof *c);
	if (!c) {
		cJSON_Delete(args);
		return; /* the program's call then ends with its run's own limits */
	}
	c->token = token;
	c->tool = strdup(tool ? tool : "");
	c->args = args;
	c->deadline_ms = now + d->limits->call_timeout_ms;
	c->state = CALL_QUEUED;
	c->next = d->calls;
	d->calls = c;
	d->n_calls++;
	if (!c->tool || d->n_calls > DOWNSTREAM_MAX_CALLS) {
		struct toolresult r;
		if (toolresult_error(&r, "%s.%s: too many calls in flight to this server (at most %d)", d->cfg->name,
		                     tool, DOWNSTREAM_MAX_CALLS) == 0)
			complete(c, &r);
		return;
	}
	if (d->state == DOWNSTREAM_READY)
		send_queued(d, now);
}

static void unlink_call(struct downstream *d, struct downstream_call *c)
{
	for (struct downstream_call **pp = &d->calls; *pp; pp = &(*pp)->next) {
		if (*pp == c) {
			*pp = c->next;
			d->n_calls--;
			return;
		}
	}
}

static void cancel_remote(struct downstream *d, struct downstream_call *c, const char *reason)
{
	if (c->state != CALL_SENT || d->child.pid <= 0)
		return;
	cJSON *p = cJSON_CreateObject();
	cJSON_AddNumberToObject(p, "requestId", (double)c->rpc_id);
	cJSON_AddStringToObject(p, "reason", reason);
	send_line(d, rpc_notification("notifications/cancelled", p));
}

void downstream_forget(struct downstream *d, uint64_t token)
{
	for (struct downstream_call *c = d->calls, *next; c; c = next) {
		next = c->next;
		if (c->token != token)
			continue;
		cancel_remote(d, c, "the program that made the call has ended");
		unlink_call(d, c);
		call_free(c);
	}
}

void downstream_tick(struct downstream *d, uint64_t now)
{
	if (d->state == DOWNSTREAM_DOWN && d->child.pid <= 0 && d->restart_at_ms && now >= d->restart_at_ms) {
		d->restart_at_ms = 0;
		downstream_start(d, now);
	}
	if (d->state == DOWNSTREAM_READY && d->relist && !d->relisting && now >= d->relist_at_ms) {
		d->relist = false;
		d->relisting = true;
		list_page(d, NULL, now);
	}
	if ((d->state == DOWNSTREAM_INITIALIZING || d->state == DOWNSTREAM_LISTING || d->relisting) &&
	    now >= d->deadline_ms) {
		char what[120];
		snprintf(what, sizeof what, "it did not finish %s within %llu ms (limits.startup_timeout)",
		         d->state == DOWNSTREAM_INITIALIZING ? "initialize" : "tools/list",
		         (unsigned long long)d->limits->startup_timeout_ms);
		fail_server(d, now, what);
	}
	for (struct downstream_call *c = d->calls; c; c = c->next) {
		if (c->state == CALL_DONE || now < c->deadline_ms)
			continue;
		char reason[300];
		if (c->state == CALL_SENT)
			snprintf(reason, sizeof reason,
			         "the server did not answer within %llu ms (limits.call_timeout)",
			         (unsigned long long)d->limits->call_timeout_ms);
		else
			snprintf(reason, sizeof reason, "the server is not running (%s)",
			         d->last_error[0] ? d->last_error : "still starting");
		cancel_remote(d, c, "timed out");
		fail_call(d, c, reason);
	}
	/* Deliver outside the loop above: done() may queue new calls. */
	for (;;) {
		struct downstream_call *c = d->calls;
		while (c && c->state != CALL_DONE)
			c = c->next;
		if (!c)
			break;
		unlink_call(d, c);
		struct toolresult r = c->result;
		c->result = (struct toolresult){0};
		uint64_t token = c->token;
		call_free(c);
		d->done(d->ctx, token, &r);
	}
}

uint64_t downstream_next_ms(const struct downstream *d)
{
	uint64_t t = UINT64_MAX;
	if (d->state == DOWNSTREAM_DOWN && d->restart_at_ms)
		t = d->restart_at_ms;
	if (d->state == DOWNSTREAM_INITIALIZING || d->state == DOWNSTREAM_LISTING || d->relisting)
		t = d->deadline_ms < t ? d->deadline_ms : t;
	if (d->state == DOWNSTREAM_READY && d->relist && !d->relisting)
		t = d->relist_at_ms < t ? d->relist_at_ms : t;
	for (const struct downstream_call *c = d->calls; c; c = c->next)
		t = c->deadline_ms < t ? c->deadline_ms : t;
	return t;
}

void downstream_finish(struct downstream *d)
{
	if (d->child.pid > 0)
		mcpchild_stop(&d->child, DOWNSTREAM_STOP_GRACE_MS, NULL, 0);
	for (struct downstream_call *c = d->calls, *next; c; c = next) {
		next = c->next;
		call_free(c);
	}
	d->calls = NULL;
	cJSON_Delete(d->tools);
	d->tools = NULL;
	cJSON_Delete(d->listing);
	d->listing = NULL;
	host_reader_finish(&d->rd);
	outq_finish(&d->out);
}
