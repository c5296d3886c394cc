#!/bin/sh
# Benchmarks, each against baselines measured in the same run (ratios, not
# absolute times, are what the targets speak of; this VM is noisy).
#   bench/run.sh [N]      (default N=200 runs per command)
# Needs a built tree in ./build (scripts/demo.sh or scripts/test.sh does it).
set -eu
cd "$(dirname "$0")/.."
N="${1:-200}"
B=build
mkdir -p "$B/bench"
cc -O2 -o "$B/bench/spawnbench" bench/spawnbench.c
CODECELL="$B/supervisor/codecell"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
echo '1 + 1' > "$TMP/trivial-es5.js"

row() { # name, then the command
	name="$1"; shift
	set -- $("$B/bench/spawnbench" "$N" 10 -- "$@") || { echo "bench: '$name' failed" >&2; exit 1; }
	echo "$name $1 $2 $3"
}

{
	row "fork+exec /bin/true" /bin/true
	row "bwrap --unshare-all --ro-bind / / true" bwrap --unshare-all --ro-bind / / true
	row "codecell run (ES5 1+1)" "$CODECELL" run "$TMP/trivial-es5.js"
} > "$TMP/rows"

awk '
	{ n = NF; p99 = $n; p90 = $(n-1); p50 = $(n-2); name = $1; for (i = 2; i <= n - 3; i++) name = name " " $i;
	  names[NR] = name; a[NR] = p50; b[NR] = p90; c[NR] = p99 }
	END {
		printf "| command | p50 (ms) | p90 (ms) | p99 (ms) | p50 / true | p50 / bwrap |\n|---|---|---|---|---|---|\n";
		for (i = 1; i <= NR; i++)
			printf "| %s | %.2f | %.2f | %.2f | %.2fx | %.2fx |\n", names[i], a[i]/1000, b[i]/1000, c[i]/1000, a[i]/a[1], a[i]/a[2];
	}' "$TMP/rows"
echo
echo "targets (issue 2): codecell p50 <= 3x /bin/true and < 0.6x bwrap."
