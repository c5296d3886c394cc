/* tstypes: JSON Schema to TypeScript, codemode's rules (see tstypes.h).
 * Where codemode's JavaScript would throw (a property access on null, a
 * string method on a number) the whole tool falls back to `unknown`, as
 * codemode's try/catch does; `ctx.threw` carries that out of the recursion. */
#include "tstypes.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsname.h"

/* A schema object with more members than this is not one a server should
 * send; entries past it are left out of the declaration. */
#define TSTYPES_MAX_ENTRIES 4096

struct ctx {
	const cJSON *root;
	/* The schemas on the current path: codemode's `seen` set, which turns a
	 * $ref cycle into `unknown`. */
	const cJSON *stack[TSTYPES_MAX_DEPTH + 1];
	int depth;
	bool threw;
};

struct entry {
	const char *key;
	const cJSON *val;
};

static bool truthy(const cJSON *v)
{
	if (!v || cJSON_IsNull(v) || cJSON_IsFalse(v))
		return false;
	if (cJSON_IsNumber(v))
		return v->valuedouble != 0 && !isnan(v->valuedouble);
	if (cJSON_IsString(v))
		return v->valuestring[0] != '\0';
	return true;
}

/* JSON.parse keeps the last of duplicate keys. */
static const cJSON *get(const cJSON *obj, const char *key)
{
	const cJSON *found = NULL;
	if (!cJSON_IsObject(obj))
		return NULL;
	for (const cJSON *c = obj->child; c; c = c->next)
		if (c->string && !strcmp(c->string, key))
			found = c;
	return found;
}

/* An array index in JavaScript's property order: "0" or [1-9][0-9]* below
 * 2^32 - 1. */
static bool index_key(const char *k, unsigned long long *v)
{
	if (!k[0] || (k[0] == '0' && k[1]) || strlen(k) > 10)
		return false;
	unsigned long long n = 0;
	for (const char *p = k; *p; p++) {
		if (*p < '0' || *p > '9')
			return false;
		n = n * 10 + (unsigned)(*p - '0');
	}
	*v = n;
	return n < 4294967295ull;
}

static int by_index(const void *a, const void *b)
{
	unsigned long long x = 0, y = 0;
	index_key(((const struct entry *)a)->key, &x);
	index_key(((const struct entry *)b)->key, &y);
	return (x > y) - (x < y);
}

/* Object.entries(JSON.parse(...)) order: index keys ascending, then the
 * rest in first-seen order, each with the last value given for its key. An
 * array's entries are its indices. Caller frees *out. */
static size_t entries(const cJSON *obj, struct entry **out, char (**keys)[16])
{
	*out = NULL;
	*keys = NULL;
	size_t n = 0, cap = (size_t)cJSON_GetArraySize(obj);
	if (cap > TSTYPES_MAX_ENTRIES)
		cap = TSTYPES_MAX_ENTRIES;
	if (!cap)
		return 0;
	struct entry *e = calloc(cap, sizeof *e);
	if (!e)
		return 0;
	if (cJSON_IsArray(obj)) {
		*keys = calloc(cap, sizeof **keys);
		if (!*keys) {
			free(e);
			return 0;
		}
		for (const cJSON *c = obj->child; c && n < cap; c = c->next, n++) {
			snprintf((*keys)[n], sizeof(*keys)[n], "%zu", n);
			e[n] = (struct entry){(*keys)[n], c};
		}
		*out = e;
		return n;
	}
	size_t n_idx = 0;
	/* Two passes: indices first (sorted below), then named keys. */
	for (int pass = 0; pass < 2; pass++) {
		for (const cJSON *c = obj->child; c && n < cap; c = c->next) {
			unsigned long long v;
			if (index_key(c->string, &v) != (pass == 0))
				continue;
			bool dup = false;
			for (size_t i = 0; i < n && !dup; i++)
				dup = !strcmp(e[i].key, c->string);
			if (!dup)
				e[n++] = (struct entry){c->string, get(obj, c->string)};
		}
		if (pass == 0)
			n_idx = n;
	}
	qsort(e, n_idx, sizeof *e, by_index);
	*out = e;
	return n;
}

