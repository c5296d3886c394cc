#!/bin/sh
# Runs the Python client's tests (clients/python) with pytest: the client
# against the real sandbox, a misbehaving stand-in supervisor, and an offline
# `pip install` into a venv. The client is imported from the source tree
# (conftest.py); test_install.py checks the installed copy.
# The interpreter is $PYTHON, else the first python3 on PATH that has pytest,
# else /usr/bin/python3 (Debian's python3-pytest). The real binary is
# $CODECELL_BIN (meson sets it), else ../../build/supervisor/codecell; a
# missing binary or pytest fails the suite, never skips it.
set -eu
cd "$(dirname "$0")"

py="${PYTHON:-}"
if [ -z "$py" ]; then
	for cand in python3 /usr/bin/python3; do
		if "$cand" -c 'import pytest' >/dev/null 2>&1; then
			py=$cand
			break
		fi
	done
fi
if [ -z "$py" ]; then
	echo "run.sh: no python3 with pytest found; install python3-pytest (scripts/install-deps.sh)" >&2
	exit 1
fi

# No __pycache__ or .pytest_cache in the source tree.
export PYTHONDONTWRITEBYTECODE=1
exec "$py" -m pytest -q -p no:cacheprovider -o console_output_style=classic "$@" .
