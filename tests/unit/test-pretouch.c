/* Unit tests for guest/pretouch.c: the probe child learns exactly the pages
 * of the range it read and wrote, any failure leaves the set empty,
 * touching what was learned changes no byte, and populating gives a forked
 * child its own copy of exactly the pages learned written; pretouch_within
 * tells whether a range holds every page learned.
 * Runs in: test binary (forks probe children). Input: none. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "exitcode.h"
#include "pretouch.h"
#include "tap.h"

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 /* Linux 5.14 */
#endif

#define PAGES 16

static uint8_t *region;
static size_t page;

/* Reads page 2, writes page 5, reads then writes page 9. */
static int probe_some(int fd, void *arg)
{
	(void)fd;
	(void)arg;
	volatile uint8_t *r = region;
	uint8_t x = r[2 * page + 7];
	r[5 * page + 1] = (uint8_t)(x + 1);
	x = r[9 * page];
	r[9 * page + 3] = x;
	return GUEST_EXIT_OK;
}

/* The start frame is waiting on fd: the probe reads it as a guest would. */
static int probe_reads_frame(int fd, void *arg)
{
	char buf[8];
	ssize_t n = read(fd, buf, sizeof buf);
	*(int *)arg = (int)n; /* in the probe's copy only */
	return n == 5 && memcmp(buf, "hello", 5) == 0 ? GUEST_EXIT_OK : GUEST_EXIT_PROTOCOL;
}

static int probe_fails(int fd, void *arg)
{
	(void)fd;
	(void)arg;
	volatile uint8_t *r = region;
	(void)r[page];
	return GUEST_EXIT_PROTOCOL;
}

static int probe_faults_outside(int fd, void *arg)
{
	(void)fd;
	(void)arg;
	volatile uint8_t *outside = (volatile uint8_t *)region + PAGES * page; /* the guard page after */
	(void)region[0];
	return *outside;
}

/* /proc/self/pagemap: bit 56, the page is mapped by this process only
 * (Linux 4.2); 1, 0, or -1 when it cannot be read. */
static int exclusive(int pm, const void *addr)
{
	uint64_t e;
	if (pread(pm, &e, sizeof e, (off_t)((uintptr_t)addr / page * sizeof e)) != (ssize_t)sizeof e)
		return -1;
	return (int)((e >> 56) & 1);
}

/* In a child forked after learning: which of pages 0, 2, 5 and 9 are its
 * own before and after pretouch_populate, and whether any byte changed.
 * Exit status: bit 0, a page was its own before; bit 1, page 5 or 9 is
 * not its own after; bit 2, page 0 or 2 is its own after; bit 3, a byte
 * changed; 64, pagemap unreadable. */
static int populate_child(const struct pretouch *pt)
{
	int pm = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
	if (pm < 0)
		return 64;
	static const int pages[] = {0, 2, 5, 9};
	int before = 0;
	for (int i = 0; i < 4; i++) {
		int x = exclusive(pm, region + pages[i] * page);
		if (x < 0)
			return 64;
		before |= x;
	}
	pretouch_populate(pt);
	int x0 = exclusive(pm, region), x2 = exclusive(pm, region + 2 * page);
	int x5 = exclusive(pm, region + 5 * page), x9 = exclusive(pm, region + 9 * page);
	int changed = 0;
	for (size_t i = 0; i < PAGES * page; i++)
		changed |= region[i] != (uint8_t)(i * 7 + 3);
	return (before ? 1 : 0) | (x5 != 1 || x9 != 1 ? 2 : 0) | (x0 != 0 || x2 != 0 ? 4 : 0) | (changed ? 8 : 0);
}

__attribute__((noreturn)) static void hang(void)
{
	for (;;)
		pause();
}

static int probe_hangs(int fd, void *arg)
{
	(void)fd;
	(void)arg;
	hang();
}

