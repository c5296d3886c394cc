/* stats: see stats.h. */
#include "stats.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void stats_init(struct stats *s)
{
	memset(s, 0, sizeof(*s));
}

void stats_result(struct stats *s, enum run_status st, uint64_t latency_us)
{
	if (st < RUN__COUNT)
		s->by_status[st]++;
	s->lat_us[s->lat_next] = latency_us;
	s->lat_next = (s->lat_next + 1) % STATS_LATENCY_RING;
	if (s->lat_n < STATS_LATENCY_RING)
		s->lat_n++;
}

void stats_supervisor(struct stats *s, uint64_t cpu_us, uint64_t maxrss_kb)
{
	s->sup_count++;
	s->sup_cpu_us_total += cpu_us;
	if (cpu_us > s->sup_cpu_us_max)
		s->sup_cpu_us_max = cpu_us;
	if (maxrss_kb > s->sup_maxrss_kb_max)
		s->sup_maxrss_kb_max = maxrss_kb;
	s->sup_maxrss_kb_last = maxrss_kb;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

uint64_t stats_latency_quantile(const struct stats *s, double q)
{
	if (s->lat_n == 0)
		return 0;
	uint64_t tmp[STATS_LATENCY_RING];
	memcpy(tmp, s->lat_us, s->lat_n * sizeof tmp[0]);
	qsort(tmp, s->lat_n, sizeof tmp[0], cmp_u64);
	size_t i = (size_t)(q * (double)(s->lat_n - 1) + 0.5);
	return tmp[i < s->lat_n ? i : s->lat_n - 1];
}

uint64_t stats_self_rss(void)
{
	FILE *f = fopen("/proc/self/statm", "re");
	unsigned long long size, res;
	uint64_t v = 0;
	if (f && fscanf(f, "%llu %llu", &size, &res) == 2)
		v = (uint64_t)res * (uint64_t)sysconf(_SC_PAGESIZE);
	if (f)
		fclose(f);
	return v;
}

static void num(cJSON *o, const char *k, uint64_t v)
{
	cJSON_AddNumberToObject(o, k, (double)v);
}

void stats_to_json(const struct stats *s, const struct stats_gauges *g, cJSON *o)
{
	cJSON *runs = cJSON_AddObjectToObject(o, "runs");
	num(runs, "started", s->started);
	num(runs, "running", g->running);
	num(runs, "queued", g->queued);
	num(runs, "refused", s->refused);
	cJSON *bs = cJSON_AddObjectToObject(runs, "by_status");
	for (int i = 0; i < RUN__COUNT; i++)
		num(bs, report_status_name((enum run_status)i), s->by_status[i]);
	cJSON *lat = cJSON_AddObjectToObject(o, "latency_ms");
	cJSON_AddNumberToObject(lat, "p50", (double)stats_latency_quantile(s, 0.50) / 1000.0);
	cJSON_AddNumberToObject(lat, "p99", (double)stats_latency_quantile(s, 0.99) / 1000.0);
	num(lat, "samples", s->lat_n);
	cJSON *pool = cJSON_AddObjectToObject(o, "pool");
	num(pool, "idle", g->pool_idle);
	num(pool, "ready", g->pool_ready);
	num(pool, "target", g->pool_target);
	num(pool, "hits", s->pool_hits);
	num(pool, "waited", s->pool_waited);
	num(pool, "bound", g->pool_bound);
	num(pool, "reused", s->pool_reused);
	cJSON *sup = cJSON_AddObjectToObject(o, "supervisor");
	num(sup, "count", s->sup_count);
	cJSON_AddNumberToObject(sup, "cpu_ms_total", (double)s->sup_cpu_us_total / 1000.0);
	cJSON_AddNumberToObject(sup, "cpu_ms_max", (double)s->sup_cpu_us_max / 1000.0);
	num(sup, "maxrss_bytes_max", s->sup_maxrss_kb_max * 1024);
	num(sup, "maxrss_bytes_last", s->sup_maxrss_kb_last * 1024);
	cJSON *srv = cJSON_AddObjectToObject(o, "server");
	num(srv, "rss_bytes", g->server_rss_bytes);
	num(srv, "connections", g->connections);
	cJSON_AddBoolToObject(srv, "draining", g->draining);
}

/* An appending printf into a growing buffer; a failed append marks it. */
struct buf {
	char *p;
	size_t len, cap;
	int bad;
};

__attribute__((format(printf, 2, 3))) static void put(struct buf *b, const char *fmt, ...)
{
	for (;;) {
		va_list ap;
		va_start(ap, fmt);
		int n = vsnprintf(b->p ? b->p + b->len : NULL, b->p ? b->cap - b->len : 0, fmt, ap);
		va_end(ap);
		if (n < 0) {
			b->bad = 1;
			return;
		}
		if (b->p && b->len + (size_t)n < b->cap) {
			b->len += (size_t)n;
			return;
		}
		size_t ncap = b->cap ? b->cap * 2 : 4096;
		while (ncap <= b->len + (size_t)n)
			ncap *= 2;
		char *np = realloc(b->p, ncap);
		if (!np) {
			b->bad = 1;
			return;
		}
		b->p = np;
		b->cap = ncap;
	}
}

/* One metric with a single sample: its HELP and TYPE lines and its value,
 * the name written once. */
static void metric(struct buf *b, const char *name, const char *type, const char *help, unsigned long long v)
{
	put(b, "# HELP %s %s\n# TYPE %s %s\n%s %llu\n", name, help, name, type, name, v);
}

static void metric_f(struct buf *b, const char *name, const char *type, const char *help, double v)
{
	put(b, "# HELP %s %s\n# TYPE %s %s\n%s %.6f\n", name, help, name, type, name, v);
}

char *stats_prometheus(const struct stats *s, const struct stats_gauges *g)
{
	struct buf b = {0};
	metric(&b, "codecell_runs_started_total", "counter", "Runs handed to a per-run supervisor.", s->started);
	put(&b, "# HELP codecell_runs_total Results sent, by status.\n# TYPE codecell_runs_total counter\n");
	for (int i = 0; i < RUN__COUNT; i++)
		put(&b, "codecell_runs_total{status=\"%s\"} %llu\n", report_status_name((enum run_status)i),
		    (unsigned long long)s->by_status[i]);
	metric(&b, "codecell_runs_running", "gauge", "Runs in progress.", g->running);
	metric(&b, "codecell_runs_queued", "gauge", "Starts waiting for a slot.", g->queued);
	metric(&b, "codecell_pool_idle", "gauge", "Sandboxes spawned and waiting for a program.", g->pool_idle);
	metric(&b, "codecell_pool_ready", "gauge",
	       "Of the idle sandboxes, those spawned whole: a program handed to one starts at once.", g->pool_ready);
	metric(&b, "codecell_pool_hits_total", "counter", "Starts handed a pooled sandbox, ready or still spawning.",
	       s->pool_hits);
	metric(&b, "codecell_pool_waited_total", "counter",
	       "Starts handed a pooled sandbox still being spawned, which they waited for.", s->pool_waited);
	metric(&b, "codecell_pool_bound", "gauge",
	       "Of the idle sandboxes, those whose supervisor serves one connection's next run.", g->pool_bound);
	metric(&b, "codecell_pool_reused_total", "counter",
	       "Starts handed a sandbox whose supervisor served the same connection before.", s->pool_reused);
	put(&b,
	    "# HELP codecell_run_latency_seconds Request to result, over the last %d runs.\n"
	    "# TYPE codecell_run_latency_seconds summary\n"
	    "codecell_run_latency_seconds{quantile=\"0.5\"} %.6f\n"
	    "codecell_run_latency_seconds{quantile=\"0.99\"} %.6f\n"
	    "codecell_run_latency_seconds_count %llu\n",
	    STATS_LATENCY_RING, (double)stats_latency_quantile(s, 0.5) / 1e6,
	    (double)stats_latency_quantile(s, 0.99) / 1e6, (unsigned long long)s->lat_n);
	metric_f(&b, "codecell_supervisor_cpu_seconds_total", "counter",
	         "CPU time of the per-run supervisors themselves.", (double)s->sup_cpu_us_total / 1e6);
	metric(&b, "codecell_supervisor_maxrss_bytes", "gauge", "Largest peak RSS of a per-run supervisor.",
	       s->sup_maxrss_kb_max * 1024);
	metric(&b, "codecell_server_rss_bytes", "gauge", "Resident set of the server process.", g->server_rss_bytes);
	metric(&b, "codecell_server_draining", "gauge", "1 while the server drains after SIGTERM.",
	       (unsigned long long)g->draining);
	if (b.bad) {
		free(b.p);
		return NULL;
	}
	return b.p;
}
