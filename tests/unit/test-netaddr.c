/* test-netaddr: every numeric host spelling and special-purpose range the
 * SSRF check relies on. */
#include <errno.h>
#include <netinet/in.h>
#include <string.h>

#include "netaddr.h"
#include "tap.h"

struct row {
	const char *host;
	int rc;                 /* expected netaddr_parse result */
	enum netaddr_class cls; /* when rc == 0 */
	const char *canon;      /* canonical text when rc == 0, or NULL */
};

static const struct row rows[] = {
        /* loopback in every spelling */
        {"127.0.0.1", 0, NETADDR_LOOPBACK, "127.0.0.1"},
        {"127.0.0.1.", 0, NETADDR_LOOPBACK, "127.0.0.1"},
        {"2130706433", 0, NETADDR_LOOPBACK, "127.0.0.1"},
        {"0x7f000001", 0, NETADDR_LOOPBACK, "127.0.0.1"},
        {"0x7f.1", 0, NETADDR_LOOPBACK, "127.0.0.1"},
        {"0X7F.0X0.0X0.0X1", 0, NETADDR_LOOPBACK, "127.0.0.1"},
        {"0177.0.0.1", 0, NETADDR_LOOPBACK, "127.0.0.1"},
        {"017700000001", 0, NETADDR_LOOPBACK, "127.0.0.1"},
        {"127.1", 0, NETADDR_LOOPBACK, "127.0.0.1"},
        {"127.0.1", 0, NETADDR_LOOPBACK, "127.0.0.1"},
        {"127.255.255.254", 0, NETADDR_LOOPBACK, NULL},
        {"0x7f.0.0.0x1", 0, NETADDR_LOOPBACK, "127.0.0.1"},
        {"00000177.0.0.1", 0, NETADDR_LOOPBACK, "127.0.0.1"},
        {"::1", 0, NETADDR_LOOPBACK, "::1"},
        {"[::1]", 0, NETADDR_LOOPBACK, "::1"},
        {"[0:0:0:0:0:0:0:1]", 0, NETADDR_LOOPBACK, "::1"},
        {"[::ffff:127.0.0.1]", 0, NETADDR_LOOPBACK, "::ffff:127.0.0.1"},
        {"[::ffff:7f00:1]", 0, NETADDR_LOOPBACK, "::ffff:127.0.0.1"},
        {"[::127.0.0.1]", 0, NETADDR_LOOPBACK, NULL},
        {"[::ffff:0:127.0.0.1]", 0, NETADDR_LOOPBACK, NULL},
        {"[64:ff9b::127.0.0.1]", 0, NETADDR_LOOPBACK, NULL},
        {"[2002:7f00:1::]", 0, NETADDR_LOOPBACK, NULL},
        /* unspecified: Linux connects 0.0.0.0 to the local host */
        {"0.0.0.0", 0, NETADDR_UNSPECIFIED, "0.0.0.0"},
        {"0", 0, NETADDR_UNSPECIFIED, "0.0.0.0"},
        {"0x0", 0, NETADDR_UNSPECIFIED, "0.0.0.0"},
        {"0.1.2.3", 0, NETADDR_UNSPECIFIED, NULL},
        {"[::]", 0, NETADDR_UNSPECIFIED, "::"},
        {"[::ffff:0.0.0.0]", 0, NETADDR_UNSPECIFIED, NULL},
        /* RFC 1918 */
        {"10.0.0.1", 0, NETADDR_PRIVATE, NULL},
        {"10.255.255.255", 0, NETADDR_PRIVATE, NULL},
        {"012.1", 0, NETADDR_PRIVATE, "10.0.0.1"},
        {"167772161", 0, NETADDR_PRIVATE, "10.0.0.1"},
        {"172.16.0.1", 0, NETADDR_PRIVATE, NULL},
        {"172.31.255.255", 0, NETADDR_PRIVATE, NULL},
        {"172.15.255.255", 0, NETADDR_PUBLIC, NULL},
        {"172.32.0.0", 0, NETADDR_PUBLIC, NULL},
        {"192.168.1.1", 0, NETADDR_PRIVATE, NULL},
        {"0xc0.0xa8.1.1", 0, NETADDR_PRIVATE, "192.168.1.1"},
        {"[::ffff:10.1.2.3]", 0, NETADDR_PRIVATE, NULL},
        {"[::ffff:192.168.0.1]", 0, NETADDR_PRIVATE, NULL},
        {"[2002:c0a8:0101::1]", 0, NETADDR_PRIVATE, NULL},
        {"[2002:0a00:0001::]", 0, NETADDR_PRIVATE, NULL},
        {"[64:ff9b::10.0.0.1]", 0, NETADDR_PRIVATE, NULL},
        {"[64:ff9b::c0a8:1]", 0, NETADDR_PRIVATE, NULL},
        /* link-local, cloud metadata */
        {"169.254.169.254", 0, NETADDR_LINK_LOCAL, NULL},
        {"2852039166", 0, NETADDR_LINK_LOCAL, "169.254.169.254"},
        {"0xa9.0xfe.0xa9.0xfe", 0, NETADDR_LINK_LOCAL, "169.254.169.254"},
        {"0251.0376.0251.0376", 0, NETADDR_LINK_LOCAL, "169.254.169.254"},
        {"169.254.43518", 0, NETADDR_LINK_LOCAL, "169.254.169.254"},
        {"[::ffff:169.254.169.254]", 0, NETADDR_LINK_LOCAL, NULL},
        {"[::ffff:a9fe:a9fe]", 0, NETADDR_LINK_LOCAL, NULL},
        {"[fe80::1]", 0, NETADDR_LINK_LOCAL, NULL},
        {"[febf::1]", 0, NETADDR_LINK_LOCAL, NULL},
        {"[fd00:ec2::254]", 0, NETADDR_ULA, NULL},
        /* CGNAT */
        {"100.64.0.1", 0, NETADDR_CGNAT, NULL},
        {"100.127.255.255", 0, NETADDR_CGNAT, NULL},
        {"100.128.0.0", 0, NETADDR_PUBLIC, NULL},
        {"100.63.255.255", 0, NETADDR_PUBLIC, NULL},
        /* multicast, broadcast, reserved */
        {"224.0.0.1", 0, NETADDR_MULTICAST, NULL},
        {"239.255.255.250", 0, NETADDR_MULTICAST, NULL},
        {"[ff02::1]", 0, NETADDR_MULTICAST, NULL},
        {"[ff05::1:3]", 0, NETADDR_MULTICAST, NULL},
        {"255.255.255.255", 0, NETADDR_BROADCAST, NULL},
        {"4294967295", 0, NETADDR_BROADCAST, "255.255.255.255"},
        {"240.0.0.1", 0, NETADDR_RESERVED, NULL},
        {"192.0.0.8", 0, NETADDR_RESERVED, NULL},
        {"192.88.99.1", 0, NETADDR_RESERVED, NULL},
        {"198.18.0.1", 0, NETADDR_RESERVED, NULL},
        {"198.19.255.255", 0, NETADDR_RESERVED, NULL},
        {"198.20.0.0", 0, NETADDR_PUBLIC, NULL},
        {"[100::1]", 0, NETADDR_RESERVED, NULL},
        {"[2001::1]", 0, NETADDR_RESERVED, NULL},      /* Teredo */
        {"[2001:2::1]", 0, NETADDR_RESERVED, NULL},    /* benchmarking */
        {"[64:ff9b:1::1]", 0, NETADDR_RESERVED, NULL}, /* local-use NAT64 */
        {"[4000::1]", 0, NETADDR_RESERVED, NULL},      /* outside 2000::/3 */
        {"[::2]", 0, NETADDR_UNSPECIFIED, NULL},       /* IPv4-compatible 0.0.0.2 */
        /* documentation */
        {"192.0.2.1", 0, NETADDR_DOCUMENTATION, NULL},
        {"198.51.100.7", 0, NETADDR_DOCUMENTATION, NULL},
        {"203.0.113.9", 0, NETADDR_DOCUMENTATION, NULL},
        {"[2001:db8::1]", 0, NETADDR_DOCUMENTATION, NULL},
        {"[3fff::1]", 0, NETADDR_DOCUMENTATION, NULL},
        /* ULA and site-local */
        {"[fc00::1]", 0, NETADDR_ULA, NULL},
        {"[fdff:ffff::1]", 0, NETADDR_ULA, NULL},
        {"[fec0::1]", 0, NETADDR_ULA, NULL},
        /* public */
        {"8.8.8.8", 0, NETADDR_PUBLIC, NULL},
        {"134744072", 0, NETADDR_PUBLIC, "8.8.8.8"},
        {"1.1.1.1", 0, NETADDR_PUBLIC, NULL},
        {"[2606:4700::1111]", 0, NETADDR_PUBLIC, NULL},
        {"[::ffff:8.8.8.8]", 0, NETADDR_PUBLIC, NULL},
        {"[2002:0808:0808::1]", 0, NETADDR_PUBLIC, NULL},
        {"[64:ff9b::8.8.8.8]", 0, NETADDR_PUBLIC, NULL},
        /* names: not address literals */
        {"example.com", -EINVAL, 0, NULL},
        {"localhost", -EINVAL, 0, NULL},
        {"1password.com", -EINVAL, 0, NULL},
        {"0x7f.example", -EINVAL, 0, NULL},
        /* numeric-looking but invalid: refused, never handed to a resolver */
        {"256.0.0.1", -ERANGE, 0, NULL},
        {"127.0.0.256", -ERANGE, 0, NULL},
        {"1.2.3.4.5", -ERANGE, 0, NULL},
        {"4294967296", -ERANGE, 0, NULL},
        {"127.16777216", -ERANGE, 0, NULL},
        {"08.0.0.1", -ERANGE, 0, NULL},
        {"0x7g.0.0.1", -ERANGE, 0, NULL},
        {"1..1", -ERANGE, 0, NULL},
        {"example.1", -ERANGE, 0, NULL},
        {"99999999999999999999999", -ERANGE, 0, NULL},
        {"[fe80::1%25eth0]", -ERANGE, 0, NULL},
        {"[fe80::1%eth0]", -ERANGE, 0, NULL},
        {"[127.0.0.1]", -ERANGE, 0, NULL},
        {"[::1", -ERANGE, 0, NULL},
        {"[:::1]", -ERANGE, 0, NULL},
};

