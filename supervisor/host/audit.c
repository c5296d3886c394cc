/* audit: one JSON line per event, to a file, the host, or nowhere.
 * Runs in: supervisor. Input: the run loop's decisions and counters. */
#include "audit.h"

#include "cjparse.h"
#include "host.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "sha256.h"

struct audit {
	enum policy_audit_sink sink;
	int fd; /* file sink: owned; host sink: borrowed */
	bool own_fd;
	void (*host_fn)(void *ctx, cJSON *msg);
	void *host_ctx;
	uint64_t seq;
	char run_id[17];
	char *redact[AUDIT_MAX_REDACT];
	size_t n_redact;
	uint64_t bytes;   /* written so far this run */
	uint64_t dropped; /* events past AUDIT_MAX_RUN_BYTES, not written */
	bool truncated;   /* the audit_truncated event went out */
};

struct audit *audit_open(const struct policy *p, int host_fd, char *err, size_t errlen)
{
	const struct policy_audit_cfg *cfg = policy_audit(p);
	struct audit *a = calloc(1, sizeof(*a));
	if (!a) {
		snprintf(err, errlen, "audit: out of memory");
		return NULL;
	}
	a->sink = cfg->sink;
	a->fd = -1;
	uint8_t rnd[8];
	if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd)) {
		/* A run id only needs to tell runs apart in one log. */
		uint64_t t = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
		memcpy(rnd, &t, sizeof(rnd));
	}
	for (int i = 0; i < 8; i++)
		snprintf(a->run_id + 2 * i, 3, "%02x", rnd[i]);
	if (cfg->sink == POLICY_AUDIT_FILE) {
		a->fd = open(cfg->path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY, 0600);
		if (a->fd < 0) {
			snprintf(err, errlen, "audit: cannot open %s: %s", cfg->path, strerror(errno));
			free(a);
			return NULL;
		}
		a->own_fd = true;
	} else if (cfg->sink == POLICY_AUDIT_HOST) {
		a->fd = host_fd;
	}
	return a;
}

void audit_set_host_writer(struct audit *a, void (*fn)(void *ctx, cJSON *msg), void *ctx)
{
	a->host_fn = fn;
	a->host_ctx = ctx;
}

int audit_redact(struct audit *a, const char *secret)
{
	if (!secret || strlen(secret) < 4)
		return -EINVAL;
	if (a->n_redact >= AUDIT_MAX_REDACT)
		return -ENOSPC;
	if (!(a->redact[a->n_redact] = strdup(secret)))
		return -ENOMEM;
	a->n_redact++;
	return 0;
}

const char *audit_run_id(const struct audit *a)
{
	return a->run_id;
}

/* Returns s with each registered secret replaced by "[redacted]" (s is
 * consumed; NULL on ENOMEM). The search resumes after each replacement, so a
 * secret that occurs inside "[redacted]" cannot loop. */
static char *scrub(const struct audit *a, char *s)
{
	static const char rep[] = "[redacted]";
	const size_t rl = sizeof(rep) - 1;
	for (size_t i = 0; i < a->n_redact; i++) {
		const char *sec = a->redact[i];
		size_t sl = strlen(sec), from = 0;
		char *hit;
		while ((hit = strstr(s + from, sec))) {
			size_t pre = (size_t)(hit - s), post = strlen(hit + sl);
			char *n = malloc(pre + rl + post + 1);
			if (!n) {
				free(s);
				return NULL;
			}
			memcpy(n, s, pre);
			memcpy(n + pre, rep, rl);
			memcpy(n + pre + rl, hit + sl, post + 1);
			free(s);
			s = n;
			from = pre + rl;
		}
	}
	return s;
}

static void timestamp(char out[32])
{
	struct timespec ts;
	struct tm tm;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	size_t n = strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out + n, 32 - n, ".%03ldZ", ts.tv_nsec / 1000000);
}

static int write_all(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t k = write(fd, s, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -errno;
		s += k;
		n -= (size_t)k;
	}
	return 0;
}

