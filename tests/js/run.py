#!/usr/bin/env python3
"""Runs the runtime-library tests in tests/js/cases.

Each case NAME.js has NAME.expected: the stdout node v20 printed for it, plus a
final "[exit N]" line when node exited non-zero. Cases print only strings and
numbers (console.log formats objects differently per engine).

Where the guest differs from node by design, NAME.codecell.expected (written
by hand, with the reason in docs/RUNTIME.md) is what `--engine codecell` must
print instead; e.g. an unhandled rejection inside a timer does not end a run,
the guest lists it in the result (docs/GUEST.md, plain-script step 9).

  run.py                      run every case under `duk` with the runtime prepended
  run.py --engine codecell --codecell build/supervisor/codecell
                              run every case through `codecell run FILE`
  run.py --regen [CASE...]    regenerate expected output with node (needs node)

A case whose first line starts with "// codecell-only:" (and says why) tests
what codecell's patched Duktape does (guest/duk/patch-duktape.py) and
Debian's `duk` does not: the duk engine skips it.

Exit status: 0 all passed, 1 failures, 77 (meson "skip") when duk is missing.
"""
import argparse
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CASES = os.path.join(HERE, 'cases')
# Slow machines and 2 shared cores: generous, but a hung case must not hang CI.
TIMEOUT_S = 30


def meson_files(var):
    """A files() list of guest/runtime/meson.build, as paths, in order."""
    src = open(os.path.join(ROOT, 'guest', 'runtime', 'meson.build')).read()
    m = re.search(var + r"\s*=\s*files\(([^)]*)\)", src, re.S)
    names = re.findall(r"'([^']+\.js)'", m.group(1)) if m else []
    return [os.path.join(ROOT, 'guest', 'runtime', n) for n in names]


def runtime_files(tmp):
    """The runtime files in load order, then the lazy units, each wrapped to
    run as guest/lazyunit.c runs it: with `this` = __cc (under duk, the
    global one base.js made)."""
    files = meson_files('runtime_js')
    for path in meson_files('runtime_lazy_js'):
        wrapped = os.path.join(tmp, os.path.basename(path))
        with open(path) as src, open(wrapped, 'w') as out:
            out.write('(function () {\n' + src.read() + '\n}).call(__cc);\n')
        files.append(wrapped)
    return files


def normalise(stdout, rc):
    # The line naming this machine's missing sandbox walls (codecell's plain
    # mode) is about the host, not the program.
    out = ''.join(l for l in stdout.replace('\r\n', '\n').splitlines(True)
                  if not l.startswith('codecell: degraded sandbox:'))
    if out and not out.endswith('\n'):
        out += '\n'
    if rc != 0:
        out += '[exit %d]\n' % (1 if rc > 0 else rc)
    return out


def codecell_only(path):
    with open(path, encoding='utf-8') as f:
        return f.readline().startswith('// codecell-only:')


def run_case(args, path):
    if args.engine == 'duk' and codecell_only(path):
        return 'skip', ''
    if args.engine == 'duk':
        cmd = ['duk'] + args.runtime + [os.path.join(HERE, 'driver-pre.js'), path,
                                           os.path.join(HERE, 'driver-post.js')]
    else:
        cmd = [args.codecell, 'run'] + args.codecell_arg + [path]
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return None, 'timeout after %ds' % TIMEOUT_S
    out, err = p.stdout.decode('utf-8', 'replace'), p.stderr.decode('utf-8', 'replace')
    if args.engine == 'codecell':
        # `codecell run` prints console output on stderr and the program's
        # result value on stdout.
        out, err = err, out
    return normalise(out, p.returncode), err


def case_path(arg):
    """A case named on the command line: a path to a .js file, or a case
    name in tests/js/cases. Anything else is an error, so --regen never
    writes an .expected file beside a path that is not a case."""
    if arg.endswith('.js') and os.path.isfile(arg):
        return os.path.abspath(arg)
    path = os.path.join(CASES, arg + '.js')
    if not os.path.isfile(path):
        sys.exit('run.py: no case %s (neither a .js file nor %s)' % (arg, os.path.relpath(path, ROOT)))
    return path


def regen(names):
    if not shutil.which('node'):
        sys.exit('run.py --regen needs node')
    for path in names:
        p = subprocess.run(['node', path], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT_S)
        if p.returncode != 0 and not p.stdout:
            sys.exit('run.py: node failed on %s: %s' % (path, p.stderr.decode('utf-8', 'replace')))
        exp = normalise(p.stdout.decode('utf-8'), p.returncode)
        with open(path[:-3] + '.expected', 'w') as f:
            f.write(exp)
        print('wrote', os.path.relpath(path[:-3] + '.expected', ROOT))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--engine', choices=['duk', 'codecell'], default='duk')
    ap.add_argument('--codecell', help='path to the codecell binary (engine codecell)')
    ap.add_argument('--codecell-arg', action='append', default=[],
                    help='an option for `codecell run` (repeatable), e.g. --no-image')
    ap.add_argument('--regen', action='store_true')
    ap.add_argument('-j', type=int, default=2)
    ap.add_argument('cases', nargs='*')
    args = ap.parse_args()
    names = [case_path(c) for c in args.cases] or sorted(
        os.path.join(CASES, f) for f in os.listdir(CASES) if f.endswith('.js'))
    if args.regen:
        regen(names)
        return 0
    if args.engine == 'duk' and not shutil.which('duk'):
        print('1..0 # SKIP duk not installed')
        return 77
    if args.engine == 'codecell' and not (args.codecell and os.access(args.codecell, os.X_OK)):
        sys.exit('--engine codecell needs --codecell PATH')
    print('1..%d' % len(names))
    failed = 0
    with tempfile.TemporaryDirectory() as tmp, concurrent.futures.ThreadPoolExecutor(max_workers=args.j) as ex:
        args.runtime = runtime_files(tmp) if args.engine == 'duk' else []
        results = list(ex.map(lambda n: run_case(args, n), names))
    for i, (path, (got, err)) in enumerate(zip(names, results), 1):
        name = os.path.basename(path)[:-3]
        exp_path = path[:-3] + '.expected'
        if args.engine == 'codecell' and os.path.exists(path[:-3] + '.codecell.expected'):
            exp_path = path[:-3] + '.codecell.expected'
        exp = open(exp_path).read() if os.path.exists(exp_path) else None
        if got == 'skip':
            print('ok %d - %s # SKIP codecell-only' % (i, name))
            continue
        if got is not None and got == exp:
            print('ok %d - %s' % (i, name))
            continue
        failed += 1
        print('not ok %d - %s' % (i, name))
        if exp is None:
            print('# missing %s (run.py --regen)' % os.path.relpath(exp_path, ROOT))
        elif got is None:
            print('# ' + err)
        else:
            import difflib
            for line in difflib.unified_diff(exp.splitlines(), got.splitlines(), 'expected (node)', 'got', lineterm='', n=2):
                print('# ' + line)
            for line in err.splitlines()[:10]:
                print('# stderr: ' + line)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
