/* ustr: see ustr.h. */
#include "ustr.h"

size_t ustr_to_utf16(const uint8_t *s, size_t n, uint16_t *out)
{
	size_t i = 0, o = 0;
	while (i < n) {
		uint8_t b = s[i];
		uint32_t cp;
		size_t len;
		if (b < 0x80) {
			cp = b;
			len = 1;
		} else if (b >= 0xc0 && b < 0xe0) {
			cp = b & 0x1f;
			len = 2;
		} else if (b >= 0xe0 && b < 0xf0) {
			cp = b & 0x0f;
			len = 3;
		} else if (b >= 0xf0 && b < 0xf8) {
			cp = b & 0x07;
			len = 4;
		} else {
			out[o++] = 0xfffd;
			i++;
			continue;
		}
		if (i + len > n) {
			out[o++] = 0xfffd;
			i++;
			continue;
		}
		size_t k;
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				break;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if (k < len || cp > 0x10ffff) {
			out[o++] = 0xfffd;
			i++;
			continue;
		}
		i += len;
		if (cp > 0xffff) {
			cp -= 0x10000;
			out[o++] = (uint16_t)(0xd800 + (cp >> 10));
			out[o++] = (uint16_t)(0xdc00 + (cp & 0x3ff));
		} else {
			out[o++] = (uint16_t)cp;
		}
	}
	return o;
}

size_t ustr_to_cesu8(const uint16_t *u, size_t n, uint8_t *out)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		uint16_t c = u[i];
		if (c < 0x80) {
			out[o++] = (uint8_t)c;
		} else if (c < 0x800) {
			out[o++] = (uint8_t)(0xc0 | (c >> 6));
			out[o++] = (uint8_t)(0x80 | (c & 0x3f));
		} else {
			out[o++] = (uint8_t)(0xe0 | (c >> 12));
			out[o++] = (uint8_t)(0x80 | ((c >> 6) & 0x3f));
			out[o++] = (uint8_t)(0x80 | (c & 0x3f));
		}
	}
	return o;
}
