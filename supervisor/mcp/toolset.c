/* toolset: downstream tools decoded once, named once (see toolset.h). */
#include "toolset.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsname.h"
#include "tstypes.h"

static void tool_free(struct toolset_tool *t)
{
	free(t->name);
	free(t->safe);
	free(t->type);
	free(t->description);
	cJSON_Delete(t->def);
}

void toolset_finish(struct toolset *ts)
{
	for (size_t i = 0; i < ts->n_ns; i++) {
		for (size_t j = 0; j < ts->ns[i].n_tools; j++)
			tool_free(&ts->ns[i].tools[j]);
		free(ts->ns[i].tools);
		free(ts->ns[i].name);
	}
	ts->n_ns = 0;
}

/* The generator's view of a tool: the three members it reads, copied so the
 * server's answer can be freed. */
static cJSON *def_of(const cJSON *tool, char **description)
{
	cJSON *def = cJSON_CreateObject();
	if (!def)
		return NULL;
	static const char *const keys[] = {"description", "inputSchema", "outputSchema"};
	for (size_t i = 0; i < 3; i++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(tool, keys[i]);
		if (!v)
			continue;
		cJSON *copy;
		if (i == 0 && cJSON_IsString(v) && strlen(v->valuestring) > TOOLSET_MAX_DESCRIPTION) {
			char *cut = strndup(v->valuestring, TOOLSET_MAX_DESCRIPTION);
			/* Do not end inside a UTF-8 sequence. */
			size_t n = cut ? strlen(cut) : 0;
			while (n && ((unsigned char)cut[n - 1] & 0xc0) == 0x80)
				n--;
			if (n && (unsigned char)cut[n - 1] >= 0xc0)
				n--;
			if (cut)
				cut[n] = '\0';
			copy = cut ? cJSON_CreateString(cut) : NULL;
			free(cut);
		} else {
			copy = cJSON_Duplicate(v, true);
		}
		if (!copy || !cJSON_AddItemToObject(def, keys[i], copy)) {
			cJSON_Delete(copy);
			cJSON_Delete(def);
			return NULL;
		}
		if (i == 0 && cJSON_IsString(copy) && !(*description = strdup(copy->valuestring))) {
			cJSON_Delete(def);
			return NULL;
		}
	}
	return def;
}

int toolset_add(struct toolset *ts, const char *name, const cJSON *tools, struct sbuf *warn)
{
	if (!tsname_is_identifier(name) || ts->n_ns >= TOOLSET_MAX_NAMESPACES)
		return -EINVAL;
	for (size_t i = 0; i < ts->n_ns; i++)
		if (!strcmp(ts->ns[i].name, name))
			return -EINVAL;
	size_t cap = (size_t)cJSON_GetArraySize(tools);
	if (cap > TOOLSET_MAX_TOOLS)
		cap = TOOLSET_MAX_TOOLS;
	struct toolset_ns ns = {.name = strdup(name), .tools = calloc(cap ? cap : 1, sizeof(struct toolset_tool))};
	const char **names = calloc(cap ? cap : 1, sizeof *names);
	char **safe = calloc(cap ? cap : 1, sizeof *safe), **type = calloc(cap ? cap : 1, sizeof *type);
	int r = -ENOMEM;
	if (!ns.name || !ns.tools || !names || !safe || !type)
		goto fail;
	size_t index = 0;
	for (const cJSON *t = cJSON_IsArray(tools) ? tools->child : NULL; t; t = t->next, index++) {
		const cJSON *nm = cJSON_GetObjectItemCaseSensitive(t, "name");
		if (ns.n_tools >= cap) {
			sbuf_printf(warn, "%s: more than %d tools; the rest are left out\n", name, TOOLSET_MAX_TOOLS);
			break;
		}
		if (!cJSON_IsObject(t) || !cJSON_IsString(nm) || !nm->valuestring[0]) {
			sbuf_printf(warn, "%s: tool #%zu has no name; left out\n", name, index);
			continue;
		}
		if (strlen(nm->valuestring) > TOOLSET_MAX_NAME) {
			sbuf_printf(warn, "%s: tool #%zu has a name over %d bytes; left out\n", name, index,
			            TOOLSET_MAX_NAME);
			continue;
		}
		bool dup = false;
		for (size_t j = 0; j < ns.n_tools && !dup; j++)
			dup = !strcmp(ns.tools[j].name, nm->valuestring);
		if (dup) {
			sbuf_printf(warn, "%s: tool #%zu repeats a name; left out\n", name, index);
			continue;
		}
		struct toolset_tool *tt = &ns.tools[ns.n_tools];
		tt->name = strdup(nm->valuestring);
		tt->def = tt->name ? def_of(t, &tt->description) : NULL;
		if (!tt->def) {
			tool_free(tt);
			*tt = (struct toolset_tool){0};
			goto fail;
		}
		names[ns.n_tools++] = tt->name;
	}
	r = tsname_assign(names, ns.n_tools, safe, type);
	if (r < 0)
		goto fail;
	for (size_t i = 0; i < ns.n_tools; i++) {
		ns.tools[i].safe = safe[i];
		ns.tools[i].type = type[i];
	}
	ts->ns[ts->n_ns++] = ns;
	free(names);
	free(safe);
	free(type);
	return 0;
fail:
	for (size_t i = 0; i < ns.n_tools; i++)
		tool_free(&ns.tools[i]);
	free(ns.tools);
	free(ns.name);
	free(names);
	free(safe);
	free(type);
	return r;
}

