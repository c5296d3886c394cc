/* test-ustr: the guest's Duktape-string <-> UTF-16 conversion for ICU.
 * Runs in: test binary. Input: fixed byte strings. */
#include <stdint.h>
#include <string.h>

#include "tap.h"
#include "ustr.h"

static int u16_eq(const uint8_t *in, size_t n, const uint16_t *want, size_t wn)
{
	uint16_t out[64];
	size_t m = ustr_to_utf16(in, n, out);
	return m == wn && memcmp(out, want, wn * sizeof(uint16_t)) == 0;
}

int main(void)
{
	static const uint8_t ascii[] = "a1";
	tap_ok(u16_eq(ascii, 2, (const uint16_t[]){'a', '1'}, 2), "ASCII is one unit per byte");
	static const uint8_t e_acute[] = {0xc3, 0xa9};
	tap_ok(u16_eq(e_acute, 2, (const uint16_t[]){0xe9}, 1), "two-byte sequence");
	/* CESU-8 pair: how Duktape stores U+1F600 built from "\ud83d\ude00". */
	static const uint8_t cesu[] = {0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80};
	tap_ok(u16_eq(cesu, 6, (const uint16_t[]){0xd83d, 0xde00}, 2), "CESU-8 surrogates stay two units");
	static const uint8_t utf8[] = {0xf0, 0x9f, 0x98, 0x80};
	tap_ok(u16_eq(utf8, 4, (const uint16_t[]){0xd83d, 0xde00}, 2), "four-byte UTF-8 becomes a pair");
	static const uint8_t lone[] = {0xed, 0xa0, 0xbd, 'x'};
	tap_ok(u16_eq(lone, 4, (const uint16_t[]){0xd83d, 'x'}, 2), "a lone surrogate is kept as JS sees it");
	static const uint8_t trunc[] = {'a', 0xe2, 0x82};
	tap_ok(u16_eq(trunc, 3, (const uint16_t[]){'a', 0xfffd, 0xfffd}, 3),
	       "truncated sequence gives U+FFFD per byte");
	static const uint8_t bad[] = {0xff, 0x80, 'z'};
	tap_ok(u16_eq(bad, 3, (const uint16_t[]){0xfffd, 0xfffd, 'z'}, 3), "invalid lead and stray continuation");
	uint8_t out[16];
	size_t m = ustr_to_cesu8((const uint16_t[]){'A', 0xe9, 0x20ac, 0xd83d, 0xde00}, 5, out);
	static const uint8_t want[] = {'A', 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80};
	tap_ok(m == sizeof(want) && memcmp(out, want, m) == 0, "UTF-16 to CESU-8, one sequence per unit");
	uint16_t back[16];
	tap_ok(ustr_to_utf16(out, m, back) == 5 && back[3] == 0xd83d && back[4] == 0xde00, "round trip");
	return tap_done();
}
