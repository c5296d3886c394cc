/* serveopts: see serveopts.h. */
#include "serveopts.h"

#include <errno.h>
#include <getopt.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "listen.h"
#include "metricshttp.h"
#include "policy.h"
#include "run.h"

static void usage(FILE *f)
{
	fputs("usage: codecell serve --socket PATH [options]\n"
	      "       codecell serve --stdio [options]\n"
	      "       codecell serve [options]       (systemd socket activation)\n"
	      "\n"
	      "A long-lived server: each connection speaks the NDJSON host protocol with a\n"
	      "\"run\" id on every line (docs/SERVE.md); every run gets its own supervisor\n"
	      "process and a fresh sandbox.\n"
	      "\n"
	      "  --socket PATH          listen on a Unix socket at PATH\n"
	      "  --socket-mode MODE     its permissions, octal (default 0660)\n"
	      "  --socket-group GROUP   its group (name or number)\n"
	      "  --stdio                one connection on stdin/stdout\n"
	      "  --policy NAME=FILE     a named policy a start selects with \"policy_name\"\n"
	      "                         (repeatable; NAME \"default\" serves starts without one)\n"
	      "  --max-runs N           runs at once (default 8)\n"
	      "  --max-queue N          starts waiting for a slot (default 64)\n"
	      "  --queue-timeout DUR    a start waiting longer ends \"busy\" (default 10s)\n"
	      "  --drain-timeout DUR    on SIGTERM, how long running runs may finish (default 30s)\n"
	      "  --pool N               sandboxes kept spawned and waiting (default 2 per CPU)\n"
	      "  --reuse N              runs one supervisor process serves, one after another and\n"
	      "                         for one connection only (default 64; 1: one per run)\n"
	      "  --no-template          exec a fresh guest per run instead of cloning each run\n"
	      "                         from the template guest (docs/SECURITY.md, Template guest)\n"
	      "  --no-pretouch          a pooled sandbox does not touch ahead, while it waits, the\n"
	      "                         memory a run will touch: less CPU per run at full load,\n"
	      "                         more latency per request (docs/PERFORMANCE.md, round 10)\n"
	      "  --no-heapown           a pooled sandbox shares the template's heap page by page\n"
	      "                         instead of copying it onto a huge page of its own: 2 MiB\n"
	      "                         less memory per waiting sandbox, more CPU per run\n"
	      "                         (docs/PERFORMANCE.md, round 15)\n"
	      "  --cgroup-parent DIR    delegated cgroup v2 directory for the runs\n"
	      "  --metrics HOST:PORT    serve the Prometheus metrics over HTTP at /metrics\n"
	      "                         (PORT alone: 127.0.0.1; libmicrohttpd)\n"
	      "  --require WALLS        as codecell run --require\n"
	      "  -h, --help             print this help\n"
	      "Signals: SIGTERM/SIGINT drain and exit; SIGHUP reloads the named policies.\n",
	      f);
}

unsigned serveopts_cpus(void)
{
	cpu_set_t set;
	if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
		return (unsigned)CPU_COUNT(&set);
	return 1;
}

/* SERVE_DEFAULT_POOL_PER_CPU for each CPU this process may run on. */
static unsigned default_pool(void)
{
	unsigned n = serveopts_cpus() * SERVE_DEFAULT_POOL_PER_CPU;
	if (n < SERVE_DEFAULT_POOL_MIN)
		n = SERVE_DEFAULT_POOL_MIN;
	return n > SERVE_POOL_CEILING ? SERVE_POOL_CEILING : n;
}

__attribute__((format(printf, 1, 0))) static int bad(const char *fmt, const char *arg)
{
	fprintf(stderr, "codecell serve: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n(see codecell serve --help)\n");
	return 2;
}

static int count(const char *s, unsigned lo, unsigned hi, unsigned *out)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (errno || *end || end == s || *s == '-' || v < lo || v > hi)
		return -1;
	*out = (unsigned)v;
	return 0;
}

enum {
	O_SOCKET = 256,
	O_MODE,
	O_GROUP,
	O_STDIO,
	O_POLICY,
	O_MAX_RUNS,
	O_MAX_QUEUE,
	O_QUEUE_TIMEOUT,
	O_DRAIN_TIMEOUT,
	O_POOL,
	O_NO_TEMPLATE,
	O_NO_PRETOUCH,
	O_NO_HEAPOWN,
	O_REUSE,
	O_CGROUP_PARENT,
	O_REQUIRE,
	O_METRICS,
};

