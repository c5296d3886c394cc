#!/bin/sh
# Installs what codecell needs on Debian 12, from Debian's packages only.
# Idempotent and quiet when everything is present; needs root (or sudo).
set -eu

PKGS="build-essential meson ninja-build pkg-config
duktape-dev duktape libseccomp-dev libcap-dev libcjson-dev libcurl4-openssl-dev
python3 clang-14 clang-format-14 libclang-rt-14-dev
qemu-system-x86 linux-image-amd64 busybox-static cpio xz-utils
bubblewrap hyperfine
libicu-dev icu-devtools binutils"

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# Node.js (for the Node client and its tests): this image ships it from
# NodeSource with npm inside; only fall back to Debian's packages without it.
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
[ -z "$missing" ] && exit 0

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