void tstypes_js_number(double d, char *buf, size_t len)
{
	if (isnan(d)) {
		snprintf(buf, len, "NaN");
		return;
	}
	if (isinf(d)) {
		snprintf(buf, len, d < 0 ? "-Infinity" : "Infinity");
		return;
	}
	if (d == 0) {
		snprintf(buf, len, "0");
		return;
	}
	/* The shortest digits that read back as d (Number::toString's k). */
	char e[40];
	for (int p = 1; p <= 17; p++) {
		snprintf(e, sizeof e, "%.*e", p - 1, d);
		if (strtod(e, NULL) == d)
			break;
	}
	bool neg = e[0] == '-';
	char digits[20];
	size_t k = 0;
	const char *p = e + neg;
	for (; *p && *p != 'e'; p++)
		if (*p != '.')
			digits[k++] = *p;
	digits[k] = '\0';
	int n = atoi(p + 1) + 1;
	char out[64];
	size_t o = 0;
	if (neg)
		out[o++] = '-';
	if ((int)k <= n && n <= 21) {
		memcpy(out + o, digits, k), o += k;
		for (int i = (int)k; i < n; i++)
			out[o++] = '0';
	} else if (0 < n && n <= 21) {
		memcpy(out + o, digits, (size_t)n), o += (size_t)n;
		out[o++] = '.';
		memcpy(out + o, digits + n, k - (size_t)n), o += k - (size_t)n;
	} else if (-6 < n && n <= 0) {
		out[o++] = '0', out[o++] = '.';
		for (int i = 0; i < -n; i++)
			out[o++] = '0';
		memcpy(out + o, digits, k), o += k;
	} else {
		out[o++] = digits[0];
		if (k > 1) {
			out[o++] = '.';
			memcpy(out + o, digits + 1, k - 1), o += k - 1;
		}
		o += (size_t)snprintf(out + o, sizeof out - o, "e%c%d", n - 1 < 0 ? '-' : '+', abs(n - 1));
	}
	out[o] = '\0';
	snprintf(buf, len, "%s", out);
}

/* A string's characters as codemode's escapeStringLiteral and quoteProp
 * write them (the JSON escapes plus U+2028/U+2029; other characters kept). */
static void add_escaped(struct sbuf *b, const char *s)
{
	for (size_t i = 0; s[i]; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '\\': sbuf_adds(b, "\\\\"); break;
		case '"': sbuf_adds(b, "\\\""); break;
		case '\n': sbuf_adds(b, "\\n"); break;
		case '\r': sbuf_adds(b, "\\r"); break;
		case '\t': sbuf_adds(b, "\\t"); break;
		default:
			if (c <= 0x1f || c == 0x7f) {
				sbuf_printf(b, "\\u%04x", c);
			} else if (c == 0xe2 && (unsigned char)s[i + 1] == 0x80 &&
			           ((unsigned char)s[i + 2] == 0xa8 || (unsigned char)s[i + 2] == 0xa9)) {
				sbuf_adds(b, (unsigned char)s[i + 2] == 0xa8 ? "\\u2028" : "\\u2029");
				i += 2;
			} else {
				sbuf_addc(b, (char)c);
			}
		}
	}
}

