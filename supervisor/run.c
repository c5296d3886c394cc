/* run: see run.h.
 *
 * Shape of a run: probe cgroups and create the run's group, build the seccomp
 * program, spawn the sandbox (the guest loads the filter, then says "ready"),
 * send "start", then serve frames until the guest's result, a limit, a
 * protocol violation or a cancellation decides the status. Whatever decides,
 * the supervisor kills the whole sandbox itself; it never relies on the guest
 * to stop. */
#include "run.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "audit.h"
#include "broker.h"
#include "cgroup.h"
#include "frame.h"
#include "guestmsg.h"
#include "host.h"
#include "outq.h"
#include "policy.h"
#include "procstatus.h"
#include "report.h"
#include "sandbox.h"
#include "seccomp.h"
#include "trace.h" /* perf: opt-in timing hooks, TRACE lines below (CODECELL_TRACE=1) */

/* How often CPU time is sampled while the guest runs: short enough that a
 * spinning program overshoots its CPU budget by little, long enough that the
 * sampling itself costs nothing measurable. */
#define RUN_CPU_POLL_MS 20
/* Guest stderr is diagnostics only; keep the tail for the report. */
#define RUN_ERRTAIL_BYTES 2048
/* Host lines carry tool results, which become guest frames. A result over
 * the frame limit must still be readable so that it can become an error the
 * program sees, so the line limit is twice the frame limit plus 1 MiB;
 * beyond that the host is broken, not merely generous. */
#define RUN_HOST_LINE_SLACK (1u << 20)

struct inflight {
	uint64_t guest_id;
	uint64_t host_id;
	bool used;
};

/* A request held until the host answers an approval_request. */
struct approval {
	uint64_t id;       /* our approval id, sent as a string */
	uint64_t guest_id; /* the request it holds */
	enum policy_approval_kind kind;
	char key[600];  /* cache key (docs/POLICY.md, Approvals) */
	cJSON *request; /* owned copy of the guest's frame, replayed on allow */
	uint64_t deadline_ms;
	bool used;
};

/* Approvals waiting at once: each holds a request slot too, so the in-flight
 * limit bounds them; this is the table size. */
#define RUN_MAX_APPROVALS 64

struct run {
	const struct run_config *cfg;
	struct report rep;
	uint64_t t0_ms, deadline_ms, next_cpu_ms;

	/* guest */
	struct sandbox_child child;
	bool spawned, reaped;
	struct frame_reader fr;
	struct outq to_guest;
	bool ready, started, sock_eof;
	char errtail[RUN_ERRTAIL_BYTES];
	size_t errtail_len;

	/* host */
	struct host_reader hr;
	struct outq to_host;
	bool host_eof;
	struct host_msg start; /* the host's start message, kept for its fields */
	bool have_start;

	/* requests in flight, a fixed table of max_inflight slots */
	struct inflight *inflight;
	size_t n_inflight;
	uint64_t next_host_id;

	/* policy state for this run */
	struct broker *broker; /* created with the start message */
	uint64_t fs_ops, fetches;
	uint64_t fs_bytes_read, fs_bytes_written, net_bytes_in, net_bytes_out;
	struct policy_caps *caps;
	struct audit *audit;
	struct policy_approval_cache *approval_cache;
	struct approval approvals[RUN_MAX_APPROVALS];
	uint64_t next_approval_id;
	uint64_t denials, approvals_asked;

	/* cgroups */
	struct cgroup_host *cgh;
	struct cgroup_run *cgr;

	void *bpf;
	size_t bpf_len;
};

static uint64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void set_nonblock(int fd)
{
	int fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

/* ---- output to the host ---------------------------------------------- */

static void host_send(struct run *r, cJSON *msg)
{
	char *s = cJSON_PrintUnformatted(msg);
	cJSON_Delete(msg);
	if (!s) {
		report_decide(&r->rep, RUN_SANDBOX_ERROR, "out of memory while writing to the host");
		return;
	}
	if (outq_push(&r->to_host, s, strlen(s)) < 0 || outq_push(&r->to_host, "\n", 1) < 0)
		report_decide(&r->rep, RUN_SANDBOX_ERROR, "out of memory while writing to the host");
	free(s);
}

static cJSON *host_msg_new(const char *type)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "v", HOST_PROTOCOL_VERSION);
	cJSON_AddStringToObject(o, "type", type);
	return o;
}

/* ---- output to the guest --------------------------------------------- */

/* Frames and queues msg (consumed). The guest refuses frames above the frame
 * limit, so such a frame is not queued: -EMSGSIZE, with its size in *bytes
 * (may be NULL) for the caller's message. One serialisation serves both the
 * check and the send. */
static int guest_send(struct run *r, cJSON *msg, size_t *bytes)
{
	char *s = cJSON_PrintUnformatted(msg);
	cJSON_Delete(msg);
	if (!s)
		return -ENOMEM;
	size_t n = strlen(s);
	if (bytes)
		*bytes = n;
	if (n > r->cfg->limits.max_frame) {
		free(s);
		return -EMSGSIZE;
	}
	uint8_t hdr[FRAME_HEADER_BYTES];
	int e = frame_encode_header(hdr, n);
	if (e == 0)
		e = outq_push(&r->to_guest, hdr, sizeof(hdr));
	if (e == 0)
		e = outq_push(&r->to_guest, s, n);
	free(s);
	return e;
}

static void guest_reply_error(struct run *r, uint64_t id, const char *name, const char *message)
{
	cJSON *m = cJSON_CreateObject();
	cJSON_AddStringToObject(m, "t", msgtype_name(MSG_REPLY));
	cJSON_AddNumberToObject(m, "id", (double)id);
	cJSON_AddBoolToObject(m, "ok", 0);
	cJSON *e = cJSON_AddObjectToObject(m, "error");
	cJSON_AddStringToObject(e, "name", name);
	cJSON_AddStringToObject(e, "message", message);
	if (guest_send(r, m, NULL) < 0)
		report_decide(&r->rep, RUN_SANDBOX_ERROR, "out of memory while replying to the guest");
}

/* Sends a reply (consumed). One too large for the guest becomes a RangeError
 * the program can handle, naming what was too large (`what`). */
static void guest_reply(struct run *r, uint64_t id, cJSON *msg, const char *what)
{
	size_t n = 0;
	int e = guest_send(r, msg, &n);
	if (e == -EMSGSIZE) {
		char text[200];
		snprintf(text, sizeof(text), "the %s is %zu bytes, more than the %" PRIu64 "-byte frame limit", what, n,
		         (uint64_t)r->cfg->limits.max_frame);
		guest_reply_error(r, id, "RangeError", text);
	} else if (e < 0) {
		report_decide(&r->rep, RUN_SANDBOX_ERROR, "out of memory while replying to the guest");
	}
}

/* ---- requests in flight ---------------------------------------------- */

static struct inflight *inflight_by_guest(struct run *r, uint64_t id)
{
	for (size_t i = 0; i < r->cfg->limits.max_inflight; i++)
		if (r->inflight[i].used && r->inflight[i].guest_id == id)
			return &r->inflight[i];
	return NULL;
}

static struct inflight *inflight_by_host(struct run *r, uint64_t id)
{
	for (size_t i = 0; i < r->cfg->limits.max_inflight; i++)
		if (r->inflight[i].used && r->inflight[i].host_id == id)
			return &r->inflight[i];
	return NULL;
}

