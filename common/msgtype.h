/* msgtype: the one catalogue of guest <-> supervisor message types.
 * Runs in: supervisor and guest. Input: the "t" field of a decoded frame.
 * Each frame payload is one JSON object whose "t" names its type. Fields,
 * limits and replies are documented in docs/PROTOCOL.md; keep both in step. */
#pragma once

enum msgtype {
	MSG_INVALID = 0,
	/* guest -> supervisor, once, after the seccomp filter is loaded and
	 * before any user byte is read. {t} */
	MSG_READY,
	/* supervisor -> guest, once, answering READY: the program and what it
	 * may see. {t, code, filename, shape?, namespaces:{ns:[tool..]|null}, env:{}} */
	MSG_START,
	/* guest -> supervisor, any time: console output. {t, level, msg}
	 * level is one of log|info|warn|error|debug; msg counts against the
	 * output limit. */
	MSG_LOG,
	/* guest -> supervisor: a tool call. {t, id, ns, name, args}
	 * id is a positive integer not currently in flight; answered by REPLY. */
	MSG_TOOL,
	/* guest -> supervisor: a filesystem request. {t, id, op, path, ...}
	 * Decided by policy; answered by REPLY. */
	MSG_FS,
	/* guest -> supervisor: a network request. {t, id, url, method, headers, body}
	 * Decided by policy; answered by REPLY. */
	MSG_FETCH,
	/* supervisor -> guest: the answer to TOOL, FS or FETCH.
	 * {t, id, ok:true, value} or {t, id, ok:false, error:{name, message}} */
	MSG_REPLY,
	/* guest -> supervisor, once, last: the program's outcome.
	 * {t, ok:true, value} or {t, ok:false, error:{name, message, stack}};
	 * optional "unhandled":[{name,message}] for unhandled rejections. */
	MSG_RESULT,
	MSG__COUNT
};

/* Wire name of a type ("ready", "start", ...), or NULL for MSG_INVALID. */
const char *msgtype_name(enum msgtype t);
/* Type for a wire name of n bytes; MSG_INVALID if unknown. */
enum msgtype msgtype_from_name(const char *name, size_t n);
