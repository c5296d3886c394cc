/* evilguest: a hostile stand-in for the guest, for supervisor robustness
 * tests. Runs in: the real sandbox (static, unsanitized), exec'd through
 * `codecell run --guest`. Input: argv[1] names the misbehaviour.
 * It loads the seccomp filter like the real guest, so what it does is what
 * a compromised guest could do. */
#include <stdint.h>
#include <stdio.h>
#include <stdbool.h>
#include <string.h>
#include <poll.h>
#include <unistd.h>

#include "filter.h"
#include "template.h"
#include "frame.h"

static void put(const void *p, size_t n)
{
	const char *c = p;
	while (n > 0) {
		ssize_t w = write(FILTER_SOCK_FD, c, n);
		if (w <= 0)
			_exit(3);
		c += w;
		n -= (size_t)w;
	}
}

static void frame(const char *json)
{
	uint8_t hdr[FRAME_HEADER_BYTES];
	frame_encode_header(hdr, strlen(json));
	put(hdr, sizeof(hdr));
	put(json, strlen(json));
}

/* Reads (and discards) until the supervisor's start frame arrived. */
static void wait_start(void)
{
	char buf[4096];
	ssize_t n = read(FILTER_SOCK_FD, buf, sizeof(buf));
	(void)n;
}

/* Reads one whole frame from the supervisor into buf (NUL-terminated). */
static void read_frame(char *buf, size_t cap)
{
	uint8_t hdr[FRAME_HEADER_BYTES];
	size_t got = 0;
	while (got < sizeof(hdr)) {
		ssize_t n = read(FILTER_SOCK_FD, hdr + got, sizeof(hdr) - got);
		if (n <= 0)
			_exit(3);
		got += (size_t)n;
	}
	size_t len = (size_t)hdr[0] << 24 | (size_t)hdr[1] << 16 | (size_t)hdr[2] << 8 | hdr[3];
	if (len >= cap)
		_exit(3);
	got = 0;
	while (got < len) {
		ssize_t n = read(FILTER_SOCK_FD, buf + got, len - got);
		if (n <= 0)
			_exit(3);
		got += (size_t)n;
	}
	buf[len] = '\0';
}

