/* runclient: see runclient.h. */
#include "runclient.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "cjparse.h"
#include "fdio.h"
#include "host.h"
#include "jsonraw.h"
#include "msgtype.h"
#include "report.h"
#include "util.h"

/* The one run this connection carries. */
#define RUNCLIENT_RUN_ID "1"
/* The longest line a server forwards: it takes a run supervisor's lines up
 * to twice the larger of the frame and output limits plus some slack
 * (serve.c run_line_max), whose ceilings are 64 MiB and 1 GiB (policy.c);
 * the run id comes on top. Memory grows only with the line read. */
#define RUNCLIENT_MAX_LINE (((size_t)2 << 30) + ((size_t)4 << 20))

static int connect_to(const char *path, int *out)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	if (strlen(path) >= sizeof sa.sun_path)
		return -ENAMETOOLONG;
	memcpy(sa.sun_path, path, strlen(path) + 1);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
		int e = -errno;
		close(fd);
		return e;
	}
	*out = fd;
	return 0;
}

/* Sends o (consumed) as one line with the run id. */
static int send_msg(int fd, cJSON *o)
{
	if (!o)
		return -ENOMEM;
	cJSON_AddStringToObject(o, "run", RUNCLIENT_RUN_ID);
	char *t = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (!t)
		return -ENOMEM;
	size_t n = strlen(t);
	t[n] = '\n'; /* over the NUL: the line is sent by its length */
	int e = fdio_write_all(fd, t, n + 1);
	free(t);
	return e;
}

static cJSON *start_msg(const struct runclient_opts *o)
{
	cJSON *m = host_msg_new(HOSTMSG_START);
	if (!m)
		return NULL;
	char *code = strndup(o->code, o->code_len);
	cJSON_AddStringToObject(m, "code", code ? code : "");
	free(code);
	cJSON_AddStringToObject(m, "filename", o->filename);
	cJSON *ns = cJSON_AddObjectToObject(m, "namespaces");
	cJSON_AddNullToObject(ns, o->ns_name);
	/* Plain mode's answers: no host stands behind this process. */
	cJSON_AddTrueToObject(m, "no_host");
	/* One run per connection: the server keeps no sandbox armed for us. */
	cJSON_AddTrueToObject(m, "last");
	if (o->workspace)
		cJSON_AddStringToObject(m, "workspace", o->workspace);
	if (o->policy_name)
		cJSON_AddStringToObject(m, "policy_name", o->policy_name);
	if (o->n_limits) {
		cJSON *l = cJSON_AddObjectToObject(m, "limits");
		for (size_t i = 0; i < o->n_limits; i++)
			cJSON_AddStringToObject(l, o->limits[i].key, o->limits[i].text);
	}
	return m;
}

/* The line without its "run" member, as the server's supervisor wrote it
 * (the server adds "run" first, envelope_tag). */
static void print_untagged(const struct jsonraw_member *m, size_t n, bool pretty)
{
	/* Each member from the opening quote of its key to the end of its
	 * value, as written (with any blank between). */
	size_t cap = 3;
	for (size_t i = 0; i < n; i++)
		cap += (size_t)(m[i].value.p + m[i].value.len - (m[i].key.p - 1)) + 1;
	char *b = malloc(cap);
	if (!b)
		return;
	size_t w = 0;
	b[w++] = '{';
	for (size_t i = 0; i < n; i++) {
		if (m[i].key.len == 3 && !memcmp(m[i].key.p, "run", 3))
			continue;
		if (w > 1)
			b[w++] = ',';
		const char *from = m[i].key.p - 1;
		size_t span = (size_t)(m[i].value.p + m[i].value.len - from);
		memcpy(b + w, from, span);
		w += span;
	}
	b[w++] = '}';
	char *p = pretty ? jsonraw_pretty(b, w) : NULL;
	if (p) {
		(void)fdio_write_all(STDOUT_FILENO, p, strlen(p));
		free(p);
	} else {
		(void)fdio_write_all(STDOUT_FILENO, b, w);
	}
	(void)fdio_write_all(STDOUT_FILENO, "\n", 1);
	free(b);
}

