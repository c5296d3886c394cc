/* Unit tests for guest/heapcap.c (the capped Duktape allocator) and
 * guest/jsonout.c (strict UTF-8 for frames).
 * Runs in: test binary. Input: none. */
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "heapcap.h"
#include "jsonout.h"
#include "tap.h"

#define MiB (1u << 20)

static void test_accounting(void)
{
	struct heapcap h;
	heapcap_init(&h, 8 * MiB);
	TAP_EQ_INT(h.reserve, MiB, "reserve is an eighth of the cap");
	void *a = heapcap_alloc(&h, 1000);
	tap_ok(a != NULL, "small alloc succeeds");
	size_t one = h.used;
	tap_ok(one == malloc_usable_size(a) && one >= 1000 && one < 1000 + 24,
	       "used counts the block as malloc sizes it, no header (%zu)", one);
	a = heapcap_realloc(&h, a, 5000);
	size_t five = a ? malloc_usable_size(a) : 0;
	tap_ok(a != NULL && h.used == five && five >= 5000, "realloc counts the grown block");
	a = heapcap_realloc(&h, a, 10);
	tap_ok(a != NULL && h.used == malloc_usable_size(a) && h.used < one, "realloc shrink lowers the count");
	TAP_EQ_INT(h.peak, five, "peak remembers the high-water mark");
	tap_ok(heapcap_realloc(&h, a, 0) == NULL && h.used == 0, "realloc to 0 frees");
	heapcap_free(&h, NULL);
	TAP_EQ_INT(h.used, 0, "free(NULL) is a no-op");
	void *z = heapcap_alloc(&h, 0);
	tap_ok(z != NULL, "zero-size alloc gives a block");
	heapcap_free(&h, z);
	TAP_EQ_INT(h.used, 0, "everything returned");
	tap_ok(!h.hit, "cap not hit yet");
}

static void test_cap(void)
{
	struct heapcap h;
	heapcap_init(&h, 8 * MiB);
	void *big = heapcap_alloc(&h, 6 * MiB);
	tap_ok(big != NULL, "6 MiB fits under the soft limit (7 MiB)");
	tap_ok(heapcap_alloc(&h, 2 * MiB) == NULL && h.hit, "a large alloc past the soft limit fails and sets hit");
	size_t before = h.used;
	tap_ok(heapcap_realloc(&h, big, 7 * MiB + 100) == NULL && h.used == before,
	       "a failed realloc leaves the block and count alone");
	/* Small allocations may use the reserve up to the hard cap. */
	void *smalls[200];
	int n = 0;
	while (n < 200 && (smalls[n] = heapcap_alloc(&h, 8000)) != NULL)
		n++;
	tap_ok(n == 200, "small allocs (error handling) use the reserve (%d)", n);
	size_t got = 0;
	void *p;
	void *more[1000];
	int m = 0;
	while (m < 1000 && (p = heapcap_alloc(&h, 8000)) != NULL) {
		more[m++] = p;
		got += 8000;
	}
	tap_ok(m < 1000 && h.used <= h.max, "small allocs stop at the hard cap (used %zu <= max %zu)", h.used, h.max);
	while (m > 0)
		heapcap_free(&h, more[--m]);
	while (n > 0)
		heapcap_free(&h, smalls[--n]);
	heapcap_free(&h, big);
	TAP_EQ_INT(h.used, 0, "all freed");
	tap_ok(heapcap_alloc(&h, SIZE_MAX - 4) == NULL, "a size that would overflow the count is refused");
	struct heapcap u;
	heapcap_init(&u, 0);
	void *q = heapcap_alloc(&u, 32 * MiB);
	tap_ok(q != NULL && !u.hit, "max 0 means no cap");
	heapcap_free(&u, q);
}

/* A template's run child: blocks in the frozen range are counted as freed
 * but never handed back to malloc (which would write its links into them,
 * a copy-on-write fault of the template's page), and a resize copies. */
