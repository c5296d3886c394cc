/* dslog: downstream log notifications (see dslog.h). */
#include "dslog.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const dslog_levels[8] = {"debug", "info", "notice", "warning", "error", "critical", "alert", "emergency"};

int dslog_level_index(const char *level)
{
	for (int i = 0; i < 8; i++)
		if (level && !strcmp(level, dslog_levels[i]))
			return i;
	return -1;
}

/* Cuts s to at most max bytes without splitting a UTF-8 sequence. */
static size_t utf8_cut(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	size_t n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

/* out = a JSON string holding the start of s and "...", at most
 * DSLOG_MAX_DATA bytes encoded: escapes can make the text up to six times
 * longer, so the cut shrinks until it fits. */
static int cut_to_string(const char *s, size_t len, char *out)
{
	for (size_t max = DSLOG_MAX_DATA / 2; max >= 16; max /= 2) {
		size_t n = utf8_cut(s, len, max);
		char *cut = malloc(n + 4);
		if (!cut)
			return -ENOMEM;
		memcpy(cut, s, n);
		memcpy(cut + n, "...", 4);
		cJSON *c = cJSON_CreateString(cut);
		free(cut);
		char *t = c ? cJSON_PrintUnformatted(c) : NULL;
		cJSON_Delete(c);
		if (!t)
			return -ENOMEM;
		size_t tl = strlen(t);
		if (tl <= DSLOG_MAX_DATA) {
			memcpy(out, t, tl + 1);
			free(t);
			return 0;
		}
		free(t);
	}
	strcpy(out, "\"...\"");
	return 0;
}

int dslog_decode(const cJSON *params, struct dslog_entry *out)
{
	memset(out, 0, sizeof *out);
	const cJSON *level = cJSON_GetObjectItemCaseSensitive(params, "level");
	const cJSON *logger = cJSON_GetObjectItemCaseSensitive(params, "logger");
	const cJSON *data = cJSON_GetObjectItemCaseSensitive(params, "data");
	if (!cJSON_IsObject(params) || !cJSON_IsString(level) || !data)
		return -EINVAL;
	out->level = dslog_level_index(level->valuestring);
	if (out->level < 0)
		return -EINVAL;
	if (cJSON_IsString(logger)) {
		size_t n = utf8_cut(logger->valuestring, strlen(logger->valuestring), DSLOG_MAX_LOGGER);
		memcpy(out->logger, logger->valuestring, n);
	}
	char *text = cJSON_PrintUnformatted(data);
	if (!text)
		return -ENOMEM;
	size_t len = strlen(text);
	int r = 0;
	if (len <= DSLOG_MAX_DATA)
		memcpy(out->data, text, len + 1);
	else if (cJSON_IsString(data))
		r = cut_to_string(data->valuestring, strlen(data->valuestring), out->data); /* stays a string */
	else
		r = cut_to_string(text, len, out->data); /* the start of its text, as a string */
	free(text);
	return r;
}

bool dslog_admit(struct dslog_limit *l, uint64_t now, unsigned long *report)
{
	*report = 0;
	if (!l->window_start_ms || now - l->window_start_ms >= DSLOG_WINDOW_MS) {
		l->window_start_ms = now ? now : 1;
		l->in_window = 0;
		*report = l->dropped;
		l->dropped = 0;
	}
	if (l->in_window >= DSLOG_MAX_PER_WINDOW) {
		l->dropped++;
		return false;
	}
	l->in_window++;
	return true;
}
