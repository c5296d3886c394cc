/* cgvm: proves the cgroup v2 path of supervisor/cgroup.c on a cgroup2-only
 * kernel (booted by vmtest.py under qemu): memory, CPU and pids limits are
 * enforced and reported, cgroup.kill and CLONE_INTO_CGROUP work. TAP output.
 * Runs in: a throwaway VM as its root, pid 1's child. Input: none. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cgload.h"
#include "cgroup.h"
#include "tap.h"

static int read_small(const char *dir, const char *file, char *buf, size_t len)
{
	char p[4096];
	snprintf(p, sizeof p, "%s/%s", dir, file);
	int fd = open(p, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ssize_t n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	if (n > 0 && buf[n - 1] == '\n')
		buf[n - 1] = '\0';
	return 0;
}

static struct cgroup_run *new_run(struct cgroup_host *h, uint64_t mem, uint64_t pids, uint64_t quota)
{
	char err[512];
	struct cgroup_limits lim = {mem, pids, quota, 100000};
	struct cgroup_run *r = NULL;
	int rc = cgroup_run_create(h, &lim, &r, err, sizeof err);
	tap_ok(rc == 0, "run create (mem=%llu pids=%llu quota=%llu): %s", (unsigned long long)mem,
	       (unsigned long long)pids, (unsigned long long)quota, rc ? err : "ok");
	return r;
}

/* A hog with a sleeping sibling: memory.oom.group=1 must take both. */
static int hog_with_sibling(long mib)
{
	pid_t s = fork();
	if (s == 0) {
		for (;;)
			pause();
	}
	if (s < 0)
		return 4;
	return cgload_hog(mib);
}

static bool in_group(pid_t pid, const char *v2path)
{
	char buf[1024];
	if (!cgload_proc_read(pid, "cgroup", buf, sizeof buf))
		return false;
	const char *name = strrchr(v2path, '/');
	return name && strstr(buf, name) != NULL;
}

/* Plays systemd with Delegate=yes: a non-root group offering the
 * controllers, holding only this process. The probe must then move us into
 * a leaf (no-internal-process rule) before enabling them for runs. */
