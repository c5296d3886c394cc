/* mcpmain: `codecell mcp --config FILE` (see mcpmain.h). */
#include "mcpmain.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "httpbridge.h"
#include "mcpconfig.h"
#include "mcpserver.h"
#include "rpc.h"
#include "policy.h"

static const char usage_text[] =
        "usage: codecell mcp --config FILE\n"
        "\n"
        "An MCP server on stdin/stdout (JSON-RPC 2.0, MCP revision " RPC_MCP_VERSION_TEXT ") whose execute tool\n"
        "runs a JavaScript program in codecell's sandbox against the tools of the\n"
        "downstream MCP servers FILE names (see codecell-mcp(1) and docs/MCP.md).\n";

static void on_signal(int sig)
{
	(void)sig;
	mcpserver_stop_requested = 1;
}

int mcp_main(int argc, char **argv)
{
	const char *config = NULL;
	if (argc == 3 && !strcmp(argv[1], "--http-bridge"))
		return httpbridge_main(argv[2]);
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(usage_text, stdout);
			return 0;
		}
		if (!strcmp(argv[i], "--config") && i + 1 < argc) {
			config = argv[++i];
		} else if (!strncmp(argv[i], "--config=", 9)) {
			config = argv[i] + 9;
		} else {
			fprintf(stderr, "codecell mcp: unexpected argument '%s'\n%s", argv[i], usage_text);
			return 2;
		}
	}
	if (!config) {
		fprintf(stderr, "codecell mcp: --config FILE is required\n%s", usage_text);
		return 2;
	}
	struct mcpconfig cfg;
	char err[512];
	if (mcpconfig_load(config, &cfg, err, sizeof err) < 0) {
		fprintf(stderr, "codecell mcp: %s\n", err);
		return 2;
	}
	struct policy *pol = NULL;
	if (cfg.policy_path) {
		struct policy_diag diag;
		policy_diag_init(&diag);
		int e = policy_load(cfg.policy_path, &pol, &diag);
		if (e < 0) {
			for (size_t i = 0; i < diag.n; i++)
				fprintf(stderr, "%s\n", diag.msg[i]);
			if (e != -EINVAL)
				fprintf(stderr, "codecell mcp: cannot load policy %s: %s\n", cfg.policy_path,
				        strerror(-e));
			policy_diag_free(&diag);
			mcpconfig_finish(&cfg);
			return 2;
		}
		policy_diag_free(&diag);
	} else if (!(pol = policy_default())) {
		mcpconfig_finish(&cfg);
		return 2;
	}
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0) {
		fprintf(stderr, "codecell mcp: cannot find this binary: %s\n", strerror(errno));
		policy_free(pol);
		mcpconfig_finish(&cfg);
		return 2;
	}
	exe[n] = '\0';
	/* A client or server that goes away shows as EPIPE on its pipe. */
	signal(SIGPIPE, SIG_IGN);
	/* SIGTERM, SIGINT, SIGHUP: stop like a client that closed stdin (runs
	 * cancelled and torn down, servers stopped). No SA_RESTART, so poll
	 * returns EINTR and the loop sees the flag. */
	struct sigaction sa = {.sa_handler = on_signal};
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	struct mcpserver s;
	int rc = 1;
	if (mcpserver_init(&s, &cfg, pol, exe) == 0)
		rc = mcpserver_run(&s);
	else
		fprintf(stderr, "codecell mcp: out of memory\n");
	mcpserver_finish(&s);
	policy_free(pol);
	mcpconfig_finish(&cfg);
	return rc;
}