int serveopts_parse(int argc, char **argv, struct serve_opts *o)
{
	static const struct option opts[] = {
	        {"socket", required_argument, NULL, O_SOCKET},
	        {"socket-mode", required_argument, NULL, O_MODE},
	        {"socket-group", required_argument, NULL, O_GROUP},
	        {"stdio", no_argument, NULL, O_STDIO},
	        {"policy", required_argument, NULL, O_POLICY},
	        {"max-runs", required_argument, NULL, O_MAX_RUNS},
	        {"max-queue", required_argument, NULL, O_MAX_QUEUE},
	        {"queue-timeout", required_argument, NULL, O_QUEUE_TIMEOUT},
	        {"drain-timeout", required_argument, NULL, O_DRAIN_TIMEOUT},
	        {"pool", required_argument, NULL, O_POOL},
	        {"no-template", no_argument, NULL, O_NO_TEMPLATE},
	        {"no-pretouch", no_argument, NULL, O_NO_PRETOUCH},
	        {"no-heapown", no_argument, NULL, O_NO_HEAPOWN},
	        {"reuse", required_argument, NULL, O_REUSE},
	        {"cgroup-parent", required_argument, NULL, O_CGROUP_PARENT},
	        {"require", required_argument, NULL, O_REQUIRE},
	        {"metrics", required_argument, NULL, O_METRICS},
	        {"help", no_argument, NULL, 'h'},
	        {0},
	};
	*o = (struct serve_opts){
	        .socket_mode = 0660,
	        .socket_gid = (gid_t)-1,
	        .max_runs = SERVE_DEFAULT_MAX_RUNS,
	        .max_queue = SERVE_DEFAULT_MAX_QUEUE,
	        .pool = default_pool(),
	        .reuse = SERVE_DEFAULT_REUSE,
	        .queue_timeout_ms = SERVE_DEFAULT_QUEUE_TIMEOUT,
	        .drain_timeout_ms = SERVE_DEFAULT_DRAIN_TIMEOUT,
	};
	int c;
	char err[300];
	optind = 1;
	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (c) {
		case O_SOCKET: o->socket_path = optarg; break;
		case O_MODE:
			if (listen_parse_mode(optarg, &o->socket_mode) < 0)
				return bad("--socket-mode takes an octal mode such as 0660, not '%s'", optarg);
			break;
		case O_GROUP:
			if (listen_parse_group(optarg, &o->socket_gid) < 0)
				return bad("--socket-group: no group '%s'", optarg);
			break;
		case O_STDIO: o->stdio = true; break;
		case O_NO_TEMPLATE: o->no_template = true; break;
		case O_NO_PRETOUCH: o->no_pretouch = true; break;
		case O_NO_HEAPOWN: o->no_heapown = true; break;
		case O_POLICY:
			if (policyset_add(&o->policies, optarg, err, sizeof err) < 0)
				return bad("%s", err);
			break;
		case O_MAX_RUNS:
			if (count(optarg, 1, SERVE_MAX_RUNS_CEILING, &o->max_runs) < 0)
				return bad("--max-runs takes 1..1024, not '%s'", optarg);
			break;
		case O_MAX_QUEUE:
			if (count(optarg, 0, SERVE_MAX_QUEUE_CEILING, &o->max_queue) < 0)
				return bad("--max-queue takes 0..65536, not '%s'", optarg);
			break;
		case O_POOL:
			if (count(optarg, 0, SERVE_POOL_CEILING, &o->pool) < 0)
				return bad("--pool takes 0..64, not '%s'", optarg);
			break;
		case O_REUSE:
			if (count(optarg, 1, SERVE_REUSE_CEILING, &o->reuse) < 0)
				return bad("--reuse takes 1..4096, not '%s'", optarg);
			break;
		case O_QUEUE_TIMEOUT:
		case O_DRAIN_TIMEOUT: {
			/* The one duration grammar (policy_parse_duration). */
			uint64_t ms;
			if (policy_parse_duration(optarg, &ms) < 0)
				return bad("a duration such as 5s, 500ms or 2min, not '%s'", optarg);
			*(c == O_QUEUE_TIMEOUT ? &o->queue_timeout_ms : &o->drain_timeout_ms) = ms;
			break;
		}
		case O_CGROUP_PARENT: o->cgroup_parent = optarg; break;
		case O_METRICS:
			if (metricshttp_parse_addr(optarg, &o->metrics_addr, &o->metrics_addr_len) < 0)
				return bad(
				        "--metrics takes HOST:PORT, [IPV6]:PORT or PORT with a numeric host, not '%s'",
				        optarg);
			o->metrics = true;
			break;
		case O_REQUIRE:
			if (run_parse_require(optarg, &o->require) < 0)
				return bad("--require takes cgroup, userns-limit, hostname or all, not '%s'", optarg);
			break;
		case 'h': usage(stdout); return 1;
		default: usage(stderr); return 2;
		}
	}
	if (optind < argc)
		return bad("unexpected argument '%s'", argv[optind]);
	if (o->stdio && o->socket_path)
		return bad("%s", "--stdio and --socket are exclusive");
	return 0;
}