/* Claims a slot for a guest request id; decides protocol_error and returns
 * NULL on a duplicate id or a full table. */
static struct inflight *inflight_claim(struct run *r, uint64_t id)
{
	if (inflight_by_guest(r, id)) {
		report_decide(&r->rep, RUN_PROTOCOL_ERROR,
		              "the guest reused request id %" PRIu64 " while it was still in flight", id);
		return NULL;
	}
	for (size_t i = 0; i < r->cfg->limits.max_inflight; i++) {
		if (!r->inflight[i].used) {
			r->inflight[i] = (struct inflight){.guest_id = id, .host_id = ++r->next_host_id, .used = true};
			r->n_inflight++;
			return &r->inflight[i];
		}
	}
	report_decide(&r->rep, RUN_PROTOCOL_ERROR,
	              "the program had more than %" PRIu64 " requests in flight; await some before starting more",
	              (uint64_t)r->cfg->limits.max_inflight);
	return NULL;
}

static void inflight_release(struct run *r, struct inflight *f)
{
	f->used = false;
	r->n_inflight--;
}

/* ---- the start message ------------------------------------------------ */

static void program_too_large(struct run *r, size_t bytes)
{
	report_decide(&r->rep, RUN_ERROR, "the program is %zu bytes, more than the %" PRIu64 "-byte frame limit", bytes,
	              (uint64_t)r->cfg->limits.max_frame);
	r->rep.error = cJSON_CreateObject();
	cJSON_AddStringToObject(r->rep.error, "name", "RangeError");
	cJSON_AddStringToObject(r->rep.error, "message", r->rep.message);
}

static void send_start(struct run *r)
{
	const struct run_config *c = r->cfg;
	const char *code = c->code;
	size_t code_len = c->code_len;
	const char *filename = c->filename;
	cJSON *ns = c->namespaces;
	cJSON *env = c->env;
	if (r->have_start) {
		if (r->start.code) {
			code = r->start.code;
			code_len = strlen(code);
		}
		if (r->start.filename)
			filename = r->start.filename;
		if (r->start.namespaces)
			ns = r->start.namespaces;
		if (r->start.env)
			env = r->start.env;
	}
	if (!code) {
		report_decide(&r->rep, RUN_SANDBOX_ERROR, "no program: give a FILE or a \"code\" in the start message");
		return;
	}
	/* cJSON strings are NUL-terminated; a program with a NUL byte would be
	 * cut short silently, so refuse it loudly. */
	if (memchr(code, '\0', code_len)) {
		report_decide(&r->rep, RUN_ERROR, "the program contains a NUL byte");
		r->rep.error = cJSON_CreateObject();
		cJSON_AddStringToObject(r->rep.error, "name", "SyntaxError");
		cJSON_AddStringToObject(r->rep.error, "message", "Invalid or unexpected token (NUL byte in source)");
		return;
	}
	/* Too large before any copy is made; escaping can only grow it, and
	 * guest_send checks the exact size below. */
	if (code_len > c->limits.max_frame) {
		program_too_large(r, code_len);
		return;
	}
	cJSON *m = cJSON_CreateObject();
	cJSON_AddStringToObject(m, "t", msgtype_name(MSG_START));
	cJSON_AddStringToObject(m, "code", code);
	cJSON_AddStringToObject(m, "filename", filename ? filename : "main.js");
	if (ns) {
		cJSON_AddItemToObject(m, "namespaces", cJSON_Duplicate(ns, 1));
	} else {
		cJSON *d = cJSON_AddObjectToObject(m, "namespaces");
		cJSON_AddNullToObject(d, "codemode");
	}
	cJSON_AddItemToObject(m, "env", env ? cJSON_Duplicate(env, 1) : cJSON_CreateObject());
	const char *loc = policy_intl_locale(c->policy), *tz = policy_intl_time_zone(c->policy);
	if (loc || tz) {
		cJSON *intl = cJSON_AddObjectToObject(m, "intl");
		if (loc)
			cJSON_AddStringToObject(intl, "locale", loc);
		if (tz)
			cJSON_AddStringToObject(intl, "timeZone", tz);
	}
	const char *workspace = r->have_start && r->start.workspace ? r->start.workspace : c->workspace;
	char err[512];
	if (broker_create(c->policy, &c->limits, workspace, &r->broker, err, sizeof(err)) < 0) {
		cJSON_Delete(m);
		report_decide(&r->rep, RUN_SANDBOX_ERROR, "filesystem/network setup: %s", err);
		return;
	}
	size_t sent = 0;
	int e = guest_send(r, m, &sent);
	if (e == -EMSGSIZE) {
		program_too_large(r, sent);
		return;
	}
	if (e < 0) {
		report_decide(&r->rep, RUN_SANDBOX_ERROR, "out of memory while sending the program");
		return;
	}
	r->started = true;
	trace_mark("start queued"); /* perf: timing hook */
	audit_run_start(r->audit, c->policy, code, code_len, filename ? filename : "main.js");
}

/* ---- enforcement report ----------------------------------------------- */

static void build_enforced(struct run *r)
{
	cJSON *e = cJSON_CreateObject();
	cJSON *ns = cJSON_AddArrayToObject(e, "namespaces");
	for (int i = 0; i < 8 && r->child.enforced.namespaces[i]; i++)
		cJSON_AddItemToArray(ns, cJSON_CreateString(r->child.enforced.namespaces[i]));
	struct procstatus ps;
	bool have = procstatus_read(r->child.pid, &ps) == 0;
	cJSON_AddBoolToObject(e, "seccomp", have && ps.seccomp == 2);
	cJSON_AddBoolToObject(e, "no_new_privs", have && ps.no_new_privs == 1);
	bool nocaps =
	        have && ps.cap_eff == 0 && ps.cap_prm == 0 && ps.cap_bnd == 0 && ps.cap_amb == 0 && ps.cap_inh == 0;
	cJSON_AddStringToObject(e, "capabilities", have ? (nocaps ? "none" : "some") : "unknown");
	cJSON_AddBoolToObject(e, "empty_root", r->child.enforced.empty_root);
	cJSON_AddStringToObject(e, "cgroup", cgroup_mode_name(cgroup_host_mode(r->cgh)));
	cJSON *deg = cJSON_AddArrayToObject(e, "degraded");
	const char *d = cgroup_host_degraded(r->cgh);
	while (d && *d) {
		const char *comma = strchr(d, ',');
		size_t len = comma ? (size_t)(comma - d) : strlen(d);
		char *w = strndup(d, len);
		if (w)
			cJSON_AddItemToArray(deg, cJSON_CreateString(w));
		free(w);
		d = comma ? comma + 1 : NULL;
	}
	if (r->cfg->disable)
		cJSON_AddItemToArray(deg, cJSON_CreateString("test-layers-disabled"));
	cJSON_Delete(r->rep.enforced);
	r->rep.enforced = e;
}

/* ---- guest frames ----------------------------------------------------- */

/* Sends an accepted tool call to the host (or fails it in plain mode). */
static void forward_tool(struct run *r, uint64_t guest_id, const char *ns, const char *name, cJSON *args)
{
	struct inflight *f = inflight_claim(r, guest_id);
	if (!f)
		return;
	if (!r->cfg->host_mode) {
		char msg[600];
		snprintf(msg, sizeof(msg), "no host attached: cannot call %s.%s", ns, name);
		guest_reply_error(r, guest_id, "Error", msg);
		inflight_release(r, f);
		return;
	}
	cJSON *o = host_msg_new("tool_call");
	char idbuf[32];
	snprintf(idbuf, sizeof(idbuf), "%" PRIu64, f->host_id);
	cJSON_AddStringToObject(o, "id", idbuf);
	cJSON_AddStringToObject(o, "ns", ns);
	cJSON_AddStringToObject(o, "name", name);
	cJSON_AddItemToObject(o, "args", args ? cJSON_Duplicate(args, 1) : cJSON_CreateArray());
	host_send(r, o);
}

