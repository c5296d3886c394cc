/* dispatch: each decoded message to its handler. See run_int.h.
 *
 * Decode once, decide once, execute only: a guest frame is decoded by
 * guestmsg.c into a typed request; the request is decided by policydecide.c
 * (policy_tool, policy_fs_decide, policy_net_decide), which returns allow,
 * ask or deny; deny is answered, ask holds the request with its decision
 * until the host answers, and allow (or an approved ask) hands the decision
 * to the executor (fsops_exec, fetcher_start), which acts only on what the
 * decision names. Nothing here matches a path or a URL itself. */
#include "run_int.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "msgtype.h"
#include "trace.h" /* perf: opt-in timing hooks */

/* ---- output to the guest --------------------------------------------- */

/* Whether a reply counts against limits.output (docs/PROTOCOL.md, Output):
 * replies to fs and fetch requests carry bytes the supervisor produced for
 * the program (file contents, response bodies and headers, errors), so
 * they count; tool replies carry the host's own bytes, which the host
 * sized itself, and do not. */
enum reply_count { REPLY_UNCOUNTED, REPLY_COUNTED };

/* Prints msg (consumed) and queues it as one frame. A counted message
 * whose bytes take the run past limits.output is not queued: the run ends
 * with output_limit (returns -EDQUOT). */
