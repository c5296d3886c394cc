/* guestmsg: see guestmsg.h. */
#include "guestmsg.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonraw.h"

static int fail(char *err, size_t errlen, const char *msg)
{
	snprintf(err, errlen, "%s", msg);
	return -EPROTO;
}

static bool valid_name(const cJSON *s)
{
	if (!cJSON_IsString(s) || !s->valuestring)
		return false;
	size_t n = strlen(s->valuestring);
	return n > 0 && n <= GUESTMSG_MAX_NAME;
}

static int parse_id(cJSON *root, uint64_t *id, char *err, size_t errlen)
{
	cJSON *j = cJSON_GetObjectItemCaseSensitive(root, "id");
	if (!cJSON_IsNumber(j))
		return fail(err, errlen, "request without a numeric \"id\"");
	double d = j->valuedouble;
	if (!(d >= 1 && d < (double)GUESTMSG_MAX_ID) || floor(d) != d)
		return fail(err, errlen, "request \"id\" must be an integer in [1, 2^53)");
	*id = (uint64_t)d;
	return 0;
}

static bool valid_level(const char *l)
{
	static const char *const levels[] = {"log", "info", "warn", "error", "debug"};
	for (size_t i = 0; i < sizeof(levels) / sizeof(levels[0]); i++)
		if (strcmp(l, levels[i]) == 0)
			return true;
	return false;
}

int guestmsg_parse(const uint8_t *buf, size_t len, struct guest_msg *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof(*out));
	/* The JSON text must not carry NUL bytes: C strings downstream would
	 * silently truncate it. */
	if (memchr(buf, '\0', len))
		return fail(err, errlen, "frame contains a NUL byte");
	cJSON *root = cJSON_ParseWithLength((const char *)buf, len);
	if (!root)
		return fail(err, errlen, "frame is not valid JSON");
	out->root = root;
	if (!cJSON_IsObject(root)) {
		guestmsg_free(out);
		return fail(err, errlen, "frame is not a JSON object");
	}
	/* The same bytes once more with the strict scanner, for the exact text
	 * of the values the supervisor passes on without looking inside. */
	struct jsonraw_member mem[JSONRAW_MAX_MEMBERS];
	size_t nmem;
	const char *why;
	if (jsonraw_members((const char *)buf, len, mem, JSONRAW_MAX_MEMBERS, &nmem, &why) < 0) {
		guestmsg_free(out);
		snprintf(err, errlen, "frame is not valid JSON (%s)", why);
		return -EPROTO;
	}
	cJSON *t = cJSON_GetObjectItemCaseSensitive(root, "t");
	if (!cJSON_IsString(t) || !t->valuestring) {
		guestmsg_free(out);
		return fail(err, errlen, "frame without a string \"t\"");
	}
	out->type = msgtype_from_name(t->valuestring, strlen(t->valuestring));
	int r = 0;
	switch (out->type) {
	case MSG_READY: break;
	case MSG_LOG: {
		cJSON *lv = cJSON_GetObjectItemCaseSensitive(root, "level");
		cJSON *m = cJSON_GetObjectItemCaseSensitive(root, "msg");
		if (!cJSON_IsString(lv) || !valid_level(lv->valuestring)) {
			r = fail(err, errlen, "log frame with an invalid \"level\"");
			break;
		}
		if (!cJSON_IsString(m)) {
			r = fail(err, errlen, "log frame without a string \"msg\"");
			break;
		}
		out->level = lv->valuestring;
		out->text = m->valuestring;
		out->text_len = strlen(m->valuestring);
		break;
	}
	case MSG_TOOL: {
		if ((r = parse_id(root, &out->id, err, errlen)) < 0)
			break;
		cJSON *ns = cJSON_GetObjectItemCaseSensitive(root, "ns");
		cJSON *name = cJSON_GetObjectItemCaseSensitive(root, "name");
		cJSON *args = cJSON_GetObjectItemCaseSensitive(root, "args");
		if (!valid_name(ns) || !valid_name(name)) {
			r = fail(err, errlen, "tool frame needs string \"ns\" and \"name\" of 1..256 bytes");
			break;
		}
		if (args && !cJSON_IsArray(args)) {
			r = fail(err, errlen, "tool frame \"args\" must be an array");
			break;
		}
		out->ns = ns->valuestring;
		out->name = name->valuestring;
		out->args = args;
		const struct jsonraw_member *a = jsonraw_find(mem, nmem, "args");
		out->args_json = a ? strndup(a->value.p, a->value.len) : strdup("[]");
		if (!out->args_json)
			r = fail(err, errlen, "out of memory");
		break;
	}
	case MSG_FS:
	case MSG_FETCH:
		/* Their fields are validated by fsops/fetch, which own those
		 * formats; here only the envelope. */
		r = parse_id(root, &out->id, err, errlen);
		break;
	case MSG_RESULT: {
		cJSON *ok = cJSON_GetObjectItemCaseSensitive(root, "ok");
		if (!cJSON_IsBool(ok)) {
			r = fail(err, errlen, "result frame without a boolean \"ok\"");
			break;
		}
		out->ok = cJSON_IsTrue(ok);
		out->value = cJSON_GetObjectItemCaseSensitive(root, "value");
		const struct jsonraw_member *v = jsonraw_find(mem, nmem, "value");
		if (v && !(out->value_json = strndup(v->value.p, v->value.len))) {
			r = fail(err, errlen, "out of memory");
			break;
		}
		if (!out->ok) {
			cJSON *e = cJSON_GetObjectItemCaseSensitive(root, "error");
			if (!cJSON_IsObject(e)) {
				r = fail(err, errlen, "failed result without an \"error\" object");
				break;
			}
			out->error = e;
		}
		cJSON *u = cJSON_GetObjectItemCaseSensitive(root, "unhandled");
		if (u && !cJSON_IsArray(u)) {
			r = fail(err, errlen, "result \"unhandled\" must be an array");
			break;
		}
		out->unhandled = u;
		cJSON *lim = cJSON_GetObjectItemCaseSensitive(root, "limit");
		if (lim) {
			if (!cJSON_IsString(lim) || strcmp(lim->valuestring, "memory") != 0) {
				r = fail(err, errlen, "result \"limit\" must be \"memory\"");
				break;
			}
			out->memory_limit = true;
		}
		break;
	}
	case MSG_START:
	case MSG_REPLY: r = fail(err, errlen, "guest sent a supervisor-to-guest message type"); break;
	default: r = fail(err, errlen, "unknown message type"); break;
	}
	if (r < 0)
		guestmsg_free(out);
	return r;
}

void guestmsg_free(struct guest_msg *m)
{
	if (!m)
		return;
	cJSON_Delete(m->root);
	free(m->args_json);
	free(m->value_json);
	memset(m, 0, sizeof(*m));
}
