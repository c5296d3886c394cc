/* frame: 4-byte big-endian length prefix + payload, the wire format between
 * supervisor and guest. One source, linked into both binaries.
 * Runs in: supervisor and guest. Input: bytes from the peer; in the supervisor
 * those bytes come from an untrusted guest, so every length is checked against
 * the reader's limit before anything is allocated. Pure: no I/O. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#define FRAME_HEADER_BYTES 4
/* Absolute ceiling on a payload, whatever a policy asks for: 64 MiB keeps a
 * 32-bit length comfortably in size_t arithmetic and bounds a single buffer. */
#define FRAME_PAYLOAD_CEILING (64u << 20)

struct frame_reader {
	uint8_t *buf;       /* owned; grows up to FRAME_HEADER_BYTES + max_payload */
	size_t len;         /* bytes buffered */
	size_t cap;         /* bytes allocated */
	size_t consumed;    /* bytes of buf already handed out by frame_reader_next */
	size_t max_payload; /* frames declaring more are an error */
};

/* Embedded init/finish: finish frees the buffer and accepts a zeroed reader. */
void frame_reader_init(struct frame_reader *r, size_t max_payload);
void frame_reader_finish(struct frame_reader *r);

/* Room the reader can take right now without exceeding its bound; the caller
 * reads at most that many bytes into frame_reader_tail(). Returns 0 when a
 * whole frame is buffered and must be taken with frame_reader_next first. */
size_t frame_reader_room(struct frame_reader *r);
uint8_t *frame_reader_tail(struct frame_reader *r);
/* Declares n bytes written at frame_reader_tail(). */
void frame_reader_commit(struct frame_reader *r, size_t n);

/* Copies n bytes in (used by fuzzers and tests). Returns 0, or -EMSGSIZE if a
 * frame header in the stream declares more than max_payload, or -ENOMEM. */
int frame_reader_feed(struct frame_reader *r, const void *data, size_t n);

/* Takes the next complete frame. Returns 1 and sets *payload and *len (valid
 * until the next call on r); 0 when no complete frame is buffered yet;
 * -EMSGSIZE when the pending header declares more than max_payload (the
 * stream is then unusable: the session must end). */
int frame_reader_next(struct frame_reader *r, const uint8_t **payload, size_t *len);

/* Fills hdr for a payload of len bytes; -EMSGSIZE above the ceiling. */
int frame_encode_header(uint8_t hdr[FRAME_HEADER_BYTES], size_t len);
