/* typescmd: `codecell types` (see typescmd.h).
 * The input is an object whose keys are namespaces and whose values are an
 * array of MCP tool objects ({name, description, inputSchema,
 * outputSchema}) or a tools/list result ({"tools": [...]}); a bare array
 * or a bare tools/list result is the namespace "codemode". */
#include "typescmd.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jsonin.h"
#include "sbuf.h"
#include "toolset.h"
#include "util.h"

static const char usage_text[] = "usage: codecell types [FILE|-]\n"
                                 "\n"
                                 "Prints TypeScript declarations for the tools in FILE (standard input for -\n"
                                 "or no FILE): a JSON object mapping each namespace to an array of MCP tools\n"
                                 "({name, description, inputSchema, outputSchema}) or to a tools/list result\n"
                                 "({\"tools\": [...]}); a bare array or tools/list result is the namespace\n"
                                 "\"codemode\". Names are sanitised as @cloudflare/codemode does.\n";

static const cJSON *tools_of(const cJSON *v)
{
	if (cJSON_IsArray(v))
		return v;
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(v, "tools");
	return cJSON_IsArray(t) ? t : NULL;
}

int typescmd_main(int argc, char **argv)
{
	const char *path = "-";
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(usage_text, stdout);
			return 0;
		}
		if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "codecell types: unknown option %s\n%s", argv[i], usage_text);
			return 2;
		}
		if (i != argc - 1) {
			fprintf(stderr, "codecell types: one FILE at most\n");
			return 2;
		}
		path = argv[i];
	}
	int fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : STDIN_FILENO;
	if (fd < 0) {
		fprintf(stderr, "codecell types: %s: %s\n", path, strerror(errno));
		return 2;
	}
	char *text = NULL;
	size_t len = 0;
	int r = util_read_alloc(fd, TYPESCMD_MAX_INPUT, false, &text, &len);
	if (fd != STDIN_FILENO)
		close(fd);
	if (r < 0) {
		fprintf(stderr, "codecell types: %s: %s\n", path, r == -EFBIG ? "larger than 16 MiB" : strerror(-r));
		return 2;
	}
	char why[128];
	cJSON *root = jsonin_parse(text, len, why, sizeof why);
	free(text);
	if (!root) {
		fprintf(stderr, "codecell types: %s: %s\n", path, why);
		return 2;
	}
	struct toolset ts = {0};
	struct sbuf warn;
	sbuf_init(&warn, 1u << 20);
	int rc = 0;
	const cJSON *bare = tools_of(root);
	if (bare && (cJSON_IsArray(root) || cJSON_GetArraySize(root) == 1)) {
		r = toolset_add(&ts, "codemode", bare, &warn);
	} else if (cJSON_IsObject(root)) {
		r = 0;
		for (const cJSON *ns = root->child; ns && r == 0; ns = ns->next) {
			const cJSON *tools = tools_of(ns);
			if (!tools) {
				fprintf(stderr, "codecell types: %s: namespace \"%s\" is not an array of tools\n", path,
				        ns->string);
				rc = 2;
				break;
			}
			r = toolset_add(&ts, ns->string, tools, &warn);
			if (r == -EINVAL) {
				fprintf(stderr,
				        "codecell types: %s: namespace \"%s\" must be a JavaScript identifier, not a "
				        "reserved "
				        "word, at most 64 bytes, given once (at most %d namespaces)\n",
				        path, ns->string, TOOLSET_MAX_NAMESPACES);
				rc = 2;
			}
		}
	} else {
		fprintf(stderr, "codecell types: %s: expected an object of namespaces or an array of tools\n", path);
		rc = 2;
	}
	if (r == -ENOMEM) {
		fprintf(stderr, "codecell types: out of memory\n");
		rc = 1;
	}
	if (warn.len)
		fprintf(stderr, "%s", warn.data);
	if (!rc) {
		char *decl = toolset_declarations(&ts);
		if (!decl) {
			fprintf(stderr, "codecell types: the declarations are larger than 8 MiB\n");
			rc = 1;
		} else {
			fputs(decl, stdout);
			free(decl);
		}
	}
	sbuf_finish(&warn);
	toolset_finish(&ts);
	cJSON_Delete(root);
	return rc;
}
