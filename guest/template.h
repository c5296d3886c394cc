/* template: the guest's template mode (the Android zygote pattern). The
 * template guest loads the prelude once, then clones one child per run
 * straight into new mount, pid, net, ipc, uts and cgroup namespaces; the
 * child builds its own sandbox (empty root, fds, rlimits, no capabilities,
 * no_new_privs, the seccomp filter) before it reads any program byte and
 * then continues as a freshly started guest. docs/GUEST.md, docs/SECURITY.md
 * "Template guest".
 * Runs in: the template guest (its own sandbox, capabilities kept in its
 * own user namespace, no filter) and, on return, the run child. Input: the
 * supervisor's control socket (fd 3) and per-run channels (tmplmsg.h);
 * trusted, no program byte is ever read by the template. */
#pragma once

#include <stdbool.h>

#include "tmplmsg.h"

/* The run child's own argv (the guest options of this run) and layers. */
struct template_run {
	int argc;
	unsigned disable;              /* enum sandbox_disable bits (tests only) */
	char *argv[TMPL_ARGC_MAX + 1]; /* point into args */
	/* Last: a run's few hundred bytes of options then share one page
	 * with the fields above, the one page of it the template writes per
	 * spawn (and faults on, a run child still holding it). */
	char args[TMPL_ARGS_MAX + 1];
};

/* Called in each run child once its sandbox is built and before its filter
 * is loaded, with the argument given to template_serve: work on the
 * child's own memory that needs a system call the filter does not allow.
 * It must read no byte from outside the guest. */
typedef void (*template_before_filter_fn)(void *arg);

/* Serves runs on fd 3 until the supervisor closes it and every run has
 * ended; then exits the process. Returns only in a run child, sandboxed and
 * (with filter set and the run not exempt) filtered, with fds 0-3 in the
 * guest layout and run filled. filter: the program was read with
 * filter_read_from_fd(). before_filter: NULL, or called in each run child
 * as above. */
void template_serve(bool filter, struct template_run *run, template_before_filter_fn before_filter, void *arg);
