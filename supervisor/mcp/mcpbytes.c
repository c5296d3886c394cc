/* mcpbytes: binary tags at codecell mcp's edge (see mcpbytes.h). */
#include "mcpbytes.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonbytes.h"

bool mcpbytes_is_tag_key(const char *key)
{
	if (!key || key[0] != '$')
		return false;
	while (*key == '$')
		key++;
	return !strcmp(key, "bytes");
}

/* Renames item's key to s + skip (s is its own key). */
static int rename_key(cJSON *item, const char *key)
{
	size_t n = strlen(key);
	char *k = cJSON_malloc(n + 1);
	if (!k)
		return -ENOMEM;
	memcpy(k, key, n + 1);
	cJSON_free(item->string);
	item->string = k;
	return 0;
}

/* The base64 string that replaces a tag object, or NULL when v is not a
 * tag; -EINVAL through *err when it is a malformed one. */
static cJSON *tag_value(const cJSON *v, int *err, char *why, size_t why_len)
{
	const cJSON *c = v->child;
	bool tag = false;
	for (const cJSON *k = c; k; k = k->next)
		tag |= k->string && !strcmp(k->string, "$bytes");
	if (!tag)
		return NULL;
	if (c->next || strcmp(c->string, "$bytes") || !cJSON_IsString(c)) {
		snprintf(why, why_len, "a \"$bytes\" key that is not alone or holds no string");
		*err = -EINVAL;
		return NULL;
	}
	uint8_t *bytes;
	size_t n;
	int r = jsonbytes_b64_decode(c->valuestring, strlen(c->valuestring), &bytes, &n);
	if (r < 0) {
		snprintf(why, why_len, "a \"$bytes\" tag that does not hold base64");
		*err = r;
		return NULL;
	}
	free(bytes);
	cJSON *s = cJSON_CreateString(c->valuestring);
	if (!s)
		*err = -ENOMEM;
	return s;
}

static int to_mcp(cJSON *parent, cJSON *v, cJSON **root, char *why, size_t why_len)
{
	if (cJSON_IsObject(v)) {
		int err = 0;
		cJSON *s = tag_value(v, &err, why, why_len);
		if (err)
			return err;
		if (s) {
			if (parent) {
				/* The replacement takes over the member's key. */
				s->string = v->string;
				v->string = NULL;
				cJSON_ReplaceItemViaPointer(parent, v, s);
			} else {
				cJSON_Delete(*root);
				*root = s;
			}
			return 0;
		}
		for (cJSON *k = v->child; k; k = k->next) {
			if (k->string && k->string[0] == '$' && mcpbytes_is_tag_key(k->string) &&
			    rename_key(k, k->string + 1) < 0)
				return -ENOMEM;
		}
	}
	if (cJSON_IsObject(v) || cJSON_IsArray(v)) {
		for (cJSON *k = v->child, *next; k; k = next) {
			next = k->next; /* k may be replaced */
			int r = to_mcp(v, k, root, why, why_len);
			if (r < 0)
				return r;
		}
	}
	return 0;
}

int mcpbytes_to_mcp(cJSON **v, char *why, size_t why_len)
{
	return to_mcp(NULL, *v, v, why, why_len);
}

static bool needs_escape(const cJSON *v)
{
	for (const cJSON *k = v ? v->child : NULL; k; k = k->next) {
		if (k->string && mcpbytes_is_tag_key(k->string))
			return true;
		if (needs_escape(k))
			return true;
	}
	return false;
}

static int escape(cJSON *v)
{
	for (cJSON *k = v->child; k; k = k->next) {
		if (k->string && mcpbytes_is_tag_key(k->string)) {
			size_t n = strlen(k->string);
			char *e = malloc(n + 2);
			if (!e)
				return -ENOMEM;
			e[0] = '$';
			memcpy(e + 1, k->string, n + 1);
			int r = rename_key(k, e);
			free(e);
			if (r < 0)
				return r;
		}
		if (escape(k) < 0)
			return -ENOMEM;
	}
	return 0;
}

char *mcpbytes_print_escaped(const cJSON *v)
{
	if (!needs_escape(v))
		return cJSON_PrintUnformatted(v);
	/* Rare (a server that uses such keys): copy, then rename. */
	cJSON *c = cJSON_Duplicate(v, true);
	char *out = c && escape(c) == 0 ? cJSON_PrintUnformatted(c) : NULL;
	cJSON_Delete(c);
	return out;
}
