/* typescmd: `codecell types [FILE|-]`, TypeScript declarations for a tools
 * description, the generator `codecell mcp` puts in its execute tool.
 * Runs in: supervisor (as the operator's command). Input: a tools file
 * (untrusted JSON: it may come straight from an MCP server). */
#pragma once

/* The largest tools file: far above any real server's tools/list. */
#define TYPESCMD_MAX_INPUT (16u << 20)

int typescmd_main(int argc, char **argv);
