/* url: see url.h. Deliberately narrower than WHATWG URL: anything ambiguous
 * between parsers (userinfo, backslashes, percent-encoded hosts, control
 * bytes) is refused rather than interpreted, so the policy check and curl
 * cannot disagree about which host and path a request goes to. */
#include "url.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static char lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* A path segment that means "." or ".." once %2e is read as a dot, as
 * WHATWG URL does. */
static int dot_segment(const char *s, size_t n)
{
	size_t dots = 0;
	for (size_t i = 0; i < n;) {
		if (s[i] == '.') {
			i++;
		} else if (i + 2 < n && s[i] == '%' && s[i + 1] == '2' && lower(s[i + 2]) == 'e') {
			i += 3;
		} else {
			return 0;
		}
		dots++;
	}
	return dots == 1 || dots == 2 ? (int)dots : 0;
}

/* Bytes kept as they are in a path or query; others are percent-encoded.
 * '%' is kept: the guest's existing escapes pass through unchanged. */
static bool path_keep(unsigned char c)
{
	if (c <= 0x20 || c >= 0x7f)
		return false;
	return !strchr("\"<>`{}|^", c);
}

static size_t encode_into(char *buf, const char *s, size_t n)
{
	size_t len = 0;
	for (size_t k = 0; k < n; k++) {
		unsigned char c = (unsigned char)s[k];
		if (path_keep(c))
			buf[len++] = (char)c;
		else
			len += (size_t)sprintf(buf + len, "%%%02X", c);
	}
	return len;
}

/* Writes the path of s[0..n) (starting with '/' or empty) with dot
 * segments removed (RFC 3986 5.2.4) and unsafe bytes encoded, then the
 * query. Curl is told to send the path as is, so what policy matched is
 * exactly what the server receives. */
static int build_path(const char *s, size_t n, char **out, const char **why)
{
	size_t qpos = n;
	const char *q = memchr(s, '?', n);
	if (q)
		qpos = (size_t)(q - s);
	/* Segment starts and lengths; a path of n bytes has at most n/1+1. */
	size_t *seg = malloc((qpos + 1) * 2 * sizeof(size_t));
	/* Worst case: every byte encoded (x3), plus "/" and NUL. */
	char *buf = malloc(3 * n + 3);
	if (!seg || !buf) {
		free(seg);
		free(buf);
		return -ENOMEM;
	}
	size_t nseg = 0;
	bool trailing = false;
	size_t i = (qpos > 0 && s[0] == '/') ? 1 : 0;
	if (qpos > 0) {
		for (;;) {
			size_t start = i;
			while (i < qpos && s[i] != '/')
				i++;
			int d = dot_segment(s + start, i - start);
			bool end = i >= qpos;
			if (d == 2) {
				if (nseg > 0)
					nseg--;
				trailing = end;
			} else if (d == 1) {
				trailing = end;
			} else {
				seg[2 * nseg] = start;
				seg[2 * nseg + 1] = i - start;
				nseg++;
				trailing = false;
			}
			if (end)
				break;
			i++; /* the '/' */
		}
	}
	size_t len = 0;
	buf[len++] = '/';
	for (size_t k = 0; k < nseg; k++) {
		if (k > 0)
			buf[len++] = '/';
		len += encode_into(buf + len, s + seg[2 * k], seg[2 * k + 1]);
	}
	if (trailing && nseg > 0)
		buf[len++] = '/';
	free(seg);
	if (qpos < n)
		len += encode_into(buf + len, s + qpos, n - qpos);
	buf[len] = '\0';
	if (len > URL_MAX) {
		free(buf);
		*why = "URL too long";
		return -ENAMETOOLONG;
	}
	*out = buf;
	return 0;
}

