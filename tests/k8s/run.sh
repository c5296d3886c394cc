#!/bin/sh
# Validates deploy/k8s offline (validate.mjs). Installs the pinned npm
# packages from package-lock.json first, only when node_modules is missing
# or older than the lock file.
# usage: run.sh CODECELL_BINARY
set -eu
cd "$(dirname "$0")"
exec 9>.run.lock
flock 9
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	npm ci --no-audit --no-fund --prefer-offline --loglevel=error
	touch node_modules/.package-lock.json
fi
flock -u 9
exec node validate.mjs "$1"
