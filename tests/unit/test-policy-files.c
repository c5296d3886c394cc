/* Policy files on disk: every tests/policy/bad-*.jsonc must fail with
 * exactly the lines in its .expected file; every example in policy/ must
 * pass `check`, and its `show` output must load back to the same hash;
 * `codecell policy` exit codes. argv[1] = tests/policy, argv[2] = policy/. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "policy.h"
#include "tap.h"

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	char *buf = calloc(1, 1 << 20);
	size_t n = buf ? fread(buf, 1, (1 << 20) - 1, f) : 0;
	(void)n;
	fclose(f);
	return buf;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted names in dir starting with prefix and ending with suffix. */
static size_t list(const char *dir, const char *prefix, const char *suffix, char **out, size_t max)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;
	if (!d)
		return 0;
	while ((e = readdir(d)) && n < max) {
		size_t l = strlen(e->d_name), sl = strlen(suffix);
		if (strncmp(e->d_name, prefix, strlen(prefix)) == 0 && l > sl &&
		    strcmp(e->d_name + l - sl, suffix) == 0)
			out[n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(out, n, sizeof(*out), cmp_str);
	return n;
}

/* Runs policy_cmd with stdout and stderr sent to /dev/null. */
static int run_cmd(int argc, char **argv)
{
	fflush(stdout);
	fflush(stderr);
	int o = dup(1), e = dup(2), nul = open("/dev/null", O_WRONLY);
	dup2(nul, 1);
	dup2(nul, 2);
	int rc = policy_cmd(argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(o, 1);
	dup2(e, 2);
	close(o);
	close(e);
	close(nul);
	return rc;
}

static void check_bad_files(const char *dir)
{
	char *names[256];
	size_t n = list(dir, "bad-", ".jsonc", names, 256);
	tap_ok(n >= 15, "found %zu bad policy files", n);
	if (chdir(dir) < 0) {
		tap_ok(0, "chdir %s: %s", dir, strerror(errno));
		return;
	}
	for (size_t i = 0; i < n; i++) {
		char exp_path[512];
		snprintf(exp_path, sizeof(exp_path), "%.*s.expected", (int)(strlen(names[i]) - 6), names[i]);
		char *want = slurp(exp_path);
		struct policy_diag d;
		struct policy *p = NULL;
		policy_diag_init(&d);
		int r = policy_load(names[i], &p, &d);
		char got[16384] = "";
		for (size_t k = 0; k < d.n; k++)
			snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s\n", d.msg[k]);
		tap_ok(r == -EINVAL && !p, "%s is rejected", names[i]);
		tap_ok(want && want[0] && strcmp(got, want) == 0, "%s: messages match %s%s%s", names[i], exp_path,
		       want && strcmp(got, want) ? "\n# got:\n" : "", want && strcmp(got, want) ? got : "");
		char *argv[] = {"policy", "check", names[i], NULL};
		TAP_EQ_INT(run_cmd(3, argv), 1, "policy check exits 1 on a bad file");
		policy_free(p);
		policy_diag_free(&d);
		free(want);
		free(names[i]);
	}
}

static void check_examples(const char *dir)
{
	char *names[64], path[1024];
	size_t n = list(dir, "", ".jsonc", names, 64);
	tap_ok(n >= 3, "found %zu example policies", n);
	for (size_t i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		struct policy_diag d;
		struct policy *p = NULL, *q = NULL;
		policy_diag_init(&d);
		int r = policy_load(path, &p, &d);
		if (!tap_ok(r == 0, "%s passes check%s%s", names[i], d.n ? ": " : "", d.n ? d.msg[0] : "")) {
			policy_diag_free(&d);
			continue;
		}
		char h1[65], h2[65] = "";
		policy_hash_hex(p, h1);
		char *shown = policy_show(p);
		if (shown && policy_load_buffer("shown", shown, strlen(shown), &q, &d) == 0)
			policy_hash_hex(q, h2);
		TAP_EQ_STR(h2, h1, "show output of the example round-trips through check");
		if (strcmp(names[i], "default.jsonc") == 0) {
			struct policy *def = policy_default();
			char hd[65];
			policy_hash_hex(def, hd);
			TAP_EQ_STR(h1, hd, "policy/default.jsonc is the built-in default");
			policy_free(def);
		}
		char *argv[] = {"policy", "check", path, NULL};
		TAP_EQ_INT(run_cmd(3, argv), 0, "policy check exits 0 on a good file");
		char *argv2[] = {"policy", "show", path, NULL};
		TAP_EQ_INT(run_cmd(3, argv2), 0, "policy show exits 0");
		free(shown);
		policy_free(p);
		policy_free(q);
		policy_diag_free(&d);
		free(names[i]);
	}
	char *none[] = {"policy", NULL};
	TAP_EQ_INT(run_cmd(1, none), 2, "policy without a command is a usage error");
	char *bogus[] = {"policy", "chek", "x", NULL};
	TAP_EQ_INT(run_cmd(3, bogus), 2, "unknown subcommand is a usage error");
	char *missing[] = {"policy", "check", "/nonexistent/p.jsonc", NULL};
	TAP_EQ_INT(run_cmd(3, missing), 1, "missing file fails check");
	struct policy *p = NULL;
	TAP_EQ_INT(policy_load("/nonexistent/p.jsonc", &p, NULL), -ENOENT, "missing file is -ENOENT");
	TAP_EQ_INT(policy_load("/", &p, NULL), -EISDIR, "a directory is -EISDIR");
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: test-policy-files TESTS_POLICY_DIR EXAMPLES_DIR\n");
		return 2;
	}
	check_examples(argv[2]);
	check_bad_files(argv[1]);
	return tap_done();
}
