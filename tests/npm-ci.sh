#!/bin/sh
# Installs a test suite's pinned npm packages (DIR/package-lock.json) with
# `npm ci`, only when DIR/node_modules is missing or older than the lock file
# or package.json, so a second run is offline. Two build trees may run the
# same suite at once: one installer at a time (flock on DIR/.run.lock).
#   tests/npm-ci.sh DIR
set -eu
cd "$1"
exec 9>.run.lock
flock 9
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] \
	|| [ package.json -nt node_modules/.package-lock.json ]; then
	# stdout is a TAP stream in the suites that call this: npm speaks on stderr
	npm ci --no-audit --no-fund --prefer-offline --loglevel=error >&2
	touch node_modules/.package-lock.json
fi