int main(int argc, char **argv)
{
	/* "--template": a hostile guest in a template's child (template.h),
	 * so the hostile-guest tests also run against template children
	 * (meson test --setup template); the child's filter is already in. */
	static struct template_run run;
	bool in_template = false;
	if (argc == 2 && !strcmp(argv[1], "--template")) {
		bool filter = filter_read_from_fd(FILTER_FD) == 0;
		template_serve(filter, &run, NULL, NULL);
		argc = run.argc;
		argv = run.argv;
		in_template = true;
	}
	const char *mode = NULL;
	for (int i = 1; i < argc; i++)
		if (strncmp(argv[i], "--", 2) != 0)
			mode = argv[i];
	int seccomp = 1;
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--no-seccomp"))
			seccomp = 0;
	if (seccomp && !in_template && filter_load_from_fd(FILTER_FD) < 0)
		return 2;
	if (!mode)
		return 4;
	if (!strcmp(mode, "no-ready")) {
		/* Never speaks: only the wall clock can end this. */
		for (;;)
			poll(NULL, 0, -1);
	}
	if (!strcmp(mode, "before-start")) {
		frame("{\"t\":\"log\",\"level\":\"log\",\"msg\":\"early\"}");
		for (;;)
			poll(NULL, 0, -1);
	}
	if (!strcmp(mode, "start-before-ready")) {
		/* Says whether the supervisor handed the program over before
		 * "ready" (run_start_when_due): "early" when the start frame is
		 * already readable, else "late" once it comes. */
		struct pollfd pf = {.fd = FILTER_SOCK_FD, .events = POLLIN};
		bool early = poll(&pf, 1, 3000) == 1;
		frame("{\"t\":\"ready\"}");
		char buf[8192];
		read_frame(buf, sizeof buf);
		frame(early ? "{\"t\":\"result\",\"ok\":true,\"value\":\"early\"}"
		            : "{\"t\":\"result\",\"ok\":true,\"value\":\"late\"}");
		for (;;)
			poll(NULL, 0, -1);
	}
	frame("{\"t\":\"ready\"}");
	if (!strcmp(mode, "double-ready")) {
		frame("{\"t\":\"ready\"}");
	} else if (!strcmp(mode, "huge-header")) {
		wait_start();
		const uint8_t hdr[4] = {0xff, 0xff, 0xff, 0xff};
		put(hdr, 4);
	} else if (!strcmp(mode, "bad-json")) {
		wait_start();
		frame("{\"t\":\"log\",");
	} else if (!strcmp(mode, "not-object")) {
		wait_start();
		frame("[1,2,3]");
	} else if (!strcmp(mode, "unknown-type")) {
		wait_start();
		frame("{\"t\":\"launch-missiles\"}");
	} else if (!strcmp(mode, "wrong-direction")) {
		wait_start();
		frame("{\"t\":\"reply\",\"id\":1,\"ok\":true}");
	} else if (!strcmp(mode, "dup-id")) {
		wait_start();
		frame("{\"t\":\"tool\",\"id\":7,\"ns\":\"codemode\",\"name\":\"a\",\"args\":[]}");
		frame("{\"t\":\"tool\",\"id\":7,\"ns\":\"codemode\",\"name\":\"b\",\"args\":[]}");
	} else if (!strcmp(mode, "bad-id")) {
		wait_start();
		frame("{\"t\":\"tool\",\"id\":-1,\"ns\":\"codemode\",\"name\":\"a\",\"args\":[]}");
	} else if (!strcmp(mode, "nul-byte")) {
		wait_start();
		uint8_t hdr[4];
		const char msg[] = "{\"t\":\"log\",\"level\":\"log\",\"msg\":\"a\0b\"}";
		frame_encode_header(hdr, sizeof(msg) - 1);
		put(hdr, 4);
		put(msg, sizeof(msg) - 1);
	} else if (!strcmp(mode, "fs-flood") || !strcmp(mode, "deny-flood")) {
		/* issue 9: requests whose (large) replies are never read. The
		 * supervisor must stop taking frames once its queue to us is
		 * full, so this write blocks and the wall clock ends the run. */
		wait_start();
		char path[4200];
		if (!strcmp(mode, "deny-flood")) {
			memset(path, 'x', 4000);
			memcpy(path, "/nowhere/", 9);
			path[4000] = '\0';
		} else {
			snprintf(path, sizeof(path), "/data/big");
		}
		char msg[4400];
		for (int i = 1; i <= 200000; i++) {
			snprintf(msg, sizeof(msg),
			         "{\"t\":\"fs\",\"id\":%d,\"op\":\"readFile\",\"path\":\"%s\",\"encoding\":\"base64\"}",
			         i, path);
			frame(msg);
		}
		for (;;)
			poll(NULL, 0, -1);
	} else if (!strcmp(mode, "unoffered-tool")) {
		/* issue 9: a raw call of a tool the host never offered; the
		 * supervisor's reply becomes the result, for the test to read. */
		wait_start();
		frame("{\"t\":\"tool\",\"id\":1,\"ns\":\"admin\",\"name\":\"deleteAllUsers\",\"args\":[]}");
		static char reply[65536], msg[65600];
		read_frame(reply, sizeof(reply));
		snprintf(msg, sizeof(msg), "{\"t\":\"result\",\"ok\":true,\"value\":%s}", reply);
		frame(msg);
		for (;;)
			poll(NULL, 0, -1);
	} else if (!strcmp(mode, "bad-utf8")) {
		wait_start();
		frame("{\"t\":\"log\",\"level\":\"log\",\"msg\":\"a\xff\xfe b\"}");
		for (;;)
			poll(NULL, 0, -1);
	} else if (!strcmp(mode, "partial-stall")) {
		wait_start();
		const uint8_t hdr[4] = {0, 0, 0, 100};
		put(hdr, 4);
		put("{\"t\"", 4);
		for (;;)
			poll(NULL, 0, -1);
	} else if (!strcmp(mode, "stderr-nul")) {
		/* Regression: a NUL first in the stderr tail made the supervisor
		 * trim the tail at index -1 (caught by ASan in CI). */
		wait_start();
		if (write(2, "\0\n\n", 3) != 3)
			_exit(5);
		_exit(3);
	} else if (!strcmp(mode, "exit-silently")) {
		wait_start();
		_exit(0);
	} else if (!strcmp(mode, "crash")) {
		wait_start();
		volatile int *p = NULL;
		return *p;
	} else if (!strcmp(mode, "forbidden-syscall")) {
		wait_start();
		/* getppid is not in the guest allowlist: KILL_PROCESS. */
		return (int)getppid();
	} else if (!strcmp(mode, "unoffered-tools")) {
		/* Raw requests for tools the host never offered, between two it did
		 * (test_offer.py): only the offered ones may reach the host. */
		wait_start();
		frame("{\"t\":\"tool\",\"id\":1,\"ns\":\"codemode\",\"name\":\"getWeather\",\"args\":[]}");
		frame("{\"t\":\"tool\",\"id\":2,\"ns\":\"admin\",\"name\":\"deleteAllUsers\",\"args\":[]}");
		frame("{\"t\":\"tool\",\"id\":3,\"ns\":\"codemode\",\"name\":\"__proto__\",\"args\":[]}");
		frame("{\"t\":\"tool\",\"id\":4,\"ns\":\"codemode\",\"name\":\"constructor\",\"args\":[]}");
		frame("{\"t\":\"tool\",\"id\":5,\"ns\":\"__proto__\",\"name\":\"x\",\"args\":[]}");
		frame("{\"t\":\"tool\",\"id\":6,\"ns\":\"codemode\",\"name\":\"getTime\",\"args\":[]}");
	} else if (!strcmp(mode, "flood-inflight")) {
		wait_start();
		char buf[160];
		for (int i = 1; i <= 1000; i++) {
			snprintf(buf, sizeof(buf),
			         "{\"t\":\"tool\",\"id\":%d,\"ns\":\"codemode\",\"name\":\"t\",\"args\":[]}", i);
			frame(buf);
		}
	}
	for (;;)
		poll(NULL, 0, -1);
}
