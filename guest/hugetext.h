/* hugetext: moves the template guest's code and constant data (its image's
 * read-only segments) onto transparent huge pages, so that each run child
 * maps them with a few 2 MiB entries instead of faulting in hundreds of
 * 4 KiB pages of them.
 *
 * A run child is a fork of the template: its code is the template's file
 * mapping, whose page-table entries fork does not copy, so every run faults
 * the code and data it uses back in (fault-around maps 16 pages a fault),
 * and on a hypervisor that shadows page tables each of those pages traps
 * again on its first touch: ~4.5 µs a page on the development VM, against
 * ~0.04 µs for a page the parent holds on a huge page (bench/pagefault.c).
 * Fork copies an anonymous huge page as one entry; these pages are never
 * written, so copy-on-write never splits them.
 *
 * Costs: one copy at the template's start (8–10 ms of CPU here, once per
 * template, which rotates after 1,000 runs or 60 s: docs/PERFORMANCE.md
 * round 8 has the command) and ~20 MiB of memory per
 * template, shared by its run children (the constant data is mostly ICU's,
 * which Intl reads page by page otherwise).
 * Only the template calls it (a one-shot guest would pay the copy for one
 * run), before the heap grows and before any filter: a run child's filter
 * forbids executable mappings.
 * Runs in: the template guest, at its start, before any input is read.
 * Input: none (the guest's own program headers, dl_iterate_phdr). */
#pragma once

/* Replaces the 2 MiB blocks of each read-only segment of 1 MiB or more
 * (the block past its end too, when nothing else is mapped up to it) with
 * huge-page copies of the same protection, never writable. Best effort:
 * when the kernel cannot back a segment with huge pages (no THP, no
 * MADV_COLLAPSE before Linux 6.1, memory too fragmented), that segment
 * keeps its file mapping, as without this call. Returns the bytes moved. */
unsigned long hugetext_remap(void);
