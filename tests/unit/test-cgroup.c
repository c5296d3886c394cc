/* test-cgroup: the cgroup parsers over fixed buffers, then the live module on
 * this host: truthful mode detection, REQUIRED failing closed where v2 lacks
 * controllers, and each wall actually holding in whatever mode AUTO picked.
 * Runs in: test binary (root for the live part). Input: none. */
#include <dirent.h>
#include <fcntl.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../vm/cgload.h"
#include "cgroup.h"
#include "tap.h"

/* ------------------------------------------------------------------ */
/* pure parsers */

static const char host_proc_cgroup[] = "9:name=systemd:/\n"
                                       "8:pids:/\n"
                                       "4:memory:/process_api/1cfb\n"
                                       "2:cpuacct:/\n"
                                       "1:cpu:/\n"
                                       "0::/\n";

static void test_proc_cgroup(void)
{
	char p[64];
	const char *b = host_proc_cgroup;
	size_t n = strlen(b);
	TAP_EQ_INT(cgroup_parse_proc_cgroup(b, n, NULL, p, sizeof p), 0, "proc cgroup: v2 line found");
	TAP_EQ_STR(p, "/", "proc cgroup: v2 path");
	TAP_EQ_INT(cgroup_parse_proc_cgroup(b, n, "memory", p, sizeof p), 0, "proc cgroup: memory found");
	TAP_EQ_STR(p, "/process_api/1cfb", "proc cgroup: memory path");
	TAP_EQ_INT(cgroup_parse_proc_cgroup(b, n, "name=systemd", p, sizeof p), 0, "proc cgroup: named hierarchy");
	TAP_EQ_INT(cgroup_parse_proc_cgroup(b, n, "cpuset", p, sizeof p), -ENOENT, "proc cgroup: absent controller");
	TAP_EQ_INT(cgroup_parse_proc_cgroup(b, n, "mem", p, sizeof p), -ENOENT, "proc cgroup: no prefix match");

	const char co[] = "3:cpu,cpuacct:/a/b:c\n0::/user.slice/x.scope\n";
	TAP_EQ_INT(cgroup_parse_proc_cgroup(co, strlen(co), "cpuacct", p, sizeof p), 0, "proc cgroup: co-mounted");
	TAP_EQ_STR(p, "/a/b:c", "proc cgroup: path keeps ':'");
	TAP_EQ_INT(cgroup_parse_proc_cgroup(co, strlen(co), NULL, p, sizeof p), 0, "proc cgroup: v2 after v1");
	TAP_EQ_STR(p, "/user.slice/x.scope", "proc cgroup: v2 path nested");
	TAP_EQ_INT(cgroup_parse_proc_cgroup(co, strlen(co), NULL, p, 5), -ENAMETOOLONG, "proc cgroup: too long");

	const char v1only[] = "4:memory:/\n";
	TAP_EQ_INT(cgroup_parse_proc_cgroup(v1only, strlen(v1only), NULL, p, sizeof p), -ENOENT,
	           "proc cgroup: no v2 line on v1-only host");
	const char bad1[] = "garbage\n";
	TAP_EQ_INT(cgroup_parse_proc_cgroup(bad1, strlen(bad1), NULL, p, sizeof p), -EINVAL, "proc cgroup: no colons");
	const char bad2[] = "x::/\n";
	TAP_EQ_INT(cgroup_parse_proc_cgroup(bad2, strlen(bad2), NULL, p, sizeof p), -EINVAL, "proc cgroup: bad id");
	const char bad3[] = "0::relative\n";
	TAP_EQ_INT(cgroup_parse_proc_cgroup(bad3, strlen(bad3), NULL, p, sizeof p), -EINVAL,
	           "proc cgroup: relative path rejected");
	/* not NUL-terminated: the length bounds the parse */
	char nonul[] = {'0', ':', ':', '/', 'a', 'X'};
	TAP_EQ_INT(cgroup_parse_proc_cgroup(nonul, 5, NULL, p, sizeof p), 0, "proc cgroup: length-bounded");
	TAP_EQ_STR(p, "/a", "proc cgroup: length-bounded path");
}

static void test_words(void)
{
	const char all[] = "cpuset cpu io memory hugetlb pids rdma misc\n";
	const char hyb[] = "hugetlb\n";
	const char cpuset[] = "cpuset  cpuacct\tio";
	TAP_EQ_INT(cgroup_words_contain(all, strlen(all), "cpu"), 1, "words: cpu in full list");
	TAP_EQ_INT(cgroup_words_contain(all, strlen(all), "misc"), 1, "words: last word");
	TAP_EQ_INT(cgroup_words_contain(all, strlen(all), "cpus"), 0, "words: no partial match");
	TAP_EQ_INT(cgroup_words_contain(hyb, strlen(hyb), "memory"), 0, "words: hybrid host lacks memory");
	TAP_EQ_INT(cgroup_words_contain(cpuset, strlen(cpuset), "cpu"), 0, "words: cpu does not match cpuset");
	TAP_EQ_INT(cgroup_words_contain(cpuset, strlen(cpuset), "io"), 1, "words: tab separated");
	TAP_EQ_INT(cgroup_words_contain("", 0, "cpu"), 0, "words: empty");
}

