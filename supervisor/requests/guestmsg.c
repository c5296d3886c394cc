/* guestmsg: see guestmsg.h.
 *
 * Two kinds of wrong input, kept apart on purpose: a frame whose shape is
 * wrong (a missing field, a wrong type, an unknown op) can only come from a
 * guest that bypassed its prelude, so it ends the run (-EPROTO); a value the
 * program chose badly (a malformed URL, a forbidden header) is answered with
 * a TypeError the program can handle, through m->bad. */
#include "guestmsg.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "jsonbytes.h"
#include "jsonraw.h"
#include "util.h"

struct dec {
	struct jsonraw_member mem[JSONRAW_MAX_MEMBERS];
	size_t n;
	char *err;
	size_t errlen;
};

__attribute__((format(printf, 2, 3))) static int fail(struct dec *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(d->err, d->errlen, fmt, ap);
	va_end(ap);
	return -EPROTO;
}

static const struct jsonraw_member *field(const struct dec *d, const char *key)
{
	return jsonraw_find(d->mem, d->n, key);
}

/* Absent and null both mean "not given". */
static bool given(const struct jsonraw_member *m)
{
	return m && m->kind != JSONRAW_NULL;
}

/* A string field as an owned NUL-free C string of at most max bytes.
 * -ENOENT when absent or null (if optional), -EPROTO for a wrong type, a NUL
 * or over max, -ENOMEM. */
static int str(struct dec *d, const char *key, size_t max, bool optional, char **out)
{
	const struct jsonraw_member *m = field(d, key);
	*out = NULL;
	if (!given(m)) {
		if (optional)
			return -ENOENT;
		return fail(d, "frame without a string \"%s\"", key);
	}
	if (m->kind != JSONRAW_STRING)
		return fail(d, "frame field \"%s\" must be a string", key);
	size_t len;
	bool nul, lone;
	int r = jsonraw_string(m->value, out, &len, &nul, &lone);
	if (r == -ENOMEM)
		return r;
	if (r < 0 || nul || len > max) {
		free(*out);
		*out = NULL;
		fail(d, nul ? "frame field \"%s\" holds a NUL character" : "frame field \"%s\" is too long", key);
		/* A NUL may be the program's own value (a path): the caller says. */
		return nul ? -EILSEQ : -EPROTO;
	}
	return 0;
}

/* An optional boolean: absent or null = false. */
static int boolean(struct dec *d, const char *key, bool *out)
{
	const struct jsonraw_member *m = field(d, key);
	*out = false;
	if (!given(m))
		return 0;
	if (m->kind != JSONRAW_BOOL)
		return fail(d, "frame field \"%s\" must be a boolean", key);
	*out = m->value.p[0] == 't';
	return 0;
}

static int parse_id(struct dec *d, uint64_t *id)
{
	const struct jsonraw_member *m = field(d, "id");
	if (!m || m->kind != JSONRAW_NUMBER)
		return fail(d, "%s", "request without a numeric \"id\"");
	/* The prelude counts 1, 2, 3...: plain digits, no sign, fraction or
	 * exponent; anything else is not an id it sent. */
	uint64_t v = 0;
	bool ok = m->value.len > 0 && m->value.len <= 16 && m->value.p[0] != '0';
	for (size_t i = 0; ok && i < m->value.len; i++) {
		char c = m->value.p[i];
		ok = c >= '0' && c <= '9';
		v = v * 10 + (uint64_t)(c - '0');
	}
	if (!ok || v >= GUESTMSG_MAX_ID)
		return fail(d, "%s", "request \"id\" must be an integer in [1, 2^53)");
	*id = v;
	return 0;
}

/* ---- fs ---- */

static const struct {
	const char *name;
	bool writes;
} fs_ops[] = {
        [GUEST_FS_READ_FILE] = {"readFile", false},
        [GUEST_FS_WRITE_FILE] = {"writeFile", true},
        [GUEST_FS_APPEND_FILE] = {"appendFile", true},
        [GUEST_FS_READDIR] = {"readdir", false},
        [GUEST_FS_STAT] = {"stat", false},
        [GUEST_FS_LSTAT] = {"lstat", false},
        [GUEST_FS_ACCESS] = {"access", false},
        [GUEST_FS_MKDIR] = {"mkdir", true},
        [GUEST_FS_RM] = {"rm", true},
        [GUEST_FS_UNLINK] = {"unlink", true},
        [GUEST_FS_RMDIR] = {"rmdir", true},
        [GUEST_FS_RENAME] = {"rename", true},
};
#define N_FS_OPS (sizeof(fs_ops) / sizeof(fs_ops[0]))

