/* policy: the operator's per-run policy (limits, tools, env, filesystem,
 * network, approvals, audit) and every allow/deny decision made from it.
 * Runs in: supervisor. Input: operator policy files (trusted but checked
 * strictly, JSONC, see docs/POLICY.md); decision functions take untrusted
 * guest requests (names, paths, URL parts) and never trust their shape. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "reqerr.h"
#include "runlimits.h"

struct policy;

/* ---- loading ---------------------------------------------------------- */

/* Diagnostics from policy_load(): each message is "FILE:LINE:COL: text".
 * At most POLICY_DIAG_MAX are kept (an operator fixes the first few and
 * re-runs; thousands of lines help nobody); `dropped` counts the rest. */
#define POLICY_DIAG_MAX 50
struct policy_diag {
	size_t n;
	size_t dropped;
	char *msg[POLICY_DIAG_MAX];
	unsigned line[POLICY_DIAG_MAX], col[POLICY_DIAG_MAX]; /* of msg[i]; msgs are sorted by them */
};
void policy_diag_init(struct policy_diag *d);
void policy_diag_free(struct policy_diag *d); /* frees the messages; d itself stays */

/* Reads and validates a policy file. Returns 0 with *out set (caller owns it;
 * free with policy_free()), -EINVAL with the problems listed in *diag (which
 * may be NULL), -EFBIG for a file over POLICY_MAX_FILE_BYTES, or -errno for
 * I/O. diag must have been initialised; the caller frees it. */
int policy_load(const char *path, struct policy **out, struct policy_diag *diag);

/* The same from a buffer; `name` is used as FILE in diagnostics. */
int policy_load_buffer(const char *name, const char *text, size_t len, struct policy **out, struct policy_diag *diag);

/* The built-in strict default (no file given): default limits, no tools,
 * no env, no filesystem, no network, approvals deny, audit off.
 * Returns NULL only on allocation failure. Free with policy_free(). */
struct policy *policy_default(void);
void policy_free(struct policy *p); /* accepts NULL */

/* Lowercase hex SHA-256 of the canonical form (the effective policy with
 * defaults filled in, fixed key order, no whitespace, canonical units). */
void policy_hash_hex(const struct policy *p, char out[65]);

/* The effective policy as a JSONC document that policy_load() accepts
 * (defaults filled in, units canonical), with a leading hash comment.
 * Caller frees. NULL on allocation failure. */
char *policy_show(const struct policy *p);

/* `codecell policy check FILE...` / `codecell policy show FILE`: argv[0] is
 * "policy". Returns the process exit code (0 ok, 1 invalid policy, 2 usage). */
int policy_cmd(int argc, char **argv);

/* ---- limits and env ---------------------------------------------------- */

const struct limits *policy_limits(const struct policy *p);

/* process.env of the program: i in [0, policy_env_count()). */
size_t policy_env_count(const struct policy *p);
void policy_env_get(const struct policy *p, size_t i, const char **name, const char **value);

/* The program's default Intl locale (a BCP 47 tag) and IANA time zone, or
 * NULL for the guest's own defaults (en-US, UTC). Checked here only for
 * shape; the guest's ICU refuses what it does not know on first use. */
const char *policy_intl_locale(const struct policy *p);
const char *policy_intl_time_zone(const struct policy *p);

/* ---- decisions --------------------------------------------------------- */

enum policy_verdict { POLICY_DENY, POLICY_ALLOW, POLICY_ASK };
const char *policy_verdict_name(enum policy_verdict v); /* "deny"/"allow"/"ask" */

/* Tool calls: `deny` patterns win, then `ask`, then `allow`; no match denies.
 * *rule (may be NULL) is set to a static-lifetime string naming what decided,
 * e.g. "tools.allow[0] \"codemode.*\"" or "default deny", for the audit. */
enum policy_verdict policy_tool(const struct policy *p, const char *ns, const char *name, const char **rule);

/* Per-tool call caps (`tools.caps`): each cap entry is one counter shared by
 * every tool its pattern matches, so "codemode.*": 100 means 100 calls in
 * total. One struct policy_caps per run. */
