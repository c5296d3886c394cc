/* host: see host.h. */
#include "host.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cjparse.h"
#include "jsonraw.h"

static int fail(char *err, size_t errlen, const char *msg)
{
	snprintf(err, errlen, "%s", msg);
	return -EPROTO;
}

static const char *opt_string(cJSON *root, const char *key, bool *bad)
{
	cJSON *j = cJSON_GetObjectItemCaseSensitive(root, key);
	if (!j || cJSON_IsNull(j))
		return NULL;
	if (!cJSON_IsString(j)) {
		*bad = true;
		return NULL;
	}
	return j->valuestring;
}

static bool is_identifier(const char *s)
{
	if (!s || !*s || strlen(s) > 128)
		return false;
	if (!(isalpha((unsigned char)s[0]) || s[0] == '_' || s[0] == '$'))
		return false;
	for (const char *p = s + 1; *p; p++)
		if (!(isalnum((unsigned char)*p) || *p == '_' || *p == '$'))
			return false;
	return true;
}

int host_check_namespaces(const cJSON *ns, char *err, size_t errlen)
{
	if (!cJSON_IsObject(ns)) {
		snprintf(err, errlen, "\"namespaces\" must be an object mapping a name to a list of tools or null");
		return -EINVAL;
	}
	const cJSON *it;
	cJSON_ArrayForEach(it, ns)
	{
		if (!is_identifier(it->string)) {
			snprintf(err, errlen, "namespace name '%s' is not a JavaScript identifier",
			         it->string ? it->string : "");
			return -EINVAL;
		}
		if (cJSON_IsNull(it))
			continue;
		if (!cJSON_IsArray(it)) {
			snprintf(err, errlen, "namespace '%s' must map to an array of tool names or null", it->string);
			return -EINVAL;
		}
		const cJSON *t;
		cJSON_ArrayForEach(t, it)
		{
			if (!cJSON_IsString(t) || !t->valuestring || !*t->valuestring || strlen(t->valuestring) > 256) {
				snprintf(err, errlen,
				         "namespace '%s' lists a tool name that is not a string of 1..256 bytes",
				         it->string);
				return -EINVAL;
			}
		}
	}
	return 0;
}

cJSON *host_msg_new(enum hostmsg type)
{
	cJSON *o = cJSON_CreateObject();
	const char *name = hostmsg_name(type);
	if (o && (!name || !cJSON_AddNumberToObject(o, "v", HOST_PROTOCOL_VERSION) ||
	          !cJSON_AddStringToObject(o, "type", name))) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

int host_parse(const char *line, size_t len, struct host_msg *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof(*out));
	cJSON *root = cjparse(line, len);
	if (!root)
		return fail(err, errlen, "host message is not valid JSON");
	out->root = root;
	int r = 0;
	bool bad = false;
	if (!cJSON_IsObject(root)) {
		r = fail(err, errlen, "host message is not a JSON object");
		goto out;
	}
	/* The strict scanner over the same bytes: the exact text of a tool
	 * result's value goes to the guest unchanged. */
	struct jsonraw_member mem[JSONRAW_MAX_MEMBERS];
	size_t nmem;
	const char *why;
	if (jsonraw_members(line, len, mem, JSONRAW_MAX_MEMBERS, &nmem, &why) < 0) {
		snprintf(err, errlen, "host message is not valid JSON (%s)", why);
		r = -EPROTO;
		goto out;
	}
	cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "v");
	if (!cJSON_IsNumber(v) || v->valuedouble != HOST_PROTOCOL_VERSION) {
		r = fail(err, errlen, "host message must carry \"v\": 1");
		goto out;
	}
	const char *type = opt_string(root, "type", &bad);
	if (!type) {
		r = fail(err, errlen, "host message without a string \"type\"");
		goto out;
	}
	enum hostmsg ht = hostmsg_from_name(type, strlen(type));
	if (ht == HOSTMSG_START) {
		out->type = HOSTMSG_START;
		out->code = opt_string(root, "code", &bad);
		out->filename = opt_string(root, "filename", &bad);
		out->workspace = opt_string(root, "workspace", &bad);
		if (bad) {
			r = fail(err, errlen, "start: \"code\", \"filename\" and \"workspace\" must be strings");
			goto out;
		}
		const cJSON *nh = cJSON_GetObjectItemCaseSensitive(root, "no_host");
		if (nh && !cJSON_IsBool(nh)) {
			r = fail(err, errlen, "start: \"no_host\" must be a boolean");
			goto out;
		}
		out->no_host = cJSON_IsTrue(nh);
		out->namespaces = cJSON_GetObjectItemCaseSensitive(root, "namespaces");
		if (out->namespaces && host_check_namespaces(out->namespaces, err, errlen) < 0) {
			r = -EPROTO;
			goto out;
		}
		out->env = cJSON_GetObjectItemCaseSensitive(root, "env");
		if (out->env) {
			const cJSON *e;
			if (!cJSON_IsObject(out->env)) {
				r = fail(err, errlen, "start: \"env\" must be an object of strings");
				goto out;
			}
			cJSON_ArrayForEach(e, out->env)
			{
				if (!cJSON_IsString(e)) {
					r = fail(err, errlen, "start: every \"env\" value must be a string");
					goto out;
				}
			}
		}
	} else if (ht == HOSTMSG_TOOL_RESULT) {
		out->type = HOSTMSG_TOOL_RESULT;
		out->id = opt_string(root, "id", &bad);
		cJSON *ok = cJSON_GetObjectItemCaseSensitive(root, "ok");
		if (bad || !out->id || !cJSON_IsBool(ok)) {
			r = fail(err, errlen, "tool_result needs a string \"id\" and a boolean \"ok\"");
			goto out;
		}
		out->ok = cJSON_IsTrue(ok);
		out->value = cJSON_GetObjectItemCaseSensitive(root, "value");
		const struct jsonraw_member *jv = jsonraw_find(mem, nmem, "value");
		if (jv && !(out->value_json = strndup(jv->value.p, jv->value.len))) {
			r = fail(err, errlen, "out of memory");
			goto out;
		}
		out->error = cJSON_GetObjectItemCaseSensitive(root, "error");
		if (!out->ok && out->error && !cJSON_IsObject(out->error) && !cJSON_IsString(out->error)) {
			r = fail(err, errlen, "tool_result \"error\" must be an object {message, name?} or a string");
			goto out;
		}
	} else if (ht == HOSTMSG_CANCEL) {
		out->type = HOSTMSG_CANCEL;
		out->reason = opt_string(root, "reason", &bad);
	} else if (ht == HOSTMSG_APPROVAL) {
		out->type = HOSTMSG_APPROVAL;
		out->id = opt_string(root, "id", &bad);
		cJSON *allow = cJSON_GetObjectItemCaseSensitive(root, "allow");
		if (bad || !out->id || !cJSON_IsBool(allow)) {
			r = fail(err, errlen, "approval needs a string \"id\" and a boolean \"allow\"");
			goto out;
		}
		out->allow = cJSON_IsTrue(allow);
		out->remember = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(root, "remember"));
	} else {
		snprintf(err, errlen, "unknown host message type '%.64s'", type);
		r = -EPROTO;
	}
