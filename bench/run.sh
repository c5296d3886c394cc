#!/bin/sh
# Benchmarks for issues 2 and 3, each against baselines measured in the same
# run (ratios, not absolute times, are what the targets speak of; this VM is
# shared and noisy). Prints one markdown table: target beside measured value.
#   bench/run.sh [N] [BUILD_DIR]   (default N=200 runs per command, BUILD_DIR=build)
#   CODECELL_BENCH_TRACE=1 bench/run.sh   also prints the per-phase breakdown
# Needs a built tree (scripts/demo.sh or meson setup build && ninja -C build),
# a C compiler, python3 and bubblewrap. About a minute at N=200 on an idle
# 2-vCPU VM; see docs/PERFORMANCE.md for how to read the numbers.
set -eu
cd "$(dirname "$0")/.."
N="${1:-200}"
B="${2:-build}"
CODECELL="$B/supervisor/codecell"
[ -x "$CODECELL" ] || { echo "bench: $CODECELL not found; build first (scripts/demo.sh)" >&2; exit 1; }
[ -f "$B/guest/compiler/libjsc.a" ] || { echo "bench: $B/guest/compiler/libjsc.a not found" >&2; exit 1; }
mkdir -p "$B/bench"
cc -O2 -o "$B/bench/spawnbench" bench/spawnbench.c
# Links the build's own compiler library: times exactly what the guest runs.
cc -O2 -Iguest/compiler -o "$B/bench/lowerbench" bench/lowerbench.c "$B/guest/compiler/libjsc.a"
TMP="$(mktemp -d)"
export TMP
trap 'rm -rf "$TMP"' EXIT
echo '1 + 1' > "$TMP/trivial-es5.js"
# The smallest program that needs the lowering compiler: an async arrow
# (the code-mode shape), a type annotation, destructuring and spread.
printf '%s\n' 'async () => { const { a = 1 }: { a?: number } = {}; return [a, ...[1]].length; }' > "$TMP/trivial-modern.ts"

# spawnbench prints "p50 p90 p99 failures cpu_p50" in microseconds.
row() { # key, then the command
	key="$1"; shift
	out=$("$B/bench/spawnbench" "$N" 10 -- "$@") || { echo "bench: '$*' failed" >&2; exit 1; }
	echo "$key $out"
}

{
	row true /bin/true
	row bwrap bwrap --unshare-all --ro-bind / / true
	row version "$CODECELL" version
	row es5 "$CODECELL" run "$TMP/trivial-es5.js"
	row modern "$CODECELL" run "$TMP/trivial-modern.ts"
} > "$TMP/spawn"

# Lowering a 10 KB TypeScript program, in-process, median of 300.
set -- $("$B/bench/lowerbench" bench/lower10k.ts 300)
echo "lower $1 $2 $3 $4 $5" > "$TMP/lower"

# Awaits of settled values, timed inside the guest by console.time; the
# median over 5 runs of the per-await cost, with the bare loop subtracted.
i=0
while [ $i -lt 5 ]; do
	"$CODECELL" run bench/await-resolved.ts 2>&1 >/dev/null | awk '
		/^loop-only: / { l = $2 + 0 } /^await-value: / { v = $2 + 0 } /^await-resolved-promise: / { p = $2 + 0 }
		END { n = 4000; printf "%.2f %.2f\n", (v - l) * 1000 / n, (p - l) * 1000 / n }'
	i=$((i + 1))
done > "$TMP/await"
# An await of a tool result that has already arrived (a Python echo host).
i=0
while [ $i -lt 3 ]; do
	python3 bench/echohost.py "$CODECELL" bench/await-tool.ts | awk '
		/await-arrived-tool-result: / { sub(/ms$/, "", $NF); printf "%.2f\n", $NF * 1000 / 50 }'
	i=$((i + 1))
done > "$TMP/awaittool"

