/* heapwarm: maps the guest's first heap pages in one system call instead of
 * one page fault each. A fresh guest touches the same ~1 MiB of malloc heap
 * for Duktape's built-ins and the prelude in every run; faulting it in page
 * by page costs a trap per page, which on some virtual machines is 20x the
 * cost of populating the same pages with MADV_POPULATE_WRITE
 * (bench/pagefault.c measures both on the machine at hand). Populating only
 * what the start will touch anyway costs no more than the faults where
 * faults are cheap.
 * Runs in: guest, before the seccomp filter and before any input is read.
 * Input: none. */
#pragma once

#include <stddef.h>

/* What a fresh guest's start touches of the malloc heap: Duktape's
 * built-ins and the prelude. The guest's break grows by ~1.8 MiB in a
 * trivial run (strace -e brk), most of it before the program runs; the rest
 * is the program's own and faults in as it is used. */
#define HEAPWARM_START_BYTES (3u << 19)

/* Grows malloc's heap (the main arena's top) by about `bytes` and
 * populates those pages writable; best effort: any failure leaves malloc
 * as it was and the pages fault in as they are touched. */
void heapwarm(size_t bytes);
