/* guestmsg: decodes one guest frame payload into a typed, validated message.
 * Runs in: supervisor. Input: untrusted bytes from the guest. This is the only
 * place guest JSON is parsed; handlers see struct guest_msg, never raw bytes. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "msgtype.h"

/* Largest id a guest may use: JSON numbers are doubles, and 2^53 is where
 * they stop being exact integers. */
#define GUESTMSG_MAX_ID ((uint64_t)1 << 53)
/* Names (namespaces, tools, log levels) are identifiers, not payloads. */
#define GUESTMSG_MAX_NAME 256

struct guest_msg {
	enum msgtype type;
	cJSON *root; /* owned; every pointer below borrows from it */
	uint64_t id; /* TOOL, FS, FETCH */
	/* LOG */
	const char *level;
	const char *text;
	size_t text_len;
	/* TOOL */
	const char *ns;
	const char *name;
	cJSON *args;     /* array */
	char *args_json; /* owned: the arguments exactly as the guest wrote them ("[]" when absent) */
	/* RESULT */
	bool ok;
	cJSON *value;     /* may be NULL: the program's result was undefined */
	char *value_json; /* owned: the result's exact text, or NULL when undefined */
	cJSON *error;     /* object with name/message/stack strings */
	cJSON *unhandled;
	bool memory_limit;
};

/* Parses and validates a guest -> supervisor frame. Returns 0, or -EPROTO
 * with a message in err naming what is wrong. On success the caller owns
 * out->root; free with guestmsg_free(). Supervisor -> guest types (start,
 * reply) are rejected: a guest cannot send them. */
int guestmsg_parse(const uint8_t *buf, size_t len, struct guest_msg *out, char *err, size_t errlen);
void guestmsg_free(struct guest_msg *m);
