/* fsops: see fsops.h.
 *
 * The security argument: the decision engine (policydecide.c) normalised the
 * guest path lexically (so ".." can only climb virtual directories, never
 * host ones) and mapped it to exactly one mount; here the relative rest it
 * handed over is resolved by openat2(2) from the mount's directory fd with RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS |
 * RESOLVE_NO_XDEV. With symlinks refused, lexical ".." handling is exact,
 * and the kernel refuses anything that would still leave the mount. Every
 * mutation then works on (parent dir fd, single name) with *at(2) calls that
 * do not follow a final symlink. */
#include "fsops.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "guestmsg.h"
#include "jsonbytes.h"
#include "procstatus.h"
#include "runlimits.h"

/* Room for the JSON around a readFile value ({"t":"reply","id":..,"ok":true,
 * "value":{"data":"..","encoding":"base64"}}): 4 KiB is far more than needed. */
#define FSOPS_REPLY_OVERHEAD 4096u

struct mount {
	char *vpath;
	size_t vlen;
	enum policy_mount_type kind;
	char *dir; /* host directory (scratch: the one we created) */
	int fd;    /* O_PATH|O_DIRECTORY on dir */
	dev_t dev; /* the mount's filesystem: walks never leave it */
	bool writable;
	uint64_t max_bytes, max_files;
	uint64_t used_bytes, used_files;
	char rule[64];
};

struct fsops {
	struct mount m[FSOPS_MAX_MOUNTS];
	size_t n;
	uint64_t max_read;
	uint64_t max_write; /* policy filesystem.max_file_bytes: largest file a write leaves; 0 = none */
	size_t max_entries; /* policy filesystem.max_entries, at most FSOPS_MAX_DIR_ENTRIES */
	char *scratch_root; /* private temp dir holding scratch mounts, or NULL */
};

/* A guest path mapped to a mount: rel is relative to the mount's fd
 * ("" = its root); vpath is the normalised virtual path for messages. */
struct target {
	struct mount *m;
	char vpath[FSOPS_PATH_MAX + 1];
	char rel[FSOPS_PATH_MAX + 1];
};

uint64_t fsops_read_limit(uint64_t max_frame)
{
	if (max_frame <= FSOPS_REPLY_OVERHEAD)
		return 0;
	return (max_frame - FSOPS_REPLY_OVERHEAD) / 4 * 3;
}

/* ---- errors ---- */

static const char *errno_code(int err)
{
	switch (err) {
	case ENOENT: return "ENOENT";
	case EEXIST: return "EEXIST";
	case ENOTDIR: return "ENOTDIR";
	case EISDIR: return "EISDIR";
	case ENOTEMPTY: return "ENOTEMPTY";
	case EXDEV: return "EXDEV";
	case ELOOP: return "ELOOP";
	case EACCES: return "EACCES";
	case EPERM: return "EPERM";
	case EFBIG: return "EFBIG";
	case ENAMETOOLONG: return "ENAMETOOLONG";
	case EBUSY: return "EBUSY";
	case ENOSPC: return "ENOSPC";
	case EDQUOT: return "EDQUOT";
	case EROFS: return "EROFS";
	case EMFILE: return "EMFILE";
	case ENOMEM: return "ENOMEM";
	default: return "EIO";
	}
}

static const char *errno_text(int err)
{
	switch (err) {
	case ENOENT: return "no such file or directory";
	case EEXIST: return "file already exists";
	case ENOTDIR: return "not a directory";
	case EISDIR: return "illegal operation on a directory";
	case ENOTEMPTY: return "directory not empty";
	case EXDEV: return "cross-device link not permitted";
	case ELOOP: return "symbolic links are not followed";
	case EACCES: return "permission denied";
	case EPERM: return "operation not permitted";
	case ENAMETOOLONG: return "name too long";
	case EBUSY: return "resource busy or locked";
	case ENOSPC: return "no space left on device";
	case EDQUOT: return "quota exceeded";
	case EINVAL: return "invalid argument";
	default: return strerror(err);
	}
}

/* Node's message shape: "ENOENT: no such file or directory, open '/x'". */
static int sys_err(struct req_error *e, int err, const char *syscall, const char *vpath)
{
	req_error_set(e, "Error", errno_code(err), NULL, "%s: %s, %s '%s'", errno_code(err), errno_text(err), syscall,
	              vpath);
	return -err;
}

/* ---- path resolution ---- */

static int openat2_beneath(int dirfd, const char *rel, int flags, mode_t mode)
{
	struct open_how how = {
	        .flags = (uint64_t)(flags | O_CLOEXEC),
	        .mode = (flags & O_CREAT) ? mode : 0,
	        .resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS | RESOLVE_NO_XDEV,
	};
	long fd = syscall(SYS_openat2, dirfd, rel[0] ? rel : ".", &how, sizeof(how));
	return fd < 0 ? -errno : (int)fd;
}

/* Splits t->rel into its parent (opened as a directory fd) and the last
 * name. The mount root has no parent: -EBUSY. */
static int open_parent(const struct target *t, const char **name, const char *syscall, struct req_error *e)
{
	if (!t->rel[0]) {
		req_error_set(e, "Error", "EBUSY", NULL,
		              "EBUSY: %s is the root of a mount and cannot be changed, %s '%s'", t->vpath, syscall,
		              t->vpath);
		return -EBUSY;
	}
	char parent[FSOPS_PATH_MAX + 1];
	const char *slash = strrchr(t->rel, '/');
	if (slash) {
		memcpy(parent, t->rel, (size_t)(slash - t->rel));
		parent[slash - t->rel] = '\0';
		*name = slash + 1;
	} else {
		parent[0] = '\0';
		*name = t->rel;
	}
	int fd = openat2_beneath(t->m->fd, parent, O_PATH | O_DIRECTORY, 0);
	if (fd < 0)
		return sys_err(e, -fd, syscall, t->vpath);
	return fd;
}

