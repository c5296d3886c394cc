/* fetch: the guest's HTTP requests (`fetch` frames), decided against the
 * operator's network rules and performed with libcurl's multi interface.
 * Runs in: supervisor (inside its event loop; never blocks). Input: untrusted
 * `fetch` frames; rules are trusted operator configuration (filled by policy.c);
 * responses come from untrusted servers. */
#pragma once

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

/* Request headers a guest may set, and bytes of one header line: generous
 * for API calls, small enough that a request stays a small allocation. */
#define FETCH_MAX_REQUEST_HEADERS 64
#define FETCH_MAX_HEADER_BYTES    8192
/* Response headers kept (count and total bytes): more is a hostile server. */
#define FETCH_MAX_RESPONSE_HEADERS      128
#define FETCH_MAX_RESPONSE_HEADER_BYTES (64u << 10)
/* Longest URL accepted: what common servers accept; also bounds messages. */
#define FETCH_URL_MAX 8192
/* Secret values are scrubbed from everything the guest sees; a very short
 * secret would scrub ordinary text and is almost certainly a mistake. */
#define FETCH_SECRET_MIN 8
#define FETCH_SECRET_MAX 4096
/* Defaults when the config leaves a cap at 0. */
#define FETCH_DEFAULT_TIMEOUT_MS    30000u
#define FETCH_DEFAULT_MAX_REDIRECTS 5u
/* max_redirects value meaning "follow none" (0 means the default). */
#define FETCH_NO_REDIRECTS           UINT32_MAX
#define FETCH_DEFAULT_MAX_CONCURRENT 8u

/* A secret header the supervisor adds to requests to one host (exact name
 * match; never to a redirect target on another host). The program never
 * sees the value: it is scrubbed from everything returned. Exactly one of
 * value_file/value_env is set. Mirrors struct policy_cred. */
struct fetch_secret {
	const char *host;       /* lower-case host name or IP literal as in the URL ("127.0.0.1") */
	const char *header;     /* e.g. "Authorization" */
	const char *prefix;     /* put before the secret, e.g. "Bearer "; NULL or "" for none */
	const char *value_file; /* file holding the secret; one trailing newline is dropped */
	const char *value_env;  /* or an environment variable of the supervisor */
	const char *rule;       /* for the audit log, e.g. "network.credentials[0]" */
};

/* One allow rule; a request must match one (deny by default). Strings are
 * borrowed until fetcher_create() returns. Mirrors struct policy_net_rule. */
struct fetch_rule {
	const char *rule;           /* for the audit log, e.g. "network.allow[0]" */
	const char *scheme;         /* "http", "https", or NULL for both */
	const char *host;           /* "api.example.com"; "*.example.com" (subdomains only);
	                          * or an IP literal or CIDR ("127.0.0.1", "::1", "10.0.0.0/8"):
	                          * naming addresses explicitly allows them even if private */
	uint16_t port;              /* 0: the scheme's default port (80/443) */
	const char *const *methods; /* upper-case; n_methods == 0 means GET and HEAD */
	size_t n_methods;
	const char *path_prefix; /* NULL or "/" = any path; else the path must start with it */
	bool allow_private;      /* connect even to private/reserved addresses (for a named internal host) */
};

struct fetch_config {
	const struct fetch_rule *rules;
	size_t n_rules;
	const struct fetch_secret *secrets;
	size_t n_secrets;
	uint64_t max_frame;          /* limits.max_frame: a reply must fit; 0 = LIMITS_DEFAULT_MAX_FRAME */
	uint64_t max_request_bytes;  /* request body cap; 0 = max_frame */
	uint64_t max_response_bytes; /* body cap; 0 or above what fits a frame = what fits a frame */
	uint64_t timeout_ms;         /* whole fetch including redirects; 0 = default */
	unsigned max_redirects;      /* 0 = default; a guest wanting none uses redirect:'manual' */
	unsigned max_concurrent;     /* fetches in flight; 0 = default */
};

struct fetch_error {
	char name[32];     /* "TypeError", "PermissionDenied", "NetworkError", "TimeoutError" */
	char code[24];     /* "EPOLICY", "EPRIVATEADDR", "ETIMEDOUT", "ETOOLARGE", ... or "" */
	char message[640]; /* for the model; never contains a secret value */
	char rule[64];     /* the rule that decided: the denying one, or on success the
	                    * allowing one (for the audit log); "" if none */
};

struct fetcher;

/* True when built with libcurl; without it every fetch fails with a clear error. */
bool fetch_available(void);

/* Loads secret values (files, env) and prepares a curl multi handle.
 * Returns NULL with a message in err on failure. Free with fetcher_destroy(). */
struct fetcher *fetcher_create(const struct fetch_config *cfg, char *err, size_t errlen);

/* Starts one request ({t:"fetch", id, url, method, headers, body, bodyEncoding,
 * redirect}; see docs/NETWORK.md). Returns 0 when the transfer is under way
 * (its result comes out of fetcher_next_done), or:
 *   -EPROTO  malformed frame (ill-typed field): end the run with protocol_error;
 *   other negative errno  refused now (policy, bad URL, too many in flight):
 *            send an error reply from err; err->rule non-empty = policy denial. */
int fetcher_start(struct fetcher *f, uint64_t id, const cJSON *request, struct fetch_error *err);

/* Fills up to max pollfds the caller should poll for the transfers and
 * lowers *timeout_ms (if -1 or larger) to when fetcher_perform is due.
 * Returns the number of fds filled. */
int fetcher_fds(struct fetcher *f, struct pollfd *fds, int max, int *timeout_ms);

/* Advances all transfers without blocking; call after poll returns (any fd
 * or timeout). Returns the number of transfers still running, or -errno. */
int fetcher_perform(struct fetcher *f);

/* Takes one finished request: returns 1 and sets *id and either *reply_value
 * (caller owns; {status, statusText, url, redirected, headers, body,
 * bodyEncoding}) or, with *reply_value NULL, err. Returns 0 when none is done. */
int fetcher_next_done(struct fetcher *f, uint64_t *id, cJSON **reply_value, struct fetch_error *err);

/* Transfers started and not yet taken by fetcher_next_done. */
unsigned fetcher_inflight(const struct fetcher *f);

/* Aborts everything in flight and frees. Accepts NULL. */
void fetcher_destroy(struct fetcher *f);