struct policy_caps;
struct policy_caps *policy_caps_new(const struct policy *p); /* NULL on ENOMEM */
void policy_caps_free(struct policy_caps *c);
/* Counts one call to ns.name against every matching cap. Returns 0, or
 * -EDQUOT without counting when a matching cap is used up; *rule names it. */
int policy_caps_take(struct policy_caps *c, const char *ns, const char *name, const char **rule);

/* ---- filesystem -------------------------------------------------------- */

enum policy_mount_type {
	POLICY_MOUNT_SCRATCH,   /* a fresh per-run directory the supervisor creates and removes */
	POLICY_MOUNT_HOST,      /* a fixed host directory (`source`) */
	POLICY_MOUNT_WORKSPACE, /* a host directory named by the host per request */
};
enum policy_ask {
	POLICY_ASK_NEVER,  /* the mount's mode alone decides */
	POLICY_ASK_WRITES, /* writes need an approval */
	POLICY_ASK_ALWAYS, /* every operation needs an approval */
};

struct policy_mount {
	const char *path; /* virtual absolute path seen by the program, normalized
			     * ("/data": no trailing '/', no "." ".." or "//") */
	enum policy_mount_type type;
	const char *source; /* POLICY_MOUNT_HOST: absolute host directory; NULL otherwise */
	bool writable;      /* "mode": "rw" (scratch is always writable) */
	uint64_t max_bytes; /* writable: bytes the run may write under this mount in total; 0 if read-only */
	uint64_t max_files; /* writable: files the run may create under it; 0 if read-only */
	enum policy_ask ask;
	const char *rule; /* "filesystem.mounts[N] \"/path\"": names the mount in audit events */
};

struct policy_fs {
	const struct policy_mount *mounts;
	size_t n_mounts;
	uint64_t max_file_bytes; /* largest single file read or written */
	uint64_t max_entries;    /* largest directory listing returned */
};
const struct policy_fs *policy_fs(const struct policy *p);

/* Longest virtual path, in bytes: PATH_MAX, the most any *at(2) call
 * accepts, so a longer path is refused before any syscall. */
#define POLICY_VPATH_MAX 4096

/* Lexical normalisation of a program's path, the only one: "." dropped,
 * ".." pops (never above "/"), one trailing '/' allowed. Refused, with
 * -EINVAL and *why: empty, not absolute, an empty component ("a//b": a path
 * built from an empty variable is better seen than guessed), a control
 * byte; with -ENAMETOOLONG: over POLICY_VPATH_MAX or a component over
 * NAME_MAX. out holds POLICY_VPATH_MAX + 1 bytes. */
int policy_vpath_normalize(const char *in, char *out, const char **why);

/* What the engine decided for one path of a filesystem request, and what
 * the executor (fsops.c) needs to carry it out. */
struct policy_fs_decision {
	enum policy_verdict verdict;
	const char *rule;                 /* the deciding rule, for the audit (static or the policy's) */
	const struct policy_mount *mount; /* ALLOW/ASK: the mount */
	size_t mount_index;               /* ALLOW/ASK: its index in policy_fs()->mounts */
	bool write;                       /* the operation writes */
	char vpath[POLICY_VPATH_MAX + 1]; /* the normalised path (for messages), or "" */
	const char *rel;                  /* ALLOW/ASK: into vpath, relative to the mount root ("" = root) */
	struct req_error deny;            /* DENY: the error the program gets */
};

/* Decides an operation on the program's path (untrusted). The mount with
 * the longest matching prefix decides: DENY when the path is invalid, no
 * mount holds it, or `write` on a read-only mount; else ALLOW, or ASK when
 * the mount's `ask` covers the operation. The executor resolves d->rel
 * beneath the mount root with openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS),
 * because symlinks inside a host directory are not seen here. */
enum policy_verdict policy_fs_decide(const struct policy *p, const char *vpath, bool write,
                                     struct policy_fs_decision *d);

/* The approval cache key of a decided fs request: "<mount> read|write". */
void policy_fs_approval_key(const struct policy_fs_decision *d, char *out, size_t n);

/* ---- network ----------------------------------------------------------- */

