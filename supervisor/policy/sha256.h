/* sha256: FIPS 180-4 SHA-256, for policy and code hashes in the audit log.
 * Runs in: supervisor. Input: any bytes (pure function, no I/O). */
#pragma once

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t h[8];
	uint64_t len; /* bytes hashed so far */
	uint8_t buf[64];
	size_t n; /* bytes in buf */
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t len);
void sha256_final(struct sha256 *c, uint8_t out[32]);
/* One-shot helper: lowercase hex digest of data[0..len) into out (NUL-terminated). */
void sha256_hex(const void *data, size_t len, char out[65]);