static int components(const char *rel)
{
	if (!rel[0])
		return 0;
	int n = 1;
	for (; *rel; rel++)
		n += *rel == '/';
	return n;
}

/* Creating t must not nest deeper than walks can later follow. */
static int depth_check(const struct target *t, struct req_error *e)
{
	if (components(t->rel) <= FSOPS_MAX_DEPTH)
		return 0;
	req_error_set(e, "Error", "ENAMETOOLONG", t->m->rule,
	              "ENAMETOOLONG: directories nest deeper than %d levels below %s, create '%s'", FSOPS_MAX_DEPTH,
	              t->m->vpath, t->vpath);
	return -ENAMETOOLONG;
}

/* Opening a symlink with O_DIRECTORY | O_NOFOLLOW fails with ENOTDIR; say
 * ELOOP instead when the object at rel under dirfd is a symlink, so the
 * guest learns the real reason. */
static int refine_notdir(int err, int dirfd, const char *rel)
{
	if (err != ENOTDIR)
		return err;
	int fd = openat2_beneath(dirfd, rel, O_PATH | O_NOFOLLOW, 0);
	struct stat st;
	if (fd >= 0 && fstat(fd, &st) == 0 && S_ISLNK(st.st_mode))
		err = ELOOP;
	if (fd >= 0)
		close(fd);
	return err;
}

/* ---- quota ---- */

static int quota_check(const struct target *t, uint64_t add_bytes, uint64_t sub_bytes, uint64_t add_files,
                       struct req_error *e)
{
	const struct mount *m = t->m;
	if (m->max_files && add_files && m->used_files + add_files > m->max_files) {
		req_error_set(e, "Error", "EDQUOT", m->rule,
		              "EDQUOT: file count quota exceeded: %s allows %llu files and directories, %s '%s'",
		              m->vpath, (unsigned long long)m->max_files, "create", t->vpath);
		return -EDQUOT;
	}
	uint64_t after = m->used_bytes - (sub_bytes > m->used_bytes ? m->used_bytes : sub_bytes) + add_bytes;
	if (m->max_bytes && add_bytes > sub_bytes && after > m->max_bytes) {
		req_error_set(e, "Error", "EDQUOT", m->rule,
		              "EDQUOT: byte quota exceeded: %s allows %llu bytes and would hold %llu, write '%s'",
		              m->vpath, (unsigned long long)m->max_bytes, (unsigned long long)after, t->vpath);
		return -EDQUOT;
	}
	return 0;
}

static void quota_sub(struct mount *m, uint64_t bytes, uint64_t files)
{
	m->used_bytes = bytes > m->used_bytes ? 0 : m->used_bytes - bytes;
	m->used_files = files > m->used_files ? 0 : m->used_files - files;
}

/* Opens the directory `name` in dirfd for a walk. RESOLVE_NO_XDEV refuses a
 * mount point even when it is a bind mount of the same filesystem (same
 * st_dev), which a device comparison alone would let a recursive rm
 * descend into and empty (issue 9). EXDEV then. */
static int open_subdir(int dirfd, const char *name)
{
	struct open_how how = {
	        .flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC,
	        .resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS | RESOLVE_NO_XDEV,
	};
	long fd = syscall(SYS_openat2, dirfd, name, &how, sizeof(how));
	return fd < 0 ? -errno : (int)fd;
}

/* Walks a tree below dirfd (never following links, never crossing a mount
 * point, never leaving dev), counting or removing. *budget bounds the
 * inodes visited. */
