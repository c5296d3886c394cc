/* serve: see serve.h.
 *
 * Shape: one loop over the listening socket, a signalfd, every client
 * connection and every per-run supervisor R's socketpair, waiting on them
 * through pollset.h (epoll: a wake costs what is ready, not every
 * descriptor; each is forgotten there before it is closed). A client line is
 * decoded once (envelope.c) and either answered here (stats, health,
 * metrics, errors, busy) or forwarded, without its server-level fields, to
 * its run's R; an R line is forwarded to its client with the run id added.
 * Nothing of one run is visible to another: each R is its own process with
 * its own sandbox, and a client can only name runs of its own connection. */
#include "serve.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <stdarg.h>
#include <stddef.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cgroup.h"
#include "envelope.h"
#include "fsops.h"
#include "host.h"
#include "jsonraw.h"
#include "listen.h"
#include "metricshttp.h"
#include "outq.h"
#include "policy.h"
#include "pollset.h"
#include "report.h"
#include "run.h"
#include "runproc.h"
#include "serveopts.h"
#include "stats.h"
#include "template.h"

/* Connections at once: each holds two buffers; a deployment has a few
 * clients (an agent platform, a gateway), not thousands. */
#define SERVE_MAX_CONNS 256
/* Bytes queued to one client before the server stops reading its runs'
 * supervisors: a client that never reads stalls only its own runs (their
 * supervisors then stop taking guest requests) and holds at most this
 * plus one line per run. 8 MiB is several largest frames. */
#define SERVE_CONN_OUT_CAP (8u << 20)
/* Bytes queued to one R before the server stops reading that client's
 * lines: the same bound in the other direction. */
#define SERVE_TO_RUN_CAP (4u << 20)
/* A client line carries at most a tool result, which becomes a guest
 * frame: as run.c, twice the largest frame limit of any loaded policy
 * plus 1 MiB of slack. */
#define SERVE_LINE_SLACK (1u << 20)
/* Lines taken from one connection per loop turn, so a client that writes
 * fast cannot starve the others. */
#define SERVE_LINES_PER_TURN 32
/* A pooled sandbox older than this is retired and re-made: the pool stays
 * fresh (a reloaded policy, a rotated guest binary) without any run
 * waiting for it. */
#define SERVE_POOL_MAX_AGE_MS (5u * 60u * 1000u)
/* After --drain-timeout, running supervisors get SIGTERM (they cancel and
 * report); those still alive this much later get SIGKILL. */
#define SERVE_KILL_GRACE_MS 5000u
/* How often the server looks again for what dead supervisors left: a
 * supervisor killed together with its server dies (and its sandbox
 * empties) only after the next server's start-up cleanup may have run;
 * its cgroup and scratch directory go at the next pass instead. */
#define SERVE_CLEANUP_MS 10000u
/* The longest wait between refills of a pool whose sandboxes keep
 * failing: starts still get fresh supervisors meanwhile (and their own
 * error), so this only bounds the log and the wasted forks. */
#define SERVE_POOL_BACKOFF_MAX_MS 60000u
/* A refill (a fork, a clone from the template, cgroups: several ms of CPU
 * over three processes) waits this long after a run was handed a pooled
 * sandbox, unless nothing runs or the pool is empty: made at once, it took
 * the CPUs the run it replaced was using, and delayed that run's result
 * (docs/PERFORMANCE.md, round 21). A trivial run is over
 * well within it; a long one gets its replacement after it. */
#define SERVE_REFILL_QUIET_MS 20u
/* How long the server flushes results to slow clients before it exits. */
#define SERVE_FLUSH_MS 2000u
/* kill_stuck: a run's supervisor has its wall limit, the result's drain
 * and this to write the result (its sandbox's spawn, when it was not
 * pooled, and the kill before the report fit in it many times), then
 * SERVE_TEARDOWN_MS to tear the sandbox down and write its trailer. */
#define SERVE_STUCK_SLACK_MS 10000u
#define SERVE_TEARDOWN_MS    60000u

enum srun_state { SR_POOLED, SR_QUEUED, SR_RUNNING };

struct conn {
	struct conn *next;
	int rfd, wfd; /* the same socket, or stdin and stdout */
	struct host_reader rd;
	struct outq out;
	bool eof;
	uint64_t serial;
	/* Its runs (srun.c is this connection), and how many of them hold
	 * SERVE_TO_RUN_CAP or more bytes for their R: kept exact at every
	 * change of either (run_set_conn, run_to_r_changed), so that the
	 * loop's per-connection checks do not walk every run. */
	size_t n_runs, n_full;
};

struct srun {
	struct srun *next;
	enum srun_state state;
	struct conn *c; /* the client; NULL for a pooled R, or when the client went away */
	/* A pooled R that served runs of one connection and waits for its
	 * next (supervisor reuse, SERVE_DEFAULT_REUSE): that connection, the
	 * only one it may serve. Compared, never dereferenced; cleared when
	 * the connection closes. */
	const struct conn *owner;
	bool bound; /* counted in server.bound, not server.pooled */
	/* Pooled, and R said RUN_ARMED_LINE for its current sandbox: its
	 * guest is ready, so a start handed to it does not wait for a spawn. */
	bool armed;
	char id[ENVELOPE_MAX_RUN_ID + 1];
	pid_t pid; /* 0 until forked */
	int fd;    /* S's end of the socketpair, -1 when closed */
	bool fd_eof, reaped, result_seen, shut, pool_broken;
	int wstatus;
	struct host_reader rd;
	struct outq to_r;
	bool counted_full; /* counted in c->n_full */
	/* queued: the start as it will be forwarded, and what it asked for */
	char *start;
	size_t start_len;
	/* By name, looked up when R is forked: a SIGHUP reload between the
	 * start and its slot frees the policy the start was checked against. */
	bool last; /* its start said "last": R is not re-armed for this connection */
	char policy_name[ENVELOPE_MAX_POLICY_NAME + 1];
	struct limits limits;
	unsigned generation;
	uint64_t t_req_us, t_spawn_ms;
	/* The watchdog (kill_stuck): by when R must have written its result
	 * (its start + its wall limit + the drain + slack) or, after the
	 * result, its trailer or its exit; 0 while pooled. */
	uint64_t t_due_ms;
	bool stuck; /* killed by the watchdog */
	uint64_t cpu_us, maxrss_kb;
	bool have_usage;
};

struct server {
	const struct serve_opts *o;
	struct policyset *ps;
	struct stats st;
	struct conn *conns;
	size_t n_conns;
	uint64_t next_serial, rr_serial;
	struct srun *runs;
	/* pooled: R's waiting for any start; bound: R's waiting for their
	 * own connection's next start (srun.owner) */
	size_t running, queued, pooled, bound;
	int lfd;
	bool own_path;
	int sigfd;
	struct pollset wait; /* the loop's: every fd it waits on is forgotten here before close */
	/* CODECELL_SERVE_CHECK_COUNTS=1 (the test suites): every turn, each
	 * connection's counts are checked against a walk of the runs. */
	bool check_counts;
	bool stdio_done;
	bool draining, termed, killed;
	uint64_t drain_deadline_ms, kill_deadline_ms;
	size_t max_line;
	uint64_t next_cleanup_ms;
	/* The background cleanup's process while it runs, else 0: reaped
	 * with the runs' supervisors (a zombie per SERVE_CLEANUP_MS would
	 * pile up for as long as the server lives), and never two at once. */
	pid_t clean_pid;
	/* The host's cgroup setup, probed (CGROUP_REQ_AUTO) at the start and
	 * again every SERVE_CLEANUP_MS, lent to every R through the fork so
	 * a run does not read mountinfo and probe controllers again; NULL
	 * when the probe failed (each R then probes, and reports, itself). */
	struct cgroup_host *cgh;
	/* A pool whose sandboxes fail at once (a missing guest binary, no
	 * user namespaces) must not fork and fail in a loop: refills back off
	 * after each failure, up to SERVE_POOL_BACKOFF_MAX_MS. */
	unsigned pool_failures;
	uint64_t next_refill_ms;
	uint64_t last_handout_ms; /* when a start last took a pooled R */
	/* What the pool makes its sandboxes for: the policy and limits of the
	 * latest start (the default policy's until the first). A client that
	 * always asks for the same lowered limits (a timeout per execution,
	 * a named policy) thus finds its sandboxes waiting from its second
	 * run on; a pooled sandbox made for another configuration stays
	 * usable by a start that asks for exactly that one. */
	char pool_policy[ENVELOPE_MAX_POLICY_NAME + 1];
	struct limits pool_limits;
	/* The template guest every R spawns its sandbox through (the zygote:
	 * no exec and no prelude per run), or NULL to exec (--no-template, or
	 * it could not start). */
	struct sandbox_template *tmpl;
	/* --metrics: the HTTP endpoint, or NULL. */
	struct metricshttp *mh;
	/* CPUs this process may run on: programs running at once beyond
	 * this keep every CPU busy. */
	size_t cpus;
};

