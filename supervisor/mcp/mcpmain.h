/* mcpmain: `codecell mcp --config FILE`, an MCP server on stdio whose
 * execute tool runs a program against the tools of downstream MCP servers.
 * Runs in: supervisor (a long-lived process the MCP client starts). Input:
 * the operator's config (trusted, checked strictly), the MCP client's
 * JSON-RPC on stdin, downstream servers' JSON-RPC, and each program run's
 * host-protocol lines (all untrusted). */
#pragma once

int mcp_main(int argc, char **argv);
