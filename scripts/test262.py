#!/usr/bin/env python3
"""test262 conformance runner for codecell.

Reads tests in place from the test262 checkout (default ../shared/test262
beside the repo, or $TEST262_DIR), builds each program from its frontmatter
(harness assert.js + sta.js + includes [+ doneprintHandle.js for async]),
runs it through an engine and decides pass/fail as INTERPRETING.md says.

Engines:
  duk       Debian's `duk` CLI with guest/runtime/*.js loaded first (no
            compiler: measures the runtime library's built-ins on Duktape).
  codecell  `codecell run FILE`: the real pipeline (lowering compiler in
            front of Duktape, runtime prelude, sandbox).

Usage:
  scripts/test262.py --engine duk                      # full in-scope run, per-directory counts
  scripts/test262.py --engine duk built-ins/Promise    # only these paths (under test/)
  scripts/test262.py --engine duk --subset ci --check  # CI ratchet against the baseline
  scripts/test262.py --engine duk --update-baseline    # rewrite tests/test262/baseline-duk.txt

Scope is in tests/test262/scope.conf (see docs/CONFORMANCE.md). Each test runs
in one mode: strict if flagged onlyStrict, otherwise sloppy (the strict rerun
of default tests doubles the time for little signal on an ES5 engine; pass
--both-modes to run it).
"""
import argparse
import collections
import concurrent.futures
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CONF_DIR = os.path.join(ROOT, 'tests', 'test262')
# A correct test finishes in well under a second on Duktape; loops that
# never end (missing feature, hung promise) must not stall the run.
DEFAULT_TIMEOUT_S = 10

FRONTMATTER = re.compile(r'/\*---(.*?)---\*/', re.S)


def find_test262(arg):
    for d in (arg, os.environ.get('TEST262_DIR'), os.path.join(ROOT, '..', 'shared', 'test262'),
              '/work/shared/test262'):
        if d and os.path.isdir(os.path.join(d, 'harness')):
            return os.path.abspath(d)
    print('test262 checkout not found (use --test262 DIR or $TEST262_DIR): skipping')
    sys.exit(77)


def parse_scope(path):
    scope = {'include': [], 'exclude': [], 'features': set(), 'features_under': [], 'flags': set(),
             'source_under': [], 'ci_full': [], 'ci_ratio': 8}
    for raw in open(path):
        line = raw.split('#', 1)[0].strip()
        if not line:
            continue
        key, _, val = line.partition(' ')
        val = val.strip()
        if key == 'include':
            scope['include'].append(val)
        elif key == 'exclude':
            scope['exclude'].append(val)
        elif key == 'exclude-feature':
            # "exclude-feature NAME" everywhere, "exclude-feature NAME DIR" only under DIR.
            name, _, under = val.partition(' ')
            if under.strip():
                scope['features_under'].append((name, under.strip().rstrip('/') + '/'))
            else:
                scope['features'].add(val)
        elif key == 'exclude-flag':
            scope['flags'].add(val)
        elif key == 'exclude-source':
            # "exclude-source DIR REGEX": tests under DIR whose body (after
            # the frontmatter) matches REGEX; for what no feature tag names.
            under, _, rx = val.partition(' ')
            scope['source_under'].append((under.rstrip('/') + '/', re.compile(rx.strip())))
        elif key == 'ci-full':
            scope['ci_full'].append(val)
        elif key == 'ci-ratio':
            scope['ci_ratio'] = int(val)
        else:
            sys.exit('%s: unknown directive %r' % (path, key))
    return scope


def parse_list(val):
    val = val.strip()
    if val.startswith('['):
        return [x.strip().strip('\'"') for x in val.strip('[]').split(',') if x.strip()]
    return [val] if val else []


def parse_meta(src):
    """The YAML subset test262 frontmatter uses: flags, includes, features
    (flow or block lists) and negative: {phase, type}."""
    m = FRONTMATTER.search(src)
    meta = {'flags': [], 'includes': [], 'features': [], 'negative': None}
    if not m:
        return meta
    current = None
    for line in m.group(1).splitlines():
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        s = line.strip()
        if indent == 0:
            key, _, val = s.partition(':')
            current = key
            if key in ('flags', 'includes', 'features'):
                meta[key] = parse_list(val)
            elif key == 'negative':
                meta['negative'] = {}
        elif current == 'negative' and ':' in s:
            k, _, v = s.partition(':')
            meta['negative'][k.strip()] = v.strip()
        elif current in ('flags', 'includes', 'features') and s.startswith('- '):
            meta[current].append(s[2:].strip().strip('\'"'))
    return meta


