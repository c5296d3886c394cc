/* Unit tests for guest/heapown.c: heapown_used finds malloc's top as
 * mallinfo2() does, from a known top only while it is still there; a
 * forked child's copy of its parent's
 * huge-page blocks holds the parent's bytes below the used mark and zeros
 * above it, on huge pages the child alone maps; a block wholly above the
 * mark is a fresh one, zero, on a huge page once written; the parent's
 * bytes never change; heapown_release gives back a block above the mark
 * and leaves the one below.
 * Runs in: test binary (forks children). Input: none. */
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <stdbool.h>
#include <stdlib.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "heapown.h"
#include "hugekb.h"
#include "tap.h"

#define HUGE HEAPOWN_BLOCK_BYTES

static uint8_t *blocks; /* two blocks, 2 MiB aligned, on huge pages */

static uint8_t pattern(size_t i)
{
	return (uint8_t)(i * 13 + 5);
}

/* Bit `bit` of addr's /proc/self/pagemap entry: 1, 0, or -1 when it
 * cannot be read. */
static int pagemap_bit(const void *addr, int bit)
{
	int pm = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
	if (pm < 0)
		return -1;
	uint64_t e;
	long page = sysconf(_SC_PAGESIZE);
	ssize_t n = pread(pm, &e, sizeof e, (off_t)((uintptr_t)addr / (uintptr_t)page * sizeof e));
	close(pm);
	return n == (ssize_t)sizeof e ? (int)((e >> bit) & 1) : -1;
}

/* Bit 56: the page is mapped by this process only (Linux 4.2). */
static int exclusive(const void *addr)
{
	return pagemap_bit(addr, 56);
}

/* Bit 63: a page is present at addr. */
static int present(const void *addr)
{
	return pagemap_bit(addr, 63);
}

/* Two blocks of the parent's, on huge pages and filled; NULL when this
 * kernel gives none (the unfiltered baseline: THP off, none free). */
static uint8_t *setup(void)
{
	uint8_t *raw = mmap(NULL, 3 * HUGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (raw == MAP_FAILED)
		return NULL;
	uint8_t *p = (uint8_t *)(((uintptr_t)raw + HUGE - 1) & ~(HUGE - 1));
	if (madvise(p, 2 * HUGE, MADV_HUGEPAGE) != 0)
		return NULL;
	for (size_t i = 0; i < 2 * HUGE; i++)
		p[i] = pattern(i);
	if (huge_kb_at(p) < 2048 || huge_kb_at(p + HUGE) < 2048)
		return NULL;
	return p;
}

/* In the child: takes [blocks, blocks + 2 blocks) with `used` bytes of the
 * parent's. Exit status: bit 0, a page was its own before; bit 1, the
 * count returned is not 2; bit 2, a byte below used differs; bit 3, a byte
 * above used is not zero; bit 4, a block (a fresh one once written) is
 * not its own or not on a huge page; 64, pagemap unreadable. */
static int take_child(size_t used)
{
	if (exclusive(blocks) < 0)
		return 64;
	int code = exclusive(blocks) || exclusive(blocks + HUGE) ? 1 : 0;
	struct heapown h = {
	        .lo = (uintptr_t)blocks, .hi = (uintptr_t)blocks + 2 * HUGE, .used = (uintptr_t)blocks + used};
	if (heapown_take(&h) != 2)
		code |= 2;
	for (size_t b = 0; b < 2 * HUGE; b += HUGE) {
		/* A fresh block is written first: a read would map the zero
		 * page, a write a huge page of its own. */
		if (b >= used)
			blocks[b] = 0;
		for (size_t i = b; i < b + HUGE; i++) {
			if (i < used && blocks[i] != pattern(i))
				code |= 4;
			if (i >= used && blocks[i] != 0)
				code |= 8;
		}
		if (exclusive(blocks + b) != 1 || exclusive(blocks + b + HUGE - 4096) != 1 ||
		    huge_kb_at(blocks + b) < 2048)
			code |= 16;
	}
	/* Its own: writes stay here (the parent checks). */
	memset(blocks, 0xee, 4096);
	memset(blocks + HUGE, 0xee, 4096);
	return code;
}

static int in_child(size_t used)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0)
		_exit(take_child(used));
	int st = 0;
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

/* In a child, as the template does before it serves: the block above
 * `used` given back. Exit status: bit 0, heapown_release did not say 1;
 * bit 1, block 1 changed or left its huge page; bit 2, a page of block 2
 * is still present; bit 3, block 2 does not read as zero. */
