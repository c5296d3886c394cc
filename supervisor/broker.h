/* broker: the filesystem and network requests of one run — builds the fsops
 * and fetch configurations from the policy, says when a request needs an
 * approval, and performs requests.
 * Runs in: supervisor. Input: untrusted guest fs/fetch frames (already
 * decoded to cJSON by guestmsg.c; their fields are validated by fsops.c and
 * fetch.c, which own those formats). */
#pragma once

#include <poll.h>
#include <stdbool.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "policy.h"
#include "runlimits.h"

struct broker;

/* The error a request gets, as the guest sees it, plus the deciding rule. */
struct broker_error {
	char name[32];
	char code[24];
	char message[640];
	char rule[64];
};

/* workspace: the host directory for a workspace mount, or NULL (a policy
 * with a workspace mount then refuses that mount's requests). Returns 0 or
 * -errno with a message in err. Caller owns *out. */
int broker_create(const struct policy *p, const struct limits *l, const char *workspace, struct broker **out, char *err,
                  size_t errlen);
void broker_destroy(struct broker *b);

/* Whether the request needs an approval first: POLICY_ASK with kind, the
 * cache key and a detail object (owned by the caller) for the host; else
 * POLICY_ALLOW, meaning "let fsops/fetch decide". */
enum policy_verdict broker_needs_approval(struct broker *b, const cJSON *req, bool is_fs,
                                          enum policy_approval_kind *kind, char *key, size_t keylen, cJSON **detail);

/* A filesystem request, synchronously. 0 with *value (caller owns), -EPROTO
 * for a malformed frame (end the run), or another -errno with e filled. */
int broker_fs(struct broker *b, const cJSON *req, cJSON **value, struct broker_error *e);

/* A network request: 0 when started (its answer comes from
 * broker_next_done), -EPROTO for a malformed frame, or -errno with e. */
int broker_fetch_start(struct broker *b, uint64_t id, const cJSON *req, struct broker_error *e);
int broker_fds(struct broker *b, struct pollfd *fds, int max, int *timeout_ms);
void broker_perform(struct broker *b);
/* 1 with *id and *value (or NULL and e), 0 when nothing is done. */
int broker_next_done(struct broker *b, uint64_t *id, cJSON **value, struct broker_error *e);