static void deny(struct run *r, uint64_t guest_id, const char *what)
{
	char msg[800];
	snprintf(msg, sizeof(msg), "%s is not allowed by policy", what);
	r->denials++;
	guest_reply_error(r, guest_id, "PermissionDenied", msg);
}

static void ask_host(struct run *r, enum policy_approval_kind kind, const char *key, uint64_t guest_id, cJSON *request,
                     cJSON *detail);

static void on_tool(struct run *r, struct guest_msg *m)
{
	const struct limits *l = &r->cfg->limits;
	if (r->rep.tool_calls >= l->tool_calls) {
		report_decide(&r->rep, RUN_TOOL_CALL_LIMIT,
		              "the program made more than %" PRIu64 " tool calls; batch work into fewer calls",
		              (uint64_t)l->tool_calls);
		return;
	}
	r->rep.tool_calls++;
	char what[600];
	snprintf(what, sizeof(what), "%s.%s", m->ns, m->name);
	/* Without a policy file the host decides what exists: it offered the
	 * tools. A policy file makes tools deny-by-default (docs/POLICY.md). */
	const char *rule = "host-offered (no policy file)";
	enum policy_verdict v = r->cfg->policy_file ? policy_tool(r->cfg->policy, m->ns, m->name, &rule) : POLICY_ALLOW;
	if (v != POLICY_DENY && r->caps && policy_caps_take(r->caps, m->ns, m->name, &rule) == -EDQUOT) {
		audit_decision(r->audit, "tool", what, POLICY_DENY, rule, NULL);
		char msg[700];
		snprintf(msg, sizeof(msg), "the call cap for %s is used up (%s)", what, rule);
		r->denials++;
		guest_reply_error(r, m->id, "PermissionDenied", msg);
		return;
	}
	audit_decision(r->audit, "tool", what, v, rule, NULL);
	if (v == POLICY_DENY) {
		char t[640];
		snprintf(t, sizeof(t), "tool %s", what);
		deny(r, m->id, t);
		return;
	}
	if (v == POLICY_ASK) {
		cJSON *d = cJSON_CreateObject();
		cJSON_AddStringToObject(d, "ns", m->ns);
		cJSON_AddStringToObject(d, "name", m->name);
		cJSON_AddItemToObject(d, "args", m->args ? cJSON_Duplicate(m->args, 1) : cJSON_CreateArray());
		ask_host(r, POLICY_APPROVAL_TOOL, what, m->id, cJSON_Duplicate(m->root, 1), d);
		return;
	}
	forward_tool(r, m->id, m->ns, m->name, m->args);
}

/* ---- approvals -------------------------------------------------------- */

static void approval_resolve(struct run *r, struct approval *a, bool allow, const char *source);

/* Holds a request until the host says yes or no. request and detail are
 * owned. Answers from the cache and "no host" resolve at once. */
static void ask_host(struct run *r, enum policy_approval_kind kind, const char *key, uint64_t guest_id, cJSON *request,
                     cJSON *detail)
{
	struct approval tmp = {.guest_id = guest_id, .kind = kind, .request = request};
	snprintf(tmp.key, sizeof(tmp.key), "%s", key);
	/* The held request occupies its id like any request in flight. */
	if (!inflight_claim(r, guest_id)) {
		cJSON_Delete(detail);
		cJSON_Delete(request);
		return;
	}
	bool allow;
	if (policy_approval_cache_lookup(r->approval_cache, kind, key, &allow) == 1) {
		cJSON_Delete(detail);
		approval_resolve(r, &tmp, allow, "cache");
		return;
	}
	if (!r->cfg->host_mode) {
		cJSON_Delete(detail);
		approval_resolve(r, &tmp, false, "no_host");
		return;
	}
	struct approval *a = NULL;
	for (size_t i = 0; i < RUN_MAX_APPROVALS; i++)
		if (!r->approvals[i].used) {
			a = &r->approvals[i];
			break;
		}
	if (!a) {
		cJSON_Delete(detail);
		cJSON_Delete(request);
		report_decide(&r->rep, RUN_PROTOCOL_ERROR, "the program had more than %d approvals pending at once",
		              RUN_MAX_APPROVALS);
		return;
	}
	*a = tmp;
	a->used = true;
	a->id = ++r->next_approval_id;
	a->deadline_ms = now_ms() + policy_approvals(r->cfg->policy)->timeout_ms;
	r->approvals_asked++;
	cJSON *o = host_msg_new("approval_request");
	char idbuf[40];
	snprintf(idbuf, sizeof(idbuf), "a%" PRIu64, a->id);
	cJSON_AddStringToObject(o, "id", idbuf);
	cJSON_AddStringToObject(o, "kind", policy_approval_kind_name(kind));
	cJSON_AddItemToObject(o, "detail", detail);
	host_send(r, o);
}

static void dispatch_fs_fetch(struct run *r, cJSON *request, bool approved);

static void approval_resolve(struct run *r, struct approval *a, bool allow, const char *source)
{
	audit_approval(r->audit, a->kind, a->key, allow, source);
	struct inflight *held = inflight_by_guest(r, a->guest_id);
	if (held)
		inflight_release(r, held);
	cJSON *req = a->request;
	a->request = NULL;
	if (a->used)
		a->used = false;
	if (!allow) {
		const char *why = strcmp(source, "host") == 0      ? "the host said no"
		                  : strcmp(source, "cache") == 0   ? "it was refused earlier in this run"
		                  : strcmp(source, "timeout") == 0 ? "no answer came in time"
		                                                   : "there is no host to ask";
		char msg[800];
		snprintf(msg, sizeof(msg), "%s request '%s' needs an approval and %s",
		         policy_approval_kind_name(a->kind), a->key, why);
		r->denials++;
		guest_reply_error(r, a->guest_id, "PermissionDenied", msg);
		cJSON_Delete(req);
		return;
	}
	if (a->kind == POLICY_APPROVAL_TOOL) {
		cJSON *ns = cJSON_GetObjectItemCaseSensitive(req, "ns");
		cJSON *name = cJSON_GetObjectItemCaseSensitive(req, "name");
		cJSON *args = cJSON_GetObjectItemCaseSensitive(req, "args");
		forward_tool(r, a->guest_id, ns->valuestring, name->valuestring, args);
		cJSON_Delete(req);
	} else {
		dispatch_fs_fetch(r, req, true); /* takes ownership of req */
	}
}

static void on_host_approval(struct run *r, const struct host_msg *m)
{
	char *end;
	unsigned long long id = (m->id[0] == 'a') ? strtoull(m->id + 1, &end, 10) : 0;
	for (size_t i = 0; id && i < RUN_MAX_APPROVALS; i++) {
		struct approval *a = &r->approvals[i];
		if (a->used && a->id == id) {
			if (m->remember)
				policy_approval_cache_store(r->approval_cache, a->kind, a->key, m->allow);
			approval_resolve(r, a, m->allow, "host");
			return;
		}
	}
	fprintf(stderr, "codecell: ignoring approval '%.64s': nothing is waiting for it\n", m->id);
}

