/* test-seccomp: the guest filter, checked by running the exported BPF in a
 * small classic-BPF interpreter over crafted seccomp_data: every rule, the
 * CVE-2019-10063 TIOCSTI high bits, x32 and i386 numbers, and an audit that
 * no syscall outside the documented list is let through.
 * Runs in: test binary. Input: the filter seccomp_build() produces. */
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/futex.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "seccomp.h"
#include "tap.h"

#ifndef TIOCSTI
#define TIOCSTI 0x5412
#endif

static const struct sock_filter *prog;
static size_t prog_len;

#define BAD_INSN 0xdeadbeefu

/* Classic BPF as the kernel runs it for seccomp: 32-bit A and X, 16 words
 * of scratch memory, loads from struct seccomp_data only. Returns the
 * filter's verdict, or BAD_INSN on anything it does not understand. */
static uint32_t run_bpf(const struct seccomp_data *d)
{
	uint32_t A = 0, X = 0, M[BPF_MEMWORDS] = {0};
	const uint8_t *data = (const uint8_t *)d;
	for (size_t pc = 0; pc < prog_len; pc++) {
		const struct sock_filter *f = &prog[pc];
		uint32_t k = f->k;
		switch (f->code) {
		case BPF_LD | BPF_W | BPF_ABS:
			if (k + 4 > sizeof *d || k % 4)
				return BAD_INSN;
			memcpy(&A, data + k, 4);
			break;
		case BPF_LD | BPF_W | BPF_LEN: A = sizeof *d; break;
		case BPF_LD | BPF_IMM: A = k; break;
		case BPF_LDX | BPF_IMM: X = k; break;
		case BPF_LD | BPF_MEM:
			if (k >= BPF_MEMWORDS)
				return BAD_INSN;
			A = M[k];
			break;
		case BPF_LDX | BPF_MEM:
			if (k >= BPF_MEMWORDS)
				return BAD_INSN;
			X = M[k];
			break;
		case BPF_ST:
			if (k >= BPF_MEMWORDS)
				return BAD_INSN;
			M[k] = A;
			break;
		case BPF_STX:
			if (k >= BPF_MEMWORDS)
				return BAD_INSN;
			M[k] = X;
			break;
		case BPF_ALU | BPF_AND | BPF_K: A &= k; break;
		case BPF_ALU | BPF_AND | BPF_X: A &= X; break;
		case BPF_ALU | BPF_OR | BPF_K: A |= k; break;
		case BPF_ALU | BPF_XOR | BPF_K: A ^= k; break;
		case BPF_ALU | BPF_ADD | BPF_K: A += k; break;
		case BPF_ALU | BPF_SUB | BPF_K: A -= k; break;
		case BPF_ALU | BPF_RSH | BPF_K: A >>= k; break;
		case BPF_ALU | BPF_LSH | BPF_K: A <<= k; break;
		case BPF_ALU | BPF_NEG: A = -A; break;
		case BPF_MISC | BPF_TAX: X = A; break;
		case BPF_MISC | BPF_TXA: A = X; break;
		case BPF_JMP | BPF_JA: pc += k; break;
		case BPF_JMP | BPF_JEQ | BPF_K: pc += (A == k) ? f->jt : f->jf; break;
		case BPF_JMP | BPF_JGT | BPF_K: pc += (A > k) ? f->jt : f->jf; break;
		case BPF_JMP | BPF_JGE | BPF_K: pc += (A >= k) ? f->jt : f->jf; break;
		case BPF_JMP | BPF_JSET | BPF_K: pc += (A & k) ? f->jt : f->jf; break;
		case BPF_JMP | BPF_JEQ | BPF_X: pc += (A == X) ? f->jt : f->jf; break;
		case BPF_JMP | BPF_JGT | BPF_X: pc += (A > X) ? f->jt : f->jf; break;
		case BPF_JMP | BPF_JGE | BPF_X: pc += (A >= X) ? f->jt : f->jf; break;
		case BPF_JMP | BPF_JSET | BPF_X: pc += (A & X) ? f->jt : f->jf; break;
		case BPF_RET | BPF_K: return k;
		case BPF_RET | BPF_A: return A;
		default: return BAD_INSN;
		}
	}
	return BAD_INSN; /* fell off the end: the kernel rejects such programs */
}

static uint32_t verdict(int nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
	struct seccomp_data d = {
	        .nr = nr,
	        .arch = AUDIT_ARCH_X86_64,
	        .args = {a0, a1, a2, a3, 0, 0},
	};
	return run_bpf(&d);
}