/* JSON.stringify of a parsed value (compact; JavaScript's key order). */
static void add_json(struct sbuf *b, const cJSON *v, int depth)
{
	char num[40];
	if (depth > 64) {
		sbuf_adds(b, "null");
	} else if (cJSON_IsNull(v)) {
		sbuf_adds(b, "null");
	} else if (cJSON_IsBool(v)) {
		sbuf_adds(b, cJSON_IsTrue(v) ? "true" : "false");
	} else if (cJSON_IsNumber(v)) {
		if (!isfinite(v->valuedouble)) {
			sbuf_adds(b, "null");
		} else {
			tstypes_js_number(v->valuedouble, num, sizeof num);
			sbuf_adds(b, num);
		}
	} else if (cJSON_IsString(v)) {
		char *s = cJSON_PrintUnformatted(v);
		if (!s)
			b->failed = true;
		else
			sbuf_adds(b, s);
		free(s);
	} else if (cJSON_IsArray(v)) {
		sbuf_addc(b, '[');
		for (const cJSON *c = v->child; c; c = c->next) {
			add_json(b, c, depth + 1);
			if (c->next)
				sbuf_addc(b, ',');
		}
		sbuf_addc(b, ']');
	} else {
		struct entry *e;
		char(*keys)[16];
		size_t n = entries(v, &e, &keys);
		sbuf_addc(b, '{');
		for (size_t i = 0; i < n; i++) {
			cJSON *k = cJSON_CreateString(e[i].key);
			char *ks = k ? cJSON_PrintUnformatted(k) : NULL;
			if (!ks)
				b->failed = true;
			else
				sbuf_adds(b, ks);
			free(ks);
			cJSON_Delete(k);
			sbuf_addc(b, ':');
			add_json(b, e[i].val, depth + 1);
			if (i + 1 < n)
				sbuf_addc(b, ',');
		}
		sbuf_addc(b, '}');
		free(e);
		free(keys);
	}
}

/* String(v) for a JSON value (a property description codemode prints in
 * its @param line without checking its type). */
static void add_js_string(struct sbuf *b, const cJSON *v)
{
	char num[40];
	if (cJSON_IsString(v)) {
		sbuf_adds(b, v->valuestring);
	} else if (cJSON_IsNumber(v)) {
		tstypes_js_number(v->valuedouble, num, sizeof num);
		sbuf_adds(b, num);
	} else if (cJSON_IsBool(v)) {
		sbuf_adds(b, cJSON_IsTrue(v) ? "true" : "false");
	} else if (cJSON_IsArray(v)) {
		for (const cJSON *c = v->child; c; c = c->next) {
			if (!cJSON_IsNull(c))
				add_js_string(b, c);
			if (c->next)
				sbuf_addc(b, ',');
		}
	} else if (cJSON_IsObject(v)) {
		sbuf_adds(b, "[object Object]");
	} else {
		sbuf_adds(b, "null");
	}
}

/* escapeJsDoc(text.replace(/\r?\n/g, " ")): "*\/" cannot close the comment. */
static void add_jsdoc(struct sbuf *b, const char *s, bool join_lines)
{
	for (size_t i = 0; s[i]; i++) {
		if (join_lines && s[i] == '\r' && s[i + 1] == '\n') {
			sbuf_addc(b, ' ');
			i++;
		} else if (join_lines && s[i] == '\n') {
			sbuf_addc(b, ' ');
		} else if (s[i] == '*' && s[i + 1] == '/') {
			sbuf_adds(b, "*\\/");
			i++;
		} else {
			sbuf_addc(b, s[i]);
		}
	}
}

static bool is_plain_ident(const char *s)
{
	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') || s[0] == '_' || s[0] == '$'))
		return false;
	for (size_t i = 1; s[i]; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') ||
		      s[i] == '_' || s[i] == '$'))
			return false;
	return true;
}

static void add_prop_name(struct sbuf *b, const char *name)
{
	if (is_plain_ident(name)) {
		sbuf_adds(b, name);
		return;
	}
	sbuf_addc(b, '"');
	add_escaped(b, name);
	sbuf_addc(b, '"');
}

