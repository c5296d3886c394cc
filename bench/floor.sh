#!/bin/sh
# bench/floor.sh: the kernel's price for what every fresh sandbox needs
# (bench/floor.c: fork, namespaces, one cgroup per hierarchy codecell uses),
# on this machine, in one run. Run it on a quiet machine, as root, after
# codecell has run once (its cgroup parents exist then). The last rows are
# the floor a one-shot `codecell run` is read against (floor.c).
#   bench/floor.sh [-n N]
set -eu
here=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc -O2 -o "$tmp/floor" "$here/floor.c"
# The one-shot rows' static binary (the guest is static too); without a
# static libc the rows are skipped and floor says so.
printf 'int main(void) { return 0; }\n' >"$tmp/exit0.c"
if cc -O2 -static -o "$tmp/exit0" "$tmp/exit0.c" 2>/dev/null; then
	FLOOR_STATIC="$tmp/exit0"
	export FLOOR_STATIC
fi
# Where codecell, started from this shell, makes its runs' groups: under
# this process's own group of each hierarchy it uses (the v2 one, and v1
# memory, cpu and pids on a hybrid host), in codecell/ if that exists.
dirs=
while IFS=: read -r _ ctrl path; do
	case "$ctrl" in
	"") mnt=$(awk '$9 == "cgroup2" { print $5; exit }' /proc/self/mountinfo) ;;
	memory | cpu | cpu,cpuacct | pids) mnt=$(awk -v c="$ctrl" '$9 == "cgroup" && ("," $NF ",") ~ ("," c ",") { print $5; exit }' /proc/self/mountinfo) ;;
	*) continue ;;
	esac
	[ -n "$mnt" ] || continue
	d="$mnt${path%/}"
	[ -d "$d/codecell" ] && d="$d/codecell"
	[ -d "$d" ] && dirs="$dirs $d"
done </proc/self/cgroup
# Not exec: the trap removes $tmp once floor is done.
# shellcheck disable=SC2086
"$tmp/floor" "$@" $dirs