int main(void)
{
	page = (size_t)sysconf(_SC_PAGESIZE);
	/* PAGES pages and an inaccessible guard page after them. */
	region = mmap(NULL, (PAGES + 1) * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (region == MAP_FAILED || mprotect(region + PAGES * page, page, PROT_NONE) != 0) {
		tap_ok(0, "setup");
		return tap_done();
	}
	for (size_t i = 0; i < PAGES * page; i++)
		region[i] = (uint8_t)(i * 7 + 3);
	static const uint8_t frame[] = "hello";

	struct pretouch pt;
	int e = pretouch_learn(&pt, region, region + PAGES * page, frame, 5, probe_some, NULL);
	tap_ok(e == 0 && pt.lo == (uintptr_t)region && pt.hi == (uintptr_t)region + PAGES * page,
	       "a probe's pages are learned over the whole range");
	int exact = e == 0;
	for (int i = 0; exact && i < PAGES; i++) {
		uint8_t want = i == 2   ? PRETOUCH_READ
		               : i == 5 ? PRETOUCH_WRITE
		               : i == 9 ? (PRETOUCH_READ | PRETOUCH_WRITE)
		                        : 0;
		exact = pt.seen[i] == want;
	}
	tap_ok(exact && pt.read == 1 && pt.wrote == 2, "exactly the pages read and written, marked as such");
	uintptr_t r0 = (uintptr_t)region;
	tap_ok(pretouch_within(&pt, r0 + 2 * page, r0 + 10 * page) &&
	               !pretouch_within(&pt, r0 + 3 * page, r0 + 10 * page) && !pretouch_within(&pt, r0, r0 + 9 * page),
	       "pretouch_within: true only for a range holding every page learned (2 to 9 here)");
	tap_ok(region[5 * page + 1] == (uint8_t)((5 * page + 1) * 7 + 3), "the probe's writes stay in the probe");
	uint8_t before[PAGES * 64];
	for (int i = 0; i < PAGES; i++)
		memcpy(before + i * 64, region + i * page, 64);
	pretouch_apply(&pt);
	int same = 1;
	for (int i = 0; i < PAGES; i++)
		same &= memcmp(before + i * 64, region + i * page, 64) == 0;
	tap_ok(same, "touching what was learned changes no byte");

	/* MADV_POPULATE_WRITE came in Linux 5.14: without it there is
	 * nothing to check (pretouch_apply's writes make the copies). */
	void *probe_map = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int have_populate = probe_map != MAP_FAILED && madvise(probe_map, page, MADV_POPULATE_WRITE) == 0;
	int populate_errno = errno;
	if (probe_map != MAP_FAILED)
		munmap(probe_map, page);
	if (!have_populate) {
		tap_skip("populating gives a forked child its own copy of exactly the pages written", "%s",
		         populate_errno == EINVAL ? "this kernel has no MADV_POPULATE_WRITE (Linux 5.14)"
		                                  : strerror(populate_errno));
	} else {
		/* The parent maps every page (it wrote them all above): a forked
		 * child shares each until it writes it or populates it. */
		pid_t pid = fork();
		if (pid == 0)
			_exit(populate_child(&pt));
		int status = -1;
		while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		int code = pid > 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
		if (code == 64)
			tap_skip("populating gives a forked child its own copy of exactly the pages written",
			         "/proc/self/pagemap cannot be read here");
		else
			tap_ok(code == 0,
			       "populating gives a forked child its own copy of exactly the pages written, "
			       "changing no byte (child status %d)",
			       code);
	}

	/* The range is rounded inward to whole pages. */
	e = pretouch_learn(&pt, region + 1, region + PAGES * page - 1, frame, 5, probe_some, NULL);
	tap_ok(e == 0 && pt.lo == (uintptr_t)region + page && pt.hi == (uintptr_t)region + (PAGES - 1) * page,
	       "a range not on page boundaries is rounded inward");

	int n = 0;
	e = pretouch_learn(&pt, region, region + PAGES * page, frame, 5, probe_reads_frame, &n);
	tap_ok(e == 0 && pt.read == 0 && pt.wrote == 0, "the start frame waits on the probe's socket");

	e = pretouch_learn(&pt, region, region + PAGES * page, frame, 5, probe_fails, NULL);
	tap_ok(e < 0 && pt.lo == pt.hi && pt.read == 0, "a probe that fails leaves the set empty");
	pretouch_apply(&pt);
	tap_ok(pt.seen == NULL && pt.wrote == 0, "a failed probe leaves no map behind, and applying it is a no-op");

	e = pretouch_learn(&pt, region, region + PAGES * page, frame, 5, probe_faults_outside, NULL);
	tap_ok(e < 0 && pt.lo == pt.hi, "a fault outside the range ends the probe; the set stays empty");

	e = pretouch_learn(&pt, region, region + PAGES * page, frame, 5, probe_hangs, NULL);
	tap_ok(e < 0 && pt.lo == pt.hi, "a probe past its time is killed; the set stays empty");

	e = pretouch_learn(&pt, region + page, region + page, frame, 5, probe_some, NULL);
	tap_ok(e < 0 && pt.lo == pt.hi, "an empty range is refused");
	return tap_done();
}
