/* cgload: starting a child inside a run cgroup, and workloads that push on
 * each wall (memory, pids, CPU). Shared by tests/unit/test-cgroup.c (this host,
 * any mode) and tests/vm/cgvm.c (cgroup v2 inside a VM).
 * Runs in: test binaries only. Input: none. */
#pragma once

#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cgroup.h"

typedef int (*cgload_fn)(long arg);

static uint64_t cgload_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* Starts fn(arg) in a child that runs only after it is inside the run: with
 * into_cgroup and a v2 fd, clone3(CLONE_INTO_CGROUP) places it at birth;
 * every other hierarchy gets cgroup_run_attach() while the child is still
 * blocked on a pipe, the order the supervisor uses. Returns the pid or
 * -errno (err says why). *used_into tells whether CLONE_INTO_CGROUP was used. */
/* /proc/<pid>/<name> (name may hold slashes) read into buf, NUL-terminated
 * and cut at len - 1 bytes; false if it cannot be opened. */
__attribute__((unused)) static bool cgload_proc_read(pid_t pid, const char *name, char *buf, size_t len)
{
	char p[128];
	snprintf(p, sizeof p, "/proc/%ld/%s", (long)pid, name);
	FILE *f = fopen(p, "re");
	if (!f)
		return false;
	size_t n = fread(buf, 1, len - 1, f);
	fclose(f);
	buf[n] = '\0';
	return true;
}

__attribute__((unused)) static pid_t cgload_spawn(struct cgroup_run *r, bool into_cgroup, cgload_fn fn, long arg,
                                                  bool *used_into, char *err, size_t errlen)
{
	int p[2];
	if (pipe2(p, O_CLOEXEC) < 0)
		return -errno;
	int v2fd = cgroup_run_v2_fd(r);
	bool into = into_cgroup && v2fd >= 0;
	pid_t pid;
	if (into) {
		struct clone_args ca;
		memset(&ca, 0, sizeof ca);
		ca.flags = CLONE_INTO_CGROUP;
		ca.exit_signal = SIGCHLD;
		ca.cgroup = (uint64_t)v2fd;
		pid = (pid_t)syscall(SYS_clone3, &ca, sizeof ca);
	} else {
		pid = fork();
	}
	if (pid < 0) {
		int e = errno;
		snprintf(err, errlen, "%s: %s", into ? "clone3(CLONE_INTO_CGROUP)" : "fork", strerror(e));
		close(p[0]);
		close(p[1]);
		return -e;
	}
	if (pid == 0) {
		char c;
		close(p[1]);
		/* Released only once every hierarchy holds us. */
		if (read(p[0], &c, 1) != 1)
			_exit(120);
		_exit(fn(arg));
	}
	close(p[0]);
	if (used_into)
		*used_into = into;
	int rc = cgroup_run_attach(r, pid, into ? CGROUP_ATTACH_V2_DONE : 0, err, errlen);
	if (rc < 0) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		close(p[1]);
		return rc;
	}
	if (write(p[1], "g", 1) != 1) {
		int e = errno;
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		close(p[1]);
		return -e;
	}
	close(p[1]);
	return pid;
}

/* Waits up to timeout_ms; returns the wait status, or -ETIMEDOUT (child
 * then SIGKILLed and reaped, so a hung workload cannot hang the test). */
__attribute__((unused)) static int cgload_wait(pid_t pid, int timeout_ms)
{
	uint64_t end = cgload_now_ms() + (uint64_t)timeout_ms;
	for (;;) {
		int st;
		pid_t w = waitpid(pid, &st, WNOHANG);
		if (w == pid)
			return st;
		if (w < 0)
			return -errno;
		if (cgload_now_ms() >= end) {
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
			return -ETIMEDOUT;
		}
		usleep(2000);
	}
}

/* Touches arg MiB, 1 MiB at a time; exits 0 if it survived all of it. */
__attribute__((unused)) static int cgload_hog(long mib)
{
	for (long i = 0; i < mib; i++) {
		char *b = malloc(1u << 20);
		if (!b)
			return 3;
		memset(b, (int)(i & 0xff) | 1, 1u << 20);
	}
	return 0;
}

/* Forks up to arg children that sleep; exits with how many forks succeeded
 * (the sleepers stay behind for cgroup_run_kill to find). */
__attribute__((unused)) static int cgload_forker(long n)
{
	int ok = 0;
	for (long i = 0; i < n; i++) {
		pid_t c = fork();
		if (c < 0)
			break;
		if (c == 0) {
			for (;;)
				pause();
		}
		ok++;
	}
	return ok;
}

/* Spins for arg ms of wall-clock time. */
__attribute__((unused)) static int cgload_spin(long ms)
{
	uint64_t end = cgload_now_ms() + (uint64_t)ms;
	volatile uint64_t x = 0;
	while (cgload_now_ms() < end)
		for (int i = 0; i < 10000; i++)
			x += (uint64_t)i;
	return 0;
}

/* Spins until this process has used ms of CPU time, however long that
 * takes: under a CPU quota the throttling then shows whatever else the
 * host is running (a wall-clock spinner on a loaded host may never reach
 * its quota). */
__attribute__((unused)) static int cgload_spin_cpu(long ms)
{
	volatile uint64_t x = 0;
	for (;;) {
		struct timespec ts;
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
		if ((uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000 >= (uint64_t)ms)
			return 0;
		for (int i = 0; i < 10000; i++)
			x += (uint64_t)i;
	}
}

/* Sleeps forever: a tenant for kill tests. */
__attribute__((unused)) static int cgload_sleep(long unused)
{
	(void)unused;
	for (;;)
		pause();
	return 0;
}

/* Polls until the run is empty or timeout_ms passes; returns the last
 * cgroup_run_populated() value. */
__attribute__((unused)) static int cgload_wait_empty(struct cgroup_run *r, int timeout_ms)
{
	uint64_t end = cgload_now_ms() + (uint64_t)timeout_ms;
	int p;
	while ((p = cgroup_run_populated(r)) > 0 && cgload_now_ms() < end)
		usleep(2000);
	return p;
}
