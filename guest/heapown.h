/* heapown: a template's run child takes its own copy of the template's heap
 * blocks that sit on transparent huge pages, one huge page per 2 MiB block.
 *
 * A run child shares the template's heap. Under a hypervisor that shadows
 * page tables, the child's first touch of each inherited small page traps
 * (~4 µs a read, ~9-14 µs a copy-on-write: bench/pagefault.c), and a trivial
 * run touches ~170 of them. An inherited huge page is mapped whole in one
 * trap ("thp read", ~0.05 µs a page), but the child's first write to it
 * splits it, and every small page traps on its own again
 * (docs/PERFORMANCE.md round 8). So the template keeps its heap on huge
 * pages and each run child, before its filter, copies each block into a
 * fresh huge page of its own, reading the template's cheaply, and moves the
 * copy over the block (mremap): from then on the child's heap is private and
 * mapped whole, and no read or write of it traps. Only the bytes in use are
 * copied (up to the top of malloc's heap); the rest of a fresh huge page is
 * zero, which malloc's free top does not read. A block above what the
 * template used holds nothing of the template's: the child maps a fresh one
 * there, which the kernel zeroes only if the run's heap grows into it (the
 * template builds its heap collected as it goes, so that it fits one block
 * with room for a small run).
 *
 * Costs a huge page of memory per block the run child holds (counted in the
 * run's memory limit). Best effort: a block whose copy cannot be made is
 * left shared, as before, and pretouch covers it.
 *
 * Runs in: the run child of a template guest, after its sandbox is built,
 * before its filter (which allows no MADV_HUGEPAGE, MAP_FIXED or
 * MREMAP_FIXED) and before it reads its start frame. Input: none from
 * outside the guest. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#define HEAPOWN_BLOCK_BYTES ((uintptr_t)2 << 20)

struct heapown {
	uintptr_t lo, hi; /* the template's huge-page blocks, 2 MiB aligned; lo == hi: none */
	uintptr_t used;   /* bytes below this are copied; above, a fresh page is zero */
};

/* Where the bytes malloc's heap holds end, as h->used wants them: just
 * past the header of malloc's top chunk (glibc's main arena, which ends at
 * the break). mallinfo2() says where the top is, but walks every free
 * chunk to say it: ~50-90 µs of a served run's CPU in a template's heap
 * that collection left fragmented. known_top is where the template saw the
 * top just before it served (0: not known). When the size word there still
 * reaches exactly to the break, with PREV_INUSE set, the top is there, or
 * lower (a free chunk merged into it since), and copying up to it copies
 * only free bytes more. A top that moved up (an allocation from it since)
 * leaves a smaller chunk's size there, never a match, and mallinfo2()
 * answers; so would a chunk carved across known_top after a merge, unless
 * its first word happened to be that exact size: the template and a run
 * child before its copy allocate nothing (no program byte has been read
 * then), so neither happens. Needs the break moved only by malloc. */
uintptr_t heapown_used(uintptr_t known_top);

/* In the template, once before it serves: gives back the blocks wholly
 * above h->used. They hold nothing of the template's, and each run child
 * maps a fresh block there (heapown_take); kept, each fork would copy the
 * entry of a huge page there into the child, only for the child to unmap
 * it. The range stays mapped, marked for huge pages, zero when touched
 * again. Returns the number of blocks given back. */
int heapown_release(const struct heapown *h);

/* In a run child: replaces each 2 MiB block of [h->lo, h->hi) by a private
 * huge page holding the same bytes below h->used (zero above it; a block
 * wholly above it is mapped fresh, not copied). Returns the number of
 * blocks replaced, from h->lo on: the ones after a failure stay shared. */
int heapown_take(const struct heapown *h);
