/* selflimit: see selflimit.h. */
#include "selflimit.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "fetch.h"
#include "run.h"
#include "sanitized.h"

void selflimit_bounds(const struct limits *l, struct selflimit_bounds *out)
{
	uint64_t per_fetch = SELFLIMIT_FETCH_THREAD_BYTES + SELFLIMIT_FETCH_TLS_BYTES + 2 * l->max_frame +
	                     FETCH_MAX_RESPONSE_HEADER_BYTES;
	out->data_bytes =
	        SELFLIMIT_BASE_BYTES + SELFLIMIT_FRAME_COPIES * l->max_frame + FETCH_DEFAULT_MAX_CONCURRENT * per_fetch;
	out->cpu_seconds = (l->wall_ms + RUN_HOST_DRAIN_MS + SELFLIMIT_CPU_SLACK_MS + 999) / 1000;
}

bool selflimit_data_enabled(void)
{
	return !CODECELL_SANITIZED;
}

static uint64_t tv_us(struct timeval tv)
{
	return (uint64_t)tv.tv_sec * 1000000 + (uint64_t)tv.tv_usec;
}

/* "KEY: N kB" in /proc/PID/status text, in bytes; 0 if absent. */
static uint64_t status_kb(const char *text, const char *key)
{
	const char *p = strstr(text, key);
	if (!p)
		return 0;
	p += strlen(key);
	while (*p == ' ' || *p == '\t')
		p++;
	char *end;
	unsigned long long kib = strtoull(p, &end, 10);
	return end != p ? (uint64_t)kib * 1024 : 0;
}

/* VmHWM and VmData of this process in bytes, 0 when /proc cannot say.
 * `codecell run` asks two or three times per run (a forked R once, for its
 * data bound: selflimit_forked): the file is kept open (per process: a
 * forked child's /proc/self is not its parent's) and read again from its
 * start, which the kernel regenerates, instead of an fopen, a
 * line-by-line scan and an fclose each time. */
static void vm_status(uint64_t *hwm, uint64_t *data)
{
	static int fd = -1;
	static pid_t fd_pid;
	*hwm = *data = 0;
	pid_t self = getpid();
	if (fd < 0 || fd_pid != self) {
		/* A descriptor inherited from the parent is its /proc entry:
		 * left alone (its number may be another file by now). */
		fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
		fd_pid = self;
		if (fd < 0)
			return;
	}
	char text[4096];
	ssize_t n = pread(fd, text, sizeof text - 1, 0);
	if (n <= 0)
		return;
	text[n] = '\0';
	*hwm = status_kb(text, "\nVmHWM:");
	*data = status_kb(text, "\nVmData:");
}

static bool peak_from_rusage;

void selflimit_forked(void)
{
	peak_from_rusage = true;
}

int selflimit_usage(struct selflimit_usage *u)
{
	struct rusage ru;
	if (getrusage(RUSAGE_SELF, &ru) < 0)
		return -errno;
	u->cpu_us = tv_us(ru.ru_utime) + tv_us(ru.ru_stime);
	u->cpu_ms = u->cpu_us / 1000;
	/* ru_maxrss survives execve: it holds the peak of whatever process
	 * exec'd codecell (a Python host's 16 MiB, say). VmHWM belongs to this
	 * address space alone; so does ru_maxrss in a forked R. */
	u->memory_peak_bytes = 0;
	if (!peak_from_rusage) {
		uint64_t data;
		vm_status(&u->memory_peak_bytes, &data);
	}
	if (!u->memory_peak_bytes)
		u->memory_peak_bytes = (uint64_t)ru.ru_maxrss * 1024;
	return 0;
}