enum policy_host_kind {
	POLICY_HOST_EXACT,  /* host equals `host` (lowercase name) */
	POLICY_HOST_SUFFIX, /* "*.example.com": any name ending in ".example.com", not the bare name */
	POLICY_HOST_IP,     /* an IP literal or CIDR range ("10.0.0.0/8", "::1") */
};

#define POLICY_METHOD_GET     (1u << 0)
#define POLICY_METHOD_HEAD    (1u << 1)
#define POLICY_METHOD_POST    (1u << 2)
#define POLICY_METHOD_PUT     (1u << 3)
#define POLICY_METHOD_PATCH   (1u << 4)
#define POLICY_METHOD_DELETE  (1u << 5)
#define POLICY_METHOD_OPTIONS (1u << 6)
/* The bit for an HTTP method name (exact uppercase), 0 if not one of those. */
unsigned policy_method_bit(const char *method);

struct policy_net_rule {
	const char *scheme; /* "https" or "http" */
	enum policy_host_kind host_kind;
	const char *host;        /* EXACT: "api.example.com"; SUFFIX: ".example.com"; IP: as written */
	int family;              /* IP: AF_INET or AF_INET6 */
	unsigned char addr[16];  /* IP: network address (4 or 16 bytes used) */
	unsigned prefix_len;     /* IP: CIDR prefix length */
	uint16_t port;           /* the only port allowed; filled with 443/80 from the scheme */
	unsigned methods;        /* POLICY_METHOD_* set */
	const char *path_prefix; /* request path must start with it; "/" allows every path */
	bool allow_private;      /* may reach loopback/private/link-local/reserved addresses */
	bool ask;                /* an approval is needed on top of this rule */
	const char *rule;        /* "network.allow[N]" for the audit */
};

/* A secret header the supervisor adds to requests to one host. The value is
 * never in the policy and never shown to the program; it is read when used. */
struct policy_cred {
	const char *host;   /* exact lowercase host the header is sent to (and to no redirect target) */
	const char *header; /* header name, e.g. "Authorization" */
	const char *prefix; /* put before the secret, e.g. "Bearer "; "" if none */
	const char *file;   /* the secret is the content of this file (trailing newline dropped), or */
	const char *env;    /* the value of this variable in the supervisor's environment */
	const char *rule;   /* "network.credentials[N]" */
};

struct policy_net {
	const struct policy_net_rule *rules;
	size_t n_rules;
	const struct policy_cred *creds;
	size_t n_creds;
	uint64_t max_request_bytes;  /* request body */
	uint64_t max_response_bytes; /* response body; the transfer is aborted past it */
	uint64_t timeout_ms;         /* whole request, connect to last byte */
	uint64_t max_redirects;      /* each hop is decided again with policy_net_decide() */
};
const struct policy_net *policy_net(const struct policy *p);

struct url;

/* What the engine decided for one HTTP request (or redirect hop). */
struct policy_net_decision {
	enum policy_verdict verdict;
	const struct policy_net_rule *net_rule; /* ALLOW/ASK: the matching rule (the executor's connect check) */
	const char *rule;                       /* the deciding rule, for the audit */
	struct req_error deny;                  /* DENY: the error the program gets */
};

/* Decides a request from its URL, parsed once by url.c (the canonical form
 * curl is given, so the check and the request cannot differ), and its
 * method. The first rule that matches scheme, host, port, method and path
 * decides (ALLOW, or ASK if the rule says so); no match denies. A path
 * prefix other than "/" matches whole segments ("/v1" allows "/v1/x", not
 * "/v10"), and a path under such a rule with dot segments or encoded dots,
 * slashes or backslashes is denied: a server that decodes before routing
 * could walk out of the prefix. An IP literal host is checked like a
 * connection (policy_net_addr_allowed). `what` names the request in the
 * denial message ("fetch", "redirect to"). */
enum policy_verdict policy_net_decide(const struct policy *p, const struct url *u, const char *method, const char *what,
                                      struct policy_net_decision *d);

/* The approval cache key of a request: "<scheme>://<host>:<port> <METHOD>". */
void policy_net_approval_key(const struct url *u, const char *method, char *out, size_t n);

