/* pretouch: see pretouch.h. */
#include "pretouch.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "exitcode.h"
#include "fdio.h"

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 /* Linux 5.14 */
#endif

/* x86's page-fault error code: bit 1 set for a write. */
#define PF_WRITE 2

/* The probe's state, read by its fault handler: outside the watched range
 * (.bss and an anonymous mapping), or the handler would fault on it. */
static struct {
	uintptr_t lo, hi, page;
	uint8_t *seen;
} probe;

/* Back to the default action: at the retried instruction the fault then
 * ends the probe, and the set stays empty. */
static void fault_for_real(int sig)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigaction(sig, &sa, NULL);
}

/* A fault in the watched range: mark the page and open it as far as this
 * access needs (a later write to a page opened for reading faults again and
 * is marked then). Anything else is a real fault. Only async-signal-safe
 * calls; mprotect by the raw system call, which writes no errno. */
static void on_fault(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	uintptr_t a = (uintptr_t)si->si_addr & ~(probe.page - 1);
	if (sig != SIGSEGV || si->si_code != SEGV_ACCERR || a < probe.lo || a >= probe.hi) {
		fault_for_real(sig);
		return;
	}
	int write = (uc->uc_mcontext.gregs[REG_ERR] & PF_WRITE) != 0;
	probe.seen[(a - probe.lo) / probe.page] |= write ? PRETOUCH_WRITE : PRETOUCH_READ;
	if (syscall(SYS_mprotect, a, probe.page, write ? PROT_READ | PROT_WRITE : PROT_READ) != 0)
		fault_for_real(sig);
}

/* The probe child: never returns. */
__attribute__((noreturn)) static void probe_main(int sock, int out, size_t n, pretouch_probe_fn fn, void *arg)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGSEGV, &sa, NULL) != 0 || mprotect((void *)probe.lo, probe.hi - probe.lo, PROT_NONE) != 0)
		_exit(GUEST_EXIT_INTERNAL);
	int st = fn(sock, arg);
	if (mprotect((void *)probe.lo, probe.hi - probe.lo, PROT_READ | PROT_WRITE) != 0)
		_exit(GUEST_EXIT_INTERNAL);
	if (st != GUEST_EXIT_OK)
		_exit(st);
	_exit(fdio_write_all(out, probe.seen, n) == 0 ? GUEST_EXIT_OK : GUEST_EXIT_IO);
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Reads exactly n bytes from fd by the deadline; 0 or -1. */
static int read_by(int fd, uint8_t *p, size_t n, long long deadline)
{
	while (n) {
		long long left = deadline - now_ms();
		struct pollfd pf = {.fd = fd, .events = POLLIN};
		if (left <= 0 || poll(&pf, 1, (int)left) <= 0)
			return -1;
		ssize_t r = read(fd, p, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		p += r;
		n -= (size_t)r;
	}
	return 0;
}

int pretouch_learn(struct pretouch *pt, const void *lo_, const void *hi_, const uint8_t *start_frame, size_t start_len,
                   pretouch_probe_fn fn, void *arg)
{
	memset(pt, 0, sizeof *pt);
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t lo = ((uintptr_t)lo_ + page - 1) & ~(page - 1), hi = (uintptr_t)hi_ & ~(page - 1);
	if (hi <= lo)
		return -EINVAL;
	size_t n = (hi - lo) / page;
	/* Private and outside the malloc heap: the probe's handler writes it,
	 * and the run children read it (a copy each, never shared writable). */
	uint8_t *seen = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (seen == MAP_FAILED)
		return -errno;
	memset(seen, 0, n);
	probe.lo = lo;
	probe.hi = hi;
	probe.page = page;
	probe.seen = seen;

	int sp[2] = {-1, -1}, pp[2] = {-1, -1}, e = 0;
	pid_t pid = -1;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp) != 0 || pipe2(pp, O_CLOEXEC) != 0) {
		e = -errno;
		goto out;
	}
	/* The start frame waits in the socket before the probe reads it. */
	if (fdio_write_all(sp[0], start_frame, start_len) != 0) {
		e = -EIO;
		goto out;
	}
	pid = fork();
	if (pid < 0) {
		e = -errno;
		goto out;
	}
	if (pid == 0) {
		close(sp[0]);
		close(pp[0]);
		probe_main(sp[1], pp[1], n, fn, arg);
	}
	close(sp[1]);
	close(pp[1]);
	sp[1] = pp[1] = -1;
	/* The probe's marks are in its copy of seen: they come over the pipe
	 * into ours. */
	int got = read_by(pp[0], seen, n, now_ms() + PRETOUCH_PROBE_MS);
	int status = 0;
	if (got != 0)
		kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (got != 0 || !WIFEXITED(status) || WEXITSTATUS(status) != GUEST_EXIT_OK) {
		e = -EPROTO;
		goto out;
	}
	pt->lo = lo;
	pt->hi = hi;
	pt->page = page;
	pt->seen = seen;
	for (size_t i = 0; i < n; i++) {
		if (seen[i] & PRETOUCH_WRITE)
			pt->wrote++;
		else if (seen[i] & PRETOUCH_READ)
			pt->read++;
	}
	seen = NULL;
out:
	for (int i = 0; i < 2; i++) {
		if (sp[i] >= 0)
			close(sp[i]);
		if (pp[i] >= 0)
			close(pp[i]);
	}
	if (seen)
		munmap(seen, n);
	return e;
}

void pretouch_populate(const struct pretouch *pt)
{
	uintptr_t page = pt->page;
	size_t n = pt->hi > pt->lo ? (pt->hi - pt->lo) / page : 0;
	for (size_t i = 0; i < n;) {
		if (!(pt->seen[i] & PRETOUCH_WRITE)) {
			i++;
			continue;
		}
		size_t j = i;
		while (j < n && (pt->seen[j] & PRETOUCH_WRITE))
			j++;
		/* Only the pages written: populating the ones only read would
		 * map them with no copy, and their first touch traps all the
		 * same under a hypervisor that shadows page tables (it measured
		 * no better here). */
		(void)madvise((void *)(pt->lo + i * page), (j - i) * page, MADV_POPULATE_WRITE);
		i = j;
	}
}

void pretouch_apply(const struct pretouch *pt)
{
	uintptr_t page = pt->page;
	size_t n = pt->hi > pt->lo ? (pt->hi - pt->lo) / page : 0;
	for (size_t i = 0; i < n; i++) {
		volatile uint8_t *p = (volatile uint8_t *)(pt->lo + i * page);
		if (pt->seen[i] & PRETOUCH_WRITE)
			*p = *p; /* the value already there: its copy, made now */
		else if (pt->seen[i] & PRETOUCH_READ)
			(void)*p;
	}
}

bool pretouch_within(const struct pretouch *pt, uintptr_t lo, uintptr_t hi)
{
	uintptr_t page = pt->page;
	size_t n = pt->hi > pt->lo ? (pt->hi - pt->lo) / page : 0;
	for (size_t i = 0; i < n; i++) {
		uintptr_t at = pt->lo + i * page;
		if (pt->seen[i] && (at < lo || at + page > hi))
			return false;
	}
	return true;
}
