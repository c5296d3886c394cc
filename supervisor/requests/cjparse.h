/* cjparse: cJSON's parser for the JSON other writers produce. RFC 8259
 * (§7, §8.2) allows a \u escape of an unpaired UTF-16 surrogate, and
 * JavaScript's JSON.stringify writes one for every string holding a lone
 * surrogate (a title cut in the middle of an emoji, a tool's reply that was
 * truncated); cJSON refuses the whole document for it. These parse such
 * text with each unpaired-surrogate escape read as U+FFFD, the character a
 * well-formed UTF-8 conversion puts there, and leave the caller's bytes
 * alone, so a raw span of the same text (jsonraw) still carries the escape
 * exactly. Every cJSON parse of untrusted text goes through here.
 * Runs in: supervisor. Input: untrusted host lines and MCP messages (guest
 * frames are read by jsonraw in guestmsg.c, never by cJSON). Allocates
 * only the parsed tree and, when a rewrite is needed, a temporary copy of
 * the text. */
#pragma once

#include <cjson/cJSON.h>
#include <stddef.h>

/* The one JSON value that is the whole of text[0..len) (whitespace around
 * it allowed), or NULL: malformed text or out of memory. */
cJSON *cjparse(const char *text, size_t len);

/* As cJSON_ParseWithLengthOpts without requiring the end: the value at the
 * start of text[0..len); *end is the offset just past it. On failure NULL,
 * with *err_at the offset cJSON stopped at (0 when out of memory). */
cJSON *cjparse_prefix(const char *text, size_t len, size_t *end, size_t *err_at);

/* Rewrites, in place, every \u escape of an unpaired surrogate in
 * buf[0..len) to \ufffd (the same six bytes long, so offsets stay put).
 * An escaped backslash is stepped over whole, so "\\ud83d" is left as the
 * text it is. Returns how many escapes were rewritten. Pure. */
size_t cjparse_fix_lone(char *buf, size_t len);

/* How many escapes cjparse_fix_lone would rewrite in buf[0..len) (0: none). */
size_t cjparse_count_lone(const char *buf, size_t len);