static int guest_send(struct run *r, cJSON *msg, size_t *bytes, enum reply_count counted)
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
	if (counted == REPLY_COUNTED) {
		r->rep.output_bytes += n;
		if (r->rep.output_bytes > r->cfg->limits.output_bytes) {
			free(s);
			report_decide(&r->rep, RUN_OUTPUT_LIMIT,
			              "the run's output passed its %" PRIu64
			              "-byte limit: logs, the result and the file and network data sent to the program "
			              "all count; read and fetch less, or less often",
			              (uint64_t)r->cfg->limits.output_bytes);
			return -EDQUOT;
		}
	}
	if (r->sock_wr_dead) {
		free(s); /* the guest reads no more (run.c guest_write_failed) */
		return 0;
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

int dispatch_guest_send(struct run *r, cJSON *msg, size_t *bytes)
{
	return guest_send(r, msg, bytes, REPLY_UNCOUNTED);
}

static cJSON *reply_new(uint64_t id, bool ok)
{
	cJSON *m = cJSON_CreateObject();
	cJSON_AddStringToObject(m, "t", msgtype_name(MSG_REPLY));
	cJSON_AddNumberToObject(m, "id", (double)id);
	cJSON_AddBoolToObject(m, "ok", ok);
	return m;
}

/* The one error reply: a request error as the program sees it. Policy
 * denials (a PermissionDenied naming its rule) are counted here, so every
 * path that refuses counts the same way. */
static void reply_error(struct run *r, enum reply_count counted, uint64_t id, const struct req_error *e)
{
	cJSON *m = reply_new(id, false);
	cJSON *err = cJSON_AddObjectToObject(m, "error");
	cJSON_AddStringToObject(err, "name", e->name[0] ? e->name : "Error");
	cJSON_AddStringToObject(err, "message", e->message);
	if (e->code[0])
		cJSON_AddStringToObject(err, "code", e->code);
	if (req_error_is_denial(e) && e->rule[0])
		r->denials++;
	int rc = guest_send(r, m, NULL, counted);
	if (rc < 0 && rc != -EDQUOT)
		report_decide(&r->rep, RUN_SANDBOX_ERROR, "out of memory while replying to the guest");
}

/* A successful reply (value consumed; NULL = null). One too large for the
 * guest becomes a RangeError the program can handle, naming `what`. */
static void reply_value(struct run *r, enum reply_count counted, uint64_t id, cJSON *value, const char *what)
{
	cJSON *m = reply_new(id, true);
	cJSON_AddItemToObject(m, "value", value ? value : cJSON_CreateNull());
	size_t n = 0;
	int e = guest_send(r, m, &n, counted);
	if (e == -EMSGSIZE) {
		struct req_error re;
		req_error_set(&re, "RangeError", NULL, NULL,
		              "the %s is %zu bytes, more than the %" PRIu64 "-byte frame limit", what, n,
		              (uint64_t)r->cfg->limits.max_frame);
		reply_error(r, counted, id, &re);
	} else if (e < 0 && e != -EDQUOT) {
		report_decide(&r->rep, RUN_SANDBOX_ERROR, "out of memory while replying to the guest");
	}
}

void dispatch_host_send(struct run *r, cJSON *msg)
{
	char *s = msg ? cJSON_PrintUnformatted(msg) : NULL;
	cJSON_Delete(msg);
	if (!s || outq_push(&r->to_host, s, strlen(s)) < 0 || outq_push(&r->to_host, "\n", 1) < 0)
		report_decide(&r->rep, RUN_SANDBOX_ERROR, "out of memory while writing to the host");
	free(s);
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

static void held_free(struct held *h)
{
	if (h)
		guestmsg_free(&h->msg);
	free(h);
}

/* ---- executors -------------------------------------------------------- */

void dispatch_audited(struct run *r, int rc)
{
	/* Fail closed: a run whose decisions cannot be recorded stops. */
	if (rc < 0)
		report_decide(&r->rep, RUN_SANDBOX_ERROR,
		              "audit log: an event could not be written (%s); the run stops rather than go unrecorded",
		              strerror(-rc));
}

/* Each redirect hop is a decision of its own: audited once, and a denied
 * hop counts as a denial like any other. */
static void audit_hop(void *ctx, const char *what, enum policy_verdict v, const char *rule)
{
	struct run *r = ctx;
	dispatch_audited(r, audit_decision(r->audit, "network", what, v, rule, NULL));
}

int dispatch_executors_create(struct run *r, const char *workspace, char *err, size_t errlen)
{
	const struct policy *p = r->cfg->policy;
	const struct policy_fs *pf = policy_fs(p);
	if (pf->n_mounts > 0) {
		uint64_t rl = fsops_read_limit(r->cfg->limits.max_frame);
		uint64_t max_read = pf->max_file_bytes && pf->max_file_bytes < rl ? pf->max_file_bytes : rl;
		if (!(r->fs = fsops_create(pf, workspace, max_read, NULL, err, errlen)))
			return -EIO;
	}
	if (policy_net(p)->n_rules > 0) {
		struct fetch_config fc = {
		        .policy = p, .max_frame = r->cfg->limits.max_frame, .on_hop = audit_hop, .hop_ctx = r};
		if (!(r->net = fetcher_create(&fc, err, errlen)))
			return -EIO;
	}
	return 0;
}

/* Payload bytes of a {data|body, encoding|bodyEncoding} reply, for the
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

static void exec_fs(struct run *r, struct held *h)
{
	const struct guest_msg *m = &h->msg;
	cJSON *value = NULL;
	struct req_error e;
	int rc = fsops_exec(r->fs, &m->fs, &h->from, m->fs.op == GUEST_FS_RENAME ? &h->to : NULL, &value, &e);
	if (rc < 0) {
		reply_error(r, REPLY_COUNTED, m->id, &e);
	} else {
		if (m->fs.op == GUEST_FS_READ_FILE)
			r->fs_bytes_read += payload_bytes(value, "data", "encoding");
		else
			r->fs_bytes_written += m->fs.data_len;
		reply_value(r, REPLY_COUNTED, m->id, value, "reply");
	}
	held_free(h);
}

static void exec_fetch(struct run *r, struct held *h, const char *approved_key)
{
	struct guest_msg *m = &h->msg;
	struct inflight *f = inflight_claim(r, m->id);
	if (!f) {
		held_free(h);
		return;
	}
	struct req_error e;
	uint64_t out = m->fetch.body_len;
	if (fetcher_start(r->net, m->id, &m->fetch, &h->net, approved_key, &e) < 0) {
		inflight_release(r, f);
		reply_error(r, REPLY_COUNTED, m->id, &e);
	} else {
		r->net_bytes_out += out;
	}
	held_free(h);
}

void dispatch_collect_fetches(struct run *r)
{
	if (!r->net)
		return;
	fetcher_perform(r->net);
	uint64_t id;
	cJSON *value;
	struct req_error e;
	while (!r->rep.decided && fetcher_next_done(r->net, &id, &value, &e) == 1) {
		struct inflight *f = inflight_by_guest(r, id);
		if (f)
			inflight_release(r, f);
		if (value) {
			r->net_bytes_in += payload_bytes(value, "body", "bodyEncoding");
			reply_value(r, REPLY_COUNTED, id, value, "reply");
		} else {
			reply_error(r, REPLY_COUNTED, id, &e);
		}
	}
}

/* ---- approvals -------------------------------------------------------- */

static void forward_tool(struct run *r, uint64_t guest_id, const char *ns, const char *name, const char *args_json);

/* Carries out a held request as decided (allow) or refuses it. */
static void approval_resolve(struct run *r, struct approval *a, bool allow, const char *source)
{
	dispatch_audited(r, audit_approval(r->audit, a->kind, a->key, allow, source));
	struct inflight *slot = inflight_by_guest(r, a->guest_id);
	if (slot)
		inflight_release(r, slot);
	struct held *h = a->held;
	a->held = NULL;
	a->used = false;
	if (!allow) {
		const char *why = strcmp(source, "host") == 0      ? "the host said no"
		                  : strcmp(source, "cache") == 0   ? "it was refused earlier in this run"
		                  : strcmp(source, "timeout") == 0 ? "no answer came in time"
		                                                   : "there is no host to ask";
		struct req_error e;
		req_error_set(&e, "PermissionDenied", "EACCES", "approval", "%s request '%s' needs an approval and %s",
		              policy_approval_kind_name(a->kind), a->key, why);
		reply_error(r, a->kind == POLICY_APPROVAL_TOOL ? REPLY_UNCOUNTED : REPLY_COUNTED, a->guest_id, &e);
		held_free(h);
		return;
	}
	switch (a->kind) {
	case POLICY_APPROVAL_TOOL:
		forward_tool(r, a->guest_id, h->msg.ns, h->msg.name, h->msg.args_json);
		held_free(h);
		break;
	case POLICY_APPROVAL_FS:
		/* Approved: the decision asked about is the one executed. */
		h->from.verdict = POLICY_ALLOW;
		h->to.verdict = POLICY_ALLOW;
		exec_fs(r, h);
		break;
	case POLICY_APPROVAL_NETWORK:
		h->net.verdict = POLICY_ALLOW;
		exec_fetch(r, h, a->key);
		break;
	}
}

/* Holds a request (h, owned) until the host says yes or no; detail (owned)
 * is what the host is shown. Answers from the cache and "no host" resolve
 * at once. */
static void ask_host(struct run *r, enum policy_approval_kind kind, const char *key, struct held *h, cJSON *detail)
{
	struct approval tmp = {.guest_id = h->msg.id, .kind = kind, .held = h};
	snprintf(tmp.key, sizeof(tmp.key), "%s", key);
	/* The held request occupies its id like any request in flight. */
	if (!inflight_claim(r, h->msg.id)) {
		cJSON_Delete(detail);
		held_free(h);
		return;
	}
	bool allow;
	if (policy_approval_cache_lookup(r->approval_cache, kind, key, &allow) == 1) {
		cJSON_Delete(detail);
		approval_resolve(r, &tmp, allow, "cache");
		return;
	}
	if (!run_has_host(r)) {
		cJSON_Delete(detail);
		approval_resolve(r, &tmp, false, "no_host");
		return;
	}
	if (!r->approvals && !(r->approvals = calloc(RUN_MAX_APPROVALS, sizeof *r->approvals))) {
		cJSON_Delete(detail);
		held_free(h);
		report_decide(&r->rep, RUN_SANDBOX_ERROR, "out of memory");
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
		held_free(h);
		report_decide(&r->rep, RUN_PROTOCOL_ERROR, "the program had more than %d approvals pending at once",
		              RUN_MAX_APPROVALS);
		return;
	}
	*a = tmp;
	a->used = true;
	a->id = ++r->next_approval_id;
	a->deadline_ms = run_now_ms() + policy_approvals(r->cfg->policy)->timeout_ms;
	r->approvals_asked++;
	cJSON *o = host_msg_new(HOSTMSG_APPROVAL_REQUEST);
	char idbuf[40];
	snprintf(idbuf, sizeof(idbuf), "a%" PRIu64, a->id);
	cJSON_AddStringToObject(o, "id", idbuf);
	cJSON_AddStringToObject(o, "kind", policy_approval_kind_name(kind));
	cJSON_AddItemToObject(o, "detail", detail);
	dispatch_host_send(r, o);
}

static void on_host_approval(struct run *r, const struct host_msg *m)
{
	char *end;
	unsigned long long id = (m->id[0] == 'a') ? strtoull(m->id + 1, &end, 10) : 0;
	for (size_t i = 0; id && r->approvals && i < RUN_MAX_APPROVALS; i++) {
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

void dispatch_expire_approvals(struct run *r, uint64_t now)
{
	for (size_t i = 0; r->approvals && i < RUN_MAX_APPROVALS; i++)
		if (r->approvals[i].used && now >= r->approvals[i].deadline_ms)
			approval_resolve(r, &r->approvals[i], false, "timeout");
}

/* ---- tools ------------------------------------------------------------ */

/* Sends an accepted tool call to the host (or fails it when no host will
 * answer: plain mode, or a start that said "no_host"). */
static void forward_tool(struct run *r, uint64_t guest_id, const char *ns, const char *name, const char *args_json)
{
	struct inflight *f = inflight_claim(r, guest_id);
	if (!f)
		return;
	if (!run_has_host(r)) {
		struct req_error e;
		req_error_set(&e, "Error", NULL, NULL, "no host attached: cannot call %s.%s", ns, name);
		reply_error(r, REPLY_UNCOUNTED, guest_id, &e);
		inflight_release(r, f);
		return;
	}
	cJSON *o = host_msg_new(HOSTMSG_TOOL_CALL);
	char idbuf[32];
	snprintf(idbuf, sizeof(idbuf), "%" PRIu64, f->host_id);
	cJSON_AddStringToObject(o, "id", idbuf);
	cJSON_AddStringToObject(o, "ns", ns);
	cJSON_AddStringToObject(o, "name", name);
	/* The arguments' exact text: cJSON would re-print their numbers. */
	cJSON_AddItemToObject(o, "args", cJSON_CreateRaw(args_json));
	dispatch_host_send(r, o);
}

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
	struct req_error e;
	/* Only what the host offered for this run exists, whatever the policy
	 * allows: a raw request for an unoffered name never reaches the host. */
	char offer[400];
	if (!run_tool_offered(r, m->ns, m->name, offer, sizeof offer)) {
		const char *why = "not offered by the host";
		dispatch_audited(r, audit_decision(r->audit, "tool", what, POLICY_DENY, why, NULL));
		req_error_set(&e, "PermissionDenied", NULL, why,
		              "Tool \"%s\" not found: not offered by the host for this run; the host offers: %s", what,
		              offer);
		reply_error(r, REPLY_UNCOUNTED, m->id, &e);
		return;
	}
	/* Then the policy decides (the built-in default allows "*"). */
	const char *rule = NULL;
	enum policy_verdict v = policy_tool(r->cfg->policy, m->ns, m->name, &rule);
	/* The cap's own rule names a refusal; an allowed call keeps the rule
	 * that allowed it (the audit names the deciding rule). */
	const char *cap_rule = NULL;
	if (v != POLICY_DENY && r->caps && policy_caps_take(r->caps, m->ns, m->name, &cap_rule) == -EDQUOT) {
		dispatch_audited(r, audit_decision(r->audit, "tool", what, POLICY_DENY, cap_rule, NULL));
		req_error_set(&e, "PermissionDenied", NULL, cap_rule, "the call cap for %s is used up (%s)", what,
		              cap_rule);
		reply_error(r, REPLY_UNCOUNTED, m->id, &e);
		return;
	}
	dispatch_audited(r, audit_decision(r->audit, "tool", what, v, rule, NULL));
	if (v == POLICY_DENY) {
		req_error_set(&e, "PermissionDenied", NULL, rule, "tool %s is not allowed by policy", what);
		reply_error(r, REPLY_UNCOUNTED, m->id, &e);
		return;
	}
	if (v == POLICY_ASK) {
		struct held *h = calloc(1, sizeof(*h));
		cJSON *d = cJSON_CreateObject();
		if (!h || !d) {
			free(h);
			cJSON_Delete(d);
			report_decide(&r->rep, RUN_SANDBOX_ERROR, "out of memory");
			return;
		}
		cJSON_AddStringToObject(d, "ns", m->ns);
		cJSON_AddStringToObject(d, "name", m->name);
		cJSON_AddItemToObject(d, "args", cJSON_CreateRaw(m->args_json));
		guestmsg_move(&h->msg, m);
		ask_host(r, POLICY_APPROVAL_TOOL, what, h, d);
		return;
	}
	forward_tool(r, m->id, m->ns, m->name, m->args_json);
}

/* ---- filesystem and network -------------------------------------------- */

/* Takes a decoded fs or fetch request over for deciding and executing:
 * one the decoder found malformed gets its error reply (counted output)
 * and NULL; out of memory ends the run. */
static struct held *hold(struct run *r, struct guest_msg *m)
{
	if (m->bad.name[0]) {
		reply_error(r, REPLY_COUNTED, m->id, &m->bad);
		return NULL;
	}
	struct held *h = calloc(1, sizeof(*h));
	if (!h) {
		report_decide(&r->rep, RUN_SANDBOX_ERROR, "out of memory");
		return NULL;
	}
	guestmsg_move(&h->msg, m);
	return h;
}

static void on_fs(struct run *r, struct guest_msg *m)
{
	r->fs_ops++;
	if (inflight_by_guest(r, m->id)) {
		report_decide(&r->rep, RUN_PROTOCOL_ERROR,
		              "the guest reused request id %" PRIu64 " while it was still in flight", m->id);
		return;
	}
	struct held *h = hold(r, m);
	if (!h)
		return;
	const struct guest_fs_req *q = &h->msg.fs;
	const struct policy *p = r->cfg->policy;
	bool write = guestmsg_fs_op_writes(q->op);
	enum policy_verdict v = policy_fs_decide(p, q->path, write, &h->from);
	const struct policy_fs_decision *deciding = &h->from;
	if (q->op == GUEST_FS_RENAME && v != POLICY_DENY) {
		enum policy_verdict v2 = policy_fs_decide(p, q->new_path, true, &h->to);
		if (v2 == POLICY_DENY) {
			v = v2;
			deciding = &h->to;
		} else if (h->to.mount != h->from.mount) {
			/* Two mounts are two devices: nothing to decide or ask. */
			struct req_error e;
			req_error_set(&e, "Error", "EXDEV", NULL,
			              "EXDEV: cross-device link not permitted, rename '%s' -> '%s'", h->from.vpath,
			              h->to.vpath);
			reply_error(r, REPLY_COUNTED, h->msg.id, &e);
			held_free(h);
			return;
		}
	}
	char what[700];
	snprintf(what, sizeof(what), "%s %.600s", guestmsg_fs_op_name(q->op),
	         deciding->vpath[0] ? deciding->vpath : q->path);
	dispatch_audited(r, audit_decision(r->audit, "fs", what, v, deciding->rule, NULL));
	if (v == POLICY_DENY) {
		reply_error(r, REPLY_COUNTED, h->msg.id, &deciding->deny);
		held_free(h);
		return;
	}
	if (v == POLICY_ASK) {
		char key[600];
		policy_fs_approval_key(&h->from, key, sizeof(key));
		cJSON *d = cJSON_CreateObject();
		cJSON_AddStringToObject(d, "op", guestmsg_fs_op_name(q->op));
		cJSON_AddStringToObject(d, "path", h->from.vpath);
		if (q->op == GUEST_FS_RENAME)
			cJSON_AddStringToObject(d, "newPath", h->to.vpath);
		cJSON_AddStringToObject(d, "mount", h->from.mount->path);
		ask_host(r, POLICY_APPROVAL_FS, key, h, d);
		return;
	}
	exec_fs(r, h);
}

static void on_fetch(struct run *r, struct guest_msg *m)
{
	r->fetches++;
	struct held *h = hold(r, m);
	if (!h)
		return;
	struct guest_fetch_req *q = &h->msg.fetch;
	enum policy_verdict v = policy_net_decide(r->cfg->policy, &q->url, q->method, "fetch", &h->net);
	char what[700];
	/* The audit names the URL without its query string (docs/POLICY.md):
	 * "?api_key=..." stays out of the log. The canonical form is used, so
	 * a userinfo or fragment the program wrote never reaches it either. */
	size_t plen;
	const char *path = url_path_only(&q->url, &plen);
	snprintf(what, sizeof(what), "%s %s://%s:%u%.*s", q->method, q->url.scheme, q->url.host, (unsigned)q->url.port,
	         (int)(plen > 500 ? 500 : plen), path);
	dispatch_audited(r, audit_decision(r->audit, "network", what, v, h->net.rule, NULL));
	if (v == POLICY_DENY) {
		reply_error(r, REPLY_COUNTED, h->msg.id, &h->net.deny);
		held_free(h);
		return;
	}
	if (v == POLICY_ASK) {
		char key[600];
		policy_net_approval_key(&q->url, q->method, key, sizeof(key));
		cJSON *d = cJSON_CreateObject();
		cJSON_AddStringToObject(d, "method", q->method);
		cJSON_AddStringToObject(d, "url", q->url_text);
		cJSON_AddStringToObject(d, "rule", h->net.rule ? h->net.rule : "");
		ask_host(r, POLICY_APPROVAL_NETWORK, key, h, d);
		return;
	}
	exec_fetch(r, h, NULL);
}

/* ---- log and result ------------------------------------------------------ */

static void on_log(struct run *r, struct guest_msg *m)
{
	r->rep.output_bytes += m->text_len;
	if (r->rep.output_bytes > r->cfg->limits.output_bytes) {
		report_decide(&r->rep, RUN_OUTPUT_LIMIT,
		              "the program wrote more than %" PRIu64
		              " bytes of output (logs, result, file and network data read); log less",
		              (uint64_t)r->cfg->limits.output_bytes);
		return;
	}
	if (r->cfg->host_mode) {
		cJSON *o = host_msg_new(HOSTMSG_LOG);
		cJSON_AddStringToObject(o, "level", m->level);
		cJSON_AddStringToObject(o, "message", m->text);
		cJSON_AddNumberToObject(o, "time_ms", (double)(run_now_ms() - r->t0_ms));
		dispatch_host_send(r, o);
	} else {
		/* Plain mode: logs go to stderr as they happen; the result alone
		 * goes to stdout, so `codecell run x.js > out.json` works. */
		report_print_log(STDERR_FILENO, m->level, m->text, m->text_len);
	}
}

static void on_result(struct run *r, struct guest_msg *m)
{
	trace_mark("result received"); /* perf: timing hook */
	/* Every byte of the result counts, its error and unhandled rejections
	 * too: they reach the host like the value does. */
	r->rep.output_bytes += m->value_json ? strlen(m->value_json) : 0;
	if (!m->ok)
		r->rep.output_bytes += strlen(m->err_name) + strlen(m->err_message) + strlen(m->err_stack);
	r->rep.output_bytes += m->unhandled_json ? strlen(m->unhandled_json) : 0;
	if (r->rep.output_bytes > r->cfg->limits.output_bytes) {
		report_decide(&r->rep, RUN_OUTPUT_LIMIT,
		              "the program's output (logs, result, file and network data read) exceeds %" PRIu64
		              " bytes; return less data",
		              (uint64_t)r->cfg->limits.output_bytes);
		return;
	}
	/* The array's exact text, checked by guestmsg.c's decoder: no
	 * second parse of guest bytes here (report.c prints a raw item). */
	if (m->unhandled_json && strcmp(m->unhandled_json, "[]") != 0)
		r->rep.unhandled = cJSON_CreateRaw(m->unhandled_json);
	if (m->ok) {
		/* The result's exact text: cJSON would re-print its numbers. */
		if (report_decide(&r->rep, RUN_OK, "ok") && m->value_json)
			r->rep.value = cJSON_CreateRaw(m->value_json);
		return;
	}
	if (m->memory_limit) {
		report_decide(&r->rep, RUN_MEMORY_LIMIT,
		              "the program ran out of its %" PRIu64 "-byte heap (%s); process data in smaller pieces",
		              (uint64_t)r->cfg->limits.heap_bytes, m->err_message);
		return;
	}
	if (report_decide(&r->rep, RUN_ERROR, "%s", m->err_message)) {
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "name", m->err_name);
		cJSON_AddStringToObject(e, "message", m->err_message);
		cJSON_AddStringToObject(e, "stack", m->err_stack);
		r->rep.error = e;
	}
}

void dispatch_frame(struct run *r, const uint8_t *p, size_t n)
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
			run_ready(r);
		}
	} else if (!r->ready || !r->started) {
		/* The start may be queued before "ready" (run_start_when_due);
		 * the guest still says "ready" before anything else. */
		report_decide(&r->rep, RUN_PROTOCOL_ERROR, "guest protocol violation: \"%s\" before \"%s\"",
		              msgtype_name(m.type), r->ready ? "start" : "ready");
	} else {
		switch (m.type) {
		case MSG_LOG: on_log(r, &m); break;
		case MSG_TOOL: on_tool(r, &m); break;
		case MSG_FS: on_fs(r, &m); break;
		case MSG_FETCH: on_fetch(r, &m); break;
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
	run_start_when_due(r);
}

/* ---- host lines ------------------------------------------------------- */

static void on_tool_result(struct run *r, struct host_msg *m)
{
	char *end;
	errno = 0;
	unsigned long long hid = strtoull(m->id, &end, 10);
	struct inflight *f = (errno || *end || end == m->id) ? NULL : inflight_by_host(r, hid);
	if (!f) {
		/* A late answer for a call we no longer track is harmless: say
		 * so on stderr, keep the run going. */
		fprintf(stderr, "codecell: ignoring tool_result for unknown id '%.64s'\n", m->id);
		return;
	}
	uint64_t gid = f->guest_id;
	inflight_release(r, f);
	if (m->ok) {
		/* The host's exact text: a 16-digit id stays that id. */
		reply_value(r, REPLY_UNCOUNTED, gid, m->value_json ? cJSON_CreateRaw(m->value_json) : NULL,
		            "tool result");
		return;
	}
	cJSON *name = cJSON_IsObject(m->error) ? cJSON_GetObjectItemCaseSensitive(m->error, "name") : NULL;
	cJSON *msg = cJSON_IsObject(m->error) ? cJSON_GetObjectItemCaseSensitive(m->error, "message") : m->error;
	struct req_error e;
	req_error_set(&e, cJSON_IsString(name) ? name->valuestring : "Error", NULL, NULL, "%s",
	              cJSON_IsString(msg) ? msg->valuestring : "tool call failed");
	/* No rule: a tool's own failure is not a denial, whatever its name. */
	reply_error(r, REPLY_UNCOUNTED, gid, &e);
}

void dispatch_host_line(struct run *r, const char *line, size_t len)
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
	case HOSTMSG_START:
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
		run_start_when_due(r);
		break;
	case HOSTMSG_TOOL_RESULT:
		/* Nothing can be answered before a program runs: a host that
		 * does so is confused, and its answers would be dropped unseen. */
		if (!r->have_start)
			report_decide(&r->rep, RUN_PROTOCOL_ERROR,
			              "host protocol violation: a tool_result before \"start\"");
		else
			on_tool_result(r, &m);
		break;
	case HOSTMSG_CANCEL:
		report_decide(&r->rep, RUN_CANCELLED, "the host cancelled the run%s%s", m.reason ? ": " : "",
		              m.reason ? m.reason : "");
		break;
	case HOSTMSG_APPROVAL: on_host_approval(r, &m); break;
	default: break;
	}
	host_msg_free(&m);
}

void dispatch_finish(struct run *r)
{
	for (size_t i = 0; r->approvals && i < RUN_MAX_APPROVALS; i++)
		held_free(r->approvals[i].held);
	free(r->approvals);
	r->approvals = NULL;
	fsops_destroy(r->fs);
	r->fs = NULL;
	fetcher_destroy(r->net);
	r->net = NULL;
}
