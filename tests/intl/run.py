#!/usr/bin/env python3
"""Runs the Intl corpus (tests/intl/cases) through `codecell run FILE` and
compares each program's console output with what node 20 printed for it
(NAME.expected; regenerate with --regen). Where ICU 72 (Debian 12) and node's
newer ICU print different data, NAME.codecell.expected holds codecell's output
and docs/CONFORMANCE.md ("Intl") lists the difference.

The runner is tests/js/run.py pointed at this directory.
  run.py --codecell build/supervisor/codecell [CASE...]
  run.py --regen [CASE...]
  run.py --stats                  cases, lines, and lines that differ from node
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


def stats():
    """How far the corpus is from node: cases, lines of node's output, and
    the lines each NAME.codecell.expected has instead (docs/CONFORMANCE.md)."""
    import difflib
    cases = sorted(f for f in os.listdir(jsrun.CASES) if f.endswith('.js'))
    lines = differ = 0
    for f in cases:
        base = os.path.join(jsrun.CASES, f[:-3])
        exp = open(base + '.expected', encoding='utf-8').read().splitlines()
        lines += len(exp)
        if os.path.exists(base + '.codecell.expected'):
            ours = open(base + '.codecell.expected', encoding='utf-8').read().splitlines()
            differ += sum(1 for l in difflib.ndiff(exp, ours) if l.startswith('- '))
    print('%d cases, %d lines of node output, %d of them differ (NAME.codecell.expected)' % (len(cases), lines, differ))


if __name__ == '__main__':
    if sys.argv[1:] == ['--stats']:
        stats()
        sys.exit(0)
    if '--codecell' in sys.argv and '--engine' not in sys.argv:
        sys.argv[1:1] = ['--engine', 'codecell']
    sys.exit(jsrun.main())
