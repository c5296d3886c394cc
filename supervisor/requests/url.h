/* url: a strict parser for the http(s) URLs a guest asks to fetch and the
 * Location headers servers answer with, producing the canonical form that
 * policy is matched against and that curl is given (so both see one URL).
 * Runs in: supervisor. Input: untrusted URL text from guest frames and from
 * remote servers. Pure: no I/O. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "netaddr.h"

/* DNS caps a name at 253 bytes; a bracketed IPv6 literal is shorter. */
#define URL_HOST_MAX 255
/* Longest URL text accepted, in or out (percent-encoding may grow a path up
 * to 3x, so the output bound is checked again after encoding). */
#define URL_MAX 8192

struct url {
	char scheme[6];              /* "http" or "https" */
	char host[URL_HOST_MAX + 1]; /* lower-case name without trailing dot,
	                              * "127.0.0.1", or "[::1]" */
	bool host_is_ip;
	struct netaddr addr; /* when host_is_ip */
	uint16_t port;       /* explicit or the scheme's default */
	char *path;          /* owned: "/a/b?q=1", dot segments removed,
	                             * percent-encoded, fragment dropped */
};

/* Parses an absolute http or https URL. Returns 0 (free with url_free), or
 * -EINVAL (malformed; *why says how), -EPROTONOSUPPORT (another scheme),
 * -ENAMETOOLONG. *why is a static string. */
int url_parse(const char *s, size_t n, struct url *out, const char **why);

/* Resolves a reference (a Location header value) against base, RFC 3986
 * style; same returns as url_parse. */
int url_resolve(const struct url *base, const char *ref, size_t n, struct url *out, const char **why);

/* "scheme://host[:port]/path?query", the port shown when not the default.
 * Returns a malloc'd string or NULL on ENOMEM. */
char *url_format(const struct url *u);

/* The path without its query, length in *len (points into u->path). */
const char *url_path_only(const struct url *u, size_t *len);

/* Frees u->path. Accepts a zeroed url. */
void url_free(struct url *u);
