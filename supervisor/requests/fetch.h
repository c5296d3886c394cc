/* fetch: the executor of the guest's HTTP requests: performs what the
 * decision engine (policydecide.c) allowed, with libcurl's multi interface.
 * Runs in: supervisor (inside its event loop; never blocks). Input: requests
 * decoded by guestmsg.c and decisions from policydecide.c; responses come
 * from untrusted servers. */
#pragma once

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "guestmsg.h"
#include "policy.h"
#include "reqerr.h"

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
#define FETCH_DEFAULT_TIMEOUT_MS     30000u
#define FETCH_DEFAULT_MAX_REDIRECTS  5u
#define FETCH_DEFAULT_MAX_CONCURRENT 8u

struct fetch_config {
	const struct policy *policy; /* rules, limits and credentials; must outlive the fetcher */
	/* Credentials to use instead of the policy's (NULL: the policy's).
	 * Tests pass their own to exercise a plain-http loopback server, which
	 * the policy loader would (rightly) refuse to send secrets to. */
	const struct policy_cred *creds;
	size_t n_creds;
	uint64_t max_frame;      /* limits.max_frame: a reply must fit; 0 = LIMITS_DEFAULT_MAX_FRAME */
	unsigned max_concurrent; /* fetches in flight; 0 = default */
	/* Told every redirect hop's decision (what: "GET https://host:port/path",
	 * without the query), so the audit has each hop once; may be NULL. */
	void (*on_hop)(void *ctx, const char *what, enum policy_verdict v, const char *rule);
	void *hop_ctx;
};

struct fetcher;

/* True when built with libcurl; without it every fetch fails with a clear error. */
bool fetch_available(void);

/* Loads secret values (files, env) and prepares a curl multi handle.
 * Returns NULL with a message in err on failure. Free with fetcher_destroy(). */
struct fetcher *fetcher_create(const struct fetch_config *cfg, char *err, size_t errlen);

/* Starts one decoded request that the engine allowed: d is
 * policy_net_decide()'s decision for q (verdict ALLOW: an approved ASK is
 * handed over as ALLOW, with approved_key the approval's key, else NULL).
 * The URL, headers and body move out of q. Every socket is checked again
 * with policy_net_addr_allowed(d->net_rule) and every redirect hop decided
 * again with policy_net_decide(). Returns 0 when the transfer is under way
 * (its result comes out of fetcher_next_done), or a negative errno with e
 * filled (too many in flight, body too large, not decided). */
int fetcher_start(struct fetcher *f, uint64_t id, struct guest_fetch_req *q, const struct policy_net_decision *d,
                  const char *approved_key, struct req_error *e);

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
int fetcher_next_done(struct fetcher *f, uint64_t *id, cJSON **reply_value, struct req_error *err);

/* Transfers started and not yet taken by fetcher_next_done. */
unsigned fetcher_inflight(const struct fetcher *f);

/* Aborts everything in flight and frees. Accepts NULL. */
void fetcher_destroy(struct fetcher *f);