const char *guestmsg_fs_op_name(enum guest_fs_op op)
{
	return (size_t)op < N_FS_OPS ? fs_ops[op].name : "?";
}

bool guestmsg_fs_op_writes(enum guest_fs_op op)
{
	/* An op out of range writes: the safe answer for a classification. */
	return (size_t)op >= N_FS_OPS || fs_ops[op].writes;
}

/* Longest path the decoder keeps: four times PATH_MAX, so the engine can
 * still say ENAMETOOLONG with the real length; the frame limit is above. */
#define GUESTMSG_PATH_KEEP (4 * 4096)

/* {data, encoding}: "utf8" text or "base64". */
static int payload(struct dec *d, struct guest_msg *m, const char *key, const char *enckey, uint8_t **out, size_t *n)
{
	char *enc = NULL;
	int r = str(d, enckey, 16, true, &enc);
	if (r < 0 && r != -ENOENT)
		return r;
	bool b64 = enc && strcmp(enc, "base64") == 0;
	bool bad_enc = enc && !b64 && strcmp(enc, "utf8") != 0;
	free(enc);
	if (bad_enc)
		return fail(d, "frame field \"%s\" must be \"utf8\" or \"base64\"", enckey);
	const struct jsonraw_member *f = field(d, key);
	if (!given(f))
		return -ENOENT;
	if (f->kind != JSONRAW_STRING)
		return fail(d, "frame field \"%s\" must be a string", key);
	char *text;
	size_t len;
	bool nul, lone;
	if ((r = jsonraw_string(f->value, &text, &len, &nul, &lone)) < 0)
		return r == -ENOMEM ? r : fail(d, "frame field \"%s\" is not a JSON string", key);
	if (!b64) {
		/* Text is written as its UTF-8 bytes, NULs included. */
		*out = (uint8_t *)text;
		*n = len;
		return 0;
	}
	r = jsonbytes_b64_decode(text, len, out, n);
	free(text);
	if (r == -EINVAL) {
		req_error_set(&m->bad, "TypeError", "ERR_INVALID_ARG_VALUE", NULL, "%s is not valid base64", key);
		return 0;
	}
	return r;
}

static int decode_fs(struct dec *d, struct guest_msg *m)
{
	struct guest_fs_req *q = &m->fs;
	char *op;
	int r = str(d, "op", 32, false, &op);
	if (r < 0)
		return r;
	size_t i = 0;
	while (i < N_FS_OPS && strcmp(op, fs_ops[i].name) != 0)
		i++;
	if (i == N_FS_OPS) {
		r = fail(d, "unknown fs op '%.64s'", op);
		free(op);
		return r;
	}
	free(op);
	q->op = (enum guest_fs_op)i;
	if ((r = str(d, "path", GUESTMSG_PATH_KEEP, false, &q->path)) < 0) {
		/* A NUL is a value the program chose: node refuses it with this. */
		if (r == -EILSEQ) {
			req_error_set(&m->bad, "TypeError", "ERR_INVALID_ARG_VALUE", NULL,
			              "The argument 'path' must be a string without null bytes");
			return 0;
		}
		return r;
	}
	switch (q->op) {
	case GUEST_FS_READ_FILE: {
		char *enc = NULL;
		if ((r = str(d, "encoding", 16, true, &enc)) < 0 && r != -ENOENT)
			return r;
		bool bad = enc && strcmp(enc, "utf8") != 0 && strcmp(enc, "base64") != 0;
		q->base64 = enc && strcmp(enc, "base64") == 0;
		free(enc);
		if (bad)
			return fail(d, "%s", "fs readFile encoding must be \"utf8\" or \"base64\"");
		return 0;
	}
	case GUEST_FS_WRITE_FILE:
	case GUEST_FS_APPEND_FILE:
		r = payload(d, m, "data", "encoding", &q->data, &q->data_len);
		if (r == -ENOENT)
			return fail(d, "fs %s needs 'data' (string) and 'encoding' (\"utf8\" or \"base64\")",
			            guestmsg_fs_op_name(q->op));
		if (r == 0 && !q->data && !m->bad.name[0] && !(q->data = malloc(1)))
			return -ENOMEM;
		return r;
	case GUEST_FS_MKDIR: return boolean(d, "recursive", &q->recursive);
	case GUEST_FS_RM:
	case GUEST_FS_UNLINK:
	case GUEST_FS_RMDIR:
		if ((r = boolean(d, "recursive", &q->recursive)) < 0)
			return r;
		return boolean(d, "force", &q->force);
	case GUEST_FS_RENAME:
		if ((r = str(d, "newPath", GUESTMSG_PATH_KEEP, false, &q->new_path)) < 0) {
			if (r == -EILSEQ) {
				req_error_set(&m->bad, "TypeError", "ERR_INVALID_ARG_VALUE", NULL,
				              "The argument 'newPath' must be a string without null bytes");
				return 0;
			}
		}
		return r;
	default: return 0;
	}
}

