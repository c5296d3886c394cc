#!/bin/sh
# Runs the codecell mcp / codecell types tests with node's test runner: the
# official MCP SDK as the client, real MCP servers from npm as downstream
# servers, @cloudflare/codemode's generator and tsc as the oracles for the
# declarations. Installs the pinned npm packages (package-lock.json) when
# needed. Without node or npm the suite is skipped (exit 77) saying so,
# unless CODECELL_MUST_WORK=1 (CI), where that is a failure.
set -eu
cd "$(dirname "$0")"

for tool in node npm; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		if [ "${CODECELL_MUST_WORK:-}" = 1 ]; then
			echo "run.sh: '$tool' is not installed and CODECELL_MUST_WORK=1: the mcp suite must run" >&2
			exit 1
		fi
		echo "run.sh: SKIP: '$tool' is not installed; the mcp suite needs Node.js >= 20 and npm (scripts/install-deps.sh)" >&2
		exit 77
	fi
done

sh ../npm-ci.sh .

exec node --test --test-concurrency=1 "$@" types.test.mjs mcp.test.mjs
