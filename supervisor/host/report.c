/* report: see report.h. */
#include "report.h"
#include "jsonraw.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "fdio.h"
#include "host.h"

static const struct {
	const char *name;
	int exit_code;
} statuses[RUN__COUNT] = {
        [RUN_OK] = {"ok", 0},
        [RUN_ERROR] = {"error", 1},
        [RUN_TIMEOUT] = {"timeout", 3},
        [RUN_CPU_LIMIT] = {"cpu_limit", 3},
        [RUN_MEMORY_LIMIT] = {"memory_limit", 3},
        [RUN_OUTPUT_LIMIT] = {"output_limit", 3},
        [RUN_TOOL_CALL_LIMIT] = {"tool_call_limit", 3},
        [RUN_PROTOCOL_ERROR] = {"protocol_error", 5},
        [RUN_SANDBOX_ERROR] = {"sandbox_error", 4},
        [RUN_CANCELLED] = {"cancelled", 6},
        [RUN_BUSY] = {"busy", 7},
};

const char *report_status_name(enum run_status s)
{
	return s < RUN__COUNT ? statuses[s].name : "sandbox_error";
}

enum run_status report_status_from_name(const char *name, size_t len)
{
	for (int i = 0; i < RUN__COUNT; i++)
		if (strlen(statuses[i].name) == len && memcmp(statuses[i].name, name, len) == 0)
			return (enum run_status)i;
	return RUN__COUNT;
}

int report_exit_code(enum run_status s)
{
	return s < RUN__COUNT ? statuses[s].exit_code : 4;
}

void report_init(struct report *r)
{
	memset(r, 0, sizeof(*r));
}

void report_finish(struct report *r)
{
	if (!r)
		return;
	cJSON_Delete(r->value);
	cJSON_Delete(r->error);
	cJSON_Delete(r->unhandled);
	cJSON_Delete(r->enforced);
	memset(r, 0, sizeof(*r));
}

bool report_decide(struct report *r, enum run_status s, const char *fmt, ...)
{
	if (r->decided)
		return false;
	r->decided = true;
	r->status = s;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->message, sizeof(r->message), fmt, ap);
	va_end(ap);
	return true;
}

static void add_u64(cJSON *o, const char *k, uint64_t v)
{
	cJSON_AddNumberToObject(o, k, (double)v);
}

cJSON *report_to_json(const struct report *r)
{
	cJSON *o = host_msg_new(HOSTMSG_RESULT);
	if (!o)
		return NULL;
	cJSON_AddStringToObject(o, "status", report_status_name(r->status));
	if (r->status == RUN_OK) {
		/* An undefined result has no "value" at all, so hosts can tell
		 * it from null (docs/PROTOCOL.md). */
		if (r->value)
			cJSON_AddItemToObject(o, "value", cJSON_Duplicate(r->value, 1));
		cJSON_AddNullToObject(o, "error");
	} else {
		cJSON_AddNullToObject(o, "value");
		cJSON *e;
		if (r->status == RUN_ERROR && r->error) {
			e = cJSON_Duplicate(r->error, 1);
		} else {
			e = cJSON_CreateObject();
			cJSON_AddStringToObject(e, "name", "SandboxError");
			cJSON_AddStringToObject(e, "message", r->message);
		}
		cJSON_AddItemToObject(o, "error", e);
	}
	if (r->unhandled)
		cJSON_AddItemToObject(o, "unhandled_rejections", cJSON_Duplicate(r->unhandled, 1));
	cJSON *st = cJSON_AddObjectToObject(o, "stats");
	add_u64(st, "wall_ms", r->wall_ms);
	if (r->cpu_known)
		add_u64(st, "cpu_ms", r->cpu_ms);
	else
		cJSON_AddNullToObject(st, "cpu_ms");
	if (r->memory_known)
		add_u64(st, "memory_peak_bytes", r->memory_peak_bytes);
	else
		cJSON_AddNullToObject(st, "memory_peak_bytes");
	add_u64(st, "tool_calls", r->tool_calls);
	add_u64(st, "output_bytes", r->output_bytes);
	if (r->self_known) {
		cJSON *sv = cJSON_AddObjectToObject(st, "supervisor");
		add_u64(sv, "cpu_ms", r->self_cpu_ms);
		add_u64(sv, "memory_peak_bytes", r->self_memory_peak_bytes);
		if (r->self_limited) {
			cJSON *lim = cJSON_AddObjectToObject(sv, "limits");
			/* null: a sanitized build, which bounds its CPU only (selflimit.h) */
			if (r->self_data_bytes)
				add_u64(lim, "data_bytes", r->self_data_bytes);
			else
				cJSON_AddNullToObject(lim, "data_bytes");
			add_u64(lim, "cpu_seconds", r->self_cpu_seconds);
		} else {
			cJSON_AddNullToObject(sv, "limits");
		}
	}
	if (r->enforced)
		cJSON_AddItemToObject(o, "enforced", cJSON_Duplicate(r->enforced, 1));
	return o;
}

static void write_all(int fd, const char *s)
{
	(void)fdio_write_all(fd, s, strlen(s));
}