static int parse_host(const char *h, size_t n, struct url *out, const char **why)
{
	if (n == 0) {
		*why = "URL has no host";
		return -EINVAL;
	}
	struct netaddr a;
	int r = netaddr_parse(h, n, &a);
	if (r == -ERANGE) {
		*why = "URL host is not a valid IP address";
		return -EINVAL;
	}
	if (r == 0) {
		out->host_is_ip = true;
		out->addr = a;
		char t[NETADDR_FORMAT_MAX];
		netaddr_format(&a, t, sizeof(t));
		if (a.family == AF_INET)
			snprintf(out->host, sizeof(out->host), "%s", t);
		else
			snprintf(out->host, sizeof(out->host), "[%s]", t);
		return 0;
	}
	if (h[0] == '[') {
		*why = "URL host is not a valid IPv6 address";
		return -EINVAL;
	}
	/* One trailing dot names the same host; drop it so rules match. */
	if (h[n - 1] == '.')
		n--;
	if (n == 0 || n > 253) {
		*why = n ? "URL host name too long" : "URL has no host";
		return -EINVAL;
	}
	size_t label = 0;
	for (size_t i = 0; i < n; i++) {
		char c = h[i];
		if (c == '.') {
			if (label == 0) {
				*why = "URL host has an empty label";
				return -EINVAL;
			}
			label = 0;
		} else if (is_alpha(c) || is_digit(c) || c == '-' || c == '_') {
			if (++label > 63) {
				*why = "URL host label longer than 63 bytes";
				return -EINVAL;
			}
		} else {
			*why = "URL host may contain only ASCII letters, digits, '-', '_' and '.' "
			       "(percent-encoded and international names are not supported; use punycode)";
			return -EINVAL;
		}
		out->host[i] = lower(c);
	}
	out->host[n] = '\0';
	out->host_is_ip = false;
	return 0;
}

