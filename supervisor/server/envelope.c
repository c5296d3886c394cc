/* envelope: see envelope.h. */
#include "envelope.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonraw.h"

/* The limits a client may lower for its run (docs/SERVE.md); the rest
 * (pids, stack, in-flight window, cgroup mode) stay the operator's. */
static const char *const client_limits[] = {"wall", "cpu", "memory", "heap", "output", "tool_calls", "max_frame", NULL};

static int fail(char *err, size_t errlen, const char *msg)
{
	snprintf(err, errlen, "%s", msg);
	return -EPROTO;
}

bool envelope_run_id_ok(const char *s, size_t len)
{
	if (len == 0 || len > ENVELOPE_MAX_RUN_ID)
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
		      c == '_' || c == ':' || c == '-'))
			return false;
	}
	return true;
}

/* A string member's decoded text into buf (cap bytes with the NUL).
 * Returns 0, or -1 when it is not a string, holds a NUL or is too long. */
static int string_into(const struct jsonraw_member *m, char *buf, size_t cap)
{
	if (m->kind != JSONRAW_STRING)
		return -1;
	char *s;
	size_t n;
	bool nul, lone;
	if (jsonraw_string(m->value, &s, &n, &nul, &lone) < 0)
		return -1;
	int r = (nul || n >= cap) ? -1 : 0;
	if (r == 0)
		memcpy(buf, s, n + 1);
	free(s);
	return r;
}

static int decode_limits(const struct jsonraw_member *lm, struct envelope *out, char *err, size_t errlen)
{
	if (lm->kind != JSONRAW_OBJECT)
		return fail(err, errlen, "start: \"limits\" must be an object such as {\"wall\": \"5s\"}");
	struct jsonraw_member m[ENVELOPE_MAX_LIMITS + 1];
	size_t n;
	const char *why;
	if (jsonraw_object(lm->value, m, ENVELOPE_MAX_LIMITS, &n, &why) < 0)
		return fail(err, errlen, "start: \"limits\" has too many members or is malformed");
	for (size_t i = 0; i < n; i++) {
		struct envelope_limit *l = &out->limits[out->n_limits];
		size_t k;
		for (k = 0; client_limits[k]; k++)
			if (m[i].key.len == strlen(client_limits[k]) &&
			    memcmp(m[i].key.p, client_limits[k], m[i].key.len) == 0)
				break;
		if (!client_limits[k]) {
			snprintf(err, errlen,
			         "start: unknown or server-only limit \"%.*s\" (a client may set wall, cpu, memory, "
			         "heap, output, tool_calls, max_frame)",
			         (int)(m[i].key.len > 32 ? 32 : m[i].key.len), m[i].key.p);
			return -EPROTO;
		}
		for (size_t j = 0; j < out->n_limits; j++)
			if (!strcmp(out->limits[j].key, client_limits[k]))
				return fail(err, errlen, "start: a limit named twice in \"limits\"");
		snprintf(l->key, sizeof l->key, "%s", client_limits[k]);
		if (m[i].kind == JSONRAW_NUMBER && m[i].value.len <= ENVELOPE_MAX_LIMIT_TEXT) {
			memcpy(l->text, m[i].value.p, m[i].value.len);
			l->text[m[i].value.len] = '\0';
		} else if (string_into(&m[i], l->text, sizeof l->text) < 0) {
			snprintf(err, errlen, "start: limit \"%s\" must be a short string such as \"5s\" or \"64MiB\"",
			         l->key);
			return -EPROTO;
		}
		out->n_limits++;
	}
	return 0;
}

/* The forwarded line: every member but the server's own, as written. */
static int build_fwd(const char *line, const struct jsonraw_member *m, size_t n, struct envelope *out)
{
	(void)line;
	size_t cap = 3;
	for (size_t i = 0; i < n; i++)
		cap += m[i].key.len + m[i].value.len + 4;
	char *b = malloc(cap);
	if (!b)
		return -ENOMEM;
	size_t w = 0;
	b[w++] = '{';
	for (size_t i = 0; i < n; i++) {
		static const char *const strip[] = {"run", "policy_name", "limits", "last", NULL};
		bool skip = false;
		for (size_t k = 0; strip[k]; k++)
			skip |= m[i].key.len == strlen(strip[k]) && memcmp(m[i].key.p, strip[k], m[i].key.len) == 0;
		if (skip)
			continue;
		if (w > 1)
			b[w++] = ',';
		b[w++] = '"';
		memcpy(b + w, m[i].key.p, m[i].key.len);
		w += m[i].key.len;
		b[w++] = '"';
		b[w++] = ':';
		memcpy(b + w, m[i].value.p, m[i].value.len);
		w += m[i].value.len;
	}
	b[w++] = '}';
	b[w++] = '\n';
	out->fwd = b;
	out->fwd_len = w;
	return 0;
}

