/* mcpchild: child processes of codecell mcp (see mcpchild.h). */
#include "mcpchild.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

uint64_t mcpchild_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

int mcpchild_spawn(struct mcpchild *c, char *const *argv, char *const *envp)
{
	int in[2], out[2];
	*c = (struct mcpchild){0, -1, -1};
	if (pipe2(in, O_CLOEXEC) < 0)
		return -errno;
	if (pipe2(out, O_CLOEXEC) < 0) {
		int e = errno;
		close(in[0]);
		close(in[1]);
		return -e;
	}
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid < 0) {
		int e = errno;
		close(in[0]), close(in[1]), close(out[0]), close(out[1]);
		return -e;
	}
	if (pid == 0) {
		/* Own session: one kill(-pid) reaches what the server starts.
		 * PDEATHSIG: if codecell mcp dies, its servers do not linger. */
		setsid();
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(127);
		if (dup2(in[0], STDIN_FILENO) < 0 || dup2(out[1], STDOUT_FILENO) < 0)
			_exit(127);
		signal(SIGPIPE, SIG_DFL);
		execvpe(argv[0], argv, envp);
		dprintf(STDERR_FILENO, "codecell mcp: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	fcntl(in[1], F_SETFL, O_NONBLOCK);
	fcntl(out[0], F_SETFL, O_NONBLOCK);
	*c = (struct mcpchild){pid, in[1], out[0]};
	return 0;
}

static void describe(int status, char *why, size_t why_len)
{
	if (!why)
		return;
	if (WIFEXITED(status))
		snprintf(why, why_len, "exited with status %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(why, why_len, "was killed by signal %d", WTERMSIG(status));
	else
		snprintf(why, why_len, "ended");
}

static void close_pipes(struct mcpchild *c)
{
	if (c->to_fd >= 0)
		close(c->to_fd);
	if (c->from_fd >= 0)
		close(c->from_fd);
	c->to_fd = c->from_fd = -1;
}

/* Waits up to ms for the child to exit; true when it did (status set). */
static bool wait_for(pid_t pid, unsigned ms, int *status)
{
	for (unsigned waited = 0;; waited += 10) {
		pid_t r = waitpid(pid, status, WNOHANG);
		if (r == pid || (r < 0 && errno != EINTR))
			return true;
		if (waited >= ms)
			return false;
		struct timespec ts = {0, 10 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
}

void mcpchild_stop(struct mcpchild *c, unsigned grace_ms, char *why, size_t why_len)
{
	close_pipes(c);
	if (c->pid > 0) {
		int status = 0;
		bool gone = grace_ms && wait_for(c->pid, grace_ms, &status);
		if (!gone && grace_ms) {
			/* A `codecell run` tears its sandbox down on SIGTERM. */
			kill(c->pid, SIGTERM);
			gone = wait_for(c->pid, grace_ms, &status);
		}
		kill(-c->pid, SIGKILL);
		if (!gone) {
			kill(c->pid, SIGKILL);
			while (waitpid(c->pid, &status, 0) < 0 && errno == EINTR)
				;
		}
		describe(status, why, why_len);
	}
	c->pid = 0;
}

int mcpchild_reap(struct mcpchild *c, char *why, size_t why_len)
{
	if (c->pid <= 0)
		return 1;
	int status = 0;
	pid_t r = waitpid(c->pid, &status, WNOHANG);
	if (r == 0)
		return 0;
	describe(status, why, why_len);
	/* The session may still hold children of the server. */
	kill(-c->pid, SIGKILL);
	close_pipes(c);
	c->pid = 0;
	return 1;
}
