#!/bin/bash
# Builds the Debian package and the container image from the tree, installs
# the package and smoke-tests it (removing it after), then runs the container
# smoke suite in the image. Part of scripts/test.sh; needs root (dpkg, podman).
# Prints TAP-like "ok/not ok" lines and fails if any check did.
set -uo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'dpkg --purge codecell >/dev/null 2>&1; rm -rf "$out"' EXIT
fail=0
check() { # NAME COMMAND...
	local name=$1
	shift
	if "$@"; then echo "ok - $name"; else echo "not ok - $name"; fail=1; fi
}

scripts/package-deb.sh "$out" >/dev/null || { echo "not ok - the Debian package builds"; exit 1; }
deb=$(ls "$out"/codecell_*.deb)
echo "ok - the Debian package builds: $(basename "$deb")"

# Installed from the package, with no build tree anywhere near it.
check "the package installs" sh -c 'dpkg -i "$0" >/dev/null' "$deb"
check "codecell version runs" sh -c '/usr/bin/codecell version | grep -q "^codecell "'
check "the installed codecell runs a program" \
	sh -c 'echo "return [1, 2, 3].map((x) => x * 2)" | /usr/bin/codecell run - | tr -d " \n" | grep -qx "\[2,4,6\]"'
check "the guest is in /usr/libexec/codecell" test -x /usr/libexec/codecell/codecell-guest
check "the package removes cleanly" sh -c 'dpkg --purge codecell >/dev/null'
check "nothing of it is left" sh -c '! test -e /usr/bin/codecell && ! test -e /usr/libexec/codecell'

# The container image, built from the same package.
image=localhost/codecell:test
if ! deploy/container/build-image.sh "$deb" "$image" >/dev/null; then
	echo "not ok - the container image builds"
	exit 1
fi
echo "ok - the container image builds"
# This machine's quirks, not codecell's needs: crun refuses hybrid cgroup
# hosts (runc does not), and podman's default ulimits exceed some VMs' hard
# RLIMIT_NOFILE.
quirks=(--runtime runc --ulimit nofile=1024:1024 --ulimit nproc=4096:4096)
python3 tests/container/test_container.py "$image" "${quirks[@]}" || fail=1
podman rmi -f "$image" >/dev/null 2>&1
exit $fail
