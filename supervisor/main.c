/* codecell: command-line entry point.
 * Runs in: supervisor. Input: argv from the host or operator (trusted, but
 * every value is range-checked with a clear message), the program file. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "frame.h"
#include "host.h"
#include "mcpmain.h"
#include "policy.h"
#include "run.h"
#include "sandbox.h"
#include "runclient.h"
#include "serve.h"
#include "template.h"
#include "typescmd.h"
#include "util.h"

/* A program is source text a model wrote: 4 MiB is far above any real one
 * and keeps a mistaken binary from being slurped whole. */
#define MAIN_MAX_PROGRAM (4u << 20)
/* --template=K: enough runs through one template for a pollution probe or
 * a bench, few enough that a typo does not run for minutes. */
#define MAIN_MAX_TEMPLATE_RUNS 1000

static void usage(FILE *f)
{
	fputs("usage: codecell run [options] [FILE|-]\n"
	      "       codecell serve --socket PATH | --stdio [options]  (codecell serve --help)\n"
	      "       codecell policy check|show FILE...\n"
	      "       codecell mcp --config FILE     (an MCP server; see codecell-mcp(1))\n"
	      "       codecell types [FILE|-]        (TypeScript declarations for MCP tools)\n"
	      "       codecell -V|--version\n"
	      "\n"
	      "The program is FILE, or standard input when FILE is - (or absent and stdin\n"
	      "is not a terminal). Plain mode prints the result as JSON on stdout.\n"
	      "\n"
	      "run options:\n"
	      "  --host                 speak the NDJSON host protocol on stdin/stdout (docs/PROTOCOL.md)\n"
	      "  --json                 plain mode: print the whole result (status, stats, enforced) as JSON\n"
	      "  --pretty               plain mode: indent printed JSON by two spaces\n"
	      "  --require WALLS        fail instead of running with a wall missing:\n"
	      "                         cgroup, userns-limit, hostname or all (comma-separated)\n"
	      "  --policy FILE          operator policy (docs/POLICY.md); default: the built-in strict policy\n"
	      "  --timeout DURATION     wall-clock limit, e.g. 5s, 500ms, 2min (units: ms, s, min, h)\n"
	      "  --cpu DURATION         CPU-time limit\n"
	      "  --memory SIZE          memory limit of the sandbox, e.g. 256MiB (units: B, KiB, MiB, GiB, TiB)\n"
	      "  --heap SIZE            JavaScript heap limit inside the guest\n"
	      "  --max-output SIZE      limit on logs, result and fs/fetch replies\n"
	      "  --max-tool-calls N     limit on tool calls\n"
	      "  (each limit option is checked against the same range as the policy's \"limits\")\n"
	      "  --max-frame SIZE       largest guest message\n"
	      "  --cgroup MODE          auto | required | off\n"
	      "  --cgroup-parent DIR    delegated cgroup v2 directory to create runs under\n"
	      "  --namespace NAME       tool namespace the program sees (default codemode)\n"
	      "  --filename NAME        name used in stack traces\n"
	      "  --workspace DIR        host directory mounted as /workspace (if the policy maps it)\n"
	      "  --server PATH          run in a pooled sandbox of the codecell serve listening at PATH\n"
	      "                         (its policies and walls; output and exit codes as here; docs/SERVE.md)\n"
	      "  --policy-name NAME     with --server: the server's policy NAME (codecell serve --policy)\n"
	      "  -h, --help             print this help\n"
	      "testing only:\n"
	      "  --guest PATH           run another static guest binary (security probes)\n"
	      "  --guest-arg ARG        extra argument for the guest (repeatable)\n"
	      "  --no-image             build the guest's heap from its prelude instead of\n"
	      "                         copying the built image beside it (slower; to compare)\n"
	      "  --unsafe-disable LIST  leave sandbox layers out: seccomp,netns,capdrop,... (reported)\n"
	      "  --template[=K]         start a template guest in this process and spawn the run\n"
	      "                         through it, K times (default 1) through the same template\n"
	      "                         (docs/SECURITY.md \"Template guest\"; the server's path)\n",
	      f);
}

