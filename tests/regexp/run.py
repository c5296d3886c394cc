#!/usr/bin/env python3
"""Runs the RegExp corpus (tests/regexp/corpus/*.js) through `codecell run`
and compares each program's console output, line by line, with what node 20
printed (corpus/NAME.expected, committed; regenerate with --regen).

  run.py --codecell build/supervisor/codecell   compare; print agreement
  run.py --regen                                rewrite *.expected with node

Prints "agreement: N of M lines" and a closing "N passed, N failed" line
(one per program); exit 1 if any line differs.
"""
import argparse
import difflib
import glob
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, 'corpus')
TIMEOUT_S = 60


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--codecell')
    ap.add_argument('--regen', action='store_true')
    args = ap.parse_args()
    progs = sorted(glob.glob(os.path.join(CORPUS, '*.js')))
    if args.regen:
        for p in progs:
            out = subprocess.run(['node', p], stdout=subprocess.PIPE, check=True, timeout=TIMEOUT_S).stdout
            with open(p[:-3] + '.expected', 'wb') as f:
                f.write(out)
        return 0
    if not args.codecell:
        ap.error('--codecell is required')
    agree = total = passed = failed = 0
    for p in progs:
        name = os.path.basename(p)
        with open(p[:-3] + '.expected', encoding='utf-8') as f:
            want = f.read().splitlines()
        r = subprocess.run([args.codecell, 'run', p], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=TIMEOUT_S)
        # Console output is on stderr under codecell (docs/GUEST.md); the
        # line naming this machine's missing sandbox walls is not the program's.
        got = [l for l in r.stderr.decode('utf-8', 'replace').splitlines()
               if not l.startswith('codecell: degraded sandbox:')]
        same = sum(1 for a, b in zip(got, want) if a == b)
        agree += same
        total += max(len(want), len(got))
        if got == want and r.returncode == 0:
            passed += 1
            print('ok - %s (%d lines)' % (name, len(want)))
        else:
            failed += 1
            print('not ok - %s (%d of %d lines agree, exit %d)' % (name, same, max(len(want), len(got)),
                                                                  r.returncode))
            for line in list(difflib.unified_diff(want, got, 'node', 'codecell', lineterm='', n=0))[:12]:
                print('# ' + line[:300])
    print('agreement: %d of %d lines (%.1f%%)' % (agree, total, 100.0 * agree / max(total, 1)))
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