/* ---- fetch ---- */

static bool token_char(unsigned char c)
{
	return c > 0x20 && c < 0x7f && !strchr("\"(),/:;<=>?@[\\]{}", c);
}

/* Headers that frame the message or route it: the supervisor sets them. */
static const char *const forbidden_headers[] = {
        "host",    "content-length", "transfer-encoding",   "connection",       "keep-alive", "upgrade", "te",
        "trailer", "expect",         "proxy-authorization", "proxy-connection",
};

/* Checks one header; NULL or why it is refused. */
static const char *bad_header(const char *name, size_t nl, const char *value, size_t vl)
{
	if (nl == 0 || nl + vl + 2 > GUESTMSG_MAX_HEADER_BYTES)
		return "header name empty or header too long";
	for (size_t i = 0; i < nl; i++)
		if (!token_char((unsigned char)name[i]))
			return "invalid character in header name";
	for (size_t i = 0; i < vl; i++) {
		unsigned char c = (unsigned char)value[i];
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return "control character in header value";
	}
	for (size_t i = 0; i < sizeof(forbidden_headers) / sizeof(forbidden_headers[0]); i++)
		if (strcasecmp(name, forbidden_headers[i]) == 0)
			return "this header is set by the supervisor";
	return NULL;
}

/* One header from two string spans into a "Name: value" line. 1 when the
 * program's header is refused (m->bad set), 0, -EPROTO, -ENOMEM. */
static int add_header(struct dec *d, struct guest_msg *m, struct jsonraw_span ns, struct jsonraw_span vs)
{
	char *name = NULL, *value = NULL;
	size_t nl, vl;
	bool nul1, nul2, lone;
	int r = jsonraw_string(ns, &name, &nl, &nul1, &lone);
	if (r == 0)
		r = jsonraw_string(vs, &value, &vl, &nul2, &lone);
	if (r < 0) {
		free(name);
		free(value);
		return r == -ENOMEM ? r : fail(d, "%s", "fetch headers must be [name, value] string pairs");
	}
	const char *why = nul1 || nul2 ? "NUL character in header" : bad_header(name, nl, value, vl);
	if (why) {
		req_error_set(&m->bad, "TypeError", "ERR_INVALID_HEADER", NULL, "invalid request header '%.64s': %s",
		              name, why);
		free(name);
		free(value);
		return 1;
	}
	size_t l = nl + vl + 3;
	char *line = malloc(l);
	if (line) {
		/* "Name;" is curl's way to send an empty value. */
		if (vl)
			snprintf(line, l, "%s: %s", name, value);
		else
			snprintf(line, l, "%s;", name);
		m->fetch.headers[m->fetch.n_headers++] = line;
	}
	free(name);
	free(value);
	return line ? 0 : -ENOMEM;
}