def runtime_files():
    src = open(os.path.join(ROOT, 'guest', 'runtime', 'meson.build')).read()
    m = re.search(r"runtime_js\s*=\s*files\(([^)]*)\)", src, re.S)
    return [os.path.join(ROOT, 'guest', 'runtime', n) for n in re.findall(r"'([^']+\.js)'", m.group(1))]


CODECELL_PRINT = 'var print = function (s) { console.log(String(s)); };\n'

# The event loop a test needs after its body: drain jobs, run timers (the
# guest does this in C; under duk this file does it).
DUK_EPILOGUE = os.path.join(CONF_DIR, 'duk-epilogue.js')


class Runner:
    def __init__(self, args, t262):
        self.args = args
        self.t262 = t262
        self.harness = {}
        self.rt = runtime_files() if args.engine == 'duk' else []

    def harness_src(self, name):
        if name not in self.harness:
            with open(os.path.join(self.t262, 'harness', name), encoding='utf-8') as f:
                self.harness[name] = f.read()
        return self.harness[name]

    def build(self, rel, src, meta, strict):
        parts = []
        if strict:
            parts.append('"use strict";\n')
        if 'raw' not in meta['flags']:
            names = ['assert.js', 'sta.js']
            if 'async' in meta['flags']:
                names.append('doneprintHandle.js')
            names += [i for i in meta['includes'] if i not in names]
            for n in names:
                parts.append(self.harness_src(n))
                parts.append('\n')
        if self.args.engine == 'codecell' and 'raw' not in meta['flags']:
            # doneprintHandle.js reports through the shell's print(); the
            # guest has console.log only (its output goes to stderr).
            parts.append(CODECELL_PRINT)
        parts.append(src)
        if self.args.engine == 'codecell':
            # codecell calls a script whose completion value is a function
            # and awaits a thenable (docs/GUEST.md, code mode); a test's last
            # statement is not meant as a result.
            parts.append('\n;void 0;\n')
        return ''.join(parts)

    def run_one(self, rel):
        path = os.path.join(self.t262, 'test', rel)
        with open(path, encoding='utf-8', errors='surrogateescape') as f:
            src = f.read()
        meta = parse_meta(src)
        flags = meta['flags']
        modes = []
        if 'onlyStrict' in flags:
            modes = [True]
        elif 'noStrict' in flags or 'raw' in flags:
            modes = [False]
        else:
            modes = [False, True] if self.args.both_modes else [False]
        for strict in modes:
            ok, why = self.run_mode(rel, src, meta, strict)
            if not ok:
                return False, ('strict: ' if strict else '') + why
        return True, ''

    def run_mode(self, rel, src, meta, strict):
        prog = self.build(rel, src, meta, strict)
        fd, tmp = tempfile.mkstemp(suffix='.js', prefix='t262-')
        try:
            with os.fdopen(fd, 'w', encoding='utf-8', errors='surrogateescape') as f:
                f.write(prog)
            if self.args.engine == 'duk':
                cmd = ['duk'] + self.rt + [tmp, DUK_EPILOGUE]
            else:
                cmd = [self.args.codecell, 'run', tmp]
            try:
                p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   timeout=self.args.timeout)
            except subprocess.TimeoutExpired:
                return False, 'timeout'
            except OSError as e:  # binary being rebuilt, ...: one failure, not a crash
                return False, 'cannot run %s: %s' % (cmd[0], e)
            out = p.stdout.decode('utf-8', 'replace')
            err = p.stderr.decode('utf-8', 'replace')
            if self.args.engine == 'codecell':
                # `codecell run` prints console output on stderr and the
                # result JSON on stdout.
                out, err = err, err + out
        finally:
            os.unlink(tmp)
        return judge(meta, p.returncode, out, err)


ERROR_LINE = re.compile(r'^(?:Uncaught )?([A-Za-z]*Error|Test262Error)\b')


def error_type(out, err):
    for line in (err + '\n' + out).splitlines():
        m = ERROR_LINE.match(line.strip())
        if m:
            return m.group(1)
    return None