/* Lowers a limit, never raises it: an operator's tighter ulimit stays. */
static int lower(int resource, rlim_t soft, rlim_t hard)
{
	struct rlimit cur;
	if (getrlimit(resource, &cur) < 0)
		return -errno;
	struct rlimit want = {.rlim_cur = soft, .rlim_max = hard};
	if (cur.rlim_max != RLIM_INFINITY && want.rlim_max > cur.rlim_max)
		want.rlim_max = cur.rlim_max;
	if (cur.rlim_cur != RLIM_INFINITY && want.rlim_cur > cur.rlim_cur)
		want.rlim_cur = cur.rlim_cur;
	if (want.rlim_cur > want.rlim_max)
		want.rlim_cur = want.rlim_max;
	return setrlimit(resource, &want) < 0 ? -errno : 0;
}

/* What holds now, written back into *b: an operator's tighter limit
 * stayed. */
static void holds(struct selflimit_bounds *b, uint64_t used_s)
{
	struct rlimit now;
	if (!selflimit_data_enabled())
		b->data_bytes = 0;
	else if (getrlimit(RLIMIT_DATA, &now) == 0 && now.rlim_cur != RLIM_INFINITY)
		b->data_bytes = (uint64_t)now.rlim_cur;
	if (getrlimit(RLIMIT_CPU, &now) == 0 && now.rlim_cur != RLIM_INFINITY)
		b->cpu_seconds = (uint64_t)now.rlim_cur > used_s ? (uint64_t)now.rlim_cur - used_s : 0;
}

int selflimit_apply(struct selflimit_bounds *b, unsigned runs)
{
	struct selflimit_usage u;
	int e = selflimit_usage(&u);
	if (e < 0)
		return e;
	if (runs < 1)
		runs = 1;
	/* RLIMIT_CPU counts from the process's start (a forked process's from
	 * its fork): the run's allowance goes on top of what setup already
	 * used. ASan does not change what CPU means, so every build sets it.
	 * Every later run may use as much again (selflimit_renew). */
	uint64_t used_s = u.cpu_ms / 1000;
	rlim_t cpu = (rlim_t)(used_s + 1 + b->cpu_seconds);
	rlim_t hard = cpu + (rlim_t)(runs - 1) * (1 + b->cpu_seconds) + SELFLIMIT_CPU_HARD_EXTRA_S;
	e = lower(RLIMIT_CPU, cpu, hard);
	if (e == 0 && selflimit_data_enabled()) {
		/* setrlimit does not check what is already mapped, only what is
		 * mapped next: the data the process holds now (its libraries'
		 * writable segments, a forked R's copy of its server's heap) is
		 * the base the run's bound goes on. */
		uint64_t hwm, held;
		vm_status(&hwm, &held);
		rlim_t data = (rlim_t)(held + b->data_bytes);
		e = lower(RLIMIT_DATA, data, data);
	}
	if (e < 0)
		return e;
	holds(b, used_s);
	return 0;
}

int selflimit_renew(struct selflimit_bounds *b)
{
	struct selflimit_usage u;
	int e = selflimit_usage(&u);
	if (e < 0)
		return e;
	uint64_t used_s = u.cpu_ms / 1000;
	struct rlimit cur;
	if (getrlimit(RLIMIT_CPU, &cur) < 0)
		return -errno;
	rlim_t want = (rlim_t)(used_s + 1 + b->cpu_seconds);
	if (cur.rlim_max != RLIM_INFINITY && want > cur.rlim_max)
		return -ENOSPC;
	cur.rlim_cur = want;
	if (setrlimit(RLIMIT_CPU, &cur) < 0)
		return -errno;
	/* The data limit set for the first run holds for all: what a run
	 * leaves allocated counts against the next, so a leak ends in a
	 * bounded error, not a growing server. */
	holds(b, used_s);
	return 0;
}

bool selflimit_unset(void)
{
	struct rlimit c, d;
	return getrlimit(RLIMIT_CPU, &c) == 0 && getrlimit(RLIMIT_DATA, &d) == 0 && c.rlim_cur == RLIM_INFINITY &&
	       c.rlim_max == RLIM_INFINITY && d.rlim_cur == RLIM_INFINITY && d.rlim_max == RLIM_INFINITY;
}
