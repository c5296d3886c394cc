/* netaddr: see netaddr.h. The tables follow the IANA special-purpose
 * address registries (RFC 6890 and successors); anything not plainly global
 * unicast is treated as non-public, because a refused odd address costs a
 * policy line while an accepted one can reach an internal service. */
#include "netaddr.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

/* One part of a loose IPv4 spelling. Returns 0, -EINVAL for a character
 * that is not a digit of the part's base, -ERANGE above 2^32-1. */
static int parse_part(const char *s, size_t n, uint64_t *out)
{
	unsigned base = 10;
	if (n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
		n -= 2;
	} else if (n >= 2 && s[0] == '0') {
		base = 8;
		s++;
		n--;
	}
	uint64_t v = 0;
	/* "0x" alone is 0, as the WHATWG URL parser and inet_aton read it. */
	for (size_t i = 0; i < n; i++) {
		int d = util_hexval((unsigned char)s[i]);
		if (d < 0 || d >= (int)base)
			return -EINVAL;
		v = v * base + (uint64_t)d;
		if (v > 0xffffffffull)
			return -ERANGE;
	}
	*out = v;
	return 0;
}

int netaddr_parse_ipv4(const char *s, size_t n, uint32_t *out)
{
	if (n == 0 || n > NETADDR_TEXT_MAX)
		return -EINVAL;
	/* One trailing dot names the same host ("127.0.0.1."). */
	if (s[n - 1] == '.')
		n--;
	if (n == 0)
		return -EINVAL;
	/* A host whose last label starts with a digit is numeric: no top-level
	 * domain does, so WHATWG URL requires it to parse as IPv4 or fail. We
	 * refuse failures (-ERANGE) instead of letting a resolver guess. */
	size_t last = n;
	while (last > 0 && s[last - 1] != '.')
		last--;
	bool numeric_last = s[last] >= '0' && s[last] <= '9';

	uint64_t parts[4];
	size_t np = 0, start = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != '.')
			continue;
		if (np == 4 || i == start)
			return numeric_last ? -ERANGE : -EINVAL;
		int r = parse_part(s + start, i - start, &parts[np]);
		if (r < 0)
			return numeric_last ? -ERANGE : -EINVAL;
		np++;
		start = i + 1;
	}
	for (size_t i = 0; i + 1 < np; i++)
		if (parts[i] > 255)
			return -ERANGE;
	uint64_t lastmax = 0xffffffffull >> (8 * (np - 1));
	if (parts[np - 1] > lastmax)
		return -ERANGE;
	uint32_t v = (uint32_t)parts[np - 1];
	for (size_t i = 0; i + 1 < np; i++)
		v |= (uint32_t)parts[i] << (24 - 8 * i);
	*out = v;
	return 0;
}

int netaddr_parse(const char *host, size_t n, struct netaddr *out)
{
	if (n == 0 || n > NETADDR_TEXT_MAX)
		return -EINVAL;
	char buf[NETADDR_TEXT_MAX + 1];
	const char *h = host;
	if (h[0] == '[') {
		if (n < 3 || h[n - 1] != ']')
			return -ERANGE;
		h++;
		n -= 2;
	}
	memcpy(buf, h, n);
	buf[n] = '\0';
	if (memchr(buf, '\0', n))
		return -ERANGE;
	if (memchr(buf, ':', n)) {
		/* Zone ids ("fe80::1%eth0") pick an interface: never from a guest. */
		if (memchr(buf, '%', n))
			return -ERANGE;
		struct in6_addr a6;
		if (inet_pton(AF_INET6, buf, &a6) != 1)
			return -ERANGE;
		memset(out, 0, sizeof(*out));
		out->family = AF_INET6;
		memcpy(out->bytes, &a6, 16);
		return 0;
	}
	if (host[0] == '[')
		return -ERANGE;
	uint32_t v4;
	int r = netaddr_parse_ipv4(buf, n, &v4);
	if (r < 0)
		return r;
	memset(out, 0, sizeof(*out));
	out->family = AF_INET;
	out->bytes[0] = (uint8_t)(v4 >> 24);
	out->bytes[1] = (uint8_t)(v4 >> 16);
	out->bytes[2] = (uint8_t)(v4 >> 8);
	out->bytes[3] = (uint8_t)v4;
	return 0;
}