/* resolveRef: "#" or a "#/a/b" JSON Pointer into the root; NULL otherwise. */
static const cJSON *resolve_ref(const char *ref, const cJSON *root)
{
	if (!strcmp(ref, "#"))
		return root;
	if (strncmp(ref, "#/", 2))
		return NULL;
	const cJSON *cur = root;
	const char *p = ref + 2;
	for (;;) {
		const char *slash = strchr(p, '/');
		size_t n = slash ? (size_t)(slash - p) : strlen(p);
		char *seg = malloc(n + 1);
		if (!seg)
			return NULL;
		size_t o = 0;
		for (size_t i = 0; i < n; i++) {
			if (p[i] == '~' && i + 1 < n && (p[i + 1] == '0' || p[i + 1] == '1')) {
				seg[o++] = p[i + 1] == '1' ? '/' : '~';
				i++;
			} else {
				seg[o++] = p[i];
			}
		}
		seg[o] = '\0';
		if (!cJSON_IsObject(cur) && !cJSON_IsArray(cur)) {
			free(seg);
			return NULL;
		}
		const cJSON *next = NULL;
		if (cJSON_IsArray(cur)) {
			unsigned long long idx;
			if (index_key(seg, &idx))
				next = cJSON_GetArrayItem(cur, (int)(idx > 1000000 ? 1000000 : idx));
		} else {
			next = get(cur, seg);
		}
		free(seg);
		if (!next)
			return NULL;
		cur = next;
		if (!slash)
			break;
		p = slash + 1;
	}
	if (cJSON_IsBool(cur) || cJSON_IsObject(cur) || cJSON_IsArray(cur))
		return cur;
	return NULL;
}

static void to_type(struct sbuf *b, const cJSON *s, const char *indent, struct ctx *ctx);

static void nullable(struct sbuf *b, size_t start, const cJSON *s)
{
	const char *t = b->data ? b->data + start : "";
	if (!b->failed && strcmp(t, "unknown") && strcmp(t, "never") && cJSON_IsTrue(get(s, "nullable")))
		sbuf_adds(b, " | null");
}

static void join(struct sbuf *b, const cJSON *list, const char *sep, const char *indent, struct ctx *ctx)
{
	for (const cJSON *c = list->child; c; c = c->next) {
		to_type(b, c, indent, ctx);
		if (c->next)
			sbuf_adds(b, sep);
	}
}

