/* policy_int: the layout of struct policy, shared by policy.c (loading,
 * canonical form) and policydecide.c (decisions). Not for other modules.
 * Runs in: supervisor. Input: none (a data layout). */
#pragma once

#include "policy.h"

struct policy_pattern {
	char *pat;    /* "ns.name" glob, '*' matches any run of characters */
	char *rule;   /* "tools.allow[0] \"pat\"" */
	uint64_t cap; /* tools.caps only */
};

struct policy_env_var {
	char *name, *value;
};

struct policy {
	int version;
	struct limits limits;

	struct policy_pattern *allow, *ask, *deny, *caps;
	size_t n_allow, n_ask, n_deny, n_caps;

	struct policy_env_var *env; /* sorted by name */
	size_t n_env;

	/* "intl": the guest's default locale and time zone; NULL = en-US, UTC. */
	char *intl_locale, *intl_time_zone;

	struct policy_fs fs;
	struct policy_mount *mounts; /* fs.mounts points here */

	struct policy_net net;
	struct policy_net_rule *rules; /* net.rules points here */
	struct policy_cred *creds;     /* net.creds points here */

	struct policy_approvals_cfg approvals;
	struct policy_audit_cfg audit;

	/* Every string the public structs point to, freed by policy_free(). */
	char **owned;
	size_t n_owned, cap_owned;

	char hash[65];
};

/* Whether a normalized host (lowercase, no brackets) matches the rule's host. */
bool policy_host_matches(const struct policy_net_rule *r, const char *host);
/* Parses an IPv4/IPv6 literal, optionally "/len"; 0 or -EINVAL. */
int policy_parse_ip(const char *s, int *family, unsigned char addr[16], unsigned *prefix_len);
/* Whether the range addr/len overlaps any private or reserved range. */
bool policy_range_is_reserved(int family, const unsigned char *addr, unsigned prefix_len);