def judge(meta, rc, out, err):
    neg = meta['negative']
    if neg is not None:
        want = neg.get('type', '')
        if rc == 0:
            return False, 'expected %s (%s phase), ran to completion' % (want, neg.get('phase'))
        got = error_type(out, err)
        if got != want:
            return False, 'expected %s, got %s' % (want, got or 'exit %d' % rc)
        if neg.get('phase') in ('parse', 'early') and 'Test262: This statement should not be evaluated' in err + out:
            return False, 'expected an early %s, code was evaluated' % want
        return True, ''
    if rc != 0:
        lines = err.strip().splitlines()
        first = ([l for l in lines if l.startswith('Uncaught')] or lines or ['exit %d' % rc])[0]
        return False, first[:200]
    if 'async' in meta['flags']:
        if 'Test262:AsyncTestFailure' in out:
            line = [l for l in out.splitlines() if 'Test262:AsyncTestFailure' in l][0]
            return False, line[:200]
        if 'Test262:AsyncTestComplete' not in out:
            return False, 'async test never called $DONE'
    return True, ''


def in_scope(rel, meta, scope):
    if any(rel == e or rel.startswith(e.rstrip('/') + '/') for e in scope['exclude']):
        return False
    if scope['features'].intersection(meta['features']):
        return False
    for name, under in scope['features_under']:
        if name in meta['features'] and rel.startswith(under):
            return False
    if scope['flags'].intersection(meta['flags']):
        return False
    return True


def ci_selected(rel, scope):
    if any(rel.startswith(d.rstrip('/') + '/') for d in scope['ci_full']):
        return True
    return int(hashlib.sha1(rel.encode()).hexdigest(), 16) % scope['ci_ratio'] == 0


def collect(t262, scope, paths, subset):
    base = os.path.join(t262, 'test')
    roots = paths or scope['include']
    out = []
    for r in roots:
        full = os.path.join(base, r)
        if os.path.isfile(full):
            files = [full]
        else:
            files = []
            for d, dirs, fs in os.walk(full):
                dirs.sort()
                files += [os.path.join(d, f) for f in sorted(fs) if f.endswith('.js') and '_FIXTURE' not in f]
        for f in files:
            rel = os.path.relpath(f, base)
            if not any(rel == i or rel.startswith(i.rstrip('/') + '/') for i in scope['include']):
                continue
            with open(f, encoding='utf-8', errors='surrogateescape') as fh:
                text = fh.read()
            meta = parse_meta(text)
            if not in_scope(rel, meta, scope):
                continue
            if any(rel.startswith(under) and rx.search(text.split('---*/', 1)[-1])
                   for under, rx in scope['source_under']):
                continue
            if subset == 'ci' and not ci_selected(rel, scope):
                continue
            out.append(rel)
    return sorted(set(out))


def group_of(rel):
    parts = rel.split('/')
    depth = 3 if parts[0] == 'language' and len(parts) > 3 else 2
    return '/'.join(parts[:depth])


# Engines whose baseline is one file per top-level area
# (baseline-codecell-built-ins.txt, -language.txt, -intl402.txt), so each
# side can be updated independently.
SPLIT_BASELINE_ENGINES = ('codecell',)


def baseline_path(engine, area=None):
    if engine in SPLIT_BASELINE_ENGINES and area:
        return os.path.join(CONF_DIR, 'baseline-%s-%s.txt' % (engine, area))
    return os.path.join(CONF_DIR, 'baseline-%s.txt' % engine)


def area_of(rel):
    return rel.split('/', 1)[0]


def read_baseline_file(p):
    if not os.path.exists(p):
        return set()
    return set(l.strip() for l in open(p) if l.strip() and not l.startswith('#'))


def read_baseline(engine):
    if engine not in SPLIT_BASELINE_ENGINES:
        return read_baseline_file(baseline_path(engine))
    out = set()
    for area in ('built-ins', 'language', 'intl402'):
        out |= read_baseline_file(baseline_path(engine, area))
    return out