static void expire_approvals(struct run *r, uint64_t now)
{
	for (size_t i = 0; i < RUN_MAX_APPROVALS; i++)
		if (r->approvals[i].used && now >= r->approvals[i].deadline_ms)
			approval_resolve(r, &r->approvals[i], false, "timeout");
}

static void on_log(struct run *r, struct guest_msg *m)
{
	r->rep.output_bytes += m->text_len;
	if (r->rep.output_bytes > r->cfg->limits.output_bytes) {
		report_decide(&r->rep, RUN_OUTPUT_LIMIT,
		              "the program wrote more than %" PRIu64 " bytes of logs and result; log less",
		              (uint64_t)r->cfg->limits.output_bytes);
		return;
	}
	if (r->cfg->host_mode) {
		cJSON *o = host_msg_new("log");
		cJSON_AddStringToObject(o, "level", m->level);
		cJSON_AddStringToObject(o, "message", m->text);
		cJSON_AddNumberToObject(o, "time_ms", (double)(now_ms() - r->t0_ms));
		host_send(r, o);
	} else {
		/* Plain mode: logs go to stderr as they happen; the result alone
		 * goes to stdout, so `codecell run x.js > out.json` works. */
		char prefix[16] = "";
		if (strcmp(m->level, "log") != 0 && strcmp(m->level, "info") != 0)
			snprintf(prefix, sizeof(prefix), "[%s] ", m->level);
		struct iovec iov[3] = {{prefix, strlen(prefix)}, {(void *)m->text, m->text_len}, {"\n", 1}};
		ssize_t w = writev(STDERR_FILENO, iov, 3);
		(void)w;
	}
}

static void on_result(struct run *r, struct guest_msg *m)
{
	trace_mark("result received"); /* perf: timing hook */
	char *v = m->value ? cJSON_PrintUnformatted(m->value) : NULL;
	r->rep.output_bytes += v ? strlen(v) : 0;
	free(v);
	if (r->rep.output_bytes > r->cfg->limits.output_bytes) {
		report_decide(&r->rep, RUN_OUTPUT_LIMIT,
		              "the program's logs and result exceed %" PRIu64 " bytes; return less data",
		              (uint64_t)r->cfg->limits.output_bytes);
		return;
	}
	if (m->unhandled && cJSON_GetArraySize(m->unhandled) > 0)
		r->rep.unhandled = cJSON_DetachItemViaPointer(m->root, m->unhandled);
	if (m->ok) {
		if (report_decide(&r->rep, RUN_OK, "ok") && m->value)
			r->rep.value = cJSON_DetachItemViaPointer(m->root, m->value);
		return;
	}
	cJSON *msg = cJSON_GetObjectItemCaseSensitive(m->error, "message");
	const char *text = cJSON_IsString(msg) ? msg->valuestring : "";
	if (m->memory_limit) {
		report_decide(&r->rep, RUN_MEMORY_LIMIT,
		              "the program ran out of its %" PRIu64 "-byte heap (%s); process data in smaller pieces",
		              (uint64_t)r->cfg->limits.heap_bytes, text);
		return;
	}
	if (report_decide(&r->rep, RUN_ERROR, "%s", text))
		r->rep.error = cJSON_DetachItemViaPointer(m->root, m->error);
}

/* Filesystem and network requests: decided by policy (approvals first),
 * performed by the broker. request is owned. approved: an approval already
 * said yes for it. */
static void send_broker_error(struct run *r, uint64_t id, const struct broker_error *e)
{
	cJSON *m = cJSON_CreateObject();
	cJSON_AddStringToObject(m, "t", msgtype_name(MSG_REPLY));
	cJSON_AddNumberToObject(m, "id", (double)id);
	cJSON_AddBoolToObject(m, "ok", 0);
	cJSON *err = cJSON_AddObjectToObject(m, "error");
	cJSON_AddStringToObject(err, "name", e->name[0] ? e->name : "Error");
	cJSON_AddStringToObject(err, "message", e->message);
	if (e->code[0])
		cJSON_AddStringToObject(err, "code", e->code);
	if (strcmp(e->name, "PermissionDenied") == 0)
		r->denials++;
	if (guest_send(r, m, NULL) < 0)
		report_decide(&r->rep, RUN_SANDBOX_ERROR, "out of memory while replying to the guest");
}

static void send_value(struct run *r, uint64_t id, cJSON *value)
{
	cJSON *m = cJSON_CreateObject();
	cJSON_AddStringToObject(m, "t", msgtype_name(MSG_REPLY));
	cJSON_AddNumberToObject(m, "id", (double)id);
	cJSON_AddBoolToObject(m, "ok", 1);
	cJSON_AddItemToObject(m, "value", value ? value : cJSON_CreateNull());
	guest_reply(r, id, m, "reply");
}

/* Payload bytes of a {data|body, encoding|bodyEncoding} pair, for the
 * audit's byte counters (base64 counts the decoded size). */
static uint64_t payload_bytes(const cJSON *o, const char *field, const char *enc_field)
{
	const cJSON *d = cJSON_GetObjectItemCaseSensitive(o, field);
	if (!cJSON_IsString(d))
		return 0;
	const cJSON *e = cJSON_GetObjectItemCaseSensitive(o, enc_field);
	uint64_t n = strlen(d->valuestring);
	return cJSON_IsString(e) && strcmp(e->valuestring, "base64") == 0 ? n / 4 * 3 : n;
}

static void audit_io(struct run *r, bool fs, const cJSON *req, bool denied, const char *rule)
{
	const char *op = fs ? "op" : "method";
	const cJSON *o = cJSON_GetObjectItemCaseSensitive(req, op);
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(req, fs ? "path" : "url");
	char what[700];
	snprintf(what, sizeof(what), "%s %.600s", cJSON_IsString(o) ? o->valuestring : (fs ? "?" : "GET"),
	         cJSON_IsString(p) ? p->valuestring : "?");
	audit_decision(r->audit, fs ? "fs" : "network", what, denied ? POLICY_DENY : POLICY_ALLOW,
	               rule && *rule ? rule : (denied ? "default deny" : "allowed"), NULL);
}