int url_parse(const char *s, size_t n, struct url *out, const char **why)
{
	static const char *dummy;
	if (!why)
		why = &dummy;
	memset(out, 0, sizeof(*out));
	*why = "invalid URL";
	if (n > URL_MAX) {
		*why = "URL too long";
		return -ENAMETOOLONG;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f) {
			*why = "URL contains a control character";
			return -EINVAL;
		}
		if (c == '\\') {
			*why = "URL contains a backslash";
			return -EINVAL;
		}
	}
	size_t i = 0;
	while (i < n && (is_alpha(s[i]) || (i > 0 && (is_digit(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.'))))
		i++;
	if (i == 0 || i >= n || s[i] != ':') {
		*why = "URL must be absolute (scheme://host/path)";
		return -EINVAL;
	}
	if (i == 4 && strncasecmp(s, "http", 4) == 0) {
		strcpy(out->scheme, "http");
		out->port = 80;
	} else if (i == 5 && strncasecmp(s, "https", 5) == 0) {
		strcpy(out->scheme, "https");
		out->port = 443;
	} else {
		*why = "only http: and https: URLs can be fetched";
		return -EPROTONOSUPPORT;
	}
	i++;
	if (n - i < 2 || s[i] != '/' || s[i + 1] != '/') {
		*why = "URL must be absolute (scheme://host/path)";
		return -EINVAL;
	}
	i += 2;
	size_t a0 = i;
	while (i < n && s[i] != '/' && s[i] != '?' && s[i] != '#')
		i++;
	size_t a1 = i;
	if (memchr(s + a0, '@', a1 - a0)) {
		*why = "credentials in URLs are not supported; send an Authorization header instead";
		return -EINVAL;
	}
	/* Host and optional port. */
	size_t hend = a1, pstart = a1;
	if (a0 < a1 && s[a0] == '[') {
		const char *rb = memchr(s + a0, ']', a1 - a0);
		if (!rb) {
			*why = "URL host is not a valid IPv6 address";
			return -EINVAL;
		}
		hend = (size_t)(rb - s) + 1;
		if (hend < a1 && s[hend] != ':') {
			*why = "invalid characters after the IPv6 address in URL";
			return -EINVAL;
		}
		pstart = hend < a1 ? hend + 1 : a1;
	} else {
		const char *colon = memchr(s + a0, ':', a1 - a0);
		if (colon) {
			hend = (size_t)(colon - s);
			pstart = hend + 1;
		}
	}
	int r = parse_host(s + a0, hend - a0, out, why);
	if (r < 0)
		return r;
	if (pstart < a1) {
		unsigned long port = 0;
		for (size_t k = pstart; k < a1; k++) {
			if (!is_digit(s[k]) || a1 - pstart > 5) {
				*why = "URL port must be a number from 1 to 65535";
				return -EINVAL;
			}
			port = port * 10 + (unsigned long)(s[k] - '0');
		}
		if (port == 0 || port > 65535) {
			*why = "URL port must be a number from 1 to 65535";
			return -EINVAL;
		}
		out->port = (uint16_t)port;
	}
	/* Path and query, without the fragment (never sent to a server). */
	size_t p1 = i;
	while (p1 < n && s[p1] != '#')
		p1++;
	r = build_path(s + i, p1 - i, &out->path, why);
	if (r < 0) {
		if (r == -ENOMEM)
			*why = "out of memory";
		return r;
	}
	return 0;
}

int url_resolve(const struct url *base, const char *ref, size_t n, struct url *out, const char **why)
{
	static const char *dummy;
	if (!why)
		why = &dummy;
	size_t i = 0;
	while (i < n &&
	       (is_alpha(ref[i]) || (i > 0 && (is_digit(ref[i]) || ref[i] == '+' || ref[i] == '-' || ref[i] == '.'))))
		i++;
	if (i > 0 && i < n && ref[i] == ':')
		return url_parse(ref, n, out, why);
	if (n > URL_MAX) {
		*why = "URL too long";
		return -ENAMETOOLONG;
	}
	char *origin = NULL;
	struct url b = *base;
	b.path = (char *)"";
	origin = url_format(&b);
	if (!origin)
		return -ENOMEM;
	size_t bl = strlen(base->path);
	/* Enough for origin + base path + ref + '/' + NUL. */
	size_t cap = strlen(origin) + bl + n + 8;
	char *t = malloc(cap);
	if (!t) {
		free(origin);
		return -ENOMEM;
	}
	int len;
	if (n >= 2 && ref[0] == '/' && ref[1] == '/') {
		len = snprintf(t, cap, "%s:%.*s", base->scheme, (int)n, ref);
	} else if (n >= 1 && ref[0] == '/') {
		len = snprintf(t, cap, "%s%.*s", origin, (int)n, ref);
	} else if (n == 0 || ref[0] == '#') {
		len = snprintf(t, cap, "%s%s", origin, base->path);
	} else {
		size_t pl = 0;
		const char *q = strchr(base->path, '?');
		size_t plen = q ? (size_t)(q - base->path) : bl;
		if (ref[0] == '?') {
			pl = plen;
		} else {
			for (size_t k = 0; k < plen; k++)
				if (base->path[k] == '/')
					pl = k + 1;
		}
		len = snprintf(t, cap, "%s%.*s%.*s", origin, (int)pl, base->path, (int)n, ref);
	}
	free(origin);
	int r = url_parse(t, (size_t)len, out, why);
	free(t);
	return r;
}

char *url_format(const struct url *u)
{
	bool dflt = (strcmp(u->scheme, "http") == 0 && u->port == 80) ||
	            (strcmp(u->scheme, "https") == 0 && u->port == 443);
	char port[8] = "";
	if (!dflt)
		snprintf(port, sizeof(port), ":%u", (unsigned)u->port);
	const char *p = u->path ? u->path : "/";
	size_t cap = strlen(u->scheme) + 3 + strlen(u->host) + strlen(port) + strlen(p) + 1;
	char *s = malloc(cap);
	if (s)
		snprintf(s, cap, "%s://%s%s%s", u->scheme, u->host, port, p);
	return s;
}

const char *url_path_only(const struct url *u, size_t *len)
{
	const char *q = strchr(u->path, '?');
	*len = q ? (size_t)(q - u->path) : strlen(u->path);
	return u->path;
}

void url_free(struct url *u)
{
	if (!u)
		return;
	free(u->path);
	u->path = NULL;
}
