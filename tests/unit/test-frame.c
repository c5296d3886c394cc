/* Unit tests for common/frame.c: the length-prefixed codec. */
#include <errno.h>

#include "frame.h"
#include "msgtype.h"
#include "tap.h"

static void put(struct frame_reader *r, const char *payload)
{
	uint8_t hdr[4];
	size_t n = strlen(payload);
	frame_encode_header(hdr, n);
	frame_reader_feed(r, hdr, 4);
	frame_reader_feed(r, payload, n);
}

int main(void)
{
	struct frame_reader r;
	const uint8_t *p;
	size_t n;

	frame_reader_init(&r, 64);
	TAP_EQ_INT(frame_reader_next(&r, &p, &n), 0, "empty reader has no frame");
	put(&r, "{\"t\":\"ready\"}");
	put(&r, "{}");
	TAP_EQ_INT(frame_reader_next(&r, &p, &n), 1, "first frame complete");
	tap_ok(n == 13 && memcmp(p, "{\"t\":\"ready\"}", 13) == 0, "first payload intact");
	TAP_EQ_INT(frame_reader_next(&r, &p, &n), 1, "second frame complete");
	TAP_EQ_INT(n, 2, "second payload length");
	TAP_EQ_INT(frame_reader_next(&r, &p, &n), 0, "no third frame");
	frame_reader_finish(&r);

	/* Byte-at-a-time delivery must reassemble the same frame. */
	frame_reader_init(&r, 64);
	const uint8_t stream[] = {0, 0, 0, 3, 'a', 'b', 'c'};
	int got = 0;
	for (size_t i = 0; i < sizeof(stream); i++) {
		size_t room = frame_reader_room(&r);
		tap_ok(room > 0 || i == sizeof(stream), "room while partial (byte %zu)", i);
		*frame_reader_tail(&r) = stream[i];
		frame_reader_commit(&r, 1);
		got += frame_reader_next(&r, &p, &n) == 1;
	}
	TAP_EQ_INT(got, 1, "byte-wise stream yields one frame");
	frame_reader_finish(&r);

	/* A header declaring more than the limit is refused before any payload
	 * is buffered: the regression that matters for a hostile guest. */
	frame_reader_init(&r, 64);
	const uint8_t huge[] = {0xff, 0xff, 0xff, 0xff};
	TAP_EQ_INT(frame_reader_feed(&r, huge, 4), 0, "header alone is accepted into the buffer");
	TAP_EQ_INT(frame_reader_next(&r, &p, &n), -EMSGSIZE, "4 GiB header rejected");
	TAP_EQ_INT(frame_reader_room(&r), 0, "no room offered after oversized header");
	tap_ok(r.cap <= 4 + 64 + 65536, "buffer stayed bounded (%zu bytes)", r.cap);
	frame_reader_finish(&r);

	frame_reader_init(&r, 64);
	const uint8_t edge[] = {0, 0, 0, 64};
	frame_reader_feed(&r, edge, 4);
	TAP_EQ_INT(frame_reader_next(&r, &p, &n), 0, "frame at exactly the limit waits for payload");
	const uint8_t over[] = {0, 0, 0, 65};
	frame_reader_finish(&r);
	frame_reader_init(&r, 64);
	frame_reader_feed(&r, over, 4);
	TAP_EQ_INT(frame_reader_next(&r, &p, &n), -EMSGSIZE, "limit + 1 rejected");
	frame_reader_finish(&r);

	uint8_t hdr[4];
	TAP_EQ_INT(frame_encode_header(hdr, FRAME_PAYLOAD_CEILING + 1ull), -EMSGSIZE, "encoder refuses above ceiling");
	TAP_EQ_INT(frame_encode_header(hdr, 0x01020304), 0, "encoder accepts normal size");
	tap_ok(hdr[0] == 1 && hdr[1] == 2 && hdr[2] == 3 && hdr[3] == 4, "big-endian header");
	frame_reader_finish(NULL);
	/* the catalogue: every name round-trips, for both protocols */
	int round = 0;
	for (int t = MSG_INVALID + 1; t < MSG__COUNT; t++)
		round += msgtype_from_name(msgtype_name(t), strlen(msgtype_name(t))) == (enum msgtype)t;
	TAP_EQ_INT(round, MSG__COUNT - 1, "every guest message type round-trips");
	round = 0;
	for (int t = HOSTMSG_INVALID + 1; t < HOSTMSG__COUNT; t++)
		round += hostmsg_from_name(hostmsg_name(t), strlen(hostmsg_name(t))) == (enum hostmsg)t;
	TAP_EQ_INT(round, HOSTMSG__COUNT - 1, "every host message type round-trips");
	TAP_EQ_INT(hostmsg_from_name("tool", 4), HOSTMSG_INVALID, "a guest type is not a host type");
	tap_ok(hostmsg_name(HOSTMSG_INVALID) == NULL, "no name for INVALID");
	return tap_done();
}