static void dispatch_fs_fetch(struct run *r, cJSON *request, bool approved)
{
	cJSON *t = cJSON_GetObjectItemCaseSensitive(request, "t");
	cJSON *idj = cJSON_GetObjectItemCaseSensitive(request, "id");
	uint64_t id = (uint64_t)idj->valuedouble;
	bool fs = strcmp(t->valuestring, "fs") == 0;
	if (!r->broker) {
		report_decide(&r->rep, RUN_PROTOCOL_ERROR, "guest protocol violation: a request before \"start\"");
		cJSON_Delete(request);
		return;
	}
	if (!approved) {
		enum policy_approval_kind kind;
		char key[600];
		cJSON *detail;
		if (broker_needs_approval(r->broker, request, fs, &kind, key, sizeof(key), &detail) == POLICY_ASK) {
			ask_host(r, kind, key, id, request, detail);
			return;
		}
	}
	struct broker_error e = {{0}};
	if (fs) {
		r->fs_ops++;
		if (inflight_by_guest(r, id)) {
			report_decide(&r->rep, RUN_PROTOCOL_ERROR,
			              "the guest reused request id %" PRIu64 " while it was still in flight", id);
			cJSON_Delete(request);
			return;
		}
		cJSON *value = NULL;
		int rc = broker_fs(r->broker, request, &value, &e);
		if (rc == -EPROTO) {
			report_decide(&r->rep, RUN_PROTOCOL_ERROR, "guest protocol violation: malformed fs request");
		} else if (rc < 0) {
			audit_io(r, true, request, strcmp(e.name, "PermissionDenied") == 0, e.rule);
			send_broker_error(r, id, &e);
		} else {
			audit_io(r, true, request, false, NULL);
			const cJSON *op = cJSON_GetObjectItemCaseSensitive(request, "op");
			if (cJSON_IsString(op) && strcmp(op->valuestring, "readFile") == 0)
				r->fs_bytes_read += payload_bytes(value, "data", "encoding");
			else
				r->fs_bytes_written += payload_bytes(request, "data", "encoding");
			send_value(r, id, value);
		}
		cJSON_Delete(request);
		return;
	}
	r->fetches++;
	struct inflight *f = inflight_claim(r, id);
	if (!f) {
		cJSON_Delete(request);
		return;
	}
	int rc = broker_fetch_start(r->broker, id, request, &e);
	if (rc == -EPROTO) {
		report_decide(&r->rep, RUN_PROTOCOL_ERROR, "guest protocol violation: malformed fetch request");
	} else if (rc < 0) {
		inflight_release(r, f);
		audit_io(r, false, request, strcmp(e.name, "PermissionDenied") == 0, e.rule);
		send_broker_error(r, id, &e);
	} else {
		audit_io(r, false, request, false, e.rule);
		r->net_bytes_out += payload_bytes(request, "body", "bodyEncoding");
	}
	cJSON_Delete(request);
}

static void collect_fetches(struct run *r)
{
	broker_perform(r->broker);
	uint64_t id;
	cJSON *value;
	struct broker_error e;
	while (!r->rep.decided && broker_next_done(r->broker, &id, &value, &e) == 1) {
		struct inflight *f = inflight_by_guest(r, id);
		if (f)
			inflight_release(r, f);
		if (value) {
			r->net_bytes_in += payload_bytes(value, "body", "bodyEncoding");
			send_value(r, id, value);
		} else {
			send_broker_error(r, id, &e);
		}
	}
}

static void on_frame(struct run *r, const uint8_t *p, size_t n)
{
	struct guest_msg m;
	char err[256];
	if (guestmsg_parse(p, n, &m, err, sizeof(err)) < 0) {
		report_decide(&r->rep, RUN_PROTOCOL_ERROR, "guest protocol violation: %s", err);
		return;
	}
	if (m.type == MSG_READY) {
		if (r->ready) {
			report_decide(&r->rep, RUN_PROTOCOL_ERROR, "guest protocol violation: a second \"ready\"");
		} else {
			trace_mark("ready received"); /* perf: timing hook */
			r->ready = true;
			build_enforced(r);
		}
	} else if (!r->started) {
		report_decide(&r->rep, RUN_PROTOCOL_ERROR, "guest protocol violation: \"%s\" before \"start\"",
		              msgtype_name(m.type));
	} else {
		switch (m.type) {
		case MSG_LOG: on_log(r, &m); break;
		case MSG_TOOL: on_tool(r, &m); break;
		case MSG_FS:
		case MSG_FETCH: dispatch_fs_fetch(r, cJSON_Duplicate(m.root, 1), false); break;
		case MSG_RESULT: on_result(r, &m); break;
		default:
			report_decide(&r->rep, RUN_PROTOCOL_ERROR, "guest protocol violation: unexpected \"%s\"",
			              msgtype_name(m.type));
			break;
		}
	}
	guestmsg_free(&m);
	/* In host mode the host's start message is awaited even when a FILE
	 * was given: it may override the code (docs/PROTOCOL.md). */
	if (r->ready && !r->started && !r->rep.decided && (r->have_start || (!r->cfg->host_mode && r->cfg->code)))
		send_start(r);
}

static void read_guest(struct run *r)
{
	for (;;) {
		size_t room = frame_reader_room(&r->fr);
		if (room == 0) {
			const uint8_t *p;
			size_t n;
			int k = frame_reader_next(&r->fr, &p, &n);
			if (k < 0) {
				report_decide(&r->rep, RUN_PROTOCOL_ERROR,
				              "guest protocol violation: a frame larger than the %" PRIu64
				              "-byte limit",
				              (uint64_t)r->cfg->limits.max_frame);
				return;
			}
			if (k == 0) {
				report_decide(&r->rep, RUN_SANDBOX_ERROR, "out of memory buffering a guest frame");
				return;
			}
			on_frame(r, p, n);
			if (r->rep.decided)
				return;
			continue;
		}
		ssize_t got = read(r->child.sock, frame_reader_tail(&r->fr), room);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			if (errno != EAGAIN)
				r->sock_eof = true;
			break;
		}
		if (got == 0) {
			r->sock_eof = true;
			break;
		}
		frame_reader_commit(&r->fr, (size_t)got);
		const uint8_t *p;
		size_t n;
		int k;
		while ((k = frame_reader_next(&r->fr, &p, &n)) == 1) {
			on_frame(r, p, n);
			if (r->rep.decided)
				return;
		}
		if (k < 0) {
			report_decide(&r->rep, RUN_PROTOCOL_ERROR,
			              "guest protocol violation: a frame larger than the %" PRIu64 "-byte limit",
			              (uint64_t)r->cfg->limits.max_frame);
			return;
		}
	}
}

static void read_guest_stderr(struct run *r)
{
	char buf[4096];
	for (;;) {
		ssize_t n = read(r->child.err_fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0 || errno != EAGAIN) {
				close(r->child.err_fd);
				r->child.err_fd = -1;
			}
			return;
		}
		/* Keep the last RUN_ERRTAIL_BYTES: the end says why it died. */
		if ((size_t)n >= sizeof(r->errtail)) {
			memcpy(r->errtail, buf + n - sizeof(r->errtail), sizeof(r->errtail));
			r->errtail_len = sizeof(r->errtail);
		} else {
			size_t keep = sizeof(r->errtail) - (size_t)n;
			if (r->errtail_len > keep) {
				memmove(r->errtail, r->errtail + (r->errtail_len - keep), keep);
				r->errtail_len = keep;
			}
			memcpy(r->errtail + r->errtail_len, buf, (size_t)n);
			r->errtail_len += (size_t)n;
		}
	}
}

/* ---- host lines ------------------------------------------------------- */