int netaddr_from_sockaddr(const struct sockaddr *sa, socklen_t len, struct netaddr *out)
{
	memset(out, 0, sizeof(*out));
	if (sa->sa_family == AF_INET && len >= (socklen_t)sizeof(struct sockaddr_in)) {
		const struct sockaddr_in *s4 = (const struct sockaddr_in *)sa;
		out->family = AF_INET;
		memcpy(out->bytes, &s4->sin_addr, 4);
		return 0;
	}
	if (sa->sa_family == AF_INET6 && len >= (socklen_t)sizeof(struct sockaddr_in6)) {
		const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)sa;
		out->family = AF_INET6;
		memcpy(out->bytes, &s6->sin6_addr, 16);
		return 0;
	}
	return -EAFNOSUPPORT;
}

static bool in4(uint32_t a, uint32_t net, unsigned bits)
{
	uint32_t mask = bits == 0 ? 0 : 0xffffffffu << (32 - bits);
	return (a & mask) == net;
}

static enum netaddr_class classify4(uint32_t a)
{
	if (in4(a, 0x00000000, 8))
		return NETADDR_UNSPECIFIED;
	if (in4(a, 0x0a000000, 8) || in4(a, 0xac100000, 12) || in4(a, 0xc0a80000, 16))
		return NETADDR_PRIVATE;
	if (in4(a, 0x64400000, 10))
		return NETADDR_CGNAT;
	if (in4(a, 0x7f000000, 8))
		return NETADDR_LOOPBACK;
	if (in4(a, 0xa9fe0000, 16))
		return NETADDR_LINK_LOCAL;
	if (in4(a, 0xc0000200, 24) || in4(a, 0xc6336400, 24) || in4(a, 0xcb007100, 24))
		return NETADDR_DOCUMENTATION;
	/* 192.0.0/24 IETF assignments, 192.88.99/24 6to4 relays (deprecated),
	 * 198.18/15 benchmarking. */
	if (in4(a, 0xc0000000, 24) || in4(a, 0xc0586300, 24) || in4(a, 0xc6120000, 15))
		return NETADDR_RESERVED;
	if (in4(a, 0xe0000000, 4))
		return NETADDR_MULTICAST;
	if (a == 0xffffffffu)
		return NETADDR_BROADCAST;
	if (in4(a, 0xf0000000, 4))
		return NETADDR_RESERVED;
	return NETADDR_PUBLIC;
}