int audit_emit(struct audit *a, const char *event, cJSON *ev)
{
	char ts[32];
	if (!a || a->sink == POLICY_AUDIT_OFF) {
		cJSON_Delete(ev);
		return 0;
	}
	if (!ev)
		return -ENOMEM;
	timestamp(ts);
	/* The envelope goes first so a reader sees it at the start of each line. */
	cJSON *line = a->sink == POLICY_AUDIT_HOST ? host_msg_new(HOSTMSG_AUDIT) : cJSON_CreateObject();
	if (!line) {
		cJSON_Delete(ev);
		return -ENOMEM;
	}
	cJSON_AddStringToObject(line, "ts", ts);
	cJSON_AddStringToObject(line, "run", a->run_id);
	cJSON_AddNumberToObject(line, "seq", (double)++a->seq);
	cJSON_AddStringToObject(line, "event", event);
	cJSON *it = ev->child;
	while (it) {
		cJSON *next = it->next;
		cJSON_DetachItemViaPointer(ev, it);
		if (cJSON_GetObjectItemCaseSensitive(line, it->string))
			cJSON_Delete(it); /* envelope fields cannot be overridden */
		else
			cJSON_AddItemToObject(line, it->string, it);
		it = next;
	}
	cJSON_Delete(ev);
	char *s = cJSON_PrintUnformatted(line);
	s = s ? scrub(a, s) : NULL;
	if (s && strlen(s) > AUDIT_MAX_LINE) {
		free(s);
		cJSON *cut = cJSON_CreateObject();
		for (const char *k = "v\0type\0ts\0run\0seq\0event\0"; *k; k += strlen(k) + 1) {
			cJSON *f = cJSON_GetObjectItemCaseSensitive(line, k);
			if (f)
				cJSON_AddItemToObject(cut, k, cJSON_Duplicate(f, true));
		}
		cJSON_AddBoolToObject(cut, "truncated", true);
		cJSON_Delete(line);
		line = cut;
		s = cJSON_PrintUnformatted(line);
		s = s ? scrub(a, s) : NULL;
	}
	if (!s) {
		cJSON_Delete(line);
		return -ENOMEM;
	}
	/* The run's budget: room is kept for the truncation marker and run_end
	 * (each at most AUDIT_MAX_LINE), which are always written. */
	size_t len = strlen(s) + 1;
	bool always = strcmp(event, "run_end") == 0 || strcmp(event, "audit_truncated") == 0;
	if (!always && a->bytes + len + 2 * (AUDIT_MAX_LINE + 1) > AUDIT_MAX_RUN_BYTES) {
		free(s);
		cJSON_Delete(line);
		a->seq--; /* no line carries this number */
		a->dropped++;
		if (a->truncated)
			return 0;
		a->truncated = true;
		cJSON *t = cJSON_CreateObject();
		if (t)
			cJSON_AddNumberToObject(t, "budget_bytes", (double)AUDIT_MAX_RUN_BYTES);
		return audit_emit(a, "audit_truncated", t);
	}
	a->bytes += len;
	int r = 0;
	if (a->sink == POLICY_AUDIT_HOST && a->host_fn) {
		/* Re-parse the scrubbed text so the writer never sees a secret. */
		cJSON *msg = cjparse(s, strlen(s));
		if (msg)
			a->host_fn(a->host_ctx, msg);
		else
			r = -ENOMEM;
	} else if (a->fd >= 0) {
		size_t n = strlen(s);
		s[n] = '\n'; /* replaces the NUL: written as one write() where possible */
		/* A line is written whole or not at all: on failure the file is
		 * cut back to where it ended, so no partial line stays behind. */
		struct stat st;
		bool known = fstat(a->fd, &st) == 0 && S_ISREG(st.st_mode);
		r = write_all(a->fd, s, n + 1);
		if (r < 0 && known && ftruncate(a->fd, st.st_size) < 0) {
			/* the write error is what the caller reports */
		}
	} else {
		r = -EBADF;
	}
	free(s);
	cJSON_Delete(line);
	return r;
}