static int die_usage(const char *fmt, const char *arg)
{
	fprintf(stderr, "codecell: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n(see codecell run --help)\n");
	return 2;
}

/* Parses --unsafe-disable's comma-separated layer names. */
static int parse_disable(const char *list, unsigned *out)
{
	static const struct {
		const char *name;
		unsigned bit;
	} layers[] = {
	        {"seccomp", SANDBOX_NO_SECCOMP}, {"netns", SANDBOX_NO_NETNS},
	        {"capdrop", SANDBOX_NO_CAPDROP}, {"pivot", SANDBOX_NO_PIVOT},
	        {"rlimits", SANDBOX_NO_RLIMITS}, {"userns-limit", SANDBOX_NO_USERNS_LIMIT},
	};
	char *copy = strdup(list), *save = NULL;
	if (!copy)
		return -ENOMEM;
	int r = 0;
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		size_t i;
		for (i = 0; i < sizeof(layers) / sizeof(layers[0]); i++)
			if (!strcmp(t, layers[i].name))
				break;
		if (i == sizeof(layers) / sizeof(layers[0])) {
			r = -EINVAL;
			break;
		}
		*out |= layers[i].bit;
	}
	free(copy);
	return r;
}

static int read_program(const char *path, char **out, size_t *len)
{
	int fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	int r = util_read_alloc(fd, MAIN_MAX_PROGRAM, false, out, len);
	if (fd != STDIN_FILENO)
		close(fd);
	return r;
}

/* The guest binary: $CODECELL_GUEST, else found relative to this
 * executable, never through a path compiled in (an installed binary must
 * not reach back into the tree it was built in): the installed layout
 * (CODECELL_LIBEXEC_REL, bindir -> libexecdir/codecell, from meson), the
 * two side by side (a container image or VM that copies both into one
 * directory), then the build tree (build/supervisor/codecell ->
 * build/guest/). When none exists the installed path is returned, so the
 * run's error names where the guest was expected. */
static const char *find_guest(char *buf, size_t len)
{
	static const char *const rel[] = {CODECELL_LIBEXEC_REL "/codecell-guest", "codecell-guest",
	                                  "../guest/codecell-guest"};
	const char *env = getenv("CODECELL_GUEST");
	if (env && *env)
		return env;
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0)
		return "codecell-guest";
	self[n] = '\0';
	char *slash = strrchr(self, '/');
	if (slash)
		*slash = '\0';
	for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
		int w = snprintf(buf, len, "%s/%s", self, rel[i]);
		if (w > 0 && (size_t)w < len && access(buf, X_OK) == 0)
			return buf;
	}
	int w = snprintf(buf, len, "%s/%s", self, rel[0]);
	return w > 0 && (size_t)w < len ? buf : "codecell-guest";
}

enum {
	OPT_HOST = 256,
	OPT_POLICY,
	OPT_TIMEOUT,
	OPT_CPU,
	OPT_MEMORY,
	OPT_HEAP,
	OPT_MAX_OUTPUT,
	OPT_MAX_TOOL_CALLS,
	OPT_MAX_FRAME,
	OPT_CGROUP,
	OPT_CGROUP_PARENT,
	OPT_NAMESPACE,
	OPT_FILENAME,
	OPT_WORKSPACE,
	OPT_GUEST,
	OPT_GUEST_ARG,
	OPT_NO_IMAGE,
	OPT_TEMPLATE,
	OPT_UNSAFE_DISABLE,
	OPT_SERVER,
	OPT_POLICY_NAME,
	OPT_HELP,
	OPT_JSON,
	OPT_PRETTY,
	OPT_REQUIRE,
};

/* TEST-ONLY (--template): starts a template guest here, with the layers
 * the run leaves out, and does k runs of the same program through it, each
 * on its own channel: the server's path (S and R are this one process), so
 * that the security and integration suites can run against template
 * children. Returns the last run's exit code, or the first nonzero one. */