static void test_keyed(void)
{
	const char ev[] = "low 0\nhigh 0\nmax 35\noom 1\noom_kill 1\noom_group_kill 0\n";
	const char cs[] = "usage_usec 123456\nuser_usec 100000\nsystem_usec 23456\nnr_periods 21\n"
	                  "nr_throttled 20\nthrottled_usec 1860000\n";
	const char v1oom[] = "oom_kill_disable 0\nunder_oom 0\noom_kill 2\n";
	uint64_t v = 7;
	TAP_EQ_INT(cgroup_parse_keyed(ev, strlen(ev), "oom_kill", &v), 0, "keyed: oom_kill");
	TAP_EQ_INT(v, 1, "keyed: oom_kill value");
	TAP_EQ_INT(cgroup_parse_keyed(ev, strlen(ev), "oom", &v) == 0 && v == 1, 1, "keyed: oom not confused");
	TAP_EQ_INT(cgroup_parse_keyed(ev, strlen(ev), "max", &v) == 0 && v == 35, 1, "keyed: max");
	TAP_EQ_INT(cgroup_parse_keyed(cs, strlen(cs), "usage_usec", &v) == 0 && v == 123456, 1, "keyed: usage_usec");
	TAP_EQ_INT(cgroup_parse_keyed(cs, strlen(cs), "throttled_usec", &v) == 0 && v == 1860000, 1,
	           "keyed: throttled_usec");
	TAP_EQ_INT(cgroup_parse_keyed(v1oom, strlen(v1oom), "oom_kill", &v) == 0 && v == 2, 1,
	           "keyed: v1 oom_control oom_kill after oom_kill_disable");
	TAP_EQ_INT(cgroup_parse_keyed(cs, strlen(cs), "usage", &v), -ENOENT, "keyed: prefix is not a key");
	const char bad[] = "max x1\n";
	TAP_EQ_INT(cgroup_parse_keyed(bad, strlen(bad), "max", &v), -EINVAL, "keyed: non-number");
	const char big[] = "max 18446744073709551616\n";
	TAP_EQ_INT(cgroup_parse_keyed(big, strlen(big), "max", &v), -EINVAL, "keyed: overflow rejected");
	const char empty[] = "max \n";
	TAP_EQ_INT(cgroup_parse_keyed(empty, strlen(empty), "max", &v), -EINVAL, "keyed: empty value");
}

static void test_u64(void)
{
	uint64_t v = 0;
	TAP_EQ_INT(cgroup_parse_u64("33554432\n", 9, &v) == 0 && v == 33554432, 1, "u64: memory.peak");
	TAP_EQ_INT(cgroup_parse_u64("max\n", 4, &v) == 0 && v == CGROUP_UNLIMITED, 1, "u64: max");
	TAP_EQ_INT(cgroup_parse_u64("18446744073709551615", 20, &v) == 0 && v == UINT64_MAX, 1, "u64: largest");
	TAP_EQ_INT(cgroup_parse_u64("18446744073709551616", 20, &v), -EINVAL, "u64: overflow");
	TAP_EQ_INT(cgroup_parse_u64("", 0, &v), -EINVAL, "u64: empty");
	TAP_EQ_INT(cgroup_parse_u64("-1\n", 3, &v), -EINVAL, "u64: negative");
	TAP_EQ_INT(cgroup_parse_u64("12 34", 5, &v), -EINVAL, "u64: two words");
}