static int decode_headers(struct dec *d, struct guest_msg *m)
{
	const struct jsonraw_member *h = field(d, "headers");
	if (!given(h))
		return 0;
	struct jsonraw_span items[GUESTMSG_MAX_HEADERS + 1];
	enum jsonraw_kind kinds[GUESTMSG_MAX_HEADERS + 1];
	struct jsonraw_member mem[GUESTMSG_MAX_HEADERS + 1];
	size_t n;
	const char *why;
	bool pairs = h->kind == JSONRAW_ARRAY;
	if (h->kind != JSONRAW_ARRAY && h->kind != JSONRAW_OBJECT)
		return fail(d, "%s", "fetch headers must be an array of pairs or an object");
	int r = pairs ? jsonraw_items(h->value, items, kinds, GUESTMSG_MAX_HEADERS + 1, &n)
	              : jsonraw_object(h->value, mem, GUESTMSG_MAX_HEADERS + 1, &n, &why);
	if (r < 0 || n > GUESTMSG_MAX_HEADERS) {
		req_error_set(&m->bad, "TypeError", "ERR_INVALID_ARG_VALUE", NULL,
		              "too many request headers (limit %d)", GUESTMSG_MAX_HEADERS);
		return 0;
	}
	m->fetch.headers = calloc(n + 1, sizeof(char *));
	if (!m->fetch.headers)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		struct jsonraw_span ns, vs;
		if (pairs) {
			struct jsonraw_span pv[3];
			enum jsonraw_kind pk[3];
			size_t pn;
			if (kinds[i] != JSONRAW_ARRAY || jsonraw_items(items[i], pv, pk, 3, &pn) < 0 || pn != 2 ||
			    pk[0] != JSONRAW_STRING || pk[1] != JSONRAW_STRING)
				return fail(d, "%s", "fetch headers must be [name, value] string pairs");
			ns = pv[0];
			vs = pv[1];
		} else {
			if (mem[i].kind != JSONRAW_STRING)
				return fail(d, "%s", "fetch header values must be strings");
			ns = (struct jsonraw_span){mem[i].key.p - 1, mem[i].key.len + 2};
			vs = mem[i].value;
		}
		if ((r = add_header(d, m, ns, vs)) != 0)
			return r < 0 ? r : 0;
	}
	return 0;
}

static int decode_fetch(struct dec *d, struct guest_msg *m)
{
	struct guest_fetch_req *q = &m->fetch;
	char *method = NULL, *redirect = NULL;
	int r = str(d, "url", GUESTMSG_PATH_KEEP, false, &q->url_text);
	if (r < 0) {
		if (r == -EILSEQ) {
			req_error_set(&m->bad, "TypeError", "ERR_INVALID_URL", NULL, "fetch failed: invalid URL (NUL)");
			return 0;
		}
		return r;
	}
	if ((r = str(d, "method", 64, true, &method)) < 0 && r != -ENOENT)
		return r;
	if ((r = str(d, "redirect", 16, true, &redirect)) < 0 && r != -ENOENT) {
		free(method);
		return r;
	}
	r = 0;
	const char *why = NULL;
	int ur = url_parse(q->url_text, strlen(q->url_text), &q->url, &why);
	if (ur == -ENOMEM) {
		r = -ENOMEM;
	} else if (ur < 0) {
		req_error_set(&m->bad, "TypeError", "ERR_INVALID_URL", NULL, "fetch failed: invalid URL '%.200s': %s",
		              q->url_text, why);
	} else {
		const char *mt = method ? method : "GET";
		size_t ml = strlen(mt);
		bool ok = ml > 0 && ml <= GUESTMSG_METHOD_MAX;
		for (size_t i = 0; ok && i < ml; i++)
			ok = token_char((unsigned char)mt[i]);
		if (!ok) {
			req_error_set(&m->bad, "TypeError", "ERR_INVALID_ARG_VALUE", NULL,
			              "invalid HTTP method '%.24s'", mt);
		} else {
			memcpy(q->method, mt, ml + 1);
			/* fetch() normalises these six case-insensitively; others stay as given. */
			static const char *const norm[] = {"DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"};
			for (size_t i = 0; i < sizeof(norm) / sizeof(norm[0]); i++)
				if (strcasecmp(q->method, norm[i]) == 0)
					memcpy(q->method, norm[i], strlen(norm[i]) + 1);
			if (strcmp(q->method, "CONNECT") == 0 || strcmp(q->method, "TRACE") == 0 ||
			    strcmp(q->method, "TRACK") == 0)
				req_error_set(&m->bad, "TypeError", "ERR_INVALID_ARG_VALUE", NULL,
				              "HTTP method %s is not allowed", q->method);
		}
		const char *rd = redirect ? redirect : "follow";
		if (strcmp(rd, "follow") == 0)
			q->redirect = GUEST_REDIRECT_FOLLOW;
		else if (strcmp(rd, "manual") == 0)
			q->redirect = GUEST_REDIRECT_MANUAL;
		else if (strcmp(rd, "error") == 0)
			q->redirect = GUEST_REDIRECT_ERROR;
		else if (!m->bad.name[0])
			req_error_set(&m->bad, "TypeError", "ERR_INVALID_ARG_VALUE", NULL,
			              "redirect must be 'follow', 'manual' or 'error'");
	}
	free(method);
	free(redirect);
	if (r < 0 || m->bad.name[0])
		return r;
	r = payload(d, m, "body", "bodyEncoding", &q->body, &q->body_len);
	if (r == -ENOENT)
		r = 0;
	if (r < 0 || m->bad.name[0])
		return r;
	if (q->body && (strcmp(q->method, "GET") == 0 || strcmp(q->method, "HEAD") == 0)) {
		req_error_set(&m->bad, "TypeError", "ERR_INVALID_ARG_VALUE", NULL,
		              "Request with GET/HEAD method cannot have body");
		return 0;
	}
	return decode_headers(d, m);
}