def write_baseline(engine, passing, areas):
    """areas: the top-level areas this run covered; a split baseline
    rewrites only those files."""
    if engine not in SPLIT_BASELINE_ENGINES:
        files = {baseline_path(engine): passing}
    else:
        files = {}
        for area in areas:
            files[baseline_path(engine, area)] = set(t for t in passing if area_of(t) == area)
    for path, tests in sorted(files.items()):
        with open(path, 'w') as f:
            f.write('# test262 tests passing with --engine %s (scripts/test262.py --update-baseline)\n' % engine)
            for t in sorted(tests):
                f.write(t + '\n')
        print('wrote %s (%d tests)' % (os.path.relpath(path, ROOT), len(tests)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--engine', choices=['duk', 'codecell'], default='duk')
    ap.add_argument('--codecell', help='codecell binary (engine codecell)')
    ap.add_argument('--test262', help='test262 checkout (default ../shared/test262)')
    ap.add_argument('-j', '--jobs', type=int, default=2)
    ap.add_argument('--timeout', type=float, default=DEFAULT_TIMEOUT_S)
    ap.add_argument('--subset', choices=['full', 'ci'], default='full')
    ap.add_argument('--check', action='store_true', help='fail if a baseline test now fails')
    ap.add_argument('--update-baseline', action='store_true')
    ap.add_argument('--both-modes', action='store_true', help='also run default tests in strict mode')
    ap.add_argument('--failures', action='store_true', help='print every failure with its reason')
    ap.add_argument('paths', nargs='*', help='directories or files under test/')
    args = ap.parse_args()

    if args.engine == 'duk' and not shutil.which('duk'):
        print('duk not installed: skipping')
        return 77
    if args.engine == 'codecell' and not (args.codecell and os.access(args.codecell, os.X_OK)):
        sys.exit('--engine codecell needs --codecell PATH')
    t262 = find_test262(args.test262)
    scope = parse_scope(os.path.join(CONF_DIR, 'scope.conf'))
    tests = collect(t262, scope, args.paths, args.subset)
    if args.engine == 'duk':
        # Intl lives in the guest's ICU natives; duk has none.
        tests = [t for t in tests if area_of(t) != 'intl402']
    baseline = read_baseline(args.engine)
    if args.check:
        # The ratchet only needs the tests that passed before.
        tests = [t for t in tests if t in baseline]
    runner = Runner(args, t262)
    t0 = time.time()
    results = {}
    took = {}

    def timed(t):
        start = time.monotonic()
        r = runner.run_one(t)
        took[t] = time.monotonic() - start
        return r

    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as ex:
        futs = {ex.submit(timed, t): t for t in tests}
        for fut in concurrent.futures.as_completed(futs):
            results[futs[fut]] = fut.result()
    if args.check:
        # A time limit is not what the ratchet checks: a baseline test that
        # ran out of time while the machine was loaded (the other suites run
        # beside this one) runs again alone with three times the limit; one
        # that gave a wrong answer is not run again.
        slow = [t for t in tests if results[t] == (False, 'timeout')]
        args.timeout *= 3  # the runner reads it from the same args
        for t in slow:
            results[t] = timed(t)
            print('timed out under load, then alone: %s %s (%.2fs)'
                  % (t, 'passed' if results[t][0] else 'failed: ' + results[t][1], took[t]))
    elapsed = time.time() - t0
    for t in sorted(took, key=took.get, reverse=True)[:5]:
        print('slowest: %.2fs %s' % (took[t], t))

    groups = collections.OrderedDict()
    for t in tests:
        g = groups.setdefault(group_of(t), [0, 0])
        g[0 if results[t][0] else 1] += 1
    print('%-58s %7s %7s' % ('directory', 'pass', 'fail'))
    for g, (p, f) in sorted(groups.items()):
        print('%-58s %7d %7d' % (g, p, f))
    npass = sum(1 for t in tests if results[t][0])
    print('%-58s %7d %7d   (%d tests, %.0fs, engine %s)' % ('TOTAL', npass, len(tests) - npass, len(tests), elapsed, args.engine))
    if args.failures:
        for t in tests:
            if not results[t][0]:
                print('FAIL %s: %s' % (t, results[t][1]))

    if args.update_baseline:
        if args.paths or args.subset != 'full':
            # Keep entries outside what was run.
            passing = set(t for t in baseline if t not in results)
        else:
            passing = set()
        passing |= set(t for t in tests if results[t][0])
        write_baseline(args.engine, passing, set(area_of(t) for t in tests))
    if args.check:
        regressed = [t for t in tests if not results[t][0]]
        for t in regressed:
            print('REGRESSION %s: %s' % (t, results[t][1]))
        if regressed:
            print('%d baseline test(s) now fail. Fix them, or if the change is intended run:\n'
                  '  scripts/test262.py --engine %s [PATHS] --update-baseline\n'
                  'and commit tests/test262/baseline-%s*.txt' % (len(regressed), args.engine, args.engine))
            return 1
        print('ratchet ok: %d baseline tests pass' % len(tests))
    return 0


if __name__ == '__main__':
    sys.exit(main())
