/* msgtype: see msgtype.h. */
#include <stddef.h>
#include <string.h>

#include "msgtype.h"

static const char *const names[MSG__COUNT] = {
        [MSG_INVALID] = NULL,  [MSG_READY] = "ready", [MSG_START] = "start",
        [MSG_LOG] = "log",     [MSG_TOOL] = "tool",   [MSG_FS] = "fs",
        [MSG_FETCH] = "fetch", [MSG_REPLY] = "reply", [MSG_RESULT] = "result",
};

const char *msgtype_name(enum msgtype t)
{
	if ((int)t <= MSG_INVALID || t >= MSG__COUNT)
		return NULL;
	return names[t];
}

enum msgtype msgtype_from_name(const char *name, size_t n)
{
	for (int i = MSG_INVALID + 1; i < MSG__COUNT; i++)
		if (strlen(names[i]) == n && memcmp(names[i], name, n) == 0)
			return (enum msgtype)i;
	return MSG_INVALID;
}
