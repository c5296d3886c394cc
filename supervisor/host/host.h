/* host: the host <-> supervisor protocol, newline-delimited JSON, version 1
 * (docs/PROTOCOL.md section 2).
 * Runs in: supervisor. Input: lines from the host agent on stdin (trusted
 * but possibly buggy: validated like any other input, never crashes us). */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "msgtype.h"

#define HOST_PROTOCOL_VERSION 1

struct host_msg {
	enum hostmsg type; /* HOSTMSG_START, _TOOL_RESULT, _CANCEL or _APPROVAL */
	cJSON *root;       /* owned; the pointers below borrow from it */
	const char *code;
	const char *filename;
	const char *workspace;
	cJSON *namespaces;
	cJSON *env;
	bool no_host; /* start: the run is answered as plain mode answers it (tool calls fail, approvals denied) */
	const char *id;
	bool ok;
	cJSON *value;
	char *value_json; /* owned: tool_result's value exactly as the host wrote it, or NULL */
	cJSON *error;
	const char *reason;
	bool allow;
	bool remember;
};

/* ---- encoding: the one place host messages are begun ---- */

/* A new host message {"v": HOST_PROTOCOL_VERSION, "type": type} (caller
 * owns; NULL on ENOMEM). Every supervisor -> host line starts here. */
cJSON *host_msg_new(enum hostmsg type);

/* ---- decoding ---- */

/* Parses one line. Returns 0, or -EPROTO with a message in err. */
int host_parse(const char *line, size_t len, struct host_msg *out, char *err, size_t errlen);
void host_msg_free(struct host_msg *m);

/* Validates a namespaces object ({name: [tool...] | null}); names must be
 * JavaScript identifiers. Returns 0 or -EINVAL with a message. */
int host_check_namespaces(const cJSON *ns, char *err, size_t errlen);

/* A bounded line splitter for the host's stdin. */
struct host_reader {
	char *buf;
	size_t len, cap, max_line;
	size_t consumed; /* bytes of the line handed out last */
	bool eof;
};
void host_reader_init(struct host_reader *r, size_t max_line);
void host_reader_finish(struct host_reader *r);
/* Reads what is available from fd. Returns 0, or -EMSGSIZE when a line
 * exceeds max_line, or -errno. Sets r->eof at end of input. */
int host_reader_fill(struct host_reader *r, int fd);
/* Takes the next complete line (without '\n') into *line and *len, valid until
 * the next call. Returns 1, or 0 when no complete line is buffered. */
int host_reader_next(struct host_reader *r, const char **line, size_t *len);
/* Whether a complete line is buffered past the one handed out last: what
 * the next host_reader_next would return without reading. */
bool host_reader_has_line(const struct host_reader *r);
