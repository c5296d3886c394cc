/* policycmd: `codecell policy check|show`, the operator's tool for policy
 * files. Runs in: supervisor binary, before any run. Input: argv naming
 * operator policy files. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy.h"

static void usage(FILE *f)
{
	fprintf(f, "usage: codecell policy check [--env] FILE...\n"
	           "       codecell policy show [FILE]\n"
	           "check: validate each FILE, print problems as FILE:LINE:COL: message; exit 0 if all are valid, 1 if "
	           "not.\n"
	           "       --env: also read every credential the policy names (variable or file), as a run will\n"
	           "show:  print the effective policy (defaults filled in) and its sha256; without FILE, the built-in "
	           "default.\n");
}

/* Loads one file, printing its problems to stderr. Returns the policy or NULL. */
static struct policy *load_reporting(const char *path)
{
	struct policy_diag d;
	struct policy *p = NULL;
	policy_diag_init(&d);
	int r = policy_load(path, &p, &d);
	if (r == -EINVAL && d.n) {
		for (size_t i = 0; i < d.n; i++)
			fprintf(stderr, "%s\n", d.msg[i]);
		if (d.dropped)
			fprintf(stderr, "%s: %zu more problems not shown\n", path, d.dropped);
	} else if (r == -EFBIG) {
		fprintf(stderr, "%s: larger than %u bytes; not a policy file\n", path, POLICY_MAX_FILE_BYTES);
	} else if (r < 0) {
		fprintf(stderr, "%s: cannot load: %s\n", path, strerror(-r));
	}
	policy_diag_free(&d);
	return r == 0 ? p : NULL;
}

/* --env: every credential resolves as it must when a run starts, so a
 * policy that passes `check --env` does not fail every run for an unset
 * variable or an unreadable file. Prints each problem; returns the count. */
static int check_credentials(const char *path, const struct policy *p)
{
	const struct policy_net *n = policy_net(p);
	int bad = 0;
	for (size_t i = 0; i < n->n_creds; i++) {
		const struct policy_cred *c = &n->creds[i];
		char *v = NULL;
		int r = policy_cred_resolve(c, &v);
		if (v) {
			explicit_bzero(v, strlen(v));
			free(v);
		}
		if (r == 0)
			continue;
		bad++;
		if (c->env)
			fprintf(stderr, "%s: %s: the variable %s %s\n", path, c->rule, c->env,
			        r == -ENOENT   ? "is not set"
			        : r == -EINVAL ? "holds CR, LF or NUL"
			                       : strerror(-r));
		else
			fprintf(stderr, "%s: %s: the secret file %s: %s\n", path, c->rule, c->file,
			        r == -EINVAL  ? "holds CR, LF or NUL"
			        : r == -EFBIG ? "too large"
			                      : strerror(-r));
	}
	return bad;
}

static bool is_help(const char *a)
{
	return strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0;
}

int policy_cmd(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		if (is_help(argv[i])) {
			usage(stdout);
			return 0;
		}
	}
	if (strcmp(argv[1], "check") == 0) {
		int first = 2;
		bool env = argc > 2 && strcmp(argv[2], "--env") == 0;
		first += env;
		if (argc <= first) {
			usage(stderr);
			return 2;
		}
		int rc = 0;
		for (int i = first; i < argc; i++) {
			struct policy *p = load_reporting(argv[i]);
			if (!p) {
				rc = 1;
				continue;
			}
			if (env && check_credentials(argv[i], p) > 0) {
				rc = 1;
				policy_free(p);
				continue;
			}
			char h[65];
			policy_hash_hex(p, h);
			printf("%s: ok (sha256 %s)\n", argv[i], h);
			policy_free(p);
		}
		return rc;
	}
	if (strcmp(argv[1], "show") == 0) {
		if (argc > 3) {
			usage(stderr);
			return 2;
		}
		struct policy *p = argc == 3 ? load_reporting(argv[2]) : policy_default();
		if (!p)
			return 1;
		char *s = policy_show(p);
		policy_free(p);
		if (!s) {
			fprintf(stderr, "codecell policy show: out of memory\n");
			return 1;
		}
		fputs(s, stdout);
		free(s);
		return fflush(stdout) == 0 ? 0 : 1;
	}
	fprintf(stderr, "codecell policy: unknown command \"%s\"\n", argv[1]);
	usage(stderr);
	return 2;
}
