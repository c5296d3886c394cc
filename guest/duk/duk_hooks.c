/* duk_hooks: see duk_hooks.h. */
#include "duk_hooks.h"

#include <errno.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

/* EX_SOFTWARE: an internal error, distinct from the guest's protocol exits. */
#define DUK_HOOKS_EXIT_FATAL 70

void duk_hooks_fatal(void *udata, const char *msg)
{
	static const char pre[] = "codecell-guest: fatal Duktape error: ";
	(void)udata;
	if (!msg)
		msg = "(no message)";
	/* Plain write(2): no stdio buffers, no allocation, works under seccomp. */
	ssize_t r = write(2, pre, sizeof(pre) - 1);
	r = write(2, msg, strlen(msg));
	r = write(2, "\n", 1);
	(void)r;
	_exit(DUK_HOOKS_EXIT_FATAL);
}

uintptr_t duk_hooks_immortal_lo, duk_hooks_immortal_len;
int duk_hooks_prelude_noctor;

void duk_hooks_set_immortal(const void *lo, const void *hi)
{
	duk_hooks_immortal_lo = (uintptr_t)lo;
	duk_hooks_immortal_len = hi > lo ? (uintptr_t)hi - (uintptr_t)lo : 0;
}

/* 64 words per getrandom(2) call keeps Math.random-heavy loops from making a
 * syscall per number while holding only 512 bytes. */
#define RANDOM_POOL_WORDS 64

static uint64_t pool[RANDOM_POOL_WORDS];
static unsigned avail;

void duk_hooks_random_reset(void)
{
	avail = 0;
}

double duk_hooks_random_double(void *udata)
{
	(void)udata;
	if (avail == 0) {
		size_t got = 0;
		while (got < sizeof(pool)) {
			ssize_t n = getrandom((uint8_t *)pool + got, sizeof(pool) - got, 0);
			if (n < 0) {
				if (errno == EINTR)
					continue;
				duk_hooks_fatal(NULL, "getrandom failed");
			}
			got += (size_t)n;
		}
		avail = RANDOM_POOL_WORDS;
	}
	uint64_t w = pool[--avail];
	/* The top 53 bits fill a double's mantissa exactly. */
	return (double)(w >> 11) * (1.0 / 9007199254740992.0);
}

/* ---- the bytes tag of the tool bridge's JSON ---- */

#include "duktape.h"

int duk_hooks_json_bytes;

bool duk_hooks_json_key_reserved(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && s[i] == '$')
		i++;
	return i > 0 && n - i == 5 && memcmp(s + i, "bytes", 5) == 0;
}

void duk_hooks_json_bytes_base64(void *thr)
{
	duk_context *ctx = thr;
	duk_size_t n = 0;
	/* A view's own bytes (its offset and length); a detached buffer has
	 * none. */
	const void *p = duk_get_buffer_data(ctx, -1, &n);
	void *copy = duk_push_fixed_buffer(ctx, n);
	if (n)
		memcpy(copy, p, n);
	duk_base64_encode(ctx, -1);
}

bool duk_hooks_str2num_decimal(const char *s, size_t n, double *out)
{
	/* Longer literals are rare and Dragon4 parses them (truncating past
	 * 20 significant digits, as ES allows). */
	char buf[64];
	if (n == 0 || n >= sizeof(buf))
		return false;
	memcpy(buf, s, n);
	buf[n] = 0;
	char *end;
	double v = strtod(buf, &end);
	if (end != buf + n)
		return false;
	*out = v;
	return true;
}
