/* sandbox_int: the parent-side steps sandbox.c shares with template.c (a
 * template's run child is released and checked exactly like an exec'd one).
 * Runs in: supervisor. Input: the child's sync records (trusted code). */
#pragma once

#include <stddef.h>
#include <sys/types.h>

#include "sandbox.h"

/* Reads the child's records on sync until it closes its end (EOF: set up):
 * notices set SANDBOX_NOTE_* bits of *notes, a failure ends the wait with
 * the step named in err. Bounded by SANDBOX_SETUP_TIMEOUT_MS. 0 or -errno. */
int sandbox_wait_setup(int sync, unsigned *notes, char *err, size_t errlen);

/* Runs cfg->before_release (placement while held), sends the child its go
 * byte and waits for its setup (sandbox_wait_setup). 0 or -errno with err;
 * on failure the caller kills the child. */
int sandbox_release(const struct sandbox_config *cfg, pid_t pid, int sync, unsigned *notes, char *err, size_t errlen);

/* Moves pid into the v2 group cgfd by writing cgroup.procs (while the
 * child is held). 0 or -errno with err. */
int sandbox_cgroup_procs(int cgfd, pid_t pid, char *err, size_t errlen);

/* The walls cfg asks for, before the child's notices are applied. */
void sandbox_fill_enforced(const struct sandbox_config *cfg, struct sandbox_enforced *e);

/* Checks the filter's size and shape as sandbox_spawn() does. 0 or -EINVAL. */
int sandbox_check_bpf(const struct sandbox_config *cfg, char *err, size_t errlen);