static uint64_t now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static uint64_t now_ms(void)
{
	return now_us() / 1000u;
}

/* ---- lines to a client ------------------------------------------------ */

static void send_json(struct conn *c, cJSON *o)
{
	char *t = o ? cJSON_PrintUnformatted(o) : NULL;
	cJSON_Delete(o);
	if (!t) {
		fprintf(stderr, "codecell serve: out of memory writing to a client\n");
		return;
	}
	size_t n = strlen(t);
	if (outq_push(&c->out, t, n) < 0 || outq_push(&c->out, "\n", 1) < 0)
		fprintf(stderr, "codecell serve: out of memory writing to a client\n");
	free(t);
}

static void send_error(struct conn *c, const char *run, const char *msg)
{
	cJSON *o = host_msg_new(HOSTMSG_ERROR);
	if (o && run && *run)
		cJSON_AddStringToObject(o, "run", run);
	if (o)
		cJSON_AddStringToObject(o, "message", msg);
	send_json(c, o);
}

/* A result the server decides itself (busy, a refused start, a lost
 * supervisor), in the same shape as run.c's (report_to_json). */
static void send_result(struct server *s, struct conn *c, const char *run, enum run_status st, uint64_t t_req_us,
                        const char *fmt, ...) __attribute__((format(printf, 6, 7)));
static void send_result(struct server *s, struct conn *c, const char *run, enum run_status st, uint64_t t_req_us,
                        const char *fmt, ...)
{
	struct report rep;
	report_init(&rep);
	char msg[sizeof rep.message];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	report_decide(&rep, st, "%s", msg);
	uint64_t lat = now_us() - t_req_us;
	rep.wall_ms = lat / 1000u;
	cJSON *o = report_to_json(&rep);
	report_finish(&rep);
	char *t = o ? cJSON_PrintUnformatted(o) : NULL;
	cJSON_Delete(o);
	size_t tl = 0;
	/* Tagged by the one encoder that tags R's lines: "run" first. */
	char *tagged = t ? envelope_tag(t, strlen(t), run, &tl) : NULL;
	free(t);
	if (c && (!tagged || outq_push(&c->out, tagged, tl) < 0))
		fprintf(stderr, "codecell serve: out of memory writing to a client\n");
	free(tagged);
	stats_result(&s->st, st, lat);
}

/* ---- runs ------------------------------------------------------------- */

static struct srun *find_run(struct server *s, const struct conn *c, const char *id)
{
	for (struct srun *r = s->runs; r; r = r->next)
		if (r->c == c && r->state != SR_POOLED && !r->result_seen && !strcmp(r->id, id))
			return r;
	return NULL;
}

static struct srun *srun_new(struct server *s)
{
	struct srun *r = calloc(1, sizeof(*r));
	if (!r)
		return NULL;
	r->fd = -1;
	outq_init(&r->to_r);
	r->next = s->runs;
	s->runs = r;
	return r;
}

/* The only writers of srun.c and, after any change of srun.to_r, the
 * only place its fullness is counted: conn.n_runs and conn.n_full. */
static void run_to_r_changed(struct srun *r)
{
	bool full = r->to_r.len >= SERVE_TO_RUN_CAP;
	if (r->c && full != r->counted_full) {
		if (full)
			r->c->n_full++;
		else
			r->c->n_full--;
		r->counted_full = full;
	}
}

static void run_set_conn(struct srun *r, struct conn *c)
{
	if (r->c) {
		r->c->n_runs--;
		if (r->counted_full)
			r->c->n_full--;
	}
	r->counted_full = false;
	r->c = c;
	if (c) {
		c->n_runs++;
		run_to_r_changed(r);
	}
}

static void srun_free(struct server *s, struct srun *r)
{
	run_set_conn(r, NULL);
	for (struct srun **p = &s->runs; *p; p = &(*p)->next)
		if (*p == r) {
			*p = r->next;
			break;
		}
	if (r->fd >= 0) {
		pollset_forget(&s->wait, r->fd);
		close(r->fd);
	}
	host_reader_finish(&r->rd);
	outq_finish(&r->to_r);
	free(r->start);
	free(r);
}

/* Lines R writes are bounded by its limits: a tool call's arguments by the
 * frame limit, a log or the result by the output limit. */
static size_t run_line_max(const struct limits *l)
{
	uint64_t m = l->max_frame > l->output_bytes ? l->max_frame : l->output_bytes;
	return (size_t)(2 * m + SERVE_LINE_SLACK);
}

static int fork_r(struct server *s, struct srun *r, char *err, size_t errlen)
{
	struct runproc_spec sp = {
	        .policy = policyset_find(s->ps, r->policy_name),
	        .limits = r->limits,
	        .guest_path = s->o->guest_path,
	        .cgroup_parent = s->o->cgroup_parent,
	        .cgroup_host = s->cgh,
	        .require = s->o->require,
	        .reuse = s->o->reuse,
	};
	if (!sp.policy) {
		snprintf(err, errlen, "policy '%s' is no longer loaded", r->policy_name);
		return -ENOENT;
	}
	sp.template_chan = -1;
	if (s->tmpl) {
		sp.template_chan = sandbox_template_connect(s->tmpl);
		if (sp.template_chan < 0) {
			snprintf(err, errlen, "the template guest: %s", strerror(-sp.template_chan));
			return sp.template_chan;
		}
	}
	int fd;
	pid_t pid = runproc_fork(&sp, &fd, err, errlen);
	if (sp.template_chan >= 0)
		close(sp.template_chan); /* R has its copy */
	if (pid < 0)
		return (int)pid;
	r->pid = pid;
	r->fd = fd;
	r->generation = s->ps->generation;
	r->t_spawn_ms = now_ms();
	host_reader_init(&r->rd, run_line_max(&r->limits));
	return 0;
}

/* Asks R to end: EOF on its host input cancels the run (as a host that
 * goes away), and R tears its sandbox down and exits. */
static void shut_r(struct srun *r)
{
	if (r->fd >= 0 && !r->shut)
		shutdown(r->fd, SHUT_WR);
	r->shut = true;
}

/* The pool makes sandboxes for the default policy and its limits again:
 * at the start, and after a reload (a start's limits were checked against
 * the policies as they were; the next start's are checked afresh). */
static void pool_demand_default(struct server *s)
{
	s->pool_policy[0] = '\0';
	s->pool_limits = *policy_limits(policyset_find(s->ps, ""));
	limits_fit_heap(&s->pool_limits);
}

static void refill_pool(struct server *s)
{
	/* Pooled R's count against no run slot. Sandboxes made for an older
	 * demand may sit beside the target's, up to as many again. */
	if (s->draining || s->pooled >= 2 * (size_t)s->o->pool)
		return;
	struct srun *r = srun_new(s);
	if (!r)
		return;
	r->state = SR_POOLED;
	memcpy(r->policy_name, s->pool_policy, sizeof r->policy_name);
	r->limits = s->pool_limits;
	char err[256];
	if (fork_r(s, r, err, sizeof err) < 0) {
		fprintf(stderr, "codecell serve: cannot fill the pool: %s\n", err);
		srun_free(s, r);
		return;
	}
	s->pooled++;
}

/* Field by field: the struct's tail padding is not part of its value. */
static bool limits_same(const struct limits *a, const struct limits *b)
{
	return a->wall_ms == b->wall_ms && a->cpu_ms == b->cpu_ms && a->memory_bytes == b->memory_bytes &&
	       a->heap_bytes == b->heap_bytes && a->pids == b->pids && a->output_bytes == b->output_bytes &&
	       a->tool_calls == b->tool_calls && a->max_frame == b->max_frame && a->max_inflight == b->max_inflight &&
	       a->stack_bytes == b->stack_bytes && a->cgroup == b->cgroup;
}