static void test_mountinfo(void)
{
	const char mi[] = "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755\n"
	                  "32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu\n"
	                  "33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime shared:7 - cgroup cgroup rw,cpuacct\n"
	                  "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n"
	                  "40 31 0:37 / /sys/fs/cgroup/systemd rw - cgroup cgroup rw,xattr,name=systemd\n"
	                  "41 31 0:38 /ns /sys/fs/cgroup/uni\\040fied rw,relatime shared:9 master:2 - cgroup2 cgroup2 "
	                  "rw\n";
	char m[128], r[128];
	size_t n = strlen(mi);
	TAP_EQ_INT(cgroup_parse_mountinfo(mi, n, "cgroup2", NULL, m, sizeof m, r, sizeof r), 0, "mountinfo: cgroup2");
	TAP_EQ_STR(m, "/sys/fs/cgroup/uni fied", "mountinfo: escape decoded, optional fields skipped");
	TAP_EQ_STR(r, "/ns", "mountinfo: mount root");
	TAP_EQ_INT(cgroup_parse_mountinfo(mi, n, "cgroup", "cpu", m, sizeof m, r, sizeof r), 0, "mountinfo: v1 cpu");
	TAP_EQ_STR(m, "/sys/fs/cgroup/cpu", "mountinfo: cpu is not cpuacct");
	TAP_EQ_INT(cgroup_parse_mountinfo(mi, n, "cgroup", "cpuacct", m, sizeof m, r, sizeof r), 0,
	           "mountinfo: cpuacct after optional field");
	TAP_EQ_STR(m, "/sys/fs/cgroup/cpuacct", "mountinfo: cpuacct mount");
	TAP_EQ_INT(cgroup_parse_mountinfo(mi, n, "cgroup", "name=systemd", m, sizeof m, r, sizeof r), 0,
	           "mountinfo: named hierarchy");
	TAP_EQ_INT(cgroup_parse_mountinfo(mi, n, "cgroup", "pids", m, sizeof m, r, sizeof r), -ENOENT,
	           "mountinfo: absent controller");
	TAP_EQ_INT(cgroup_parse_mountinfo(mi, n, "cgroup", "memory", m, 8, r, sizeof r), -ENAMETOOLONG,
	           "mountinfo: too long");
	const char bad[] = "1 2 3 / /x rw no-separator cgroup2\n";
	TAP_EQ_INT(cgroup_parse_mountinfo(bad, strlen(bad), "cgroup2", NULL, m, sizeof m, r, sizeof r), -EINVAL,
	           "mountinfo: missing separator");
	const char shortl[] = "1 2 3\n";
	TAP_EQ_INT(cgroup_parse_mountinfo(shortl, strlen(shortl), "cgroup2", NULL, m, sizeof m, r, sizeof r), -EINVAL,
	           "mountinfo: short line");
}

static void test_run_name(void)
{
	pid_t pid = 0;
	TAP_EQ_INT(cgroup_parse_run_name("codecell-run-1234-7", &pid) == 0 && pid == 1234, 1, "run name: run");
	TAP_EQ_INT(cgroup_parse_run_name("codecell-probe-99", &pid) == 0 && pid == 99, 1, "run name: probe");
	TAP_EQ_INT(cgroup_parse_run_name("codecell-run-1234", &pid), -EINVAL, "run name: no sequence");
	TAP_EQ_INT(cgroup_parse_run_name("codecell-run-0-1", &pid), -EINVAL, "run name: pid 0");
	TAP_EQ_INT(cgroup_parse_run_name("codecell-run-99999999999-1", &pid), -EINVAL, "run name: pid overflow");
	TAP_EQ_INT(cgroup_parse_run_name("codecell-supervisor", &pid), -EINVAL, "run name: supervisor leaf kept");
	TAP_EQ_INT(cgroup_parse_run_name("user.slice", &pid), -EINVAL, "run name: foreign dir");
	TAP_EQ_INT(cgroup_parse_run_name("codecell-probe-12x", &pid), -EINVAL, "run name: trailing junk");
}

/* ------------------------------------------------------------------ */
/* live, on this host */

/* What the kernel says, read independently of the module under test:
 * controllers offered at the v2 root, and v1 binding from /proc/cgroups. */
static bool v2_root_has(const char *ctrl)
{
	char buf[512] = "";
	const char *roots[] = {"/sys/fs/cgroup/cgroup.controllers", "/sys/fs/cgroup/unified/cgroup.controllers"};
	for (size_t i = 0; i < 2; i++) {
		FILE *f = fopen(roots[i], "re");
		if (!f)
			continue;
		size_t n = fread(buf, 1, sizeof buf - 1, f);
		fclose(f);
		buf[n] = '\0';
		return cgroup_words_contain(buf, n, ctrl);
	}
	return false;
}

static bool v1_bound(const char *ctrl)
{
	FILE *f = fopen("/proc/cgroups", "re");
	if (!f)
		return false;
	char name[64];
	int hier, num, en;
	bool bound = false;
	char line[256];
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "%63s %d %d %d", name, &hier, &num, &en) == 4 && strcmp(name, ctrl) == 0)
			bound = hier != 0 && en;
	fclose(f);
	return bound;
}

/* True when /proc/<pid>/cgroup names the run's group (the v2 one if any,
 * else any codecell run). */
static bool proc_in_run(pid_t pid, const char *run_v2_path)
{
	char buf[4096];
	if (!cgload_proc_read(pid, "cgroup", buf, sizeof buf))
		return false;
	const char *name = run_v2_path ? strrchr(run_v2_path, '/') + 1 : "codecell-run-";
	return strstr(buf, name) != NULL;
}