#define ALLOW    SECCOMP_RET_ALLOW
#define KILL     SECCOMP_RET_KILL_PROCESS
#define ERRNO(e) (SECCOMP_RET_ERRNO | (e))

static void expect(uint32_t got, uint32_t want, const char *what)
{
	tap_ok(got == want, "%s (got 0x%08x, want 0x%08x)", what, got, want);
}

#define NR(name) seccomp_syscall_resolve_name(#name)

static void check_rules(void)
{
	expect(verdict(NR(read), 3, 0, 1, 0), ALLOW, "read on the socket");
	expect(verdict(NR(read), 4, 0, 1, 0), KILL, "read on fd 4");
	expect(verdict(NR(read), 0, 0, 1, 0), KILL, "read on stdin");
	expect(verdict(NR(read), 3 | (1ull << 32), 0, 1, 0), KILL, "read on fd 3 with high bits");
	expect(verdict(NR(write), 2, 0, 1, 0), ALLOW, "write to stderr");
	expect(verdict(NR(write), 3, 0, 1, 0), ALLOW, "write to the socket");
	expect(verdict(NR(write), 1, 0, 1, 0), KILL, "write to stdout");
	expect(verdict(NR(poll), 0, 0, 0, 0), ALLOW, "poll");
	expect(verdict(NR(ppoll), 0, 0, 0, 0), ALLOW, "ppoll");

	expect(verdict(NR(mmap), 0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS), ALLOW,
	       "mmap anonymous private rw");
	expect(verdict(NR(mmap), 0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE), ALLOW,
	       "mmap with MAP_NORESERVE");
	expect(verdict(NR(mmap), 0, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS), KILL, "mmap PROT_EXEC");
	expect(verdict(NR(mmap), 0, 4096, PROT_READ, MAP_SHARED | MAP_ANONYMOUS), KILL, "mmap MAP_SHARED");
	expect(verdict(NR(mmap), 0, 4096, PROT_READ, MAP_PRIVATE), KILL, "mmap of a file (no MAP_ANONYMOUS)");
	expect(verdict(NR(mmap), 0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED), KILL, "mmap MAP_FIXED");
	expect(verdict(NR(mmap), 0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | (1ull << 40)), KILL,
	       "mmap with a high flag bit");
	expect(verdict(NR(mmap), 0, 4096, PROT_READ | (1ull << 34), MAP_PRIVATE | MAP_ANONYMOUS), ALLOW,
	       "mmap prot high bits do not matter (kernel truncates; no PROT_EXEC)");
	expect(verdict(NR(mprotect), 0, 4096, PROT_READ, 0), ALLOW, "mprotect read");
	expect(verdict(NR(mprotect), 0, 4096, PROT_READ | PROT_EXEC, 0), KILL, "mprotect PROT_EXEC");
	expect(verdict(NR(mremap), 0, 4096, 8192, MREMAP_MAYMOVE), ALLOW, "mremap MAYMOVE");
	expect(verdict(NR(mremap), 0, 4096, 8192, MREMAP_MAYMOVE | MREMAP_FIXED), KILL, "mremap FIXED");
	expect(verdict(NR(madvise), 0, 4096, MADV_DONTNEED, 0), ALLOW, "madvise DONTNEED");
	expect(verdict(NR(madvise), 0, 4096, MADV_FREE, 0), ALLOW, "madvise FREE");
	expect(verdict(NR(madvise), 0, 4096, MADV_REMOVE, 0), KILL, "madvise REMOVE");

	expect(verdict(NR(futex), 0, FUTEX_WAIT_PRIVATE, 0, 0), ALLOW, "futex WAIT_PRIVATE");
	expect(verdict(NR(futex), 0, FUTEX_WAKE, 0, 0), ALLOW, "futex WAKE");
	expect(verdict(NR(futex), 0, FUTEX_REQUEUE, 0, 0), KILL, "futex REQUEUE");
	expect(verdict(NR(futex), 0, FUTEX_LOCK_PI, 0, 0), KILL, "futex LOCK_PI");

	expect(verdict(NR(tgkill), 1, 1, SIGABRT, 0), ALLOW, "tgkill(self, SIGABRT)");
	expect(verdict(NR(tgkill), 1, 1, SIGSTOP, 0), KILL, "tgkill(self, SIGSTOP)");
	expect(verdict(NR(tgkill), 2, 2, SIGABRT, 0), KILL, "tgkill(other, SIGABRT)");
	expect(verdict(NR(rt_sigaction), SIGABRT, 0, 0, 0), ALLOW, "rt_sigaction(SIGABRT)");
	expect(verdict(NR(rt_sigaction), SIGSEGV, 0, 0, 0), KILL, "rt_sigaction(SIGSEGV)");
	expect(verdict(NR(kill), 1, SIGABRT, 0, 0), KILL, "kill");

	/* CVE-2019-10063: the kernel truncates cmd to 32 bits, so a rule on
	 * the full 64-bit value could be dodged. ioctl is unconditional here. */
	expect(verdict(NR(ioctl), 0, TIOCSTI, 0, 0), ERRNO(ENOTTY), "ioctl TIOCSTI");
	expect(verdict(NR(ioctl), 0, TIOCSTI | (0x123ull << 32), 0, 0), ERRNO(ENOTTY), "ioctl TIOCSTI with high bits");
	expect(verdict(NR(ioctl), 0, 0x5401, 0, 0), ERRNO(ENOTTY), "ioctl TCGETS (isatty)");
	expect(verdict(NR(openat), 0, 0, 0, 0), ERRNO(EACCES), "openat");
	expect(verdict(NR(open), 0, 0, 0, 0), ERRNO(EACCES), "open");
	expect(verdict(NR(newfstatat), 0, 0, 0, 0), ERRNO(EBADF), "newfstatat");
	expect(verdict(NR(fstat), 0, 0, 0, 0), ERRNO(EBADF), "fstat");
	expect(verdict(NR(statx), 0, 0, 0, 0), ERRNO(EBADF), "statx");
	expect(verdict(NR(clone3), 0, 0, 0, 0), ERRNO(ENOSYS), "clone3");
	expect(verdict(NR(clone), 0, 0, 0, 0), KILL, "clone");
	expect(verdict(NR(execve), 0, 0, 0, 0), KILL, "execve");
	expect(verdict(NR(socket), 2, 1, 0, 0), KILL, "socket");
	expect(verdict(NR(prctl), 0, 0, 0, 0), KILL, "prctl");
	expect(verdict(NR(seccomp), 0, 0, 0, 0), KILL, "seccomp");
	expect(verdict(NR(close), 3, 0, 0, 0), KILL, "close");
}