/* Whether pooled R p was made for exactly this policy and these limits
 * (policies compared as loaded: "" and "default" name the same one). */
static bool pool_fits(const struct server *s, const struct srun *p, const char *policy_name, const struct limits *lim)
{
	return p->generation == s->ps->generation &&
	       policyset_find(s->ps, p->policy_name) == policyset_find(s->ps, policy_name) &&
	       limits_same(&p->limits, lim);
}

static bool pool_usable(const struct srun *p)
{
	return p->state == SR_POOLED && !p->pool_broken && !p->shut && !p->fd_eof;
}

/* Whether pooled R a is a better pick for a start than b (NULL): one
 * bound to the start's connection first (its pages are warm, and taking
 * an unbound one instead leaves the bound ones to pile up to their cap,
 * past which finished supervisors are ended and the pool forks fresh
 * ones: 1.34x the supervisors' CPU at concurrency 4, docs/PERFORMANCE.md
 * round 24); then one whose sandbox is ready (armed), since a start
 * handed to one still spawning waits for the spawn; then the oldest, the
 * likeliest of the rest to be ready soonest. */
static bool better_pick(const struct srun *a, const struct srun *b)
{
	if (!b)
		return true;
	if (a->bound != b->bound)
		return a->bound;
	if (a->armed != b->armed)
		return a->armed;
	return a->t_spawn_ms <= b->t_spawn_ms;
}

/* The pooled R that run r's start goes to (better_pick), among those made
 * for its policy and limits, or NULL. */
static struct srun *take_pooled(struct server *s, const struct srun *r)
{
	struct srun *best = NULL;
	for (struct srun *p = s->runs; p; p = p->next) {
		if (!pool_usable(p) || !pool_fits(s, p, r->policy_name, &r->limits))
			continue;
		/* an R bound to another connection never serves this one */
		if (p->bound && p->owner != r->c)
			continue;
		if (better_pick(p, best))
			best = p;
	}
	return best;
}

/* Hands a queued or new run its supervisor: a pooled one when its
 * configuration is the pool's, else a fresh fork. */
static void start_run(struct server *s, struct srun *r)
{
	struct srun *p = take_pooled(s, r);
	if (p) {
		if (p->bound) {
			s->bound--;
			s->st.pool_reused++;
		} else {
			s->pooled--;
		}
		if (!p->armed)
			s->st.pool_waited++;
		p->bound = false;
		p->armed = false;
		p->owner = NULL;
		s->st.pool_hits++;
		s->last_handout_ms = now_ms();
		p->state = SR_RUNNING;
		run_set_conn(p, r->c);
		memcpy(p->id, r->id, sizeof p->id);
		p->last = r->last;
		p->t_req_us = r->t_req_us;
		p->start = r->start;
		p->start_len = r->start_len;
		r->start = NULL;
		srun_free(s, r);
		r = p;
	} else {
		char err[256];
		if (fork_r(s, r, err, sizeof err) < 0) {
			send_result(s, r->c, r->id, RUN_SANDBOX_ERROR, r->t_req_us,
			            "the server could not start a supervisor for this run: %s", err);
			srun_free(s, r);
			return;
		}
		r->state = SR_RUNNING;
	}
	if (outq_push(&r->to_r, r->start, r->start_len) < 0) {
		send_result(s, r->c, r->id, RUN_SANDBOX_ERROR, r->t_req_us, "out of memory queueing the program");
		run_set_conn(r, NULL);
		shut_r(r);
	}
	run_to_r_changed(r);
	free(r->start);
	r->start = NULL;
	r->t_due_ms = now_ms() + r->limits.wall_ms + RUN_HOST_DRAIN_MS + SERVE_STUCK_SLACK_MS;
	s->running++;
	s->st.started++;
}

/* Once per loop turn, in one pass over the runs: retires pooled R's that
 * aged out or were made under replaced policies, retires the oldest one
 * made for an older demand when its place is needed, and forks one more
 * when the pool is short. *live is the number of pooled R's made for what
 * starts ask for now (the pool's target counts those; one made for an
 * older demand stays usable until it ages out or its place is needed).
 * Returns whether it forked. */
static bool tend_pool(struct server *s, uint64_t now, size_t *live)
{
	size_t live_pool = 0, executing = 0;
	struct srun *stale = NULL;
	for (struct srun *r = s->runs; r; r = r->next) {
		if (r->state == SR_RUNNING) {
			executing += !r->result_seen;
			continue;
		}
		if (r->state != SR_POOLED)
			continue;
		if (now >= r->t_spawn_ms + SERVE_POOL_MAX_AGE_MS || r->generation != s->ps->generation)
			shut_r(r);
		if (r->shut || r->bound)
			continue;
		if (pool_fits(s, r, s->pool_policy, &s->pool_limits))
			live_pool++;
		else if (!stale || r->t_spawn_ms < stale->t_spawn_ms)
			stale = r;
	}
	if (stale && live_pool < s->o->pool && s->pooled >= 2 * (size_t)s->o->pool)
		shut_r(stale);
	*live = live_pool;
	/* In the background: a refill (a fork, then a clone from the
	 * template, its namespaces and cgroups: ~3 ms of CPU, and a wait for
	 * the kernel's cgroup move) takes a CPU that no program running now
	 * needs, or comes when the pool is empty (a busy server must still
	 * get sandboxes), but not right after a start took a pooled sandbox
	 * (SERVE_REFILL_QUIET_MS) while that run may still need the CPU.
	 * Holding every refill back while any program ran left a client that
	 * sends its programs one after another with an empty pool: each start
	 * then paid the whole spawn. */
	bool quiet = now >= s->last_handout_ms + SERVE_REFILL_QUIET_MS;
	bool refill = !s->draining && live_pool < s->o->pool && s->pooled < 2 * (size_t)s->o->pool &&
	              (executing == 0 || live_pool == 0 || (executing < s->cpus && quiet)) && now >= s->next_refill_ms;
	if (refill)
		refill_pool(s);
	return refill;
}

/* Starts queued runs while slots are free, one connection at a time in
 * turn (round robin by connection serial), so one client's burst cannot
 * starve another's single run. */
static void schedule(struct server *s)
{
	while (s->queued > 0 && s->running < s->o->max_runs) {
		struct srun *pick = NULL;
		uint64_t best = UINT64_MAX, first = UINT64_MAX;
		struct srun *pick_first = NULL;
		/* The oldest queued run of the next connection after the last
		 * served one (wrapping around). */
		for (struct srun *r = s->runs; r; r = r->next) {
			if (r->state != SR_QUEUED)
				continue;
			uint64_t ser = r->c->serial;
			if (ser > s->rr_serial && (ser < best || (ser == best && r->t_req_us < pick->t_req_us))) {
				best = ser;
				pick = r;
			}
			if (ser < first || (ser == first && r->t_req_us < pick_first->t_req_us)) {
				first = ser;
				pick_first = r;
			}
		}
		if (!pick)
			pick = pick_first;
		s->rr_serial = pick->c->serial;
		s->queued--;
		start_run(s, pick);
	}
}

static void expire_queue(struct server *s, uint64_t now)
{
	for (struct srun *r = s->runs, *next; r; r = next) {
		next = r->next;
		if (r->state != SR_QUEUED || now < r->t_req_us + s->o->queue_timeout_ms * 1000u)
			continue;
		send_result(s, r->c, r->id, RUN_BUSY, r->t_req_us,
		            "the server is busy: this run waited %" PRIu64
		            " ms for one of its %u run slots and was not started; try again later",
		            s->o->queue_timeout_ms, s->o->max_runs);
		s->queued--;
		srun_free(s, r);
	}
}

/* ---- one client line -------------------------------------------------- */