int envelope_decode(const char *line, size_t len, struct envelope *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof(*out));
	struct jsonraw_member m[JSONRAW_MAX_MEMBERS];
	size_t n;
	const char *why;
	if (jsonraw_members(line, len, m, JSONRAW_MAX_MEMBERS, &n, &why) < 0) {
		snprintf(err, errlen, "not a JSON object on one line (%s)", why);
		return -EPROTO;
	}
	const struct jsonraw_member *run = jsonraw_find(m, n, "run");
	if (run) {
		if (string_into(run, out->run, sizeof out->run) < 0 ||
		    !envelope_run_id_ok(out->run, strlen(out->run))) {
			out->run[0] = '\0';
			return fail(err, errlen,
			            "\"run\" must be a string of 1..64 letters, digits, '.', '_', ':' or '-'");
		}
	}
	const struct jsonraw_member *v = jsonraw_find(m, n, "v");
	if (!v || v->kind != JSONRAW_NUMBER || v->value.len != 1 || v->value.p[0] != '1')
		return fail(err, errlen, "every line must carry \"v\": 1");
	const struct jsonraw_member *t = jsonraw_find(m, n, "type");
	char type[32];
	if (!t || string_into(t, type, sizeof type) < 0)
		return fail(err, errlen, "a line without a string \"type\"");
	out->type = hostmsg_from_name(type, strlen(type));
	switch (out->type) {
	case HOSTMSG_STATS:
	case HOSTMSG_HEALTH:
	case HOSTMSG_METRICS: return 0;
	case HOSTMSG_START:
	case HOSTMSG_TOOL_RESULT:
	case HOSTMSG_CANCEL:
	case HOSTMSG_APPROVAL: break;
	default:
		snprintf(err, errlen,
		         "unknown message type '%s' (a client sends start, tool_result, cancel, approval, stats, "
		         "health or metrics)",
		         type);
		return -EPROTO;
	}
	if (!run)
		return fail(err, errlen, "a run message needs a \"run\" id (one connection carries many runs)");
	if (out->type == HOSTMSG_START) {
		/* `codecell run --policy FILE` has no counterpart here: a start
		 * that says "policy" would otherwise run, silently, under the
		 * default policy. */
		if (jsonraw_find(m, n, "policy"))
			return fail(err, errlen,
			            "start: \"policy\" is not a start member; name one of the server's policies "
			            "with \"policy_name\" (codecell serve --policy NAME=FILE)");
		const struct jsonraw_member *pn = jsonraw_find(m, n, "policy_name");
		if (pn && (string_into(pn, out->policy_name, sizeof out->policy_name) < 0 || !out->policy_name[0]))
			return fail(err, errlen,
			            "start: \"policy_name\" must be a non-empty string of at most 64 bytes");
		const struct jsonraw_member *last = jsonraw_find(m, n, "last");
		if (last && last->kind != JSONRAW_BOOL)
			return fail(err, errlen, "start: \"last\" must be a boolean");
		out->last = last && last->value.p[0] == 't';
		const struct jsonraw_member *lm = jsonraw_find(m, n, "limits");
		if (lm) {
			int r = decode_limits(lm, out, err, errlen);
			if (r < 0)
				return r;
		}
	}
	return build_fwd(line, m, n, out);
}

void envelope_free(struct envelope *e)
{
	if (!e)
		return;
	free(e->fwd);
	e->fwd = NULL;
	e->fwd_len = 0;
}

char *envelope_tag(const char *line, size_t len, const char *run, size_t *out_len)
{
	if (len < 2 || line[0] != '{' || line[len - 1] != '}')
		return NULL;
	size_t rl = strlen(run);
	bool empty = len == 2;
	size_t cap = len + rl + 16;
	char *b = malloc(cap);
	if (!b)
		return NULL;
	size_t w = (size_t)snprintf(b, cap, "{\"run\":\"%s\"%s", run, empty ? "" : ",");
	memcpy(b + w, line + 1, len - 1);
	w += len - 1;
	b[w++] = '\n';
	*out_len = w;
	return b;
}