static int release_child(size_t used)
{
	struct heapown h = {
	        .lo = (uintptr_t)blocks, .hi = (uintptr_t)blocks + 2 * HUGE, .used = (uintptr_t)blocks + used};
	int code = heapown_release(&h) == 1 ? 0 : 1;
	for (size_t i = 0; i < HUGE; i++)
		if (blocks[i] != pattern(i)) {
			code |= 2;
			break;
		}
	if (huge_kb_at(blocks) < 2048)
		code |= 2;
	/* (smaps counts huge pages per mapping, and both blocks are one.) */
	if (present(blocks + HUGE) != 0 || present(blocks + 2 * HUGE - 4096) != 0)
		code |= 4;
	for (size_t i = HUGE; i < 2 * HUGE; i += 4096)
		if (blocks[i] != 0) {
			code |= 8;
			break;
		}
	return code;
}

static int parent_intact(void)
{
	for (size_t i = 0; i < 2 * HUGE; i++)
		if (blocks[i] != pattern(i))
			return 0;
	return 1;
}

/* What heapown_used must say: mallinfo2's top, past its header. */
static uintptr_t used_ref(void)
{
	return (uintptr_t)sbrk(0) - mallinfo2().keepcost + 2 * sizeof(size_t);
}

static void test_used(void)
{
	uintptr_t ref = used_ref();
	tap_ok(heapown_used(0) == ref, "no known top: mallinfo2's top (%#lx, %#lx)", (unsigned long)heapown_used(0),
	       (unsigned long)ref);
	/* (tap_ok's first printf allocated stdout's buffer: read again.) */
	ref = used_ref();
	uintptr_t top = ref - 2 * sizeof(size_t);
	uintptr_t u = heapown_used(top);
	tap_ok(u == ref, "the known top, still the top: the same (%#lx, %#lx)", (unsigned long)u, (unsigned long)ref);
	/* 64 KiB: past the tcache and fast bins, under the mmap threshold, so
	 * it comes from the top, which moves up over it. */
	ref = used_ref();
	top = ref - 2 * sizeof(size_t);
	char *a = malloc(64 << 10);
	uintptr_t ref_a = used_ref();
	if (!a || ref_a <= ref) {
		tap_skip("heapown_used", "malloc did not carve 64 KiB from its top here");
		free(a);
		return;
	}
	memset(a, 0x5a, 64 << 10);
	tap_ok(heapown_used(top) == ref_a, "an allocation from the top since: the top above it (%#lx, %#lx)",
	       (unsigned long)heapown_used(top), (unsigned long)ref_a);
	uintptr_t top_a = ref_a - 2 * sizeof(size_t);
	tap_ok(heapown_used((uintptr_t)a) == ref_a, "a size word that does not reach the break: not the top");
	/* Freed, it merges back into the top, which moves down below top_a:
	 * the known top then says more than is held, never less. */
	free(a);
	uintptr_t ref_f = used_ref();
	u = heapown_used(top_a);
	tap_ok(ref_f < ref_a && u >= ref_f, "a top that moved down since: at least what is held (%#lx >= %#lx)",
	       (unsigned long)u, (unsigned long)ref_f);
}

int main(void)
{
	test_used();
	blocks = setup();
	if (!blocks) {
		tap_skip("heapown", "this kernel gives no huge page to a range marked MADV_HUGEPAGE (%s)",
		         strerror(errno));
		return tap_done();
	}
	/* The template's case: its heap fills the first block and part of
	 * the second. */
	int code = in_child(HUGE + 100000);
	if (code == 64) {
		tap_skip("heapown", "/proc/self/pagemap cannot be read here");
		return tap_done();
	}
	tap_ok(code >= 0 && !(code & 1), "before: the child shares the parent's huge pages (status %d)", code);
	tap_ok(code >= 0 && !(code & 2), "both blocks under the used mark are taken (status %d)", code);
	tap_ok(code >= 0 && !(code & 4), "the copy holds the parent's bytes below the mark (status %d)", code);
	tap_ok(code >= 0 && !(code & 8), "and zeros above it (status %d)", code);
	tap_ok(code >= 0 && !(code & 16), "on huge pages the child alone maps (status %d)", code);
	tap_ok(parent_intact(), "the parent's bytes are unchanged, the child's writes its own");
	/* A block wholly above the mark holds nothing of the parent's heap:
	 * a fresh one, zero, its own once written. */
	code = in_child(1000);
	tap_ok(code == 0,
	       "a block above the mark is a fresh one: zero, a huge page of its own once written (status %d)", code);
	code = in_child(2 * HUGE);
	tap_ok(code == 0, "a mark at the end copies both blocks whole (status %d)", code);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0)
		_exit(release_child(HUGE - 4096));
	int st = 0;
	bool reaped = pid > 0 && waitpid(pid, &st, 0) == pid;
	tap_ok(reaped && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	       "the template's block above the mark given back: no huge page, zero; the block below intact (status %d)",
	       reaped && WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	struct heapown none = {0, 0, 0};
	tap_ok(heapown_take(&none) == 0 && parent_intact(), "no blocks: nothing is taken");
	tap_ok(parent_intact(), "the parent's bytes are unchanged after every child");
	return tap_done();
}