/* A string member's text (decoded), or NULL; caller frees. */
static char *string_of(const struct jsonraw_member *m, size_t n, const char *key, size_t *len)
{
	const struct jsonraw_member *v = jsonraw_find(m, n, key);
	char *s;
	bool nul, lone;
	if (!v || v->kind != JSONRAW_STRING || jsonraw_string(v->value, &s, len, &nul, &lone) < 0)
		return NULL;
	return s;
}

/* A server older than "no_host" would ask this process: answer as plain
 * mode's supervisor does. */
static int answer_no_host(int fd, enum hostmsg t, const struct jsonraw_member *m, size_t n)
{
	size_t len;
	char *id = string_of(m, n, "id", &len);
	if (!id)
		return 0;
	cJSON *o;
	if (t == HOSTMSG_TOOL_CALL) {
		char *ns = string_of(m, n, "ns", &len), *name = string_of(m, n, "name", &len);
		char msg[300];
		snprintf(msg, sizeof msg, "no host attached: cannot call %s.%s", ns ? ns : "?", name ? name : "?");
		free(ns);
		free(name);
		o = host_msg_new(HOSTMSG_TOOL_RESULT);
		cJSON_AddStringToObject(o, "id", id);
		cJSON_AddFalseToObject(o, "ok");
		cJSON *e = cJSON_AddObjectToObject(o, "error");
		cJSON_AddStringToObject(e, "name", "Error");
		cJSON_AddStringToObject(e, "message", msg);
	} else {
		o = host_msg_new(HOSTMSG_APPROVAL);
		cJSON_AddStringToObject(o, "id", id);
		cJSON_AddFalseToObject(o, "allow");
	}
	free(id);
	return send_msg(fd, o);
}

struct client {
	const struct runclient_opts *o;
	int fd;
	bool done;
	int rc;
};

static void on_result(struct client *c, const char *line, size_t len, const struct jsonraw_member *m, size_t n)
{
	c->done = true;
	c->rc = 4;
	cJSON *root = cjparse(line, len);
	struct report rep;
	if (!root || report_from_result(m, n, root, &rep) < 0) {
		cJSON_Delete(root);
		fprintf(stderr, "codecell: sandbox_error: the server sent a result this client cannot read\n");
		return;
	}
	if (c->o->json_report) {
		print_untagged(m, n, c->o->pretty);
	} else {
		report_print_plain(&rep, c->o->pretty, STDOUT_FILENO, STDERR_FILENO);
		report_print_degraded(&rep, STDERR_FILENO);
	}
	c->rc = report_exit_code(rep.status);
	report_finish(&rep);
	cJSON_Delete(root);
}

static void on_line(struct client *c, const char *line, size_t len)
{
	struct jsonraw_member m[JSONRAW_MAX_MEMBERS];
	size_t n;
	const char *why;
	if (jsonraw_members(line, len, m, JSONRAW_MAX_MEMBERS, &n, &why) < 0)
		return; /* not a line of this protocol: nothing to act on */
	const struct jsonraw_member *run = jsonraw_find(m, n, "run");
	const struct jsonraw_member *type = jsonraw_find(m, n, "type");
	if (!type || type->kind != JSONRAW_STRING)
		return;
	enum hostmsg t = hostmsg_from_name(type->value.p + 1, type->value.len - 2);
	if (t == HOSTMSG_ERROR) {
		/* A line the server could not act on: ours, the start. */
		size_t ml;
		char *msg = string_of(m, n, "message", &ml);
		fprintf(stderr, "codecell: the server at %s refused the run: %s\n", c->o->socket_path,
		        msg ? msg : "(no message)");
		free(msg);
		c->done = true;
		c->rc = 2;
		return;
	}
	if (!run || run->value.len != strlen(RUNCLIENT_RUN_ID) + 2 ||
	    memcmp(run->value.p + 1, RUNCLIENT_RUN_ID, strlen(RUNCLIENT_RUN_ID)) != 0)
		return;
	switch (t) {
	case HOSTMSG_LOG: {
		size_t ll, tl;
		char *level = string_of(m, n, "level", &ll), *text = string_of(m, n, "message", &tl);
		if (level && text)
			report_print_log(STDERR_FILENO, level, text, tl);
		free(level);
		free(text);
		break;
	}
	case HOSTMSG_AUDIT:
		/* Plain mode writes a policy's "host" audit sink to stdout. */
		print_untagged(m, n, false);
		break;
	case HOSTMSG_TOOL_CALL:
	case HOSTMSG_APPROVAL_REQUEST:
		if (answer_no_host(c->fd, t, m, n) < 0) {
			fprintf(stderr, "codecell: lost the connection to the server at %s\n", c->o->socket_path);
			c->done = true;
			c->rc = 4;
		}
		break;
	case HOSTMSG_RESULT: on_result(c, line, len, m, n); break;
	default: break;
	}
}

