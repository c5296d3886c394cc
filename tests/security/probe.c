/* probe: a stand-in guest that loads the filter exactly like the real one,
 * then tries one forbidden (or allowed) thing and reports what happened.
 * Runs in: the sandbox, spawned by test-escape. Input: argv from the test.
 *
 * usage: probe filter|nofilter NAME [ARG]
 *
 * bubblewrap's technique: calls get invalid arguments (bad pointers, fd
 * -1), so an allowed call fails harmlessly with a known errno while a
 * forbidden one is killed by SIGSYS or gets the filter's errno. The outcome
 * goes to fd 3 as one frame {"t":"result","ok":true,"value":{"probe":NAME,
 * "errno":N[,"value":V]}}; a killed probe sends nothing. Static and
 * unsanitized: a sanitizer's own syscalls would be killed by the filter. */
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stddef.h>
#include <stdbool.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "filter.h"
#include "template.h"

#ifndef TIOCSTI
#define TIOCSTI 0x5412
#endif
#ifndef TIOCLINUX
#define TIOCLINUX 0x541C
#endif

#define BAD_PTR ((void *)1)

static const char *probe_name = "?";

/* Frame writer: 4-byte big-endian length, then the JSON. Raw write(2) on
 * fd 3 only, which is what the filter allows. */
static void report(long err, long value)
{
	char json[256];
	int n = snprintf(json, sizeof json,
	                 "{\"t\":\"result\",\"ok\":true,\"value\":{\"probe\":\"%s\",\"errno\":%ld,\"value\":%ld}}",
	                 probe_name, err, value);
	uint8_t frame[4 + sizeof json];
	frame[0] = (uint8_t)(n >> 24);
	frame[1] = (uint8_t)(n >> 16);
	frame[2] = (uint8_t)(n >> 8);
	frame[3] = (uint8_t)n;
	memcpy(frame + 4, json, (size_t)n);
	if (write(FILTER_SOCK_FD, frame, (size_t)n + 4) != n + 4)
		_exit(3);
	_exit(0);
}

/* Reports errno of a call that returned r (0 when it succeeded). */
static void outcome(long r)
{
	report(r < 0 ? errno : 0, r < 0 ? -1 : r);
}

static long raw_i386_getpid(void)
{
	long ret;
	/* int 0x80 with eax = 20 (getpid in the i386 table). */
	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(20L) : "memory");
	return ret;
}

typedef void (*probe_fn)(const char *arg);

/* Reports a failed step of a multi-step probe: errno, and the step as value. */
static void fail_at(int step)
{
	report(errno, step);
}

static void p_ok(const char *a)
{
	report(0, 0);
}

