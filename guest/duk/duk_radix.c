/* duk_radix: see duk_radix.h. Every step below is a double operation in the
 * order V8 does it: a result is only V8's if each rounding is the same, so
 * the library is built with -ffp-contract=off (a fused multiply-add would
 * skip one; guest/duk/meson.build). */
#include "duk_radix.h"

#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <string.h>

static const char digit_chars[] = "0123456789abcdefghijklmnopqrstuvwxyz";

static int digit_value(char c)
{
	return c > '9' ? c - 'a' + 10 : c - '0';
}

const char *duk_radix_format(double v, int radix, char buf[DUK_RADIX_BUFSIZE])
{
	if (isnan(v))
		return strcpy(buf, "NaN");
	if (isinf(v))
		return strcpy(buf, v < 0 ? "-Infinity" : "Infinity");

	/* The point sits at mid; the text is buf[lo..hi). */
	const int mid = DUK_RADIX_BUFSIZE / 2;
	int lo = mid, hi = mid;
	bool negative = v < 0; /* -0 prints as "0" */
	if (negative)
		v = -v;

	double integer = floor(v);
	double fraction = v - integer;
	/* Digits beyond half the gap to the next double say nothing about v.
	 * The smallest denormal's half gap rounds to 0; the bound never goes
	 * below that denormal, so the loop ends. */
	double delta = 0.5 * (nextafter(v, INFINITY) - v);
	if (!(delta > DBL_TRUE_MIN))
		delta = DBL_TRUE_MIN;

	if (fraction >= delta) {
		buf[hi++] = '.';
		do {
			fraction *= radix;
			delta *= radix;
			int d = (int)fraction;
			buf[hi++] = digit_chars[d];
			fraction -= d;
			/* Round half to even, but only when rounding up stays
			 * within v's precision. */
			if (fraction > 0.5 || (fraction == 0.5 && (d & 1))) {
				if (fraction + delta > 1) {
					/* Add one to the last digit: a digit at
					 * radix-1 is dropped and carries left; a
					 * carry through the point drops it too and
					 * goes to the integer part. */
					for (;;) {
						hi--;
						if (hi == mid) {
							integer += 1;
							break;
						}
						int c = digit_value(buf[hi]);
						if (c + 1 < radix) {
							buf[hi++] = digit_chars[c + 1];
							break;
						}
					}
					break;
				}
			}
		} while (fraction >= delta);
	}

	/* While the quotient is past 2^53 its low digits are below the
	 * double's precision: V8 writes a zero for each division (rounded,
	 * as V8 rounds it) and then the digits of what is left. */
	while (integer / radix >= 0x1p53) {
		integer /= radix;
		buf[--lo] = '0';
	}
	do {
		double r = fmod(integer, radix);
		buf[--lo] = digit_chars[(int)r];
		integer = (integer - r) / radix;
	} while (integer > 0);

	if (negative)
		buf[--lo] = '-';
	buf[hi] = '\0';
	return buf + lo;
}