static void test_sockaddr(void)
{
	struct sockaddr_in s4 = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(0x7f000001)};
	struct netaddr a;
	TAP_EQ_INT(netaddr_from_sockaddr((struct sockaddr *)&s4, sizeof(s4), &a), 0, "sockaddr_in accepted");
	TAP_EQ_INT(netaddr_classify(&a), NETADDR_LOOPBACK, "sockaddr_in 127.0.0.1 is loopback");
	struct sockaddr_in6 s6 = {.sin6_family = AF_INET6};
	s6.sin6_addr.s6_addr[10] = 0xff;
	s6.sin6_addr.s6_addr[11] = 0xff;
	s6.sin6_addr.s6_addr[12] = 169;
	s6.sin6_addr.s6_addr[13] = 254;
	s6.sin6_addr.s6_addr[14] = 169;
	s6.sin6_addr.s6_addr[15] = 254;
	TAP_EQ_INT(netaddr_from_sockaddr((struct sockaddr *)&s6, sizeof(s6), &a), 0, "sockaddr_in6 accepted");
	TAP_EQ_INT(netaddr_classify(&a), NETADDR_LINK_LOCAL, "mapped metadata address over AF_INET6 is link-local");
	TAP_EQ_INT(netaddr_from_sockaddr((struct sockaddr *)&s4, sizeof(s4) - 1, &a), -EAFNOSUPPORT,
	           "short sockaddr refused");
	struct sockaddr su = {.sa_family = AF_UNIX};
	TAP_EQ_INT(netaddr_from_sockaddr(&su, sizeof(su), &a), -EAFNOSUPPORT, "AF_UNIX refused");

	struct netaddr x, y;
	netaddr_parse("127.0.0.1", 9, &x);
	netaddr_parse("[::ffff:127.0.0.1]", 18, &y);
	tap_ok(netaddr_equal(&x, &y), "127.0.0.1 equals ::ffff:127.0.0.1");
	netaddr_parse("127.0.0.2", 9, &y);
	tap_ok(!netaddr_equal(&x, &y), "127.0.0.1 differs from 127.0.0.2");
	netaddr_parse("[::1]", 5, &y);
	tap_ok(!netaddr_equal(&x, &y), "127.0.0.1 differs from ::1");
}

int main(void)
{
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct row *r = &rows[i];
		struct netaddr a;
		int rc = netaddr_parse(r->host, strlen(r->host), &a);
		if (!tap_ok(rc == r->rc, "parse %s returns %d (got %d)", r->host, r->rc, rc) || rc != 0)
			continue;
		enum netaddr_class c = netaddr_classify(&a);
		tap_ok(c == r->cls, "%s is %s (got %s)", r->host, netaddr_class_name(r->cls), netaddr_class_name(c));
		if (r->canon) {
			char buf[NETADDR_FORMAT_MAX];
			netaddr_format(&a, buf, sizeof(buf));
			TAP_EQ_STR(buf, r->canon, r->host);
		}
	}
	test_sockaddr();
	return tap_done();
}
