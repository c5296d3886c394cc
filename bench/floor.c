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
 *
 * usage: floor [-n N] [CGROUP_DIR...]   (root; run as bench/floor.sh does) */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

enum op { OP_FORK, OP_UNSHARE_NET, OP_CLONE7, OP_CLONE6, OP_CGROUP };

static int one(enum op op, const char *dir, int i)
{
	if (op == OP_CGROUP) {
		char p[4096];
		snprintf(p, sizeof p, "%s/codecell-floor-%d-%d", dir, (int)getpid(), i);
		if (mkdir(p, 0755) < 0 || rmdir(p) < 0)
			return -errno;
		return 0;
	}
	pid_t pid;
	if (op == OP_CLONE7 || op == OP_CLONE6) {
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

static void row(const char *name, enum op op, const char *dir, int n)
{
	/* Warm up, and let the kernel's workers finish the last row's
	 * teardown before this one is counted. */
	for (int i = 0; i < 10; i++)
		(void)one(op, dir, -1 - i);
	usleep(300000);
	double c0 = self_cpu_us(RUSAGE_CHILDREN) + self_cpu_us(RUSAGE_SELF), m0 = machine_busy_us(), t0 = now_us();
	for (int i = 0; i < n; i++) {
		int e = one(op, dir, i);
		if (e < 0) {
			printf("| %s | failed: %s | | |\n", name, strerror(-e));
			return;
		}
	}
	double t1 = now_us();
	/* The network namespace's cleanup runs later, in a kernel worker. */
	usleep(500000);
	double c1 = self_cpu_us(RUSAGE_CHILDREN) + self_cpu_us(RUSAGE_SELF), m1 = machine_busy_us();
	printf("| %s | %.0f us | %.0f us | %.0f us |\n", name, (t1 - t0) / n, (c1 - c0) / n, (m1 - m0) / n);
}

int main(int argc, char **argv)
{
	int n = 300, a = 1;
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
	printf("| operation | wall per op | CPU per op, this process and children | CPU per op, whole machine |\n");
	printf("|---|---|---|---|\n");
	row("fork+exit", OP_FORK, NULL, n);
	row("fork+unshare(NEWNET)+exit", OP_UNSHARE_NET, NULL, n);
	row("clone3(7 namespaces)+exit", OP_CLONE7, NULL, n);
	row("clone3(6 namespaces, no net)+exit", OP_CLONE6, NULL, n);
	for (int i = a; i < argc; i++) {
		char name[600];
		snprintf(name, sizeof name, "cgroup mkdir+rmdir in %s", argv[i]);
		row(name, OP_CGROUP, argv[i], n);
	}
	return 0;
}
