/* duk_radix: Number.prototype.toString(radix) for radixes other than 10,
 * with V8's digits (patch-duktape.py, "number-tostring-radix").
 * Runs in: guest (and the build-time js2bc tool). Input: any double from
 * user code, a radix 2..36 the caller checked. */
#pragma once

/* Work buffer size. The text is built outwards from the middle: integer
 * digits to the left (at most 1024 for 2^1024 in radix 2, and a sign),
 * fraction digits to the right (at most 1075: the precision bound starts
 * at no less than 2^-1074 and grows by the radix, at least 2, per digit,
 * so it passes 1 by then), plus the point and the terminator. Half of
 * 2200 holds either side with room to spare. */
#define DUK_RADIX_BUFSIZE 2200

/* The digits of v in radix (2..36) as node 20 prints them: "NaN",
 * "Infinity", "-Infinity", "0" for either zero; otherwise the integer part
 * exactly, then as many fraction digits as v's precision carries (half the
 * gap to the next double up), the last one rounded half to even with the
 * carry propagated. Mirrors V8's DoubleToRadixCString
 * (src/numbers/conversions.cc) step for step, every rounding included,
 * because programs compare these strings. Returns a NUL-terminated string
 * inside buf; no allocation. */
const char *duk_radix_format(double v, int radix, char buf[DUK_RADIX_BUFSIZE]);
