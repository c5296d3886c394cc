#!/bin/sh
# Installs what codecell needs on Debian 12, from Debian's packages only.
# Idempotent and quiet when everything is present; needs root (or sudo).
#   scripts/install-deps.sh build   what building and running codecell needs
#                                   (scripts/demo.sh)
#   scripts/install-deps.sh [all]   that plus everything the test suite uses
#                                   (scripts/test.sh, CI)
#   scripts/install-deps.sh bench   building, node, and the npm packages of
#                                   the sandbox comparison (bench/sandboxes:
#                                   quickjs-emscripten, isolated-vm, built
#                                   from source with build-essential, python3
#                                   and the installed node's headers); not CI
set -eu

# Building and running: compiler, meson, the libraries codecell links, the
# Unicode data the RegExp engine's tables are generated from, static ICU and
# its data tools (Intl; objcopy from binutils extracts the data).
BUILD_PKGS="build-essential meson ninja-build pkg-config
duktape-dev libseccomp-dev libcjson-dev libcurl4-openssl-dev libmicrohttpd-dev
unicode-data libicu-dev icu-devtools binutils python3"

# Testing: the duk shell (runtime tests), clang (fuzzers, format check,
# sanitizers), qemu and a kernel (cgroup v2 VM), bubblewrap and hyperfine
# (benchmarks), the Debian packaging tools and podman/runc (package and
# container tests), pytest and what an offline `pip install clients/python`
# into a venv needs (python suite).
TEST_PKGS="duktape clang-14 clang-format-14 libclang-rt-14-dev
qemu-system-x86 linux-image-amd64 busybox-static cpio xz-utils
bubblewrap hyperfine
debhelper dpkg-dev podman runc
python3-pytest python3-venv python3-pip python3-setuptools python3-wheel"

case "${1:-all}" in
build | bench) PKGS=$BUILD_PKGS ;;
all) PKGS="$BUILD_PKGS $TEST_PKGS" ;;
*)
	echo "usage: install-deps.sh [build|all|bench]" >&2
	exit 2
	;;
esac

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ "${1:-all}" != build ]; then
	# Node.js (for the Node client and its tests): this image ships it from
	# NodeSource with npm inside; only fall back to Debian's packages without it.
	command -v node >/dev/null 2>&1 || missing="$missing nodejs"
	command -v npm >/dev/null 2>&1 || missing="$missing npm"
fi
if [ -n "$missing" ]; then
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	echo "install-deps: installing:$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -qq
	# shellcheck disable=SC2086
	$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# npm packages of the mcp suite (tests/mcp/package-lock.json: the MCP SDK,
# the reference MCP servers, @cloudflare/codemode and typescript), pinned
# by the lock file; tests/npm-ci.sh installs only when missing or older than
# the lock file, so a second run is offline (tests/mcp/run.sh calls it too).
if [ "${1:-all}" = all ]; then
	sh "$(dirname "$0")/../tests/npm-ci.sh" "$(dirname "$0")/../tests/mcp"
fi

if [ "${1:-all}" = bench ]; then
	sh "$(dirname "$0")/../tests/npm-ci.sh" "$(dirname "$0")/../bench/sandboxes"
fi
