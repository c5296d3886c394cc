#!/bin/sh
# Checks (or with --fix, applies) the committed .clang-format on every C
# source and header of the project. Part of scripts/test.sh.
set -eu
cd "$(dirname "$0")/.."
CF=$(command -v clang-format-14 || command -v clang-format || true)
[ -n "$CF" ] || { echo "check-format: clang-format not installed (apt-get install clang-format)" >&2; exit 1; }
files=$(git ls-files '*.c' '*.h' | grep -v '^tests/fuzz/corpus')
if [ "${1:-}" = "--fix" ]; then
	# shellcheck disable=SC2086
	"$CF" --style=file -i $files
	exit 0
fi
bad=0
for f in $files; do
	if ! "$CF" --style=file "$f" | cmp -s - "$f"; then
		echo "check-format: $f is not formatted (scripts/check-format.sh --fix)" >&2
		bad=1
	fi
done
exit $bad
