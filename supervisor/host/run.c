/* run: see run.h.
 *
 * Shape of a run: probe cgroups and create the run's group, build the seccomp
 * program, spawn the sandbox (the guest loads the filter, then says "ready"),
 * send "start", then serve frames until the guest's result, a limit, a
 * protocol violation or a cancellation decides the status. Whatever decides,
 * the supervisor kills the whole sandbox itself; it never relies on the guest
 * to stop. */
#include "run_int.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "audit.h"
#include "cgroup.h"
#include "template.h"
#include "frame.h"
#include "fsops.h"
#include "guestmsg.h"
#include "host.h"
#include "jsonraw.h"
#include "outq.h"
#include "policy.h"
#include "procstatus.h"
#include "report.h"
#include "sandbox.h"
#include "seccomp.h"
#include "util.h"
#include "trace.h" /* perf: opt-in timing hooks, TRACE lines below (CODECELL_TRACE=1) */

/* How often CPU time is sampled while the guest runs: short enough that a
 * spinning program overshoots its CPU budget by little, long enough that the
 * sampling itself costs nothing measurable. */
#define RUN_CPU_POLL_MS 20
/* Host lines carry tool results, which become guest frames. A result over
 * the frame limit must still be readable so that it can become an error the
 * program sees, so the line limit is twice the frame limit plus 1 MiB;
 * beyond that the host is broken, not merely generous. */
#define RUN_HOST_LINE_SLACK (1u << 20)

uint64_t run_now_ms(void)
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

static bool sample_cpu(struct run *r, uint64_t *ms);

/* ---- output to the host ---------------------------------------------- */

/* ---- output to the guest --------------------------------------------- */

/* ---- requests in flight ---------------------------------------------- */

/* ---- the start message ------------------------------------------------ */

static void program_too_large(struct run *r, size_t bytes)
{
	report_decide(&r->rep, RUN_ERROR, "the program is %zu bytes, more than the %" PRIu64 "-byte frame limit", bytes,
	              (uint64_t)r->cfg->limits.max_frame);
	r->rep.error = cJSON_CreateObject();
	cJSON_AddStringToObject(r->rep.error, "name", "RangeError");
	cJSON_AddStringToObject(r->rep.error, "message", r->rep.message);
}

/* The namespaces offered for this run: the host's start message, else the
 * command line's (plain mode), else codemode with any name. */
static const cJSON *offered_namespaces(const struct run *r)
{
	if (r->have_start && r->start.namespaces)
		return r->start.namespaces;
	return r->cfg->namespaces;
}

bool run_tool_offered(const struct run *r, const char *ns, const char *name, char *list, size_t cap)
{
	const cJSON *all = offered_namespaces(r);
	const cJSON *tools = all ? cJSON_GetObjectItemCaseSensitive(all, ns) : NULL;
	if (!all && strcmp(ns, "codemode") == 0)
		return true;
	if (tools && cJSON_IsNull(tools))
		return true; /* the host answers any name in this namespace */
	const cJSON *t;
	cJSON_ArrayForEach(t, tools)
	{
		if (cJSON_IsString(t) && strcmp(t->valuestring, name) == 0)
			return true;
	}
	/* What exists, for the message a model repairs its call from. */
	size_t n = 0;
	list[0] = '\0';
	const cJSON *space;
	cJSON_ArrayForEach(space, all)
	{
		if (cJSON_IsNull(space)) {
			n += (size_t)snprintf(list + n, n < cap ? cap - n : 0, "%s%s.*", n ? ", " : "", space->string);
			continue;
		}
		cJSON_ArrayForEach(t, space)
		{
			if (cJSON_IsString(t) && n < cap)
				n += (size_t)snprintf(list + n, cap - n, "%s%s.%s", n ? ", " : "", space->string,
				                      t->valuestring);
		}
	}
	if (!list[0])
		snprintf(list, cap, "(no tools)");
	else if (n >= cap && cap > 4)
		memcpy(list + cap - 4, "...", 4);
	return false;
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
	/* The operator's Intl defaults (policy "intl"); the guest checks them
	 * with ICU on first use. */
	const char *loc = policy_intl_locale(c->policy), *tz = policy_intl_time_zone(c->policy);
	if (loc || tz) {
		cJSON *intl = cJSON_AddObjectToObject(m, "intl");
		if (loc)
			cJSON_AddStringToObject(intl, "locale", loc);
		if (tz)
			cJSON_AddStringToObject(intl, "timeZone", tz);
	}
	/* Requests past this many wait in the guest (guest/prelude/core.js),
	 * so fan-out never trips the in-flight protocol limit. */
	cJSON_AddNumberToObject(m, "maxInflight", (double)c->limits.max_inflight);
	const char *workspace = r->have_start && r->start.workspace ? r->start.workspace : c->workspace;
	char err[512];
	if (dispatch_executors_create(r, workspace, err, sizeof(err)) < 0) {
		cJSON_Delete(m);
		report_decide(&r->rep, RUN_SANDBOX_ERROR, "filesystem/network setup: %s", err);
		return;
	}
	size_t sent = 0;
	int e = dispatch_guest_send(r, m, &sent);
	if (e == -EMSGSIZE) {
		program_too_large(r, sent);
		return;
	}
	if (e < 0) {
		report_decide(&r->rep, RUN_SANDBOX_ERROR, "out of memory while sending the program");
		return;
	}
	r->started = true;
	if (c->clock_from_start) {
		/* The limits count from here: the time and CPU a pooled sandbox
		 * spent spawning and waiting were not the program's. */
		r->t0_ms = run_now_ms();
		r->deadline_ms = r->t0_ms + c->limits.wall_ms;
		r->next_cpu_ms = r->t0_ms + RUN_CPU_POLL_MS;
		/* The CPU baseline was taken at "ready" (run_ready): off the
		 * request's path, and the same figure, since a ready guest is
		 * blocked reading its start until now. */
	}
	trace_mark("start queued"); /* perf: timing hook */
	dispatch_audited(r, audit_run_start(r->audit, c->policy, code, code_len, filename ? filename : "main.js"));
}