static void live_modes(void)
{
	char err[1024] = "";
	struct cgroup_host *h = NULL;
	bool v2_full = v2_root_has("memory") && v2_root_has("cpu") && v2_root_has("pids");

	int rc = cgroup_host_probe(NULL, CGROUP_REQ_REQUIRED, &h, err, sizeof err);
	if (!v2_full) {
		TAP_EQ_INT(rc, -ENOTSUP, "REQUIRED fails closed without v2 controllers");
		tap_ok(h == NULL, "REQUIRED: no host handle on failure");
		const char *why = strstr(err, "required but unavailable: ");
		tap_ok(why && strlen(why) > 40, "REQUIRED: message gives the reason: %s", err);
		/* as root the v2 dir is writable, so the reason is the controllers */
		if (geteuid() == 0)
			tap_ok(strstr(err, "memory") && strstr(err, "cgroup.subtree_control"),
			       "REQUIRED as root: names the missing controllers and the file");
	} else if (rc == 0) {
		/* the positive path is proven in tests/vm (cgroup2-only kernel) */
		TAP_EQ_STR(cgroup_mode_name(cgroup_host_mode(h)), "v2", "REQUIRED succeeded: mode v2");
	} else {
		/* offered at the root but not delegable to us (e.g. a container
		 * whose cgroup holds other processes): failing closed is right */
		tap_ok(rc == -ENOTSUP && h == NULL && strstr(err, "required"),
		       "REQUIRED fails closed where v2 cannot be delegated: %s", err);
	}
	cgroup_host_free(h);
	h = NULL;

	rc = cgroup_host_probe(NULL, CGROUP_REQ_OFF, &h, err, sizeof err);
	TAP_EQ_INT(rc, 0, "OFF probe");
	if (h) {
		TAP_EQ_STR(cgroup_mode_name(cgroup_host_mode(h)), "none", "OFF: mode none");
		tap_ok(strstr(cgroup_host_degraded(h), "cgroups-off") &&
		               strstr(cgroup_host_degraded(h), "no-cgroup-memory"),
		       "OFF: degraded says so (%s)", cgroup_host_degraded(h));
		struct cgroup_run *r = NULL;
		struct cgroup_limits lim = {32u << 20, 8, 100000, 100000};
		TAP_EQ_INT(cgroup_run_create(h, &lim, &r, err, sizeof err), 0, "OFF: run with no groups");
		TAP_EQ_INT(cgroup_run_v2_fd(r), -1, "OFF: no v2 fd");
		cgroup_run_destroy(r);
	}
	cgroup_host_free(h);
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

/* ------------------------------------------------------------------ */
/* held files, and the kill shortcuts of a pid namespace's init */

static int count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	if (!d)
		return -1;
	int n = 0;
	while (readdir(d))
		n++;
	closedir(d);
	return n;
}

/* The kernel behaviour cgroup.c relies on, checked without the module: a
 * cgroup stat file read again with pread at offset 0 on the same fd shows
 * the current value, not the text generated for the first read. */
static void held_pread_kernel(struct cgroup_run *r)
{
	const char *v2 = cgroup_run_v2_path(r);
	if (!v2) {
		tap_skip("pread re-read of cpu.stat", "no v2 group on this host");
		return;
	}
	char p[4096], a[512], b[512];
	snprintf(p, sizeof p, "%s/cpu.stat", v2);
	int fd = open(p, O_RDONLY | O_CLOEXEC);
	ssize_t na = fd >= 0 ? pread(fd, a, sizeof a - 1, 0) : -1;
	char err[256];
	pid_t pid = cgload_spawn(r, true, cgload_spin_cpu, 30, NULL, err, sizeof err);
	int st = pid > 0 ? cgload_wait(pid, 20000) : -1;
	ssize_t nb = fd >= 0 ? pread(fd, b, sizeof b - 1, 0) : -1;
	uint64_t va = 0, vb = 0;
	bool ok = na > 0 && nb > 0 && st == 0 && cgroup_parse_keyed(a, (size_t)na, "usage_usec", &va) == 0 &&
	          cgroup_parse_keyed(b, (size_t)nb, "usage_usec", &vb) == 0;
	tap_ok(ok && vb >= va + 25000, "kernfs: pread(fd, 0) of a held cpu.stat regenerates it");
	printf("# usage_usec %llu then %llu\n", (unsigned long long)va, (unsigned long long)vb);
	if (fd >= 0)
		close(fd);
}

/* The module's own held files: a second cgroup_run_usage_of opens nothing
 * and still sees the workload that ran in between. */
