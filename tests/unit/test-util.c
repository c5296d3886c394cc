/* test-util: the one bounded reader (exact fit, one byte over, pipes,
 * empty input) and the hex helpers. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <stdlib.h>
#include <unistd.h>

#include "fdio.h"
#include "procstatus.h"
#include "tap.h"
#include "util.h"

/* An unlinked temporary file holding n bytes of 'x', at offset 0: a
 * reader's input of any size (a pipe would block its writer at 64 KiB). */
static int pipe_of(size_t n)
{
	char path[] = "/tmp/codecell-test-util-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return -1;
	unlink(path);
	char b[256];
	memset(b, 'x', sizeof(b));
	while (n > 0) {
		size_t k = n < sizeof(b) ? n : sizeof(b);
		if (write(fd, b, k) != (ssize_t)k)
			break;
		n -= k;
	}
	lseek(fd, 0, SEEK_SET);
	return fd;
}

int main(void)
{
	char buf[9];
	size_t len;
	int fd = pipe_of(8);
	TAP_EQ_INT(util_read_into(fd, buf, sizeof(buf), &len), 0, "8 bytes fit a 9-byte buffer");
	TAP_EQ_INT(len, 8, "length");
	TAP_EQ_STR(buf, "xxxxxxxx", "NUL-terminated");
	close(fd);
	fd = pipe_of(9);
	TAP_EQ_INT(util_read_into(fd, buf, sizeof(buf), &len), -EFBIG, "9 bytes do not fit");
	close(fd);
	fd = pipe_of(0);
	TAP_EQ_INT(util_read_into(fd, buf, sizeof(buf), &len), 0, "empty input");
	TAP_EQ_INT(len, 0, "empty length");
	close(fd);

	char *out;
	for (int sensitive = 0; sensitive < 2; sensitive++) {
		fd = pipe_of(100000);
		TAP_EQ_INT(util_read_alloc(fd, 100000, sensitive, &out, &len), 0, "alloc: exactly max");
		tap_ok(len == 100000 && out[len] == '\0', "alloc: all of it, terminated (sensitive %d)", sensitive);
		free(out);
		close(fd);
		fd = pipe_of(100001);
		TAP_EQ_INT(util_read_alloc(fd, 100000, sensitive, &out, &len), -EFBIG, "alloc: one over max");
		tap_ok(out == NULL, "alloc: nothing returned on failure");
		close(fd);
	}
	TAP_EQ_INT(util_read_file_alloc("/nonexistent/codecell", 0, 10, false, &out, &len), -ENOENT,
	           "missing file is -ENOENT");

	TAP_EQ_INT(util_hexval('7'), 7, "digit");
	TAP_EQ_INT(util_hexval('F'), 15, "upper case");
	TAP_EQ_INT(util_hexval('g'), -1, "not hex");
	char hex[9];
	util_hex_encode((const uint8_t *)"\x01\xab\xff\x00", 4, hex);
	TAP_EQ_STR(hex, "01abff00", "hex encode");

	/* The writer: all of a buffer larger than a pipe holds at once, and a
	 * closed reader as -EPIPE when SIGPIPE is ignored. */
	int pw[2];
	if (pipe(pw) == 0) {
		size_t big = 200000;
		char *src = malloc(big), *dst = malloc(big + 1);
		memset(src, 'w', big);
		pid_t kid = fork();
		if (kid == 0) {
			close(pw[0]);
			_exit(fdio_write_all(pw[1], src, big) == 0 ? 0 : 1);
		}
		close(pw[1]);
		size_t got = 0;
		int r = util_read_into(pw[0], dst, big + 1, &got);
		int st = -1;
		waitpid(kid, &st, 0);
		tap_ok(r == 0 && got == big && !memcmp(src, dst, big) && WIFEXITED(st) && WEXITSTATUS(st) == 0,
		       "writer: all of %zu bytes through a pipe, in pieces", big);
		close(pw[0]);
		free(src);
		free(dst);
	}
	signal(SIGPIPE, SIG_IGN);
	if (pipe(pw) == 0) {
		close(pw[0]);
		TAP_EQ_INT(fdio_write_all(pw[1], "x", 1), -EPIPE, "writer: a closed reader is -EPIPE");
		close(pw[1]);
	}

	/* UTF-8: the one validator (util_utf8_seq) and the scrubber */
	TAP_EQ_INT(util_utf8_seq((const uint8_t *)"\xc3\xa9", 2), 2, "2-byte sequence");
	TAP_EQ_INT(util_utf8_seq((const uint8_t *)"\xf0\x9f\x98\x80", 4), 4, "4-byte sequence");
	TAP_EQ_INT(util_utf8_seq((const uint8_t *)"\xc0\xaf", 2), 0, "overlong refused");
	TAP_EQ_INT(util_utf8_seq((const uint8_t *)"\xed\xa0\x80", 3), 0, "surrogate refused");
	TAP_EQ_INT(util_utf8_seq((const uint8_t *)"\xf4\x90\x80\x80", 4), 0, "above U+10FFFF refused");
	TAP_EQ_INT(util_utf8_seq((const uint8_t *)"\xe2\x82", 2), 0, "truncated refused");
	char bad[] = "a\xff\xc3\xa9\x80z";
	util_utf8_scrub(bad, strlen(bad));
	TAP_EQ_STR(bad, "a?\xc3\xa9?z", "scrub keeps valid sequences, replaces stray bytes");

	/* the one /proc/<pid>/stat parser (procstatus.c) */
	uint64_t ms = 0;
	const char *stat = "42 (a (b) c) S 1 42 42 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 1 0 5 0 0";
	TAP_EQ_INT(procstatus_parse_cpu_ms(stat, strlen(stat), 100, &ms), 0, "stat with parentheses in comm");
	TAP_EQ_INT(ms, 3000, "utime + stime at 100 Hz");
	TAP_EQ_INT(procstatus_parse_cpu_ms("garbage", 7, 100, &ms), -EINVAL, "garbage refused");
	TAP_EQ_INT(procstatus_cpu_ms(getpid(), &ms), 0, "own process readable");
	return tap_done();
}