/* ---- the rest ---- */

static int decode_log(struct dec *d, struct guest_msg *m)
{
	static const char *const levels[] = {"log", "info", "warn", "error", "debug"};
	char *lv;
	int r = str(d, "level", 7, false, &lv);
	if (r < 0)
		return r == -ENOMEM ? r : fail(d, "%s", "log frame with an invalid \"level\"");
	bool ok = false;
	for (size_t i = 0; i < sizeof(levels) / sizeof(levels[0]); i++)
		ok |= strcmp(lv, levels[i]) == 0;
	if (ok)
		snprintf(m->level, sizeof(m->level), "%s", lv);
	free(lv);
	if (!ok)
		return fail(d, "%s", "log frame with an invalid \"level\"");
	const struct jsonraw_member *t = field(d, "msg");
	if (!t || t->kind != JSONRAW_STRING)
		return fail(d, "%s", "log frame without a string \"msg\"");
	bool nul, lone;
	r = jsonraw_string(t->value, &m->text, &m->text_len, &nul, &lone);
	return r == -ENOMEM ? r : r < 0 ? fail(d, "%s", "log frame without a string \"msg\"") : 0;
}

static int decode_tool(struct dec *d, struct guest_msg *m)
{
	int r = parse_id(d, &m->id);
	if (r < 0)
		return r;
	if ((r = str(d, "ns", GUESTMSG_MAX_NAME, false, &m->ns)) < 0 ||
	    (r = str(d, "name", GUESTMSG_MAX_NAME, false, &m->name)) < 0 || !m->ns[0] || !m->name[0])
		return r == -ENOMEM ? r : fail(d, "%s", "tool frame needs string \"ns\" and \"name\" of 1..256 bytes");
	const struct jsonraw_member *a = field(d, "args");
	if (a && a->kind != JSONRAW_ARRAY)
		return fail(d, "%s", "tool frame \"args\" must be an array");
	m->args_json = a ? strndup(a->value.p, a->value.len) : strdup("[]");
	return m->args_json ? 0 : -ENOMEM;
}

/* The error object's three strings; a missing one is "". */
static int decode_error(struct dec *d, struct guest_msg *m)
{
	const struct jsonraw_member *e = field(d, "error");
	if (!e || e->kind != JSONRAW_OBJECT)
		return fail(d, "%s", "failed result without an \"error\" object");
	struct jsonraw_member mem[JSONRAW_MAX_MEMBERS];
	size_t n;
	const char *why;
	if (jsonraw_object(e->value, mem, JSONRAW_MAX_MEMBERS, &n, &why) < 0)
		return fail(d, "result \"error\": %s", why);
	static const char *const keys[] = {"name", "message", "stack"};
	char **outs[] = {&m->err_name, &m->err_message, &m->err_stack};
	for (size_t k = 0; k < 3; k++) {
		const struct jsonraw_member *f = jsonraw_find(mem, n, keys[k]);
		bool nul, lone;
		size_t len;
		int r = f && f->kind == JSONRAW_STRING ? jsonraw_string(f->value, outs[k], &len, &nul, &lone) : 0;
		if (r == -ENOMEM)
			return r;
		if (!*outs[k] && !(*outs[k] = strdup("")))
			return -ENOMEM;
	}
	return 0;
}

