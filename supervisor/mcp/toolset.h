/* toolset: the downstream tools a program may call, decoded once from
 * tools/list answers (or a tools file) into bounded, typed entries with
 * their program names assigned; search and describe work on these.
 * Runs in: supervisor (codecell mcp, codecell types). Input: tool lists
 * from downstream MCP servers (untrusted JSON, already parsed by cJSON from
 * well-formed UTF-8); no I/O. */
#pragma once

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "sbuf.h"

/* More tools than this from one server is not a toolset a model can use;
 * the rest are left out with a warning. */
#define TOOLSET_MAX_TOOLS 1024
/* MCP names are meant to be at most 128 characters; twice that as bytes
 * leaves room for non-ASCII. A longer name is left out. */
#define TOOLSET_MAX_NAME 256
/* A description this long is cut: it goes into a prompt. */
#define TOOLSET_MAX_DESCRIPTION (16u << 10)
/* Namespaces (downstream servers) in one toolset. */
#define TOOLSET_MAX_NAMESPACES 64
/* The declarations text of a whole toolset. */
#define TOOLSET_MAX_DECLARATIONS (8u << 20)

struct toolset_tool {
	char *name;        /* as the server knows it */
	char *safe;        /* as the program calls it: ns.safe(...) */
	char *type;        /* base of its TypeScript type names */
	char *description; /* may be NULL; cut to TOOLSET_MAX_DESCRIPTION */
	cJSON *def;        /* owned: {description, inputSchema, outputSchema} for the generator */
};

struct toolset_ns {
	char *name; /* an identifier (tsname_is_identifier) */
	struct toolset_tool *tools;
	size_t n_tools;
};

struct toolset {
	struct toolset_ns ns[TOOLSET_MAX_NAMESPACES];
	size_t n_ns;
};

/* Adds namespace `name` with the tool objects in `tools` (a cJSON array,
 * borrowed; the union of every page of tools/list). Entries that are not
 * objects, have no string name, a name over TOOLSET_MAX_NAME or a
 * duplicate name are left out, and each omission is appended to warn (one
 * line each). 0, -EINVAL (name not an identifier, namespace exists, too
 * many namespaces) or -ENOMEM. */
int toolset_add(struct toolset *ts, const char *name, const cJSON *tools, struct sbuf *warn);
void toolset_finish(struct toolset *ts); /* accepts an all-zero struct */

/* Keeps the tools for which keep() says true, in order; the program names
 * of the others are not reused (they were assigned over the full list, and
 * a policy was checked against them). */
void toolset_retain(struct toolset *ts, bool (*keep)(void *ctx, const char *ns, const struct toolset_tool *t),
                    void *ctx);

/* The TypeScript declarations of every namespace, in order; type names
 * carry the PascalCase namespace as a prefix when there is more than one.
 * Caller frees; NULL on -ENOMEM or past TOOLSET_MAX_DECLARATIONS. */
char *toolset_declarations(const struct toolset *ts);

/* The declaration of one tool ("ns.safe"), as its own small file. */
char *toolset_describe(const struct toolset *ts, const char *ns, const char *safe);

/* Properties shown in the example call: it is one line of a prompt, and
 * the schema it comes from is the server's. */
#define TOOLSET_EXAMPLE_MAX_PROPS 8

/* A one-line example program calling the first tool, as codemode's MCP
 * server writes one: each input property (the first
 * TOOLSET_EXAMPLE_MAX_PROPS; names over TSNAME_MAX bytes left out, others
 * that are not identifiers quoted) gets 0 for number/integer, true for
 * boolean, "..." otherwise. Caller frees; NULL when there is no tool (or
 * -ENOMEM). */
char *toolset_example(const struct toolset *ts);

/* Finds ns.safe; NULL when absent. */
const struct toolset_tool *toolset_find(const struct toolset *ts, const char *ns, const char *safe);

/* Tools whose name or description contains every word of query (ASCII
 * case-insensitive), at most max of them, as a JSON array of
 * {name: "ns.safe", server_name, description}. Caller owns the result. */
cJSON *toolset_search(const struct toolset *ts, const char *query, size_t max);