/* The run's limits: the policy's, lowered (never raised) by the client's. */
static int client_limits(const struct envelope *e, struct policy *pol, struct limits *out, char *err, size_t errlen)
{
	const struct limits *pl = policy_limits(pol);
	*out = *pl;
	bool heap_given = false;
	for (size_t i = 0; i < e->n_limits; i++) {
		char why[256];
		if (policy_limit_override(out, e->limits[i].key, e->limits[i].text, why, sizeof why) < 0) {
			snprintf(err, errlen, "limit \"%s\": %s", e->limits[i].key, why);
			return -EINVAL;
		}
		heap_given |= !strcmp(e->limits[i].key, "heap");
	}
	/* A client may lower what the operator's policy allows, never raise
	 * it: the socket grants running programs, not choosing their walls. */
	static const struct {
		const char *key;
		size_t off;
	} f[] = {
	        {"wall", offsetof(struct limits, wall_ms)},        {"cpu", offsetof(struct limits, cpu_ms)},
	        {"memory", offsetof(struct limits, memory_bytes)}, {"heap", offsetof(struct limits, heap_bytes)},
	        {"output", offsetof(struct limits, output_bytes)}, {"tool_calls", offsetof(struct limits, tool_calls)},
	        {"max_frame", offsetof(struct limits, max_frame)},
	};
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		uint64_t want = *(const uint64_t *)((const char *)out + f[i].off);
		uint64_t cap = *(const uint64_t *)((const char *)pl + f[i].off);
		if (want > cap) {
			snprintf(err, errlen,
			         "limit \"%s\" is above the policy's (%" PRIu64 " > %" PRIu64
			         "): a client may only lower limits",
			         f[i].key, want, cap);
			return -EPERM;
		}
	}
	if (!heap_given)
		limits_fit_heap(out);
	return 0;
}

static void on_start(struct server *s, struct conn *c, struct envelope *e)
{
	uint64_t t = now_us();
	if (find_run(s, c, e->run)) {
		send_error(c, e->run, "a run with this id is already in progress on this connection");
		return;
	}
	if (s->draining) {
		s->st.refused++;
		send_result(s, c, e->run, RUN_BUSY, t,
		            "the server is shutting down and takes no new runs; retry against its successor");
		return;
	}
	struct policy *pol = policyset_find(s->ps, e->policy_name);
	if (!pol) {
		char names[512];
		policyset_names(s->ps, names, sizeof names);
		send_result(s, c, e->run, RUN_SANDBOX_ERROR, t,
		            "no policy named '%s' is loaded on this server (loaded: %s)", e->policy_name, names);
		return;
	}
	struct limits lim;
	char err[400];
	if (client_limits(e, pol, &lim, err, sizeof err) < 0) {
		send_result(s, c, e->run, RUN_SANDBOX_ERROR, t, "%s", err);
		return;
	}
	bool slot = s->running < s->o->max_runs && s->queued == 0;
	if (!slot && s->queued >= s->o->max_queue) {
		s->st.refused++;
		send_result(s, c, e->run, RUN_BUSY, t,
		            "the server is busy: %u runs are running and %zu waiting, its limit; try again later",
		            s->o->max_runs, s->queued);
		return;
	}
	struct srun *r = srun_new(s);
	if (!r) {
		send_result(s, c, e->run, RUN_SANDBOX_ERROR, t, "out of memory");
		return;
	}
	r->state = SR_QUEUED;
	run_set_conn(r, c);
	memcpy(r->id, e->run, sizeof r->id);
	r->t_req_us = t;
	memcpy(r->policy_name, e->policy_name, sizeof r->policy_name);
	r->last = e->last;
	r->limits = lim;
	/* The pool follows demand: its next sandboxes are made for this
	 * start's configuration. */
	memcpy(s->pool_policy, r->policy_name, sizeof s->pool_policy);
	s->pool_limits = lim;
	r->start = e->fwd;
	r->start_len = e->fwd_len;
	e->fwd = NULL;
	s->queued++;
	if (slot)
		schedule(s);
}

static struct stats_gauges gauges(const struct server *s)
{
	uint64_t ready = 0;
	for (const struct srun *r = s->runs; r; r = r->next)
		ready += pool_usable(r) && r->armed;
	return (struct stats_gauges){
	        .running = s->running,
	        .queued = s->queued,
	        .pool_idle = s->pooled + s->bound,
	        .pool_ready = ready,
	        .pool_bound = s->bound,
	        .pool_target = s->o->pool,
	        .connections = s->n_conns,
	        .server_rss_bytes = stats_self_rss(),
	        .draining = s->draining,
	};
}

/* The page of GET /metrics (metricshttp.h), rendered when it is asked for. */
static char *render_metrics(void *ctx)
{
	const struct server *s = ctx;
	struct stats_gauges g = gauges(s);
	return stats_prometheus(&s->st, &g);
}

static void on_server_request(struct server *s, struct conn *c, const struct envelope *e)
{
	struct stats_gauges g = gauges(s);
	cJSON *o = host_msg_new(e->type);
	if (!o)
		return;
	if (e->type == HOSTMSG_HEALTH) {
		cJSON_AddBoolToObject(o, "ok", !s->draining);
		cJSON_AddBoolToObject(o, "draining", s->draining);
	} else if (e->type == HOSTMSG_STATS) {
		stats_to_json(&s->st, &g, o);
		cJSON *pols = cJSON_AddObjectToObject(o, "policies");
		for (size_t i = 0; i < s->ps->n; i++)
			cJSON_AddStringToObject(pols, s->ps->e[i].name, s->ps->e[i].sha256);
	} else {
		char *text = stats_prometheus(&s->st, &g);
		if (text)
			cJSON_AddStringToObject(o, "text", text);
		free(text);
	}
	send_json(c, o);
}

static void on_line(struct server *s, struct conn *c, const char *line, size_t len)
{
	struct envelope e;
	char err[400];
	int rc = envelope_decode(line, len, &e, err, sizeof err);
	if (rc < 0) {
		send_error(c, e.run, rc == -ENOMEM ? "out of memory" : err);
		return;
	}
	switch (e.type) {
	case HOSTMSG_STATS:
	case HOSTMSG_HEALTH:
	case HOSTMSG_METRICS: on_server_request(s, c, &e); break;
	case HOSTMSG_START: on_start(s, c, &e); break;
	default: {
		struct srun *r = find_run(s, c, e.run);
		if (!r) {
			send_error(c, e.run, "no run with this id on this connection (it finished, or never started)");
		} else if (r->state == SR_QUEUED) {
			if (e.type == HOSTMSG_CANCEL) {
				send_result(s, c, r->id, RUN_CANCELLED, r->t_req_us,
				            "the run was cancelled by the host before it started");
				s->queued--;
				srun_free(s, r);
			} else {
				send_error(c, e.run, "this run is still queued: nothing in it can be answered yet");
			}
		} else {
			if (outq_push(&r->to_r, e.fwd, e.fwd_len) < 0)
				send_error(c, e.run, "out of memory");
			run_to_r_changed(r);
		}
		break;
	}
	}
	envelope_free(&e);
}

/* ---- one supervisor line ---------------------------------------------- */

static enum run_status status_of(const struct jsonraw_member *m, size_t n)
{
	const struct jsonraw_member *st = jsonraw_find(m, n, "status");
	for (int i = 0; st && st->kind == JSONRAW_STRING && i < RUN__COUNT; i++) {
		const char *name = report_status_name((enum run_status)i);
		if (st->value.len == strlen(name) + 2 && !memcmp(st->value.p + 1, name, strlen(name)))
			return (enum run_status)i;
	}
	return RUN_SANDBOX_ERROR;
}

/* Idle R's bound to connection c. */
static size_t bound_to(const struct server *s, const struct conn *c)
{
	size_t n = 0;
	for (const struct srun *r = s->runs; r; r = r->next)
		n += r->state == SR_POOLED && r->bound && !r->shut && r->owner == c;
	return n;
}

/* R's trailer said it can serve another run: when its client is still
 * there, the server not draining, the policies unchanged, the client has
 * fewer than --pool R's waiting and all clients together fewer than twice
 * that (idle sandboxes hold memory: as many as the unbound pool at most),
 * R goes back to the pool bound to that client, with the next run's
 * template channel on the again line; R then spawns a fresh sandbox and
 * waits for a start. Not when the run's start said "last" (a client that
 * sends one start per connection, `codecell run --server`): the fresh
 * sandbox would only be torn down again when it disconnects, at the CPU
 * cost of a run. Otherwise R is ended (EOF instead of the again line)
 * and its exit finishes the run as before. The run's slot is free from
 * here: R's teardown is done when it writes the trailer. */
