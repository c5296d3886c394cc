#!/bin/sh
# Resident memory of a one-shot guest, from its image and from its prelude:
# a program that keeps the CPU busy for 1.5 s, and VmRSS and RssAnon of its
# guest read from /proc while it runs.
#   bench/guest-rss.sh [BUILD_DIR]   (default build)
set -eu
CODECELL="${1:-build}/supervisor/codecell"
for opt in "" --no-image; do
	echo 'var t = Date.now(); while (Date.now() - t < 1500) {} 1' | "$CODECELL" run $opt - >/dev/null 2>&1 &
	sleep 0.8
	g=$(pgrep -n codecell-guest)
	printf '%-12s %s\n' "${opt:-(image)}" "$(grep -E 'VmRSS|RssAnon' "/proc/$g/status" | tr -s ' \t\n' ' ')"
	wait
done
