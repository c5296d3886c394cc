/* program: a `codecell run --host` child and its host protocol (see
 * program.h). */
#include "program.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonin.h"

extern char **environ;

int program_start(struct program *p, const char *exe, const char *policy_path, const char *code, cJSON *namespaces)
{
	char *argv[8];
	int n = 0;
	argv[n++] = (char *)exe;
	argv[n++] = "run";
	argv[n++] = "--host";
	argv[n++] = "--filename";
	argv[n++] = PROGRAM_FILENAME;
	if (policy_path) {
		argv[n++] = "--policy";
		argv[n++] = (char *)policy_path;
	}
	argv[n] = NULL;
	host_reader_init(&p->rd, PROGRAM_MAX_LINE);
	outq_init(&p->out);
	int r = mcpchild_spawn(&p->child, argv, environ);
	if (r < 0) {
		cJSON_Delete(namespaces);
		return r;
	}
	cJSON *start = host_msg_new(HOSTMSG_START);
	if (!start) {
		cJSON_Delete(namespaces);
		return -ENOMEM;
	}
	cJSON_AddStringToObject(start, "code", code);
	cJSON_AddStringToObject(start, "filename", PROGRAM_FILENAME);
	cJSON_AddItemToObject(start, "namespaces", namespaces);
	program_send(p, start);
	return 0;
}

void program_send(struct program *p, cJSON *msg)
{
	char *s = msg ? cJSON_PrintUnformatted(msg) : NULL;
	cJSON_Delete(msg);
	if (s && p->child.pid > 0) {
		/* On ENOMEM the run misses a line and ends by its own limits. */
		if (outq_push(&p->out, s, strlen(s)) == 0)
			outq_push(&p->out, "\n", 1);
	}
	free(s);
}

void program_stop(struct program *p)
{
	mcpchild_stop(&p->child, PROGRAM_STOP_GRACE_MS, NULL, 0);
	host_reader_finish(&p->rd);
	outq_finish(&p->out);
	cJSON_Delete(p->request_id);
	cJSON_Delete(p->progress_token);
	p->request_id = p->progress_token = NULL;
}

static const char *str(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The program's line: the first "execute.js:LINE" in the stack. */
static long stack_line(const char *stack)
{
	const char *p = stack ? strstr(stack, PROGRAM_FILENAME ":") : NULL;
	if (!p)
		return 0;
	char *end;
	long l = strtol(p + strlen(PROGRAM_FILENAME) + 1, &end, 10);
	return l > 0 && l < 100000000 ? l : 0;
}

int program_decode(const char *line, size_t len, struct program_line *out, char *why, size_t why_len)
{
	*out = (struct program_line){.type = PROGRAM_OTHER};
	cJSON *root = jsonin_parse(line, len, why, why_len);
	if (!root)
		return -EPROTO;
	out->root = root;
	const char *type = str(root, "type");
	const char *bad = NULL;
	if (!type) {
		bad = "no \"type\"";
	} else if (!strcmp(type, "tool_call")) {
		out->type = PROGRAM_TOOL_CALL;
		out->id = str(root, "id");
		out->ns = str(root, "ns");
		out->name = str(root, "name");
		out->args = cJSON_GetObjectItemCaseSensitive(root, "args");
		if (!out->id || !out->ns || !out->name || !cJSON_IsArray(out->args))
			bad = "a tool_call without id, ns, name or args";
	} else if (!strcmp(type, "log")) {
		out->type = PROGRAM_LOG;
		out->level = str(root, "level");
		out->message = str(root, "message");
		if (!out->level || !out->message)
			bad = "a log without level or message";
	} else if (!strcmp(type, "approval_request")) {
		out->type = PROGRAM_APPROVAL;
		out->id = str(root, "id");
		out->kind = str(root, "kind");
		out->detail = cJSON_GetObjectItemCaseSensitive(root, "detail");
		if (!out->id || !out->kind || !cJSON_IsObject(out->detail))
			bad = "an approval_request without id, kind or detail";
		else {
			out->ns = str(out->detail, "ns");
			out->name = str(out->detail, "name");
		}
	} else if (!strcmp(type, "result")) {
		out->type = PROGRAM_RESULT;
		out->status = str(root, "status");
		out->value = cJSON_GetObjectItemCaseSensitive(root, "value");
		const cJSON *err = cJSON_GetObjectItemCaseSensitive(root, "error");
		if (cJSON_IsObject(err)) {
			out->err_name = str(err, "name");
			out->err_message = str(err, "message");
			out->err_line = stack_line(str(err, "stack"));
		}
		if (!out->status)
			bad = "a result without status";
	}
	if (bad) {
		snprintf(why, why_len, "%s", bad);
		program_line_free(out);
		return -EPROTO;
	}
	return 0;
}

void program_line_free(struct program_line *l)
{
	if (!l)
		return;
	cJSON_Delete(l->root);
	*l = (struct program_line){0};
}

int program_pollfds(struct program *p, struct pollfd *pfd)
{
	if (p->child.pid <= 0)
		return 0;
	pfd[0] = (struct pollfd){.fd = p->child.from_fd, .events = POLLIN};
	pfd[1] = (struct pollfd){.fd = p->child.to_fd, .events = outq_pending(&p->out) ? POLLOUT : 0};
	return 2;
}

int program_io(struct program *p, const struct pollfd *pfd, int n,
               void (*on_line)(void *ctx, struct program *p, const char *line, size_t len), void *ctx)
{
	if (n < 2 || p->child.pid <= 0)
		return 1;
	if (pfd[1].revents & (POLLOUT | POLLERR | POLLHUP)) {
		if (outq_flush(&p->out, p->child.to_fd) < 0) {
			outq_finish(&p->out);
			outq_init(&p->out);
		}
	}
	if (!(pfd[0].revents & (POLLIN | POLLHUP | POLLERR)))
		return 0;
	int r = host_reader_fill(&p->rd, p->child.from_fd);
	const char *line;
	size_t len;
	while (host_reader_next(&p->rd, &line, &len) == 1)
		on_line(ctx, p, line, len);
	return r < 0 || p->rd.eof;
}
