/* floor: what the kernel charges for the parts of a fresh sandbox that every
 * run must have, measured alone on this machine, so the per-run CPU of
 * `codecell serve` (bench/serve.py) can be read against a floor instead of
 * a guess. Each row repeats one operation N times and prints the wall time
 * per operation and the CPU per operation counted two ways: the children's
 * (wait4 rusage: what bench/serve.py counts) and the whole machine's
 * (/proc/stat busy time: also the kernel's workers, such as the network
 * namespace's cleanup, which no process is billed for). The machine-wide
 * figure includes whatever else runs: use it on a quiet machine.
 *
 * Rows:
 *   fork+exit                  a child that exits at once
 *   fork+unshare(NEWNET)+exit  the same, with a network namespace
 *   clone3(7 namespaces)+exit  user, mount, pid, net, ipc, uts and cgroup
 *                              namespaces, as the template clones a run
 *   clone3(6, no net)+exit     the same without the network namespace
 *   mkdir+rmdir DIR/x          one cgroup made and removed, per DIR given
 *   served sandbox floor       a group per CGROUP_DIR made, a child cloned
 *                              into the 7 namespaces with a copy of this
 *                              small process's memory, its id maps written, it
 *                              attached to every group and let go; it exits
 *                              at once, is reaped, the groups removed: what a
 *                              served run's sandbox costs the kernel, read
 *                              against bench/serve.py's CPU per trivial run
 *                              (target <= 3 ms)
 * and, when FLOOR_STATIC names a static binary that exits at once (bench/
 * floor.sh builds one), three rows a one-shot `codecell run` is read
 * against (bench/run.sh's target: p50 <= 3x fork+exec /bin/true):
 *   fork+exec /bin/true        the target's own baseline
 *   fork+exec static exit      what exec of a static binary costs (the guest is one)
 *   one-shot sandbox floor     fork+exec of this program (dynamically linked,
 *                              as codecell is) as a launcher that makes one
 *                              group per CGROUP_DIR, clone3s a child into the
 *                              7 namespaces, writes its id maps, attaches it
 *                              to every group, lets it exec the static binary,
 *                              waits and removes the groups: the kernel work
 *                              every run of a process-per-request sandbox with
 *                              codecell's walls does, and nothing else (no
 *                              filter, no runtime, no program)
 * Every row prints the mean wall time and the p50; the ratios to /bin/true
 * use the p50s, as bench/run.sh does.
 *
 * usage: floor [-n N] [CGROUP_DIR...]   (root; run as bench/floor.sh does)
 *        floor --launch STATIC [CGROUP_DIR...]   (the one-shot row's launcher) */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <spawn.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/sched.h>

static double now_us(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

/* Busy time of the whole machine in microseconds: every field of the
 * "cpu" line but idle and iowait. */
static double machine_busy_us(void)
{
	FILE *f = fopen("/proc/stat", "r");
	unsigned long long v[10] = {0};
	if (!f || fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0], &v[1], &v[2], &v[3], &v[4],
	                 &v[5], &v[6], &v[7], &v[8], &v[9]) < 8) {
		if (f)
			fclose(f);
		return 0;
	}
	fclose(f);
	unsigned long long busy = v[0] + v[1] + v[2] + v[5] + v[6] + v[7];
	return (double)busy * 1e6 / (double)sysconf(_SC_CLK_TCK);
}

static double self_cpu_us(int who)
{
	struct rusage ru;
	getrusage(who, &ru);
	return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e6 + (double)ru.ru_utime.tv_usec +
	       (double)ru.ru_stime.tv_usec;
}

enum op {
	OP_FORK,
	OP_UNSHARE_NET,
	OP_CLONE7,
	OP_CLONE6,
	OP_CGROUP,
	OP_SERVED,
	OP_EXEC_TRUE,
	OP_EXEC_STATIC,
	OP_ONESHOT
};

/* What the one-shot rows need: the static binary, this program's own path
 * (re-executed as the launcher) and the group directories. */
static const char *static_bin;
static char self_exe[4096];
static char **cg_dirs;
static int n_cg_dirs;

