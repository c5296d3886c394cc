/* filter: see filter.h. No libseccomp here: the guest is static and the
 * supervisor already compiled the program; this only moves bytes into the
 * kernel. No allocation, so it is safe as the very first act of main(). */
#include "filter.h"

#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

_Static_assert(FILTER_MAX_BYTES == BPF_MAXINSNS * sizeof(struct sock_filter),
               "FILTER_MAX_BYTES must match the kernel's program limit");

/* One spare instruction so that an oversized program is seen, not
 * truncated. The template guest keeps the program here for its children. */
static struct sock_filter prog[BPF_MAXINSNS + 1];
static size_t prog_len;

int filter_read_from_fd(int fd)
{
	uint8_t *buf = (uint8_t *)prog;
	size_t len = 0;
	int ret = 0;

	for (;;) {
		if (len == sizeof prog) {
			ret = -E2BIG;
			break;
		}
		ssize_t n = read(fd, buf + len, sizeof prog - len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			ret = -errno;
			break;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	/* Close before loading: once the filter is in, close(2) is forbidden
	 * and the fd would leak into the guest's lifetime. */
	if (close(fd) < 0 && ret == 0)
		ret = -errno;
	if (ret < 0)
		return ret;
	if (len == 0 || len > FILTER_MAX_BYTES || len % sizeof(struct sock_filter) != 0)
		return -EINVAL;
	prog_len = len;
	return 0;
}

int filter_load(void)
{
	size_t len = prog_len;
	if (len == 0)
		return -EINVAL;

	/* execve made the process dumpable again. Undo that before any
	 * untrusted byte is read: no core dump of guest memory reaches a host
	 * core_pattern helper, and no host process sharing the guest's outside
	 * uid can ptrace it. prctl is forbidden once the filter is in. */
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
		return -errno;

	struct sock_fprog fprog = {
	        .len = (unsigned short)(len / sizeof(struct sock_filter)),
	        .filter = prog,
	};
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fprog) != 0)
		return -errno;
	return 0;
}

int filter_load_from_fd(int fd)
{
	int r = filter_read_from_fd(fd);
	return r < 0 ? r : filter_load();
}