void toolset_retain(struct toolset *ts, bool (*keep)(void *ctx, const char *ns, const struct toolset_tool *t),
                    void *ctx)
{
	for (size_t i = 0; i < ts->n_ns; i++) {
		struct toolset_ns *ns = &ts->ns[i];
		size_t o = 0;
		for (size_t j = 0; j < ns->n_tools; j++) {
			if (keep(ctx, ns->name, &ns->tools[j]))
				ns->tools[o++] = ns->tools[j];
			else
				tool_free(&ns->tools[j]);
		}
		ns->n_tools = o;
	}
}

static void add_ns(struct sbuf *out, const struct toolset_ns *ns, const char *prefix, const struct toolset_tool *only)
{
	size_t n = only ? 1 : ns->n_tools;
	struct tstypes_tool *tt = calloc(n ? n : 1, sizeof *tt);
	if (!tt) {
		out->failed = true;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const struct toolset_tool *t = only ? only : &ns->tools[i];
		tt[i] = (struct tstypes_tool){t->name, t->safe, t->type, t->def};
	}
	tstypes_namespace(out, ns->name, prefix, tt, n);
	free(tt);
}

static void pascal_ns(const char *ns, char *out)
{
	tsname_pascal(ns, out);
}

char *toolset_declarations(const struct toolset *ts)
{
	struct sbuf out;
	sbuf_init(&out, TOOLSET_MAX_DECLARATIONS);
	for (size_t i = 0; i < ts->n_ns; i++) {
		char prefix[TSNAME_MAX + 1] = "";
		if (ts->n_ns > 1)
			pascal_ns(ts->ns[i].name, prefix);
		if (i)
			sbuf_adds(&out, "\n\n");
		add_ns(&out, &ts->ns[i], prefix, NULL);
	}
	sbuf_addc(&out, '\n');
	return sbuf_steal(&out, NULL);
}

const struct toolset_tool *toolset_find(const struct toolset *ts, const char *ns, const char *safe)
{
	for (size_t i = 0; i < ts->n_ns; i++) {
		if (strcmp(ts->ns[i].name, ns))
			continue;
		for (size_t j = 0; j < ts->ns[i].n_tools; j++)
			if (!strcmp(ts->ns[i].tools[j].safe, safe))
				return &ts->ns[i].tools[j];
	}
	return NULL;
}

char *toolset_describe(const struct toolset *ts, const char *ns, const char *safe)
{
	const struct toolset_tool *t = toolset_find(ts, ns, safe);
	if (!t)
		return NULL;
	for (size_t i = 0; i < ts->n_ns; i++) {
		if (strcmp(ts->ns[i].name, ns))
			continue;
		struct sbuf out;
		sbuf_init(&out, TOOLSET_MAX_DECLARATIONS);
		char prefix[TSNAME_MAX + 1] = "";
		if (ts->n_ns > 1)
			pascal_ns(ns, prefix);
		add_ns(&out, &ts->ns[i], prefix, t);
		sbuf_addc(&out, '\n');
		return sbuf_steal(&out, NULL);
	}
	return NULL;
}

