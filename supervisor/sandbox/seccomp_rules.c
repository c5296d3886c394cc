/* seccomp_rules: see seccomp.h. The rule set follows
 * shared/research/sandbox_anchors.md §6.3: default KILL_PROCESS, a short
 * allowlist for a single-threaded static-glibc Duktape guest, and errno
 * answers only for libc probes that have a benign fallback. */
#include "seccomp.h"

#include <errno.h>
#include <linux/futex.h>
#include <linux/filter.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* seccomp(2) refuses programs longer than BPF_MAXINSNS instructions. */
#define SECCOMP_MAX_BYTES (BPF_MAXINSNS * sizeof(struct sock_filter))

#define ADD(action, name, ...)                                                                                         \
	do {                                                                                                           \
		int r_ = seccomp_rule_add(ctx, (action), SCMP_SYS(name), __VA_ARGS__);                                 \
		if (r_ < 0) {                                                                                          \
			snprintf(err, errlen, "seccomp rule for %s: %s", #name, strerror(-r_));                        \
			goto fail;                                                                                     \
		}                                                                                                      \
	} while (0)

int seccomp_build_ctx(scmp_filter_ctx *out, char *err, size_t errlen)
{
	int r;
	/* KILL_PROCESS, not KILL (= KILL_THREAD): a killed thread would leave
	 * the rest of the process running in an unknown state. */
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_KILL_PROCESS);
	if (!ctx) {
		snprintf(err, errlen, "seccomp_init failed");
		return -ENOMEM;
	}
	/* libseccomp's default bad-arch action is KILL_THREAD. The filter is
	 * native-only, so i386 (int 0x80) and x32 (nr | 0x40000000) calls land
	 * here: libseccomp emits the x32 range check for x86_64 filters. */
	r = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS);
	if (r < 0) {
		snprintf(err, errlen, "seccomp bad-arch action: %s", strerror(-r));
		goto fail;
	}
	/* The guest loads the exported program itself; NO_NEW_PRIVS is the
	 * sandbox's job and is already set when it does. */
	r = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0);
	if (r < 0) {
		snprintf(err, errlen, "seccomp nnp attribute: %s", strerror(-r));
		goto fail;
	}

	/* The protocol: read only the socket; write the socket and stderr. */
	ADD(SCMP_ACT_ALLOW, read, 1, SCMP_A0(SCMP_CMP_EQ, SECCOMP_GUEST_SOCK_FD));
	ADD(SCMP_ACT_ALLOW, write, 1, SCMP_A0(SCMP_CMP_EQ, SECCOMP_GUEST_SOCK_FD));
	ADD(SCMP_ACT_ALLOW, write, 1, SCMP_A0(SCMP_CMP_EQ, SECCOMP_GUEST_ERR_FD));
	/* The guest waits on the socket with a timeout for its timers. poll's
	 * pollfd array is a pointer, so its fds cannot be checked here; any
	 * other fd number is closed (close_range) so poll learns nothing. */
	ADD(SCMP_ACT_ALLOW, poll, 0);
	ADD(SCMP_ACT_ALLOW, ppoll, 0);

	/* Memory: anonymous private mappings only, never executable. Duktape
	 * has no JIT, so PROT_EXEC is never legitimate; denying MAP_SHARED and
	 * file mappings keeps the socket and any fd out of mmap. The flag masks
	 * are full 64-bit: high garbage bits fail the comparison and kill. */
	ADD(SCMP_ACT_ALLOW, brk, 0);
	ADD(SCMP_ACT_ALLOW, munmap, 0);
	ADD(SCMP_ACT_ALLOW, mmap, 2, SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0),
	    SCMP_A3(SCMP_CMP_MASKED_EQ, ~(uint64_t)MAP_NORESERVE, MAP_PRIVATE | MAP_ANONYMOUS));
	ADD(SCMP_ACT_ALLOW, mprotect, 1, SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0));
	/* MREMAP_FIXED and MREMAP_DONTUNMAP would place or alias mappings at
	 * chosen addresses; MAYMOVE alone is what realloc uses. */
	ADD(SCMP_ACT_ALLOW, mremap, 1, SCMP_A3(SCMP_CMP_MASKED_EQ, ~(uint64_t)MREMAP_MAYMOVE, 0));
	ADD(SCMP_ACT_ALLOW, madvise, 1, SCMP_A2(SCMP_CMP_EQ, MADV_DONTNEED));
	ADD(SCMP_ACT_ALLOW, madvise, 1, SCMP_A2(SCMP_CMP_EQ, MADV_FREE));

	/* Time and randomness. These are vDSO calls on most hosts, but not when
	 * the clocksource cannot be read from user space (some VMs). */
	ADD(SCMP_ACT_ALLOW, clock_gettime, 0);
	ADD(SCMP_ACT_ALLOW, clock_getres, 0);
	ADD(SCMP_ACT_ALLOW, gettimeofday, 0);
	ADD(SCMP_ACT_ALLOW, time, 0);
	ADD(SCMP_ACT_ALLOW, getrandom, 0);

	/* Process life. restart_syscall is how the kernel resumes an
	 * interrupted poll after SIGSTOP/SIGCONT from the supervisor. */
	ADD(SCMP_ACT_ALLOW, rt_sigreturn, 0);
	ADD(SCMP_ACT_ALLOW, restart_syscall, 0);
	ADD(SCMP_ACT_ALLOW, exit, 0);
	ADD(SCMP_ACT_ALLOW, exit_group, 0);

	/* abort(): glibc blocks signals, sends itself SIGABRT with
	 * tgkill(getpid(), gettid()), and, if that returned, resets the SIGABRT
	 * handler to SIG_DFL and tries again before a trapping instruction. The
	 * guest is pid-namespace init, which ignores its own default-action
	 * signals, so it does get that far: allowing rt_sigaction for SIGABRT
	 * only keeps a crash reported as a crash (SIGSEGV/SIGABRT), not as a
	 * seccomp violation. A SIGABRT handler grants nothing. */
	ADD(SCMP_ACT_ALLOW, rt_sigprocmask, 0);
	ADD(SCMP_ACT_ALLOW, getpid, 0);
	ADD(SCMP_ACT_ALLOW, gettid, 0);
	ADD(SCMP_ACT_ALLOW, tgkill, 3, SCMP_A0(SCMP_CMP_EQ, SECCOMP_GUEST_PID), SCMP_A1(SCMP_CMP_EQ, SECCOMP_GUEST_PID),
	    SCMP_A2(SCMP_CMP_EQ, SIGABRT));
	ADD(SCMP_ACT_ALLOW, rt_sigaction, 1, SCMP_A0(SCMP_CMP_EQ, SIGABRT));

	/* glibc's locks; single-threaded, so only WAIT and WAKE can occur. */
	ADD(SCMP_ACT_ALLOW, futex, 1,
	    SCMP_A1(SCMP_CMP_MASKED_EQ, ~(uint64_t)(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME), FUTEX_WAIT));
	ADD(SCMP_ACT_ALLOW, futex, 1,
	    SCMP_A1(SCMP_CMP_MASKED_EQ, ~(uint64_t)(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME), FUTEX_WAKE));

	/* Benign libc probes answered with the errno that makes glibc take its
	 * fallback: isatty() (ioctl TCGETS) gets ENOTTY; the time-zone lookup
	 * (openat /etc/localtime, newfstatat) fails and glibc uses UTC; glibc
	 * falls back from clone3 to clone, which is then killed. Unconditional
	 * ioctl -> ENOTTY also covers TIOCSTI/TIOCLINUX whatever their high
	 * bits (CVE-2019-10063 bypassed a masked-out comparison). */
	ADD(SCMP_ACT_ERRNO(ENOTTY), ioctl, 0);
	ADD(SCMP_ACT_ERRNO(EACCES), openat, 0);
	ADD(SCMP_ACT_ERRNO(EACCES), open, 0);
	ADD(SCMP_ACT_ERRNO(EBADF), fstat, 0);
	ADD(SCMP_ACT_ERRNO(EBADF), newfstatat, 0);
	ADD(SCMP_ACT_ERRNO(EBADF), statx, 0);
	ADD(SCMP_ACT_ERRNO(ENOSYS), clone3, 0);

	/* The hot path first: fewer BPF instructions per protocol call. */
	seccomp_syscall_priority(ctx, SCMP_SYS(read), 255);
	seccomp_syscall_priority(ctx, SCMP_SYS(write), 254);
	seccomp_syscall_priority(ctx, SCMP_SYS(brk), 253);
	seccomp_syscall_priority(ctx, SCMP_SYS(mmap), 252);
	seccomp_syscall_priority(ctx, SCMP_SYS(munmap), 251);

	*out = ctx;
	return 0;
