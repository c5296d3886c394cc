#!/bin/sh
# Builds the codecell container image from the Debian package: the package's
# files plus the shared libraries its binary links (ldd), nothing else: no
# shell, no package manager. No registry is needed: the root filesystem is
# imported with `podman import`.
# usage: deploy/container/build-image.sh codecell_VERSION_amd64.deb [TAG]
set -eu
deb=${1:?usage: build-image.sh codecell_VERSION_amd64.deb [TAG]}
tag=${2:-localhost/codecell:latest}
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

dpkg-deb -x "$deb" "$root"
rm -rf "$root/usr/share/doc"
# The libraries the supervisor links, at the paths the loader looks in.
for lib in $(ldd "$root/usr/bin/codecell" | grep -o '/[^ ]*'); do
	mkdir -p "$root$(dirname "$lib")"
	cp -L "$lib" "$root$lib"
done
# Loaded with dlopen, so ldd above does not list them: libcurl on a
# program's first allowed fetch, libmicrohttpd by `codecell serve
# --metrics`. Each ships with its dependencies when the build machine has it.
ship_dlopened() {
	found=$(ldconfig -p | awk -v re="$1" '$0 ~ re && /x86-64/ {print $NF; exit}')
	[ -n "$found" ] || return 1
	for lib in "$found" $(ldd "$found" | grep -o '/[^ ]*'); do
		mkdir -p "$root$(dirname "$lib")"
		cp -L "$lib" "$root$lib"
	done
}
ship_dlopened 'libmicrohttpd\.so\.12 ' || true
if ship_dlopened 'libcurl\.so\.4 '; then
	# libcurl reads the CA bundle for https.
	[ -f /etc/ssl/certs/ca-certificates.crt ] && mkdir -p "$root/etc/ssl/certs" &&
		cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/"
fi
mkdir -p "$root/tmp" "$root/proc" "$root/sys" "$root/dev" "$root/etc" "$root/workspace"
chmod 1777 "$root/tmp"
printf 'root:x:0:0:root:/root:/nonexistent\nnobody:x:65534:65534:nobody:/nonexistent:/nonexistent\n' >"$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"

tar -C "$root" -c . | podman import --quiet \
	--change 'ENTRYPOINT ["/usr/bin/codecell"]' \
	--change 'CMD ["run", "--host"]' \
	--change 'WORKDIR /tmp' \
	- "$tag" >/dev/null
echo "$tag"