/* ---- enforcement report ----------------------------------------------- */

/* Which degraded entries each --require name forbids (a prefix match). */
static const struct {
	const char *name;
	unsigned bit;
	const char *degraded_prefix[3];
} requirable[] = {
        {"cgroup", RUN_REQUIRE_CGROUP, {"no-cgroup", "cgroup-", NULL}},
        {"userns-limit", RUN_REQUIRE_USERNS_LIMIT, {"nested-userns-limit", NULL}},
        {"hostname", RUN_REQUIRE_HOSTNAME, {"hostname-not-set", NULL}},
};

int run_parse_require(const char *list, unsigned *out)
{
	*out = 0;
	while (list && *list) {
		size_t len = strcspn(list, ",");
		bool found = len == 3 && strncmp(list, "all", 3) == 0;
		if (found)
			*out |= RUN_REQUIRE_ALL;
		for (size_t i = 0; !found && i < sizeof requirable / sizeof requirable[0]; i++)
			if (strlen(requirable[i].name) == len && strncmp(list, requirable[i].name, len) == 0) {
				*out |= requirable[i].bit;
				found = true;
			}
		if (!found)
			return -EINVAL;
		list += len + (list[len] == ',');
	}
	return *out ? 0 : -EINVAL;
}

/* The first degraded entry that a required wall forbids, or NULL. */
static const char *required_but_degraded(unsigned require, const cJSON *degraded)
{
	const cJSON *d;
	cJSON_ArrayForEach(d, degraded)
	{
		for (size_t i = 0; i < sizeof requirable / sizeof requirable[0]; i++) {
			if (!(require & requirable[i].bit) || !cJSON_IsString(d))
				continue;
			for (const char *const *p = requirable[i].degraded_prefix; *p; p++)
				if (strncmp(d->valuestring, *p, strlen(*p)) == 0)
					return d->valuestring;
		}
	}
	return NULL;
}

/* The walls this sandbox lacks, as the report's "degraded" array: all of
 * them known once the sandbox is spawned. NULL when out of memory. */
static cJSON *degraded_walls(const struct run *r)
{
	cJSON *deg = cJSON_CreateArray();
	if (!deg)
		return NULL;
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
	/* The nested-userns limit is a second wall behind seccomp; a kernel
	 * (6.1) or a container (read-only /proc/sys) that refuses it is said. */
	if (!r->child.enforced.userns_limit && !(r->cfg->disable & SANDBOX_NO_USERNS_LIMIT))
		cJSON_AddItemToArray(deg, cJSON_CreateString("nested-userns-limit-unavailable"));
	if (!r->child.enforced.hostname)
		cJSON_AddItemToArray(deg, cJSON_CreateString("hostname-not-set"));
	if (r->cfg->disable)
		cJSON_AddItemToArray(deg, cJSON_CreateString("test-layers-disabled"));
	return deg;
}

/* A sandbox spawned for this request may be handed its program before it
 * says "ready": the socket holds the frame meanwhile, and the guest reads
 * no byte of its protocol socket before its filter is loaded (guest/main.c,
 * docs/GUEST.md), so what it could do with the bytes is what it could do
 * after "ready". Saved: a round trip of two wake-ups on the request's path
 * (the guest blocked for the start the supervisor sends only once woken by
 * "ready"). A pooled sandbox (clock_from_start) waits for "ready": it is
 * ready before its request anyway, and its CPU baseline is taken then, with
 * no program running. */