fail:
	seccomp_release(ctx);
	return -EINVAL;
}

int seccomp_compile(void **bpf, size_t *len, char *err, size_t errlen)
{
	scmp_filter_ctx ctx;
	int r = seccomp_build_ctx(&ctx, err, errlen);
	if (r < 0)
		return r;

	/* libseccomp 2.5 exports only to an fd; a memfd keeps it in memory. */
	int fd = memfd_create("codecell-bpf", MFD_CLOEXEC);
	if (fd < 0) {
		r = -errno;
		snprintf(err, errlen, "memfd_create for the seccomp filter: %s", strerror(errno));
		seccomp_release(ctx);
		return r;
	}
	r = seccomp_export_bpf(ctx, fd);
	seccomp_release(ctx);
	if (r < 0) {
		snprintf(err, errlen, "seccomp_export_bpf: %s", strerror(-r));
		close(fd);
		return r;
	}
	off_t size = lseek(fd, 0, SEEK_END);
	if (size <= 0 || (size_t)size > SECCOMP_MAX_BYTES || size % (off_t)sizeof(struct sock_filter) != 0) {
		snprintf(err, errlen, "seccomp filter has a bad size (%lld bytes)", (long long)size);
		close(fd);
		return -EINVAL;
	}
	void *buf = malloc((size_t)size);
	if (!buf) {
		close(fd);
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	ssize_t n = pread(fd, buf, (size_t)size, 0);
	close(fd);
	if (n != size) {
		free(buf);
		snprintf(err, errlen, "reading back the seccomp filter failed");
		return -EIO;
	}
	*bpf = buf;
	*len = (size_t)size;
	return 0;
}
