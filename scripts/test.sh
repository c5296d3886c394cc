#!/bin/bash
# The whole test suite, as CI runs it (.ci/run): installs dependencies,
# checks formatting, builds, runs every suite on the normal build (security
# probes need an unsanitized build), then the unit, integration and fuzz
# suites again under ASan+UBSan. Ends with one "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh

# Skips become failures: CI must prove every layer, not skip it.
export CODECELL_MUST_WORK="${CODECELL_MUST_WORK:-1}"

summary=$(mktemp)
count() { # meson test output on stdin, passed through; totals into $summary
	local out
	out=$(mktemp)
	tee "$out"
	awk '/^Ok:/ {ok += $2} /^Fail:/ {f += $2} /^Timeout:/ {f += $2}
		END {print ok + 0, f + 0}' "$out" >> "$summary"
	rm -f "$out"
}
report() {
	awk '{ok += $1; f += $2} END {printf "%d passed, %d failed\n", ok, f}' "$summary"
}
trap 'report; rm -f "$summary"' EXIT

scripts/check-format.sh

[ -d build ] || meson setup build >/dev/null
ninja -C build
meson test -C build --print-errorlogs --num-processes 2 2>&1 | count

[ -d build-asan ] || meson setup build-asan -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
ninja -C build-asan
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ASAN_OPTIONS=detect_leaks=1 \
	meson test -C build-asan --print-errorlogs --num-processes 2 --suite unit --suite integration --suite fuzz 2>&1 | count