static int enter_delegated(const char *dir)
{
	static const char *const ctrls[] = {"+memory", "+cpu", "+pids"};
	char pid[32];
	snprintf(pid, sizeof pid, "%ld", (long)getpid());
	for (size_t i = 0; i < 3; i++) {
		int fd = open("/sys/fs/cgroup/cgroup.subtree_control", O_WRONLY | O_CLOEXEC);
		if (fd < 0 || write(fd, ctrls[i], strlen(ctrls[i])) < 0)
			return -errno;
		close(fd);
	}
	if (mkdir(dir, 0755) < 0 && errno != EEXIST)
		return -errno;
	char p[256];
	snprintf(p, sizeof p, "%s/cgroup.procs", dir);
	int fd = open(p, O_WRONLY | O_CLOEXEC);
	if (fd < 0 || write(fd, pid, strlen(pid)) < 0)
		return -errno;
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	char err[1024] = "", desc[512], buf[256];
	struct cgroup_host *h = NULL;
	bool delegated = argc > 1 && strcmp(argv[1], "--delegated") == 0;
	if (delegated) {
		int e = enter_delegated("/sys/fs/cgroup/deleg");
		if (!tap_ok(e == 0, "entered delegated group /deleg (%s)", strerror(-e)))
			return tap_done();
	}
	int rc = cgroup_host_probe(NULL, CGROUP_REQ_REQUIRED, &h, err, sizeof err);
	if (!tap_ok(rc == 0, "REQUIRED probe succeeds on a cgroup2-only kernel: %s", rc ? err : "ok"))
		return tap_done();
	cgroup_host_describe(h, desc, sizeof desc);
	printf("# host: %s\n", desc);
	TAP_EQ_STR(cgroup_mode_name(cgroup_host_mode(h)), "v2", "mode is v2");
	TAP_EQ_STR(cgroup_host_degraded(h), "", "nothing degraded");
	tap_ok(cgroup_host_wall(h, CGROUP_CTRL_MEMORY) == CGROUP_MODE_V2 &&
	               cgroup_host_wall(h, CGROUP_CTRL_CPU) == CGROUP_MODE_V2 &&
	               cgroup_host_wall(h, CGROUP_CTRL_PIDS) == CGROUP_MODE_V2,
	       "memory, cpu and pids walls are all v2");
	tap_ok(cgroup_cleanup_stale(h) >= 0, "cleanup_stale");
	if (delegated) {
		tap_ok(strstr(desc, "moved-self=codecell-supervisor") != NULL, "supervisor moved itself into a leaf");
		tap_ok(in_group(getpid(), "/deleg/codecell-supervisor"), "/proc/self/cgroup shows the leaf");
	}

	/* memory: 32 MiB, hog of 256 MiB with a sibling */
	struct cgroup_run *r = new_run(h, 32u << 20, 16, CGROUP_UNLIMITED);
	if (r) {
		const char *d = cgroup_run_v2_path(r);
		tap_ok(read_small(d, "memory.max", buf, sizeof buf) == 0 && strcmp(buf, "33554432") == 0,
		       "memory.max written before entry (%s)", buf);
		tap_ok(read_small(d, "memory.swap.max", buf, sizeof buf) == 0 && strcmp(buf, "0") == 0,
		       "memory.swap.max = 0 (%s)", buf);
		tap_ok(read_small(d, "memory.oom.group", buf, sizeof buf) == 0 && strcmp(buf, "1") == 0,
		       "memory.oom.group = 1 (%s)", buf);
		bool into = false;
		pid_t pid = cgload_spawn(r, true, hog_with_sibling, 256, &into, err, sizeof err);
		tap_ok(pid > 0 && into, "hog started with CLONE_INTO_CGROUP: %s", pid > 0 ? "ok" : err);
		int st = pid > 0 ? cgload_wait(pid, 60000) : -1;
		tap_ok(st >= 0 && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "memory: hog SIGKILLed (status %d)", st);
		TAP_EQ_INT(cgload_wait_empty(r, 5000), 0, "memory: oom.group killed the sibling too");
		struct cgroup_usage u;
		cgroup_run_usage(r, &u);
		tap_ok(u.oom_kills != UINT64_MAX && u.oom_kills >= 1, "memory: oom_kill reported (%llu)",
		       (unsigned long long)u.oom_kills);
		tap_ok(u.memory_peak_bytes >= (28u << 20) && u.memory_peak_bytes <= (32u << 20),
		       "memory: memory.peak near 32 MiB (%llu)", (unsigned long long)u.memory_peak_bytes);
		cgroup_run_destroy(r);
	}

	/* pids: pids.max = 4 */
	r = new_run(h, 64u << 20, 4, CGROUP_UNLIMITED);
	if (r) {
		tap_ok(read_small(cgroup_run_v2_path(r), "pids.max", buf, sizeof buf) == 0 && strcmp(buf, "4") == 0,
		       "pids.max written (%s)", buf);
		pid_t pid = cgload_spawn(r, true, cgload_forker, 16, NULL, err, sizeof err);
		int st = pid > 0 ? cgload_wait(pid, 30000) : -1;
		tap_ok(st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 3, "pids: exactly 3 forks allowed (exit %d)",
		       st >= 0 && WIFEXITED(st) ? WEXITSTATUS(st) : -1);
		struct cgroup_usage u;
		cgroup_run_usage(r, &u);
		tap_ok(u.pids_max_events != UINT64_MAX && u.pids_max_events >= 1, "pids: pids.events max = %llu",
		       (unsigned long long)u.pids_max_events);
		/* the 3 sleepers are still there: cgroup.kill, written directly
		 * first so the kernel feature itself is what is proven */
		tap_ok(cgroup_run_populated(r) == 1, "pids: sleepers remain in the run");
		char kp[4096];
		snprintf(kp, sizeof kp, "%s/cgroup.kill", cgroup_run_v2_path(r));
		int fd = open(kp, O_WRONLY | O_CLOEXEC);
		tap_ok(fd >= 0 && write(fd, "1", 1) == 1, "cgroup.kill written");
		if (fd >= 0)
			close(fd);
		TAP_EQ_INT(cgload_wait_empty(r, 5000), 0, "cgroup.kill emptied the run");
		cgroup_run_destroy(r);
	}

	/* cgroup_run_kill on a tree, and CLONE_INTO_CGROUP placement */
	r = new_run(h, 64u << 20, 16, CGROUP_UNLIMITED);
	if (r) {
		bool into = false;
		pid_t pid = cgload_spawn(r, true, cgload_sleep, 0, &into, err, sizeof err);
		tap_ok(pid > 0 && into && in_group(pid, cgroup_run_v2_path(r)),
		       "CLONE_INTO_CGROUP placed the child without attach (%s)", pid > 0 ? "ok" : err);
		pid_t pid2 = cgload_spawn(r, false, cgload_forker, 4, NULL, err, sizeof err);
		tap_ok(pid2 > 0 && cgload_wait(pid2, 30000) >= 0, "fork+attach child made 4 sleepers");
		TAP_EQ_INT(cgroup_run_kill(r), 0, "cgroup_run_kill");
		int st = pid > 0 ? cgload_wait(pid, 5000) : -1;
		tap_ok(st >= 0 && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "tenant SIGKILLed");
		TAP_EQ_INT(cgload_wait_empty(r, 5000), 0, "whole tree gone");
		char path[4096];
		snprintf(path, sizeof path, "%s", cgroup_run_v2_path(r));
		cgroup_run_destroy(r);
		tap_ok(access(path, F_OK) < 0 && errno == ENOENT, "destroy removed the group");
	}

	/* CPU: 20 ms per 100 ms for 1 s of wall time */
	r = new_run(h, 64u << 20, 16, 20000);
	if (r) {
		tap_ok(read_small(cgroup_run_v2_path(r), "cpu.max", buf, sizeof buf) == 0 &&
		               strcmp(buf, "20000 100000") == 0,
		       "cpu.max written (%s)", buf);
		uint64_t t0 = cgload_now_ms();
		pid_t pid = cgload_spawn(r, true, cgload_spin, 1000, NULL, err, sizeof err);
		int st = pid > 0 ? cgload_wait(pid, 30000) : -1;
		uint64_t wall_ms = cgload_now_ms() - t0;
		tap_ok(st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0, "cpu: spinner finished");
		struct cgroup_usage u;
		cgroup_run_usage(r, &u);
		tap_ok(u.cpu_nr_throttled != UINT64_MAX && u.cpu_nr_throttled >= 3, "cpu: nr_throttled = %llu",
		       (unsigned long long)u.cpu_nr_throttled);
		tap_ok(u.cpu_throttled_usec != UINT64_MAX && u.cpu_throttled_usec > 100000,
		       "cpu: throttled_usec = %llu", (unsigned long long)u.cpu_throttled_usec);
		/* 20% of the wall time, plus one period of slack */
		tap_ok(u.cpu_usec != UINT64_MAX && u.cpu_usec > 10000 && u.cpu_usec <= wall_ms * 200 + 100000,
		       "cpu: usage_usec %llu within 20%% of %llu ms", (unsigned long long)u.cpu_usec,
		       (unsigned long long)wall_ms);
		cgroup_run_destroy(r);
	}
	cgroup_host_free(h);
	return tap_done();
}
