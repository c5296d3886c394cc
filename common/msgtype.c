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

static const char *const host_names[HOSTMSG__COUNT] = {
        [HOSTMSG_INVALID] = NULL,
        [HOSTMSG_START] = "start",
        [HOSTMSG_TOOL_RESULT] = "tool_result",
        [HOSTMSG_CANCEL] = "cancel",
        [HOSTMSG_APPROVAL] = "approval",
        [HOSTMSG_TOOL_CALL] = "tool_call",
        [HOSTMSG_LOG] = "log",
        [HOSTMSG_APPROVAL_REQUEST] = "approval_request",
        [HOSTMSG_AUDIT] = "audit",
        [HOSTMSG_RESULT] = "result",
        [HOSTMSG_STATS] = "stats",
        [HOSTMSG_HEALTH] = "health",
        [HOSTMSG_METRICS] = "metrics",
        [HOSTMSG_ERROR] = "error",
};

const char *hostmsg_name(enum hostmsg t)
{
	if ((int)t <= HOSTMSG_INVALID || t >= HOSTMSG__COUNT)
		return NULL;
	return host_names[t];
}

enum hostmsg hostmsg_from_name(const char *name, size_t n)
{
	for (int i = HOSTMSG_INVALID + 1; i < HOSTMSG__COUNT; i++)
		if (strlen(host_names[i]) == n && memcmp(host_names[i], name, n) == 0)
			return (enum hostmsg)i;
	return HOSTMSG_INVALID;
}
