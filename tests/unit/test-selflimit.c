/* Unit tests for supervisor/host/selflimit.c: the supervisor's own bounds
 * are derived from the run's limits and cover what the run may hold; they
 * are set on the process (never raising an operator's tighter limit); the
 * usage it reports is this process's own.
 * Runs in: test binary (each setrlimit in a forked child). Input: none. */
#include <errno.h>
#include <stdbool.h>
#include <sys/mman.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fetch.h"
#include "run.h"
#include "selflimit.h"
#include "tap.h"

#define MiB (1ull << 20)

static void test_bounds(void)
{
	struct limits l;
	limits_init_default(&l);
	struct selflimit_bounds b;
	selflimit_bounds(&l, &b);
	/* Both output queues at their cap, the readers and a reply in build
	 * (RUN_QUEUE_CAP: two frames + 64 KiB each) fit, with the base. */
	uint64_t queues = 2 * (2 * l.max_frame + (64u << 10));
	tap_ok(b.data_bytes >= SELFLIMIT_BASE_BYTES + queues + 3 * l.max_frame,
	       "the data bound holds the base, both queues and the readers (%llu)", (unsigned long long)b.data_bytes);
	tap_ok(b.data_bytes >= SELFLIMIT_BASE_BYTES + FETCH_DEFAULT_MAX_CONCURRENT * SELFLIMIT_FETCH_THREAD_BYTES,
	       "and every fetch's resolver thread");
	tap_ok(b.data_bytes < 512 * MiB, "the default bound stays small (%llu MiB)",
	       (unsigned long long)(b.data_bytes / MiB));
	TAP_EQ_INT(b.cpu_seconds, (l.wall_ms + RUN_HOST_DRAIN_MS + SELFLIMIT_CPU_SLACK_MS + 999) / 1000,
	           "the CPU bound is the wall limit, the drain and the slack");
	struct selflimit_bounds b2;
	l.max_frame *= 4;
	l.wall_ms *= 2;
	selflimit_bounds(&l, &b2);
	tap_ok(b2.data_bytes > b.data_bytes && b2.cpu_seconds > b.cpu_seconds,
	       "bounds grow with the frame and wall limits");
}

/* In a child: lower RLIMIT_DATA first, apply, report what is set. */
static int child_apply(rlim_t preset_data, struct rlimit *data, struct rlimit *cpu)
{
	int p[2];
	if (pipe(p) < 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		if (preset_data) {
			struct rlimit r = {preset_data, preset_data};
			setrlimit(RLIMIT_DATA, &r);
		}
		struct limits l;
		limits_init_default(&l);
		struct selflimit_bounds b;
		selflimit_bounds(&l, &b);
		int rc = selflimit_apply(&b, 1);
		struct rlimit out[2];
		/* the bounds written back are the limits that hold */
		if (rc == 0 && (preset_data ? b.data_bytes != preset_data : 0))
			rc = -4;
		getrlimit(RLIMIT_DATA, &out[0]);
		getrlimit(RLIMIT_CPU, &out[1]);
		if (write(p[1], &rc, sizeof rc) != sizeof rc || write(p[1], out, sizeof out) != sizeof out)
			_exit(1);
		_exit(0);
	}
	close(p[1]);
	int rc = -2;
	struct rlimit out[2];
	if (read(p[0], &rc, sizeof rc) != sizeof rc || read(p[0], out, sizeof out) != sizeof out)
		rc = -3;
	close(p[0]);
	waitpid(pid, NULL, 0);
	*data = out[0];
	*cpu = out[1];
	return rc;
}

static void test_apply(void)
{
	struct limits l;
	limits_init_default(&l);
	struct selflimit_bounds b;
	selflimit_bounds(&l, &b);
	struct rlimit data, cpu;
	int rc = child_apply(0, &data, &cpu);
	if (!selflimit_data_enabled()) {
		TAP_EQ_INT(rc, 0, "a sanitized build applies without error");
		tap_ok(data.rlim_cur == RLIM_INFINITY && cpu.rlim_cur >= b.cpu_seconds &&
		               cpu.rlim_max == cpu.rlim_cur + SELFLIMIT_CPU_HARD_EXTRA_S,
		       "a sanitized build sets RLIMIT_CPU and leaves RLIMIT_DATA");
		tap_skip("operator's limit kept", "sanitized build: no RLIMIT_DATA under ASan");
		return;
	}
	TAP_EQ_INT(rc, 0, "apply reports the limits set");
	/* RLIMIT_DATA is the bound on top of what the process maps already
	 * (a few MiB of libraries and heap here, a server's heap in a forked
	 * R): more than the bound, less than the bound plus 64 MiB. */
	tap_ok(data.rlim_cur > b.data_bytes && data.rlim_cur < b.data_bytes + 64 * MiB &&
	               data.rlim_max == data.rlim_cur && cpu.rlim_cur >= b.cpu_seconds &&
	               cpu.rlim_max == cpu.rlim_cur + SELFLIMIT_CPU_HARD_EXTRA_S,
	       "RLIMIT_DATA is the bound over what is mapped, RLIMIT_CPU the allowance with a hard limit after it");
	rc = child_apply(64 * MiB, &data, &cpu);
	tap_ok(rc == 0 && data.rlim_cur == 64 * MiB,
	       "an operator's tighter limit is kept, not raised, and reported (rc %d)", rc);
}

/* A process bounded for several runs (a reused R): the hard CPU limit
 * covers them all, each later run raises the soft one, and a hard limit
 * that leaves a run less than its allowance is refused. In a child. */