static uint32_t be32_at(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Prefix match on the first bits of a 16-byte address. */
static bool in6(const uint8_t *a, const uint8_t *net, unsigned bits)
{
	unsigned full = bits / 8, rest = bits % 8;
	if (memcmp(a, net, full) != 0)
		return false;
	if (rest == 0)
		return true;
	uint8_t mask = (uint8_t)(0xff << (8 - rest));
	return (a[full] & mask) == (net[full] & mask);
}

static enum netaddr_class classify6(const uint8_t *a)
{
	static const uint8_t zero[16];
	static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
	static const uint8_t translated[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0};
	static const uint8_t nat64[12] = {0, 0x64, 0xff, 0x9b};
	static const uint8_t nat64_local[16] = {0, 0x64, 0xff, 0x9b, 0, 1};
	static const uint8_t discard[16] = {0x01, 0x00};
	static const uint8_t doc[16] = {0x20, 0x01, 0x0d, 0xb8};
	static const uint8_t doc2[16] = {0x3f, 0xff};
	static const uint8_t ietf[16] = {0x20, 0x01};
	static const uint8_t sixto4[16] = {0x20, 0x02};
	static const uint8_t ula[16] = {0xfc};
	static const uint8_t linklocal[16] = {0xfe, 0x80};
	static const uint8_t sitelocal[16] = {0xfe, 0xc0};
	static const uint8_t mcast[16] = {0xff};
	static const uint8_t global[16] = {0x20};

	if (memcmp(a, zero, 16) == 0)
		return NETADDR_UNSPECIFIED;
	if (memcmp(a, zero, 15) == 0 && a[15] == 1)
		return NETADDR_LOOPBACK;
	/* Forms that carry an IPv4 address: the kernel or a translator sends
	 * them to that IPv4 address, so they get its class. The deprecated
	 * IPv4-compatible ::a.b.c.d is treated the same way. */
	if (memcmp(a, mapped, 12) == 0 || memcmp(a, translated, 12) == 0 || memcmp(a, nat64, 12) == 0 ||
	    memcmp(a, zero, 12) == 0)
		return classify4(be32_at(a + 12));
	if (in6(a, nat64_local, 48) || in6(a, discard, 64))
		return NETADDR_RESERVED;
	if (in6(a, doc, 32) || in6(a, doc2, 20))
		return NETADDR_DOCUMENTATION;
	/* 2001::/23 holds Teredo (whose client address is obfuscated),
	 * benchmarking and ORCHID: nothing a program should reach. */
	if (in6(a, ietf, 23))
		return NETADDR_RESERVED;
	if (in6(a, sixto4, 16))
		return classify4(be32_at(a + 2));
	if (in6(a, ula, 7) || in6(a, sitelocal, 10))
		return NETADDR_ULA;
	if (in6(a, linklocal, 10))
		return NETADDR_LINK_LOCAL;
	if (in6(a, mcast, 8))
		return NETADDR_MULTICAST;
	if (!in6(a, global, 3))
		return NETADDR_RESERVED;
	return NETADDR_PUBLIC;
}

enum netaddr_class netaddr_classify(const struct netaddr *a)
{
	if (a->family == AF_INET)
		return classify4(be32_at(a->bytes));
	if (a->family == AF_INET6)
		return classify6(a->bytes);
	return NETADDR_RESERVED;
}

/* Whether all of a.../len is public, exactly: every reserved IPv4 block is
 * a prefix of at most 24 bits (255.255.255.255 lies inside 240/4), so a /24
 * is all of one class and wider ranges are split in halves. */
static bool public4(uint32_t a, unsigned len)
{
	if (classify4(a) != NETADDR_PUBLIC)
		return false;
	if (len >= 24)
		return true;
	return public4(a, len + 1) && public4(a | (1u << (31 - len)), len + 1);
}

/* The same for IPv6: inside 2000::/3 the reserved blocks are at most 32
 * bits long, and 6to4 (2002::/16) embeds an IPv4 address in bits 16..47, so
 * a /40 is all of one class. The /96 forms embedding IPv4 are judged as
 * their IPv4 range. */
static bool public6(uint8_t *a, unsigned len)
{
	static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
	static const uint8_t translated[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0};
	static const uint8_t nat64[12] = {0, 0x64, 0xff, 0x9b};
	static const uint8_t zero[12];
	if (len >= 96 && (memcmp(a, mapped, 12) == 0 || memcmp(a, translated, 12) == 0 || memcmp(a, nat64, 12) == 0 ||
	                  memcmp(a, zero, 12) == 0))
		return public4(be32_at(a + 12), len - 96);
	if (classify6(a) != NETADDR_PUBLIC)
		return false;
	if (len >= 40)
		return true;
	uint8_t hi[16];
	memcpy(hi, a, 16);
	hi[len / 8] |= (uint8_t)(0x80u >> (len % 8));
	return public6(a, len + 1) && public6(hi, len + 1);
}

bool netaddr_range_is_public(const struct netaddr *net, unsigned prefix_len)
{
	/* Ranges this wide are refused outright: they hold reserved blocks in
	 * practice, and splitting them would cost seconds at policy load. */
	if (net->family == AF_INET)
		return prefix_len >= 8 && prefix_len <= 32 && public4(be32_at(net->bytes), prefix_len);
	if (net->family == AF_INET6 && prefix_len >= 24 && prefix_len <= 128) {
		uint8_t a[16];
		memcpy(a, net->bytes, 16);
		return public6(a, prefix_len);
	}
	return false;
}

const char *netaddr_class_name(enum netaddr_class c)
{
	switch (c) {
	case NETADDR_PUBLIC: return "public";
	case NETADDR_UNSPECIFIED: return "unspecified";
	case NETADDR_LOOPBACK: return "loopback";
	case NETADDR_PRIVATE: return "private";
	case NETADDR_LINK_LOCAL: return "link-local";
	case NETADDR_CGNAT: return "carrier-grade NAT";
	case NETADDR_MULTICAST: return "multicast";
	case NETADDR_BROADCAST: return "broadcast";
	case NETADDR_DOCUMENTATION: return "documentation";
	case NETADDR_ULA: return "unique local";
	case NETADDR_RESERVED: return "reserved";
	}
	return "reserved";
}

/* The IPv4 address an address stands for, if it is IPv4 or IPv4-mapped. */
static bool as_v4(const struct netaddr *a, uint32_t *v4)
{
	static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
	if (a->family == AF_INET) {
		*v4 = be32_at(a->bytes);
		return true;
	}
	if (a->family == AF_INET6 && memcmp(a->bytes, mapped, 12) == 0) {
		*v4 = be32_at(a->bytes + 12);
		return true;
	}
	return false;
}

bool netaddr_equal(const struct netaddr *a, const struct netaddr *b)
{
	uint32_t x = 0, y = 0;
	bool ax = as_v4(a, &x), by = as_v4(b, &y);
	if (ax || by)
		return ax && by && x == y;
	return a->family == b->family && memcmp(a->bytes, b->bytes, 16) == 0;
}

void netaddr_format(const struct netaddr *a, char *buf, size_t n)
{
	if (n == 0)
		return;
	if (!inet_ntop(a->family, a->bytes, buf, (socklen_t)n))
		snprintf(buf, n, "?");
}