/* The body of jsonSchemaToTypeString once the guards have passed. */
static void to_type_body(struct sbuf *b, const cJSON *s, const char *indent, struct ctx *ctx)
{
	size_t start = b->len;
	const cJSON *ref = get(s, "$ref");
	if (truthy(ref)) {
		const cJSON *r = cJSON_IsString(ref) ? resolve_ref(ref->valuestring, ctx->root) : NULL;
		if (!cJSON_IsString(ref))
			ctx->threw = true;
		if (!r) {
			sbuf_adds(b, "unknown");
			return;
		}
		to_type(b, r, indent, ctx);
		nullable(b, start, s);
		return;
	}
	static const char *const unions[][2] = {{"anyOf", " | "}, {"oneOf", " | "}, {"allOf", " & "}};
	for (size_t i = 0; i < 3; i++) {
		const cJSON *u = get(s, unions[i][0]);
		if (!truthy(u))
			continue;
		if (!cJSON_IsArray(u)) {
			ctx->threw = true;
			return;
		}
		join(b, u, unions[i][1], indent, ctx);
		nullable(b, start, s);
		return;
	}
	const cJSON *en = get(s, "enum");
	if (truthy(en)) {
		if (!cJSON_IsArray(en)) {
			ctx->threw = true; /* .length and .map of a non-array */
			return;
		}
		if (!en->child) {
			sbuf_adds(b, "never");
			return;
		}
		for (const cJSON *c = en->child; c; c = c->next) {
			if (cJSON_IsString(c)) {
				sbuf_addc(b, '"');
				add_escaped(b, c->valuestring);
				sbuf_addc(b, '"');
			} else if (cJSON_IsNumber(c) || cJSON_IsBool(c)) {
				add_js_string(b, c);
			} else {
				add_json(b, c, 0);
			}
			if (c->next)
				sbuf_adds(b, " | ");
		}
		nullable(b, start, s);
		return;
	}
	const cJSON *cn = get(s, "const");
	if (cn) {
		if (cJSON_IsString(cn)) {
			sbuf_addc(b, '"');
			add_escaped(b, cn->valuestring);
			sbuf_addc(b, '"');
		} else if (cJSON_IsNumber(cn) || cJSON_IsBool(cn)) {
			add_js_string(b, cn);
		} else {
			add_json(b, cn, 0);
		}
		nullable(b, start, s);
		return;
	}
	const cJSON *type = get(s, "type");
	const char *t = cJSON_IsString(type) ? type->valuestring : "";
	if (!strcmp(t, "string") || !strcmp(t, "number") || !strcmp(t, "integer") || !strcmp(t, "boolean")) {
		sbuf_adds(b, !strcmp(t, "integer") ? "number" : t);
		nullable(b, start, s);
		return;
	}
	if (!strcmp(t, "null")) {
		sbuf_adds(b, "null");
		return;
	}
	if (!strcmp(t, "array")) {
		const cJSON *prefix = get(s, "prefixItems"), *items = get(s, "items");
		if (cJSON_IsArray(prefix) || cJSON_IsArray(items)) {
			sbuf_addc(b, '[');
			const cJSON *list = cJSON_IsArray(prefix) ? prefix : items;
			join(b, list, ", ", indent, ctx);
			sbuf_addc(b, ']');
		} else if (truthy(items)) {
			to_type(b, items, indent, ctx);
			sbuf_adds(b, "[]");
		} else {
			sbuf_adds(b, "unknown[]");
		}
		nullable(b, start, s);
		return;
	}
	const cJSON *props = get(s, "properties");
	if (!strcmp(t, "object") || truthy(props)) {
		const cJSON *req = get(s, "required"), *addl = get(s, "additionalProperties");
		if (truthy(req) && !cJSON_IsArray(req) && !cJSON_IsString(req)) {
			ctx->threw = true; /* new Set(non-iterable) */
			return;
		}
		char inner[256];
		snprintf(inner, sizeof inner, "%s    ", indent);
		struct entry *e = NULL;
		char(*keys)[16] = NULL;
		size_t n = (cJSON_IsObject(props) || cJSON_IsArray(props)) ? entries(props, &e, &keys) : 0;
		struct sbuf lines;
		sbuf_init(&lines, b->max);
		for (size_t i = 0; i < n && !ctx->threw; i++) {
			bool required = false;
			for (const cJSON *r = cJSON_IsArray(req) ? req->child : NULL; r && !required; r = r->next)
				required = cJSON_IsString(r) && !strcmp(r->valuestring, e[i].key);
			const cJSON *ps = e[i].val;
			if (lines.len)
				sbuf_addc(&lines, '\n');
			if (cJSON_IsBool(ps)) {
				sbuf_printf(&lines, "%s    ", indent);
				add_prop_name(&lines, e[i].key);
				sbuf_printf(&lines, "%s: %s;", required ? "" : "?",
				            cJSON_IsTrue(ps) ? "unknown" : "never");
				continue;
			}
			struct sbuf pt;
			sbuf_init(&pt, b->max);
			to_type(&pt, ps, inner, ctx);
			const cJSON *desc = get(ps, "description"), *fmt = get(ps, "format");
			if ((truthy(desc) && !cJSON_IsString(desc)) || (truthy(fmt) && !cJSON_IsString(fmt)))
				ctx->threw = true;
			bool has_d = truthy(desc) && cJSON_IsString(desc), has_f = truthy(fmt) && cJSON_IsString(fmt);
			if (has_d && has_f) {
				sbuf_printf(&lines, "%s    /**\n%s     * ", indent, indent);
				add_jsdoc(&lines, desc->valuestring, true);
				sbuf_printf(&lines, "\n%s     * @format ", indent);
				add_jsdoc(&lines, fmt->valuestring, false);
				sbuf_printf(&lines, "\n%s     */\n", indent);
			} else if (has_d || has_f) {
				sbuf_printf(&lines, "%s    /** ", indent);
				if (has_d) {
					add_jsdoc(&lines, desc->valuestring, true);
				} else {
					sbuf_adds(&lines, "@format ");
					add_jsdoc(&lines, fmt->valuestring, false);
				}
				sbuf_adds(&lines, " */\n");
			}
			sbuf_printf(&lines, "%s    ", indent);
			add_prop_name(&lines, e[i].key);
			sbuf_printf(&lines, "%s: ", required ? "" : "?");
			if (pt.failed)
				lines.failed = true;
			else if (pt.data)
				sbuf_add(&lines, pt.data, pt.len);
			sbuf_addc(&lines, ';');
			sbuf_finish(&pt);
		}
		free(e);
		free(keys);
		if (truthy(addl) && !ctx->threw) {
			if (lines.len)
				sbuf_addc(&lines, '\n');
			sbuf_printf(&lines, "%s    [key: string]: ", indent);
			if (cJSON_IsTrue(addl))
				sbuf_adds(&lines, "unknown");
			else
				to_type(&lines, addl, inner, ctx);
			sbuf_addc(&lines, ';');
		}
		if (!lines.len && !lines.failed) {
			sbuf_adds(b, cJSON_IsFalse(addl) ? "{}" : "Record<string, unknown>");
		} else {
			sbuf_adds(b, "{\n");
			if (lines.failed)
				b->failed = true;
			else
				sbuf_add(b, lines.data, lines.len);
			sbuf_printf(b, "\n%s}", indent);
		}
		sbuf_finish(&lines);
		nullable(b, start, s);
		return;
	}
	if (cJSON_IsArray(type)) {
		for (const cJSON *c = type->child; c; c = c->next) {
			const char *x = cJSON_IsString(c) ? c->valuestring : "";
			sbuf_adds(b, !strcmp(x, "string")                            ? "string"
			             : !strcmp(x, "number") || !strcmp(x, "integer") ? "number"
			             : !strcmp(x, "boolean")                         ? "boolean"
			             : !strcmp(x, "null")                            ? "null"
			             : !strcmp(x, "array")                           ? "unknown[]"
			             : !strcmp(x, "object")                          ? "Record<string, unknown>"
			                                                             : "unknown");
			if (c->next)
				sbuf_adds(b, " | ");
		}
		nullable(b, start, s);
		return;
	}
	sbuf_adds(b, "unknown");
}

