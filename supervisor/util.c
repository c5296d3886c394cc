/* util: see util.h. */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

int util_stop_signalfd(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGHUP);
	sigprocmask(SIG_BLOCK, set, NULL);
	return signalfd(-1, set, SFD_NONBLOCK | SFD_CLOEXEC);
}

int util_read_into(int fd, char *buf, size_t cap, size_t *len)
{
	size_t n = 0;
	if (cap == 0)
		return -EFBIG;
	for (;;) {
		/* One byte past the data's room tells "fits exactly" from "too big". */
		char extra;
		char *dst = n + 1 < cap ? buf + n : &extra;
		size_t room = n + 1 < cap ? cap - 1 - n : 1;
		ssize_t r = read(fd, dst, room);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -errno;
		if (r == 0)
			break;
		if (dst == &extra)
			return -EFBIG;
		n += (size_t)r;
	}
	buf[n] = '\0';
	*len = n;
	return 0;
}

int util_read_alloc(int fd, size_t max, bool sensitive, char **out, size_t *len)
{
	*out = NULL;
	*len = 0;
	if (max > SIZE_MAX - 2)
		return -EINVAL;
	size_t cap = sensitive || max < 65536 ? max + 2 : 65536;
	char *buf = malloc(cap);
	if (!buf)
		return -ENOMEM;
	size_t n = 0;
	int r = 0;
	for (;;) {
		if (n + 1 == cap) {
			if (cap >= max + 2) {
				r = -EFBIG;
				break;
			}
			size_t ncap = cap * 2 < max + 2 ? cap * 2 : max + 2;
			char *nb = realloc(buf, ncap);
			if (!nb) {
				r = -ENOMEM;
				break;
			}
			buf = nb;
			cap = ncap;
		}
		ssize_t k = read(fd, buf + n, cap - 1 - n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			r = -errno;
			break;
		}
		if (k == 0)
			break;
		n += (size_t)k;
	}
	if (r == 0 && n > max)
		r = -EFBIG;
	if (r < 0) {
		if (sensitive)
			explicit_bzero(buf, cap);
		free(buf);
		return r;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

int util_read_file_into(const char *path, int extra_flags, char *buf, size_t cap, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | extra_flags);
	if (fd < 0)
		return -errno;
	int r = util_read_into(fd, buf, cap, len);
	close(fd);
	return r;
}

int util_read_file_alloc(const char *path, int extra_flags, size_t max, bool sensitive, char **out, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | extra_flags);
	if (fd < 0)
		return -errno;
	int r = util_read_alloc(fd, max, sensitive, out, len);
	close(fd);
	return r;
}

int util_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

void util_hex_encode(const uint8_t *in, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 15];
	}
	out[2 * n] = '\0';
}

size_t util_utf8_seq(const uint8_t *s, size_t n)
{
	if (n == 0)
		return 0;
	uint8_t c = s[0];
	if (c < 0x80)
		return 1;
	size_t len;
	uint32_t cp, min;
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2, cp = c & 0x1f, min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3, cp = c & 0x0f, min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4, cp = c & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t k = 1; k < len; k++) {
		if ((s[k] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[k] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

void util_utf8_scrub(char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t k = util_utf8_seq((const uint8_t *)s + i, n - i);
		if (k == 0) {
			s[i++] = '?';
			continue;
		}
		i += k;
	}
}
