/* fuzz-frame: the supervisor's decoding of untrusted guest bytes, end to
 * end: framing (common/frame.c) then message validation (guestmsg.c).
 * Runs in: libFuzzer, or tests/fuzz/replay.c over the committed corpus.
 * Input: arbitrary bytes, as a compromised guest could write them. */
#include <stdint.h>
#include <stdlib.h>

#include "frame.h"
#include "guestmsg.h"

/* Small limit so the fuzzer reaches the "too large" path quickly. */
#define FUZZ_MAX_FRAME 4096

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct frame_reader r;
	frame_reader_init(&r, FUZZ_MAX_FRAME);
	/* Feed in uneven chunks to exercise reassembly. */
	size_t off = 0, chunk = 1;
	while (off < size) {
		size_t k = size - off < chunk ? size - off : chunk;
		if (frame_reader_feed(&r, data + off, k) < 0)
			break;
		off += k;
		chunk = chunk * 3 + 1;
		const uint8_t *p;
		size_t n;
		int got;
		while ((got = frame_reader_next(&r, &p, &n)) == 1) {
			struct guest_msg m;
			char err[256];
			if (guestmsg_parse(p, n, &m, err, sizeof(err)) == 0)
				guestmsg_free(&m);
		}
		if (got < 0)
			break;
	}
	frame_reader_finish(&r);
	return 0;
}
