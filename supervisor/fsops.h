/* fsops: the guest's filesystem requests (`fs` frames), decided against the
 * operator's mounts and performed by the supervisor with openat2(2).
 * Runs in: supervisor. Input: untrusted `fs` frames (parsed JSON objects);
 * the mount table is trusted operator configuration (filled by policy.c). */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

/* Longest virtual path a guest may name, in bytes: PATH_MAX, the most any
 * *at(2) call accepts, so a longer path is refused before any syscall. */
#define FSOPS_PATH_MAX 4096
/* Mounts per run: a policy names a handful; the bound keeps lookups trivial. */
#define FSOPS_MAX_MOUNTS 16
/* Directory entries returned by one readdir and walked per recursive rm or
 * quota scan level: bounds the reply and the supervisor's time per request. */
#define FSOPS_MAX_DIR_ENTRIES 10000
/* Deepest directory nesting below a mount root that a guest may create, and
 * that recursive rm and the quota scan walk: deep enough for real trees,
 * shallow enough to bound recursion (one open directory fd per level). */
#define FSOPS_MAX_DEPTH 64
/* Inodes the start-up quota scan visits in a writable mount before giving up:
 * an operator's workspace of that size is a configuration mistake. */
#define FSOPS_SCAN_MAX_INODES 200000

enum fsops_mount_kind {
	/* A fresh directory created under a private temp dir when the fsops
	 * context is created, removed (with everything in it) on destroy. */
	FSOPS_MOUNT_SCRATCH = 0,
	/* An existing host directory, read-only or read-write. */
	FSOPS_MOUNT_HOST,
	/* A host directory the host agent names per request; persists across
	 * runs. Handled like HOST; the kind is kept for audit and messages. */
	FSOPS_MOUNT_WORKSPACE,
};

/* One virtual path mapped to storage. Strings are borrowed: they must stay
 * valid until fsops_create() returns (fsops copies what it keeps). */
struct fsops_mount {
	const char *vpath; /* absolute, normalised, no trailing '/': "/workspace", "/data/in" */
	enum fsops_mount_kind kind;
	const char *host_path; /* HOST/WORKSPACE: the directory; SCRATCH: ignored */
	bool writable;
	uint64_t max_bytes; /* quota on the sum of regular file sizes; 0 = unlimited */
	uint64_t max_files; /* quota on files + directories (not the root); 0 = unlimited */
	const char *rule;   /* name of the policy rule, for the audit log, e.g. "fs.mounts[1]" */
};

struct fsops_config {
	const struct fsops_mount *mounts;
	size_t n_mounts;
	/* Largest file content one readFile returns: a reply must fit in one
	 * frame (limits.max_frame) after base64 and JSON, so pass
	 * fsops_read_limit(max_frame). 0 = fsops_read_limit(LIMITS_DEFAULT_MAX_FRAME). */
	uint64_t max_read_bytes;
	/* Directory under which the scratch dir is made; NULL = $TMPDIR or /tmp. */
	const char *scratch_parent;
};

/* Error of one request, as the guest sees it (`name`, `message`, `code`)
 * plus the rule that decided it, for the audit log. */
struct fsops_error {
	char name[32];     /* "Error", "PermissionDenied" or "TypeError" */
	char code[24];     /* node-style: "ENOENT", "EACCES", "EQUOTA", ...; "" if none */
	char message[640]; /* e.g. "ENOENT: no such file or directory, open '/workspace/x'" */
	char rule[64];     /* policy rule that denied, or "" */
};

struct fsops;

/* The largest file content that fits one reply frame of max_frame bytes:
 * base64 grows data by 4/3; 4 KiB covers the JSON around it. */
uint64_t fsops_read_limit(uint64_t max_frame);

/* Opens every mount's directory and creates the scratch directories, then
 * measures the current usage of writable mounts for their quotas. Returns
 * NULL with a message in err on failure. Free with fsops_destroy(). */
struct fsops *fsops_create(const struct fsops_config *cfg, char *err, size_t errlen);

/* Performs one `fs` request. request is the whole parsed frame
 * ({t:"fs", id, op, path, ...}; see docs/FILESYSTEM.md). Returns 0 and sets
 * *reply_value (caller owns it; it becomes the reply's "value"), or:
 *   -EPROTO  the frame is malformed (missing/ill-typed field, unknown op):
 *            the guest bypassed its prelude; end the run with protocol_error;
 *   other negative errno  the request failed; err says how (send an error
 *            reply {name, message, code}; err->rule non-empty = policy denial).
 * Requests are served one at a time, synchronously (local disk); several in
 * flight from the guest are simply answered in arrival order. */
int fsops_handle(struct fsops *fs, const cJSON *request, cJSON **reply_value, struct fsops_error *err);

/* Host directory backing the first mount at vpath (e.g. the scratch dir),
 * or NULL. For tests and diagnostics. */
const char *fsops_mount_dir(const struct fsops *fs, const char *vpath);

/* Closes the mounts and removes the scratch directories. Accepts NULL. */
void fsops_destroy(struct fsops *fs);