static int write_at(int dfd, const char *path, const char *text)
{
	int fd = openat(dfd, path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ssize_t w = write(fd, text, strlen(text));
	int e = w < 0 ? -errno : 0;
	close(fd);
	return e;
}

struct child_arg {
	const char *bin;
	int go, go_w; /* the pipe's read end, and the write end the child closes */
};

/* The launched child: waits until its maps and groups are set, then
 * becomes the static binary. */
static int child_main(void *p)
{
	struct child_arg *a = p;
	char c;
	close(a->go_w);
	if (read(a->go, &c, 1) != 1)
		return 1;
	if (!a->bin)
		_exit(0);
	char *argv[] = {(char *)"exit0", NULL}, *envp[] = {NULL};
	execve(a->bin, argv, envp);
	return 1;
}

/* The kernel work of one sandboxed run, in the order codecell does it: a
 * group per dir, a child cloned into the 7 namespaces, its id maps, its
 * attachment to every group; then the child execs bin (the one-shot row's
 * launcher) or, with bin NULL, exits (the served row: a run child cloned by
 * a long-lived process). Returns 0 or 1. */
static int sandbox_once(const char *bin, char **dirs, int nd, int seq)
{
	char groups[16][4096];
	int gfd[16], made = 0, bad = 1;
	int go[2] = {-1, -1};
	size_t stack_len = 256 * 1024;
	char *stack = MAP_FAILED;
	if (nd > 16)
		return 1;
	for (; made < nd; made++) {
		snprintf(groups[made], sizeof groups[made], "%s/codecell-floor-run-%d-%d", dirs[made], (int)getpid(),
		         seq);
		if (mkdir(groups[made], 0755) < 0)
			goto out;
		/* Held open, as codecell holds its run groups. */
		gfd[made] = open(groups[made], O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (gfd[made] < 0) {
			rmdir(groups[made]);
			goto out;
		}
	}
	if (pipe2(go, O_CLOEXEC) < 0)
		goto out;
	/* The launched child runs in this process's memory on a stack of its
	 * own (CLONE_VM) until its exec, as codecell's supervisor clones its
	 * child: no page tables copied. A served run's child has memory of its
	 * own (a copy of the template's), so the served row copies this small
	 * process's: its floor. */
	stack = mmap(NULL, stack_len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (stack == MAP_FAILED)
		goto out;
	struct child_arg ca = {.bin = bin, .go = go[0], .go_w = go[1]};
	int flags = CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWCGROUP |
	            CLONE_NEWNET | SIGCHLD;
	pid_t pid = clone(child_main, stack + stack_len, bin ? flags | CLONE_VM : flags, &ca);
	if (pid < 0)
		goto out;
	char path[64], text[32];
	int e = 0;
	snprintf(path, sizeof path, "/proc/%d/gid_map", (int)pid);
	e |= write_at(AT_FDCWD, path, "0 65534 1\n") < 0;
	snprintf(path, sizeof path, "/proc/%d/uid_map", (int)pid);
	e |= write_at(AT_FDCWD, path, "0 65534 1\n") < 0;
	snprintf(text, sizeof text, "%d", (int)pid);
	for (int i = 0; i < nd; i++)
		e |= write_at(gfd[i], "cgroup.procs", text) < 0;
	/* On a failed step the child reads EOF and exits 1. */
	if (!e)
		e |= write(go[1], "g", 1) != 1;
	close(go[1]);
	go[1] = -1;
	int st;
	if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		e = 1;
	bad = e;
out:
	if (go[0] >= 0)
		close(go[0]);
	if (go[1] >= 0)
		close(go[1]);
	if (stack != MAP_FAILED)
		munmap(stack, stack_len);
	for (int i = 0; i < made; i++) {
		close(gfd[i]);
		bad |= rmdir(groups[i]) < 0;
	}
	return bad;
}

static int one(enum op op, const char *dir, int i)
{
	if (op == OP_SERVED)
		return sandbox_once(NULL, cg_dirs, n_cg_dirs, i) ? -EIO : 0;
	if (op == OP_CGROUP) {
		char p[4096];
		snprintf(p, sizeof p, "%s/codecell-floor-%d-%d", dir, (int)getpid(), i);
		if (mkdir(p, 0755) < 0 || rmdir(p) < 0)
			return -errno;
		return 0;
	}
	pid_t pid;
	if (op == OP_EXEC_TRUE || op == OP_EXEC_STATIC || op == OP_ONESHOT) {
		/* posix_spawn, as bench/spawnbench.c (bench/run.sh) starts both
		 * /bin/true and codecell. */
		char *envp[] = {NULL};
		char *argv[4 + 16] = {(char *)"exit0", NULL};
		const char *path = static_bin;
		if (op == OP_EXEC_TRUE) {
			argv[0] = (char *)"true";
			path = "/bin/true";
		} else if (op == OP_ONESHOT) {
			argv[0] = (char *)"floor";
			argv[1] = (char *)"--launch";
			argv[2] = (char *)static_bin;
			for (int k = 0; k < n_cg_dirs && k < 16; k++)
				argv[3 + k] = cg_dirs[k];
			path = self_exe;
		}
		int e = posix_spawn(&pid, path, NULL, NULL, argv, envp);
		if (e)
			return -e;
	} else if (op == OP_CLONE7 || op == OP_CLONE6) {
		struct clone_args ca;
		memset(&ca, 0, sizeof ca);
		ca.flags = CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWCGROUP;
		if (op == OP_CLONE7)
			ca.flags |= CLONE_NEWNET;
		ca.exit_signal = SIGCHLD;
		pid = (pid_t)syscall(SYS_clone3, &ca, sizeof ca);
	} else {
		pid = fork();
	}
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		if (op == OP_UNSHARE_NET && unshare(CLONE_NEWNET) < 0)
			_exit(1);
		_exit(0);
	}
	int st;
	if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return -ECHILD;
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Returns the row's p50 wall time in microseconds, or 0 when it failed. */
static double row(const char *name, enum op op, const char *dir, int n)
{
	/* Warm up, and let the kernel's workers finish the last row's
	 * teardown before this one is counted. */
	for (int i = 0; i < 10; i++)
		(void)one(op, dir, -1 - i);
	usleep(300000);
	double *each = calloc((size_t)n, sizeof *each);
	if (!each) {
		printf("| %s | out of memory | | | |\n", name);
		return 0;
	}
	double c0 = self_cpu_us(RUSAGE_CHILDREN) + self_cpu_us(RUSAGE_SELF), m0 = machine_busy_us(), t0 = now_us();
	for (int i = 0; i < n; i++) {
		double s = now_us();
		int e = one(op, dir, i);
		if (e < 0) {
			printf("| %s | failed: %s | | | |\n", name, strerror(-e));
			free(each);
			return 0;
		}
		each[i] = now_us() - s;
	}
	double t1 = now_us();
	/* The network namespace's cleanup runs later, in a kernel worker. */
	usleep(500000);
	double c1 = self_cpu_us(RUSAGE_CHILDREN) + self_cpu_us(RUSAGE_SELF), m1 = machine_busy_us();
	qsort(each, (size_t)n, sizeof *each, cmp_double);
	double p50 = each[n / 2];
	free(each);
	printf("| %s | %.0f us | %.0f us | %.0f us | %.0f us |\n", name, (t1 - t0) / n, p50, (c1 - c0) / n,
	       (m1 - m0) / n);
	return p50;
}

int main(int argc, char **argv)
{
	int n = 300, a = 1;
	if (argc > 2 && !strcmp(argv[1], "--launch"))
		return sandbox_once(argv[2], argv + 3, argc - 3, 0);
	if (argc > 2 && !strcmp(argv[1], "-n")) {
		n = atoi(argv[2]);
		a = 3;
	}
	if (n < 10) {
		fprintf(stderr, "floor: -n needs at least 10\n");
		return 2;
	}
	double load[1] = {0};
	getloadavg(load, 1);
	printf("floor: %d operations per row, %ld CPUs, load %.2f\n\n", n, sysconf(_SC_NPROCESSORS_ONLN), load[0]);
	printf("| operation | wall per op | p50 | CPU per op, this process and children | CPU per op, whole machine "
	       "|\n");
	printf("|---|---|---|---|---|\n");
	row("fork+exit", OP_FORK, NULL, n);
	row("fork+unshare(NEWNET)+exit", OP_UNSHARE_NET, NULL, n);
	row("clone3(7 namespaces)+exit", OP_CLONE7, NULL, n);
	row("clone3(6 namespaces, no net)+exit", OP_CLONE6, NULL, n);
	for (int i = a; i < argc; i++) {
		char name[600];
		snprintf(name, sizeof name, "cgroup mkdir+rmdir in %s", argv[i]);
		row(name, OP_CGROUP, argv[i], n);
	}
	cg_dirs = argv + a;
	n_cg_dirs = argc - a;
	char name[128];
	snprintf(name, sizeof name, "served sandbox floor (%d group%s)", n_cg_dirs, n_cg_dirs == 1 ? "" : "s");
	row(name, OP_SERVED, NULL, n);
	static_bin = getenv("FLOOR_STATIC");
	ssize_t sl = readlink("/proc/self/exe", self_exe, sizeof self_exe - 1);
	if (!static_bin || !*static_bin || access(static_bin, X_OK) < 0 || sl <= 0) {
		printf("\n(no one-shot rows: FLOOR_STATIC does not name a static binary; bench/floor.sh builds one)\n");
		return 0;
	}
	self_exe[sl] = '\0';
	double t = row("fork+exec /bin/true", OP_EXEC_TRUE, NULL, n);
	double st = row("fork+exec static exit", OP_EXEC_STATIC, NULL, n);
	snprintf(name, sizeof name, "one-shot sandbox floor (%d group%s)", n_cg_dirs, n_cg_dirs == 1 ? "" : "s");
	double o = row(name, OP_ONESHOT, NULL, n);
	if (t > 0 && o > 0)
		printf("\np50 ratios to fork+exec /bin/true: static exit %.2fx, one-shot sandbox floor %.2fx "
		       "(bench/run.sh's target for `codecell run`: <= 3x)\n",
		       st / t, o / t);
	return 0;
}