static void held_usage(struct cgroup_host *h)
{
	struct cgroup_run *r = new_run(h, 64u << 20, 16, CGROUP_UNLIMITED);
	if (!r)
		return;
	char err[256];
	struct cgroup_usage u0, u1;
	int fds0 = count_fds();
	cgroup_run_usage_of(r, CGROUP_USAGE_CPU | CGROUP_USAGE_MEMORY_PEAK, &u0);
	/* cpu.stat (v2) or cpuacct.usage, and the memory peak file: one held
	 * fd for each counter this host measures */
	int measured = (u0.cpu_usec != UINT64_MAX) + (u0.memory_peak_bytes != UINT64_MAX);
	TAP_EQ_INT(count_fds(), fds0 + measured, "held: the first read keeps its files open");
	/* 16 MiB touched and 30 ms of CPU spent, in two children. */
	pid_t pid = cgload_spawn(r, true, cgload_hog, 16, NULL, err, sizeof err);
	int st = pid > 0 ? cgload_wait(pid, 20000) : -1;
	tap_ok(st == 0, "held: hog of 16 MiB under 64 MiB finished");
	pid = cgload_spawn(r, true, cgload_spin_cpu, 30, NULL, err, sizeof err);
	st = pid > 0 ? cgload_wait(pid, 20000) : -1;
	tap_ok(st == 0, "held: spinner finished");
	int fds1 = count_fds();
	cgroup_run_usage_of(r, CGROUP_USAGE_CPU | CGROUP_USAGE_MEMORY_PEAK, &u1);
	TAP_EQ_INT(count_fds(), fds1, "held: the second read keeps no more open");
	tap_ok(u0.cpu_usec != UINT64_MAX && u1.cpu_usec != UINT64_MAX && u1.cpu_usec >= u0.cpu_usec + 25000,
	       "held: re-read CPU grew by the spinner's 30 ms");
	printf("# cpu_usec %llu then %llu\n", (unsigned long long)u0.cpu_usec, (unsigned long long)u1.cpu_usec);
	tap_ok(u0.memory_peak_bytes != UINT64_MAX && u1.memory_peak_bytes >= (16u << 20) &&
	               u1.memory_peak_bytes > u0.memory_peak_bytes,
	       "held: re-read memory peak shows the 16 MiB hog");
	printf("# memory_peak_bytes %llu then %llu\n", (unsigned long long)u0.memory_peak_bytes,
	       (unsigned long long)u1.memory_peak_bytes);
	/* Only what was asked: the rest stays unknown. */
	tap_ok(u1.oom_kills == UINT64_MAX && u1.pids_max_events == UINT64_MAX && u1.cpu_nr_throttled == UINT64_MAX,
	       "usage_of: counters not asked for are not read");
	held_pread_kernel(r);
	cgroup_run_destroy(r);
}

/* The guest's shape: pid 1 of a new pid namespace that forks n sleepers
 * and waits. Placed like cgload_spawn; attach flags add PIDNS_INIT when
 * pidns_flag. -EPERM/-EINVAL when the kernel refuses a pid namespace. */
static pid_t spawn_pidns_init(struct cgroup_run *r, long n, unsigned extra_flags, char *err, size_t errlen)
{
	int p[2];
	if (pipe2(p, O_CLOEXEC) < 0)
		return -errno;
	int v2fd = cgroup_run_v2_fd(r);
	struct clone_args ca;
	memset(&ca, 0, sizeof ca);
	ca.flags = CLONE_NEWPID | (v2fd >= 0 ? CLONE_INTO_CGROUP : 0);
	ca.exit_signal = SIGCHLD;
	ca.cgroup = v2fd >= 0 ? (uint64_t)v2fd : 0;
	pid_t pid = (pid_t)syscall(SYS_clone3, &ca, sizeof ca);
	if (pid < 0) {
		int e = errno;
		snprintf(err, errlen, "clone3(CLONE_NEWPID): %s", strerror(e));
		close(p[0]);
		close(p[1]);
		return -e;
	}
	if (pid == 0) {
		char c;
		close(p[1]);
		if (read(p[0], &c, 1) != 1)
			_exit(120);
		cgload_forker(n);
		for (;;)
			pause();
	}
	close(p[0]);
	unsigned flags = extra_flags | (v2fd >= 0 ? CGROUP_ATTACH_V2_DONE : 0);
	int rc = cgroup_run_attach(r, pid, flags, err, errlen);
	if (rc < 0 || write(p[1], "g", 1) != 1) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		close(p[1]);
		return rc < 0 ? rc : -EIO;
	}
	close(p[1]);
	return pid;
}

/* Waits until the run holds want processes (the init and its forks). */
static bool wait_procs(pid_t init, int want)
{
	uint64_t end = cgload_now_ms() + 5000;
	while (cgload_now_ms() < end) {
		char task[64], buf[4096];
		snprintf(task, sizeof task, "task/%ld/children", (long)init);
		if (!cgload_proc_read(init, task, buf, sizeof buf))
			return false;
		int k = 0;
		for (char *s = strtok(buf, " \n"); s; s = strtok(NULL, " \n"))
			k++;
		if (k + 1 >= want)
			return true;
		usleep(2000);
	}
	return false;
}

