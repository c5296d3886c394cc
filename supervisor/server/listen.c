/* listen: see listen.h. */
#include "listen.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

/* Whether a server answers at path: a stale file (its server killed)
 * refuses the connection; a live one accepts it. */
static bool someone_listens(const struct sockaddr_un *sa)
{
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return false;
	bool live = connect(fd, (const struct sockaddr *)sa, sizeof(*sa)) == 0;
	close(fd);
	return live;
}

int listen_unix(const char *path, mode_t mode, gid_t gid, char *err, size_t errlen)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	if (strlen(path) >= sizeof(sa.sun_path)) {
		snprintf(err, errlen, "socket path longer than %zu bytes: %s", sizeof(sa.sun_path) - 1, path);
		return -ENAMETOOLONG;
	}
	strcpy(sa.sun_path, path);
	struct stat st;
	if (lstat(path, &st) == 0) {
		/* Never remove something that is not a socket: a typo in the
		 * path must not delete a file. */
		if (!S_ISSOCK(st.st_mode)) {
			snprintf(err, errlen, "%s exists and is not a socket; not removing it", path);
			return -EEXIST;
		}
		if (someone_listens(&sa)) {
			snprintf(err, errlen, "another server is listening on %s", path);
			return -EADDRINUSE;
		}
		if (unlink(path) < 0 && errno != ENOENT) {
			int e = -errno;
			snprintf(err, errlen, "cannot remove the stale socket %s: %s", path, strerror(errno));
			return e;
		}
	}
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0) {
		int e = -errno;
		snprintf(err, errlen, "socket: %s", strerror(errno));
		return e;
	}
	/* Bind with no access for anyone, then open it up: between bind and
	 * chmod a client of the wrong group must not connect. */
	mode_t old = umask(0777);
	int b = bind(fd, (struct sockaddr *)&sa, sizeof(sa));
	int be = errno;
	umask(old);
	if (b < 0) {
		snprintf(err, errlen, "bind %s: %s", path, strerror(be));
		close(fd);
		return -be;
	}
	if ((gid != (gid_t)-1 && chown(path, (uid_t)-1, gid) < 0) || chmod(path, mode) < 0 ||
	    listen(fd, LISTEN_BACKLOG) < 0) {
		int e = -errno;
		snprintf(err, errlen, "setting up %s: %s", path, strerror(errno));
		unlink(path);
		close(fd);
		return e;
	}
	return fd;
}

int listen_activated(char *err, size_t errlen)
{
	const char *pid = getenv("LISTEN_PID"), *fds = getenv("LISTEN_FDS");
	int r = -1;
	if (pid && fds) {
		char *end;
		long p = strtol(pid, &end, 10);
		long n = strtol(fds, &end, 10);
		if (p == (long)getpid() && *end == '\0' && n >= 1) {
			if (n > 1) {
				snprintf(err, errlen, "socket activation passed %ld sockets; the unit must pass one",
				         n);
				r = -EINVAL;
			} else {
				/* SD_LISTEN_FDS_START: the first passed fd is 3. */
				r = 3;
				int fl = fcntl(r, F_GETFD);
				int sl = fcntl(r, F_GETFL);
				int acc = 0;
				socklen_t al = sizeof acc;
				struct stat st;
				/* It must be a listening socket: a unit that passed
				 * something else is told so, not served on. */
				if (fl < 0 || sl < 0 || fstat(r, &st) < 0 || !S_ISSOCK(st.st_mode) ||
				    getsockopt(r, SOL_SOCKET, SO_ACCEPTCONN, &acc, &al) < 0 || !acc) {
					snprintf(err, errlen, "socket activation: fd 3 is not a listening socket");
					r = -EBADF;
				} else {
					fcntl(r, F_SETFD, fl | FD_CLOEXEC);
					fcntl(r, F_SETFL, sl | O_NONBLOCK);
				}
			}
		}
	}
	unsetenv("LISTEN_PID");
	unsetenv("LISTEN_FDS");
	unsetenv("LISTEN_FDNAMES");
	return r;
}

int listen_parse_mode(const char *s, mode_t *out)
{
	char *end;
	errno = 0;
	unsigned long m = strtoul(s, &end, 8);
	if (errno || *end || end == s || m > 0777)
		return -EINVAL;
	*out = (mode_t)m;
	return 0;
}

int listen_parse_group(const char *s, gid_t *out)
{
	struct group *g = getgrnam(s);
	if (g) {
		*out = g->gr_gid;
		return 0;
	}
	char *end;
	errno = 0;
	unsigned long n = strtoul(s, &end, 10);
	if (errno || *end || end == s)
		return -ENOENT;
	*out = (gid_t)n;
	return 0;
}