static void recycle(struct server *s, struct srun *r)
{
	bool keep = r->state == SR_RUNNING && r->c && !r->c->eof && !r->last && !r->shut && !s->draining && s->tmpl &&
	            r->generation == s->ps->generation && !outq_pending(&r->to_r) &&
	            policyset_find(s->ps, r->policy_name) && s->bound < 2 * (size_t)s->o->pool &&
	            bound_to(s, r->c) < s->o->pool;
	int chan = keep ? sandbox_template_connect(s->tmpl) : -1;
	if (chan < 0 || runproc_send_again(r->fd, chan) < 0) {
		if (chan >= 0)
			close(chan);
		shut_r(r);
		return;
	}
	close(chan);
	stats_supervisor(&s->st, r->cpu_us, r->maxrss_kb);
	r->have_usage = false;
	r->state = SR_POOLED;
	r->owner = r->c;
	r->bound = true;
	r->armed = false; /* until R says so of its next sandbox */
	run_set_conn(r, NULL);
	r->id[0] = '\0';
	r->result_seen = false;
	r->t_spawn_ms = now_ms();
	r->t_due_ms = 0;
	s->running--;
	s->bound++;
}

static void on_r_line(struct server *s, struct srun *r, const char *line, size_t len)
{
	if (r->result_seen) {
		uint64_t cpu, rss;
		bool again;
		if (runproc_parse_trailer(line, len, &cpu, &rss, &again) == 0) {
			r->cpu_us = cpu;
			r->maxrss_kb = rss;
			r->have_usage = true;
			if (again)
				recycle(s, r);
		}
		return;
	}
	/* R's own line (the reader took its newline), never a client's: its
	 * sandbox is ready. A start handed over before it (state SR_RUNNING)
	 * went to the guest then. */
	if (len == sizeof RUN_ARMED_LINE - 2 && !memcmp(line, RUN_ARMED_LINE, len)) {
		r->armed = r->state == SR_POOLED;
		return;
	}
	struct jsonraw_member m[JSONRAW_MAX_MEMBERS];
	size_t n;
	const char *why;
	bool result = false;
	enum run_status st = RUN_SANDBOX_ERROR;
	if (jsonraw_members(line, len, m, JSONRAW_MAX_MEMBERS, &n, &why) == 0) {
		const struct jsonraw_member *t = jsonraw_find(m, n, "type");
		result = t && t->value.len == 8 && !memcmp(t->value.p, "\"result\"", 8);
		if (result)
			st = status_of(m, n);
	}
	if (r->state == SR_POOLED) {
		/* A pooled supervisor speaks only after its start: output now
		 * means its sandbox failed; it is not handed to any run. */
		if (!r->pool_broken && !r->shut) {
			unsigned shift = s->pool_failures < 16 ? s->pool_failures : 16;
			uint64_t wait = (uint64_t)100u << shift;
			wait = wait < SERVE_POOL_BACKOFF_MAX_MS ? wait : SERVE_POOL_BACKOFF_MAX_MS;
			s->pool_failures++;
			s->next_refill_ms = now_ms() + wait;
			fprintf(stderr,
			        "codecell serve: a pooled sandbox failed (next refill in %" PRIu64 " ms): %.*s\n", wait,
			        (int)(len > 400 ? 400 : len), line);
		}
		r->pool_broken = true;
		shut_r(r);
		if (result)
			r->result_seen = true;
		return;
	}
	if (result) {
		r->result_seen = true;
		r->t_due_ms = now_ms() + SERVE_TEARDOWN_MS;
		stats_result(&s->st, st, now_us() - r->t_req_us);
		if (st != RUN_SANDBOX_ERROR)
			s->pool_failures = 0; /* sandboxes work (again) */
	}
	if (!r->c)
		return; /* its client went away: nobody to tell */
	size_t tl;
	char *tagged = envelope_tag(line, len, r->id, &tl);
	if (!tagged || outq_push(&r->c->out, tagged, tl) < 0)
		fprintf(stderr, "codecell serve: out of memory forwarding a line\n");
	free(tagged);
}

static void read_r(struct server *s, struct srun *r)
{
	int e = host_reader_fill(&r->rd, r->fd);
	const char *line;
	size_t len;
	while (host_reader_next(&r->rd, &line, &len) == 1)
		on_r_line(s, r, line, len);
	if (e < 0 || r->rd.eof) {
		if (e == -EMSGSIZE)
			fprintf(stderr, "codecell serve: a run's supervisor wrote an overlong line\n");
		r->fd_eof = true;
		pollset_forget(&s->wait, r->fd);
		close(r->fd);
		r->fd = -1;
	}
}

/* Both ends seen (EOF on its socket, its exit reaped): the run is over. */
static void maybe_finish(struct server *s, struct srun *r)
{
	if (!r->fd_eof || !r->reaped)
		return;
	if (r->have_usage)
		stats_supervisor(&s->st, r->cpu_us, r->maxrss_kb);
	if (r->state == SR_POOLED) {
		if (r->bound)
			s->bound--;
		else
			s->pooled--;
	} else {
		if (!r->result_seen) {
			int w = r->wstatus;
			char why[96];
			if (r->stuck)
				snprintf(why, sizeof why,
				         "wrote no result within the run's wall limit + %u s and was killed",
				         (RUN_HOST_DRAIN_MS + SERVE_STUCK_SLACK_MS) / 1000u);
			else
				snprintf(why, sizeof why, "ended without a result (%s %d)",
				         WIFSIGNALED(w) ? "signal" : "exit status",
				         WIFSIGNALED(w) ? WTERMSIG(w) : WEXITSTATUS(w));
			send_result(s, r->c, r->id, RUN_SANDBOX_ERROR, r->t_req_us,
			            "the run's supervisor process %s; the run is lost, other runs are unaffected", why);
		}
		s->running--;
	}
	srun_free(s, r);
}

/* The per-run supervisor bounds its own CPU (selflimit.h), but a reused
 * one's hard CPU limit spans all its runs, and a supervisor blocked
 * outside its loop uses no CPU at all: the server holds every run to its
 * wall limit too. An R that has written no result by then (+ the drain
 * and SERVE_STUCK_SLACK_MS), or no trailer and no exit SERVE_TEARDOWN_MS
 * after its result, is killed; its exit then ends the run as lost. */
static void kill_stuck(struct server *s, uint64_t now)
{
	for (struct srun *r = s->runs; r; r = r->next) {
		if (r->state != SR_RUNNING || !r->t_due_ms || now < r->t_due_ms || r->stuck || r->reaped || r->pid <= 0)
			continue;
		fprintf(stderr, "codecell serve: run %s: its supervisor (pid %ld) is past its deadline; killing it\n",
		        r->id, (long)r->pid);
		kill(r->pid, SIGKILL);
		r->stuck = true;
	}
}

/* Reaps the R's that ended, each by its pid: the template guest is our
 * child too, and template.c watches and reaps it through its pidfd. */
static void reap(struct server *s)
{
	int cst;
	if (s->clean_pid > 0 && waitpid(s->clean_pid, &cst, WNOHANG) == s->clean_pid)
		s->clean_pid = 0;
	for (struct srun *r = s->runs, *next; r; r = next) {
		next = r->next;
		int st;
		if (r->pid <= 0 || r->reaped || waitpid(r->pid, &st, WNOHANG) != r->pid)
			continue;
		r->reaped = true;
		r->wstatus = st;
		maybe_finish(s, r);
	}
}

/* ---- connections ------------------------------------------------------ */

static struct conn *conn_new(struct server *s, int rfd, int wfd)
{
	struct conn *c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	c->rfd = rfd;
	c->wfd = wfd;
	host_reader_init(&c->rd, s->max_line);
	outq_init(&c->out);
	c->serial = ++s->next_serial;
	c->next = s->conns;
	s->conns = c;
	s->n_conns++;
	return c;
}

/* The client is gone: its queued runs are dropped and its running runs
 * cancelled (as `codecell run --host` does when its host goes away). */
