/* duk_hooks: the platform hooks the guest's Duktape build calls (fatal
 * errors, randomness, the bytes tag of the tool bridge's JSON). Compiled into the Duktape library itself.
 * Runs in: guest (and the build-time js2bc tool). Input: none from users. */
#pragma once

/* Writes "codecell-guest: fatal Duktape error: MSG" to fd 2, then _exit(70)
 * (EX_SOFTWARE). Never returns: a fatal error must not go unreported. */
__attribute__((noreturn)) void duk_hooks_fatal(void *udata, const char *msg);

/* A uniformly distributed double in [0, 1) from getrandom(2). */
double duk_hooks_random_double(void *udata);

#include <stdbool.h>
#include <stddef.h>

/* Nonzero while the guest encodes a message whose values cross the tool
 * bridge (a tool call, the result): Duktape's JSON encoder (patched, see
 * patch-duktape.py) then writes a Uint8Array or an ArrayBuffer as
 * {"$bytes":"<base64>"} and gives a key spelled $bytes, $$bytes, ... one
 * more "$" (docs/PROTOCOL.md, Binary values). Zero for every other
 * encoding, JSON.stringify included. */
extern int duk_hooks_json_bytes;

/* Whether a key is "$" repeated at least once, then "bytes". */
bool duk_hooks_json_key_reserved(const char *s, size_t n);

/* [ ... bufobj ] -> [ ... bufobj base64 ]: the standard base64 (with
 * padding) of the view's bytes. The argument is a duk_hthread *, which is a
 * duk_context * (Duktape's own typedef; duktape.h is not included here). */
void duk_hooks_json_bytes_base64(void *thr);
/* Empties Math.random's pool, so that the next number comes from a fresh
 * getrandom(2). The template guest's run child calls it: a pool filled in
 * the template would otherwise repeat in every child (copy-on-write). */
void duk_hooks_random_reset(void);

#include <stdint.h>

/* The template guest's heap range, whose objects and strings a run child
 * never reference-counts (patch-duktape.py, "immortal"): a count bumped on
 * an inherited object writes, and so copies, its page. Such an object is
 * freed in the child only by mark-and-sweep, when unreachable. Empty (never
 * immortal) outside a template's child. */
extern uintptr_t duk_hooks_immortal_lo, duk_hooks_immortal_len;

static inline int duk_hooks_immortal(const void *h)
{
	return (uintptr_t)h - duk_hooks_immortal_lo < duk_hooks_immortal_len;
}

/* Sets the range: the template calls it once, after its last JavaScript
 * ran and before it clones any child. */
void duk_hooks_set_immortal(const void *lo, const void *hi);

/* A template's run child, at its start: forgets the call records Duktape
 * cached for reuse in the template (its activation and catcher free
 * lists). Taking them would write them, a template page each; left alone
 * they cost nothing, and the child's own calls cache their own records.
 * thr: the duk_context * (defined in duktape.c, patch "forget-freelists",
 * where the heap's layout is known). */
void duk_hooks_forget_freelists(void *thr);

/* Where value (at val_idx) first occurs in the array at arr_idx, by
 * SameValueZero, scanning indices from..limit-1: the index, -1 if nowhere,
 * -2 if the array is not a plain dense Array whose first limit elements
 * are all its own data values (a Proxy, an array-like, a hole on the way,
 * a length now below limit): the caller then takes the spec's steps. No
 * JavaScript runs and nothing is allocated. For the runtime's
 * Array.prototype.includes (guest/rtnative.c); indexOf uses the same scan
 * inside Duktape (patch-duktape.py, array-find-dense). thr is the
 * duk_context *. */
long duk_hooks_array_find(void *thr, int arr_idx, int val_idx, long from, long limit);

/* Whether the value at idx is a function V8 gives own "caller" and
 * "arguments" (reading null outside a call): a sloppy function declaration
 * or expression, compiled, not strict, constructable. Every other function
 * has neither (ES2015, patch-duktape.py strict-no-caller-arguments) and
 * meets Function.prototype's throwing accessor (guest/rtnative.c). */
int duk_hooks_legacy_caller(void *thr, int idx);

/* Set by the build's bytecode compiler (guest/tools/js2bc.c) while it
 * compiles the runtime library: a function there with a name that does not
 * start with a capital letter is no constructor and has no `prototype`
 * (patch-duktape.py, prelude-noctor-by-name). Never set in the guest. */
extern int duk_hooks_prelude_noctor;

/* Makes the function at idx one `new` refuses and IsConstructor denies, as
 * a built-in method is (guest/rtnative.c's Array method dispatchers). */
void duk_hooks_make_method(void *thr, int idx);

/* String to number, correctly rounded by the C library and faster than
 * Duktape's Dragon4 on bignums (patch-duktape.py, "numconv-libc-parse"):
 * the decimal literal s[0..n) Duktape's parser accepted (digits, at most
 * one '.', an exponent with digits; no sign, no white space) as the
 * nearest double, by strtod(3) (glibc rounds correctly; the guest never
 * sets a locale, so '.' is the radix point). False, leaving *out alone,
 * when it is longer than the hook takes: Dragon4 then parses it. */
bool duk_hooks_str2num_decimal(const char *s, size_t n, double *out);

/* 1 when the value at idx is an Array (an Array exotic object: never a
 * Proxy) whose `constructor`, found along its prototype chain, is a data
 * property holding the intrinsic Array, with no Proxy on the way: reading
 * it runs no code. 0 otherwise, or when unsure (a virtual property, a
 * chain past the engine's sanity limit). For the runtime's choice between
 * Duktape's native map/filter/... and its ArraySpeciesCreate steps
 * (guest/rtnative.c, array.js plainSpecies); defined in duktape.c (patch
 * "array-ctor-intrinsic"), beside the own-property lookup it uses. thr is
 * the duk_context *. */
int duk_hooks_array_ctor_intrinsic(void *thr, int idx);