static void on_host_line(struct run *r, const char *line, size_t len)
{
	if (len == 0)
		return;
	struct host_msg m;
	char err[256];
	if (host_parse(line, len, &m, err, sizeof(err)) < 0) {
		report_decide(&r->rep, RUN_PROTOCOL_ERROR, "host protocol violation: %s", err);
		return;
	}
	switch (m.type) {
	case HOST_START:
		if (r->have_start) {
			report_decide(&r->rep, RUN_PROTOCOL_ERROR, "host protocol violation: a second \"start\"");
			break;
		}
		if (!m.code && !r->cfg->code) {
			report_decide(&r->rep, RUN_PROTOCOL_ERROR,
			              "host protocol violation: \"start\" without \"code\" and no FILE given");
			break;
		}
		r->start = m;
		r->have_start = true;
		memset(&m, 0, sizeof(m));
		if (r->ready && !r->started)
			send_start(r);
		break;
	case HOST_TOOL_RESULT: {
		char *end;
		errno = 0;
		unsigned long long hid = strtoull(m.id, &end, 10);
		struct inflight *f = (errno || *end || end == m.id) ? NULL : inflight_by_host(r, hid);
		if (!f) {
			/* A late answer for a call we no longer track is harmless:
			 * say so on stderr, keep the run going. */
			fprintf(stderr, "codecell: ignoring tool_result for unknown id '%.64s'\n", m.id);
			break;
		}
		uint64_t gid = f->guest_id;
		inflight_release(r, f);
		cJSON *rep = cJSON_CreateObject();
		cJSON_AddStringToObject(rep, "t", msgtype_name(MSG_REPLY));
		cJSON_AddNumberToObject(rep, "id", (double)gid);
		cJSON_AddBoolToObject(rep, "ok", m.ok);
		if (m.ok) {
			cJSON_AddItemToObject(rep, "value", m.value ? cJSON_Duplicate(m.value, 1) : cJSON_CreateNull());
		} else {
			cJSON *e = cJSON_AddObjectToObject(rep, "error");
			cJSON *name =
			        cJSON_IsObject(m.error) ? cJSON_GetObjectItemCaseSensitive(m.error, "name") : NULL;
			cJSON *msg = cJSON_IsObject(m.error) ? cJSON_GetObjectItemCaseSensitive(m.error, "message")
			                                     : m.error;
			cJSON_AddStringToObject(e, "name", cJSON_IsString(name) ? name->valuestring : "Error");
			cJSON_AddStringToObject(e, "message",
			                        cJSON_IsString(msg) ? msg->valuestring : "tool call failed");
		}
		guest_reply(r, gid, rep, "tool result");
		break;
	}
	case HOST_CANCEL:
		report_decide(&r->rep, RUN_CANCELLED, "the host cancelled the run%s%s", m.reason ? ": " : "",
		              m.reason ? m.reason : "");
		break;
	case HOST_APPROVAL: on_host_approval(r, &m); break;
	default: break;
	}
	host_msg_free(&m);
}

static void read_host(struct run *r)
{
	int e = host_reader_fill(&r->hr, STDIN_FILENO);
	const char *line;
	size_t len;
	while (!r->rep.decided && host_reader_next(&r->hr, &line, &len) == 1)
		on_host_line(r, line, len);
	if (e == -EMSGSIZE)
		report_decide(&r->rep, RUN_PROTOCOL_ERROR, "host protocol violation: a line longer than %zu bytes",
		              r->hr.max_line);
	else if (e < 0)
		r->host_eof = true;
	if (r->hr.eof) {
		r->host_eof = true;
		report_decide(&r->rep, RUN_CANCELLED, "the host closed its input before the run finished");
	}
}

/* ---- limits ----------------------------------------------------------- */

/* CPU time of the sandbox so far, in ms: the cgroup's counter covers the
 * whole tree; /proc/<pid>/stat covers the guest, the only process there is
 * (seccomp forbids fork). Returns false if neither can be read. */
static bool sample_cpu(struct run *r, uint64_t *ms)
{
	struct cgroup_usage u;
	if (r->cgr && cgroup_run_usage(r->cgr, &u) == 0 && u.cpu_usec != UINT64_MAX) {
		*ms = u.cpu_usec / 1000;
		return true;
	}
	char path[64], buf[1024];
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)r->child.pid);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	/* comm may contain spaces and parentheses: fields start after the
	 * last ')'. utime and stime are fields 14 and 15. */
	char *p = strrchr(buf, ')');
	if (!p)
		return false;
	unsigned long long ut = 0, stt = 0;
	if (sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &ut, &stt) != 2)
		return false;
	long hz = sysconf(_SC_CLK_TCK);
	*ms = (ut + stt) * 1000 / (unsigned long long)(hz > 0 ? hz : 100);
	return true;
}

static void check_limits(struct run *r, uint64_t now)
{
	const struct limits *l = &r->cfg->limits;
	if (now >= r->deadline_ms) {
		report_decide(&r->rep, RUN_TIMEOUT,
		              "the program ran longer than the %" PRIu64
		              " ms wall-clock limit; make fewer or faster calls",
		              (uint64_t)l->wall_ms);
		return;
	}
	if (now >= r->next_cpu_ms) {
		r->next_cpu_ms = now + RUN_CPU_POLL_MS;
		uint64_t ms;
		if (sample_cpu(r, &ms) && ms >= l->cpu_ms)
			report_decide(&r->rep, RUN_CPU_LIMIT,
			              "the program used more than %" PRIu64
			              " ms of CPU time; look for an endless loop or do less work",
			              (uint64_t)l->cpu_ms);
	}
}

/* ---- setup and teardown ------------------------------------------------ */

static void audit_to_host(void *ctx, cJSON *msg)
{
	host_send(ctx, msg);
}

static int before_release(pid_t pid, void *arg)
{
	struct run *r = arg;
	char err[256];
	if (!r->cgr)
		return 0;
	/* With a v2 fd the sandbox itself places the child (CLONE_INTO_CGROUP,
	 * or cgroup.procs when the kernel refuses that); v1 is ours. */
	unsigned flags = cgroup_run_v2_fd(r->cgr) >= 0 ? CGROUP_ATTACH_V2_DONE : 0;
	if (cgroup_run_attach(r->cgr, pid, flags, err, sizeof(err)) < 0) {
		fprintf(stderr, "codecell: %s\n", err);
		return -1;
	}
	trace_mark("clone3, id maps, cgroup attach"); /* perf: timing hook */
	return 0;
}

