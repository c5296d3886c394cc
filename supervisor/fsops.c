/* fsops: see fsops.h.
 *
 * The security argument: a guest path is normalised lexically (so ".." can
 * only climb virtual directories, never host ones), mapped to exactly one
 * mount, and the rest is resolved by openat2(2) from the mount's directory
 * fd with RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS |
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

#include "jsonbytes.h"
#include "runlimits.h"

/* Room for the JSON around a readFile value ({"t":"reply","id":..,"ok":true,
 * "value":{"data":"..","encoding":"base64"}}): 4 KiB is far more than needed. */
#define FSOPS_REPLY_OVERHEAD 4096u

struct mount {
	char *vpath;
	size_t vlen;
	enum fsops_mount_kind kind;
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

static void set_err(struct fsops_error *e, const char *name, const char *code, const char *rule, const char *fmt, ...)
        __attribute__((format(printf, 5, 6)));

static void set_err(struct fsops_error *e, const char *name, const char *code, const char *rule, const char *fmt, ...)
{
	snprintf(e->name, sizeof(e->name), "%s", name);
	snprintf(e->code, sizeof(e->code), "%s", code ? code : "");
	snprintf(e->rule, sizeof(e->rule), "%s", rule ? rule : "");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->message, sizeof(e->message), fmt, ap);
	va_end(ap);
}

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
static int sys_err(struct fsops_error *e, int err, const char *syscall, const char *vpath)
{
	set_err(e, "Error", errno_code(err), NULL, "%s: %s, %s '%s'", errno_code(err), errno_text(err), syscall, vpath);
	return -err;
}