static int walk(int dirfd, dev_t dev, int levels, bool remove, uint64_t *bytes, uint64_t *files, uint64_t *budget)
{
	int fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	DIR *d = fdopendir(fd);
	if (!d) {
		close(fd);
		return -errno;
	}
	int r = 0;
	struct dirent *de;
	while ((errno = 0, de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if ((*budget)-- == 0) {
			r = -E2BIG;
			break;
		}
		struct stat st;
		if (fstatat(dirfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
			r = -errno;
			break;
		}
		if (st.st_dev != dev) {
			r = -EXDEV;
			break;
		}
		if (S_ISDIR(st.st_mode)) {
			if (levels <= 0) {
				r = -ELOOP;
				break;
			}
			int sub = open_subdir(dirfd, de->d_name);
			if (sub < 0) {
				r = sub;
				break;
			}
			r = walk(sub, dev, levels - 1, remove, bytes, files, budget);
			close(sub);
			if (r < 0)
				break;
			if (remove && unlinkat(dirfd, de->d_name, AT_REMOVEDIR) < 0) {
				r = -errno;
				break;
			}
		} else {
			if (remove && unlinkat(dirfd, de->d_name, 0) < 0) {
				r = -errno;
				break;
			}
			if (S_ISREG(st.st_mode))
				*bytes += (uint64_t)st.st_size;
		}
		(*files)++;
	}
	if (!de && errno && r == 0)
		r = -errno;
	closedir(d);
	return r;
}

/* ---- operations ---- */

static int op_read(struct fsops *fs, const struct target *t, const struct guest_fs_req *q, cJSON **out,
                   struct req_error *e)
{
	bool want_b64 = q->base64;

	int fd = openat2_beneath(t->m->fd, t->rel, O_RDONLY | O_NOFOLLOW | O_NONBLOCK, 0);
	if (fd < 0)
		return sys_err(e, -fd, "open", t->vpath);
	struct stat st;
	int r = 0;
	uint8_t *buf = NULL;
	if (fstat(fd, &st) < 0) {
		r = sys_err(e, errno, "fstat", t->vpath);
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		r = sys_err(e, EISDIR, "read", t->vpath);
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		req_error_set(e, "Error", "EINVAL", NULL, "EINVAL: not a regular file, open '%s'", t->vpath);
		r = -EINVAL;
		goto out;
	}
	if ((uint64_t)st.st_size > fs->max_read) {
		req_error_set(e, "Error", "EFBIG", NULL,
		              "EFBIG: file too large for one read (%llu bytes > limit %llu), open '%s'",
		              (unsigned long long)st.st_size, (unsigned long long)fs->max_read, t->vpath);
		r = -EFBIG;
		goto out;
	}
	/* Read one byte past the size seen: the file may grow meanwhile, and
	 * the limit must hold for what is actually read. */
	size_t cap = (size_t)st.st_size + 1, len = 0;
	buf = malloc(cap);
	if (!buf) {
		r = sys_err(e, ENOMEM, "read", t->vpath);
		goto out;
	}
	for (;;) {
		if (len == cap) {
			if (cap > fs->max_read) {
				req_error_set(
				        e, "Error", "EFBIG", NULL,
				        "EFBIG: file too large for one read (more than limit %llu bytes), open '%s'",
				        (unsigned long long)fs->max_read, t->vpath);
				r = -EFBIG;
				goto out;
			}
			size_t ncap = cap * 2 > fs->max_read + 1 ? fs->max_read + 1 : cap * 2;
			uint8_t *nb = realloc(buf, ncap);
			if (!nb) {
				r = sys_err(e, ENOMEM, "read", t->vpath);
				goto out;
			}
			buf = nb;
			cap = ncap;
		}
		ssize_t k = read(fd, buf + len, cap - len);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			r = sys_err(e, errno, "read", t->vpath);
			goto out;
		}
		if (k == 0)
			break;
		len += (size_t)k;
	}
	if (len > fs->max_read) {
		req_error_set(e, "Error", "EFBIG", NULL,
		              "EFBIG: file too large for one read (more than limit %llu bytes), open '%s'",
		              (unsigned long long)fs->max_read, t->vpath);
		r = -EFBIG;
		goto out;
	}
	*out = cJSON_CreateObject();
	if (!*out || jsonbytes_add(*out, "data", "encoding", buf, len, want_b64) < 0) {
		cJSON_Delete(*out);
		*out = NULL;
		r = sys_err(e, ENOMEM, "read", t->vpath);
	}
out:
	free(buf);
	close(fd);
	return r;
}

static int op_write(const struct fsops *fs, const struct target *t, const struct guest_fs_req *q, bool append,
                    cJSON **out, struct req_error *e)
{
	const uint8_t *data = q->data;
	size_t n = q->data_len;
	int r;
	if (fs->max_write && n > fs->max_write) {
		req_error_set(e, "Error", "EFBIG", t->m->rule,
		              "EFBIG: file too large (%zu bytes > the policy's max_file_bytes %llu), open '%s'", n,
		              (unsigned long long)fs->max_write, t->vpath);
		return -EFBIG;
	}
	const char *name;
	int pfd = open_parent(t, &name, "open", e);
	if (pfd < 0)
		return pfd;
	struct stat st;
	bool exists = fstatat(pfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0;
	if (!exists && errno != ENOENT) {
		r = sys_err(e, errno, "open", t->vpath);
		goto out_parent;
	}
	if (exists && S_ISLNK(st.st_mode)) {
		r = sys_err(e, ELOOP, "open", t->vpath);
		goto out_parent;
	}
	if (exists && S_ISDIR(st.st_mode)) {
		r = sys_err(e, EISDIR, "open", t->vpath);
		goto out_parent;
	}
	if (exists && !S_ISREG(st.st_mode)) {
		req_error_set(e, "Error", "EINVAL", NULL, "EINVAL: not a regular file, open '%s'", t->vpath);
		r = -EINVAL;
		goto out_parent;
	}
	if (!exists && ((r = depth_check(t, e)) < 0 || (r = quota_check(t, 0, 0, 1, e)) < 0))
		goto out_parent;
	int flags = O_WRONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | (exists ? 0 : O_EXCL);
	int fd = openat(pfd, name, flags, 0644);
	if (fd < 0) {
		r = sys_err(e, errno, "open", t->vpath);
		goto out_parent;
	}
	if (fstat(fd, &st) < 0) {
		r = sys_err(e, errno, "open", t->vpath);
		goto out_fd;
	}
	if (!S_ISREG(st.st_mode)) {
		req_error_set(e, "Error", "EINVAL", NULL, "EINVAL: not a regular file, open '%s'", t->vpath);
		r = -EINVAL;
		goto out_fd;
	}
	/* A second hard link may live outside every mount (put there by
	 * the host); writing through it would change a file policy never named. */
	if (st.st_nlink > 1) {
		req_error_set(e, "PermissionDenied", "EACCES", t->m->rule,
		              "%s has several hard links; writing it is not allowed by policy", t->vpath);
		r = -EACCES;
		goto out_fd;
	}
	uint64_t old = (uint64_t)st.st_size;
	/* An append may not grow the file past max_file_bytes either. */
	if (append && fs->max_write && old + n > fs->max_write) {
		req_error_set(e, "Error", "EFBIG", t->m->rule,
		              "EFBIG: file too large (%llu bytes after the append > the policy's max_file_bytes %llu), "
		              "open '%s'",
		              (unsigned long long)(old + n), (unsigned long long)fs->max_write, t->vpath);
		r = -EFBIG;
		goto out_fd;
	}
	r = append ? quota_check(t, n, 0, 0, e) : quota_check(t, n, old, 0, e);
	if (r < 0) {
		if (!exists)
			unlinkat(pfd, name, 0);
		goto out_fd;
	}
	/* A failed write changes nothing (issue 9): writeFile fills a new file
	 * beside the target and renames it over the target only when every
	 * byte is written; appendFile cuts the file back to its old size. */
	static unsigned long tmp_seq;
	char tmp[64] = "";
	int wfd = fd;
	if (!append) {
		snprintf(tmp, sizeof(tmp), ".codecell-write-%d-%lu", (int)getpid(), ++tmp_seq);
		wfd = openat(pfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
		if (wfd < 0) {
			r = sys_err(e, errno, "open", t->vpath);
			if (!exists)
				unlinkat(pfd, name, 0);
			goto out_fd;
		}
		if (exists)
			fchmod(wfd, st.st_mode & 07777);
	} else if (lseek(fd, 0, SEEK_END) < 0) {
		r = sys_err(e, errno, "write", t->vpath);
		goto out_fd;
	}
	size_t done = 0;
	while (done < n) {
		ssize_t k = write(wfd, data + done, n - done);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (k == 0) {
			errno = ENOSPC;
			break;
		}
		done += (size_t)k;
	}
	int werr = done < n ? errno : 0;
	if (!werr && !append && renameat(pfd, tmp, pfd, name) < 0)
		werr = errno;
	if (werr) {
		if (!append) {
			close(wfd);
			unlinkat(pfd, tmp, 0);
			if (!exists)
				unlinkat(pfd, name, 0);
		} else if (ftruncate(fd, (off_t)old) < 0) {
			/* nothing more to do: the error is reported below */
		}
		r = sys_err(e, werr, "write", t->vpath);
		goto out_fd;
	}
	if (!append)
		close(wfd);
	if (!exists)
		t->m->used_files++;
	quota_sub(t->m, old, 0);
	t->m->used_bytes += append ? old + n : n;
	*out = cJSON_CreateNull();
	r = 0;
out_fd:
	close(fd);
out_parent:
	close(pfd);
	return r;
}

static const char *type_name(mode_t mode)
{
	if (S_ISREG(mode))
		return "file";
	if (S_ISDIR(mode))
		return "directory";
	if (S_ISLNK(mode))
		return "symlink";
	return "other";
}

static int cmp_names(const void *a, const void *b)
{
	const cJSON *x = *(const cJSON *const *)a, *y = *(const cJSON *const *)b;
	return strcmp(cJSON_GetObjectItemCaseSensitive(x, "name")->valuestring,
	              cJSON_GetObjectItemCaseSensitive(y, "name")->valuestring);
}

static int op_readdir(struct fsops *fs, const struct target *t, cJSON **out, struct req_error *e)
{
	int fd = openat2_beneath(t->m->fd, t->rel, O_RDONLY | O_DIRECTORY | O_NOFOLLOW, 0);
	if (fd < 0)
		return sys_err(e, refine_notdir(-fd, t->m->fd, t->rel), "scandir", t->vpath);
	DIR *d = fdopendir(fd);
	if (!d) {
		int err = errno;
		close(fd);
		return sys_err(e, err, "scandir", t->vpath);
	}
	cJSON **items = calloc(fs->max_entries, sizeof(*items));
	size_t count = 0, bytes = 0, skipped = 0;
	int r = 0;
	if (!items) {
		r = sys_err(e, ENOMEM, "scandir", t->vpath);
		goto out;
	}
	struct dirent *de;
	while ((de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		size_t nl = strlen(de->d_name);
		/* Names that are not UTF-8 cannot be represented in a JSON
		 * string faithfully; they are counted, not returned. */
		if (!jsonbytes_is_utf8((const uint8_t *)de->d_name, nl)) {
			skipped++;
			continue;
		}
		if (count == fs->max_entries || bytes + nl + 64 > fs->max_read) {
			req_error_set(e, "Error", "E2BIG", NULL,
			              "E2BIG: directory has too many entries for one reply (limit %zu), scandir '%s'",
			              fs->max_entries, t->vpath);
			r = -E2BIG;
			goto out;
		}
		struct stat st;
		const char *type = "other";
		if (fstatat(fd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0)
			type = type_name(st.st_mode);
		cJSON *it = cJSON_CreateObject();
		if (!it || !cJSON_AddStringToObject(it, "name", de->d_name) ||
		    !cJSON_AddStringToObject(it, "type", type)) {
			cJSON_Delete(it);
			r = sys_err(e, ENOMEM, "scandir", t->vpath);
			goto out;
		}
		items[count++] = it;
		bytes += nl + 64;
	}
	qsort(items, count, sizeof(*items), cmp_names);
	cJSON *obj = cJSON_CreateObject();
	cJSON *arr = cJSON_CreateArray();
	if (!obj || !arr) {
		cJSON_Delete(obj);
		cJSON_Delete(arr);
		r = sys_err(e, ENOMEM, "scandir", t->vpath);
		goto out;
	}
	for (size_t i = 0; i < count; i++)
		cJSON_AddItemToArray(arr, items[i]);
	count = 0;
	cJSON_AddItemToObject(obj, "entries", arr);
	cJSON_AddNumberToObject(obj, "skipped", (double)skipped);
	*out = obj;
out:
	for (size_t i = 0; i < count; i++)
		cJSON_Delete(items[i]);
	free(items);
	closedir(d);
	return r;
}

static double ms(struct timespec ts)
{
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static int op_stat(const struct target *t, bool follow_ok, cJSON **out, struct req_error *e)
{
	const char *sc = follow_ok ? "stat" : "lstat";
	int fd = openat2_beneath(t->m->fd, t->rel, O_PATH | O_NOFOLLOW, 0);
	if (fd < 0)
		return sys_err(e, -fd, sc, t->vpath);
	struct stat st;
	int r = fstat(fd, &st) < 0 ? -errno : 0;
	close(fd);
	if (r < 0)
		return sys_err(e, -r, sc, t->vpath);
	/* stat would follow a final symlink; links are never followed here. */
	if (follow_ok && S_ISLNK(st.st_mode))
		return sys_err(e, ELOOP, sc, t->vpath);
	cJSON *o = cJSON_CreateObject();
	if (!o || !cJSON_AddStringToObject(o, "type", type_name(st.st_mode)) ||
	    !cJSON_AddNumberToObject(o, "size", (double)st.st_size) ||
	    !cJSON_AddNumberToObject(o, "mode", (double)st.st_mode) ||
	    !cJSON_AddNumberToObject(o, "mtimeMs", ms(st.st_mtim)) ||
	    !cJSON_AddNumberToObject(o, "atimeMs", ms(st.st_atim)) ||
	    !cJSON_AddNumberToObject(o, "ctimeMs", ms(st.st_ctim))) {
		cJSON_Delete(o);
		return sys_err(e, ENOMEM, sc, t->vpath);
	}
	*out = o;
	return 0;
}

static int op_mkdir(const struct target *t, const struct guest_fs_req *q, cJSON **out, struct req_error *e)
{
	bool recursive = q->recursive;
	int r;
	if ((r = depth_check(t, e)) < 0)
		return r;
	if (!recursive) {
		const char *name;
		int pfd = open_parent(t, &name, "mkdir", e);
		if (pfd < 0)
			return pfd;
		if ((r = quota_check(t, 0, 0, 1, e)) == 0) {
			if (mkdirat(pfd, name, 0755) < 0) {
				r = sys_err(e, errno, "mkdir", t->vpath);
			} else {
				t->m->used_files++;
				*out = cJSON_CreateNull();
			}
		}
		close(pfd);
		return r;
	}
	/* Component by component from the mount root, each opened with
	 * openat2 so an existing symlink stops the walk. Node returns the
	 * first directory created, or undefined when all existed. */
	int cur = dup(t->m->fd);
	if (cur < 0)
		return sys_err(e, errno, "mkdir", t->vpath);
	char first[FSOPS_PATH_MAX + 1] = "";
	char rel[FSOPS_PATH_MAX + 1];
	snprintf(rel, sizeof(rel), "%s", t->rel);
	size_t vdone = t->m->vlen;
	char *save = NULL;
	for (char *c = strtok_r(rel, "/", &save); c; c = strtok_r(NULL, "/", &save)) {
		vdone += 1 + strlen(c);
		int next = openat2_beneath(cur, c, O_PATH | O_DIRECTORY | O_NOFOLLOW, 0);
		if (next == -ENOENT) {
			if ((r = quota_check(t, 0, 0, 1, e)) < 0)
				break;
			if (mkdirat(cur, c, 0755) < 0 && errno != EEXIST) {
				r = sys_err(e, errno, "mkdir", t->vpath);
				break;
			}
			t->m->used_files++;
			if (!first[0])
				snprintf(first, sizeof(first), "%.*s", (int)vdone, t->vpath);
			next = openat2_beneath(cur, c, O_PATH | O_DIRECTORY | O_NOFOLLOW, 0);
		}
		if (next < 0) {
			r = sys_err(e, refine_notdir(-next, cur, c), "mkdir", t->vpath);
			break;
		}
		close(cur);
		cur = next;
	}
	close(cur);
	if (r == 0)
		*out = first[0] ? cJSON_CreateString(first) : cJSON_CreateNull();
	return r;
}

static int op_rm(const struct target *t, const struct guest_fs_req *q, cJSON **out, struct req_error *e)
{
	const char *op = guestmsg_fs_op_name(q->op);
	bool recursive = q->recursive, force = q->force;
	int r;
	const char *name;
	int pfd = open_parent(t, &name, op, e);
	if (pfd < 0) {
		if (force && pfd == -ENOENT) {
			*out = cJSON_CreateNull();
			return 0;
		}
		return pfd;
	}
	struct stat st;
	if (fstatat(pfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		r = (force && errno == ENOENT) ? 0 : sys_err(e, errno, op, t->vpath);
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		if (strcmp(op, "unlink") == 0) {
			r = sys_err(e, EISDIR, op, t->vpath);
			goto out;
		}
		if (strcmp(op, "rmdir") == 0 || !recursive) {
			if (strcmp(op, "rm") == 0) {
				req_error_set(e, "Error", "ERR_FS_EISDIR", NULL,
				              "Path is a directory: rm returned EISDIR (is a directory) %s", t->vpath);
				r = -EISDIR;
				goto out;
			}
			if (unlinkat(pfd, name, AT_REMOVEDIR) < 0) {
				r = sys_err(e, errno, op, t->vpath);
				goto out;
			}
			quota_sub(t->m, 0, 1);
			goto done;
		}
		int dfd = open_subdir(pfd, name);
		if (dfd < 0) {
			r = sys_err(e, -dfd, op, t->vpath);
			goto out;
		}
		uint64_t bytes = 0, files = 0, budget = FSOPS_SCAN_MAX_INODES;
		r = walk(dfd, t->m->dev, FSOPS_MAX_DEPTH, true, &bytes, &files, &budget);
		close(dfd);
		quota_sub(t->m, bytes, files);
		if (r == 0 && unlinkat(pfd, name, AT_REMOVEDIR) < 0)
			r = -errno;
		if (r < 0) {
			r = sys_err(e, -r, op, t->vpath);
			goto out;
		}
		quota_sub(t->m, 0, 1);
		goto done;
	}
	if (strcmp(op, "rmdir") == 0) {
		r = sys_err(e, ENOTDIR, op, t->vpath);
		goto out;
	}
	if (unlinkat(pfd, name, 0) < 0) {
		r = sys_err(e, errno, op, t->vpath);
		goto out;
	}
	quota_sub(t->m, S_ISREG(st.st_mode) ? (uint64_t)st.st_size : 0, 1);
done:
	r = 0;
out:
	close(pfd);
	if (r == 0)
		*out = cJSON_CreateNull();
	return r;
}

static int op_rename(const struct target *from, const struct target *to, cJSON **out, struct req_error *e)
{
	int r;
	if (from->m != to->m) {
		req_error_set(e, "Error", "EXDEV", NULL, "EXDEV: cross-device link not permitted, rename '%s' -> '%s'",
		              from->vpath, to->vpath);
		r = -EXDEV;
		goto out_free;
	}
	const char *n1, *n2;
	int p1 = open_parent(from, &n1, "rename", e);
	if (p1 < 0) {
		r = p1;
		goto out_free;
	}
	int p2 = open_parent(to, &n2, "rename", e);
	if (p2 < 0) {
		r = p2;
		close(p1);
		goto out_free;
	}
	struct stat old, src;
	bool replaced = fstatat(p2, n2, &old, AT_SYMLINK_NOFOLLOW) == 0;
	/* A directory moved deeper must still fit FSOPS_MAX_DEPTH. */
	int dto = components(to->rel), dfrom = components(from->rel);
	if (dto > dfrom && fstatat(p1, n1, &src, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(src.st_mode)) {
		int dfd = open_subdir(p1, n1);
		uint64_t b = 0, f = 0, budget = FSOPS_SCAN_MAX_INODES;
		int w = dfd < 0 ? dfd : walk(dfd, from->m->dev, FSOPS_MAX_DEPTH - dto, false, &b, &f, &budget);
		if (dfd >= 0)
			close(dfd);
		if (w < 0) {
			req_error_set(
			        e, "Error", w == -ELOOP ? "ENAMETOOLONG" : errno_code(-w), NULL,
			        "%s: the moved tree would nest deeper than %d levels or could not be measured, rename "
			        "'%s' -> '%s'",
			        w == -ELOOP ? "ENAMETOOLONG" : errno_code(-w), FSOPS_MAX_DEPTH, from->vpath, to->vpath);
			r = w == -ELOOP ? -ENAMETOOLONG : w;
			close(p1);
			close(p2);
			goto out_free;
		}
	}
	if (renameat(p1, n1, p2, n2) < 0) {
		int err = errno;
		req_error_set(e, "Error", errno_code(err), NULL, "%s: %s, rename '%s' -> '%s'", errno_code(err),
		              errno_text(err), from->vpath, to->vpath);
		r = -err;
	} else {
		if (replaced && !S_ISDIR(old.st_mode))
			quota_sub(from->m, S_ISREG(old.st_mode) ? (uint64_t)old.st_size : 0, 1);
		else if (replaced)
			quota_sub(from->m, 0, 1);
		*out = cJSON_CreateNull();
		r = 0;
	}
	close(p1);
	close(p2);
out_free:
	return r;
}

/* The executor's view of one decided path. The decision must be ALLOW
 * (an ASK is executed only once approved, and then handed over as ALLOW),
 * and must have been made for this operation's kind of access. */
static int target_of(struct fsops *fs, const struct guest_fs_req *q, const struct policy_fs_decision *d,
                     struct target *t, struct req_error *e)
{
	if (!d || d->verdict != POLICY_ALLOW || d->write != guestmsg_fs_op_writes(q->op) || d->mount_index >= fs->n ||
	    (d->write && !fs->m[d->mount_index].writable)) {
		req_error_set(e, "PermissionDenied", "EACCES", "fs.default",
		              "%s access to %.200s was not decided by policy",
		              guestmsg_fs_op_writes(q->op) ? "write" : "read", q->path ? q->path : "?");
		return -EACCES;
	}
	t->m = &fs->m[d->mount_index];
	snprintf(t->vpath, sizeof(t->vpath), "%s", d->vpath);
	snprintf(t->rel, sizeof(t->rel), "%s", d->rel);
	if (t->m->fd < 0) {
		/* A workspace mount the host named no directory for. */
		req_error_set(e, "PermissionDenied", "EACCES", t->m->rule,
		              "%s access to %s is not allowed: the host gave no workspace directory for this run",
		              d->write ? "write" : "read", t->vpath);
		return -EACCES;
	}
	return 0;
}

int fsops_exec(struct fsops *fs, const struct guest_fs_req *q, const struct policy_fs_decision *d,
               const struct policy_fs_decision *to_d, cJSON **reply_value, struct req_error *e)
{
	memset(e, 0, sizeof(*e));
	*reply_value = NULL;
	struct target *t = calloc(q->op == GUEST_FS_RENAME ? 2 : 1, sizeof(*t));
	if (!t) {
		req_error_set(e, "Error", "ENOMEM", NULL, "out of memory");
		return -ENOMEM;
	}
	int r = target_of(fs, q, d, t, e);
	if (r == 0 && q->op == GUEST_FS_RENAME)
		r = target_of(fs, q, to_d, t + 1, e);
	if (r < 0)
		goto out;
	switch (q->op) {
	case GUEST_FS_READ_FILE: r = op_read(fs, t, q, reply_value, e); break;
	case GUEST_FS_WRITE_FILE: r = op_write(fs, t, q, false, reply_value, e); break;
	case GUEST_FS_APPEND_FILE: r = op_write(fs, t, q, true, reply_value, e); break;
	case GUEST_FS_READDIR: r = op_readdir(fs, t, reply_value, e); break;
	case GUEST_FS_STAT: r = op_stat(t, true, reply_value, e); break;
	case GUEST_FS_LSTAT: r = op_stat(t, false, reply_value, e); break;
	case GUEST_FS_ACCESS:
		r = op_stat(t, false, reply_value, e);
		if (r == 0) {
			cJSON_Delete(*reply_value);
			*reply_value = cJSON_CreateNull();
		}
		break;
	case GUEST_FS_MKDIR: r = op_mkdir(t, q, reply_value, e); break;
	case GUEST_FS_RENAME: r = op_rename(t, t + 1, reply_value, e); break;
	default: r = op_rm(t, q, reply_value, e); break;
	}
	if (r == 0 && !*reply_value) {
		req_error_set(e, "Error", "ENOMEM", NULL, "out of memory");
		r = -ENOMEM;
	}
out:
	free(t);
	return r;
}

/* ---- lifecycle ---- */

static const char *scratch_parent_dir(const char *parent)
{
	if (!parent)
		parent = getenv("TMPDIR");
	if (!parent || !*parent)
		parent = "/tmp";
	return parent;
}

/* Our own start time, read once: it names our scratch roots. */
static unsigned long long self_starttime(void)
{
	static unsigned long long t;
	struct procstat ps;
	if (!t && procstatus_read_stat(getpid(), &ps) == 0)
		t = ps.starttime;
	return t;
}

static int make_scratch_root(struct fsops *fs, const char *parent, char *err, size_t errlen)
{
	parent = scratch_parent_dir(parent);
	size_t n = strlen(parent) + 80;
	fs->scratch_root = malloc(n);
	if (!fs->scratch_root)
		return -ENOMEM;
	snprintf(fs->scratch_root, n, "%s/" FSOPS_SCRATCH_PREFIX "%d-%llu-XXXXXX", parent, (int)getpid(),
	         self_starttime());
	/* mkdtemp makes a fresh 0700 directory with an unpredictable name: no
	 * other user can pre-create or enter it (bwrap CVE-2019-12439). */
	if (!mkdtemp(fs->scratch_root)) {
		int e = errno;
		snprintf(err, errlen, "cannot create a scratch directory under %s: %s", parent, strerror(e));
		free(fs->scratch_root);
		fs->scratch_root = NULL;
		return -e;
	}
	return 0;
}

struct fsops *fsops_create(const struct policy_fs *pf, const char *workspace, uint64_t max_read,
                           const char *scratch_parent, char *err, size_t errlen)
{
	if (pf->n_mounts > FSOPS_MAX_MOUNTS) {
		snprintf(err, errlen, "too many filesystem mounts (%zu > %d)", pf->n_mounts, FSOPS_MAX_MOUNTS);
		return NULL;
	}
	struct fsops *fs = calloc(1, sizeof(*fs));
	if (!fs) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	fs->max_read = max_read ? max_read : fsops_read_limit(LIMITS_DEFAULT_MAX_FRAME);
	fs->max_write = pf->max_file_bytes;
	fs->max_entries = pf->max_entries && pf->max_entries < FSOPS_MAX_DIR_ENTRIES ? (size_t)pf->max_entries
	                                                                             : FSOPS_MAX_DIR_ENTRIES;
	for (size_t i = 0; i < pf->n_mounts; i++) {
		const struct policy_mount *c = &pf->mounts[i];
		struct mount *m = &fs->m[i];
		m->fd = -1;
		fs->n = i + 1;
		m->vpath = strdup(c->path);
		m->vlen = m->vpath ? strlen(m->vpath) : 0;
		m->kind = c->type;
		/* A scratch directory is the run's own: always writable. */
		m->writable = c->writable || c->type == POLICY_MOUNT_SCRATCH;
		m->max_bytes = c->max_bytes;
		m->max_files = c->max_files;
		snprintf(m->rule, sizeof(m->rule), "%s", c->rule ? c->rule : "fs.mounts");
		if (!m->vpath) {
			snprintf(err, errlen, "out of memory");
			goto fail;
		}
		if (c->type == POLICY_MOUNT_WORKSPACE && !workspace)
			continue; /* absent: its requests fail, the run goes on */
		if (c->type == POLICY_MOUNT_SCRATCH) {
			if (!fs->scratch_root && make_scratch_root(fs, scratch_parent, err, errlen) < 0)
				goto fail;
			size_t n = strlen(fs->scratch_root) + 16;
			m->dir = malloc(n);
			if (m->dir) {
				snprintf(m->dir, n, "%s/%zu", fs->scratch_root, i);
				if (mkdir(m->dir, 0700) < 0) {
					snprintf(err, errlen, "cannot create scratch directory %s: %s", m->dir,
					         strerror(errno));
					goto fail;
				}
			}
		} else {
			const char *host = c->type == POLICY_MOUNT_WORKSPACE ? workspace : c->source;
			if (!host || host[0] != '/') {
				snprintf(err, errlen, "mount %s: host directory must be an absolute path", c->path);
				goto fail;
			}
			m->dir = strdup(host);
		}
		if (!m->dir) {
			snprintf(err, errlen, "out of memory");
			goto fail;
		}
		/* The operator's path is trusted and may contain symlinks. */
		m->fd = open(m->dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
		struct stat st;
		if (m->fd < 0 || fstat(m->fd, &st) < 0) {
			snprintf(err, errlen, "mount %s: cannot open %s: %s", c->path, m->dir, strerror(errno));
			goto fail;
		}
		m->dev = st.st_dev;
		if (m->writable && (m->max_bytes || m->max_files)) {
			int dfd = openat(m->fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
			uint64_t budget = FSOPS_SCAN_MAX_INODES;
			int r = dfd < 0 ? -errno
			                : walk(dfd, m->dev, FSOPS_MAX_DEPTH, false, &m->used_bytes, &m->used_files,
			                       &budget);
			if (dfd >= 0)
				close(dfd);
			if (r < 0) {
				snprintf(err, errlen, "mount %s: cannot measure %s for its quota: %s", c->path, m->dir,
				         r == -E2BIG ? "more than the scan limit of inodes" : strerror(-r));
				goto fail;
			}
		}
	}
	return fs;
fail:
	fsops_destroy(fs);
	return NULL;
}

/* Parses "PID-STARTTIME-XXXXXX" after the prefix. */
static int parse_scratch_name(const char *s, pid_t *pid, unsigned long long *start)
{
	char *end;
	errno = 0;
	long p = strtol(s, &end, 10);
	if (errno || end == s || *end != '-' || p <= 0 || p > INT32_MAX)
		return -EINVAL;
	s = end + 1;
	unsigned long long t = strtoull(s, &end, 10);
	if (errno || end == s || *end != '-' || strlen(end + 1) != 6)
		return -EINVAL;
	*pid = (pid_t)p;
	*start = t;
	return 0;
}

int fsops_cleanup_stale(const char *parent)
{
	parent = scratch_parent_dir(parent);
	int pfd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (pfd < 0)
		return -errno;
	DIR *d = fdopendir(pfd);
	if (!d) {
		int e = -errno;
		close(pfd);
		return e;
	}
	int removed = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		pid_t pid;
		unsigned long long start;
		if (strncmp(de->d_name, FSOPS_SCRATCH_PREFIX, strlen(FSOPS_SCRATCH_PREFIX)) != 0 ||
		    parse_scratch_name(de->d_name + strlen(FSOPS_SCRATCH_PREFIX), &pid, &start) < 0)
			continue;
		/* Alive when a process with that pid exists and started at that
		 * time; a pid reused since has another start time. */
		struct procstat ps;
		int r = procstatus_read_stat(pid, &ps);
		if (pid == getpid() || (r == 0 && ps.starttime == start) || (r < 0 && r != -ENOENT))
			continue;
		struct stat st;
		if (fstatat(pfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISDIR(st.st_mode) ||
		    st.st_uid != geteuid())
			continue;
		int dfd = openat(pfd, de->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (dfd < 0)
			continue;
		uint64_t b = 0, f = 0, budget = UINT64_MAX;
		walk(dfd, st.st_dev, FSOPS_MAX_DEPTH + 1, true, &b, &f, &budget);
		close(dfd);
		if (unlinkat(pfd, de->d_name, AT_REMOVEDIR) == 0)
			removed++;
	}
	closedir(d);
	return removed;
}

const char *fsops_mount_dir(const struct fsops *fs, const char *vpath)
{
	for (size_t i = 0; fs && i < fs->n; i++)
		if (fs->m[i].vpath && strcmp(fs->m[i].vpath, vpath) == 0)
			return fs->m[i].dir;
	return NULL;
}

void fsops_destroy(struct fsops *fs)
{
	if (!fs)
		return;
	for (size_t i = 0; i < fs->n; i++) {
		if (fs->m[i].fd >= 0)
			close(fs->m[i].fd);
		free(fs->m[i].vpath);
		free(fs->m[i].dir);
	}
	if (fs->scratch_root) {
		int dfd = open(fs->scratch_root, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (dfd >= 0) {
			struct stat st;
			uint64_t b = 0, f = 0, budget = UINT64_MAX;
			if (fstat(dfd, &st) == 0)
				walk(dfd, st.st_dev, FSOPS_MAX_DEPTH + 1, true, &b, &f, &budget);
			close(dfd);
		}
		rmdir(fs->scratch_root);
		free(fs->scratch_root);
	}
	free(fs);
}