static void pidns_kill(struct cgroup_host *h)
{
	char err[256];
	struct cgroup_run *r = new_run(h, 64u << 20, 16, CGROUP_UNLIMITED);
	if (!r)
		return;
	/* Baseline: can this kernel and user make a pid namespace at all? */
	pid_t init = spawn_pidns_init(r, 3, CGROUP_ATTACH_PIDNS_INIT, err, sizeof err);
	if (init == -EPERM || init == -EINVAL || init == -ENOSPC) {
		tap_skip("pid namespace init kill", "no pid namespace here: %s", err);
		cgroup_run_destroy(r);
		return;
	}
	tap_ok(init > 0 && wait_procs(init, 4), "pidns: init and 3 sleepers running: %s", init > 0 ? "ok" : err);
	char path[4096] = "";
	if (cgroup_run_v2_path(r))
		snprintf(path, sizeof path, "%s", cgroup_run_v2_path(r));
	/* A tenant outside the namespace, in the v1 groups only, breaks the
	 * PIDNS_INIT promise on purpose: the kill may miss it, destroy's rmdir
	 * must not. Only meaningful where v1 groups and cgroup.kill coexist. */
	pid_t stray = -1;
	if (cgroup_host_v2_tracking(h) && cgroup_host_mode(h) == CGROUP_MODE_V1)
		stray = cgload_spawn(r, false, cgload_sleep, 0, NULL, err, sizeof err);
	/* cgload_spawn attached it with PIDNS_INIT unset: the run keeps the
	 * flag from the init's attach. */
	TAP_EQ_INT(cgroup_run_kill(r), 0, "pidns: run kill");
	int st = init > 0 ? cgload_wait(init, 5000) : -1;
	tap_ok(st >= 0 && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "pidns: init died of SIGKILL");
	cgroup_run_reaped(r);
	if (stray > 0) {
		tap_ok(kill(stray, 0) == 0, "pidns: the stray outside the namespace outlived the kill (no sweep)");
		cgroup_run_destroy(r);
		st = cgload_wait(stray, 5000);
		tap_ok(st >= 0 && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL,
		       "pidns: destroy's rmdir found the stray and killed it");
	} else {
		TAP_EQ_INT(cgroup_run_populated(r), 0, "pidns: reaping the init emptied the run");
		cgroup_run_destroy(r);
	}
	if (path[0])
		tap_ok(access(path, F_OK) < 0 && errno == ENOENT, "pidns: destroy removed the groups");
}

/* Without PIDNS_INIT the sweep keeps its old safety: a task in the v1
 * groups but not the v2 one is killed by cgroup_run_kill itself. */
static void v1_only_task_killed(struct cgroup_host *h)
{
	if (!(cgroup_host_v2_tracking(h) && cgroup_host_mode(h) == CGROUP_MODE_V1)) {
		tap_skip("v1-only task", "needs v1 walls beside a v2 tracking group (a hybrid host)");
		return;
	}
	char err[256];
	struct cgroup_run *r = new_run(h, 64u << 20, 16, CGROUP_UNLIMITED);
	if (!r)
		return;
	/* fork + attach with V2_DONE, which it is not: v1 groups only */
	pid_t pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	int rc = pid > 0 ? cgroup_run_attach(r, pid, CGROUP_ATTACH_V2_DONE, err, sizeof err) : -1;
	TAP_EQ_INT(rc, 0, "v1-only: attach");
	TAP_EQ_INT(cgroup_run_kill(r), 0, "v1-only: run kill");
	int st = pid > 0 ? cgload_wait(pid, 2000) : -1;
	tap_ok(st >= 0 && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "v1-only: the sweep killed it");
	cgroup_run_destroy(r);
}