static void conn_close(struct server *s, struct conn *c)
{
	for (struct srun *r = s->runs, *next; r; r = next) {
		next = r->next;
		if (r->bound && r->owner == c) {
			r->owner = NULL; /* ended, and never matched again */
			shut_r(r);
		}
		if (r->c != c)
			continue;
		if (r->state == SR_QUEUED) {
			s->queued--;
			srun_free(s, r);
		} else {
			run_set_conn(r, NULL);
			shut_r(r);
		}
	}
	for (struct conn **p = &s->conns; *p; p = &(*p)->next)
		if (*p == c) {
			*p = c->next;
			break;
		}
	pollset_forget(&s->wait, c->rfd);
	pollset_forget(&s->wait, c->wfd);
	if (c->rfd > STDERR_FILENO)
		close(c->rfd);
	if (c->wfd != c->rfd && c->wfd > STDERR_FILENO)
		close(c->wfd);
	if (c->rfd == STDIN_FILENO)
		s->stdio_done = true;
	host_reader_finish(&c->rd);
	outq_finish(&c->out);
	free(c);
	s->n_conns--;
}

static bool conn_throttled(const struct conn *c)
{
	return c->out.len >= SERVE_CONN_OUT_CAP || c->n_full > 0;
}

static bool conn_has_runs(const struct conn *c)
{
	return c->n_runs > 0;
}

/* The client closed its input (EOF on stdin, or a half-closed socket): as
 * `codecell run --host` does when its host's input closes, its runs end as
 * cancelled, and their results are still written: the connection stays
 * open for output until they are (conn_done). */
static void conn_input_closed(struct server *s, struct conn *c)
{
	for (struct srun *r = s->runs, *next; r; r = next) {
		next = r->next;
		if (r->bound && r->owner == c)
			shut_r(r); /* no start can come from this client */
		if (r->c != c)
			continue;
		if (r->state == SR_QUEUED) {
			send_result(s, c, r->id, RUN_CANCELLED, r->t_req_us,
			            "the host closed its input before the run started");
			s->queued--;
			srun_free(s, r);
		} else {
			shut_r(r);
		}
	}
}

/* A connection whose input closed is done once its runs have ended and
 * their output is written. */
static bool conn_done(const struct conn *c)
{
	return c->eof && !outq_pending(&c->out) && !conn_has_runs(c);
}

/* Serves up to SERVE_LINES_PER_TURN of the lines c's reader holds. */
static void serve_buffered(struct server *s, struct conn *c)
{
	const char *line;
	size_t len;
	for (int served = 0; served < SERVE_LINES_PER_TURN && host_reader_next(&c->rd, &line, &len) == 1; served++)
		on_line(s, c, line, len);
}

/* Lines read but not served yet (the per-turn cap left them, or the
 * connection was throttled), which no POLLIN will announce again: the
 * loop serves them without waiting (a client that wrote 150 tool replies
 * at once had the last ones wait for its next write, forever if it was
 * waiting for them). */
static bool conn_backlog(const struct conn *c)
{
	return !c->eof && host_reader_has_line(&c->rd) && !conn_throttled(c);
}

/* Reads and serves up to SERVE_LINES_PER_TURN lines. Returns false when
 * the connection must be closed. */
static bool read_conn(struct server *s, struct conn *c)
{
	int e = host_reader_fill(&c->rd, c->rfd);
	const char *line;
	size_t len;
	serve_buffered(s, c);
	if (e == -EMSGSIZE) {
		char msg[160];
		snprintf(msg, sizeof msg, "a line longer than %zu bytes; closing the connection", c->rd.max_line);
		send_error(c, NULL, msg);
		outq_flush(&c->out, c->wfd);
		return false;
	}
	if (e < 0 || c->rd.eof) {
		/* Serve what was buffered before the EOF, then close. */
		while (host_reader_next(&c->rd, &line, &len) == 1)
			on_line(s, c, line, len);
		c->eof = true;
		conn_input_closed(s, c);
	}
	return true;
}

static void accept_conns(struct server *s)
{
	for (;;) {
		int fd = accept4(s->lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd < 0)
			return;
		if (s->n_conns >= SERVE_MAX_CONNS || !conn_new(s, fd, fd)) {
			static const char msg[] = "{\"v\":1,\"type\":\"error\",\"message\":\"the server has too many "
			                          "connections; try again later\"}\n";
			(void)!write(fd, msg, sizeof msg - 1);
			close(fd);
		}
	}
}

/* ---- lifecycle -------------------------------------------------------- */

static void cleanup_stale(const char *cgroup_parent)
{
	char err[300];
	fsops_cleanup_stale(NULL);
	struct cgroup_host *cgh = NULL;
	if (cgroup_host_probe(cgroup_parent, CGROUP_REQ_AUTO, &cgh, err, sizeof err) == 0) {
		cgroup_cleanup_stale(cgh);
		cgroup_host_free(cgh);
	}
}

/* (Re)probes the cgroup setup that R's borrow. Cheap (two /proc reads and
 * a few cgroup files), and rare: at the start and every SERVE_CLEANUP_MS,
 * so a host whose cgroups change is seen within that time. */
static void probe_cgroups(struct server *s)
{
	char err[300];
	struct cgroup_host *cgh = NULL;
	if (cgroup_host_probe(s->o->cgroup_parent, CGROUP_REQ_AUTO, &cgh, err, sizeof err) < 0)
		cgh = NULL;
	cgroup_host_free(s->cgh);
	s->cgh = cgh;
}

/* The periodic pass runs in a short-lived child: removing a group waits
 * for it to empty (up to CGROUP_DESTROY_WAIT_MS), which the loop must
 * not. The child holds no client's descriptor; reap() ignores its pid. */
static void cleanup_in_background(struct server *s)
{
	if (s->clean_pid > 0)
		return; /* the last one is still at it */
	pid_t pid = fork();
	if (pid > 0)
		s->clean_pid = pid;
	if (pid == 0) {
		/* Not even stdio's client pipes: its EOF must not wait for us. */
		int null = open("/dev/null", O_RDWR | O_CLOEXEC);
		if (null >= 0) {
			dup2(null, STDIN_FILENO);
			dup2(null, STDOUT_FILENO);
		}
		close_range(3, ~0u, 0);
		prctl(PR_SET_NAME, "codecell-clean");
		cleanup_stale(s->o->cgroup_parent);
		_exit(0);
	}
}

static void begin_drain(struct server *s, const char *why)
{
	if (s->draining)
		return;
	fprintf(stderr, "codecell serve: %s: draining (%u ms for running runs)\n", why,
	        (unsigned)s->o->drain_timeout_ms);
	s->draining = true;
	s->drain_deadline_ms = now_ms() + s->o->drain_timeout_ms;
	if (s->lfd >= 0) {
		pollset_forget(&s->wait, s->lfd);
		close(s->lfd);
		s->lfd = -1;
		if (s->own_path)
			unlink(s->o->socket_path);
	}
	for (struct srun *r = s->runs, *next; r; r = next) {
		next = r->next;
		if (r->state == SR_QUEUED) {
			s->st.refused++;
			send_result(s, r->c, r->id, RUN_BUSY, r->t_req_us,
			            "the server is shutting down; this run was not started");
			s->queued--;
			srun_free(s, r);
		} else if (r->state == SR_POOLED) {
			shut_r(r);
		}
	}
}

static void reload(struct server *s)
{
	char err[600];
	if (policyset_load(s->ps, err, sizeof err) < 0) {
		fprintf(stderr, "codecell serve: SIGHUP: reload failed, keeping the previous policies: %s\n", err);
		return;
	}
	fprintf(stderr, "codecell serve: SIGHUP: %zu named policies reloaded\n", s->ps->n);
	/* Pooled sandboxes were made under the old policies. */
	pool_demand_default(s);
	for (struct srun *r = s->runs; r; r = r->next)
		if (r->state == SR_POOLED)
			shut_r(r);
}

static void read_signals(struct server *s)
{
	struct signalfd_siginfo si;
	while (read(s->sigfd, &si, sizeof si) == (ssize_t)sizeof si) {
		switch (si.ssi_signo) {
		case SIGCHLD: reap(s); break;
		case SIGHUP: reload(s); break;
		default:
			if (s->draining && !s->termed) {
				/* A second stop signal: stop waiting. */
				s->drain_deadline_ms = 0;
			}
			begin_drain(s, si.ssi_signo == SIGTERM ? "SIGTERM" : "SIGINT");
		}
	}
}

