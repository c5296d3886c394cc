/* toolresult: a CallToolResult as a program value (see toolresult.h). The
 * order is codemode's unwrapMcpResult, so a program written against
 * codeMcpServer reads the same values here. */
#include "toolresult.h"

#include <errno.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonin.h"
#include "mcpbytes.h"
#include "sbuf.h"

void toolresult_finish(struct toolresult *r)
{
	if (!r)
		return;
	free(r->value_json);
	free(r->error);
	*r = (struct toolresult){0};
}

int toolresult_error(struct toolresult *out, const char *fmt, ...)
{
	*out = (struct toolresult){0};
	char buf[TOOLRESULT_MAX_ERROR];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	out->error = strdup(buf);
	return out->error ? 0 : -ENOMEM;
}

/* The text items of content joined by "\n"; all_text says whether every
 * item was text. NULL on ENOMEM. */
static char *texts(const cJSON *content, bool *all_text, size_t max)
{
	struct sbuf b;
	sbuf_init(&b, max);
	*all_text = cJSON_IsArray(content) && content->child;
	for (const cJSON *c = cJSON_IsArray(content) ? content->child : NULL; c; c = c->next) {
		const cJSON *type = cJSON_GetObjectItemCaseSensitive(c, "type");
		const cJSON *text = cJSON_GetObjectItemCaseSensitive(c, "text");
		if (!cJSON_IsString(type) || strcmp(type->valuestring, "text") || !cJSON_IsString(text)) {
			*all_text = false;
			continue;
		}
		if (b.len)
			sbuf_addc(&b, '\n');
		sbuf_adds(&b, text->valuestring);
	}
	if (b.failed && max < SIZE_MAX) {
		/* Cut for an error message: keep what fitted. */
		b.failed = false;
	}
	return sbuf_steal(&b, NULL);
}

int toolresult_from_call(const cJSON *result, const char *server, const char *tool, struct toolresult *out)
{
	*out = (struct toolresult){0};
	const cJSON *content = cJSON_GetObjectItemCaseSensitive(result, "content");
	bool all_text;
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(result, "isError"))) {
		char *t = texts(content, &all_text, TOOLRESULT_MAX_ERROR);
		int r = toolresult_error(out, "%s.%s failed: %s", server, tool,
		                         t && t[0] ? t : "the tool reported an error");
		free(t);
		return r;
	}
	const cJSON *sc = cJSON_GetObjectItemCaseSensitive(result, "structuredContent");
	if (sc && !cJSON_IsNull(sc)) {
		out->value_json = mcpbytes_print_escaped(sc);
	} else {
		char *t = texts(content, &all_text, SIZE_MAX);
		if (!t)
			return -ENOMEM;
		if (all_text) {
			char why[128];
			cJSON *parsed = jsonin_parse(t, strlen(t), why, sizeof why);
			if (parsed) {
				out->value_json = mcpbytes_print_escaped(parsed);
				cJSON_Delete(parsed);
			} else {
				cJSON *s = cJSON_CreateString(t);
				out->value_json = s ? cJSON_PrintUnformatted(s) : NULL;
				cJSON_Delete(s);
			}
		} else {
			out->value_json = mcpbytes_print_escaped(result);
		}
		free(t);
	}
	if (!out->value_json)
		return -ENOMEM;
	out->ok = true;
	return 0;
}