static int run_through_template(struct run_config *cfg, long k)
{
	char err[512];
	struct sandbox_template *t = NULL;
	int e = sandbox_template_start_guest(cfg->guest_path, cfg->disable, 0, &t, err, sizeof err);
	if (e < 0) {
		/* Still one run and its result (sandbox_error), as the exec
		 * path gives for a guest that cannot start: its spawn finds
		 * the channel closed. */
		fprintf(stderr, "codecell: template: %s\n", err);
		int sv[2];
		if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
			return 2;
		close(sv[1]);
		cfg->template_chan = sv[0];
		int r = run_main(cfg);
		close(sv[0]);
		cfg->template_chan = -1;
		return r;
	}
	int rc = 0;
	for (long i = 0; i < k; i++) {
		int chan = sandbox_template_connect(t);
		if (chan < 0) {
			fprintf(stderr, "codecell: template: connect: %s\n", strerror(-chan));
			rc = 2;
			break;
		}
		cfg->template_chan = chan;
		int r = run_main(cfg);
		close(chan);
		if (rc == 0)
			rc = r;
	}
	cfg->template_chan = -1;
	sandbox_template_stop(t);
	return rc;
}

/* A limit given on the command line: its option, its policy key, its text. */
struct limit_opt {
	const char *flag, *key, *text;
};

/* `codecell run --server`: the checks and the reading plain mode does
 * here, then the run itself in the server's sandbox (runclient.h). over:
 * the limit options, checked with the policy grammar as plain mode checks
 * them (the server then holds them to its policy's own). */
static int run_via_server(struct runclient_opts *ro, const char *prog, const struct limit_opt *over, size_t n_over)
{
	/* The grammar and ranges alone: the values the server holds them to
	 * are its policy's. */
	struct limits lim = {0};
	for (size_t i = 0; i < n_over; i++) {
		char why[300];
		if (policy_limit_override(&lim, over[i].key, over[i].text, why, sizeof(why)) < 0) {
			fprintf(stderr, "codecell: %s: %s\n(see codecell run --help)\n", over[i].flag, why);
			return 2;
		}
	}
	if (!prog) {
		if (isatty(STDIN_FILENO))
			return die_usage("no program given: name a FILE, or pipe one in (- reads %s)",
			                 "standard input");
		prog = "-";
	}
	char *code = NULL;
	size_t code_len = 0;
	int e = read_program(prog, &code, &code_len);
	if (e < 0) {
		fprintf(stderr, "codecell: cannot read %s: %s\n", prog,
		        e == -EFBIG ? "larger than 4 MiB" : strerror(-e));
		return 2;
	}
	ro->code = code;
	ro->code_len = code_len;
	if (!ro->filename)
		ro->filename = strcmp(prog, "-") ? prog : "stdin.js";
	/* The server resolves paths from its own working directory. */
	char ws[PATH_MAX];
	if (ro->workspace) {
		if (!realpath(ro->workspace, ws)) {
			fprintf(stderr, "codecell: --workspace %s: %s\n", ro->workspace, strerror(errno));
			free(code);
			return 2;
		}
		ro->workspace = ws;
	}
	int rc = runclient_main(ro);
	free(code);
	return rc;
}