out:
	if (r < 0)
		host_msg_free(out);
	return r;
}

void host_msg_free(struct host_msg *m)
{
	if (!m)
		return;
	cJSON_Delete(m->root);
	free(m->value_json);
	memset(m, 0, sizeof(*m));
}

void host_reader_init(struct host_reader *r, size_t max_line)
{
	memset(r, 0, sizeof(*r));
	r->max_line = max_line;
}

void host_reader_finish(struct host_reader *r)
{
	if (!r)
		return;
	free(r->buf);
	memset(r, 0, sizeof(*r));
}

int host_reader_fill(struct host_reader *r, int fd)
{
	if (r->consumed) {
		memmove(r->buf, r->buf + r->consumed, r->len - r->consumed);
		r->len -= r->consumed;
		r->consumed = 0;
	}
	for (;;) {
		if (r->len > r->max_line && !memchr(r->buf, '\n', r->len))
			return -EMSGSIZE;
		if (r->cap - r->len < 4096) {
			size_t ncap = r->cap ? r->cap * 2 : 8192;
			if (ncap > r->max_line + 8192)
				ncap = r->max_line + 8192;
			if (ncap <= r->len)
				return 0; /* full: the caller must take lines first */
			char *nb = realloc(r->buf, ncap);
			if (!nb)
				return -ENOMEM;
			r->buf = nb;
			r->cap = ncap;
		}
		ssize_t n = read(fd, r->buf + r->len, r->cap - r->len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN)
				return 0;
			return -errno;
		}
		if (n == 0) {
			r->eof = true;
			return 0;
		}
		r->len += (size_t)n;
		if (memchr(r->buf + r->len - n, '\n', (size_t)n))
			return 0;
	}
}

bool host_reader_has_line(const struct host_reader *r)
{
	return r->len > r->consumed && memchr(r->buf + r->consumed, '\n', r->len - r->consumed) != NULL;
}

int host_reader_next(struct host_reader *r, const char **line, size_t *len)
{
	/* Drop the line handed out last time. */
	if (r->consumed) {
		memmove(r->buf, r->buf + r->consumed, r->len - r->consumed);
		r->len -= r->consumed;
		r->consumed = 0;
	}
	char *nl = r->len ? memchr(r->buf, '\n', r->len) : NULL;
	if (!nl)
		return 0;
	*line = r->buf;
	*len = (size_t)(nl - r->buf);
	r->consumed = *len + 1;
	return 1;
}