static void check_arches(void)
{
	/* x32 numbers carry bit 30 and share AUDIT_ARCH_X86_64. */
	expect(verdict(0x40000000 | NR(getpid), 0, 0, 0, 0), KILL, "x32 getpid");
	expect(verdict(0x40000000 | NR(read), 3, 0, 1, 0), KILL, "x32 read on the socket");
	struct seccomp_data d = {.nr = 20 /* i386 getpid */, .arch = AUDIT_ARCH_I386};
	expect(run_bpf(&d), KILL, "i386 (int 0x80) getpid");
	d.nr = 3; /* i386 read */
	d.args[0] = 3;
	expect(run_bpf(&d), KILL, "i386 read on the socket");
	d.arch = 0x12345678;
	expect(run_bpf(&d), KILL, "unknown arch");
}

/* Every syscall the policy names, with the action it may take. Anything
 * else must be killed whatever its arguments: this is the allowlist audit
 * that makes an accidental widening fail a test. */
static const char *const named[] = {
        "read",
        "write",
        "poll",
        "ppoll",
        "brk",
        "munmap",
        "mmap",
        "mprotect",
        "mremap",
        "madvise",
        "clock_gettime",
        "clock_getres",
        "gettimeofday",
        "time",
        "getrandom",
        "rt_sigreturn",
        "restart_syscall",
        "exit",
        "exit_group",
        "rt_sigprocmask",
        "getpid",
        "gettid",
        "tgkill",
        "rt_sigaction",
        "futex",
        "ioctl",
        "openat",
        "open",
        "fstat",
        "newfstatat",
        "statx",
        "clone3",
};

static void check_audit(void)
{
	int unexpected = 0, checked = 0;
	char first[64] = "";
	for (int nr = 0; nr < 512; nr++) {
		char *name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_X86_64, nr);
		if (!name)
			continue;
		int is_named = 0;
		for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
			is_named |= strcmp(named[i], name) == 0;
		/* Arguments that no conditional rule accepts: fd 99, odd flags. */
		uint64_t junk = 0x7777777777ull;
		uint32_t v1 = verdict(nr, 99, junk, junk, junk);
		uint32_t v2 = verdict(nr, 0, 0, 0, 0);
		if (!is_named) {
			checked++;
			if (v1 != KILL || v2 != KILL) {
				if (!unexpected++)
					snprintf(first, sizeof first, "%s", name);
			}
		}
		free(name);
	}
	tap_ok(checked > 300, "audited %d syscalls outside the policy", checked);
	tap_ok(unexpected == 0, "every one of them is KILL_PROCESS (%d are not; first: %s)", unexpected,
	       first[0] ? first : "none");
}

