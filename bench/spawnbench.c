/* spawnbench: times whole commands, posix_spawn to exit, and prints
 * p50/p90/p99 in microseconds. Used by bench/run.sh so every row of the
 * table is measured the same way, in the same run.
 * usage: spawnbench N WARMUP -- CMD [ARGS...] (stdin from /dev/null)
 * prints: p50 p90 p99 failures cpu_p50 (all in us; cpu = user+system time of
 * the command and every descendant it reaped, from wait4: on a shared,
 * loaded machine it moves far less than wall time).
 * SPAWNBENCH_GAP_US=G sleeps G us before each command, so a baseline can be
 * measured with the same idle gaps as the thing it is compared with (an idle
 * CPU wakes slower than a busy one, in a VM most of all). */
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static int cmp(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return x < y ? -1 : x > y;
}

static long long now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	if (argc < 5 || strcmp(argv[3], "--") != 0) {
		fprintf(stderr, "usage: spawnbench N WARMUP -- CMD [ARGS...]\n");
		return 2;
	}
	int n = atoi(argv[1]), warm = atoi(argv[2]);
	char **cmd = argv + 4;
	if (n < 1 || warm < 0) {
		fprintf(stderr, "spawnbench: N must be >= 1 and WARMUP >= 0\n");
		return 2;
	}
	long long *t = calloc((size_t)n, sizeof(*t));
	long long *c = calloc((size_t)n, sizeof(*c));
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	const char *gap_env = getenv("SPAWNBENCH_GAP_US");
	long gap_us = gap_env ? atol(gap_env) : 0;
	int fails = 0;
	for (int i = -warm; i < n; i++) {
		if (gap_us > 0) {
			struct timespec g = {.tv_sec = gap_us / 1000000, .tv_nsec = (gap_us % 1000000) * 1000};
			nanosleep(&g, NULL);
		}
		long long t0 = now_ns();
		pid_t pid;
		if (posix_spawnp(&pid, cmd[0], &fa, NULL, cmd, environ) != 0) {
			perror("posix_spawn");
			return 1;
		}
		int st;
		struct rusage ru;
		wait4(pid, &st, 0, &ru);
		long long dt = now_ns() - t0;
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
			fails++;
		if (i >= 0) {
			t[i] = dt;
			c[i] = (long long)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000LL + ru.ru_utime.tv_usec +
			       ru.ru_stime.tv_usec;
		}
	}
	qsort(t, (size_t)n, sizeof(*t), cmp);
	qsort(c, (size_t)n, sizeof(*c), cmp);
	printf("%lld %lld %lld %d %lld\n", t[n / 2] / 1000, t[(n * 9) / 10] / 1000, t[(n * 99) / 100] / 1000, fails,
	       c[n / 2]);
	return fails ? 1 : 0;
}