/* Whether the rule lets a connection go to this resolved address, asked by
 * the executor for every socket (CURLOPT_OPENSOCKETFUNCTION), since a name
 * can resolve anywhere: private and reserved addresses (netaddr.c's one
 * table) only with allow_private, and an IP rule only inside its range. An
 * IPv4-mapped IPv6 address is judged as the IPv4 address. */
bool policy_net_addr_allowed(const struct policy_net_rule *r, const struct sockaddr *sa, socklen_t len);

/* The credentials for a host (exact match), i in [0, n). Returns the count. */
size_t policy_net_creds_for(const struct policy *p, const char *host, const struct policy_cred **out, size_t max);

/* Reads the secret of a binding into *value (caller must explicit_bzero and
 * free it). 0, -ENOENT if the variable is unset, -EFBIG over
 * POLICY_MAX_SECRET_BYTES, -EINVAL if it holds CR/LF/NUL (header injection),
 * or -errno. */
#define POLICY_MAX_SECRET_BYTES 8192 /* tokens are < 1 KiB; a bigger "secret" is a wrong file */
int policy_cred_resolve(const struct policy_cred *c, char **value);

/* ---- approvals --------------------------------------------------------- */

struct policy_approvals_cfg {
	uint64_t timeout_ms; /* how long the run waits for the host's answer */
	bool cache;          /* "cache": "run": remember answers with remember:true for the run */
};
const struct policy_approvals_cfg *policy_approvals(const struct policy *p);

enum policy_approval_kind { POLICY_APPROVAL_TOOL, POLICY_APPROVAL_FS, POLICY_APPROVAL_NETWORK };
const char *policy_approval_kind_name(enum policy_approval_kind k); /* "tool"/"fs"/"network" */

/* Per-run cache of remembered answers, keyed by kind + a key string the
 * caller builds (tool: "ns.name"; fs: "<mount path> read|write";
 * network: "<scheme>://<host>:<port> <METHOD>"). Bounded to
 * POLICY_APPROVAL_CACHE_MAX entries; past that, answers are not remembered. */
#define POLICY_APPROVAL_CACHE_MAX 256 /* a run asks a person; hundreds of distinct questions is abuse */
struct policy_approval_cache;
struct policy_approval_cache *policy_approval_cache_new(const struct policy *p);
void policy_approval_cache_free(struct policy_approval_cache *c);
/* 1 with *allow set if remembered, 0 if not (always 0 when caching is off). */
int policy_approval_cache_lookup(const struct policy_approval_cache *c, enum policy_approval_kind k, const char *key,
                                 bool *allow);
/* Remembers an answer (call only for remember:true). 0, -ENOSPC when full, -ENOMEM. */
int policy_approval_cache_store(struct policy_approval_cache *c, enum policy_approval_kind k, const char *key,
                                bool allow);

/* ---- audit configuration ------------------------------------------------ */

enum policy_audit_sink { POLICY_AUDIT_OFF, POLICY_AUDIT_FILE, POLICY_AUDIT_HOST };
struct policy_audit_cfg {
	enum policy_audit_sink sink;
	const char *path; /* POLICY_AUDIT_FILE: absolute path, appended to */
};
const struct policy_audit_cfg *policy_audit(const struct policy *p);

/* ---- units -------------------------------------------------------------- */

/* "64MiB" -> bytes: an unsigned decimal integer and one of B, KiB, MiB, GiB,
 * TiB (binary units only, so "MB" cannot be misread). 0, -EINVAL (syntax or
 * unit), -ERANGE (overflow). */
int policy_parse_size(const char *s, uint64_t *bytes);
/* "2s", "500ms", "5min", "1h" -> milliseconds; the same return values. */
int policy_parse_duration(const char *s, uint64_t *ms);

/* A command-line override of one limit (key as in the policy's "limits":
 * "wall", "cpu", "memory", "heap", "output", "tool_calls", "max_frame",
 * ...), parsed with the grammar above and checked against the same range
 * as in a policy file. 0, or -EINVAL/-ERANGE/-ENOENT with the reason in err. */
int policy_limit_override(struct limits *l, const char *key, const char *text, char *err, size_t errlen);

/* Size limits for policy files (operator input, but still bounded). */
#define POLICY_MAX_FILE_BYTES (1u << 20) /* a policy is a page or two; 1 MiB is surely a wrong file */