/* Everything the guest contract allows, called for real: must not die. */
static void p_allowed(const char *a)
{
	char *m = mmap(NULL, 1 << 16, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		fail_at(1);
	m[0] = 1;
	if (mprotect(m, 4096, PROT_READ) < 0)
		fail_at(2);
	if (madvise(m, 1 << 16, MADV_DONTNEED) < 0)
		fail_at(3);
	if (madvise(m, 1 << 16, MADV_FREE) < 0)
		fail_at(20);
	/* One VMA again, or mremap fails with EFAULT. */
	if (mprotect(m, 4096, PROT_READ | PROT_WRITE) < 0)
		fail_at(19);
	char *m2 = mremap(m, 1 << 16, 1 << 20, MREMAP_MAYMOVE);
	if (m2 == MAP_FAILED)
		fail_at(4);
	if (munmap(m2, 1 << 20) < 0)
		fail_at(5);
	void *nr = mmap(NULL, 1 << 16, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (nr == MAP_FAILED)
		fail_at(6);
	if (syscall(SYS_brk, 0) <= 0)
		fail_at(7);
	struct timespec ts;
	if (syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts) < 0)
		fail_at(8);
	if (syscall(SYS_clock_getres, CLOCK_MONOTONIC, &ts) < 0)
		fail_at(9);
	struct timeval tv;
	if (syscall(SYS_gettimeofday, &tv, NULL) < 0)
		fail_at(10);
	if (syscall(SYS_time, NULL) < 0)
		fail_at(11);
	char rnd[16];
	if (syscall(SYS_getrandom, rnd, sizeof rnd, 0) != sizeof rnd)
		fail_at(12);
	if (syscall(SYS_getpid) != 1 || syscall(SYS_gettid) != 1) {
		errno = ESRCH;
		fail_at(13);
	}
	sigset_t s;
	sigemptyset(&s);
	if (sigprocmask(SIG_BLOCK, &s, NULL) < 0)
		fail_at(14);
	struct pollfd p = {.fd = FILTER_SOCK_FD, .events = POLLIN};
	if (poll(&p, 1, 0) < 0)
		fail_at(15);
	if (syscall(SYS_ppoll, &p, 1, &(struct timespec){0, 0}, NULL, 8) < 0)
		fail_at(16);
	int word = 0;
	if (syscall(SYS_futex, &word, 129 /* FUTEX_WAKE_PRIVATE */, 1, NULL, NULL, 0) < 0)
		fail_at(17);
	if (write(2, "", 0) < 0)
		fail_at(18);
	/* Soft-fail answers from the filter (ERRNO), asserted in the test. */
	int e1 = ioctl(0, 0x5401 /* TCGETS */, BAD_PTR) < 0 ? errno : 0;
	int e2 = syscall(SYS_openat, AT_FDCWD, "/etc/localtime", O_RDONLY) < 0 ? errno : 0;
	int e3 = syscall(SYS_newfstatat, AT_FDCWD, "/etc/localtime", BAD_PTR, 0) < 0 ? errno : 0;
	int e4 = syscall(SYS_clone3, NULL, 0) < 0 ? errno : 0;
	report(0, (long)e1 * 1000000 + e2 * 10000 + e3 * 100 + e4);
}

static void p_ptrace(const char *a)
{
	outcome(syscall(SYS_ptrace, 16 /* ATTACH */, atoi(a), 0, 0));
}
static void p_traceme(const char *a)
{
	outcome(syscall(SYS_ptrace, 0 /* TRACEME */, 0, 0, 0));
}
static void p_process_vm_readv(const char *a)
{
	/* Valid iovecs: the kernel checks them before looking up the pid. */
	char buf[8];
	struct iovec l = {buf, sizeof buf}, r = {BAD_PTR, sizeof buf};
	outcome(syscall(SYS_process_vm_readv, atoi(a), &l, 1, &r, 1, 0));
}
static void p_pidfd_open(const char *a)
{
	outcome(syscall(SYS_pidfd_open, atoi(a), 0));
}
static void p_pidfd_getfd(const char *a)
{
	outcome(syscall(SYS_pidfd_getfd, 99, 0, 0));
}
static void p_kill_all(const char *a)
{
	outcome(kill(-1, SIGKILL));
}
static void p_kill_host(const char *a)
{
	outcome(kill(atoi(a), 0));
}
static void p_unshare_user(const char *a)
{
	outcome(syscall(SYS_unshare, 0x10000000 /* CLONE_NEWUSER */));
}
static void p_setns(const char *a)
{
	outcome(syscall(SYS_setns, 99, 0));
}
static void p_clone_newuser(const char *a)
{
	outcome(syscall(SYS_clone, 0x10000000 | SIGCHLD, NULL, NULL, NULL, 0));
}
static void p_fork(const char *a)
{
	long r = syscall(SYS_fork);
	if (r == 0)
		_exit(0);
	outcome(r < 0 ? -1 : 0);
}
static void p_clone3(const char *a)
{
	outcome(syscall(SYS_clone3, NULL, 0));
}
static void p_execve(const char *a)
{
	char *argv[] = {"sh", NULL};
	outcome(syscall(SYS_execve, "/bin/sh", argv, argv + 1));
}
static void p_execveat(const char *a)
{
	char *argv[] = {"x", NULL};
	outcome(syscall(SYS_execveat, 5, "", argv, argv + 1, AT_EMPTY_PATH));
}
static void p_mount(const char *a)
{
	outcome(syscall(SYS_mount, "none", "/", "tmpfs", 0, NULL));
}
static void p_umount(const char *a)
{
	outcome(syscall(SYS_umount2, "/", 0));
}
static void p_pivot_root(const char *a)
{
	outcome(syscall(SYS_pivot_root, ".", "."));
}
static void p_chroot(const char *a)
{
	outcome(syscall(SYS_chroot, "/"));
}
static void p_fsopen(const char *a)
{
	outcome(syscall(SYS_fsopen, "tmpfs", 0));
}
static void p_open_tree(const char *a)
{
	outcome(syscall(SYS_open_tree, AT_FDCWD, "/", 1 /* OPEN_TREE_CLONE */));
}
static void p_inet(const char *a)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);
	if (s < 0)
		outcome(-1);
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons(53), .sin_addr.s_addr = htonl(0x01010101)};
	outcome(connect(s, (struct sockaddr *)&sa, sizeof sa));
}
/* Connects to an abstract unix socket the test listens on in the host's
 * network namespace; abstract names are per network namespace. */
