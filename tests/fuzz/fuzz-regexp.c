/* fuzz-regexp: the RegExp engine on arbitrary patterns, flags and subjects:
 * compile, then match from every start index, and check that every
 * reported span lies inside the subject (group 0 also ordered). Subjects
 * are short so that exponential patterns stay fast.
 * Runs in: libFuzzer, or tests/fuzz/replay.c over tests/fuzz/corpus-regexp.
 * Input: bytes "FLAGS\nPATTERN\nSUBJECT" (UTF-8 read as Latin-1 code units:
 * any byte string is a valid input). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "regexp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Longer inputs only slow the fuzzer; limits are covered by unit tests. */
#define FUZZ_MAX_INPUT (4u << 10)
/* Every start index is tried: keep the subject short. */
#define FUZZ_MAX_SUBJECT 64u

static size_t widen(const uint8_t *s, size_t n, uint16_t *out)
{
	for (size_t i = 0; i < n; i++)
		out[i] = s[i] == 0x01 ? 0xd83d : s[i] == 0x02 ? 0xde00 : s[i]; /* bytes 1, 2: a surrogate pair */
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > FUZZ_MAX_INPUT)
		return 0;
	const uint8_t *nl1 = memchr(data, '\n', size);
	if (!nl1)
		return 0;
	const uint8_t *pat = nl1 + 1;
	const uint8_t *nl2 = memchr(pat, '\n', size - (size_t)(pat - data));
	size_t plen = nl2 ? (size_t)(nl2 - pat) : size - (size_t)(pat - data);
	const uint8_t *subj = nl2 ? nl2 + 1 : pat + plen;
	size_t slen = size - (size_t)(subj - data);
	if (slen > FUZZ_MAX_SUBJECT)
		slen = FUZZ_MAX_SUBJECT;
	static uint16_t f[16], p[FUZZ_MAX_INPUT], s[FUZZ_MAX_INPUT];
	size_t fl = (size_t)(nl1 - data);
	if (fl > 16)
		return 0;
	unsigned flags;
	if (regexp_parse_flags(f, widen(data, fl, f), &flags) < 0)
		return 0;
	struct regexp_prog prog;
	char err[REGEXP_ERRLEN];
	if (regexp_compile(p, widen(pat, plen, p), flags, &prog, err) != 0)
		return 0;
	size_t n = widen(subj, slen, s);
	struct regexp_state st = {0};
	int32_t *caps = malloc(2 * (size_t)regexp_ncaptures(prog.words) * sizeof *caps);
	for (size_t i = 0; caps && i <= n; i++) {
		int r = regexp_exec(prog.words, s, n, i, caps, &st);
		if (r == 1) {
			if (caps[0] < 0 || caps[0] > caps[1] || (size_t)caps[1] > n)
				abort();
			for (unsigned g = 1; g < regexp_ncaptures(prog.words); g++)
				if ((caps[2 * g] < 0) != (caps[2 * g + 1] < 0) ||
				    (caps[2 * g] >= 0 && ((size_t)caps[2 * g] > n || (size_t)caps[2 * g + 1] > n)))
					abort();
		}
		if (r < 0)
			break;
	}
	free(caps);
	regexp_state_finish(&st);
	free(prog.words);
	return 0;
}
