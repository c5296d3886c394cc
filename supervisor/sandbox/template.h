/* template: the supervisor side of the template guest (the Android zygote
 * pattern). A long-lived process starts one template guest: a sandbox of its
 * own that loads the runtime prelude once and then clones each run's child
 * straight into new namespaces; the child sets itself up (jail.h, privs.h),
 * loads the seccomp filter and continues as a freshly started guest with a
 * copy-on-write copy of the template's heap. docs/SECURITY.md "Template
 * guest" has the security argument; docs/GUEST.md the guest's side.
 * Runs in: supervisor: sandbox_template_start/connect/stop in the
 * long-lived process S, sandbox_template_spawn in a run's supervisor R.
 * Input: the template's records (trusted: it never reads a program). */
#pragma once

#include <stddef.h>

#include "sandbox.h"

/* Rotation: a template's address layout (ASLR) and its heap's layout are
 * shared by every run it clones, so a program that learns an address learns
 * it for every later run of the same template. A fresh template is started
 * after this many runs or this many seconds, whichever comes first; the old
 * one finishes the runs it has and exits. 1,000 runs costs one prelude load
 * (~7 ms) per 1,000 runs; 60 s bounds how long one layout lives on an idle
 * server. */
#define SANDBOX_TEMPLATE_MAX_RUNS  1000
#define SANDBOX_TEMPLATE_MAX_AGE_S 60
/* How long the template may take to load its prelude and say it is ready. */
#define SANDBOX_TEMPLATE_START_TIMEOUT_MS 5000
/* Retired templates still finishing their runs, per live template. */
#define SANDBOX_TEMPLATE_RETIRED_MAX 4

struct sandbox_template;

/* Starts a template guest with cfg (guest_fd, guest_argv ending in the
 * guest's --template option, bpf, ids, hostname, disable as for
 * sandbox_spawn(); template_mode is set here; cgroup_v2_fd, before_release
 * and the CPU limit are per run and ignored). The config is copied, so
 * later rotations start the same template. Waits until the template has
 * loaded its prelude. Caller owns *out: sandbox_template_stop(). Returns 0
 * or -errno with a message in err. */
int sandbox_template_start(const struct sandbox_config *cfg, struct sandbox_template **out, char *err, size_t errlen);

/* What the template guest does ahead for its runs' speed; 0: all of it. */
enum sandbox_template_flags {
	/* Its run children touch nothing ahead while they wait for a program
	 * (guest/pretouch.h: less CPU per run at full load, more latency per
	 * request). */
	SANDBOX_TEMPLATE_NO_PRETOUCH = 1u << 0,
	/* Its heap stays on small pages that its run children share page by
	 * page, instead of huge pages each child copies before its filter
	 * (guest/heapown.h: more CPU per run, one 2 MiB huge page less per
	 * waiting sandbox). */
	SANDBOX_TEMPLATE_NO_HEAPOWN = 1u << 1,
};

/* sandbox_template_start() for the guest binary at guest_path, with the
 * default ids and hostname, the seccomp program built here, and the TEST-ONLY
 * layers in disable left out (0 in production); flags: enum
 * sandbox_template_flags. What `codecell serve` and the testing `codecell run
 * --template` both start. 0 or -errno with err. */
int sandbox_template_start_guest(const char *guest_path, unsigned disable, unsigned flags,
                                 struct sandbox_template **out, char *err, size_t errlen);

/* A new private channel to the template for one run (SOCK_SEQPACKET,
 * CLOEXEC); the caller owns it and hands it to the run's supervisor, which
 * passes it to sandbox_template_spawn(). Rotates the template first when it
 * is due (SANDBOX_TEMPLATE_MAX_RUNS, SANDBOX_TEMPLATE_MAX_AGE_S) or dead.
 * Returns the fd or -errno. */
int sandbox_template_connect(struct sandbox_template *t);

/* Same contract as sandbox_spawn() (pidfd, sock, err_fd, enforced; the
 * per-run fields of cfg: guest_argv, cgroup_v2_fd, before_release,
 * stack_bytes, cpu_seconds, disable), through the template on chan. The
 * guest's socket and stderr pipe are made here and only lent to the
 * template. The child is the template's, not ours: out->status_fd carries
 * its end (sandbox_child_poll(), sandbox_child_kill_wait(),
 * sandbox_reap()). chan stays the caller's; one spawn per channel. */
int sandbox_template_spawn(int chan, const struct sandbox_config *cfg, struct sandbox_child *out, char *err,
                           size_t errlen);

/* Stops the template and any retired one: SIGKILL, which ends every run
 * they hold (their pid namespaces die with them), then reaps. Accepts NULL. */
void sandbox_template_stop(struct sandbox_template *t);

/* How many runs the current template has been connected for (tests). */
unsigned sandbox_template_runs(const struct sandbox_template *t);
/* The current template's pid, in our pid namespace (tests). */
pid_t sandbox_template_pid(const struct sandbox_template *t);
