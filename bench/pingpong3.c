/* pingpong3: the transport floor of a tool call on this machine: three
 * processes in a chain like guest <-socketpair-> supervisor <-pipes-> host,
 * each blocked in poll(2), one small message there and back (four wake-ups,
 * no JSON, no JavaScript). Prints "p50 p99" in microseconds over N round
 * trips. Built and run by bench/toolcall-roundtrip.mjs.
 * With SERVED = 1, the chain of a served tool call instead: guest
 * <-socketpair-> run's supervisor <-socketpair-> server <-socketpair->
 * client, four processes and six wake-ups (docs/SERVE.md, Shape).
 *   pingpong3 [N [SERVED]]   (default 5000, 0) */
#include "benchclock.h"
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Copies what arrives on a_in to b_out and what arrives on b_in to a_out
 * until EOF (a socket is both its _in and its _out). */
static void bridge(int a_in, int a_out, int b_in, int b_out)
{
	char buf[256];
	for (;;) {
		struct pollfd p[2] = {{.fd = a_in, .events = POLLIN}, {.fd = b_in, .events = POLLIN}};
		if (poll(p, 2, -1) < 0)
			_exit(1);
		for (int i = 0; i < 2; i++) {
			if (!p[i].revents)
				continue;
			ssize_t k = read(p[i].fd, buf, sizeof buf);
			if (k <= 0 || write(i == 0 ? b_out : a_out, buf, (size_t)k) != k)
				_exit(0);
		}
	}
}

/* Copies what arrives on `in` to `out` until EOF. */
static void relay(int in, int out)
{
	char b[256];
	for (;;) {
		struct pollfd p = {.fd = in, .events = POLLIN};
		if (poll(&p, 1, -1) < 0)
			_exit(1);
		ssize_t n = read(in, b, sizeof b);
		if (n <= 0 || write(out, b, (size_t)n) != n)
			_exit(0);
	}
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 5000;
	int served = argc > 2 && atoi(argv[2]) == 1;
	int sv[2], h2s[2], s2h[2];
	if (n <= 0 || socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0 || pipe(h2s) < 0 || pipe(s2h) < 0)
		return 1;
	pid_t host, sup, server = -1;
	if (served) {
		/* guest sv[0] <-> R sv[1]..rs[0] <-> S rs[1]..sc[0] <-> client sc[1] */
		int rs[2], sc[2];
		if (socketpair(AF_UNIX, SOCK_STREAM, 0, rs) < 0 || socketpair(AF_UNIX, SOCK_STREAM, 0, sc) < 0)
			return 1;
		host = fork();
		if (host == 0) {
			char b[256];
			for (;;) {
				struct pollfd p = {.fd = sc[1], .events = POLLIN};
				if (poll(&p, 1, -1) < 0)
					_exit(1);
				ssize_t k = read(sc[1], b, sizeof b);
				if (k <= 0 || write(sc[1], b, (size_t)k) != k)
					_exit(0);
			}
		}
		server = fork();
		if (server == 0)
			bridge(rs[1], rs[1], sc[0], sc[0]);
		sup = fork();
		if (sup == 0)
			bridge(sv[1], sv[1], rs[0], rs[0]);
	} else {
		host = fork();
		if (host == 0)
			relay(s2h[0], h2s[1]);
		sup = fork();
	}
	if (!served && sup == 0)
		bridge(sv[1], sv[1], h2s[0], s2h[1]);
	double *v = malloc((size_t)n * sizeof *v);
	if (!v)
		return 1;
	static const char msg[] = "{\"t\":\"tool\",\"id\":1,\"ns\":\"bench\",\"name\":\"echo\",\"args\":[1]}";
	char b[256];
	for (int i = 0; i < n; i++) {
		double t = bench_now_us();
		if (write(sv[0], msg, sizeof msg - 1) < 0)
			return 1;
		struct pollfd p = {.fd = sv[0], .events = POLLIN};
		if (poll(&p, 1, -1) < 0 || read(sv[0], b, sizeof b) <= 0)
			return 1;
		v[i] = bench_now_us() - t;
	}
	qsort(v, (size_t)n, sizeof *v, bench_cmp_double);
	printf("%.1f %.1f\n", v[n / 2], v[(size_t)n * 99 / 100]);
	/* The relays hold each other's pipe ends: stop them outright. */
	kill(host, SIGKILL);
	kill(sup, SIGKILL);
	waitpid(host, NULL, 0);
	waitpid(sup, NULL, 0);
	if (server > 0) {
		kill(server, SIGKILL);
		waitpid(server, NULL, 0);
	}
	return 0;
}
