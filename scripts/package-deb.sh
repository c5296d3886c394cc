#!/bin/sh
# Builds the Debian package of codecell from the committed tree (debian/),
# in a scratch copy so the work tree gains no build output.
# usage: scripts/package-deb.sh OUTDIR     (OUTDIR receives codecell_*.deb)
set -eu
out=$(cd "${1:?usage: package-deb.sh OUTDIR}" && pwd)
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The tree as committed plus uncommitted edits to tracked files, without
# build directories or anything untracked.
mkdir "$work/codecell"
(cd "$top" && git ls-files -z --cached | xargs -0 tar -cf - --no-recursion) | tar -C "$work/codecell" -xf -
cd "$work/codecell"
DEB_BUILD_OPTIONS="nocheck parallel=$(nproc)" dpkg-buildpackage -b -us -uc >"$work/build.log" 2>&1 || {
	tail -40 "$work/build.log" >&2
	echo "package-deb: dpkg-buildpackage failed" >&2
	exit 1
}
cp "$work"/codecell_*.deb "$out"/
ls "$out"/codecell_*.deb
