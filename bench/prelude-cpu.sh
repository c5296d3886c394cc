#!/bin/sh
# CPU time of the guest's heap start and prelude (bench/preludebench.c),
# in-process, for a source tree and its build directory:
#   bench/prelude-cpu.sh [SRC_DIR] [BUILD_DIR]     (default: . build)
#   PRELUDEBENCH_COLD=1 [PRELUDEBENCH_HEAPWARM=1] bench/prelude-cpu.sh
#       the first heap of a fresh process instead (preludebench.c)
# Run it for two trees (e.g. this one and a checkout of an older commit
# built in /tmp) to compare what a change costs every run.
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
SRC="${1:-.}"
B="${2:-$SRC/build}"
OUT="$(mktemp)"
trap 'rm -f "$OUT"' EXIT
RE=""
if [ -d "$SRC/guest/regexp" ]; then
	RE="-I$SRC/guest/regexp $SRC/guest/regexp/native.c $SRC/guest/regexp/compile.c $SRC/guest/regexp/match.c $SRC/guest/regexp/unicode.c $B/guest/regexp/unicode_tables.c"
fi
RT=""
if [ -f "$SRC/guest/rtnative.c" ]; then
	RT="$SRC/guest/rtnative.c"
fi
# The lazy units' table and loader (lazy.js registers its globals only
# when the loader is there).
if [ -f "$SRC/guest/lazyunit.c" ]; then
	RT="$RT $SRC/guest/lazyunit.c $B/guest/lazy_bc.c"
fi
if [ -f "$SRC/guest/heapwarm.c" ]; then
	RT="$RT $SRC/guest/heapwarm.c"
fi
# shellcheck disable=SC2086
cc -O2 -I"$SRC/guest" -I"$SRC/guest/duk" -I"$B/guest/duk" -o "$OUT" "$HERE/preludebench.c" "$SRC/guest/prelude.c" "$SRC/guest/diag.c" \
	"$B/guest/prelude_bc.c" $RE $RT "$B/guest/duk/libduktape-guest.a" -lm
if [ -n "${PRELUDEBENCH_COLD:-}" ]; then
	# One fresh process per sample: the median of 9 first heaps.
	for _ in 1 2 3 4 5 6 7 8 9; do "$OUT"; done | awk '{print $7}' | sort -n |
		awk '{v[NR] = $1} END {printf "first heap of a fresh process: median %.3f ms, min %.3f, max %.3f (9 processes)\n", v[5], v[1], v[9]}'
else
	"$OUT"
fi
