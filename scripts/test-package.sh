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
# The package's guest is stripped (dh_strip): its heap image must still be
# its own (same build ID, same addresses), so the installed run uses it.
check "the installed guest starts from its heap image" \
	sh -c 'echo "1 + 1" | CODECELL_TRACE=1 /usr/bin/codecell run - 2>&1 | grep -q "guest image-restored"'
# The Node client as users get it: npm pack, installed into a fresh npm
# project, finding the installed binary on PATH with no option set.
node_client() {
	local proj
	proj=$(mktemp -d)
	(cd clients/node && npm pack --silent --pack-destination "$proj" >/dev/null) &&
		(cd "$proj" && npm init -y >/dev/null && npm install --no-audit --no-fund --prefer-offline --silent ./codecell-codemode-*.tgz >/dev/null) &&
		(cd "$proj" && env -u CODECELL_BIN node --input-type=module -e '
			import { CodecellExecutor } from "codecell-codemode";
			const ex = new CodecellExecutor({ timeout: 10000 });
			if (ex.codecellPath !== "codecell") throw new Error("expected codecell on PATH, got " + ex.codecellPath);
			const r = await ex.execute("async () => (await codemode.add(20, 22))", [{ name: "codemode", fns: { add: (a, b) => a + b } }]);
			if (r.error || r.result !== 42) throw new Error(JSON.stringify(r));
		')
	local rc=$?
	rm -rf "$proj"
	return $rc
}
check "the packed Node client, installed into a fresh project, runs a program with the installed codecell" node_client
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
