#!/bin/sh
# Offline schema checks. Installs the pinned npm packages from
# package-lock.json first, only when node_modules is missing or older than
# the lock file, then runs one check:
#   run.sh k8s CODECELL              deploy/k8s manifests (validate.mjs)
#   run.sh policy CODECELL ROOT      policy/policy.schema.json (policy-schema.mjs)
set -eu
cd "$(dirname "$0")"
sh ../npm-ci.sh .
what=$1
shift
case $what in
k8s) exec node validate.mjs "$@" ;;
policy) exec node policy-schema.mjs "$@" ;;
*) echo "usage: run.sh k8s|policy ARGS..." >&2; exit 2 ;;
esac
