#!/bin/sh
# The main job on a fresh Debian 12 machine: install what is missing, build,
# and run an example program whose tool calls a small host answers.
#   scripts/demo.sh [PROGRAM]   (default: examples/weather.ts)
set -eu
cd "$(dirname "$0")/.."
scripts/install-deps.sh build
[ -d build ] || meson setup build >/dev/null
ninja -C build >/dev/null
exec python3 examples/host.py "${1:-examples/weather.ts}"
