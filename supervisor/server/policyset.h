/* policyset: the server's named policies (--policy NAME=FILE), each loaded
 * and checked once (at start and on SIGHUP), never per run; a start names
 * one with "policy_name". A reload is all or nothing: one bad file keeps
 * the whole previous set.
 * Runs in: server (S). Input: operator policy files (trusted, checked
 * strictly by policy_load) and names from the command line. */
#pragma once

#include <stddef.h>

struct policy;

/* Named policies a server holds: a handful per deployment. */
#define POLICYSET_MAX 32

struct policyset_entry {
	char name[65];
	char *path;         /* owned */
	struct policy *pol; /* owned */
	char sha256[65];    /* policy_hash_hex: the same digest the audit's run_start carries */
};

struct policyset {
	struct policyset_entry e[POLICYSET_MAX];
	size_t n;
	struct policy *builtin; /* owned: policy_default(), for starts without a name when no "default" */
	unsigned generation;    /* bumped on every successful reload (pooled sandboxes are re-made) */
};

/* Adds a NAME=FILE argument (not loaded yet). 0, or -EINVAL/-ENOMEM with a
 * message in err. */
int policyset_add(struct policyset *s, const char *arg, char *err, size_t errlen);
/* Loads (or reloads) every file. On failure the previous policies stay and
 * err says which file failed and why. 0 or -errno. */
int policyset_load(struct policyset *s, char *err, size_t errlen);
/* The policy for a start's policy_name ("" = "default" if loaded, else
 * the built-in strict policy), or NULL when no such name is loaded. */
struct policy *policyset_find(const struct policyset *s, const char *name);
/* The loaded names, comma-separated, for an error message. */
void policyset_names(const struct policyset *s, char *out, size_t cap);
void policyset_finish(struct policyset *s);
