/* fsops: the executor of the guest's filesystem requests: performs what the
 * decision engine allowed, beneath the decided mount, with openat2(2).
 * Runs in: supervisor. Input: requests decoded by guestmsg.c (untrusted
 * values, typed and bounded) and decisions from policydecide.c; the mount
 * table is the operator's policy. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "guestmsg.h"
#include "policy.h"
#include "reqerr.h"

/* Longest virtual path: the engine's bound (policy.h). */
#define FSOPS_PATH_MAX POLICY_VPATH_MAX
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

struct fsops;

/* The largest file content that fits one reply frame of max_frame bytes:
 * base64 grows data by 4/3; 4 KiB covers the JSON around it. */
uint64_t fsops_read_limit(uint64_t max_frame);

/* Opens every mount's directory (parallel to pf->mounts: the engine's
 * mount_index is an index here) and creates the scratch directories, then
 * measures the current usage of writable mounts for their quotas. workspace:
 * the host directory for a workspace mount, or NULL (its requests then fail).
 * max_read: largest file one readFile returns (fsops_read_limit(max_frame);
 * 0 = that of the default frame). scratch_parent: where scratch dirs go
 * (NULL = $TMPDIR or /tmp). Returns NULL with a message in err on failure.
 * Free with fsops_destroy(). */
struct fsops *fsops_create(const struct policy_fs *pf, const char *workspace, uint64_t max_read,
                           const char *scratch_parent, char *err, size_t errlen);

/* Performs one decoded filesystem request that the engine allowed: d is
 * policy_fs_decide()'s decision for q->path (verdict ALLOW: an approved ASK
 * is handed over as ALLOW), to_d the one for q->new_path (rename only, else
 * NULL). Only d->mount_index and d->rel are used to reach the file: the
 * executor never matches paths itself. Returns 0 and sets *reply_value
 * (caller owns it; it becomes the reply's "value"), or a negative errno with
 * e filled (sent to the program as {name, message, code}). Requests are
 * served one at a time, synchronously (local disk). */
int fsops_exec(struct fsops *fs, const struct guest_fs_req *q, const struct policy_fs_decision *d,
               const struct policy_fs_decision *to_d, cJSON **reply_value, struct req_error *e);

/* Host directory backing the mount at vpath (e.g. the scratch dir), or
 * NULL. For tests and diagnostics. */
const char *fsops_mount_dir(const struct fsops *fs, const char *vpath);

/* Closes the mounts and removes the scratch directories. Accepts NULL. */
void fsops_destroy(struct fsops *fs);

/* A scratch root is named codecell-scratch-PID-STARTTIME-XXXXXX: its owner
 * supervisor's pid and /proc start time, so a later run can tell whether
 * that supervisor is gone (SIGKILL, a crash) even when the pid was reused. */
#define FSOPS_SCRATCH_PREFIX "codecell-scratch-"

/* Removes the scratch roots under parent (NULL = $TMPDIR or /tmp) whose
 * owner is no longer running and that belong to our effective uid; never
 * follows a link or leaves the directory's filesystem. Returns how many
 * were removed, or -errno when parent cannot be read. */
int fsops_cleanup_stale(const char *parent);