static int setup(struct run *r)
{
	const struct run_config *c = r->cfg;
	char err[512];
	r->caps = policy_caps_new(c->policy);
	r->approval_cache = policy_approval_cache_new(c->policy);
	if (!r->caps || !r->approval_cache) {
		report_decide(&r->rep, RUN_SANDBOX_ERROR, "out of memory");
		return -ENOMEM;
	}
	r->audit = audit_open(c->policy, STDOUT_FILENO, err, sizeof(err));
	if (!r->audit) {
		report_decide(&r->rep, RUN_SANDBOX_ERROR, "audit log: %s", err);
		return -EIO;
	}
	if (c->host_mode)
		audit_set_host_writer(r->audit, audit_to_host, r);
	trace_mark("policy state, audit"); /* perf: timing hook */
	int e = cgroup_host_probe(c->cgroup_parent, c->limits.cgroup, &r->cgh, err, sizeof(err));
	if (e < 0) {
		report_decide(&r->rep, RUN_SANDBOX_ERROR, "cgroups: %s", err);
		return e;
	}
	trace_mark("cgroup probe"); /* perf: timing hook */
	cgroup_cleanup_stale(r->cgh);
	trace_mark("cgroup stale cleanup"); /* perf: timing hook */
	struct cgroup_limits cl;
	cgroup_limits_from(&cl, &c->limits);
	e = cgroup_run_create(r->cgh, &cl, &r->cgr, err, sizeof(err));
	if (e < 0) {
		report_decide(&r->rep, RUN_SANDBOX_ERROR, "cgroups: %s", err);
		return e;
	}
	trace_mark("cgroup run create"); /* perf: timing hook */
	if (!(c->disable & SANDBOX_NO_SECCOMP)) {
		e = seccomp_build(&r->bpf, &r->bpf_len, err, sizeof(err));
		if (e < 0) {
			report_decide(&r->rep, RUN_SANDBOX_ERROR, "seccomp: %s", err);
			return e;
		}
	}
	trace_mark("seccomp build"); /* perf: timing hook */
	int gfd = open(c->guest_path, O_PATH | O_CLOEXEC);
	if (gfd < 0) {
		e = -errno;
		report_decide(&r->rep, RUN_SANDBOX_ERROR, "cannot open the guest binary %s: %s", c->guest_path,
		              strerror(errno));
		return e;
	}
	/* argv for the guest: limits it enforces itself, then test extras. */
	char heap[48], frame[48];
	snprintf(heap, sizeof(heap), "--heap-max=%" PRIu64, (uint64_t)c->limits.heap_bytes);
	snprintf(frame, sizeof(frame), "--max-frame=%" PRIu64, (uint64_t)c->limits.max_frame);
	char *argv[16];
	int argc = 0;
	argv[argc++] = "codecell-guest";
	argv[argc++] = heap;
	argv[argc++] = frame;
	if (c->disable & SANDBOX_NO_SECCOMP)
		argv[argc++] = "--no-seccomp";
	if (trace_on()) /* perf: timing hook: the guest adds its own phases */
		argv[argc++] = "--trace";
	for (int i = 0; c->guest_args && c->guest_args[i] && argc < 15; i++)
		argv[argc++] = c->guest_args[i];
	argv[argc] = NULL;

	struct sandbox_config sc;
	sandbox_config_init(&sc);
	sc.guest_fd = gfd;
	sc.guest_argv = argv;
	sc.bpf = r->bpf;
	sc.bpf_len = r->bpf_len;
	sc.cgroup_v2_fd = cgroup_run_v2_fd(r->cgr);
	sc.before_release = before_release;
	sc.before_release_arg = r;
	sc.stack_bytes = c->limits.stack_bytes;
	/* RLIMIT_CPU is the kernel's backstop behind our own sampling: a
	 * little later than the policy's limit, so the sampled status wins. */
	sc.cpu_seconds = c->limits.cpu_ms / 1000 + 2;
	sc.disable = c->disable;
	e = sandbox_spawn(&sc, &r->child, err, sizeof(err));
	close(gfd);
	if (e < 0) {
		report_decide(&r->rep, RUN_SANDBOX_ERROR, "sandbox: %s", err);
		return e;
	}
	r->spawned = true;
	trace_mark("child setup, execveat"); /* perf: timing hook */
	return 0;
}

/* Decides why a guest that exited without a result did so. */
static void explain_death(struct run *r, int wstatus)
{
	struct cgroup_usage u = {.oom_kills = 0};
	bool have_u = r->cgr && cgroup_run_usage(r->cgr, &u) == 0;
	/* The tail is guest bytes: it may hold NULs (the message then ends at
	 * the first one), so trim by the C string's own length. */
	char tail[RUN_ERRTAIL_BYTES + 1];
	memcpy(tail, r->errtail, r->errtail_len);
	tail[r->errtail_len] = '\0';
	size_t tlen = strlen(tail);
	while (tlen > 0 && tail[tlen - 1] == '\n')
		tail[--tlen] = '\0';
	if (have_u && u.oom_kills != UINT64_MAX && u.oom_kills > 0) {
		report_decide(&r->rep, RUN_MEMORY_LIMIT,
		              "the program exceeded the %" PRIu64
		              "-byte memory limit and was killed; process data in smaller pieces",
		              (uint64_t)r->cfg->limits.memory_bytes);
		return;
	}
	if (WIFSIGNALED(wstatus)) {
		int sig = WTERMSIG(wstatus);
		if (sig == SIGSYS) {
			/* The kernel does not tell the parent which call it was
			 * (a reaped or zombie task's /proc/<pid>/syscall reads -1);
			 * the audit log has it for operators who enable auditing. */
			report_decide(&r->rep, RUN_SANDBOX_ERROR,
			              "the guest was killed by the seccomp filter for a forbidden system call%s%s",
			              tail[0] ? ": " : "", tail);
		} else if (sig == SIGXCPU) {
			report_decide(&r->rep, RUN_CPU_LIMIT, "the program used more than %" PRIu64 " ms of CPU time",
			              (uint64_t)r->cfg->limits.cpu_ms);
		} else {
			report_decide(&r->rep, RUN_SANDBOX_ERROR, "the guest died from signal %d (%s)%s%s", sig,
			              strsignal(sig), tail[0] ? ": " : "", tail);
		}
		return;
	}
	int code = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
	report_decide(&r->rep, RUN_SANDBOX_ERROR, "the guest exited with status %d before reporting a result%s%s", code,
	              tail[0] ? ": " : "", tail);
}

static void teardown(struct run *r)
{
	if (r->spawned && !r->reaped) {
		/* Kill first, then reap: the pid namespace dies with its init,
		 * and the cgroup kill covers anything else in the tree. */
		if (r->cgr)
			cgroup_run_kill(r->cgr);
		syscall(SYS_pidfd_send_signal, r->child.pidfd, SIGKILL, NULL, 0);
		int st;
		struct rusage ru;
		while (wait4(r->child.pid, &st, __WALL, &ru) < 0 && errno == EINTR)
			;
		r->reaped = true;
		if (!r->rep.cpu_known) {
			r->rep.cpu_ms = (uint64_t)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000 +
			                (uint64_t)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000;
			r->rep.cpu_known = true;
		}
		if (!r->rep.memory_known && ru.ru_maxrss > 0) {
			r->rep.memory_peak_bytes = (uint64_t)ru.ru_maxrss * 1024;
			r->rep.memory_known = true;
		}
		trace_mark("guest killed, reaped"); /* perf: timing hook */
	}
	if (r->cgr) {
		struct cgroup_usage u;
		if (cgroup_run_usage(r->cgr, &u) == 0) {
			if (u.cpu_usec != UINT64_MAX) {
				r->rep.cpu_ms = u.cpu_usec / 1000;
				r->rep.cpu_known = true;
			}
			if (u.memory_peak_bytes != UINT64_MAX) {
				r->rep.memory_peak_bytes = u.memory_peak_bytes;
				r->rep.memory_known = true;
			}
		}
	}
	cgroup_run_destroy(r->cgr);
	r->cgr = NULL;
	cgroup_host_free(r->cgh);
	r->cgh = NULL;
	trace_mark("cgroup usage, destroy"); /* perf: timing hook */
	if (r->spawned && trace_on() && r->child.err_fd >= 0) {
		/* perf: timing hook: the guest's own phases, written to its
		 * stderr before its result; the guest is reaped, so this reads
		 * to EOF without waiting. */
		read_guest_stderr(r);
		trace_guest_text(r->errtail, r->errtail_len);
	}
	if (r->spawned)
		sandbox_child_close(&r->child);
	free(r->bpf);
	r->bpf = NULL;
	for (size_t i = 0; i < RUN_MAX_APPROVALS; i++) {
		cJSON_Delete(r->approvals[i].request);
		r->approvals[i].request = NULL;
	}
	broker_destroy(r->broker);
	r->broker = NULL;
	policy_caps_free(r->caps);
	r->caps = NULL;
	policy_approval_cache_free(r->approval_cache);
	r->approval_cache = NULL;
}

/* ---- the loop --------------------------------------------------------- */

enum { PFD_SOCK, PFD_ERR, PFD_PID, PFD_STDIN, PFD_STDOUT, PFD__COUNT };
/* Sockets of fetches in flight polled at once (fetch's own concurrency
 * limit is lower; curl may use two per transfer while connecting). */
#define RUN_MAX_FETCH_FDS 32