/* A stop signal cancels the run: its supervisor ends it and the result,
 * status cancelled, is still printed. A second one leaves at once. */
static int on_signal(struct client *c, int sigfd, bool *cancelled)
{
	struct signalfd_siginfo si;
	if (read(sigfd, &si, sizeof si) != (ssize_t)sizeof si)
		return 0;
	if (*cancelled) {
		fprintf(stderr, "codecell: stopped before the cancelled run's result came\n");
		c->done = true;
		c->rc = 6;
		return 0;
	}
	*cancelled = true;
	const char *name = sigabbrev_np((int)si.ssi_signo);
	char why[96];
	snprintf(why, sizeof why, "codecell run --server received SIG%s", name ? name : "?");
	cJSON *o = host_msg_new(HOSTMSG_CANCEL);
	if (o)
		cJSON_AddStringToObject(o, "reason", why);
	return send_msg(c->fd, o);
}

int runclient_main(const struct runclient_opts *o)
{
	struct client c = {.o = o, .fd = -1, .rc = 4};
	int e = connect_to(o->socket_path, &c.fd);
	if (e < 0) {
		fprintf(stderr,
		        "codecell: cannot connect to codecell serve at %s: %s (is the server running? docs/SERVE.md)\n",
		        o->socket_path, strerror(-e));
		return 2;
	}
	/* A server gone mid-write is -EPIPE and a message, not a silent death. */
	signal(SIGPIPE, SIG_IGN);
	sigset_t stop;
	int sigfd = util_stop_signalfd(&stop);
	if (sigfd < 0)
		sigprocmask(SIG_UNBLOCK, &stop, NULL); /* then a signal ends us as it would */
	e = send_msg(c.fd, start_msg(o));
	if (e < 0) {
		fprintf(stderr, "codecell: cannot send the program to codecell serve at %s: %s\n", o->socket_path,
		        strerror(-e));
		close(c.fd);
		return 2;
	}
	/* Reads take what has come and return (a stalled line does not keep
	 * a signal from being seen); the few lines sent from here on are
	 * small. */
	int fl = fcntl(c.fd, F_GETFL);
	if (fl >= 0)
		fcntl(c.fd, F_SETFL, fl | O_NONBLOCK);
	struct host_reader rd;
	host_reader_init(&rd, RUNCLIENT_MAX_LINE);
	bool cancelled = false;
	while (!c.done) {
		struct pollfd p[2] = {{.fd = c.fd, .events = POLLIN}, {.fd = sigfd, .events = POLLIN}};
		if (poll(p, sigfd >= 0 ? 2 : 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (sigfd >= 0 && (p[1].revents & POLLIN) && on_signal(&c, sigfd, &cancelled) < 0) {
			fprintf(stderr, "codecell: cannot send the cancel to codecell serve at %s\n", o->socket_path);
			c.rc = 6;
			break;
		}
		if (!(p[0].revents & (POLLIN | POLLHUP | POLLERR)))
			continue;
		int fe = host_reader_fill(&rd, c.fd);
		const char *line;
		size_t len;
		while (!c.done && host_reader_next(&rd, &line, &len) == 1)
			on_line(&c, line, len);
		if (!c.done && (fe < 0 || rd.eof)) {
			fprintf(stderr,
			        "codecell: sandbox_error: the connection to codecell serve at %s ended before the "
			        "run's "
			        "result%s\n",
			        o->socket_path, fe == -EMSGSIZE ? " (an overlong line)" : "");
			c.rc = 4;
			break;
		}
	}
	host_reader_finish(&rd);
	if (sigfd >= 0)
		close(sigfd);
	close(c.fd);
	return c.rc;
}
