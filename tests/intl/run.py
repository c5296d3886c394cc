#!/usr/bin/env python3
"""Runs the Intl corpus (tests/intl/cases) through `codecell run FILE` and
compares each program's console output with what node 20 printed for it
(NAME.expected; regenerate with --regen). Where ICU 72 (Debian 12) and node's
newer ICU print different data, NAME.codecell.expected holds codecell's output
and docs/CONFORMANCE.md ("Intl") lists the difference.

The runner is tests/js/run.py pointed at this directory.
  run.py --codecell build/supervisor/codecell [CASE...]
  run.py --regen [CASE...]
"""
import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    'jsrun', os.path.join(os.path.dirname(HERE), 'js', 'run.py'))
jsrun = importlib.util.module_from_spec(spec)
spec.loader.exec_module(jsrun)
jsrun.CASES = os.path.join(HERE, 'cases')
_run_case = jsrun.run_case


def run_case(args, path):
    """NAME.policy.json beside a case runs it under that operator policy (its
    node oracle sets the same defaults: NAME.js sets them for node itself)."""
    pol = path[:-3] + '.policy.json'
    if args.engine != 'codecell' or not os.path.exists(pol):
        return _run_case(args, path)
    import subprocess
    p = subprocess.run([args.codecell, 'run', '--policy', pol, path], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=jsrun.TIMEOUT_S)
    return jsrun.normalise(p.stderr.decode('utf-8', 'replace'), p.returncode), p.stdout.decode('utf-8', 'replace')


jsrun.run_case = run_case

if __name__ == '__main__':
    if '--codecell' in sys.argv and '--engine' not in sys.argv:
        sys.argv[1:1] = ['--engine', 'codecell']
    sys.exit(jsrun.main())
