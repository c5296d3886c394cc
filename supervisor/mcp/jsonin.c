/* jsonin: checked JSON text to a cJSON tree (see jsonin.h). cJSON itself
 * neither checks UTF-8 nor refuses NUL inside the buffer, so both are
 * checked first: a name with a broken sequence must never reach the
 * generator or a client. Nesting is bounded by cJSON's own limit (1000). */
#include "jsonin.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cjparse.h"
#include "util.h"

cJSON *jsonin_parse(const char *text, size_t len, char *why, size_t why_len)
{
	for (size_t i = 0; i < len;) {
		size_t n = util_utf8_seq((const uint8_t *)text + i, len - i);
		if (!n || text[i] == '\0') {
			snprintf(why, why_len, "not UTF-8 text (byte %zu)", i);
			return NULL;
		}
		i += n;
	}
	size_t off, err_at;
	cJSON *v = cjparse_prefix(text, len, &off, &err_at);
	if (!v) {
		snprintf(why, why_len, "not valid JSON (near byte %zu)", err_at);
		return NULL;
	}
	const char *end = text + off;
	while (end && end < text + len && strchr(" \t\r\n", *end))
		end++;
	if (end && end < text + len) {
		cJSON_Delete(v);
		snprintf(why, why_len, "text after the JSON value (byte %zu)", (size_t)(end - text));
		return NULL;
	}
	return v;
}