static void loop(struct run *r)
{
	const struct run_config *c = r->cfg;
	bool exited = false;
	int wstatus = 0;
	while (!r->rep.decided) {
		struct pollfd p[PFD__COUNT + RUN_MAX_FETCH_FDS];
		for (int i = 0; i < PFD__COUNT; i++)
			p[i] = (struct pollfd){.fd = -1};
		if (!r->sock_eof)
			p[PFD_SOCK] = (struct pollfd){.fd = r->child.sock, .events = POLLIN};
		if (outq_pending(&r->to_guest) && !r->sock_eof) {
			p[PFD_SOCK].fd = r->child.sock;
			p[PFD_SOCK].events |= POLLOUT;
		}
		if (r->child.err_fd >= 0)
			p[PFD_ERR] = (struct pollfd){.fd = r->child.err_fd, .events = POLLIN};
		if (!exited)
			p[PFD_PID] = (struct pollfd){.fd = r->child.pidfd, .events = POLLIN};
		if (c->host_mode && !r->host_eof)
			p[PFD_STDIN] = (struct pollfd){.fd = STDIN_FILENO, .events = POLLIN};
		if (c->host_mode && outq_pending(&r->to_host))
			p[PFD_STDOUT] = (struct pollfd){.fd = STDOUT_FILENO, .events = POLLOUT};

		uint64_t now = now_ms();
		check_limits(r, now);
		expire_approvals(r, now);
		if (r->rep.decided)
			break;
		uint64_t wake = r->deadline_ms < r->next_cpu_ms ? r->deadline_ms : r->next_cpu_ms;
		for (size_t i = 0; i < RUN_MAX_APPROVALS; i++)
			if (r->approvals[i].used && r->approvals[i].deadline_ms < wake)
				wake = r->approvals[i].deadline_ms;
		int timeout = wake > now ? (int)(wake - now) : 0;
		int nfetch = broker_fds(r->broker, p + PFD__COUNT, RUN_MAX_FETCH_FDS, &timeout);
		int n = poll(p, PFD__COUNT + (nfetch > 0 ? nfetch : 0), timeout);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			report_decide(&r->rep, RUN_SANDBOX_ERROR, "poll: %s", strerror(errno));
			break;
		}
		if (p[PFD_STDOUT].revents & (POLLOUT | POLLERR | POLLHUP)) {
			if (outq_flush(&r->to_host, STDOUT_FILENO) < 0) {
				/* The host stopped reading: nobody will see a result. */
				report_decide(&r->rep, RUN_CANCELLED,
				              "the host stopped reading the supervisor's output");
				break;
			}
		}
		if (p[PFD_SOCK].revents & POLLOUT) {
			if (outq_flush(&r->to_guest, r->child.sock) < 0)
				r->sock_eof = true;
		}
		if (p[PFD_SOCK].revents & (POLLIN | POLLHUP | POLLERR))
			read_guest(r);
		if (r->rep.decided)
			break;
		if (p[PFD_ERR].revents)
			read_guest_stderr(r);
		if (p[PFD_STDIN].revents)
			read_host(r);
		if (r->rep.decided)
			break;
		if (r->broker)
			collect_fetches(r);
		if (p[PFD_PID].revents & POLLIN) {
			siginfo_t si = {0};
			if (waitid(P_PIDFD, (id_t)r->child.pidfd, &si, WEXITED | WNOHANG | WNOWAIT) == 0 && si.si_pid) {
				exited = true;
				wstatus = si.si_code == CLD_EXITED ? W_EXITCODE(si.si_status, 0) : si.si_status;
			}
		}
		/* The guest is gone and everything it wrote has been read: if no
		 * result arrived, say why it died. */
		if (exited && r->sock_eof) {
			if (r->child.err_fd >= 0)
				read_guest_stderr(r);
			explain_death(r, wstatus);
		}
	}
}

static void finish_output(struct run *r)
{
	r->rep.wall_ms = now_ms() - r->t0_ms;
	struct audit_end end = {
	        .status = report_status_name(r->rep.status),
	        .wall_ms = r->rep.wall_ms,
	        .cpu_ms = r->rep.cpu_known ? r->rep.cpu_ms : 0,
	        .memory_peak_bytes = r->rep.memory_known ? r->rep.memory_peak_bytes : 0,
	        .tool_calls = r->rep.tool_calls,
	        .fs_ops = r->fs_ops,
	        .fetches = r->fetches,
	        .fs_bytes_read = r->fs_bytes_read,
	        .fs_bytes_written = r->fs_bytes_written,
	        .net_bytes_in = r->net_bytes_in,
	        .net_bytes_out = r->net_bytes_out,
	        .denials = r->denials,
	        .approvals = r->approvals_asked,
	        .output_bytes = r->rep.output_bytes,
	};
	audit_run_end(r->audit, &end);
	audit_close(r->audit);
	r->audit = NULL;
	if (r->cfg->host_mode) {
		host_send(r, report_to_json(&r->rep));
		/* Blocking drain of the last lines: the result must arrive. */
		int fl = fcntl(STDOUT_FILENO, F_GETFL);
		if (fl >= 0)
			fcntl(STDOUT_FILENO, F_SETFL, fl & ~O_NONBLOCK);
		outq_flush(&r->to_host, STDOUT_FILENO);
	} else if (r->cfg->json_report) {
		cJSON *j = report_to_json(&r->rep);
		char *t = j ? cJSON_PrintUnformatted(j) : NULL;
		cJSON_Delete(j);
		if (t) {
			printf("%s\n", t);
			fflush(stdout);
		}
		free(t);
	} else {
		report_print_plain(&r->rep, STDOUT_FILENO, STDERR_FILENO);
	}
	trace_mark("report written"); /* perf: timing hook */
	trace_print();
}

int run_main(const struct run_config *cfg)
{
	struct run r = {.cfg = cfg};
	trace_begin(); /* perf: timing hook */
	report_init(&r.rep);
	r.child = (struct sandbox_child){.pid = -1, .pidfd = -1, .sock = -1, .err_fd = -1};
	frame_reader_init(&r.fr, cfg->limits.max_frame);
	outq_init(&r.to_guest);
	outq_init(&r.to_host);
	host_reader_init(&r.hr, 2 * cfg->limits.max_frame + RUN_HOST_LINE_SLACK);
	r.inflight = calloc(cfg->limits.max_inflight ? cfg->limits.max_inflight : 1, sizeof(*r.inflight));
	r.t0_ms = now_ms();
	r.deadline_ms = r.t0_ms + cfg->limits.wall_ms;
	r.next_cpu_ms = r.t0_ms + RUN_CPU_POLL_MS;
	/* A host that vanishes must not kill us with SIGPIPE before we clean
	 * up the sandbox. */
	signal(SIGPIPE, SIG_IGN);
	if (cfg->host_mode) {
		set_nonblock(STDIN_FILENO);
		set_nonblock(STDOUT_FILENO);
	}
	if (!r.inflight)
		report_decide(&r.rep, RUN_SANDBOX_ERROR, "out of memory");
	else if (setup(&r) == 0)
		loop(&r);
	teardown(&r);
	finish_output(&r);
	int code = report_exit_code(r.rep.status);
	host_msg_free(&r.start);
	free(r.inflight);
	frame_reader_finish(&r.fr);
	outq_finish(&r.to_guest);
	outq_finish(&r.to_host);
	host_reader_finish(&r.hr);
	report_finish(&r.rep);
	return code;
}
