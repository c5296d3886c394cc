#!/bin/sh
# The whole test suite, as CI runs it (.ci/run): installs dependencies,
# builds, runs every suite on the normal build (security probes need an
# unsanitized build), then the unit, integration and fuzz suites again under
# ASan+UBSan.
set -eu
cd "$(dirname "$0")/.."
scripts/install-deps.sh

# Skips become failures: CI must prove every layer, not skip it.
export CODECELL_MUST_WORK="${CODECELL_MUST_WORK:-1}"

[ -d build ] || meson setup build >/dev/null
ninja -C build
meson test -C build --print-errorlogs --num-processes 2

[ -d build-asan ] || meson setup build-asan -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
ninja -C build-asan
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ASAN_OPTIONS=detect_leaks=1 \
	meson test -C build-asan --print-errorlogs --num-processes 2 --suite unit --suite integration --suite fuzz