static cJSON *limits_json(const struct limits *l)
{
	static const char *const cg[] = {"auto", "required", "off"};
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "wall_ms", (double)l->wall_ms);
	cJSON_AddNumberToObject(o, "cpu_ms", (double)l->cpu_ms);
	cJSON_AddNumberToObject(o, "memory_bytes", (double)l->memory_bytes);
	cJSON_AddNumberToObject(o, "heap_bytes", (double)l->heap_bytes);
	cJSON_AddNumberToObject(o, "pids", (double)l->pids);
	cJSON_AddNumberToObject(o, "output_bytes", (double)l->output_bytes);
	cJSON_AddNumberToObject(o, "tool_calls", (double)l->tool_calls);
	cJSON_AddNumberToObject(o, "max_frame", (double)l->max_frame);
	cJSON_AddNumberToObject(o, "max_inflight", (double)l->max_inflight);
	cJSON_AddNumberToObject(o, "stack_bytes", (double)l->stack_bytes);
	cJSON_AddStringToObject(o, "cgroup", cg[l->cgroup]);
	return o;
}

int audit_run_start(struct audit *a, const struct policy *p, const void *code, size_t code_len, const char *filename)
{
	char ph[65], ch[65];
	if (!a || a->sink == POLICY_AUDIT_OFF)
		return 0;
	policy_hash_hex(p, ph);
	sha256_hex(code ? code : "", code ? code_len : 0, ch);
	cJSON *ev = cJSON_CreateObject();
	if (!ev)
		return -ENOMEM;
	cJSON_AddStringToObject(ev, "policy_sha256", ph);
	cJSON_AddStringToObject(ev, "code_sha256", ch);
	cJSON_AddNumberToObject(ev, "code_bytes", (double)code_len);
	if (filename)
		cJSON_AddStringToObject(ev, "filename", filename);
	cJSON_AddItemToObject(ev, "limits", limits_json(policy_limits(p)));
	return audit_emit(a, "run_start", ev);
}

int audit_decision(struct audit *a, const char *kind, const char *what, enum policy_verdict v, const char *rule,
                   cJSON *detail)
{
	if (!a || a->sink == POLICY_AUDIT_OFF) {
		cJSON_Delete(detail);
		return 0;
	}
	cJSON *ev = cJSON_CreateObject();
	if (!ev) {
		cJSON_Delete(detail);
		return -ENOMEM;
	}
	cJSON_AddStringToObject(ev, "kind", kind);
	cJSON_AddStringToObject(ev, "what", what ? what : "");
	cJSON_AddStringToObject(ev, "verdict", policy_verdict_name(v));
	cJSON_AddStringToObject(ev, "rule", rule ? rule : "");
	if (detail)
		cJSON_AddItemToObject(ev, "detail", detail);
	return audit_emit(a, "decision", ev);
}

int audit_approval(struct audit *a, enum policy_approval_kind k, const char *key, bool allow, const char *source)
{
	if (!a || a->sink == POLICY_AUDIT_OFF)
		return 0;
	cJSON *ev = cJSON_CreateObject();
	if (!ev)
		return -ENOMEM;
	cJSON_AddStringToObject(ev, "kind", policy_approval_kind_name(k));
	cJSON_AddStringToObject(ev, "key", key ? key : "");
	cJSON_AddBoolToObject(ev, "allow", allow);
	cJSON_AddStringToObject(ev, "source", source ? source : "host");
	return audit_emit(a, "approval", ev);
}

int audit_run_end(struct audit *a, const struct audit_end *e)
{
	if (!a || a->sink == POLICY_AUDIT_OFF)
		return 0;
	cJSON *ev = cJSON_CreateObject();
	if (!ev)
		return -ENOMEM;
	cJSON_AddStringToObject(ev, "status", e->status ? e->status : "");
#define N(f) cJSON_AddNumberToObject(ev, #f, (double)e->f)
	N(wall_ms);
	N(cpu_ms);
	N(memory_peak_bytes);
	N(tool_calls);
	N(fs_ops);
	N(fetches);
	N(denials);
	N(approvals);
	N(output_bytes);
	N(net_bytes_in);
	N(net_bytes_out);
	N(fs_bytes_read);
	N(fs_bytes_written);
#undef N
	if (a->dropped)
		cJSON_AddNumberToObject(ev, "audit_dropped", (double)a->dropped);
	return audit_emit(a, "run_end", ev);
}

void audit_close(struct audit *a)
{
	if (!a)
		return;
	if (a->own_fd && a->fd >= 0)
		close(a->fd);
	for (size_t i = 0; i < a->n_redact; i++) {
		explicit_bzero(a->redact[i], strlen(a->redact[i]));
		free(a->redact[i]);
	}
	free(a);
}