static void test_frozen(void)
{
	struct heapcap h;
	heapcap_init(&h, 8 * MiB);
	unsigned char *a = heapcap_alloc(&h, 256), *b = heapcap_alloc(&h, 100);
	if (!a || !b) {
		tap_ok(0, "frozen: allocations");
		return;
	}
	memset(a, 0xA5, 256);
	memset(b, 0x5A, 100);
	size_t used = h.used;
	/* The range covers both blocks. */
	unsigned char *lo = a < b ? a : b, *hi = a + 256 > b + 100 ? a + 256 : b + 100;
	size_t size_a = malloc_usable_size(a), size_b = malloc_usable_size(b);
	heapcap_freeze(&h, lo, hi, NULL);
	unsigned char want_a[256], want_b[100];
	memset(want_a, 0xA5, sizeof want_a);
	memset(want_b, 0x5A, sizeof want_b);

	heapcap_free(&h, a);
	tap_ok(h.used == used - size_a && memcmp(a, want_a, sizeof want_a) == 0,
	       "frozen: a freed block is counted as freed and left untouched");
	size_t used_b = h.used;
	unsigned char *nb = heapcap_realloc(&h, b, 4000);
	tap_ok(nb && nb != b && memcmp(nb, want_b, sizeof want_b) == 0 && memcmp(b, want_b, sizeof want_b) == 0,
	       "frozen: a grown block is copied to a new one, the old one untouched");
	tap_ok(nb && h.used == used_b - size_b + malloc_usable_size(nb), "frozen: the resize counts the new size only");
	unsigned char *sb = heapcap_realloc(&h, nb, 10);
	tap_ok(sb && sb[0] == 0x5A && sb[9] == 0x5A, "frozen: a block outside the range resizes as before");
	/* Shrinking a frozen block copies only what fits. */
	unsigned char *c = heapcap_alloc(&h, 64);
	memset(c, 7, 64);
	heapcap_freeze(&h, c, c + 64, NULL);
	unsigned char *nc = heapcap_realloc(&h, c, 8);
	tap_ok(nc && nc != c && nc[0] == 7 && nc[7] == 7 && c[63] == 7, "frozen: a shrunk block is copied too");
	heapcap_free(&h, sb);
	heapcap_free(&h, nc);
	tap_ok(h.used == 0, "frozen: every live byte is accounted for at the end");
	/* The frozen blocks stay allocated, by design; thawed, they go back
	 * to malloc (the count is done with: it would go below zero). */
	heapcap_freeze(&h, NULL, NULL, NULL);
	heapcap_free(&h, a);
	heapcap_free(&h, b);
	heapcap_free(&h, c);
}

static void check_utf8(const char *in, size_t n, const char *want, size_t wn, const char *name)
{
	char out[64];
	size_t k = jsonout_utf8(in, n, out);
	tap_ok(k == wn && memcmp(out, want, wn) == 0, "jsonout: %s", name);
}

static void test_jsonout(void)
{
	check_utf8("\"abc\"", 5, "\"abc\"", 5, "ASCII unchanged");
	check_utf8("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 9, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 9,
	           "valid UTF-8 unchanged");
	check_utf8("\xed\xa0\xbd\xed\xb8\x80", 6, "\xf0\x9f\x98\x80", 4,
	           "CESU-8 surrogate pair becomes one 4-byte sequence");
	check_utf8("a\xed\xa0\x80z", 5, "a\\ud800z", 8, "lone high surrogate becomes its JSON escape");
	check_utf8("\xed\xb0\x80", 3, "\\udc00", 6, "lone low surrogate becomes its JSON escape");
	check_utf8("\xed\xa0\xbd\xed\xa0\xbd\xed\xb8\x80", 9, "\\ud83d\xf0\x9f\x98\x80", 10,
	           "a high surrogate before a pair is lone, the pair one character");
	check_utf8("\xed\xb8\x80\xed\xa0\xbd", 6, "\\ude00\\ud83d", 12, "a low before a high is no pair");
	check_utf8("\xff", 1, "\xef\xbf\xbd", 3, "stray byte becomes U+FFFD (max growth)");
	check_utf8("\xc0\xaf", 2, "\xef\xbf\xbd\xef\xbf\xbd", 6, "overlong form rejected");
	check_utf8("\xe2\x82", 2, "\xef\xbf\xbd\xef\xbf\xbd", 6, "truncated sequence rejected");
	char q[64];
	size_t k = jsonout_quote("a\"b\\c\n\xc3", 7, q);
	q[k] = '\0';
	TAP_EQ_STR(q, "\"a\\\"b\\\\c\\u000a\\u00c3\"", "jsonout_quote escapes quotes, controls, high bytes");
}

int main(void)
{
	test_accounting();
	test_cap();
	test_frozen();
	test_jsonout();
	return tap_done();
}
