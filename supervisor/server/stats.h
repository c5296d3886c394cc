/* stats: the server's counters (runs by status, latency quantiles, the
 * per-run supervisors' own CPU and peak RSS) and their two renderings: a
 * JSON object for the "stats" message and the Prometheus text exposition
 * for "metrics".
 * Runs in: server (S). Input: events the server itself records. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "report.h"

/* Latencies kept for the quantiles: the last 4096 runs is enough for a
 * stable p99 (40 samples above it) and costs 32 KiB. */
#define STATS_LATENCY_RING 4096

struct stats {
	uint64_t started;               /* runs handed to a supervisor */
	uint64_t by_status[RUN__COUNT]; /* results sent, by status */
	uint64_t refused;               /* starts answered busy without queueing */
	uint64_t pool_hits;             /* starts handed a pooled sandbox */
	uint64_t pool_waited;           /* of those, one still being spawned (the start waited for it) */
	uint64_t pool_reused;           /* of those, by a supervisor that served its connection before */
	uint64_t lat_us[STATS_LATENCY_RING];
	size_t lat_n, lat_next;
	/* per-run supervisors (R), from each one's own getrusage after each
	 * run (its trailer): a reused R counts once per run it served */
	uint64_t sup_count, sup_cpu_us_total, sup_cpu_us_max, sup_maxrss_kb_max, sup_maxrss_kb_last;
};

/* The live numbers the server owns, passed in when rendering. */
struct stats_gauges {
	uint64_t running, queued, pool_idle, pool_ready, pool_bound, pool_target, connections, server_rss_bytes;
	int draining;
};

void stats_init(struct stats *s);
/* One result sent to a client: its status and request-to-result time. */
void stats_result(struct stats *s, enum run_status st, uint64_t latency_us);
void stats_supervisor(struct stats *s, uint64_t cpu_us, uint64_t maxrss_kb);
/* The q-quantile (0..1) of the kept latencies in microseconds, 0 if none. */
uint64_t stats_latency_quantile(const struct stats *s, double q);
/* {runs:{started, running, queued, by_status:{...}}, latency_ms:{p50,p99},
 * pool:{idle,ready,target,hits,waited,bound,reused}, supervisor:{count,cpu_ms_total,cpu_ms_max,
 * maxrss_bytes_max,maxrss_bytes_last}, server:{rss_bytes, connections,
 * draining}} added to o. */
void stats_to_json(const struct stats *s, const struct stats_gauges *g, cJSON *o);
/* The Prometheus text format (version 0.0.4). Caller frees; NULL on ENOMEM. */
char *stats_prometheus(const struct stats *s, const struct stats_gauges *g);
/* This process's resident set in bytes (/proc/self/statm), 0 if unknown. */
uint64_t stats_self_rss(void);
