/* netaddr: IP address parsing (every numeric host spelling a resolver accepts)
 * and classification into public versus private/reserved ranges, for SSRF checks.
 * Runs in: supervisor. Input: untrusted host strings from guest URLs and the
 * addresses curl is about to connect to. Pure: no I/O. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

/* Longest host text we classify: a bracketed IPv6 literal with a zone is
 * far below this; anything longer is a name, not an address. */
#define NETADDR_TEXT_MAX 64
/* Buffer size for netaddr_format(): INET6_ADDRSTRLEN plus slack. */
#define NETADDR_FORMAT_MAX 64

struct netaddr {
	int family;        /* AF_INET or AF_INET6 */
	uint8_t bytes[16]; /* network order; IPv4 uses bytes[0..3] */
};

enum netaddr_class {
	NETADDR_PUBLIC = 0,
	NETADDR_UNSPECIFIED,   /* 0.0.0.0/8, :: (Linux connects 0.0.0.0 to the local host) */
	NETADDR_LOOPBACK,      /* 127/8, ::1 */
	NETADDR_PRIVATE,       /* RFC 1918: 10/8, 172.16/12, 192.168/16 */
	NETADDR_LINK_LOCAL,    /* 169.254/16 (cloud metadata), fe80::/10 */
	NETADDR_CGNAT,         /* 100.64/10 shared address space */
	NETADDR_MULTICAST,     /* 224/4, ff00::/8 */
	NETADDR_BROADCAST,     /* 255.255.255.255 */
	NETADDR_DOCUMENTATION, /* 192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32, 3fff::/20 */
	NETADDR_ULA,           /* fc00::/7 unique local, fec0::/10 site-local */
	NETADDR_RESERVED,      /* 240/4, 192.0.0/24, 198.18/15, 192.88.99/24, 100::/64,
	                        * 2001::/23, 64:ff9b:1::/48, and all IPv6 outside 2000::/3 */
};

/* Parses an IPv4 address in any spelling inet_aton(3) and URL parsers accept:
 * 1 to 4 dot-separated parts, each decimal, octal (leading 0) or hex (0x),
 * the last part filling the remaining bytes ("2130706433", "0x7f.1",
 * "0177.0.0.1", "127.1"); one trailing dot is allowed, as WHATWG URL does.
 * Returns 0 with *out in host order, or -EINVAL if s is not such a number
 * (then it is a name), -ERANGE if a part overflows its bytes. */
int netaddr_parse_ipv4(const char *s, size_t n, uint32_t *out);

/* Parses a host as it appears in a URL: an IPv4 spelling as above, or an
 * IPv6 literal with or without brackets (zone ids are refused). Returns 0,
 * or -EINVAL when host is not an address literal (a DNS name), -ERANGE for a
 * numeric spelling out of range (refuse the URL rather than resolve it). */
int netaddr_parse(const char *host, size_t n, struct netaddr *out);

/* Fills out from a sockaddr; -EAFNOSUPPORT for other families. */
int netaddr_from_sockaddr(const struct sockaddr *sa, socklen_t len, struct netaddr *out);

/* Classifies an address. IPv6 forms that embed an IPv4 address (mapped
 * ::ffff:0:0/96, compatible ::/96, NAT64 64:ff9b::/96, 6to4 2002::/16) get
 * the class of the embedded address, so ::ffff:127.0.0.1 is LOOPBACK. */
enum netaddr_class netaddr_classify(const struct netaddr *a);

/* Whether every address of the range net/prefix_len (host bits clear) is
 * public: a rule naming it may then connect without allow_private. IPv4
 * ranges wider than /8 and IPv6 ranges wider than /24 are never "public". */
bool netaddr_range_is_public(const struct netaddr *net, unsigned prefix_len);

/* Short lower-case name of a class ("loopback", "private", ...). */
const char *netaddr_class_name(enum netaddr_class c);

/* True when a and b are the same address, an IPv4 address and its
 * IPv4-mapped IPv6 form counting as the same. */
bool netaddr_equal(const struct netaddr *a, const struct netaddr *b);

/* Canonical text (dotted quad, RFC 5952 IPv6) into buf[NETADDR_FORMAT_MAX]. */
void netaddr_format(const struct netaddr *a, char *buf, size_t n);