static void live_auto(void)
{
	char err[1024] = "", desc[512];
	struct cgroup_host *h = NULL;
	int rc = cgroup_host_probe(NULL, CGROUP_REQ_AUTO, &h, err, sizeof err);
	TAP_EQ_INT(rc, 0, "AUTO probe succeeds");
	if (!h)
		return;
	cgroup_host_describe(h, desc, sizeof desc);
	printf("# host: %s\n", desc);

	/* Truthfulness: a wall is v2 only if the v2 root offers it; a
	 * controller bound to v1 can never be v2; root can write v1. */
	static const char *const names[] = {"memory", "cpu", "pids"};
	for (int c = 0; c < CGROUP_CTRL_COUNT; c++) {
		enum cgroup_mode w = cgroup_host_wall(h, (enum cgroup_controller)c);
		if (!v2_root_has(names[c]))
			tap_ok(w != CGROUP_MODE_V2, "%s wall not claimed as v2 (v2 root lacks it): %s", names[c],
			       cgroup_mode_name(w));
		if (v1_bound(names[c]) && geteuid() == 0)
			tap_ok(w == CGROUP_MODE_V1, "%s bound to v1 and we are root: wall is v1 (%s)", names[c],
			       cgroup_mode_name(w));
	}
	bool v2_full = v2_root_has("memory") && v2_root_has("cpu") && v2_root_has("pids");
	if (!v2_full) {
		tap_ok(cgroup_host_mode(h) != CGROUP_MODE_V2, "mode is not v2 here (%s)",
		       cgroup_mode_name(cgroup_host_mode(h)));
		if (cgroup_host_v2_tracking(h))
			tap_ok(strstr(cgroup_host_degraded(h), "cgroup-v2-controllers-missing") != NULL,
			       "degraded lists cgroup-v2-controllers-missing (%s)", cgroup_host_degraded(h));
	}
	int stale = cgroup_cleanup_stale(h);
	tap_ok(stale >= 0, "cleanup_stale at start (%d removed)", stale);

	/* Without any writable group (not root, nothing delegated) the run has
	 * no directories and there is nothing live to prove beyond the report. */
	if (!cgroup_host_v2_tracking(h) && cgroup_host_mode(h) == CGROUP_MODE_NONE) {
		tap_ok(strstr(cgroup_host_degraded(h), "no-cgroup-memory") != NULL,
		       "no writable cgroup here: degraded says no-cgroup-memory (%s)", cgroup_host_degraded(h));
		cgroup_host_free(h);
		return;
	}

	/* 1. enter + kill a tree: CLONE_INTO_CGROUP when there is a v2 group */
	struct cgroup_run *r = new_run(h, 64u << 20, 16, CGROUP_UNLIMITED);
	if (r) {
		bool into = false;
		pid_t pid = cgload_spawn(r, true, cgload_forker, 3, &into, err, sizeof err);
		tap_ok(pid > 0, "spawn into run (%s): %s", into ? "CLONE_INTO_CGROUP" : "fork+attach",
		       pid > 0 ? "ok" : err);
		if (pid > 0) {
			int st = cgload_wait(pid, 5000);
			tap_ok(st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 3, "forker made 3 children");
			tap_ok(cgroup_run_populated(r) == 1, "run populated by the orphans");
			TAP_EQ_INT(cgroup_run_kill(r), 0, "run kill");
			TAP_EQ_INT(cgload_wait_empty(r, 2000), 0, "kill emptied the whole tree");
		}
		if (cgroup_host_v2_tracking(h))
			tap_ok(into, "v2 group present: CLONE_INTO_CGROUP was used");
		/* one more tenant, checked to be in our groups, then destroy */
		pid = cgload_spawn(r, false, cgload_sleep, 0, NULL, err, sizeof err);
		tap_ok(pid > 0 && proc_in_run(pid, cgroup_run_v2_path(r)), "fork+attach: /proc/pid/cgroup names run");
		char v2path[4096] = "";
		if (cgroup_run_v2_path(r))
			snprintf(v2path, sizeof v2path, "%s", cgroup_run_v2_path(r));
		cgroup_run_kill(r);
		if (pid > 0) {
			int st = cgload_wait(pid, 2000);
			tap_ok(st >= 0 && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "tenant died of SIGKILL");
		}
		cgroup_run_destroy(r);
		if (v2path[0])
			tap_ok(access(v2path, F_OK) < 0 && errno == ENOENT, "destroy removed %s", v2path);
	}

	/* 2. memory wall */
	if (cgroup_host_wall(h, CGROUP_CTRL_MEMORY) != CGROUP_MODE_NONE) {
		r = new_run(h, 32u << 20, 16, CGROUP_UNLIMITED);
		if (r) {
			pid_t pid = cgload_spawn(r, true, cgload_hog, 256, NULL, err, sizeof err);
			int st = pid > 0 ? cgload_wait(pid, 20000) : -1;
			tap_ok(st >= 0 && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL,
			       "memory: hog of 256 MiB under 32 MiB was SIGKILLed (status %d)", st);
			struct cgroup_usage u;
			cgroup_run_usage(r, &u);
			tap_ok(u.oom_kills != UINT64_MAX && u.oom_kills >= 1, "memory: oom_kill reported (%llu)",
			       (unsigned long long)u.oom_kills);
			tap_ok(u.memory_peak_bytes >= (24u << 20) && u.memory_peak_bytes <= (33u << 20),
			       "memory: peak near the 32 MiB limit (%llu)", (unsigned long long)u.memory_peak_bytes);
			cgroup_run_destroy(r);
		}
	}
	/* 3. pids wall */
	if (cgroup_host_wall(h, CGROUP_CTRL_PIDS) != CGROUP_MODE_NONE) {
		r = new_run(h, 64u << 20, 4, CGROUP_UNLIMITED);
		if (r) {
			pid_t pid = cgload_spawn(r, true, cgload_forker, 16, NULL, err, sizeof err);
			int st = pid > 0 ? cgload_wait(pid, 5000) : -1;
			tap_ok(st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 3,
			       "pids: pids.max=4 allowed exactly 3 forks (exit %d)", st >= 0 ? WEXITSTATUS(st) : -1);
			struct cgroup_usage u;
			cgroup_run_usage(r, &u);
			tap_ok(u.pids_max_events != UINT64_MAX && u.pids_max_events >= 1,
			       "pids: pids.events max reported (%llu)", (unsigned long long)u.pids_max_events);
			cgroup_run_destroy(r);
		}
	}
	/* 4. CPU wall: a 10 ms per 100 ms quota, and a spinner that needs 40 ms
	 * of CPU. Baseline first, without a quota: the share of a CPU this host
	 * gives the spinner. Only a spinner that gets well over the quota in a
	 * period can be throttled; on a host so loaded that it gets less, the
	 * throttle count proves nothing and is skipped with that reason. */
	if (cgroup_host_wall(h, CGROUP_CTRL_CPU) != CGROUP_MODE_NONE) {
		uint64_t base = 0;
		r = new_run(h, 64u << 20, 16, CGROUP_UNLIMITED);
		if (r) {
			uint64_t t0 = cgload_now_ms();
			pid_t pid = cgload_spawn(r, true, cgload_spin_cpu, 40, NULL, err, sizeof err);
			if (pid > 0 && cgload_wait(pid, 20000) >= 0)
				base = cgload_now_ms() - t0;
			cgroup_run_destroy(r);
		}
		r = new_run(h, 64u << 20, 16, 10000);
		if (r) {
			uint64_t t0 = cgload_now_ms();
			pid_t pid = cgload_spawn(r, true, cgload_spin_cpu, 40, NULL, err, sizeof err);
			int st = pid > 0 ? cgload_wait(pid, 20000) : -1;
			uint64_t took = cgload_now_ms() - t0;
			tap_ok(st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0, "cpu: spinner finished");
			struct cgroup_usage u;
			cgroup_run_usage(r, &u);
			tap_ok(u.cpu_usec != UINT64_MAX && u.cpu_usec >= 40000 && u.cpu_usec < 200000,
			       "cpu: usage %llu us, the spinner's 40 ms and little more",
			       (unsigned long long)u.cpu_usec);
			/* 40 ms of CPU at a 30% share or more: unthrottled it takes
			 * under 140 ms; with 10 ms per 100 ms period it needs four
			 * periods, so at least three waits, less however much of the
			 * first period was left: 200 ms at the very least. */
			if (base > 0 && base < 140) {
				tap_ok(took >= 200,
				       "cpu: 40 ms of CPU under a 10%% quota took %llu ms (%llu ms without)",
				       (unsigned long long)took, (unsigned long long)base);
				tap_ok(u.cpu_nr_throttled != UINT64_MAX && u.cpu_nr_throttled >= 2,
				       "cpu: throttled periods reported (%llu)",
				       (unsigned long long)u.cpu_nr_throttled);
			} else {
				tap_skip("cpu: throttling",
				         "the host is too loaded: 40 ms of CPU took %llu ms without a quota",
				         (unsigned long long)base);
			}
			cgroup_run_destroy(r);
		}
	}

	/* 5. held stat files re-read; kills of a pid namespace */
	held_usage(h);
	pidns_kill(h);
	v1_only_task_killed(h);

	/* 6. stale cleanup: a "supervisor" that dies without destroying */
	int p[2];
	if (pipe(p) == 0) {
		pid_t sup = fork();
		if (sup == 0) {
			close(p[0]);
			struct cgroup_host *h2 = NULL;
			struct cgroup_run *r2 = NULL;
			char e2[256];
			struct cgroup_limits lim = {64u << 20, 8, 100000, 100000};
			if (cgroup_host_probe(NULL, CGROUP_REQ_AUTO, &h2, e2, sizeof e2) == 0 &&
			    cgroup_run_create(h2, &lim, &r2, e2, sizeof e2) == 0 && cgroup_run_v2_path(r2)) {
				(void)!write(p[1], cgroup_run_v2_path(r2), strlen(cgroup_run_v2_path(r2)));
			}
			_exit(0); /* no destroy: as if SIGKILLed */
		}
		close(p[1]);
		char left[4096] = "";
		ssize_t n = read(p[0], left, sizeof left - 1);
		close(p[0]);
		waitpid(sup, NULL, 0);
		if (n > 0) {
			left[n] = '\0';
			tap_ok(access(left, F_OK) == 0, "dead supervisor left %s", left);
			int removed = cgroup_cleanup_stale(h);
			tap_ok(removed >= 1, "cleanup_stale removed %d group(s)", removed);
			tap_ok(access(left, F_OK) < 0, "stale group gone");
		} else {
			tap_ok(cgroup_cleanup_stale(h) >= 0, "cleanup_stale without a v2 group");
		}
	}
	(void)desc;
	cgroup_host_free(h);
}

int main(void)
{
	test_proc_cgroup();
	test_words();
	test_keyed();
	test_u64();
	test_mountinfo();
	test_run_name();
	live_modes();
	live_auto();
	return tap_done();
}
