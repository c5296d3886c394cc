/* image: the guest's runtime heap as the prelude leaves it, built once when
 * codecell is built and copied into each one-shot guest instead of running
 * the prelude again (~2.5 ms of a run's CPU: Duktape's built-ins, ~250 KB
 * of runtime bytecode loaded and run, docs/PERFORMANCE.md round 13).
 *
 * How: the image writer (`codecell-guest --write-image=FILE`, run by the
 * build) allocates the whole Duktape heap from an arena at IMAGE_BASE, a
 * fixed address, and writes the arena's bytes with a header. The guest is
 * a static executable at a fixed address (not PIE), so every pointer in the
 * heap (to its own blocks, to natives, to the bytecode in .rodata, to the
 * guest's static heapcap) means the same in any process of the same binary.
 * A restoring guest maps IMAGE_BASE (on a huge page where the kernel gives
 * one), reads the arena into it and goes on from there; the blocks stay
 * where they are (heapcap_freeze) and everything allocated after comes
 * from malloc.
 *
 * What makes a restored heap the same as a built one, checked when the
 * image is written (a failed check fails the build):
 *  - no word in the arena points at memory only the writer had (its stack,
 *    its malloc heap, its other mappings): the arena is scanned against
 *    /proc/self/maps. The scan is conservative: a word of data (flags, a
 *    length, eight bytes of a string) may fall under a mapping, and the
 *    kernel places the malloc heap anywhere in a gigabyte above the binary,
 *    so some layouts hold such a word and most do not. A real pointer is
 *    under a mapping in every layout; so the writer, finding only such
 *    words, runs again as a fresh process, in a fresh layout (main.c, at
 *    most IMAGE_TRIES times, and only where the kernel randomises layouts),
 *    and the build fails when every try finds them;
 *  - no static variable of the binary was changed by building the heap,
 *    except those listed in image.c, which the restoring guest sets again
 *    (ccapi_attach, lazyunit_set_hook) or which are caches that start
 *    invalid: .data and .bss are compared before and after;
 *  - the image carries the writer's build ID; a guest whose own differs
 *    ignores it and runs the prelude.
 * The image file is installed beside the guest binary, with the same owner
 * and the same trust: it is code in another form. The supervisor passes it
 * open on a descriptor; the guest reads it before its filter is loaded and
 * before any program byte, then closes it.
 *
 * Runs in: guest (both halves) and the build (the writer). Input: the image
 * file, trusted like the binary; its size and header are still checked, so
 * a truncated or stale file means "no image", never a broken heap. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "heapcap.h"

/* Far from the break (just above the binary) and from mmap's area (just
 * below the stack); 2 MiB aligned for a huge page. */
#define IMAGE_BASE 0x200000000000ull
/* The writer's arena: address space reserved, touched as used. */
#define IMAGE_ARENA_MAX (64u << 20)

/* The writer's side. Maps the arena (IMAGE_BASE) and points h at it:
 * every block the heap allocates from now on is the arena's. Also records
 * the binary's static data, for image_write's comparison. Returns 0 or a
 * negative errno. */
int image_begin(struct heapcap *h);

/* How many processes the build's writer tries (above). */
#define IMAGE_TRIES 16

/* image_write's verdicts. */
enum {
	IMAGE_WRITTEN = 0,
	IMAGE_REFUSED = -1, /* said why on stderr */
	IMAGE_LAYOUT = -2,  /* only words under foreign mappings, not named: try a fresh process */
};

/* Checks the heap built since image_begin (see above) and writes it with
 * ctx (the heap's duk_context *, a block of it) to path. On the last try
 * words under foreign mappings are named and refuse the image; before it
 * they give IMAGE_LAYOUT and nothing is written. */
int image_write(const char *path, const struct heapcap *h, const void *ctx, bool last_try);

/* The guest's side: reads an image from fd (left open) into IMAGE_BASE and
 * sets h (already heapcap_init'ed with the run's cap) to count and keep its
 * blocks. Returns the heap's context, or NULL when the image is unreadable,
 * malformed, truncated, another binary's or its address is taken, with
 * *why set to a fixed string saying which ("image malformed", ...; the
 * trace's phase name): the caller then builds the heap as usual. Nothing
 * is left mapped on NULL. */
void *image_restore(int fd, struct heapcap *h, const char **why);
