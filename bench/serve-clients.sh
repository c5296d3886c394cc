#!/bin/sh
# bench/serve-clients.sh: W shell loops, each running `codecell run --server`
# N times one after another (a connection per run, as a script that spawns
# the command per program does), against a fresh `codecell serve` of each
# build given, alternated for R rounds; prints the wall time of each pass.
# The client is always the first build's. Not a test; nothing is asserted.
#   bench/serve-clients.sh [-w 4] [-n 40] [-r 2] CODECELL [CODECELL...]
set -eu
w=4 n=40 rounds=2
while getopts w:n:r: o; do
	case $o in
	w) w=$OPTARG ;;
	n) n=$OPTARG ;;
	r) rounds=$OPTARG ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || { echo "usage: $0 [-w W] [-n N] [-r R] CODECELL [CODECELL...]" >&2; exit 2; }
client=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo '1 + 1' > "$tmp/t.js"
echo "$w clients x $n runs each, a connection per run; client: $client"
r=0
while [ $r -lt "$rounds" ]; do
	for srv in "$@"; do
		sock=$tmp/s.sock
		rm -f "$sock"
		"$srv" serve --socket "$sock" --pool 4 2>/dev/null &
		sp=$!
		i=0
		while [ ! -S "$sock" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
		sleep 1 # the pool fills
		t0=$(date +%s.%N)
		j=0 pids=
		while [ $j -lt "$w" ]; do
			(k=0; while [ $k -lt "$n" ]; do
				"$client" run --server "$sock" "$tmp/t.js" >/dev/null 2>&1 || echo "run failed: $?" >&2
				k=$((k + 1))
			done) &
			pids="$pids $!"
			j=$((j + 1))
		done
		wait $pids
		t1=$(date +%s.%N)
		echo "round $r  $srv: $((w * n)) runs in $(awk "BEGIN { printf \"%.3f\", $t1 - $t0 }") s"
		kill "$sp"
		wait "$sp" 2>/dev/null || true
	done
	r=$((r + 1))
done
