#!/bin/sh
# Runs the Node client's tests (clients/node) with node's test runner:
# protocol edge cases against fake-codecell.mjs, the executor against the real
# sandbox, and the real @cloudflare/codemode + AI SDK end to end.
# Installs the test-only npm packages from package-lock.json first, only when
# node_modules is missing or older than the lock file (so repeated runs are
# offline). The real binary is $CODECELL_BIN (meson sets it), else
# ../../build/supervisor/codecell; a missing binary fails the tests.
set -eu
cd "$(dirname "$0")"

for tool in node npm; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "run.sh: '$tool' is not installed; the node suite needs Node.js >= 20.6 and npm" >&2
		exit 1
	fi
done

sh ../npm-ci.sh .

exec node --test "$@" \
	executor-protocol.test.mjs \
	executor-real.test.mjs \
	codemode.test.mjs \
	codemode-contract.test.mjs \
	error-names.test.mjs \
	engine-messages.test.mjs \
	number-strings.test.mjs \
	binary.test.mjs \
	example.test.mjs \
	executor-serve.test.mjs \
	types.test.mjs