static void check_pfc(void)
{
	scmp_filter_ctx ctx;
	char err[128];
	if (!tap_ok(seccomp_build_ctx(&ctx, err, sizeof err) == 0, "build the libseccomp context"))
		return;
	int fd = memfd_create("pfc", MFD_CLOEXEC);
	int r = seccomp_export_pfc(ctx, fd);
	seccomp_release(ctx);
	static char text[1 << 16];
	ssize_t n = r == 0 ? pread(fd, text, sizeof text - 1, 0) : -1;
	close(fd);
	tap_ok(n > 0, "export the policy as pseudo-filter code");
	text[n > 0 ? n : 0] = '\0';
	tap_ok(strstr(text, "action KILL_PROCESS;") != NULL, "pfc: default action is KILL_PROCESS");
	tap_ok(strstr(text, "if ($arch == 3221225534)") != NULL, "pfc: only the x86_64 arch is handled");
	/* The hot path is tested first (seccomp_syscall_priority). */
	const char *rd = strstr(text, "filter for syscall \"read\"");
	const char *wr = strstr(text, "filter for syscall \"write\"");
	const char *first = strstr(text, "filter for syscall");
	tap_ok(rd && rd == first && wr && wr > rd, "pfc: read, then write, are tested first");
}

int main(void)
{
	void *bpf;
	size_t len;
	char err[256];
	int r = seccomp_build(&bpf, &len, err, sizeof err);
	if (!tap_ok(r == 0, "seccomp_build: %s", r == 0 ? "ok" : err))
		return tap_done();
	tap_ok(len % sizeof(struct sock_filter) == 0 && len / sizeof(struct sock_filter) <= BPF_MAXINSNS,
	       "program is whole instructions within BPF_MAXINSNS (%zu)", len / sizeof(struct sock_filter));
	prog = bpf;
	prog_len = len / sizeof(struct sock_filter);

	/* The filter a run carries was compiled when codecell was built: it
	 * must be what the rules compile to with this libseccomp now. */
	void *now;
	size_t now_len;
	r = seccomp_compile(&now, &now_len, err, sizeof err);
	tap_ok(r == 0 && now_len == len && memcmp(now, bpf, len) == 0,
	       "the compiled-in filter equals the rules compiled now (%zu and %zu bytes)", len, r == 0 ? now_len : 0);
	if (r == 0)
		free(now);

	/* The names a report gives are libseccomp's, compiled in with it. */
	int differ = 0;
	for (long nr = -1; nr <= SECCOMP_SYSCALL_NAMES; nr++) {
		char got[64], want[64];
		seccomp_syscall_name(nr, got, sizeof got);
		char *name = nr >= 0 ? seccomp_syscall_resolve_num_arch(SCMP_ARCH_X86_64, (int)nr) : NULL;
		if (name)
			snprintf(want, sizeof want, "%s", name);
		else
			snprintf(want, sizeof want, "nr:%ld", nr);
		free(name);
		differ += strcmp(got, want) != 0;
	}
	char n101[64];
	seccomp_syscall_name(101, n101, sizeof n101);
	tap_ok(differ == 0 && strcmp(n101, "ptrace") == 0,
	       "syscall names compiled in equal libseccomp's for -1..%d (%d differ; 101 is %s)", SECCOMP_SYSCALL_NAMES,
	       differ, n101);

	/* The interpreter must understand every instruction libseccomp emits. */
	int bad = 0;
	for (size_t i = 0; i < prog_len; i++) {
		uint16_t c = prog[i].code;
		if (BPF_CLASS(c) == BPF_LD && BPF_MODE(c) == BPF_ABS && prog[i].k >= sizeof(struct seccomp_data))
			bad++;
	}
	TAP_EQ_INT(bad, 0, "all loads stay inside struct seccomp_data");

	check_rules();
	check_arches();
	check_audit();
	check_pfc();

	char name[32];
	seccomp_syscall_name(101, name, sizeof name);
	TAP_EQ_STR(name, "ptrace", "syscall 101 is named ptrace");
	seccomp_syscall_name(99999, name, sizeof name);
	TAP_EQ_STR(name, "nr:99999", "an unknown number is shown as nr:N");
	free(bpf);
	return tap_done();
}
