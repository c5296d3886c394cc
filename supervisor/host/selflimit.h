/* selflimit: the supervisor's own CPU and memory for one run — bounds
 * derived from the run's limits, set on itself with setrlimit when the
 * process serves exactly one run (`codecell run`, and each per-run
 * supervisor R that `codecell serve` forks), and measured with getrusage
 * and /proc/self/status for the result's stats.
 * Runs in: supervisor, after the sandbox is spawned (the guest must not
 * inherit these bounds). Input: the run's limits (trusted operator input,
 * range-checked by their parsers). */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "runlimits.h"

/* What the supervisor itself needs, whatever the guest sends: its
 * libraries (libc, libcurl with its TLS library, cJSON), the
 * policy, the audit writer and allocator slack. It idles at about 2.5 MiB
 * resident, and test_bounded's floods peak at 5-30 MiB in all (queues and
 * fetches included, which the terms below count again); a base of 64 MiB
 * leaves a bound hit to a bug or an attack, never a busy run. */
#define SELFLIMIT_BASE_BYTES (64ull << 20)

/* Copies of a largest frame that can be alive at once, each bounded by
 * limits.max_frame (checked before allocation by the frame reader, the
 * host reader and dispatch_guest_send):
 *  - the frame reader's buffer (1) and the host reader's line (2);
 *  - the queue to the guest and the queue to the host, each capped at
 *    RUN_QUEUE_CAP = two frames, which outq may round up to twice that by
 *    doubling (4 + 4);
 *  - one reply being built: the file or body read (1), its base64 text
 *    (4/3, counted 2), cJSON's printed copy (1) and the frame pushed (1);
 *  - the program's result, kept for the report, and its printed line (2).
 * That is 18; the rest (tool arguments, errors) is small next to it. */
#define SELFLIMIT_FRAME_COPIES 18u

/* Per fetch in flight (FETCH_DEFAULT_MAX_CONCURRENT of them): curl's
 * threaded resolver runs one thread whose stack glibc maps writable
 * (RLIMIT_DATA counts it: 8 MiB by default) and a per-thread malloc arena,
 * plus the body buffer (one frame, doubling: 2) and the TLS session
 * (certificate store and buffers, a few MiB with OpenSSL). */
#define SELFLIMIT_FETCH_THREAD_BYTES (8ull << 20)
#define SELFLIMIT_FETCH_TLS_BYTES    (8ull << 20)

/* CPU: the loop is one thread and the run ends at its wall-clock limit,
 * so it cannot use more CPU than that wall time unless it is stuck; on
 * top come setup before the clock starts, teardown and the result's drain
 * (RUN_HOST_DRAIN_MS) and TLS handshakes on resolver threads. This slack
 * covers them with room on a loaded machine. The soft limit's SIGXCPU is
 * read by the loop (the run ends with sandbox_error); the hard limit,
 * SELFLIMIT_CPU_HARD_EXTRA_S later, kills a supervisor that is stuck. */
#define SELFLIMIT_CPU_SLACK_MS     10000u
#define SELFLIMIT_CPU_HARD_EXTRA_S 2u

struct selflimit_bounds {
	uint64_t data_bytes;  /* RLIMIT_DATA; 0 after apply when not set (sanitized) */
	uint64_t cpu_seconds; /* RLIMIT_CPU soft limit, from this run's start */
};

/* The bounds for a run with these limits (pure; the fuzzable half). */
void selflimit_bounds(const struct limits *l, struct selflimit_bounds *out);

/* Sets RLIMIT_CPU (soft: CPU used so far + cpu_seconds; hard:
 * SELFLIMIT_CPU_HARD_EXTRA_S more) and RLIMIT_DATA (the data the process
 * already maps + data_bytes: RLIMIT_DATA counts every private writable
 * mapping, and a forked R starts with its server's, so the bound is on
 * what the run adds) on this process, never raising a limit the operator
 * set lower, and writes the limits that hold back into *b. A sanitized
 * build sets the CPU limit only (AddressSanitizer reserves terabytes of
 * shadow memory, which no data limit can hold) and writes data_bytes 0.
 * runs: how many runs the process may serve one after another, this one
 * included (1 for `codecell run`; a reused R's first run, runproc.h,
 * passes its whole allowance): the hard CPU limit then covers all of
 * them, each run's soft limit being raised by selflimit_renew().
 * Returns 0 or -errno. */
int selflimit_apply(struct selflimit_bounds *b, unsigned runs);

/* For each later run of a process that selflimit_apply() bounded for
 * several: the soft CPU limit becomes CPU used so far + cpu_seconds,
 * never above the hard limit set then (a raise up to the hard limit needs
 * no privilege); the data limit stays. Writes back what holds, as
 * selflimit_apply(). Returns 0, or -ENOSPC when the hard limit leaves
 * this run less than its allowance (the caller serves no more runs). */
int selflimit_renew(struct selflimit_bounds *b);

/* Whether no CPU and no data rlimit is set on this process (both
 * infinite): a process that will bound itself for several runs requires
 * it, since raising a soft limit each run could pass an operator's own. */
bool selflimit_unset(void);

/* Whether selflimit_apply() sets RLIMIT_DATA in this build (not under
 * AddressSanitizer); RLIMIT_CPU is set in every build. */
bool selflimit_data_enabled(void);

struct selflimit_usage {
	uint64_t cpu_us;            /* user + system CPU of the whole process, every thread */
	uint64_t cpu_ms;            /* the same in milliseconds */
	uint64_t memory_peak_bytes; /* peak resident set (VmHWM) */
};

/* The process's own usage so far (getrusage(RUSAGE_SELF), and
 * /proc/self/status for the peak unless selflimit_forked() was called):
 * the run's when the process serves one run. A forked R's CPU counts from
 * its fork; its VmHWM includes the server's pages it still shares
 * copy-on-write, which fork maps into its page tables. Returns 0 or
 * -errno. */
int selflimit_usage(struct selflimit_usage *u);

/* Says this process was forked from its server and has not exec'd since.
 * Its ru_maxrss is then its VmHWM: fork starts the child's peak from its
 * own address space and its maxrss from zero, and /proc/self/clear_refs
 * "5" resets both (tests/unit/test-selflimit.c checks it on the running
 * kernel). After an exec, ru_maxrss keeps the peak of the process that
 * exec'd (a Python host's, say): so only a forked R asks getrusage for
 * its peak, which saves it three reads of /proc/self/status per run, one
 * of them between its program's result and the report. */
void selflimit_forked(void);