void report_print_plain(const struct report *r, bool pretty, int out_fd, int err_fd)
{
	if (r->status == RUN_OK) {
		/* The output is JSON: an undefined result prints as null (the
		 * host protocol tells the two apart by an absent "value"). A raw
		 * value (the guest's exact text) is printed or re-indented
		 * without re-printing its numbers. */
		char *s = !r->value               ? strdup("null")
		          : cJSON_IsRaw(r->value) ? strdup(r->value->valuestring)
		                                  : cJSON_PrintUnformatted(r->value);
		if (s && pretty) {
			char *p = jsonraw_pretty(s, strlen(s));
			free(s);
			s = p;
		}
		if (s) {
			write_all(out_fd, s);
			write_all(out_fd, "\n");
		}
		free(s);
	} else if (r->status == RUN_ERROR && r->error) {
		cJSON *stack = cJSON_GetObjectItemCaseSensitive(r->error, "stack");
		cJSON *name = cJSON_GetObjectItemCaseSensitive(r->error, "name");
		cJSON *msg = cJSON_GetObjectItemCaseSensitive(r->error, "message");
		char buf[1024];
		if (cJSON_IsString(stack) && stack->valuestring[0]) {
			write_all(err_fd, "Uncaught ");
			write_all(err_fd, stack->valuestring);
			write_all(err_fd, "\n");
		} else {
			snprintf(buf, sizeof(buf), "Uncaught %s: %s\n",
			         cJSON_IsString(name) ? name->valuestring : "Error",
			         cJSON_IsString(msg) ? msg->valuestring : "");
			write_all(err_fd, buf);
		}
	} else {
		char buf[700];
		snprintf(buf, sizeof(buf), "codecell: %s: %s\n", report_status_name(r->status), r->message);
		write_all(err_fd, buf);
	}
	if (r->unhandled && (cJSON_IsRaw(r->unhandled) || cJSON_GetArraySize(r->unhandled) > 0)) {
		char *u = cJSON_PrintUnformatted(r->unhandled);
		if (u) {
			write_all(err_fd, "codecell: unhandled promise rejections: ");
			write_all(err_fd, u);
			write_all(err_fd, "\n");
		}
		free(u);
	}
}

void report_print_degraded(const struct report *r, int err_fd)
{
	const cJSON *deg = r->enforced ? cJSON_GetObjectItemCaseSensitive(r->enforced, "degraded") : NULL;
	if (!cJSON_GetArraySize(deg))
		return;
	char line[512];
	size_t n = (size_t)snprintf(line, sizeof line, "codecell: degraded sandbox:");
	const cJSON *d;
	cJSON_ArrayForEach(d, deg)
	{
		if (cJSON_IsString(d) && n < sizeof line)
			n += (size_t)snprintf(line + n, sizeof line - n, " %s", d->valuestring);
	}
	if (n < sizeof line)
		snprintf(line + n, sizeof line - n, " (--require fails closed instead; docs/DEPLOY.md)\n");
	write_all(err_fd, line);
}

void report_print_log(int err_fd, const char *level, const char *text, size_t len)
{
	/* One writev: a line from another writer cannot land inside it. */
	char prefix[16] = "";
	if (strcmp(level, "log") != 0 && strcmp(level, "info") != 0)
		snprintf(prefix, sizeof(prefix), "[%s] ", level);
	struct iovec iov[3] = {{prefix, strlen(prefix)}, {(void *)text, len}, {"\n", 1}};
	ssize_t w = writev(err_fd, iov, 3);
	(void)w;
}

/* A member's exact text as a raw cJSON item (printed as it is). */
static cJSON *raw_of(const struct jsonraw_member *v)
{
	char *t = strndup(v->value.p, v->value.len);
	cJSON *o = t ? cJSON_CreateRaw(t) : NULL;
	free(t);
	return o;
}

int report_from_result(const struct jsonraw_member *m, size_t n, const cJSON *root, struct report *out)
{
	report_init(out);
	const struct jsonraw_member *st = jsonraw_find(m, n, "status");
	if (!st || st->kind != JSONRAW_STRING)
		return -EPROTO;
	enum run_status s = report_status_from_name(st->value.p + 1, st->value.len - 2);
	if (s == RUN__COUNT)
		return -EPROTO;
	const cJSON *err = cJSON_GetObjectItemCaseSensitive(root, "error");
	const cJSON *msg = cJSON_GetObjectItemCaseSensitive(err, "message");
	report_decide(out, s, "%s", cJSON_IsString(msg) ? msg->valuestring : "");
	const struct jsonraw_member *v = jsonraw_find(m, n, "value");
	if (s == RUN_OK && v)
		out->value = raw_of(v);
	if (s == RUN_ERROR && cJSON_IsObject(err))
		out->error = cJSON_Duplicate(err, 1);
	const struct jsonraw_member *u = jsonraw_find(m, n, "unhandled_rejections");
	if (u && u->kind == JSONRAW_ARRAY)
		out->unhandled = raw_of(u);
	const cJSON *enf = cJSON_GetObjectItemCaseSensitive(root, "enforced");
	if (cJSON_IsObject(enf))
		out->enforced = cJSON_Duplicate(enf, 1);
	return 0;
}
