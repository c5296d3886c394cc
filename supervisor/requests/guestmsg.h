/* guestmsg: decodes one guest frame payload, once, into an owned, bounded,
 * typed request: a log line, a tool call with its exact argument bytes, a
 * filesystem operation, a parsed URL to fetch, or the program's result.
 * Runs in: supervisor. Input: untrusted bytes from the guest. This is the only
 * place guest JSON is parsed; the decision engine (policydecide.c) and the
 * executors (fsops.c, fetch.c) see struct guest_msg, never JSON. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "msgtype.h"
#include "reqerr.h"
#include "url.h"

/* Largest id a guest may use: JSON numbers are doubles, and 2^53 is where
 * they stop being exact integers. */
#define GUESTMSG_MAX_ID ((uint64_t)1 << 53)
/* Names (namespaces, tools, log levels) are identifiers, not payloads. */
#define GUESTMSG_MAX_NAME 256
/* Request headers a guest may set, and bytes of one header line: generous
 * for API calls, small enough that a request stays a small allocation. */
#define GUESTMSG_MAX_HEADERS      64
#define GUESTMSG_MAX_HEADER_BYTES 8192
/* An HTTP method is a short token ("OPTIONS" is the longest standard one). */
#define GUESTMSG_METHOD_MAX 23

/* The filesystem operations, and the one table saying which ones write. */
enum guest_fs_op {
	GUEST_FS_READ_FILE,
	GUEST_FS_WRITE_FILE,
	GUEST_FS_APPEND_FILE,
	GUEST_FS_READDIR,
	GUEST_FS_STAT,
	GUEST_FS_LSTAT,
	GUEST_FS_ACCESS,
	GUEST_FS_MKDIR,
	GUEST_FS_RM,
	GUEST_FS_UNLINK,
	GUEST_FS_RMDIR,
	GUEST_FS_RENAME,
};
const char *guestmsg_fs_op_name(enum guest_fs_op op); /* "readFile", ... */
bool guestmsg_fs_op_writes(enum guest_fs_op op);

struct guest_fs_req {
	enum guest_fs_op op;
	char *path;     /* owned: as the program wrote it, NUL-free (the engine normalises it) */
	char *new_path; /* owned: GUEST_FS_RENAME's target, else NULL */
	uint8_t *data;  /* owned: WRITE/APPEND's bytes (may be empty, never NULL then) */
	size_t data_len;
	bool base64;    /* READ_FILE: reply with base64 */
	bool recursive; /* MKDIR, RM */
	bool force;     /* RM */
};

enum guest_redirect { GUEST_REDIRECT_FOLLOW, GUEST_REDIRECT_MANUAL, GUEST_REDIRECT_ERROR };

struct guest_fetch_req {
	struct url url; /* owned: parsed once (url.c); what the engine matches and curl is given */
	char *url_text; /* owned: the URL as the program wrote it, for messages */
	char method[GUESTMSG_METHOD_MAX + 1]; /* a token; the six fetch() normalises are upper case */
	char **headers;                       /* owned: "Name: value" lines ("Name;" for an empty value), validated */
	size_t n_headers;
	uint8_t *body; /* owned, or NULL without a body */
	size_t body_len;
	enum guest_redirect redirect;
};

struct guest_msg {
	enum msgtype type;
	uint64_t id; /* TOOL, FS, FETCH */
	/* A request whose fields are well-typed but whose values the program got
	 * wrong (a bad URL, base64, header or method): answered with this error,
	 * never decided or executed. bad.name[0] == 0 when the request is good. */
	struct req_error bad;
	/* LOG */
	char level[8];
	char *text; /* owned */
	size_t text_len;
	/* TOOL */
	char *ns, *name; /* owned, 1..GUESTMSG_MAX_NAME bytes, NUL-free */
	char *args_json; /* owned: the arguments exactly as the guest wrote them ("[]" when absent) */
	/* FS, FETCH */
	struct guest_fs_req fs;
	struct guest_fetch_req fetch;
	/* RESULT */
	bool ok;
	char *value_json; /* owned: the result's exact text, or NULL when undefined */
	/* !ok: the error's parts (owned strings, "" when absent) */
	char *err_name, *err_message, *err_stack;
	char *unhandled_json; /* owned: the array of unhandled rejections, or NULL */
	bool memory_limit;
};

/* Parses and validates a guest -> supervisor frame. Returns 0, or -EPROTO
 * with a message in err naming what is wrong (the run ends with
 * protocol_error), or -ENOMEM. On success the caller owns *out; free with
 * guestmsg_free(). Supervisor -> guest types (start, reply) are rejected: a
 * guest cannot send them. */
int guestmsg_parse(const uint8_t *buf, size_t len, struct guest_msg *out, char *err, size_t errlen);
/* Frees what m owns and zeroes it. Accepts NULL and a zeroed message. */
void guestmsg_free(struct guest_msg *m);
/* Moves src into *dst (dst is overwritten, src zeroed): a held request. */
void guestmsg_move(struct guest_msg *dst, struct guest_msg *src);
