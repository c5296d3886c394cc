#!/bin/sh
# bench/attach-wait.sh: the median of `codecell run`'s "clone3, id maps,
# cgroup attach" phase (CODECELL_TRACE=1), over N runs spaced 0.2 s apart as
# a quiet server's spawns are. Moving a task between cgroups makes the kernel
# wait for an RCU grace period unless a cgroup hierarchy is mounted with
# favordynmods (docs/SERVE.md, "Tuning"); compare the two mounts with this.
#   bench/attach-wait.sh [N] [CODECELL]
set -eu
n=${1:-20}
bin=${2:-$(dirname "$0")/../build/supervisor/codecell}
prog=$(mktemp)
trap 'rm -f "$prog"' EXIT
echo 1 >"$prog"
i=0
while [ "$i" -lt "$n" ]; do
	CODECELL_TRACE=1 "$bin" run "$prog" 2>&1 >/dev/null | awk '/clone3, id maps, cgroup attach/ {print $NF}'
	sleep 0.2
	i=$((i + 1))
done | sort -n | awk '{a[NR] = $1} END {printf "clone3, id maps, cgroup attach: median %.3f ms over %d runs (%s)\n", a[int((NR + 1) / 2)], NR, MNT}' MNT="$(grep -o 'cgroup2 [^ ]* cgroup2 [^ ]*' /proc/mounts | head -1)"