static int decode_result(struct dec *d, struct guest_msg *m)
{
	const struct jsonraw_member *ok = field(d, "ok");
	if (!ok || ok->kind != JSONRAW_BOOL)
		return fail(d, "%s", "result frame without a boolean \"ok\"");
	m->ok = ok->value.p[0] == 't';
	const struct jsonraw_member *v = field(d, "value");
	if (v && !(m->value_json = strndup(v->value.p, v->value.len)))
		return -ENOMEM;
	int r;
	if (!m->ok && (r = decode_error(d, m)) < 0)
		return r;
	const struct jsonraw_member *u = field(d, "unhandled");
	if (u && u->kind != JSONRAW_ARRAY)
		return fail(d, "%s", "result \"unhandled\" must be an array");
	if (u && !(m->unhandled_json = strndup(u->value.p, u->value.len)))
		return -ENOMEM;
	const struct jsonraw_member *lim = field(d, "limit");
	if (lim) {
		if (lim->kind != JSONRAW_STRING || lim->value.len != 8 || memcmp(lim->value.p, "\"memory\"", 8) != 0)
			return fail(d, "%s", "result \"limit\" must be \"memory\"");
		m->memory_limit = true;
	}
	return 0;
}

int guestmsg_parse(const uint8_t *buf, size_t len, struct guest_msg *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof(*out));
	struct dec *d = malloc(sizeof(*d));
	if (!d)
		return -ENOMEM;
	d->err = err;
	d->errlen = errlen;
	int r;
	const char *why;
	/* The JSON text must not carry NUL bytes: nothing after it could tell
	 * them from the end of a string. */
	if (memchr(buf, '\0', len)) {
		r = fail(d, "%s", "frame contains a NUL byte");
		goto out;
	}
	/* The guest's encoder writes UTF-8 only (guest/jsonout.c); anything
	 * else is a guest that bypassed it, and its bytes would reach the host's
	 * NDJSON stream verbatim (raw values are passed on unparsed). */
	for (size_t i = 0; i < len;) {
		size_t k = util_utf8_seq(buf + i, len - i);
		if (k == 0) {
			r = fail(d, "frame is not valid UTF-8 (at byte %zu)", i);
			goto out;
		}
		i += k;
	}
	if (jsonraw_members((const char *)buf, len, d->mem, JSONRAW_MAX_MEMBERS, &d->n, &why) < 0) {
		r = fail(d, strcmp(why, "not a JSON object") == 0 ? "frame is %s" : "frame is not valid JSON (%s)",
		         why);
		goto out;
	}
	char *t = NULL;
	if ((r = str(d, "t", 16, false, &t)) < 0) {
		if (r != -ENOMEM)
			r = fail(d, "%s", "frame without a string \"t\"");
		goto out;
	}
	out->type = msgtype_from_name(t, strlen(t));
	free(t);
	switch (out->type) {
	case MSG_READY: r = 0; break;
	case MSG_LOG: r = decode_log(d, out); break;
	case MSG_TOOL: r = decode_tool(d, out); break;
	case MSG_FS:
		if ((r = parse_id(d, &out->id)) == 0)
			r = decode_fs(d, out);
		break;
	case MSG_FETCH:
		if ((r = parse_id(d, &out->id)) == 0)
			r = decode_fetch(d, out);
		break;
	case MSG_RESULT: r = decode_result(d, out); break;
	case MSG_START:
	case MSG_REPLY: r = fail(d, "%s", "guest sent a supervisor-to-guest message type"); break;
	default: r = fail(d, "%s", "unknown message type"); break;
	}
out:
	if (r < 0 && r != -ENOMEM)
		r = -EPROTO;
	if (r == -ENOMEM)
		snprintf(err, errlen, "out of memory decoding a frame");
	if (r < 0)
		guestmsg_free(out);
	free(d);
	return r;
}

void guestmsg_free(struct guest_msg *m)
{
	if (!m)
		return;
	free(m->text);
	free(m->ns);
	free(m->name);
	free(m->args_json);
	free(m->fs.path);
	free(m->fs.new_path);
	free(m->fs.data);
	url_free(&m->fetch.url);
	free(m->fetch.url_text);
	for (size_t i = 0; i < m->fetch.n_headers; i++)
		free(m->fetch.headers[i]);
	free(m->fetch.headers);
	free(m->fetch.body);
	free(m->value_json);
	free(m->err_name);
	free(m->err_message);
	free(m->err_stack);
	free(m->unhandled_json);
	memset(m, 0, sizeof(*m));
}

void guestmsg_move(struct guest_msg *dst, struct guest_msg *src)
{
	*dst = *src;
	memset(src, 0, sizeof(*src));
}
