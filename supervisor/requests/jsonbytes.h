/* jsonbytes: how binary data crosses the JSON frames: as a UTF-8 string when
 * it is valid UTF-8 without NUL bytes, else as base64, with an encoding field
 * ("utf8" or "base64") saying which. Shared by fsops and fetch.
 * Runs in: supervisor. Input: untrusted base64 text from guest frames, and
 * untrusted bytes from files and servers. Pure: no I/O. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

/* Bytes of base64 text for n bytes of data, without the NUL. */
#define JSONBYTES_B64_LEN(n) ((((n) + 2) / 3) * 4)

/* True when s[0..n) is well-formed UTF-8 (no overlongs, surrogates or
 * code points above U+10FFFF) and has no NUL byte (cJSON strings are C strings). */
bool jsonbytes_is_utf8(const uint8_t *s, size_t n);

/* Standard base64 with padding into a malloc'd NUL-terminated string. */
char *jsonbytes_b64_encode(const uint8_t *data, size_t n);

/* Decodes standard base64 (padding optional, no whitespace). Returns 0 with
 * *out malloc'd (caller frees; never NULL on success) and *n, -EINVAL on a bad
 * character or length, -ENOMEM. */
int jsonbytes_b64_decode(const char *s, size_t len, uint8_t **out, size_t *n);

/* Adds data under key and "<enckey>": "utf8" or "base64" to obj; base64 when
 * force_b64, when the data is not text, or when escaping would make the text
 * longer than base64: the JSON never exceeds JSONBYTES_B64_LEN(n) + 2 bytes
 * for the value. Returns 0 or -ENOMEM. */
int jsonbytes_add(cJSON *obj, const char *key, const char *enckey, const uint8_t *data, size_t n, bool force_b64);

/* Reads a string field key whose encoding is named by field enckey (absent =
 * "utf8") into *out (malloc'd, may be empty) and *n. Returns 0, -ENOENT when
 * key is absent or null, -EPROTO for a wrong type or unknown encoding,
 * -EINVAL for bad base64, -ENOMEM. */
int jsonbytes_get(const cJSON *obj, const char *key, const char *enckey, uint8_t **out, size_t *n);