/* After the drain deadline: runs still going are stopped (SIGTERM makes
 * each R cancel and report), and SIGKILL follows a grace period later. */
static void enforce_drain(struct server *s, uint64_t now)
{
	if (!s->draining)
		return;
	if (!s->termed && now >= s->drain_deadline_ms) {
		s->termed = true;
		s->kill_deadline_ms = now + SERVE_KILL_GRACE_MS;
		for (struct srun *r = s->runs; r; r = r->next)
			if (r->pid > 0 && !r->reaped)
				kill(r->pid, SIGTERM);
	}
	if (s->termed && !s->killed && now >= s->kill_deadline_ms) {
		s->killed = true;
		for (struct srun *r = s->runs; r; r = r->next)
			if (r->pid > 0 && !r->reaped)
				kill(r->pid, SIGKILL);
	}
}

static void flush_conns(struct server *s)
{
	uint64_t until = now_ms() + SERVE_FLUSH_MS;
	for (;;) {
		struct pollfd p[SERVE_MAX_CONNS + 1];
		nfds_t n = 0;
		for (struct conn *c = s->conns; c && n < SERVE_MAX_CONNS; c = c->next)
			if (outq_pending(&c->out) && outq_flush(&c->out, c->wfd) == 0 && outq_pending(&c->out))
				p[n++] = (struct pollfd){.fd = c->wfd, .events = POLLOUT};
		uint64_t now = now_ms();
		if (n == 0 || now >= until)
			return;
		poll(p, n, (int)(until - now));
	}
}

/* ---- the loop --------------------------------------------------------- */

/* The counts conn_has_runs and conn_throttled read, against the runs they
 * count; a difference is a bug in this file, and the tests stop on it. */
static void check_counts(const struct server *s)
{
	for (const struct conn *c = s->conns; c; c = c->next) {
		size_t runs = 0, full = 0;
		for (const struct srun *r = s->runs; r; r = r->next)
			if (r->c == c) {
				runs++;
				full += r->to_r.len >= SERVE_TO_RUN_CAP;
			}
		if (runs != c->n_runs || full != c->n_full) {
			fprintf(stderr,
			        "codecell serve: internal error: a connection counts %zu runs (%zu full), has %zu "
			        "(%zu)\n",
			        c->n_runs, c->n_full, runs, full);
			abort();
		}
	}
}

enum pkind { PK_LISTEN, PK_SIG, PK_CONN, PK_RUN, PK_METRICS };

static int loop(struct server *s)
{
	struct pollfd *p = NULL;
	struct {
		enum pkind k;
		void *obj;
	} *who = NULL;
	size_t cap = 0;
	for (;;) {
		if (s->check_counts)
			check_counts(s);
		uint64_t now = now_ms();
		if (now >= s->next_cleanup_ms) {
			s->next_cleanup_ms = now + SERVE_CLEANUP_MS;
			cleanup_in_background(s);
			probe_cgroups(s);
		}
		expire_queue(s, now_us());
		enforce_drain(s, now);
		kill_stuck(s, now);
		schedule(s);
		size_t live_pool;
		bool refill = tend_pool(s, now, &live_pool);
		if (s->draining || s->stdio_done) {
			if (!s->draining)
				begin_drain(s, "standard input closed");
			if (!s->runs)
				break;
		}

		/* The signal fd, the listening socket, the HTTP endpoint's epoll
		 * fd, two per connection, one per run. */
		size_t want = 3 + 2 * s->n_conns;
		for (struct srun *r = s->runs; r; r = r->next)
			want++;
		if (want > cap) {
			cap = want * 2;
			free(p);
			free(who);
			p = calloc(cap, sizeof(*p));
			who = calloc(cap, sizeof(*who));
			if (!p || !who) {
				fprintf(stderr, "codecell serve: out of memory\n");
				free(p);
				free(who);
				return 1;
			}
		}
		size_t n = 0;
		p[n] = (struct pollfd){.fd = s->sigfd, .events = POLLIN};
		who[n++].k = PK_SIG;
		if (s->mh) { /* p[1]: read right after the poll */
			p[n] = (struct pollfd){.fd = metricshttp_fd(s->mh), .events = POLLIN};
			who[n++].k = PK_METRICS;
		}
		if (s->lfd >= 0 && s->n_conns < SERVE_MAX_CONNS) {
			p[n] = (struct pollfd){.fd = s->lfd, .events = POLLIN};
			who[n].k = PK_LISTEN;
			who[n++].obj = NULL;
		}
		for (struct conn *c = s->conns; c; c = c->next) {
			/* Two entries: stdio reads and writes different fds. */
			bool in = !c->eof && !conn_throttled(c);
			p[n] = (struct pollfd){.fd = in ? c->rfd : -1, .events = POLLIN};
			who[n].k = PK_CONN;
			who[n++].obj = c;
			p[n] = (struct pollfd){.fd = outq_pending(&c->out) ? c->wfd : -1, .events = POLLOUT};
			who[n].k = PK_CONN;
			who[n++].obj = c;
		}
		for (struct srun *r = s->runs; r; r = r->next) {
			if (r->fd < 0)
				continue;
			short ev = 0;
			if (!r->c || r->c->out.len < SERVE_CONN_OUT_CAP)
				ev |= POLLIN;
			if (outq_pending(&r->to_r) && !r->shut)
				ev |= POLLOUT;
			p[n] = (struct pollfd){.fd = r->fd, .events = ev};
			who[n].k = PK_RUN;
			who[n++].obj = r;
		}
		/* Wake for the next queue expiry and drain step. */
		/* One pool fork per turn; more to make: come straight back, after
		 * serving whatever is ready. */
		int timeout = refill && live_pool + 1 < s->o->pool ? 0 : 1000;
		if (!refill && !s->draining && live_pool < s->o->pool) {
			/* Held back: by a failure's backoff, or for quiet. */
			uint64_t due = s->next_refill_ms;
			if (due < s->last_handout_ms + SERVE_REFILL_QUIET_MS)
				due = s->last_handout_ms + SERVE_REFILL_QUIET_MS;
			if (due > now && due - now < (uint64_t)timeout)
				timeout = (int)(due - now);
		}
		for (struct srun *r = s->runs; r; r = r->next)
			if (r->state == SR_QUEUED) {
				uint64_t due = r->t_req_us / 1000u + s->o->queue_timeout_ms;
				int t = due > now ? (int)(due - now) : 0;
				if (t < timeout)
					timeout = t;
			}
		for (struct conn *c = s->conns; c && timeout > 0; c = c->next)
			if (conn_backlog(c))
				timeout = 0;
		if (s->draining)
			timeout = timeout > 100 ? 100 : timeout;
		if (s->mh) {
			int t = metricshttp_timeout_ms(s->mh);
			if (t >= 0 && t < timeout)
				timeout = t;
		}
		int k = pollset_wait(&s->wait, p, n, timeout);
		/* The HTTP endpoint (p[1], right after the signal fd): its
		 * requests when its descriptor is ready, its idle connections'
		 * expiry when the poll timed out (its deadline is among the
		 * timeout's; one passed while other input arrived makes the next
		 * timeout 0). Not on every turn: runs' lines are the hot path. */
		if (s->mh && (k == 0 || (k > 0 && p[1].revents)))
			metricshttp_run(s->mh);
		if (k < 0 && errno != EINTR) {
			fprintf(stderr, "codecell serve: waiting for descriptors: %s\n", strerror(errno));
			break;
		}
		/* Buffered lines first, 32 per connection as any turn's: their
		 * starts and replies go to their runs with this turn's output. */
		for (struct conn *c = s->conns; c; c = c->next)
			if (conn_backlog(c))
				serve_buffered(s, c);
		if (k <= 0) {
			for (struct srun *r = s->runs; r; r = r->next)
				if (r->fd >= 0 && !r->shut && outq_pending(&r->to_r)) {
					if (outq_flush(&r->to_r, r->fd) < 0) {
						outq_finish(&r->to_r);
						outq_init(&r->to_r);
					}
					run_to_r_changed(r);
				}
			continue;
		}
		/* Objects may be freed while serving: runs first (their lines go
		 * to connections), then connections, each looked up afresh. */
		for (size_t i = 0; i < n; i++) {
			if (!p[i].revents)
				continue;
			if (who[i].k == PK_SIG) {
				read_signals(s);
			} else if (who[i].k == PK_LISTEN) {
				if (s->lfd >= 0)
					accept_conns(s);
			} else if (who[i].k == PK_RUN) {
				struct srun *r = who[i].obj, *q;
				for (q = s->runs; q && q != r; q = q->next)
					;
				if (!q || r->fd < 0)
					continue;
				if ((p[i].revents & POLLOUT) && outq_flush(&r->to_r, r->fd) < 0) {
					/* R is gone; its EOF and exit finish the run. */
					outq_finish(&r->to_r);
					outq_init(&r->to_r);
				}
				run_to_r_changed(r);
				if (p[i].revents & (POLLIN | POLLHUP | POLLERR))
					read_r(s, r);
				maybe_finish(s, r);
			}
		}
		for (size_t i = 0; i < n; i++) {
			if (!p[i].revents || who[i].k != PK_CONN)
				continue;
			struct conn *c = who[i].obj, *q;
			for (q = s->conns; q && q != c; q = q->next)
				;
			if (!q)
				continue;
			bool keep = true;
			if (p[i].revents & (POLLIN | POLLHUP | POLLERR) && !c->eof)
				keep = read_conn(s, c);
			if (keep && outq_pending(&c->out) && outq_flush(&c->out, c->wfd) < 0)
				keep = false;
			if (!keep || conn_done(c))
				conn_close(s, c);
		}
		/* A start (or a tool reply) routed this turn goes to its R now,
		 * not after the next turn's poll: that turn begins with the
		 * pool's refill, a fork, which would otherwise sit between a
		 * client's start and its sandbox (~0.4 ms measured with perf
		 * sched). The socketpair is non-blocking: what does not fit waits
		 * for POLLOUT as before. */
		for (struct srun *r = s->runs; r; r = r->next)
			if (r->fd >= 0 && !r->shut && outq_pending(&r->to_r)) {
				if (outq_flush(&r->to_r, r->fd) < 0) {
					outq_finish(&r->to_r);
					outq_init(&r->to_r);
				}
				run_to_r_changed(r);
			}
		/* Output produced for connections that were not polled for it
		 * this turn goes out now if the socket takes it. */
		for (struct conn *c = s->conns, *next; c; c = next) {
			next = c->next;
			if ((outq_pending(&c->out) && outq_flush(&c->out, c->wfd) < 0) || conn_done(c))
				conn_close(s, c);
		}
	}
	free(p);
	free(who);
	flush_conns(s);
	return 0;
}

