/* Unit tests for guest/pretouch.c: the probe child learns exactly the pages
 * of the range it read and wrote, any failure leaves the set empty, and
 * touching what was learned changes no byte.
 * Runs in: test binary (forks probe children). Input: none. */
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "exitcode.h"
#include "pretouch.h"
#include "tap.h"

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
	tap_ok(region[5 * page + 1] == (uint8_t)((5 * page + 1) * 7 + 3), "the probe's writes stay in the probe");
	uint8_t before[PAGES * 64];
	for (int i = 0; i < PAGES; i++)
		memcpy(before + i * 64, region + i * page, 64);
	pretouch_apply(&pt);
	int same = 1;
	for (int i = 0; i < PAGES; i++)
		same &= memcmp(before + i * 64, region + i * page, 64) == 0;
	tap_ok(same, "touching what was learned changes no byte");

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
