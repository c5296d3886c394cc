/* fuzz-envelope: the server's decoder of client lines (supervisor/server/
 * envelope.c) on arbitrary bytes, with its promises as invariants: a line
 * it accepts forwards exactly one valid JSON object with no "run",
 * "policy_name" or "limits" member, a run id it reports follows the run id
 * grammar, and the tag of a forwarded line is valid JSON again.
 * Runs in: libFuzzer, or tests/fuzz/replay.c over the committed corpus.
 * Input: arbitrary bytes, as a buggy client could write them. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "envelope.h"
#include "jsonraw.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct envelope e;
	char err[300];
	int r = envelope_decode((const char *)data, size, &e, err, sizeof err);
	if (e.run[0] && !envelope_run_id_ok(e.run, strlen(e.run)))
		abort();
	if (r == 0 && e.fwd) {
		if (e.fwd_len < 3 || e.fwd[e.fwd_len - 1] != '\n' || !jsonraw_valid(e.fwd, e.fwd_len - 1))
			abort();
		struct jsonraw_member m[JSONRAW_MAX_MEMBERS];
		size_t n;
		const char *why;
		if (jsonraw_members(e.fwd, e.fwd_len - 1, m, JSONRAW_MAX_MEMBERS, &n, &why) < 0 ||
		    jsonraw_find(m, n, "run") || jsonraw_find(m, n, "policy_name") || jsonraw_find(m, n, "limits"))
			abort();
		size_t tl;
		char *t = envelope_tag(e.fwd, e.fwd_len - 1, e.run, &tl);
		if (!t || !jsonraw_valid(t, tl - 1))
			abort();
		free(t);
	}
	envelope_free(&e);
	return 0;
}