static void p_unix_abstract(const char *a)
{
	int s = socket(AF_UNIX, SOCK_STREAM, 0);
	if (s < 0)
		outcome(-1);
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	size_t n = strlen(a);
	if (n > sizeof sa.sun_path - 2)
		n = sizeof sa.sun_path - 2;
	memcpy(sa.sun_path + 1, a, n);
	outcome(connect(s, (struct sockaddr *)&sa, (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + n)));
}
static void p_vsock(const char *a)
{
	outcome(socket(40 /* AF_VSOCK */, SOCK_STREAM, 0));
}
static void p_netlink(const char *a)
{
	outcome(socket(AF_NETLINK, SOCK_RAW, 0));
}
static void p_alg(const char *a)
{
	outcome(socket(38 /* AF_ALG */, SOCK_SEQPACKET, 0));
}
static void p_socketpair(const char *a)
{
	int sv[2];
	outcome(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
}
static void p_io_uring(const char *a)
{
	outcome(syscall(SYS_io_uring_setup, 1, BAD_PTR));
}
static void p_bpf(const char *a)
{
	outcome(syscall(SYS_bpf, 5 /* BPF_PROG_LOAD */, BAD_PTR, 8));
}
static void p_perf(const char *a)
{
	outcome(syscall(SYS_perf_event_open, BAD_PTR, 0, -1, -1, 0));
}
static void p_userfaultfd(const char *a)
{
	outcome(syscall(SYS_userfaultfd, 0));
}
static void p_keyctl(const char *a)
{
	outcome(syscall(SYS_keyctl, 1 /* JOIN_SESSION_KEYRING */, NULL));
}
static void p_add_key(const char *a)
{
	outcome(syscall(SYS_add_key, "user", "x", BAD_PTR, 1, -3));
}
static void p_request_key(const char *a)
{
	outcome(syscall(SYS_request_key, "user", "x", NULL, 0));
}
static void p_tiocsti(const char *a)
{
	outcome(syscall(SYS_ioctl, 0, TIOCSTI, "x"));
}
static void p_tiocsti_hi(const char *a)
{
	outcome(syscall(SYS_ioctl, 0, TIOCSTI | (0x123UL << 32), "x"));
}
static void p_tioclinux(const char *a)
{
	outcome(syscall(SYS_ioctl, 0, TIOCLINUX, BAD_PTR));
}
static void p_mmap_exec(const char *a)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	outcome(p == MAP_FAILED ? -1 : 0);
}
static void p_mprotect_exec(const char *a)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		outcome(-1);
	outcome(mprotect(p, 4096, PROT_READ | PROT_EXEC));
}
static void p_memfd(const char *a)
{
	outcome(syscall(SYS_memfd_create, "x", 0));
}
static void p_mmap_shared_sock(const char *a)
{
	void *p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, FILTER_SOCK_FD, 0);
	outcome(p == MAP_FAILED ? -1 : 0);
}
static void p_mmap_fixed(const char *a)
{
	void *p = mmap((void *)0x10000, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	outcome(p == MAP_FAILED ? -1 : 0);
}
static void p_mmap_highflags(const char *a)
{
	long p = syscall(SYS_mmap, NULL, 4096, PROT_READ, (1UL << 40) | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	outcome(p < 0 && p > -4096 ? -1 : 0);
}
static void p_mremap_fixed(const char *a)
{
	outcome(syscall(SYS_mremap, BAD_PTR, 4096, 4096, MREMAP_MAYMOVE | MREMAP_FIXED, (void *)0x20000));
}
static void p_personality(const char *a)
{
	outcome(syscall(SYS_personality, READ_IMPLIES_EXEC));
}
static void p_dumpable(const char *a)
{
	outcome(prctl(PR_SET_DUMPABLE, 1, 0, 0, 0));
}
static void p_seccomp_again(const char *a)
{
	outcome(syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, BAD_PTR));
}
static void p_x32(const char *a)
{
	outcome(syscall(0x40000000 | SYS_getpid));
}
static void p_int80(const char *a)
{
	long r = raw_i386_getpid();
	if (r < 0 && r > -4096) {
		errno = (int)-r;
		outcome(-1);
	}
	report(0, r);
}
static void p_open_passwd(const char *a)
{
	outcome(syscall(SYS_openat, AT_FDCWD, "/etc/passwd", O_RDONLY));
}
static void p_open_environ(const char *a)
{
	outcome(syscall(SYS_open, "/proc/1/environ", O_RDONLY));
}
static void p_open_cgroup(const char *a)
{
	outcome(syscall(SYS_openat, AT_FDCWD, "/sys/fs/cgroup/cgroup.procs", O_WRONLY));
}
static void p_read_fd(const char *a)
{
	outcome(syscall(SYS_read, atoi(a), BAD_PTR, 1));
}
static void p_write_fd(const char *a)
{
	outcome(syscall(SYS_write, atoi(a), BAD_PTR, 1));
}
static void p_setuid(const char *a)
{
	outcome(syscall(SYS_setuid, 0));
}
static void p_setresuid(const char *a)
{
	outcome(syscall(SYS_setresuid, 0, 0, 0));
}
static void p_setgroups(const char *a)
{
	outcome(syscall(SYS_setgroups, 0, NULL));
}
static void p_capset(const char *a)
{
	uint32_t hdr[2] = {0x20080522 /* _LINUX_CAPABILITY_VERSION_3 */, 0};
	uint32_t data[6] = {~0u, ~0u, ~0u, ~0u, ~0u, ~0u};
	outcome(syscall(SYS_capset, hdr, data));
}
static void p_flock(const char *a)
{
	outcome(flock(0, LOCK_EX | LOCK_NB));
}
static void p_fcntl_lock(const char *a)
{
	struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
	outcome(fcntl(0, F_SETLK, &fl));
}
static void p_sethostname(const char *a)
{
	outcome(syscall(SYS_sethostname, "x", 1));
}
static void p_settimeofday(const char *a)
{
	struct timeval tv = {0, 0};
	outcome(syscall(SYS_settimeofday, &tv, NULL));
}
static void p_clock_settime(const char *a)
{
	struct timespec ts = {0, 0};
	outcome(syscall(SYS_clock_settime, CLOCK_REALTIME, &ts));
}
static void p_adjtimex(const char *a)
{
	struct timex {
		unsigned modes;
		long pad[40];
	} tx = {.modes = 1 /* ADJ_OFFSET */};
	outcome(syscall(SYS_adjtimex, &tx));
}
static void p_setaffinity(const char *a)
{
	outcome(syscall(SYS_sched_setaffinity, 0, 8, BAD_PTR));
}
static void p_setpriority(const char *a)
{
	outcome(setpriority(PRIO_PROCESS, 0, -20));
}
static void p_setscheduler(const char *a)
{
	int prio = 1;
	outcome(syscall(SYS_sched_setscheduler, 0, 1 /* SCHED_FIFO */, &prio));
}
static void p_name_to_handle(const char *a)
{
	outcome(syscall(SYS_name_to_handle_at, AT_FDCWD, "/", BAD_PTR, BAD_PTR, 0));
}
static void p_open_by_handle(const char *a)
{
	/* A well-formed (if meaningless) handle, so that the capability check
	 * is what answers rather than the copy from user memory. */
	struct {
		unsigned int bytes;
		int type;
		unsigned char h[16];
	} fh = {8, 1, {0}};
	outcome(syscall(SYS_open_by_handle_at, 0, &fh, O_RDONLY));
}
static void p_init_module(const char *a)
{
	outcome(syscall(SYS_init_module, BAD_PTR, 0, ""));
}
static void p_kexec_load(const char *a)
{
	outcome(syscall(SYS_kexec_load, 0, 0, NULL, 0));
}
static void p_reboot(const char *a)
{
	outcome(syscall(SYS_reboot, 0xfee1dead, 672274793, 0x4321fedc /* POWER_OFF */, NULL));
}
static void p_swapon(const char *a)
{
	outcome(syscall(SYS_swapon, "/x", 0));
}
static void p_acct(const char *a)
{
	outcome(syscall(SYS_acct, NULL));
}
static void p_syslog(const char *a)
{
	outcome(syscall(SYS_syslog, 3 /* READ_ALL */, BAD_PTR, 16));
}
static void p_quotactl(const char *a)
{
	outcome(syscall(SYS_quotactl, 0, "/x", 0, NULL));
}
static void p_tgkill_stop(const char *a)
{
	outcome(syscall(SYS_tgkill, 1, 1, SIGSTOP));
}
static void p_abort(const char *a)
{
	abort();
}
/* Blocks until the test closes its end, so the test can inspect /proc. */
static void p_wait(const char *a)
{
	char c;
	long n = read(FILTER_SOCK_FD, &c, 1);
	report(n < 0 ? errno : 0, n);
}

/* Unfiltered-only probes: they look around with calls the filter forbids. */
static void p_fdscan(const char *a)
{
	long mask = 0, count = 0;
	for (int fd = 0; fd < 1024; fd++) {
		if (fcntl(fd, F_GETFD) >= 0) {
			count++;
			if (fd < 62)
				mask |= 1L << fd;
		}
	}
	report(count > 62 ? E2BIG : 0, mask);
}
static void p_securebits(const char *a)
{
	outcome(prctl(PR_GET_SECUREBITS, 0, 0, 0, 0));
}
static void p_hostname(const char *a)
{
	struct utsname u;
	if (uname(&u) < 0)
		outcome(-1);
	report(0, strcmp(u.nodename, a) == 0);
}
static void p_rootdir(const char *a)
{
	/* Entries in / besides . and ..; an empty root has none. */
	int fd = open("/", O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		outcome(-1);
	char buf[4096];
	long n, entries = 0;
	while ((n = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0) {
		for (long off = 0; off < n;) {
			unsigned short reclen = *(unsigned short *)(buf + off + 16);
			const char *name = buf + off + 19;
			if (strcmp(name, ".") != 0 && strcmp(name, "..") != 0)
				entries++;
			off += reclen;
		}
	}
	report(n < 0 ? errno : 0, entries);
}
static void p_write_root(const char *a)
{
	outcome(open("/x", O_WRONLY | O_CREAT, 0600));
}
static void p_rlimit(const char *a)
{
	struct rlimit rl;
	if (getrlimit(atoi(a), &rl) < 0)
		outcome(-1);
	report(rl.rlim_cur == rl.rlim_max ? 0 : ERANGE, (long)rl.rlim_max);
}
static void p_getuid(const char *a)
{
	report(0, (long)getuid() * 100000 + getgid());
}

struct probe {
	const char *name;
	probe_fn fn;
};

static const struct probe probes[] = {
        {"ok", p_ok},
        {"allowed", p_allowed},
        {"wait", p_wait},
        {"ptrace", p_ptrace},
        {"traceme", p_traceme},
        {"process_vm_readv", p_process_vm_readv},
        {"pidfd_open", p_pidfd_open},
        {"pidfd_getfd", p_pidfd_getfd},
        {"kill_all", p_kill_all},
        {"kill_host", p_kill_host},
        {"unshare_user", p_unshare_user},
        {"setns", p_setns},
        {"clone_newuser", p_clone_newuser},
        {"fork", p_fork},
        {"clone3", p_clone3},
        {"execve", p_execve},
        {"execveat", p_execveat},
        {"mount", p_mount},
        {"umount", p_umount},
        {"pivot_root", p_pivot_root},
        {"chroot", p_chroot},
        {"fsopen", p_fsopen},
        {"open_tree", p_open_tree},
        {"inet", p_inet},
        {"unix_abstract", p_unix_abstract},
        {"vsock", p_vsock},
        {"netlink", p_netlink},
        {"alg", p_alg},
        {"socketpair", p_socketpair},
        {"io_uring", p_io_uring},
        {"bpf", p_bpf},
        {"perf", p_perf},
        {"userfaultfd", p_userfaultfd},
        {"keyctl", p_keyctl},
        {"add_key", p_add_key},
        {"request_key", p_request_key},
        {"tiocsti", p_tiocsti},
        {"tiocsti_hi", p_tiocsti_hi},
        {"tioclinux", p_tioclinux},
        {"mmap_exec", p_mmap_exec},
        {"mprotect_exec", p_mprotect_exec},
        {"memfd", p_memfd},
        {"mmap_shared_sock", p_mmap_shared_sock},
        {"mmap_fixed", p_mmap_fixed},
        {"mmap_highflags", p_mmap_highflags},
        {"mremap_fixed", p_mremap_fixed},
        {"personality", p_personality},
        {"dumpable", p_dumpable},
        {"seccomp_again", p_seccomp_again},
        {"x32", p_x32},
        {"int80", p_int80},
        {"open_passwd", p_open_passwd},
        {"open_environ", p_open_environ},
        {"open_cgroup", p_open_cgroup},
        {"read_fd", p_read_fd},
        {"write_fd", p_write_fd},
        {"setuid", p_setuid},
        {"setresuid", p_setresuid},
        {"setgroups", p_setgroups},
        {"capset", p_capset},
        {"flock", p_flock},
        {"fcntl_lock", p_fcntl_lock},
        {"sethostname", p_sethostname},
        {"settimeofday", p_settimeofday},
        {"clock_settime", p_clock_settime},
        {"adjtimex", p_adjtimex},
        {"setaffinity", p_setaffinity},
        {"setpriority", p_setpriority},
        {"setscheduler", p_setscheduler},
        {"name_to_handle", p_name_to_handle},
        {"open_by_handle", p_open_by_handle},
        {"init_module", p_init_module},
        {"kexec_load", p_kexec_load},
        {"reboot", p_reboot},
        {"swapon", p_swapon},
        {"acct", p_acct},
        {"syslog", p_syslog},
        {"quotactl", p_quotactl},
        {"tgkill_stop", p_tgkill_stop},
        {"abort", p_abort},
        {"fdscan", p_fdscan},
        {"securebits", p_securebits},
        {"hostname", p_hostname},
        {"rootdir", p_rootdir},
        {"write_root", p_write_root},
        {"rlimit", p_rlimit},
        {"getuid", p_getuid},
};

int main(int argc, char **argv)
{
	/* "probe --template": the probe as a template guest (template.h); each
	 * run child continues below with the run's argv, its filter (if any)
	 * already loaded by the template code, exactly as the real guest's. */
	bool in_template = false;
	static struct template_run run;
	if (argc == 2 && strcmp(argv[1], "--template") == 0) {
		if (filter_read_from_fd(FILTER_FD) < 0)
			return 4;
		template_serve(true, &run, NULL, NULL);
		argc = run.argc;
		argv = run.argv;
		in_template = true;
	}
	if (argc < 3)
		return 2;
	if (strcmp(argv[1], "filter") == 0 && in_template) {
		/* loaded before the run child returned from template_serve() */
	} else if (strcmp(argv[1], "filter") == 0) {
		int r = filter_load_from_fd(FILTER_FD);
		if (r < 0) {
			/* fd 2 is the stderr pipe; the test shows it on failure. */
			dprintf(2, "probe: loading the filter failed: %s\n", strerror(-r));
			return 4;
		}
	} else if (strcmp(argv[1], "nofilter") != 0) {
		return 2;
	}
	probe_name = argv[2];
	const char *arg = argc > 3 ? argv[3] : "0";
	for (size_t i = 0; i < sizeof probes / sizeof probes[0]; i++) {
		if (strcmp(probes[i].name, argv[2]) == 0) {
			probes[i].fn(arg);
			report(0, 0);
		}
	}
	return 5;
}
