/* test-metricshttp: the --metrics address grammar (supervisor/server/
 * metricshttp.c): numeric hosts only, IPv6 in brackets, a port alone binds
 * loopback, and everything else is refused. The HTTP side is tested end to
 * end against a server in tests/serve/test_serve.py.
 * Runs in: unit tests. Input: fixed strings. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>

#include "metricshttp.h"
#include "tap.h"

static int v4(const char *s, const char *host, unsigned port)
{
	struct sockaddr_storage ss;
	socklen_t len;
	if (metricshttp_parse_addr(s, &ss, &len) < 0 || ss.ss_family != AF_INET || len != sizeof(struct sockaddr_in))
		return 0;
	const struct sockaddr_in *a = (const struct sockaddr_in *)&ss;
	char got[INET_ADDRSTRLEN];
	inet_ntop(AF_INET, &a->sin_addr, got, sizeof got);
	return !strcmp(got, host) && ntohs(a->sin_port) == port;
}

static int v6(const char *s, const char *host, unsigned port)
{
	struct sockaddr_storage ss;
	socklen_t len;
	if (metricshttp_parse_addr(s, &ss, &len) < 0 || ss.ss_family != AF_INET6 || len != sizeof(struct sockaddr_in6))
		return 0;
	const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)&ss;
	char got[INET6_ADDRSTRLEN];
	inet_ntop(AF_INET6, &a->sin6_addr, got, sizeof got);
	return !strcmp(got, host) && ntohs(a->sin6_port) == port;
}

static int refused(const char *s)
{
	struct sockaddr_storage ss;
	socklen_t len;
	return metricshttp_parse_addr(s, &ss, &len) == -EINVAL;
}

int main(void)
{
	tap_ok(v4("127.0.0.1:9464", "127.0.0.1", 9464), "HOST:PORT");
	tap_ok(v4("0.0.0.0:80", "0.0.0.0", 80), "any address, when asked for");
	tap_ok(v4("9464", "127.0.0.1", 9464), "a port alone binds loopback");
	tap_ok(v4("127.0.0.1:0", "127.0.0.1", 0), "port 0: the kernel chooses");
	tap_ok(v6("[::1]:9464", "::1", 9464), "[IPV6]:PORT");
	tap_ok(v6("[fe80::1]:1", "fe80::1", 1), "another IPv6 host");
	static const char *const bad[] = {
	        "",
	        "localhost:9464",
	        ":9464",
	        "127.0.0.1:",
	        "127.0.0.1:65536",
	        "127.0.0.1:-1",
	        "127.0.0.1:+5",
	        "::1:9464",
	        "[::1]9464",
	        "[::1]:",
	        "[::1",
	        "1.2.3:80",
	        "9464x",
	        "[127.0.0.1]:80",
	        "1.2.3.4:80:80",
	        "[::1]:80:80",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		tap_ok(refused(bad[i]), "refused: '%s'", bad[i]);
	return tap_done();
}
