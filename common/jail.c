/* jail: see jail.h. The steps and their order come from sandbox.c, where
 * they first lived (shared/research/sandbox_anchors.md §7). */
#include "jail.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define STEP(call, name)                                                                                               \
	do {                                                                                                           \
		if ((call) < 0) {                                                                                      \
			*step = (name);                                                                                \
			return -errno;                                                                                 \
		}                                                                                                      \
	} while (0)

int jail_pivot(const char *mountpoint, const char *leave_dir, int *proc_fd, const char **step)
{
	/* Nothing we mount may propagate back to the host, nor host mounts in. */
	STEP(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL), "make / private");
	/* The mount point is only that, inside our private mount namespace;
	 * whatever is under it stays hidden and untouched. One page, two
	 * inodes: the root (and the one directory left for the next level)
	 * stays empty, and a bug cannot fill memory. */
	STEP(mount("codecell", mountpoint, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=4k,nr_inodes=2,mode=0555"),
	     "mount tmpfs root");
	STEP(chdir(mountpoint), "chdir new root");
	/* pivot_root(".", ".") stacks the old root on top of the new one;
	 * detaching "." then drops the whole old tree (runc, bwrap do this).
	 * Until then the cwd is still the new root, below the old one, so
	 * relative paths name the new tmpfs. */
	STEP(syscall(SYS_pivot_root, ".", "."), "pivot_root");
	if (leave_dir)
		STEP(mkdir(leave_dir, 0555), "make the template's mount point");
	if (proc_fd) {
		/* A proc instance of our own pid namespace, mounted while the
		 * old root's proc still makes it allowed (mount_too_revealing),
		 * kept as an fd and detached at once: nothing shows in the
		 * tree. The template's run children map their own user
		 * namespace through it (template.c). */
		STEP(mount("proc", leave_dir, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL), "mount proc");
		*proc_fd = open(leave_dir, O_PATH | O_DIRECTORY);
		STEP(*proc_fd, "open proc");
		STEP(umount2(leave_dir, MNT_DETACH), "detach proc");
	}
	STEP(umount2(".", MNT_DETACH), "detach old root");
	STEP(chdir("/"), "chdir /");
	STEP(mount(NULL, "/", NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL),
	     "remount root read-only");
	return 0;
}

int jail_cover_root(const char *mountpoint, const char **step)
{
	/* Ours alone, as in jail_pivot: the clone gave us a private copy of
	 * the template's mount namespace; nothing propagates either way. */
	STEP(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL), "make / private");
	STEP(mount("codecell", mountpoint, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=4k,nr_inodes=2,mode=0555"),
	     "mount tmpfs root");
	STEP(chdir(mountpoint), "chdir new root");
	/* switch_root's move: the new tmpfs now sits on "/", over the
	 * template's root, and "." is still it; the chroot makes it the root
	 * of every path this process resolves. */
	STEP(mount(".", "/", NULL, MS_MOVE, NULL), "move the new root over /");
	STEP(chroot("."), "chroot");
	STEP(chdir("/"), "chdir /");
	STEP(mount(NULL, "/", NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL),
	     "remount root read-only");
	return 0;
}

int jail_fds(const int *src, int nsrc, int *keep, int nkeep, int keep_base, const char **step)
{
	enum { HIGH = 16 };
	int hi[JAIL_MAX_FDS];
	if (nsrc > keep_base || keep_base + nkeep > JAIL_MAX_FDS) {
		*step = "fd layout";
		return -EINVAL;
	}
	/* Each source first moves above the target range so that no dup2
	 * clobbers a later source. */
	for (int j = 0; j < nkeep; j++) {
		int h = fcntl(keep[j], F_DUPFD_CLOEXEC, HIGH);
		STEP(h, "move setup fds");
		keep[j] = h;
	}
	for (int i = 0; i < nsrc; i++) {
		hi[i] = fcntl(src[i], F_DUPFD_CLOEXEC, HIGH);
		STEP(hi[i], "move guest fds");
	}
	/* Everything below HIGH goes; then the guest's fds land in place
	 * (dup2 clears close-on-exec on the target). */
	STEP(close_range(0, HIGH - 1, 0), "close low fds");
	for (int i = 0; i < nsrc; i++)
		STEP(dup2(hi[i], i), "place guest fds");
	for (int j = 0; j < nkeep; j++) {
		STEP(dup3(keep[j], keep_base + j, O_CLOEXEC), "place setup fds");
		keep[j] = keep_base + j;
	}
	int first = keep_base + nkeep;
	STEP(close_range((unsigned)first, ~0U, 0), "close high fds");
	/* Trust but verify: nothing above may exist now (minijail's
	 * no_fd_leaks). One poll() answers for the whole range: it marks each
	 * closed fd POLLNVAL and anything open otherwise, instead of ~1000
	 * fcntl calls (measurable at this point of every run,
	 * docs/PERFORMANCE.md). */
	struct pollfd pf[JAIL_FD_CHECK_END];
	int n = JAIL_FD_CHECK_END - first;
	for (int i = 0; i < n; i++)
		pf[i] = (struct pollfd){.fd = first + i, .events = 0};
	int pr;
	do
		pr = poll(pf, (nfds_t)n, 0);
	while (pr < 0 && errno == EINTR);
	*step = "an fd survived close_range";
	if (pr >= 0) {
		for (int i = 0; i < n; i++)
			if (!(pf[i].revents & POLLNVAL))
				return -EBADFD;
	} else {
		/* EINVAL: RLIMIT_NOFILE below the range; check one by one. */
		for (int fd = first; fd < JAIL_FD_CHECK_END; fd++)
			if (fcntl(fd, F_GETFD) >= 0)
				return -EBADFD;
	}
	return 0;
}

int jail_write_at(int dirfd, const char *path, const char *text)
{
	int fd = openat(dirfd, path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	size_t n = strlen(text);
	ssize_t w = write(fd, text, n);
	int e = w < 0 ? -errno : ((size_t)w == n ? 0 : -EIO);
	if (close(fd) < 0 && e == 0)
		e = -errno;
	return e;
}

static int one_rlimit(int res, uint64_t v)
{
	struct rlimit rl = {.rlim_cur = v, .rlim_max = v};
	return setrlimit(res, &rl);
}

int jail_rlimits(const struct jail_rlimits *l, const char **step)
{
	STEP(one_rlimit(RLIMIT_CORE, 0), "RLIMIT_CORE");
	STEP(one_rlimit(RLIMIT_FSIZE, 0), "RLIMIT_FSIZE");
	STEP(one_rlimit(RLIMIT_MEMLOCK, 0), "RLIMIT_MEMLOCK");
	STEP(one_rlimit(RLIMIT_MSGQUEUE, 0), "RLIMIT_MSGQUEUE");
	STEP(one_rlimit(RLIMIT_RTPRIO, 0), "RLIMIT_RTPRIO");
	STEP(one_rlimit(RLIMIT_NICE, 0), "RLIMIT_NICE");
	STEP(one_rlimit(RLIMIT_NOFILE, l->nofile), "RLIMIT_NOFILE");
	STEP(one_rlimit(RLIMIT_STACK, l->stack_bytes), "RLIMIT_STACK");
	/* soft = hard: the kernel then sends SIGKILL, which pid-namespace init
	 * (the guest) cannot ignore, unlike the soft limit's SIGXCPU. */
	if (l->cpu_seconds)
		STEP(one_rlimit(RLIMIT_CPU, l->cpu_seconds), "RLIMIT_CPU");
	return 0;
}
