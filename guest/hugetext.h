/* hugetext: moves the template guest's machine code onto transparent huge
 * pages, so that each run child maps it with a few 2 MiB entries instead of
 * faulting in hundreds of 4 KiB pages of it.
 *
 * A run child is a fork of the template: its code is the template's file
 * mapping, whose page-table entries fork does not copy, so every run faults
 * the code it executes back in (fault-around maps 16 pages a fault), and on
 * a hypervisor that shadows page tables each of those pages traps again on
 * its first touch (~4 µs here; bench/pagefault.c, bench/thp-fork.c). An
 * anonymous huge page is copied by fork as one entry and costs one trap per
 * 2 MiB; code is never written, so it is never split by copy-on-write.
 *
 * Only the template calls it (a one-shot guest would pay the copy for one
 * run), before the heap grows and before any filter: a run child's filter
 * forbids executable mappings.
 * Runs in: the template guest, at its start, before any input is read.
 * Input: none (the guest's own image, from the linker's symbols). */
#pragma once

/* Replaces the 2 MiB-aligned blocks that lie wholly inside the text segment
 * with read-only, executable huge-page copies of themselves. Best effort:
 * when the kernel cannot back a block with a huge page (no THP, no
 * MADV_COLLAPSE before Linux 6.1, memory too fragmented), that block keeps
 * its file mapping, as without this call. Returns the bytes moved. */
unsigned long hugetext_remap(void);