/* ASCII case-insensitive substring test. */
static bool contains(const char *hay, const char *needle, size_t n)
{
	if (!hay)
		return false;
	for (; *hay; hay++)
		if (!strncasecmp(hay, needle, n))
			return true;
	return false;
}

cJSON *toolset_search(const struct toolset *ts, const char *query, size_t max)
{
	cJSON *out = cJSON_CreateArray();
	if (!out)
		return NULL;
	size_t found = 0;
	for (size_t i = 0; i < ts->n_ns && found < max; i++) {
		for (size_t j = 0; j < ts->ns[i].n_tools && found < max; j++) {
			const struct toolset_tool *t = &ts->ns[i].tools[j];
			char full[TSNAME_MAX * 2 + 2];
			snprintf(full, sizeof full, "%s.%s", ts->ns[i].name, t->safe);
			bool all = true;
			for (const char *w = query; *w && all;) {
				while (*w && isspace((unsigned char)*w))
					w++;
				size_t n = 0;
				while (w[n] && !isspace((unsigned char)w[n]))
					n++;
				if (n)
					all = contains(full, w, n) || contains(t->name, w, n) ||
					      contains(t->description, w, n);
				w += n;
			}
			if (!all)
				continue;
			cJSON *e = cJSON_CreateObject();
			if (e && !cJSON_AddItemToArray(out, e)) {
				cJSON_Delete(e);
				e = NULL;
			}
			/* From here e belongs to out. */
			if (!e || !cJSON_AddStringToObject(e, "name", full) ||
			    !cJSON_AddStringToObject(e, "server_name", t->name) ||
			    (t->description && !cJSON_AddStringToObject(e, "description", t->description))) {
				cJSON_Delete(out);
				return NULL;
			}
			found++;
		}
	}
	return out;
}

char *toolset_example(const struct toolset *ts)
{
	const struct toolset_ns *ns = NULL;
	for (size_t i = 0; i < ts->n_ns && !ns; i++)
		if (ts->ns[i].n_tools)
			ns = &ts->ns[i];
	if (!ns)
		return NULL;
	const struct toolset_tool *t = &ns->tools[0];
	const cJSON *schema = cJSON_GetObjectItemCaseSensitive(t->def, "inputSchema");
	const cJSON *props = cJSON_GetObjectItemCaseSensitive(schema, "properties");
	struct sbuf b;
	sbuf_init(&b, 4096);
	sbuf_printf(&b, "async () => { const r = await %s.%s(", ns->name, t->safe);
	size_t n = 0;
	for (const cJSON *p = cJSON_IsObject(props) ? props->child : NULL; p && n < TOOLSET_EXAMPLE_MAX_PROPS;
	     p = p->next) {
		if (!p->string || strlen(p->string) > TSNAME_MAX)
			continue;
		const cJSON *type = cJSON_GetObjectItemCaseSensitive(p, "type");
		const char *ty = cJSON_IsString(type) ? type->valuestring : "";
		const char *value = !strcmp(ty, "number") || !strcmp(ty, "integer") ? "0"
		                    : !strcmp(ty, "boolean")                        ? "true"
		                                                                    : "\"...\"";
		sbuf_adds(&b, n ? ", " : "{ ");
		if (tsname_is_identifier(p->string)) {
			sbuf_adds(&b, p->string);
		} else {
			cJSON *key = cJSON_CreateString(p->string);
			char *q = key ? cJSON_PrintUnformatted(key) : NULL;
			sbuf_adds(&b, q ? q : "\"\"");
			free(q);
			cJSON_Delete(key);
		}
		sbuf_printf(&b, ": %s", value);
		n++;
	}
	sbuf_adds(&b, n ? " }" : "{}");
	sbuf_adds(&b, "); return r; }");
	if (b.failed) {
		sbuf_finish(&b);
		return NULL;
	}
	return sbuf_steal(&b, NULL);
}