static int proto_err(struct fsops_error *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int proto_err(struct fsops_error *e, const char *fmt, ...)
{
	char msg[sizeof(e->message)];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	set_err(e, "TypeError", "ERR_INVALID_ARG_TYPE", NULL, "%s", msg);
	return -EPROTO;
}

static int denied(struct fsops_error *e, const struct mount *m, const char *access, const char *vpath)
{
	set_err(e, "PermissionDenied", "EACCES", m ? m->rule : "fs.default", "%s access to %s is not allowed by policy",
	        access, vpath);
	return -EACCES;
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

/* Normalises path into t->vpath and picks the mount with the longest
 * matching virtual prefix. Returns 0, -EPROTO-free domain errors otherwise. */
static int resolve(struct fsops *fs, const char *path, struct target *t, const char *access, struct fsops_error *e)
{
	size_t n = strlen(path);
	if (n == 0) {
		set_err(e, "TypeError", "ERR_INVALID_ARG_VALUE", NULL, "path must not be empty");
		return -EINVAL;
	}
	if (n > FSOPS_PATH_MAX) {
		set_err(e, "Error", "ENAMETOOLONG", NULL, "ENAMETOOLONG: name too long (%zu bytes > %d)", n,
		        FSOPS_PATH_MAX);
		return -ENAMETOOLONG;
	}
	if (path[0] != '/') {
		set_err(e, "TypeError", "ERR_INVALID_ARG_VALUE", NULL,
		        "path must be absolute (start with '/', e.g. '/workspace/file.txt'): '%.200s'", path);
		return -EINVAL;
	}
	/* Component offsets into vpath, to pop on "..". */
	size_t stack[FSOPS_PATH_MAX / 2 + 1];
	size_t depth = 0, len = 0;
	const char *p = path + 1;
	while (*p) {
		const char *s = strchr(p, '/');
		size_t cl = s ? (size_t)(s - p) : strlen(p);
		if (cl == 0) {
			/* "a//b" is refused: an empty component usually means a
			 * path built from an empty variable, and is better seen. */
			if (!s[1])
				break; /* one trailing '/' */
			set_err(e, "TypeError", "ERR_INVALID_ARG_VALUE", NULL, "path has an empty component: '%.200s'",
			        path);
			return -EINVAL;
		}
		if (cl > NAME_MAX) {
			set_err(e, "Error", "ENAMETOOLONG", NULL,
			        "ENAMETOOLONG: name too long (a component has %zu bytes > %d), '%.200s'", cl, NAME_MAX,
			        path);
			return -ENAMETOOLONG;
		}
		if (cl == 1 && p[0] == '.') {
			/* nothing */
		} else if (cl == 2 && p[0] == '.' && p[1] == '.') {
			if (depth > 0)
				len = stack[--depth];
		} else {
			stack[depth++] = len;
			t->vpath[len++] = '/';
			memcpy(t->vpath + len, p, cl);
			len += cl;
		}
		p += cl;
		if (*p == '/')
			p++;
	}
	if (len == 0)
		t->vpath[len++] = '/';
	t->vpath[len] = '\0';

	t->m = NULL;
	for (size_t i = 0; i < fs->n; i++) {
		struct mount *m = &fs->m[i];
		if (strncmp(t->vpath, m->vpath, m->vlen) == 0 &&
		    (t->vpath[m->vlen] == '/' || t->vpath[m->vlen] == '\0') && (!t->m || m->vlen > t->m->vlen))
			t->m = m;
	}
	if (!t->m) {
		char list[256] = "";
		for (size_t i = 0; i < fs->n; i++) {
			size_t l = strlen(list);
			snprintf(list + l, sizeof(list) - l, "%s%s", i ? ", " : "", fs->m[i].vpath);
		}
		set_err(e, "PermissionDenied", "EACCES", "fs.default",
		        "%s access to %s is not allowed by policy (%s%s)", access, t->vpath,
		        fs->n ? "accessible paths: " : "no filesystem is configured", list);
		return -EACCES;
	}
	const char *r = t->vpath + t->m->vlen;
	if (*r == '/')
		r++;
	snprintf(t->rel, sizeof(t->rel), "%s", r);
	return 0;
}

/* Splits t->rel into its parent (opened as a directory fd) and the last
 * name. The mount root has no parent: -EBUSY. */
static int open_parent(const struct target *t, const char **name, const char *syscall, struct fsops_error *e)
{
	if (!t->rel[0]) {
		set_err(e, "Error", "EBUSY", NULL, "EBUSY: %s is the root of a mount and cannot be changed, %s '%s'",
		        t->vpath, syscall, t->vpath);
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
static int depth_check(const struct target *t, struct fsops_error *e)
{
	if (components(t->rel) <= FSOPS_MAX_DEPTH)
		return 0;
	set_err(e, "Error", "ENAMETOOLONG", t->m->rule,
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

static int need_write(const struct target *t, struct fsops_error *e)
{
	if (!t->m->writable)
		return denied(e, t->m, "write", t->vpath);
	return 0;
}

/* ---- request fields ---- */

static const char *str_field(const cJSON *req, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(req, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Optional boolean: absent/null = false; another type = -EPROTO. */
static int bool_field(const cJSON *req, const char *key, bool *out, struct fsops_error *e)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(req, key);
	*out = false;
	if (!v || cJSON_IsNull(v))
		return 0;
	if (!cJSON_IsBool(v))
		return proto_err(e, "fs request field '%s' must be a boolean", key);
	*out = cJSON_IsTrue(v);
	return 0;
}

/* ---- quota ---- */

static int quota_check(const struct target *t, uint64_t add_bytes, uint64_t sub_bytes, uint64_t add_files,
                       struct fsops_error *e)
{
	const struct mount *m = t->m;
	if (m->max_files && add_files && m->used_files + add_files > m->max_files) {
		set_err(e, "Error", "EDQUOT", m->rule,
		        "EDQUOT: file count quota exceeded: %s allows %llu files and directories, %s '%s'", m->vpath,
		        (unsigned long long)m->max_files, "create", t->vpath);
		return -EDQUOT;
	}
	uint64_t after = m->used_bytes - (sub_bytes > m->used_bytes ? m->used_bytes : sub_bytes) + add_bytes;
	if (m->max_bytes && add_bytes > sub_bytes && after > m->max_bytes) {
		set_err(e, "Error", "EDQUOT", m->rule,
		        "EDQUOT: byte quota exceeded: %s allows %llu bytes and would hold %llu, write '%s'", m->vpath,
		        (unsigned long long)m->max_bytes, (unsigned long long)after, t->vpath);
		return -EDQUOT;
	}
	return 0;
}

static void quota_sub(struct mount *m, uint64_t bytes, uint64_t files)
{
	m->used_bytes = bytes > m->used_bytes ? 0 : m->used_bytes - bytes;
	m->used_files = files > m->used_files ? 0 : m->used_files - files;
}

/* Walks a tree below dirfd (never following links, never leaving dev),
 * counting or removing. *budget bounds the inodes visited. */
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
			int sub = openat(dirfd, de->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (sub < 0) {
				r = -errno;
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

static int op_read(struct fsops *fs, const struct target *t, const cJSON *req, cJSON **out, struct fsops_error *e)
{
	const char *enc = str_field(req, "encoding");
	const cJSON *ev = cJSON_GetObjectItemCaseSensitive(req, "encoding");
	if (ev && !cJSON_IsNull(ev) && (!enc || (strcmp(enc, "utf8") && strcmp(enc, "base64"))))
		return proto_err(e, "fs readFile encoding must be %s", "\"utf8\" or \"base64\"");
	bool want_b64 = enc && strcmp(enc, "base64") == 0;

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
		set_err(e, "Error", "EINVAL", NULL, "EINVAL: not a regular file, open '%s'", t->vpath);
		r = -EINVAL;
		goto out;
	}
	if ((uint64_t)st.st_size > fs->max_read) {
		set_err(e, "Error", "EFBIG", NULL,
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
				set_err(e, "Error", "EFBIG", NULL,
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
		set_err(e, "Error", "EFBIG", NULL,
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

static int op_write(struct fsops *fs, const struct target *t, const cJSON *req, bool append, cJSON **out,
                    struct fsops_error *e)
{
	(void)fs;
	uint8_t *data = NULL;
	size_t n = 0;
	int r = jsonbytes_get(req, "data", "encoding", &data, &n);
	if (r == -ENOENT || r == -EPROTO)
		return proto_err(e, "fs %s needs 'data' (string) and 'encoding' (\"utf8\" or \"base64\")",
		                 append ? "appendFile" : "writeFile");
	if (r == -EINVAL) {
		set_err(e, "TypeError", "ERR_INVALID_ARG_VALUE", NULL, "data is not valid base64");
		return -EINVAL;
	}
	if (r < 0)
		return sys_err(e, -r, "write", t->vpath);
	if ((r = need_write(t, e)) < 0)
		goto out_free;
	const char *name;
	int pfd = open_parent(t, &name, "open", e);
	if (pfd < 0) {
		r = pfd;
		goto out_free;
	}
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
		set_err(e, "Error", "EINVAL", NULL, "EINVAL: not a regular file, open '%s'", t->vpath);
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
		set_err(e, "Error", "EINVAL", NULL, "EINVAL: not a regular file, open '%s'", t->vpath);
		r = -EINVAL;
		goto out_fd;
	}
	/* A second hard link may live outside every mount (put there by
	 * the host); writing through it would change a file policy never named. */
	if (st.st_nlink > 1) {
		set_err(e, "PermissionDenied", "EACCES", t->m->rule,
		        "%s has several hard links; writing it is not allowed by policy", t->vpath);
		r = -EACCES;
		goto out_fd;
	}
	uint64_t old = (uint64_t)st.st_size;
	r = append ? quota_check(t, n, 0, 0, e) : quota_check(t, n, old, 0, e);
	if (r < 0) {
		if (!exists)
			unlinkat(pfd, name, 0);
		goto out_fd;
	}
	if (!exists)
		t->m->used_files++;
	if (!append && ftruncate(fd, 0) < 0) {
		r = sys_err(e, errno, "write", t->vpath);
		goto out_fd;
	}
	if (append && lseek(fd, 0, SEEK_END) < 0) {
		r = sys_err(e, errno, "write", t->vpath);
		goto out_fd;
	}
	size_t done = 0;
	while (done < n) {
		ssize_t k = write(fd, data + done, n - done);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		done += (size_t)k;
	}
	int werr = done < n ? errno : 0;
	struct stat after;
	if (fstat(fd, &after) == 0) {
		quota_sub(t->m, old, 0);
		t->m->used_bytes += (uint64_t)after.st_size;
	}
	if (werr) {
		r = sys_err(e, werr, "write", t->vpath);
		goto out_fd;
	}
	*out = cJSON_CreateNull();
	r = 0;
out_fd:
	close(fd);
out_parent:
	close(pfd);
out_free:
	free(data);
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

static int op_readdir(struct fsops *fs, const struct target *t, cJSON **out, struct fsops_error *e)
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
	cJSON **items = calloc(FSOPS_MAX_DIR_ENTRIES, sizeof(*items));
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
		if (count == FSOPS_MAX_DIR_ENTRIES || bytes + nl + 64 > fs->max_read) {
			set_err(e, "Error", "E2BIG", NULL,
			        "E2BIG: directory has too many entries for one reply (limit %d), scandir '%s'",
			        FSOPS_MAX_DIR_ENTRIES, t->vpath);
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

static int op_stat(const struct target *t, bool follow_ok, cJSON **out, struct fsops_error *e)
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

static int op_mkdir(const struct target *t, const cJSON *req, cJSON **out, struct fsops_error *e)
{
	bool recursive;
	int r = bool_field(req, "recursive", &recursive, e);
	if (r < 0)
		return r;
	if ((r = need_write(t, e)) < 0 || (r = depth_check(t, e)) < 0)
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

static int op_rm(const struct target *t, const cJSON *req, const char *op, cJSON **out, struct fsops_error *e)
{
	bool recursive, force;
	int r = bool_field(req, "recursive", &recursive, e);
	if (r == 0)
		r = bool_field(req, "force", &force, e);
	if (r < 0)
		return r;
	if ((r = need_write(t, e)) < 0)
		return r;
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
				set_err(e, "Error", "ERR_FS_EISDIR", NULL,
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
		int dfd = openat(pfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (dfd < 0) {
			r = sys_err(e, errno, op, t->vpath);
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

static int op_rename(struct fsops *fs, const struct target *from, const cJSON *req, cJSON **out, struct fsops_error *e)
{
	const char *to_path = str_field(req, "newPath");
	if (!to_path)
		return proto_err(e, "fs rename needs %s", "'newPath' (string)");
	struct target *to = malloc(sizeof(*to));
	if (!to)
		return sys_err(e, ENOMEM, "rename", from->vpath);
	int r = resolve(fs, to_path, to, "write", e);
	if (r < 0)
		goto out_free;
	if ((r = need_write(from, e)) < 0 || (r = need_write(to, e)) < 0)
		goto out_free;
	if (from->m != to->m) {
		set_err(e, "Error", "EXDEV", NULL, "EXDEV: cross-device link not permitted, rename '%s' -> '%s'",
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
		int dfd = openat(p1, n1, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		uint64_t b = 0, f = 0, budget = FSOPS_SCAN_MAX_INODES;
		int w = dfd < 0 ? -errno : walk(dfd, from->m->dev, FSOPS_MAX_DEPTH - dto, false, &b, &f, &budget);
		if (dfd >= 0)
			close(dfd);
		if (w < 0) {
			set_err(e, "Error", w == -ELOOP ? "ENAMETOOLONG" : errno_code(-w), NULL,
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
		set_err(e, "Error", errno_code(err), NULL, "%s: %s, rename '%s' -> '%s'", errno_code(err),
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
	free(to);
	return r;
}

int fsops_handle(struct fsops *fs, const cJSON *req, cJSON **reply_value, struct fsops_error *e)
{
	memset(e, 0, sizeof(*e));
	*reply_value = NULL;
	if (!cJSON_IsObject(req))
		return proto_err(e, "fs request must be %s", "an object");
	const char *op = str_field(req, "op");
	const char *path = str_field(req, "path");
	if (!op)
		return proto_err(e, "fs request needs %s", "'op' (string)");
	if (!path)
		return proto_err(e, "fs request needs %s", "'path' (string)");

	static const struct {
		const char *op;
		const char *access;
	} ops[] = {
	        {"readFile", "read"}, {"writeFile", "write"}, {"appendFile", "write"}, {"readdir", "read"},
	        {"stat", "read"},     {"lstat", "read"},      {"access", "read"},      {"mkdir", "write"},
	        {"rm", "write"},      {"unlink", "write"},    {"rmdir", "write"},      {"rename", "write"},
	};
	const char *access = NULL;
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strcmp(op, ops[i].op) == 0)
			access = ops[i].access;
	if (!access)
		return proto_err(e, "unknown fs op '%.64s'", op);

	struct target *t = malloc(sizeof(*t));
	if (!t) {
		set_err(e, "Error", "ENOMEM", NULL, "out of memory");
		return -ENOMEM;
	}
	int r = resolve(fs, path, t, access, e);
	if (r < 0)
		goto out;
	if (strcmp(op, "readFile") == 0)
		r = op_read(fs, t, req, reply_value, e);
	else if (strcmp(op, "writeFile") == 0)
		r = op_write(fs, t, req, false, reply_value, e);
	else if (strcmp(op, "appendFile") == 0)
		r = op_write(fs, t, req, true, reply_value, e);
	else if (strcmp(op, "readdir") == 0)
		r = op_readdir(fs, t, reply_value, e);
	else if (strcmp(op, "stat") == 0)
		r = op_stat(t, true, reply_value, e);
	else if (strcmp(op, "lstat") == 0)
		r = op_stat(t, false, reply_value, e);
	else if (strcmp(op, "access") == 0) {
		r = op_stat(t, false, reply_value, e);
		if (r == 0) {
			cJSON_Delete(*reply_value);
			*reply_value = cJSON_CreateNull();
		}
	} else if (strcmp(op, "mkdir") == 0)
		r = op_mkdir(t, req, reply_value, e);
	else if (strcmp(op, "rename") == 0)
		r = op_rename(fs, t, req, reply_value, e);
	else
		r = op_rm(t, req, op, reply_value, e);
	if (r == 0 && !*reply_value) {
		set_err(e, "Error", "ENOMEM", NULL, "out of memory");
		r = -ENOMEM;
	}
out:
	free(t);
	return r;
}

/* ---- lifecycle ---- */

static int make_scratch_root(struct fsops *fs, const char *parent, char *err, size_t errlen)
{
	if (!parent)
		parent = getenv("TMPDIR");
	if (!parent || !*parent)
		parent = "/tmp";
	size_t n = strlen(parent) + 32;
	fs->scratch_root = malloc(n);
	if (!fs->scratch_root)
		return -ENOMEM;
	snprintf(fs->scratch_root, n, "%s/codecell-scratch-XXXXXX", parent);
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

static int valid_vpath(const char *v)
{
	size_t n = v ? strlen(v) : 0;
	if (n < 2 || v[0] != '/' || v[n - 1] == '/' || n > 256)
		return 0;
	for (const char *p = v; *p; p++) {
		if (p[0] == '/' &&
		    (p[1] == '/' || (p[1] == '.' && (p[2] == '/' || !p[2] || (p[2] == '.' && (p[3] == '/' || !p[3]))))))
			return 0;
	}
	return 1;
}

struct fsops *fsops_create(const struct fsops_config *cfg, char *err, size_t errlen)
{
	if (cfg->n_mounts > FSOPS_MAX_MOUNTS) {
		snprintf(err, errlen, "too many filesystem mounts (%zu > %d)", cfg->n_mounts, FSOPS_MAX_MOUNTS);
		return NULL;
	}
	struct fsops *fs = calloc(1, sizeof(*fs));
	if (!fs) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	fs->max_read = cfg->max_read_bytes ? cfg->max_read_bytes : fsops_read_limit(LIMITS_DEFAULT_MAX_FRAME);
	for (size_t i = 0; i < cfg->n_mounts; i++) {
		const struct fsops_mount *c = &cfg->mounts[i];
		struct mount *m = &fs->m[i];
		m->fd = -1;
		fs->n = i + 1;
		if (!valid_vpath(c->vpath)) {
			snprintf(err, errlen, "mount path '%s' must be absolute and normalised (e.g. /workspace)",
			         c->vpath ? c->vpath : "(null)");
			goto fail;
		}
		for (size_t k = 0; k < i; k++)
			if (strcmp(fs->m[k].vpath, c->vpath) == 0) {
				snprintf(err, errlen, "mount path '%s' is configured twice", c->vpath);
				goto fail;
			}
		m->vpath = strdup(c->vpath);
		m->vlen = strlen(c->vpath);
		m->kind = c->kind;
		m->writable = c->writable;
		m->max_bytes = c->max_bytes;
		m->max_files = c->max_files;
		snprintf(m->rule, sizeof(m->rule), "%s", c->rule ? c->rule : "fs.mounts");
		if (c->kind == FSOPS_MOUNT_SCRATCH) {
			if (!fs->scratch_root && make_scratch_root(fs, cfg->scratch_parent, err, errlen) < 0)
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
			if (!c->host_path || c->host_path[0] != '/') {
				snprintf(err, errlen, "mount %s: host directory must be an absolute path", c->vpath);
				goto fail;
			}
			m->dir = strdup(c->host_path);
		}
		if (!m->vpath || !m->dir) {
			snprintf(err, errlen, "out of memory");
			goto fail;
		}
		/* The operator's path is trusted and may contain symlinks. */
		m->fd = open(m->dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
		struct stat st;
		if (m->fd < 0 || fstat(m->fd, &st) < 0) {
			snprintf(err, errlen, "mount %s: cannot open %s: %s", c->vpath, m->dir, strerror(errno));
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
				snprintf(err, errlen, "mount %s: cannot measure %s for its quota: %s", c->vpath, m->dir,
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
