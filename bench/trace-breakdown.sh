#!/bin/sh
# Median time of each phase of `codecell run` over N runs, from the
# CODECELL_TRACE=1 output (docs/PERFORMANCE.md). Medians per phase, because
# this machine is shared and single runs are noisy.
#   bench/trace-breakdown.sh CODECELL PROGRAM [N]
#   bench/trace-breakdown.sh --from FILE   (traces already written, e.g. a
#       server's stderr: CODECELL_TRACE=1 bench/serve-load.py --stderr FILE)
set -eu
traces() {
	if [ "$1" = --from ]; then
		grep '^codecell-trace: ' "$2" | grep -v 'phase (end of)' || true
		return
	fi
	CODECELL="$1"; PROG="$2"; N="${3:-40}"
	i=0
	while [ "$i" -lt "$N" ]; do
		CODECELL_TRACE=1 "$CODECELL" run "$PROG" 2>&1 >/dev/null | grep '^codecell-trace: ' | grep -v 'phase (end of)' || true
		i=$((i + 1))
	done
}
traces "$@" | awk '
	{ sub(/^codecell-trace: /, ""); d = $NF; a = $(NF-1); $NF = ""; $(NF-1) = ""; name = $0; sub(/ +$/, "", name);
	  if (!(name in seen)) { seen[name] = ++k; order[k] = name }
	  cnt[name]++; v[name, cnt[name]] = d; at[name, cnt[name]] = a }
	function med(arr, name, n,   i, j, t, x) {
		for (i = 1; i <= n; i++) x[i] = arr[name, i]
		for (i = 2; i <= n; i++) { t = x[i]; j = i - 1; while (j > 0 && x[j] > t) { x[j+1] = x[j]; j-- } x[j+1] = t }
		return (n % 2) ? x[(n+1)/2] : (x[n/2] + x[n/2+1]) / 2
	}
	END {
		printf "| phase (end of) | median at ms | median +ms |\n|---|---|---|\n"
		for (i = 1; i <= k; i++) { n = order[i]; printf "| %s | %.3f | %.3f |\n", n, med(at, n, cnt[n]), med(v, n, cnt[n]) }
	}'
