#!/bin/bash
# The whole test suite, as CI runs it (.ci/run): installs dependencies,
# checks formatting, builds, runs every suite on the normal build (security
# probes need an unsanitized build), the program and probe suites again
# through template guests, then the unit, integration, fuzz and serve suites
# again under ASan+UBSan. Every stage runs even when an earlier one
# failed (a failing security row must not hide the sanitizer pass); the
# script ends with one "N passed, N failed" line and fails if anything did.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh || exit 1

# Skips of a whole suite become failures: CI must prove every layer, not
# skip it. (A single test may still skip when the unfiltered baseline shows
# the kernel lacks what it probes; see tests/tap.h.)
export CODECELL_MUST_WORK="${CODECELL_MUST_WORK:-1}"

summary=$(mktemp)
failures=$(mktemp)
failed_stages=()
count() { # meson test output on stdin, passed through; totals into $summary
	local out
	out=$(mktemp)
	tee "$out"
	awk '/^Ok:/ {ok += $2} /^Fail:/ {f += $2} /^Timeout:/ {f += $2}
		END {print ok + 0, f + 0}' "$out" >> "$summary"
	# What failed, repeated at the end: a CI log may be shown only by its
	# head and tail, and --print-errorlogs puts the reasons in the middle.
	grep -E '^ *[0-9]+/[0-9]+ .* (FAIL|TIMEOUT|ERROR) |^not ok |^REGRESSION |^FAIL |Traceback|Error:' "$out" |
		head -n 40 >> "$failures"
	rm -f "$out"
}
stage() { # NAME COMMAND...: runs it, remembers a failure, goes on
	local name=$1
	shift
	if ! "$@"; then
		failed_stages+=("$name")
		echo "test.sh: stage failed: $name" >&2
	fi
}
report() {
	awk '{ok += $1; f += $2} END {printf "%d passed, %d failed\n", ok, f}' "$summary"
	if [ ${#failed_stages[@]} -gt 0 ]; then
		echo "what failed:"
		sed 's/^/  /' "$failures"
		echo "failed stages: ${failed_stages[*]}"
	fi
	rm -f "$summary" "$failures"
}
trap report EXIT

normal_tests() {
	meson test -C build --print-errorlogs --num-processes 2 2>&1 | count
}
# The same programs and probes through a template guest's run children
# (tests/meson.build's "template" setup: each `codecell run` spawns through
# a template), which differ from an exec'd guest in memory (huge-page code,
# uncounted template objects) and in how the sandbox is made: every result
# and every escape probe must come out the same.
template_tests() {
	meson test -C build --print-errorlogs --num-processes 2 --setup template \
		--suite js --suite corpus --suite intl --suite security --suite integration 2>&1 | count
}
asan_tests() {
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ASAN_OPTIONS=detect_leaks=1 \
		meson test -C build-asan --print-errorlogs --num-processes 2 \
		--suite unit --suite integration --suite fuzz --suite serve 2>&1 | count
}

stage format scripts/check-format.sh

[ -d build ] || meson setup build >/dev/null || exit 1
if ninja -C build; then
	stage tests normal_tests
	stage template-tests template_tests
else
	failed_stages+=(build)
fi

[ -d build-asan ] || meson setup build-asan -Db_sanitize=address,undefined -Db_lundef=false >/dev/null || exit 1
if ninja -C build-asan; then
	stage asan-tests asan_tests
else
	failed_stages+=(build-asan)
fi

# The Debian package, installed and removed; the container image built from
# it, under podman with the least-privilege flags (deploy/container/).
package_tests() {
	local out rc
	out=$(mktemp)
	scripts/test-package.sh 2>&1 | tee "$out"
	rc=${PIPESTATUS[0]}
	grep -E '^not ok|^#   ' "$out" | head -n 40 >> "$failures"
	rm -f "$out"
	return "$rc"
}
stage package-and-container package_tests

[ ${#failed_stages[@]} -eq 0 ]
