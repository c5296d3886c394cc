#!/bin/sh
# RegExp speed: bench/regexp.js through `codecell run`, median of N runs per
# workload, for this build and optionally for a build with Duktape's own
# RegExp engine (any commit before guest/regexp, e.g. 2a7e60b, built in
# another directory). Prints a markdown table (milliseconds).
#   bench/regexp.sh [N] [BUILD_DIR] [BASELINE_BUILD_DIR]
set -eu
cd "$(dirname "$0")/.."
N="${1:-5}"
B="${2:-build}"
OLD="${3:-}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
runs() { # codecell binary, output file
	i=0
	while [ $i -lt "$N" ]; do
		"$1" run bench/regexp.js 2>&1 >/dev/null | sed -n 's/^\([a-z0-9()|*-]*\): \([0-9.]*\)ms$/\1 \2/p'
		i=$((i + 1))
	done > "$2"
}
runs "$B/supervisor/codecell" "$TMP/new"
[ -n "$OLD" ] && runs "$OLD/supervisor/codecell" "$TMP/old"
python3 - "$TMP/new" "${OLD:+$TMP/old}" <<'PY'
import statistics, sys
def load(p):
    d = {}
    if p:
        for line in open(p):
            k, v = line.split()
            d.setdefault(k, []).append(float(v))
    return d
new, old = load(sys.argv[1]), load(sys.argv[2] if len(sys.argv) > 2 else '')
print('| workload | guest/regexp (ms) | Duktape 2.7 engine (ms) | ratio |')
print('|---|---|---|---|')
for k in new:
    a = statistics.median(new[k])
    if k in old:
        b = statistics.median(old[k])
        print('| %s | %.1f | %.1f | %.2fx |' % (k, a, b, b / a if a else 0))
    else:
        print('| %s | %.1f | - | - |' % (k, a))
PY