static void test_runs(void)
{
	if (!selflimit_unset()) {
		tap_skip("bounds for several runs",
		         "an rlimit is set on this test process: a reused R would serve one run");
		return;
	}
	int p[2];
	if (pipe(p) < 0)
		return;
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		struct limits l;
		limits_init_default(&l);
		struct selflimit_bounds b;
		selflimit_bounds(&l, &b);
		uint64_t allowance = b.cpu_seconds;
		long v[6];
		v[0] = selflimit_apply(&b, 3);
		struct rlimit c1, c2;
		getrlimit(RLIMIT_CPU, &c1);
		v[1] = (long)(c1.rlim_max - c1.rlim_cur);
		selflimit_bounds(&l, &b);
		v[2] = selflimit_renew(&b);
		getrlimit(RLIMIT_CPU, &c2);
		v[3] = c2.rlim_max == c1.rlim_max && c2.rlim_cur >= allowance;
		/* a hard limit this run's allowance does not fit under */
		struct rlimit tight = {c2.rlim_cur - 1, c2.rlim_cur - 1};
		setrlimit(RLIMIT_CPU, &tight);
		selflimit_bounds(&l, &b);
		v[4] = selflimit_renew(&b);
		v[5] = (long)allowance;
		if (write(p[1], v, sizeof v) != sizeof v)
			_exit(1);
		_exit(0);
	}
	close(p[1]);
	long v[6] = {-1, 0, -1, 0, 0, 0};
	if (read(p[0], v, sizeof v) != sizeof v)
		v[0] = -99;
	close(p[0]);
	waitpid(pid, NULL, 0);
	TAP_EQ_INT((int)v[0], 0, "bounds for 3 runs apply");
	tap_ok(v[1] == 2 * (1 + v[5]) + SELFLIMIT_CPU_HARD_EXTRA_S,
	       "the hard CPU limit covers the two later runs' allowances (%ld s past the soft one)", v[1]);
	tap_ok(v[2] == 0 && v[3], "a later run renews its soft CPU limit under the same hard one");
	TAP_EQ_INT((int)v[4], -ENOSPC, "a hard limit too low for a run's allowance is refused");
}

static void test_usage(void)
{
	struct selflimit_usage u;
	TAP_EQ_INT(selflimit_usage(&u), 0, "usage is readable");
	/* Touch 16 MiB: the peak must see it. */
	size_t n = 16 * MiB;
	volatile char *p = malloc(n);
	for (size_t i = 0; i < n; i += 4096)
		p[i] = 1; /* volatile: the stores are not optimised away */
	struct selflimit_usage v;
	selflimit_usage(&v);
	tap_ok(v.memory_peak_bytes >= u.memory_peak_bytes + n / 2, "the peak RSS follows this process (%llu -> %llu)",
	       (unsigned long long)u.memory_peak_bytes, (unsigned long long)v.memory_peak_bytes);
	free((void *)p);
	/* A forked child reads its own figures, not its parent's: the
	 * parent's /proc/self/status, open since its first read, is not. */
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		size_t big = 64 * MiB;
		volatile char *q = malloc(big);
		if (!q)
			_exit(2);
		for (size_t i = 0; i < big; i += 4096)
			q[i] = 1;
		struct selflimit_usage c;
		_exit(selflimit_usage(&c) == 0 && c.memory_peak_bytes >= big ? 0 : 1);
	}
	int st = 0;
	bool reaped = pid > 0 && waitpid(pid, &st, 0) == pid;
	tap_ok(reaped && WIFEXITED(st) && WEXITSTATUS(st) == 0, "a forked child's peak is its own (status %d)", st);
}

/* A forked process's getrusage peak (selflimit_forked) follows its own
 * pages and the clear_refs reset a reused R does between runs. Exit
 * status: 0; 1, the peak missed 64 MiB touched; 2, the reset did not
 * bring it down by half of that once they were unmapped (nor below the
 * parent's higher peak, had the child carried it); 3, clear_refs cannot
 * be written here. */
static int forked_peak_child(void)
{
	selflimit_forked();
	size_t big = 64 * MiB;
	char *q = mmap(NULL, big, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (q == MAP_FAILED)
		return 4;
	for (size_t i = 0; i < big; i += 4096)
		((volatile char *)q)[i] = 1;
	struct selflimit_usage a;
	if (selflimit_usage(&a) != 0 || a.memory_peak_bytes < big)
		return 1;
	munmap(q, big);
	int fd = open("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC);
	if (fd < 0 || write(fd, "5", 1) != 1)
		return 3;
	close(fd);
	/* Relative to the peak before: a sanitizer's own memory can hold
	 * tens of MiB that stay resident. */
	struct selflimit_usage b;
	if (selflimit_usage(&b) != 0 || b.memory_peak_bytes + big / 2 > a.memory_peak_bytes)
		return 2;
	return 0;
}

static void test_forked_peak(void)
{
	/* A parent's peak above anything the child holds: the child's must
	 * not carry it. */
	size_t big = 96 * MiB;
	char *q = mmap(NULL, big, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (q != MAP_FAILED) {
		for (size_t i = 0; i < big; i += 4096)
			((volatile char *)q)[i] = 1;
		munmap(q, big);
	}
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0)
		_exit(forked_peak_child());
	int st = 0;
	bool reaped = pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st);
	if (reaped && WEXITSTATUS(st) == 3) {
		tap_skip("a forked process's getrusage peak", "/proc/self/clear_refs cannot be written here");
		return;
	}
	tap_ok(reaped && WEXITSTATUS(st) == 0,
	       "forked (selflimit_forked): the getrusage peak is the process's own, follows its pages and the "
	       "clear_refs reset (status %d)",
	       reaped ? WEXITSTATUS(st) : -1);
}

int main(void)
{
	test_bounds();
	test_apply();
	test_runs();
	test_usage();
	test_forked_peak();
	return tap_done();
}
