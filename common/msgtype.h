/* msgtype: the one catalogue of message types: guest <-> supervisor frames
 * (enum msgtype) and host <-> supervisor lines (enum hostmsg).
 * Runs in: supervisor and guest. Input: the "t" field of a decoded frame.
 * Each frame payload is one JSON object whose "t" names its type. Fields,
 * limits and replies are documented in docs/PROTOCOL.md; keep both in step. */
#pragma once

#include <stddef.h>

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

/* Host <-> supervisor NDJSON lines (docs/PROTOCOL.md section 2), each
 * {"v": HOST_PROTOCOL_VERSION, "type": <name>, ...}. */
enum hostmsg {
	HOSTMSG_INVALID = 0,
	/* host -> supervisor */
	HOSTMSG_START,       /* {code?, filename?, namespaces?, env?, workspace?, no_host?}: first */
	HOSTMSG_TOOL_RESULT, /* {id, ok, value | error}: answers a TOOL_CALL */
	HOSTMSG_CANCEL,      /* {reason?}: ends the run with status cancelled */
	HOSTMSG_APPROVAL,    /* {id, allow, remember?}: answers an APPROVAL_REQUEST */
	/* supervisor -> host */
	HOSTMSG_TOOL_CALL,        /* {id, ns, name, args}: args are the guest's exact bytes */
	HOSTMSG_LOG,              /* {level, message, time_ms} */
	HOSTMSG_APPROVAL_REQUEST, /* {id, kind, detail} */
	HOSTMSG_AUDIT,            /* one audit event (docs/POLICY.md) */
	HOSTMSG_RESULT,           /* the last line: status, value or error, stats, enforced */
	/* codecell serve only (docs/SERVE.md): server-level requests without a
	 * "run", answered with a line of the same type; `codecell run --host`
	 * refuses them as unknown types. */
	HOSTMSG_STATS,   /* host -> server {}; server -> host {runs, latency_ms, pool, supervisor} */
	HOSTMSG_HEALTH,  /* host -> server {}; server -> host {ok, draining} */
	HOSTMSG_METRICS, /* host -> server {}; server -> host {text}: Prometheus exposition */
	HOSTMSG_ERROR,   /* server -> host {run?, message}: a line the server could not act on */
	HOSTMSG__COUNT
};

/* Wire name of a host message type ("tool_call", ...), or NULL. */
const char *hostmsg_name(enum hostmsg t);
/* Type for a wire name of n bytes; HOSTMSG_INVALID if unknown. */
enum hostmsg hostmsg_from_name(const char *name, size_t n);
