/* tmplmsg: the message catalogue between a run's supervisor and the
 * template guest (docs/GUEST.md "Template guest"). One record per
 * SOCK_SEQPACKET datagram on a per-run channel; each side checks the exact
 * size (TMPL_SPAWN: header plus at most TMPL_ARGS_MAX argument bytes) and
 * treats anything else as the end of that channel.
 * Runs in: supervisor (sandbox/template.c) and the template guest
 * (guest/template.c). Input: trusted on both sides (no program byte has
 * been read by either end); still decoded strictly. */
#pragma once

#include <stdint.h>

/* The run's argv travels as NUL-terminated strings after the header; the
 * guest's options fit in a few hundred bytes. */
#define TMPL_ARGS_MAX 4096
/* At most this many argv strings (argv[0] included), as run.c's own bound. */
#define TMPL_ARGC_MAX 16
/* How many runs one template serves at a time (a channel, a pidfd each). */
#define TMPL_MAX_RUNS 256

enum tmpl_msg_type {
	/* supervisor -> template: start a run. struct tmpl_spawn, then
	 * args_len argument bytes; SCM_RIGHTS [protocol socket, stderr pipe
	 * write end] for the child's fds 3 and 2. */
	TMPL_SPAWN = 1,
	/* template -> supervisor: the child is cloned and waits for one byte
	 * on the sync socket. struct tmpl_held; SCM_RIGHTS [pidfd, sync]. The
	 * supervisor places it in its cgroup, releases it and reads the sync
	 * socket as for an exec'd child (struct jail_report records, then EOF
	 * once the child is sandboxed, just before it loads the filter). */
	TMPL_HELD,
	/* template -> supervisor: the run could not start. struct tmpl_failed. */
	TMPL_FAILED,
	/* template -> supervisor: the child ended and was reaped. struct
	 * tmpl_exit; the channel closes after it. */
	TMPL_EXIT,
};

struct tmpl_spawn {
	uint32_t type;        /* TMPL_SPAWN */
	uint32_t disable;     /* enum sandbox_disable bits (tests only) */
	uint64_t stack_bytes; /* the run's RLIMIT_STACK */
	uint64_t cpu_seconds; /* the run's RLIMIT_CPU, 0 = none */
	uint32_t argc;        /* strings in the argument bytes, 1..TMPL_ARGC_MAX */
	uint32_t args_len;    /* bytes after this header, <= TMPL_ARGS_MAX */
};

struct tmpl_held {
	uint32_t type;  /* TMPL_HELD */
	uint32_t notes; /* SANDBOX_NOTE_* walls the template itself lacks */
};

struct tmpl_failed {
	uint32_t type; /* TMPL_FAILED */
	int32_t err;   /* errno */
	char step[120];
};

struct tmpl_exit {
	uint32_t type;  /* TMPL_EXIT */
	int32_t code;   /* siginfo si_code: CLD_EXITED, CLD_KILLED, CLD_DUMPED */
	int32_t status; /* siginfo si_status: exit status or signal */
	uint32_t pad;
	uint64_t utime_us; /* the child's resource usage, from waitid */
	uint64_t stime_us;
	uint64_t maxrss_kb;
};