void run_start_when_due(struct run *r)
{
	if (r->started || r->rep.decided || !(r->have_start || (!r->cfg->host_mode && r->cfg->code)))
		return;
	if (r->ready || (r->spawned && !r->cfg->clock_from_start))
		send_start(r);
}

static bool sample_cpu(struct run *r, uint64_t *ms);

void run_ready(struct run *r)
{
	/* clock_from_start: the program's CPU is counted from this baseline
	 * (send_start); a pooled guest uses none between now and then. */
	uint64_t ms;
	if (r->cfg->clock_from_start) {
		r->cpu_base_ms = sample_cpu(r, &ms) ? ms : 0;
		/* The peak file opened now and held (cgroup.c): the report,
		 * between the program's result and the host, then reads it with
		 * one pread instead of an open as well. */
		struct cgroup_usage u;
		if (r->cgr)
			(void)cgroup_run_usage_of(r->cgr, CGROUP_USAGE_MEMORY_PEAK, &u);
	}

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
	if (r->degraded)
		cJSON_AddItemToObject(e, "degraded", r->degraded);
	r->degraded = NULL;
	cJSON_Delete(r->rep.enforced);
	r->rep.enforced = e;
	/* The walls --require names were checked at the spawn (setup). */
	/* Out of memory, the line is lost and the server takes this sandbox
	 * for one still spawning: only its pick order changes. */
	if (r->cfg->announce_armed)
		(void)outq_push(&r->to_host, RUN_ARMED_LINE, sizeof RUN_ARMED_LINE - 1);
}

/* ---- guest frames ----------------------------------------------------- */

/* Whether the run must stop taking guest requests for now: a queue that the
 * guest or the host is not draining has reached its byte cap. The guest's
 * frames then wait in its socket (and its writes block), so a program that
 * never reads its replies cannot grow the supervisor's memory; the limit
 * clock still ends the run on time. */
static bool backpressure(const struct run *r)
{
	return r->to_guest.len >= r->queue_cap || r->to_host.len >= r->queue_cap;
}

/* Serves buffered guest frames, then reads more, until the socket would
 * block, a queue is over its cap, or this turn's budget is spent; then the
 * loop runs again, with its limit checks, before any more work. */