static void to_type(struct sbuf *b, const cJSON *s, const char *indent, struct ctx *ctx)
{
	if (ctx->threw)
		return;
	if (cJSON_IsBool(s)) {
		sbuf_adds(b, cJSON_IsTrue(s) ? "unknown" : "never");
		return;
	}
	if (ctx->depth >= TSTYPES_MAX_DEPTH) {
		sbuf_adds(b, "unknown");
		return;
	}
	for (int i = 0; i < ctx->depth; i++) {
		if (ctx->stack[i] == s) {
			sbuf_adds(b, "unknown");
			return;
		}
	}
	if (!s || cJSON_IsNull(s)) {
		ctx->threw = true; /* a property access on undefined or null */
		return;
	}
	if (!cJSON_IsObject(s)) {
		sbuf_adds(b, "unknown"); /* a number, string or array has none of the keywords */
		return;
	}
	/* 4 spaces per level and at most TSTYPES_MAX_DEPTH levels fit in 256. */
	ctx->stack[ctx->depth++] = s;
	to_type_body(b, s, indent, ctx);
	ctx->depth--;
}

/* jsonSchemaToType: `type NAME = ...` into b; false when codemode would throw. */
static bool schema_type(struct sbuf *b, const cJSON *schema, const char *name)
{
	struct ctx ctx = {.root = schema};
	sbuf_printf(b, "type %s = ", name);
	to_type(b, schema, "", &ctx);
	return !ctx.threw;
}

/* String.prototype.trim: JavaScript whitespace at both ends. */
static char *js_trim(const char *s)
{
	size_t n = strlen(s), a = 0, z = n;
	while (a < n) {
		unsigned cp;
		size_t l = tsname_utf8_next(s + a, n - a, &cp);
		if (!tsname_is_js_space(cp))
			break;
		a += l;
	}
	while (z > a) {
		size_t back = 1;
		while (back < z - a && back < 4 && ((unsigned char)s[z - back] & 0xc0) == 0x80)
			back++;
		unsigned cp;
		tsname_utf8_next(s + z - back, back, &cp);
		if (!tsname_is_js_space(cp))
			break;
		z -= back;
	}
	return strndup(s + a, z - a);
}

