/* jsonbytes: see jsonbytes.h. */
#include "jsonbytes.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

bool jsonbytes_is_utf8(const uint8_t *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		uint8_t c = s[i];
		if (c == 0)
			return false;
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t len;
		uint32_t cp;
		if (c >= 0xc2 && c <= 0xdf) {
			len = 2;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			len = 3;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			len = 4;
			cp = c & 0x07;
		} else {
			return false;
		}
		if (n - i < len)
			return false;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10ffff ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += len;
	}
	return true;
}

static const char b64chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

char *jsonbytes_b64_encode(const uint8_t *data, size_t n)
{
	char *out = malloc(JSONBYTES_B64_LEN(n) + 1);
	if (!out)
		return NULL;
	size_t o = 0, i = 0;
	for (; i + 2 < n; i += 3) {
		uint32_t v = (uint32_t)data[i] << 16 | (uint32_t)data[i + 1] << 8 | data[i + 2];
		out[o++] = b64chars[v >> 18];
		out[o++] = b64chars[(v >> 12) & 63];
		out[o++] = b64chars[(v >> 6) & 63];
		out[o++] = b64chars[v & 63];
	}
	if (i < n) {
		uint32_t v = (uint32_t)data[i] << 16 | (i + 1 < n ? (uint32_t)data[i + 1] << 8 : 0);
		out[o++] = b64chars[v >> 18];
		out[o++] = b64chars[(v >> 12) & 63];
		out[o++] = i + 1 < n ? b64chars[(v >> 6) & 63] : '=';
		out[o++] = '=';
	}
	out[o] = '\0';
	return out;
}

static int b64val(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

int jsonbytes_b64_decode(const char *s, size_t len, uint8_t **out, size_t *n)
{
	while (len > 0 && s[len - 1] == '=')
		len--;
	if (len % 4 == 1)
		return -EINVAL;
	uint8_t *buf = malloc(len / 4 * 3 + 3);
	if (!buf)
		return -ENOMEM;
	size_t o = 0;
	uint32_t acc = 0;
	int bits = 0;
	for (size_t i = 0; i < len; i++) {
		int v = b64val(s[i]);
		if (v < 0) {
			free(buf);
			return -EINVAL;
		}
		acc = acc << 6 | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			buf[o++] = (uint8_t)(acc >> bits);
		}
	}
	*out = buf;
	*n = o;
	return 0;
}

int jsonbytes_add(cJSON *obj, const char *key, const char *enckey, const uint8_t *data, size_t n, bool force_b64)
{
	/* Text is sent as a string unless JSON escaping (\u00XX for control
	 * bytes) would make it larger than base64, so a reply's size is never
	 * more than base64's 4/3 of the data: callers bound frames by that. */
	size_t esc = n;
	for (size_t i = 0; i < n && !force_b64; i++)
		esc += data[i] < 0x20 ? (strchr("\b\f\n\r\t", data[i]) && data[i] ? 1 : 5)
		                      : (data[i] == '"' || data[i] == '\\');
	if (!force_b64 && esc <= JSONBYTES_B64_LEN(n) + 2 && jsonbytes_is_utf8(data, n)) {
		char *t = malloc(n + 1);
		if (!t)
			return -ENOMEM;
		memcpy(t, data, n);
		t[n] = '\0';
		cJSON *s = cJSON_CreateString(t);
		free(t);
		if (!s)
			return -ENOMEM;
		cJSON_AddItemToObject(obj, key, s);
		return cJSON_AddStringToObject(obj, enckey, "utf8") ? 0 : -ENOMEM;
	}
	char *b = jsonbytes_b64_encode(data, n);
	if (!b)
		return -ENOMEM;
	cJSON *s = cJSON_CreateString(b);
	free(b);
	if (!s)
		return -ENOMEM;
	cJSON_AddItemToObject(obj, key, s);
	return cJSON_AddStringToObject(obj, enckey, "base64") ? 0 : -ENOMEM;
}

int jsonbytes_get(const cJSON *obj, const char *key, const char *enckey, uint8_t **out, size_t *n)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!v || cJSON_IsNull(v))
		return -ENOENT;
	if (!cJSON_IsString(v))
		return -EPROTO;
	const cJSON *e = cJSON_GetObjectItemCaseSensitive(obj, enckey);
	const char *enc = "utf8";
	if (e && !cJSON_IsNull(e)) {
		if (!cJSON_IsString(e))
			return -EPROTO;
		enc = e->valuestring;
	}
	size_t len = strlen(v->valuestring);
	if (strcmp(enc, "base64") == 0)
		return jsonbytes_b64_decode(v->valuestring, len, out, n);
	if (strcmp(enc, "utf8") != 0)
		return -EPROTO;
	uint8_t *b = malloc(len + 1);
	if (!b)
		return -ENOMEM;
	memcpy(b, v->valuestring, len);
	*out = b;
	*n = len;
	return 0;
}