int serve_main(int argc, char **argv, const char *guest_path)
{
	struct serve_opts o;
	struct server s = {.o = &o, .ps = &o.policies, .lfd = -1, .sigfd = -1, .wait = {.epfd = -1}};
	char err[600];
	int rc = serveopts_parse(argc, argv, &o);
	if (rc) {
		rc = rc == 1 ? 0 : rc;
		goto out;
	}
	o.guest_path = guest_path;
	rc = 2; /* a configuration error, until the loop runs */
	if (policyset_load(&o.policies, err, sizeof err) < 0) {
		fprintf(stderr, "codecell serve: %s\n", err);
		goto out;
	}
	stats_init(&s.st);
	pool_demand_default(&s);
	s.cpus = serveopts_cpus();
	uint64_t frame = LIMITS_DEFAULT_MAX_FRAME;
	for (size_t i = 0; i < o.policies.n; i++)
		if (policy_limits(o.policies.e[i].pol)->max_frame > frame)
			frame = policy_limits(o.policies.e[i].pol)->max_frame;
	s.max_line = (size_t)(2 * frame + SERVE_LINE_SLACK);

	/* Before any fd is opened here: fd 3 is systemd's, if it passed one. */
	int act = listen_activated(err, sizeof err);
	if (act < -1) {
		fprintf(stderr, "codecell serve: %s\n", err);
		goto out;
	}
	/* Signals are read in the loop; R resets its mask after fork. */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	s.sigfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (s.sigfd < 0) {
		fprintf(stderr, "codecell serve: signalfd: %s\n", strerror(errno));
		rc = 1;
		goto out;
	}

	/* Before the socket: a client that can connect finds the endpoint up. */
	if (o.metrics &&
	    metricshttp_start(&o.metrics_addr, o.metrics_addr_len, render_metrics, &s, &s.mh, err, sizeof err) < 0) {
		fprintf(stderr, "codecell serve: %s\n", err);
		rc = 2;
		goto out;
	}

	if (o.stdio) {
		int fl = fcntl(STDIN_FILENO, F_GETFL);
		fcntl(STDIN_FILENO, F_SETFL, fl | O_NONBLOCK);
		fl = fcntl(STDOUT_FILENO, F_GETFL);
		fcntl(STDOUT_FILENO, F_SETFL, fl | O_NONBLOCK);
		if (!conn_new(&s, STDIN_FILENO, STDOUT_FILENO)) {
			fprintf(stderr, "codecell serve: out of memory\n");
			rc = 1;
			goto out;
		}
	} else if (o.socket_path) {
		s.lfd = listen_unix(o.socket_path, o.socket_mode, o.socket_gid, err, sizeof err);
		if (s.lfd < 0) {
			fprintf(stderr, "codecell serve: %s\n", err);
			goto out;
		}
		s.own_path = true;
	} else if (act >= 0) {
		s.lfd = act;
	} else {
		fprintf(stderr, "codecell serve: give --socket PATH or --stdio, or start it by systemd socket "
		                "activation\n(see codecell serve --help)\n");
		goto out;
	}
	/* What a killed server (or its killed runs) left behind: the stale
	 * socket was handled by listen_unix; scratch directories and cgroups
	 * of dead supervisors go now and again every SERVE_CLEANUP_MS while
	 * serving (so R's skip it: run_config.no_stale_cleanup). */
	cleanup_stale(o.cgroup_parent);
	s.next_cleanup_ms = now_ms() + SERVE_CLEANUP_MS;
	probe_cgroups(&s);
	unsigned tflags =
	        (o.no_pretouch ? SANDBOX_TEMPLATE_NO_PRETOUCH : 0) | (o.no_heapown ? SANDBOX_TEMPLATE_NO_HEAPOWN : 0);
	if (!o.no_template && sandbox_template_start_guest(o.guest_path, 0, tflags, &s.tmpl, err, sizeof err) < 0) {
		/* Still a server: each run execs its guest, as codecell run. */
		fprintf(stderr, "codecell serve: notice: no template guest (%s); each run execs a fresh guest\n", err);
		s.tmpl = NULL;
	}
	const char *cc = getenv("CODECELL_SERVE_CHECK_COUNTS");
	s.check_counts = cc && strcmp(cc, "1") == 0;
	int e = pollset_init(&s.wait);
	if (e < 0) {
		fprintf(stderr, "codecell serve: epoll: %s\n", strerror(-e));
		rc = 1;
		goto out;
	}
	fprintf(stderr, "codecell serve: ready (%s%s; max %u runs, %u queued, pool %u%s%s%s%s)\n",
	        o.stdio         ? "stdio"
	        : o.socket_path ? "socket "
	                        : "activated socket",
	        o.socket_path ? o.socket_path : "", o.max_runs, o.max_queue, o.pool, s.tmpl ? ", template guest" : "",
	        s.mh ? "; metrics http://" : "", s.mh ? metricshttp_bound(s.mh) : "", s.mh ? "/metrics" : "");
	rc = loop(&s);
	fprintf(stderr, "codecell serve: stopped after %" PRIu64 " runs\n", s.st.started);
out:
	while (s.conns)
		conn_close(&s, s.conns);
	if (s.lfd >= 0) {
		close(s.lfd);
		if (s.own_path)
			unlink(o.socket_path);
	}
	if (s.sigfd >= 0)
		close(s.sigfd);
	pollset_free(&s.wait);
	metricshttp_stop(s.mh);
	sandbox_template_stop(s.tmpl);
	cgroup_host_free(s.cgh);
	policyset_finish(&o.policies);
	return rc;
}