/* One tool: its types into types, its member into members; false when
 * codemode would fall back to `unknown`. */
static bool one_tool(struct sbuf *types, struct sbuf *members, const char *tname, const struct tstypes_tool *t)
{
	const cJSON *desc = get(t->tool, "description"), *in = get(t->tool, "inputSchema"),
	            *out = get(t->tool, "outputSchema");
	char name[TSNAME_MAX * 2 + 80];
	snprintf(name, sizeof name, "%sInput", tname);
	sbuf_addc(types, '\n');
	if (!schema_type(types, in, name))
		return false;
	sbuf_addc(types, '\n');
	snprintf(name, sizeof name, "%sOutput", tname);
	if (truthy(out)) {
		if (!schema_type(types, out, name))
			return false;
	} else {
		sbuf_printf(types, "type %s = unknown", name);
	}
	if (desc && !cJSON_IsNull(desc) && !cJSON_IsString(desc))
		return false; /* description.trim is not a function */
	sbuf_adds(members, "\n\t/**\n\t * ");
	char *trimmed = cJSON_IsString(desc) ? js_trim(desc->valuestring) : NULL;
	if (trimmed && trimmed[0])
		add_jsdoc(members, trimmed, true);
	else
		add_jsdoc(members, t->name, false);
	free(trimmed);
	const cJSON *props = get(in, "properties");
	if (truthy(props) && (cJSON_IsObject(props) || cJSON_IsArray(props))) {
		struct entry *e;
		char(*keys)[16];
		size_t n = entries(props, &e, &keys);
		for (size_t i = 0; i < n; i++) {
			const cJSON *pd = cJSON_IsObject(e[i].val) ? get(e[i].val, "description") : NULL;
			if (!truthy(pd))
				continue;
			struct sbuf line;
			sbuf_init(&line, members->max);
			sbuf_printf(&line, "@param input.%s - ", e[i].key);
			add_js_string(&line, pd);
			sbuf_adds(members, "\n\t * ");
			if (line.failed)
				members->failed = true;
			else
				add_jsdoc(members, line.data, true);
			sbuf_finish(&line);
		}
		free(e);
		free(keys);
	}
	sbuf_printf(members, "\n\t */\n\t%s: (input: %sInput) => Promise<%sOutput>;\n", t->safe, tname, tname);
	return true;
}

void tstypes_namespace(struct sbuf *out, const char *ns, const char *type_prefix, const struct tstypes_tool *tools,
                       size_t n)
{
	struct sbuf types, members;
	sbuf_init(&types, out->max);
	sbuf_init(&members, out->max);
	for (size_t i = 0; i < n; i++) {
		char tname[TSNAME_MAX * 2 + 40];
		snprintf(tname, sizeof tname, "%s%s", type_prefix, tools[i].type);
		size_t tl = types.len, ml = members.len;
		if (!one_tool(&types, &members, tname, &tools[i]) && !types.failed && !members.failed) {
			/* Undo the partial text, as codemode's catch starts over. */
			types.len = tl, members.len = ml;
			if (types.data)
				types.data[tl] = '\0';
			if (members.data)
				members.data[ml] = '\0';
			sbuf_printf(&types, "\ntype %sInput = unknown\ntype %sOutput = unknown", tname, tname);
			sbuf_adds(&members, "\n\t/**\n\t * ");
			add_jsdoc(&members, tools[i].name, false);
			sbuf_printf(&members, "\n\t */\n\t%s: (input: %sInput) => Promise<%sOutput>;\n", tools[i].safe,
			            tname, tname);
		}
	}
	if (types.failed || members.failed) {
		out->failed = true;
	} else {
		if (types.len)
			sbuf_printf(out, "%s\n\n", types.data + 1); /* codemode's trim() drops the first "\n" */
		sbuf_printf(out, "declare const %s: {", ns);
		if (members.len)
			sbuf_add(out, members.data, members.len);
		sbuf_addc(out, '}');
	}
	sbuf_finish(&types);
	sbuf_finish(&members);
}