static int cmd_run(int argc, char **argv)
{
	static const struct option opts[] = {
	        {"host", no_argument, NULL, OPT_HOST},
	        {"json", no_argument, NULL, OPT_JSON},
	        {"pretty", no_argument, NULL, OPT_PRETTY},
	        {"require", required_argument, NULL, OPT_REQUIRE},
	        {"policy", required_argument, NULL, OPT_POLICY},
	        {"timeout", required_argument, NULL, OPT_TIMEOUT},
	        {"cpu", required_argument, NULL, OPT_CPU},
	        {"memory", required_argument, NULL, OPT_MEMORY},
	        {"heap", required_argument, NULL, OPT_HEAP},
	        {"max-output", required_argument, NULL, OPT_MAX_OUTPUT},
	        {"max-tool-calls", required_argument, NULL, OPT_MAX_TOOL_CALLS},
	        {"max-frame", required_argument, NULL, OPT_MAX_FRAME},
	        {"cgroup", required_argument, NULL, OPT_CGROUP},
	        {"cgroup-parent", required_argument, NULL, OPT_CGROUP_PARENT},
	        {"namespace", required_argument, NULL, OPT_NAMESPACE},
	        {"filename", required_argument, NULL, OPT_FILENAME},
	        {"workspace", required_argument, NULL, OPT_WORKSPACE},
	        {"guest", required_argument, NULL, OPT_GUEST},
	        {"guest-arg", required_argument, NULL, OPT_GUEST_ARG},
	        {"no-image", no_argument, NULL, OPT_NO_IMAGE},
	        {"template", optional_argument, NULL, OPT_TEMPLATE},
	        {"unsafe-disable", required_argument, NULL, OPT_UNSAFE_DISABLE},
	        {"server", required_argument, NULL, OPT_SERVER},
	        {"policy-name", required_argument, NULL, OPT_POLICY_NAME},
	        {"help", no_argument, NULL, OPT_HELP},
	        {0},
	};
	struct run_config cfg = {.template_chan = -1};
	long template_runs = 0;
	/* Overrides from the command line, applied on top of the policy with
	 * the policy's own grammar and range checks (policy_limit_override). */
	struct limit_opt over[16];
	size_t n_over = 0;
	const char *policy_path = NULL, *cgroup_mode = NULL, *ns_name = "codemode";
	const char *server_path = NULL, *policy_name = NULL;
	/* The first option that needs a sandbox of this process's own. */
	const char *local_only = NULL;
	bool heap_given = false;
	char *guest_args[8] = {0};
	int n_guest_args = 0;
	char guest_buf[PATH_MAX];
	int c;
	optind = 1;
	int li = -1;
	while ((c = getopt_long(argc, argv, "+h", opts, &li)) != -1) {
		static const int local[] = {OPT_HOST,  OPT_POLICY,    OPT_REQUIRE,  OPT_CGROUP,   OPT_CGROUP_PARENT,
		                            OPT_GUEST, OPT_GUEST_ARG, OPT_NO_IMAGE, OPT_TEMPLATE, OPT_UNSAFE_DISABLE};
		for (size_t i = 0; i < sizeof local / sizeof local[0] && !local_only && li >= 0; i++)
			if (c == local[i])
				local_only = opts[li].name;
		li = -1;
		switch (c) {
		case OPT_SERVER: server_path = optarg; break;
		case OPT_POLICY_NAME: policy_name = optarg; break;
		case OPT_HOST: cfg.host_mode = true; break;
		case OPT_JSON: cfg.json_report = true; break;
		case OPT_PRETTY: cfg.pretty = true; break;
		case OPT_REQUIRE:
			if (run_parse_require(optarg, &cfg.require) < 0)
				return die_usage("--require takes cgroup, userns-limit, hostname or all, not '%s'",
				                 optarg);
			break;
		case OPT_POLICY: policy_path = optarg; break;
		case OPT_TIMEOUT:
		case OPT_CPU:
		case OPT_MEMORY:
		case OPT_HEAP:
		case OPT_MAX_OUTPUT:
		case OPT_MAX_FRAME:
		case OPT_MAX_TOOL_CALLS: {
			static const struct {
				int opt;
				const char *flag, *key;
			} map[] = {
			        {OPT_TIMEOUT, "--timeout", "wall"},
			        {OPT_CPU, "--cpu", "cpu"},
			        {OPT_MEMORY, "--memory", "memory"},
			        {OPT_HEAP, "--heap", "heap"},
			        {OPT_MAX_OUTPUT, "--max-output", "output"},
			        {OPT_MAX_FRAME, "--max-frame", "max_frame"},
			        {OPT_MAX_TOOL_CALLS, "--max-tool-calls", "tool_calls"},
			};
			for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
				if (map[i].opt == c && n_over < sizeof(over) / sizeof(over[0]))
					over[n_over++] = (struct limit_opt){map[i].flag, map[i].key, optarg};
			if (c == OPT_HEAP)
				heap_given = true;
			break;
		}
		case OPT_CGROUP: cgroup_mode = optarg; break;
		case OPT_CGROUP_PARENT: cfg.cgroup_parent = optarg; break;
		case OPT_NAMESPACE: ns_name = optarg; break;
		case OPT_FILENAME: cfg.filename = optarg; break;
		case OPT_WORKSPACE: cfg.workspace = optarg; break;
		case OPT_GUEST: cfg.guest_path = optarg; break;
		case OPT_NO_IMAGE: cfg.no_image = true; break;
		case OPT_GUEST_ARG:
			if (n_guest_args >= 7)
				return die_usage("too many --guest-arg (max %s)", "7");
			guest_args[n_guest_args++] = optarg;
			break;
		case OPT_TEMPLATE: {
			char *end;
			template_runs = optarg ? strtol(optarg, &end, 10) : 1;
			if (optarg &&
			    (*end || end == optarg || template_runs < 1 || template_runs > MAIN_MAX_TEMPLATE_RUNS))
				return die_usage("--template=K takes a run count from 1 to 1000, not '%s'", optarg);
			break;
		}
		case OPT_UNSAFE_DISABLE: {
			int d = parse_disable(optarg, &cfg.disable);
			if (d < 0)
				return die_usage("unknown layer in --unsafe-disable '%s'", optarg);
			break;
		}
		case 'h':
		case OPT_HELP: usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (argc - optind > 1)
		return die_usage("more than one program given ('%s')", argv[optind + 1]);
	if (policy_name && !server_path)
		return die_usage("--policy-name names one of a server's policies: it goes with %s", "--server");
	if (server_path) {
		if (local_only)
			return die_usage("--%s needs a sandbox of this process's own: it cannot go with --server",
			                 local_only);
		struct runclient_opts ro = {.socket_path = server_path,
		                            .policy_name = policy_name,
		                            .filename = cfg.filename,
		                            .ns_name = ns_name,
		                            .workspace = cfg.workspace,
		                            .json_report = cfg.json_report,
		                            .pretty = cfg.pretty};
		for (size_t i = 0; i < n_over && ro.n_limits < RUNCLIENT_MAX_LIMITS; i++) {
			ro.limits[ro.n_limits].key = over[i].key;
			ro.limits[ro.n_limits++].text = over[i].text;
		}
		return run_via_server(&ro, optind < argc ? argv[optind] : NULL, over, n_over);
	}

	struct policy *pol = NULL;
	if (policy_path) {
		struct policy_diag diag;
		policy_diag_init(&diag);
		int e = policy_load(policy_path, &pol, &diag);
		if (e < 0) {
			for (size_t i = 0; i < diag.n; i++)
				fprintf(stderr, "%s\n", diag.msg[i]);
			if (e != -EINVAL)
				fprintf(stderr, "codecell: cannot load policy %s: %s\n", policy_path, strerror(-e));
			policy_diag_free(&diag);
			return 2;
		}
		policy_diag_free(&diag);
	} else {
		pol = policy_default();
		if (!pol) {
			fprintf(stderr, "codecell: out of memory\n");
			return 2;
		}
	}
	cfg.policy = pol;
	cfg.limits = *policy_limits(pol);
	for (size_t i = 0; i < n_over; i++) {
		char why[300];
		if (policy_limit_override(&cfg.limits, over[i].key, over[i].text, why, sizeof(why)) < 0) {
			fprintf(stderr, "codecell: %s: %s\n(see codecell run --help)\n", over[i].flag, why);
			policy_free(pol);
			return 2;
		}
	}
	if (cfg.limits.max_frame > FRAME_PAYLOAD_CEILING) {
		policy_free(pol);
		return die_usage("--max-frame above the %s ceiling", "64MiB");
	}
	if (cgroup_mode) {
		if (!strcmp(cgroup_mode, "auto"))
			cfg.limits.cgroup = CGROUP_REQ_AUTO;
		else if (!strcmp(cgroup_mode, "required"))
			cfg.limits.cgroup = CGROUP_REQ_REQUIRED;
		else if (!strcmp(cgroup_mode, "off"))
			cfg.limits.cgroup = CGROUP_REQ_OFF;
		else {
			policy_free(pol);
			return die_usage("--cgroup must be auto, required or off, not '%s'", cgroup_mode);
		}
	}
	if (!heap_given)
		limits_fit_heap(&cfg.limits);

	char *code = NULL;
	size_t code_len = 0;
	/* No FILE in plain mode: standard input when something is piped in
	 * (`echo 1+1 | codecell run`); at a terminal, say what is missing. */
	const char *prog = optind < argc ? argv[optind] : NULL;
	if (!prog && !cfg.host_mode) {
		if (isatty(STDIN_FILENO)) {
			policy_free(pol);
			return die_usage("no program given: name a FILE, or pipe one in (- reads %s)",
			                 "standard input");
		}
		prog = "-";
	}
	if (prog) {
		int e = read_program(prog, &code, &code_len);
		if (e < 0) {
			fprintf(stderr, "codecell: cannot read %s: %s\n", prog,
			        e == -EFBIG ? "larger than 4 MiB" : strerror(-e));
			policy_free(pol);
			return 2;
		}
		if (!cfg.filename)
			cfg.filename = strcmp(prog, "-") ? prog : "stdin.js";
	}
	cfg.code = code;
	cfg.code_len = code_len;
	/* TEST-ONLY: meson test --setup template runs the suites' `codecell
	 * run`s through a template guest (docs/SECURITY.md "Template guest");
	 * the stand-in guests of the tests (evilguest, the security probe)
	 * have a template mode too. */
	if (!template_runs && getenv("CODECELL_TEST_TEMPLATE"))
		template_runs = 1;
	cfg.guest_path = cfg.guest_path ? cfg.guest_path : find_guest(guest_buf, sizeof(guest_buf));
	cfg.guest_args = n_guest_args ? guest_args : NULL;

	cJSON *ns = cJSON_CreateObject();
	cJSON_AddNullToObject(ns, ns_name);
	char err[256];
	if (host_check_namespaces(ns, err, sizeof(err)) < 0) {
		cJSON_Delete(ns);
		free(code);
		policy_free(pol);
		return die_usage("%s", err);
	}
	cfg.namespaces = ns;
	cJSON *env = cJSON_CreateObject();
	for (size_t i = 0; i < policy_env_count(pol); i++) {
		const char *k, *v;
		policy_env_get(pol, i, &k, &v);
		cJSON_AddStringToObject(env, k, v);
	}
	cfg.env = env;

	/* `codecell run` is one supervisor process per run (so is a testing
	 * --template run of one program: the template is a process of its own). */
	cfg.own_process = template_runs <= 1;
	int rc;
	if (template_runs > 0)
		rc = run_through_template(&cfg, template_runs);
	else
		rc = run_main(&cfg);
	cJSON_Delete(ns);
	cJSON_Delete(env);
	free(code);
	policy_free(pol);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "run"))
		return cmd_run(argc - 1, argv + 1);
	if (!strcmp(argv[1], "policy"))
		return policy_cmd(argc - 1, argv + 1);
	if (!strcmp(argv[1], "mcp"))
		return mcp_main(argc - 1, argv + 1);
	if (!strcmp(argv[1], "types"))
		return typescmd_main(argc - 1, argv + 1);
	if (!strcmp(argv[1], "serve")) {
		char guest_buf[PATH_MAX];
		return serve_main(argc - 1, argv + 1, find_guest(guest_buf, sizeof guest_buf));
	}
	if (!strcmp(argv[1], "version") || !strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("codecell %s (host protocol v%d)\n", CODECELL_VERSION, HOST_PROTOCOL_VERSION);
		return 0;
	}
	if (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return 0;
	}
	fprintf(stderr, "codecell: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return 2;
}
