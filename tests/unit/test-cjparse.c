/* test-cjparse: the supervisor's cJSON parses accept the unpaired-surrogate
 * escapes JSON allows (JSON.stringify writes them), read them as U+FFFD,
 * keep pairs and escaped backslashes, leave the caller's bytes alone and
 * still refuse what is not JSON. */
#include <cjson/cJSON.h>
#include <string.h>

#include "cjparse.h"
#include "tap.h"

/* cjparse of a one-string document gives want (UTF-8), or NULL expected. */
static void str(const char *doc, const char *want, const char *name)
{
	char copy[128];
	size_t n = strlen(doc);
	memcpy(copy, doc, n + 1);
	cJSON *v = cjparse(copy, n);
	if (!want) {
		tap_ok(v == NULL, "%s: refused", name);
	} else {
		const char *got = cJSON_GetStringValue(v);
		tap_ok(got && strcmp(got, want) == 0, "%s: %s", name, got ? got : "(null)");
	}
	tap_ok(memcmp(copy, doc, n + 1) == 0, "%s: the caller's text is unchanged", name);
	cJSON_Delete(v);
}

static void fix(const char *in, const char *want, size_t count, const char *name)
{
	char b[128];
	size_t n = strlen(in);
	memcpy(b, in, n + 1);
	TAP_EQ_INT(cjparse_count_lone(b, n), count, name);
	TAP_EQ_INT(cjparse_fix_lone(b, n), count, name);
	TAP_EQ_STR(b, want, name);
}

int main(void)
{
	str("\"\\ud83d\"", "\xef\xbf\xbd", "lone high surrogate");
	str("\"\\uDC00x\"", "\xef\xbf\xbdx", "lone low surrogate, upper-case hex");
	str("\"\\ud83d\\ude00\"", "\xf0\x9f\x98\x80", "a pair stays one character");
	str("\"\\ud83d\\ud83d\\ude00\"", "\xef\xbf\xbd\xf0\x9f\x98\x80", "a high before a pair");
	str("\"\\ude00\\ud83d\"", "\xef\xbf\xbd\xef\xbf\xbd", "a low before a high is no pair");
	str("\"\\\\ud83d\"", "\\ud83d", "an escaped backslash then text");
	str("\"\\\\\\ud83d\"", "\\\xef\xbf\xbd", "an escaped backslash then an escape");
	str("\"\\ud83d", NULL, "unterminated string");
	str("\"\\ud83\"", NULL, "short escape");
	str("\"a\" x", NULL, "text after the value");
	str("\"a\" \n", "a", "whitespace after the value");

	fix("{\"a\":\"\\ud800\",\"\\udfff\":1}", "{\"a\":\"\\ufffd\",\"\\ufffd\":1}", 2, "keys and values");
	fix("\"\\ud800", "\"\\ufffd", 1, "an escape at the very end");
	fix("\\u", "\\u", 0, "a cut escape");
	fix("\"\\uD7FF\\uE000\"", "\"\\uD7FF\\uE000\"", 0, "the neighbours of the surrogate range");

	size_t end, err;
	cJSON *v = cjparse_prefix("[1,\"\\udc00\"] tail", 17, &end, &err);
	tap_ok(v && end == 12, "prefix parse ends after the value (%zu)", end);
	cJSON_Delete(v);
	v = cjparse_prefix("[1,\"\\udc00\",]", 13, &end, &err);
	tap_ok(!v && err > 0 && err <= 13, "prefix parse reports where it failed (%zu)", err);
	/* Nothing else changes: a document cJSON takes as it is parses the same. */
	v = cjparse("{\"n\":[1.5,true,null,{\"k\":\"\\u00e9\\n\"}]}", 38);
	char *p = v ? cJSON_PrintUnformatted(v) : NULL;
	TAP_EQ_STR(p, "{\"n\":[1.5,true,null,{\"k\":\"\xc3\xa9\\n\"}]}", "other documents parse as cJSON parses them");
	cJSON_free(p);
	cJSON_Delete(v);
	return tap_done();
}