static void read_guest(struct run *r)
{
	size_t served = 0;
	bool drained = false;
	r->guest_pending = false;
	for (;;) {
		if (backpressure(r) || served >= RUN_FRAMES_PER_TURN) {
			r->guest_pending = true;
			return;
		}
		const uint8_t *p;
		size_t n;
		int k = frame_reader_next(&r->fr, &p, &n);
		if (k < 0) {
			report_decide(&r->rep, RUN_PROTOCOL_ERROR,
			              "guest protocol violation: a frame larger than the %" PRIu64 "-byte limit",
			              (uint64_t)r->cfg->limits.max_frame);
			return;
		}
		if (k == 1) {
			dispatch_frame(r, p, n);
			served++;
			if (r->rep.decided)
				return;
			continue;
		}
		if (drained)
			return;
		size_t room = frame_reader_room(&r->fr);
		if (room == 0) {
			report_decide(&r->rep, RUN_SANDBOX_ERROR, "out of memory buffering a guest frame");
			return;
		}
		if (r->sock_eof)
			return;
		ssize_t got = read(r->child.sock, frame_reader_tail(&r->fr), room);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			if (errno != EAGAIN)
				r->sock_eof = true;
			return;
		}
		if (got == 0) {
			r->sock_eof = true;
			return;
		}
		frame_reader_commit(&r->fr, (size_t)got);
		/* perf: a short read took everything there was; serve what it
		 * completed, then let poll say when more arrives instead of a
		 * read that would only return EAGAIN (one system call per frame
		 * on the tool-call path). */
		if ((size_t)got < room)
			drained = true;
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

static void read_host(struct run *r)
{
	int e = host_reader_fill(&r->hr, STDIN_FILENO);
	const char *line;
	size_t len;
	while (!r->rep.decided && host_reader_next(&r->hr, &line, &len) == 1)
		dispatch_host_line(r, line, len);
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
	/* CPU only: this runs when the guest is ready and at every limit check,
	 * one pread of a held file each (cgroup.c). */
	if (r->cgr && cgroup_run_usage_of(r->cgr, CGROUP_USAGE_CPU, &u) == 0 && u.cpu_usec != UINT64_MAX) {
		*ms = u.cpu_usec / 1000;
		return true;
	}
	return procstatus_cpu_ms(r->child.pid, ms) == 0;
}

static void check_limits(struct run *r, uint64_t now)
{
	const struct limits *l = &r->cfg->limits;
	if (r->cfg->clock_from_start && !r->started) {
		/* No program yet: a pooled sandbox's wait is the server's. Once
		 * the host's start has come, a sandbox that never gets ready must
		 * still end: the wall clock runs from the start's arrival until
		 * send_start restarts it from the handing over. */
		if (!r->have_start)
			return;
		if (r->deadline_ms == UINT64_MAX)
			r->deadline_ms = now + l->wall_ms;
	}
	if (now >= r->deadline_ms) {
		/* Before "start" no program ran: say whose wait it was. */
		if (!r->started && r->cfg->host_mode && !r->have_start)
			report_decide(&r->rep, RUN_TIMEOUT,
			              "timed out: the host sent no \"start\" message within the %" PRIu64
			              " ms wall-clock limit",
			              (uint64_t)l->wall_ms);
		else
			report_decide(&r->rep, RUN_TIMEOUT,
			              "the program timed out: it ran longer than the %" PRIu64
			              " ms wall-clock limit; make fewer or faster calls",
			              (uint64_t)l->wall_ms);
		return;
	}
	if (now >= r->next_cpu_ms) {
		r->next_cpu_ms = now + RUN_CPU_POLL_MS;
		uint64_t ms;
		if (sample_cpu(r, &ms) && ms - (ms >= r->cpu_base_ms ? r->cpu_base_ms : ms) >= l->cpu_ms)
			report_decide(&r->rep, RUN_CPU_LIMIT,
			              "the program timed out on CPU: it used more than %" PRIu64
			              " ms of CPU time; look for an endless loop or do less work",
			              (uint64_t)l->cpu_ms);
	}
}

/* ---- setup and teardown ------------------------------------------------ */

static void audit_to_host(void *ctx, cJSON *msg)
{
	dispatch_host_send(ctx, msg);
}

static int before_release(pid_t pid, void *arg)
{
	struct run *r = arg;
	char err[256];
	if (!r->cgr)
		return 0;
	/* With a v2 fd the sandbox itself places the child (CLONE_INTO_CGROUP,
	 * or cgroup.procs when the kernel refuses that); v1 is ours. Both
	 * spawners clone the guest with CLONE_NEWPID, unconditionally
	 * (sandbox.c, guest/template.c): it is pid 1 of its own namespace, and
	 * any other task in the run's groups was forked from it (only we write
	 * their cgroup.procs), so is inside that namespace. */
	unsigned flags = CGROUP_ATTACH_PIDNS_INIT;
	if (cgroup_run_v2_fd(r->cgr) >= 0)
		flags |= CGROUP_ATTACH_V2_DONE;
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
	int e = 0;
	if (c->cgroup_host && c->limits.cgroup == CGROUP_REQ_AUTO)
		r->cgh = c->cgroup_host;
	else
		e = cgroup_host_probe(c->cgroup_parent, c->limits.cgroup, &r->cgh, err, sizeof(err));
	if (e < 0) {
		report_decide(&r->rep, RUN_SANDBOX_ERROR, "cgroups: %s", err);
		return e;
	}
	trace_mark("cgroup probe"); /* perf: timing hook */
	/* Before the run's own group exists: with none there, a hierarchy
	 * costs one stat (cgroup.c). The scratch directories follow the spawn. */
	if (!c->no_stale_cleanup)
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
	/* A template guest was handed the filter when it started and loads
	 * it into each child itself (template.h): nothing to build here. */
	if (!(c->disable & SANDBOX_NO_SECCOMP) && c->template_chan < 0) {
		e = seccomp_build(&r->bpf, &r->bpf_len, err, sizeof(err));
		if (e < 0) {
			report_decide(&r->rep, RUN_SANDBOX_ERROR, "seccomp: %s", err);
			return e;
		}
	}
	trace_mark("seccomp build"); /* perf: timing hook */
	/* A template's child is forked, not exec'd: no binary to open. */
	int gfd = c->template_chan >= 0 ? -1 : open(c->guest_path, O_PATH | O_CLOEXEC);
	if (gfd < 0 && c->template_chan < 0) {
		e = -errno;
		report_decide(&r->rep, RUN_SANDBOX_ERROR, "cannot open the guest binary %s: %s", c->guest_path,
		              strerror(errno));
		return e;
	}
	/* The heap image beside the guest binary, if there is one (a build
	 * for another machine has none): the guest checks it is its own. A
	 * template's child has its heap from the template. Non-blocking: a
	 * FIFO in its place must not hang the run (the guest then finds no
	 * image in it and runs the prelude). */
	int ifd = -1;
	if (c->template_chan < 0 && !c->no_image) {
		char ipath[PATH_MAX];
		if (snprintf(ipath, sizeof ipath, "%s.image", c->guest_path) < (int)sizeof ipath)
			ifd = open(ipath, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
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
	_Static_assert(SANDBOX_FD_IMAGE == 5, "the guest's --image-fd below");
	if (ifd >= 0)
		argv[argc++] = "--image-fd=5";
	for (int i = 0; c->guest_args && c->guest_args[i] && argc < 15; i++)
		argv[argc++] = c->guest_args[i];
	argv[argc] = NULL;

	struct sandbox_config sc;
	sandbox_config_init(&sc);
	sc.guest_fd = gfd;
	sc.image_fd = ifd;
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
	if (c->template_chan >= 0)
		e = sandbox_template_spawn(c->template_chan, &sc, &r->child, err, sizeof(err));
	else
		e = sandbox_spawn(&sc, &r->child, err, sizeof(err));
	if (gfd >= 0)
		close(gfd);
	if (ifd >= 0)
		close(ifd);
	if (e < 0) {
		report_decide(&r->rep, RUN_SANDBOX_ERROR, "sandbox: %s", err);
		return e;
	}
	r->spawned = true;
	trace_mark("child setup, execveat"); /* perf: timing hook */
	/* Fail closed before any program byte is queued when a wall the
	 * operator required is missing: every wall --require names is known
	 * once the sandbox is spawned. */
	r->degraded = degraded_walls(r);
	const char *missing = r->degraded ? required_but_degraded(c->require, r->degraded) : NULL;
	if (!r->degraded)
		report_decide(&r->rep, RUN_SANDBOX_ERROR, "out of memory");
	else if (missing)
		report_decide(&r->rep, RUN_SANDBOX_ERROR,
		              "a required sandbox wall is missing here (%s); the program was not run "
		              "(docs/DEPLOY.md says what each environment lacks)",
		              missing);
	/* A one-shot run hands its program over now (run_start_when_due),
	 * and cleans up while the guest starts on the other CPU: scratch
	 * directories of supervisors that died without cleaning up (SIGKILL,
	 * a crash) hold a program's files. Reading TMPDIR's entries is off
	 * the request's path here. */
	run_start_when_due(r);
	if (!c->no_stale_cleanup)
		fsops_cleanup_stale(NULL);
	trace_mark("scratch stale cleanup"); /* perf: timing hook */
	return 0;
}

/* Decides why a guest that exited without a result did so. */
static void explain_death(struct run *r, int wstatus)
{
	struct cgroup_usage u = {.oom_kills = 0};
	bool have_u = r->cgr && cgroup_run_usage_of(r->cgr, CGROUP_USAGE_OOM, &u) == 0;
	/* The tail is guest bytes: it may hold NULs (the message then ends at
	 * the first one), so trim by the C string's own length. */
	char tail[RUN_ERRTAIL_BYTES + 1];
	memcpy(tail, r->errtail, r->errtail_len);
	tail[r->errtail_len] = '\0';
	size_t tlen = strlen(tail);
	/* It goes into the host's NDJSON stream: valid UTF-8 only. */
	util_utf8_scrub(tail, tlen);
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
			report_decide(&r->rep, RUN_CPU_LIMIT,
			              "the program timed out on CPU: it used more than %" PRIu64 " ms of CPU time",
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

/* reported: the result has been written already (kill_before_report), so
 * the report's figures are read by no one any more. */
static void teardown(struct run *r, bool reported)
{
	if (r->spawned && !r->reaped) {
		/* Kill first, then reap: the pid namespace dies with its init,
		 * and the cgroup kill covers anything else in the tree. */
		if (r->cgr)
			cgroup_run_kill(r->cgr);
		struct rusage ru;
		/* Reaped only when the wait succeeded (a template can fail to
		 * report): then the guest's namespace is gone and the cgroup
		 * teardown need not kill again. */
		if (sandbox_child_kill_wait(&r->child, NULL, &ru) == 0 && r->cgr)
			cgroup_run_reaped(r->cgr);
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
	/* The final figures, read after the reap, when nothing can add to
	 * them. With the result written already (kill_before_report took them
	 * then) there is no one left to give them to: skip the reads. */
	if (r->cgr && !reported) {
		struct cgroup_usage u;
		if (cgroup_run_usage_of(r->cgr, CGROUP_USAGE_CPU | CGROUP_USAGE_MEMORY_PEAK, &u) == 0) {
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
	if (r->cgh != r->cfg->cgroup_host)
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
	dispatch_finish(r);
	policy_caps_free(r->caps);
	r->caps = NULL;
	policy_approval_cache_free(r->approval_cache);
	r->approval_cache = NULL;
}

/* codecell serve only: kills the sandbox and takes its final usage from
 * the cgroup, so the result can be written before the reap and the
 * cgroup's removal (together ~10 ms: the kernel tearing down the pid
 * namespace's init and the namespaces), which then follow while the
 * client already has its result. The server counts the run's slot until
 * this process exits, so nothing runs ahead of the teardown. Without a
 * cgroup the usage comes from wait4, after the reap: the usual order.
 * Returns whether the sandbox was killed here. */
static bool kill_before_report(struct run *r)
{
	struct cgroup_usage u;
	if (!r->spawned || r->reaped || !r->cgr)
		return false;
	/* SIGKILL to the guest, pid 1 of the sandbox's pid namespace, ends
	 * every process in it (the kernel kills the namespace with its init,
	 * and seccomp forbids the guest to fork anyway). The cgroup-wide kill
	 * and the groups' removal follow in teardown, after the result, before
	 * this process exits; teardown reads no usage again (reported). */
	syscall(SYS_pidfd_send_signal, r->child.pidfd, SIGKILL, NULL, 0);
	if (cgroup_run_usage_of(r->cgr, CGROUP_USAGE_CPU | CGROUP_USAGE_MEMORY_PEAK, &u) < 0 ||
	    u.cpu_usec == UINT64_MAX || u.memory_peak_bytes == UINT64_MAX)
		return true; /* killed; the report takes what it has */
	r->rep.cpu_ms = u.cpu_usec / 1000;
	r->rep.cpu_known = true;
	r->rep.memory_peak_bytes = u.memory_peak_bytes;
	r->rep.memory_known = true;
	return true;
}

/* ---- the loop --------------------------------------------------------- */

enum { PFD_SOCK, PFD_ERR, PFD_PID, PFD_STDIN, PFD_STDOUT, PFD_SIG, PFD__COUNT };

/* A stop signal ends the run: timeout if its deadline had already passed
 * (the limit came first), else cancelled. Either way the loop ends, the
 * sandbox is torn down and the result is still written. */
static void read_signal(struct run *r, uint64_t now)
{
	struct signalfd_siginfo si;
	if (read(r->sigfd, &si, sizeof si) != (ssize_t)sizeof si)
		return;
	if (si.ssi_signo == SIGXCPU) {
		report_decide(
		        &r->rep, RUN_SANDBOX_ERROR,
		        "the supervisor used more than its %" PRIu64
		        " s CPU bound for this run (its own RLIMIT_CPU); the run was stopped (a supervisor bug or "
		        "an attack on it, not the program's CPU limit)",
		        r->self.cpu_seconds);
		return;
	}
	check_limits(r, now);
	const char *name = sigabbrev_np((int)si.ssi_signo);
	report_decide(&r->rep, RUN_CANCELLED,
	              "the run was stopped: the supervisor received SIG%s (the host, a service manager or a "
	              "container runtime is shutting down)",
	              name ? name : "?");
}

/* The guest no longer reads (it exited after its result, with replies to
 * calls it never awaited still queued; or it shut its end): drop what waits
 * for it and stop writing, but keep reading its socket to EOF. Taking this
 * for the end of the socket lost a result written just before the exit. */
static void guest_write_failed(struct run *r)
{
	r->sock_wr_dead = true;
	outq_finish(&r->to_guest);
	outq_init(&r->to_guest);
}

/* Writes what the loop turn queued for the host and the guest, as far as the
 * non-blocking fds take it; the rest waits for POLLOUT. */
static void flush_now(struct run *r)
{
	if (r->cfg->host_mode && outq_pending(&r->to_host) && outq_flush(&r->to_host, STDOUT_FILENO) < 0)
		report_decide(&r->rep, RUN_CANCELLED, "the host stopped reading the supervisor's output");
	if (outq_pending(&r->to_guest) && !r->sock_wr_dead && outq_flush(&r->to_guest, r->child.sock) < 0)
		guest_write_failed(r);
}

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
		bool held = backpressure(r);
		if (!r->sock_eof && !held)
			p[PFD_SOCK] = (struct pollfd){.fd = r->child.sock, .events = POLLIN};
		if (outq_pending(&r->to_guest) && !r->sock_eof && !r->sock_wr_dead) {
			p[PFD_SOCK].fd = r->child.sock;
			p[PFD_SOCK].events |= POLLOUT;
		}
		if (r->child.err_fd >= 0)
			p[PFD_ERR] = (struct pollfd){.fd = r->child.err_fd, .events = POLLIN};
		if (!exited)
			p[PFD_PID] = (struct pollfd){.fd = sandbox_child_exit_fd(&r->child), .events = POLLIN};
		/* Host lines become guest replies: they wait too while the
		 * guest's queue is full. */
		if (c->host_mode && !r->host_eof && r->to_guest.len < r->queue_cap)
			p[PFD_STDIN] = (struct pollfd){.fd = STDIN_FILENO, .events = POLLIN};
		if (c->host_mode && outq_pending(&r->to_host))
			p[PFD_STDOUT] = (struct pollfd){.fd = STDOUT_FILENO, .events = POLLOUT};
		p[PFD_SIG] = (struct pollfd){.fd = r->sigfd, .events = POLLIN};

		uint64_t now = run_now_ms();
		check_limits(r, now);
		dispatch_expire_approvals(r, now);
		if (r->rep.decided)
			break;
		uint64_t wake = r->deadline_ms < r->next_cpu_ms ? r->deadline_ms : r->next_cpu_ms;
		for (size_t i = 0; r->approvals && i < RUN_MAX_APPROVALS; i++)
			if (r->approvals[i].used && r->approvals[i].deadline_ms < wake)
				wake = r->approvals[i].deadline_ms;
		/* UINT64_MAX: no clock runs yet (clock_from_start, before "start"). */
		int timeout = wake == UINT64_MAX ? -1 : wake > now ? (int)(wake - now) : 0;
		/* Frames already buffered are served without waiting. */
		if (r->guest_pending && !held)
			timeout = 0;
		int nfetch = r->net ? fetcher_fds(r->net, p + PFD__COUNT, RUN_MAX_FETCH_FDS, &timeout) : 0;
		int n = poll(p, PFD__COUNT + (nfetch > 0 ? nfetch : 0), timeout);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			report_decide(&r->rep, RUN_SANDBOX_ERROR, "poll: %s", strerror(errno));
			break;
		}
		if (p[PFD_SIG].revents & POLLIN) {
			read_signal(r, run_now_ms());
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
				guest_write_failed(r);
		}
		if ((p[PFD_SOCK].revents & (POLLIN | POLLHUP | POLLERR)) || (r->guest_pending && !backpressure(r)))
			read_guest(r);
		if (r->rep.decided)
			break;
		if (p[PFD_ERR].revents)
			read_guest_stderr(r);
		if (p[PFD_STDIN].revents)
			read_host(r);
		if (r->rep.decided)
			break;
		dispatch_collect_fetches(r);
		/* perf: what this turn queued is written now, not after another
		 * poll reports POLLOUT: a tool call reaches the host, and its
		 * result the guest, one loop turn sooner. Both fds are
		 * non-blocking, so a full pipe leaves the rest queued for
		 * POLLOUT as before. */
		flush_now(r);
		if (p[PFD_PID].revents & (POLLIN | POLLHUP | POLLERR)) {
			if (sandbox_child_poll(&r->child, &wstatus) == 1)
				exited = true;
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

/* Writes what is left for the host, the result last, waiting at most
 * RUN_HOST_DRAIN_MS for a host that reads slowly; a host that stopped
 * reading, or a second stop signal, ends the wait. The sandbox is already
 * torn down, so nothing but this output is held. */
static void drain_to_host(struct run *r)
{
	uint64_t until = run_now_ms() + RUN_HOST_DRAIN_MS;
	while (outq_pending(&r->to_host)) {
		if (outq_flush(&r->to_host, STDOUT_FILENO) < 0 || !outq_pending(&r->to_host))
			return;
		uint64_t now = run_now_ms();
		if (now >= until) {
			fprintf(stderr, "codecell: the host did not read the result within %d ms; giving up\n",
			        RUN_HOST_DRAIN_MS);
			return;
		}
		struct pollfd p[2] = {{.fd = STDOUT_FILENO, .events = POLLOUT}, {.fd = r->sigfd, .events = POLLIN}};
		if (poll(p, 2, (int)(until - now)) < 0 && errno != EINTR)
			return;
		if (p[1].revents & POLLIN)
			return;
	}
}

static void finish_output(struct run *r)
{
	r->rep.wall_ms = run_now_ms() - r->t0_ms;
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
		dispatch_host_send(r, report_to_json(&r->rep));
		drain_to_host(r);
	} else if (r->cfg->json_report) {
		cJSON *j = report_to_json(&r->rep);
		char *t = j ? cJSON_PrintUnformatted(j) : NULL;
		cJSON_Delete(j);
		if (t && r->cfg->pretty) {
			char *p = jsonraw_pretty(t, strlen(t));
			free(t);
			t = p;
		}
		if (t) {
			printf("%s\n", t);
			fflush(stdout);
		}
		free(t);
	} else {
		report_print_plain(&r->rep, r->cfg->pretty, STDOUT_FILENO, STDERR_FILENO);
		report_print_degraded(&r->rep, STDERR_FILENO);
	}
	trace_mark("report written"); /* perf: timing hook */
	trace_print();
}

/* A supervisor that serves one run bounds itself (selflimit.h): after the
 * spawn, so the guest never inherits these bounds, and before the first
 * guest frame is read. SIGXCPU at the soft CPU limit joins the stop
 * signals read by the loop. */
static int limit_self(struct run *r, sigset_t *stop)
{
	if (!r->cfg->own_process)
		return 0;
	selflimit_bounds(&r->cfg->limits, &r->self);
	sigaddset(stop, SIGXCPU);
	sigprocmask(SIG_BLOCK, stop, NULL);
	if (r->sigfd >= 0)
		signalfd(r->sigfd, stop, SFD_NONBLOCK | SFD_CLOEXEC);
	int e = r->cfg->own_run_index > 0 ? selflimit_renew(&r->self) : selflimit_apply(&r->self, r->cfg->own_runs);
	if (e < 0) {
		report_decide(&r->rep, RUN_SANDBOX_ERROR, "cannot bound the supervisor's own resources: %s",
		              strerror(-e));
		return e;
	}
	r->self_limited = true;
	return 0;
}

/* The supervisor's own CPU and peak memory, for stats.supervisor. */
static void measure_self(struct run *r)
{
	struct selflimit_usage u;
	if (!r->cfg->own_process || selflimit_usage(&u) < 0)
		return;
	r->rep.self_known = true;
	r->rep.self_cpu_ms =
	        (u.cpu_us - (r->cfg->own_cpu_base_us < u.cpu_us ? r->cfg->own_cpu_base_us : u.cpu_us)) / 1000;
	r->rep.self_memory_peak_bytes = u.memory_peak_bytes;
	r->rep.self_limited = r->self_limited;
	r->rep.self_data_bytes = r->self.data_bytes;
	r->rep.self_cpu_seconds = r->self.cpu_seconds;
}

int run_main(const struct run_config *cfg)
{
	struct run r = {.cfg = cfg};
	trace_begin(); /* perf: timing hook */
	report_init(&r.rep);
	r.child = (struct sandbox_child){.pid = -1, .pidfd = -1, .sock = -1, .err_fd = -1, .status_fd = -1};
	frame_reader_init(&r.fr, cfg->limits.max_frame);
	outq_init(&r.to_guest);
	outq_init(&r.to_host);
	r.queue_cap = RUN_QUEUE_CAP(cfg->limits.max_frame);
	host_reader_init(&r.hr, 2 * cfg->limits.max_frame + RUN_HOST_LINE_SLACK);
	r.inflight = calloc(cfg->limits.max_inflight ? cfg->limits.max_inflight : 1, sizeof(*r.inflight));
	r.t0_ms = run_now_ms();
	r.deadline_ms = cfg->clock_from_start ? UINT64_MAX : r.t0_ms + cfg->limits.wall_ms;
	r.next_cpu_ms = cfg->clock_from_start ? UINT64_MAX : r.t0_ms + RUN_CPU_POLL_MS;
	/* A host that vanishes must not kill us with SIGPIPE before we clean
	 * up the sandbox. */
	signal(SIGPIPE, SIG_IGN);
	/* Stop signals are read in the loop (signalfd) instead of killing us
	 * with the sandbox, its cgroups and its scratch directory left behind
	 * and no result written. The sandbox's child unblocks them before it
	 * execs the guest (sandbox.c). */
	sigset_t stop;
	r.sigfd = util_stop_signalfd(&stop);
	if (cfg->host_mode) {
		set_nonblock(STDIN_FILENO);
		set_nonblock(STDOUT_FILENO);
	}
	if (!r.inflight)
		report_decide(&r.rep, RUN_SANDBOX_ERROR, "out of memory");
	else if (setup(&r) == 0 && limit_self(&r, &stop) == 0)
		loop(&r);
	if (cfg->clock_from_start && kill_before_report(&r)) {
		measure_self(&r);
		finish_output(&r);
		teardown(&r, true);
	} else {
		teardown(&r, false);
		measure_self(&r);
		finish_output(&r);
	}
	int code = report_exit_code(r.rep.status);
	host_msg_free(&r.start);
	cJSON_Delete(r.degraded); /* a guest that never said "ready" */
	free(r.inflight);
	frame_reader_finish(&r.fr);
	outq_finish(&r.to_guest);
	outq_finish(&r.to_host);
	host_reader_finish(&r.hr);
	report_finish(&r.rep);
	if (r.sigfd >= 0)
		close(r.sigfd);
	return code;
}
