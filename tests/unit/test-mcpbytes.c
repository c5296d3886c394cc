/* test-mcpbytes: codecell's binary tags at codecell mcp's edge: tags become
 * base64 strings and escaped keys lose their $ on the way to an MCP server;
 * a server's $bytes keys are escaped on the way to a run; malformed tags
 * are refused. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mcpbytes.h"
#include "tap.h"

static void to_mcp(const char *in, const char *want)
{
	cJSON *v = cJSON_Parse(in);
	char why[120] = "";
	int r = mcpbytes_to_mcp(&v, why, sizeof why);
	char *out = r == 0 ? cJSON_PrintUnformatted(v) : NULL;
	if (want) {
		TAP_EQ_STR(out ? out : "(refused)", want, "to MCP");
	} else {
		tap_ok(r == -EINVAL && why[0], "malformed tag refused");
		printf("# %s\n", why);
	}
	free(out);
	cJSON_Delete(v);
}

static void escaped(const char *in, const char *want)
{
	cJSON *v = cJSON_Parse(in);
	char *out = mcpbytes_print_escaped(v);
	TAP_EQ_STR(out ? out : "(null)", want, "escaped for a run");
	free(out);
	cJSON_Delete(v);
}

int main(void)
{
	to_mcp("{\"a\":{\"$bytes\":\"AAH+/w==\"},\"b\":[{\"$bytes\":\"\"},1]}", "{\"a\":\"AAH+/w==\",\"b\":[\"\",1]}");
	to_mcp("{\"$bytes\":\"AAE=\"}", "\"AAE=\"");
	to_mcp("{\"$$bytes\":{\"$$$bytes\":1},\"x$bytes\":2,\"$bytesx\":3}",
	       "{\"$bytes\":{\"$$bytes\":1},\"x$bytes\":2,\"$bytesx\":3}");
	to_mcp("{\"k\":{\"$bytes\":\"AAE=\",\"other\":1}}", NULL);
	to_mcp("{\"k\":{\"other\":1,\"$bytes\":\"AAE=\"}}", NULL);
	to_mcp("{\"k\":{\"$bytes\":\"not base64!\"}}", NULL);
	to_mcp("{\"k\":{\"$bytes\":5}}", NULL);
	escaped("{\"$bytes\":\"x\",\"n\":[{\"$$bytes\":1}],\"bytes\":2}",
	        "{\"$$bytes\":\"x\",\"n\":[{\"$$$bytes\":1}],\"bytes\":2}");
	escaped("{\"plain\":[1,\"$bytes\"]}", "{\"plain\":[1,\"$bytes\"]}");
	tap_ok(mcpbytes_is_tag_key("$bytes") && mcpbytes_is_tag_key("$$$bytes"), "tag keys");
	tap_ok(!mcpbytes_is_tag_key("bytes") && !mcpbytes_is_tag_key("$byte") && !mcpbytes_is_tag_key("$"),
	       "other keys");
	return tap_done();
}