awk -v n="$N" '
	function med(file, col,   cmd, x, k, i, j, t) {
		k = 0; cmd = "cat " file
		while ((cmd | getline line) > 0) { split(line, f, " "); x[++k] = f[col] + 0 }
		close(cmd)
		for (i = 2; i <= k; i++) { t = x[i]; j = i - 1; while (j > 0 && x[j] > t) { x[j+1] = x[j]; j-- } x[j+1] = t }
		return k ? x[int((k + 1) / 2)] : -1
	}
	FILENAME ~ /spawn$/ { p50[$1] = $2; p90[$1] = $3; p99[$1] = $4; cpu[$1] = $6 }
	FILENAME ~ /lower$/ { lw = $2; lw90 = $3; lcpu = $4; lin = $5; lout = $6 }
	END {
		ms = 1000
		printf "Spawn rows: N=%d runs each after 10 warm-ups, fork+exec to exit (bench/spawnbench.c); cpu = user+sys of the command and its children.\n\n", n
		printf "| command | p50 ms | p90 ms | p99 ms | cpu p50 ms | p50 / true | p50 / bwrap |\n|---|---|---|---|---|---|---|\n"
		split("true bwrap version es5 modern", keys, " ")
		names["true"] = "fork+exec /bin/true"; names["bwrap"] = "bwrap --unshare-all --ro-bind / / true"
		names["version"] = "codecell version (supervisor start only)"
		names["es5"] = "codecell run trivial ES5 (`1 + 1`)"; names["modern"] = "codecell run trivial modern (async arrow, TS)"
		for (i = 1; i <= 5; i++) { k = keys[i]
			printf "| %s | %.2f | %.2f | %.2f | %.2f | %.2fx | %.2fx |\n", names[k], p50[k]/ms, p90[k]/ms, p99[k]/ms, cpu[k]/ms, p50[k]/p50["true"], p50[k]/p50["bwrap"] }
		aw = med(ENVIRON["TMP"] "/await", 1); ap = med(ENVIRON["TMP"] "/await", 2); at = med(ENVIRON["TMP"] "/awaittool", 1)
		printf "\n| target | limit | measured | verdict |\n|---|---|---|---|\n"
		r = p50["es5"] / p50["true"]; printf "| issue 2: codecell p50 vs /bin/true | <= 3x | %.2fx (%.2f / %.2f ms) | %s |\n", r, p50["es5"]/ms, p50["true"]/ms, r <= 3 ? "met" : "NOT met"
		r = p50["es5"] / p50["bwrap"]; printf "| issue 2: codecell p50 vs bwrap | < 0.6x | %.2fx (%.2f / %.2f ms) | %s |\n", r, p50["es5"]/ms, p50["bwrap"]/ms, r < 0.6 ? "met" : "NOT met"
		printf "| issue 3: lowering 10 KB (%d B in, %d B out; median of 300) | < 1 ms | %.3f ms (p90 %.3f, cpu %.3f) | %s |\n", lin, lout, lw/ms, lw90/ms, lcpu/ms, lw < ms ? "met" : "NOT met"
		d = p50["modern"] - p50["es5"]; printf "| issue 3: trivial modern minus ES5, end to end (p50s) | <= 0.5 ms | %+.2f ms (cpu %+.2f ms) | %s |\n", d/ms, (cpu["modern"] - cpu["es5"])/ms, d <= 500 ? "met" : "NOT met"
		printf "| issue 3: await of a settled value (in guest, median of 5 x 4000) | < 30 us | %.2f us | %s |\n", aw, (aw >= 0 && aw < 30) ? "met" : "NOT met"
		printf "| issue 3: await of a resolved Promise (same runs) | < 30 us | %.2f us | %s |\n", ap, (ap >= 0 && ap < 30) ? "met" : "NOT met"
		printf "| issue 3: await of an already-arrived tool result (echo host, median of 3 x 50) | < 30 us | %.2f us | %s |\n", at, (at >= 0 && at < 30) ? "met" : "NOT met"
	}' "$TMP/spawn" "$TMP/lower"

echo
echo "Reproduce: bench/run.sh $N $B; lowering alone: $B/bench/lowerbench bench/lower10k.ts 300;"
echo "awaits: $CODECELL run bench/await-resolved.ts; python3 bench/echohost.py $CODECELL bench/await-tool.ts"
if [ "${CODECELL_BENCH_TRACE:-0}" != 0 ]; then
	echo
	echo "Phase breakdown of \`codecell run\` (CODECELL_TRACE=1, medians of 30 runs):"
	echo
	bench/trace-breakdown.sh "$CODECELL" "$TMP/trivial-es5.js" 30
fi
