/* heapwarm: maps the guest's first heap pages in one system call instead of
 * one page fault each. A fresh guest touches the same ~1 MiB of malloc heap
 * for Duktape's built-ins and the prelude in every run; faulting it in page
 * by page costs a trap per page. Populating the same pages with
 * MADV_POPULATE_WRITE saves the guest kernel's share of each trap; under a
 * hypervisor that shadows page tables the first touch still traps, so it
 * roughly halves a page's price there (bench/pagefault.c measures fault,
 * populate and the touch after it on the machine at hand). Populating only
 * what the start will touch anyway costs no more than the faults where
 * faults are cheap.
 * Runs in: guest, before the seccomp filter and before any input is read.
 * Input: none. */
#pragma once

#include <stddef.h>
#include <stdint.h>

/* What a fresh guest's start touches of the malloc heap: Duktape's
 * built-ins and the prelude. The guest's break grows by ~1.8 MiB in a
 * trivial run (strace -e brk), most of it before the program runs; the rest
 * is the program's own and faults in as it is used. */
#define HEAPWARM_START_BYTES (3u << 19)

/* The template's heap: what its start builds, the lazy units too, collected
 * as it goes (~1.75 MiB), and the room a run grows into: two 2 MiB blocks
 * on huge pages, the first the template's, the second each run child's own
 * (heapown.h). */
#define HEAPWARM_TEMPLATE_BYTES (3u << 20)

/* Grows malloc's heap (the main arena's top) by about `bytes` and
 * populates those pages writable; best effort: any failure leaves malloc
 * as it was and the pages fault in as they are touched. */
void heapwarm(size_t bytes);

/* heapwarm for a guest that is not forked (one `codecell run`): the same
 * pages, `bytes` rounded up to whole 2 MiB pages, on transparent huge
 * pages. Under a hypervisor that shadows page tables the first touch of
 * each small page traps even once populated, and the start touches ~400 of
 * them; a huge page is mapped whole (bench/pagefault.c, "thp read"). The
 * template's too, but only because each run child copies the blocks onto
 * huge pages of its own (heapown.h): a child's first write to a huge page
 * it shares with the template would split that page in the child, and
 * every page of it trap on its own again. Costs up to one huge page of memory beyond what
 * the start uses, and ~4 MiB of address space never touched (the gap up to
 * a 2 MiB boundary and the block malloc wrote a page of, heapwarm.c).
 * Returns the number of 2 MiB blocks marked for huge pages and populated,
 * the first at *first_out (when not NULL), 0 when the kernel refused (the
 * pages are then populated small, as by heapwarm). */
int heapwarm_huge(size_t bytes, uintptr_t *first_out);

/* The template, once its heap is built: takes the freed chunks malloc keeps
 * for reuse (its per-thread cache and the small bins it refills from), up
 * to HEAPWARM_DRAIN_PER_SIZE of each size, so that a run child's new
 * blocks are cut from the top of the heap, a few contiguous pages, not from
 * freed chunks scattered over the template's pages, each of which would
 * be a copy-on-write fault of its own. The chunks taken are never freed:
 * they were free memory of the template, resident anyway. */
#define HEAPWARM_DRAIN_PER_SIZE 64
void heapwarm_drain(void);
