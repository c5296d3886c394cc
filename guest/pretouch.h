/* pretouch: the template guest learns which pages of its heap a run touches,
 * and each run child touches them while it waits for its program.
 *
 * A run child shares the template's heap until it writes a page, and under
 * a hypervisor that shadows page tables its first touch of each inherited
 * page traps even when it only reads (bench/pagefault.c: ~4 µs a read, ~14
 * µs a copy-on-write here). A trivial run touches ~170 of the template's
 * ~550 heap pages (bench/touched-pages.py), most of them after its program
 * arrived: on the request's critical path. A pooled child has idle time
 * before its program arrives; touching the same pages then moves those
 * traps off the path. Touching every page would cost three times as many,
 * so the template learns the set once per start: a probe child of its own
 * runs a fixed program of ours through a run child's path with the heap
 * range inaccessible, and records each page's first read and first write
 * from the faults (mprotect and SIGSEGV, page by page).
 *
 * What the run child then does changes nothing a program can observe:
 * before its filter it has the kernel copy the pages the probe wrote
 * (pretouch_populate: one MADV_POPULATE_WRITE per run of them; a page
 * copied so and then written costs ~0.6x one only written, the trap of a
 * copy-on-write fault saved: bench/pagefault.c "cow pop"), then it reads
 * one byte of each page the probe read and writes back the byte it read on
 * each page the probe wrote (single-threaded, before any program byte is
 * read: the value is the one already there). Best effort
 * throughout: if the probe fails in any way (a fault outside the range, a
 * system call that met an inaccessible page and failed, a time limit) the
 * set is empty and run children touch nothing ahead.
 *
 * Runs in: the template guest (pretouch_learn, before its first run child;
 * the probe reads no byte of any run) and the run child (pretouch_populate,
 * sandboxed, before its filter; pretouch_apply, sandboxed and filtered;
 * both before it reads its start frame). Input: none from outside the
 * guest. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The probe's whole life, program included: a template start waits for it. */
#define PRETOUCH_PROBE_MS 2000

struct pretouch {
	uintptr_t lo, hi;   /* page-aligned range learned; lo == hi: nothing */
	uintptr_t page;     /* the page size */
	uint8_t *seen;      /* one byte per page: PRETOUCH_READ | PRETOUCH_WRITE */
	size_t read, wrote; /* pages read only / written, for diagnostics */
};

enum { PRETOUCH_READ = 1, PRETOUCH_WRITE = 2 };

/* The probe's body: runs the fixed program on the protocol socket fd (the
 * start frame is already waiting there) as a run child would, returns the
 * guest's exit status (GUEST_EXIT_OK when the program ran). */
typedef int (*pretouch_probe_fn)(int fd, void *arg);

/* In the template: learns the pages of [lo, hi) (rounded inward to pages)
 * that probe touches when given start_frame (a whole frame, length prefix
 * included). Fills pt; on any failure leaves it empty. Returns 0 or a
 * negative errno (diagnostics only: the template goes on either way). */
int pretouch_learn(struct pretouch *pt, const void *lo, const void *hi, const uint8_t *start_frame, size_t start_len,
                   pretouch_probe_fn probe, void *arg);

/* In a run child, before its filter (which allows no MADV_POPULATE_WRITE):
 * makes its own copy of each page pt learned was written, in one madvise
 * per run of such pages. Best effort: a call that fails leaves those pages
 * to pretouch_apply's writes. Changes no byte. */
void pretouch_populate(const struct pretouch *pt);

/* In a run child: touches what pt learned. */
void pretouch_apply(const struct pretouch *pt);

/* Whether every page pt learned lies in [lo, hi): a run child that made
 * that range its own (heapown.h) has nothing left to touch ahead. */
bool pretouch_within(const struct pretouch *pt, uintptr_t lo, uintptr_t hi);
