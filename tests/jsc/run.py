#!/usr/bin/env python3
"""Tests of the jsc lowering compiler (guest/compiler).

golden/NAME.js|ts  + NAME.out       jsc-cli output (lowered ES5, or the
                                    SyntaxError line) must match NAME.out.
e2e/NAME.js|ts     + NAME.expected  the program compiled by jsc-cli, run under
                                    `duk` with the runtime library
                                    (guest/runtime, meson.build order) and the
                                    compiler runtime (guest/compiler/rt), must
                                    print what node v20 printed for the source
                                    (plus "[exit N]" when node exited non-zero).

  run.py --jsc build/guest/compiler/jsc-cli golden
  run.py --jsc ... e2e [CASE...]
  run.py --jsc ... e2e --engine codecell --codecell build/supervisor/codecell
  run.py --jsc ... golden --regen [CASE...]   rewrite NAME.out (no node needed)
  run.py --jsc ... e2e --regen [CASE...]      rewrite NAME.expected with node;
        a .ts case is first type-erased by `jsc-cli --no-lower` (node 20 has
        no type stripping), so node runs the unlowered ES2023.

Exit status: 0 all passed, 1 failures, 77 (meson "skip") when duk is missing.
Output is TAP.
"""
import argparse
import concurrent.futures
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
# 2 shared cores and slow CI: generous, but a hung case must not hang CI.
TIMEOUT_S = 30


def meson_list(path, var):
    """The files of `var = files(...)` in a meson.build, in order."""
    src = open(path).read()
    m = re.search(var + r"\s*=\s*files\(([^)]*)\)", src, re.S)
    names = re.findall(r"'([^']+\.js)'", m.group(1)) if m else []
    return [os.path.join(os.path.dirname(path), n) for n in names]


def prelude_files():
    return (meson_list(os.path.join(ROOT, 'guest', 'runtime', 'meson.build'), 'runtime_js') +
            meson_list(os.path.join(ROOT, 'guest', 'compiler', 'meson.build'), 'jsc_runtime_js'))


def normalise(stdout, rc):
    out = stdout.replace('\r\n', '\n')
    if out and not out.endswith('\n'):
        out += '\n'
    if rc != 0:
        out += '[exit %d]\n' % (1 if rc > 0 else rc)
    return out


def case_path(kind, arg):
    """A case named on the command line: a path to a .js/.ts file, or a case
    name in tests/jsc/KIND. Anything else is an error, so --regen never
    writes an .expected or .out file beside a path that is not a case."""
    if arg.endswith(('.js', '.ts')) and os.path.isfile(arg):
        return os.path.abspath(arg)
    for ext in ('.js', '.ts'):
        path = os.path.join(HERE, kind, arg + ext)
        if os.path.isfile(path):
            return path
    sys.exit('run.py: no %s case %s (neither a .js/.ts file nor in %s)' % (kind, arg, os.path.join(HERE, kind)))


def cases(kind, given):
    if given:
        return [case_path(kind, c) for c in given]
    d = os.path.join(HERE, kind)
    return sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(('.js', '.ts')))


def jsc(args, path, *flags):
    p = subprocess.run([args.jsc] + list(flags) + [path], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=TIMEOUT_S)
    return p.returncode, p.stdout.decode('utf-8', 'replace'), p.stderr.decode('utf-8', 'replace')


def golden_output(args, path):
    rc, out, err = jsc(args, path)
    if rc != 0:
        # the error line names the file: keep only its base name
        return err.replace(path, os.path.basename(path))
    return out if out.endswith('\n') else out + '\n'


def run_e2e(args, path):
    if args.engine == 'codecell':
        cmd = [args.codecell, 'run', path]
        try:
            p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            return None, 'timeout after %ds' % TIMEOUT_S
        # `codecell run` prints the program's console output on stderr and
        # its result on stdout: the console output is what node printed.
        # The supervisor's own note about this host's sandbox (a hybrid
        # cgroup tree) is not the program's output.
        err = ''.join(l for l in p.stderr.decode('utf-8', 'replace').splitlines(True)
                      if not l.startswith('codecell: degraded sandbox:'))
        return normalise(err, p.returncode), p.stdout.decode('utf-8', 'replace')
    rc, code, err = jsc(args, path)
    if rc != 0:
        return None, 'jsc-cli failed: ' + err.strip()
    with tempfile.NamedTemporaryFile('w', suffix='.js', delete=False) as f:
        f.write(code)
        tmp = f.name
    try:
        cmd = ['duk'] + prelude_files() + [os.path.join(ROOT, 'tests', 'js', 'driver-pre.js'), tmp,
                                           os.path.join(ROOT, 'tests', 'js', 'driver-post.js')]
        try:
            p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            return None, 'timeout after %ds' % TIMEOUT_S
        return normalise(p.stdout.decode('utf-8', 'replace'), p.returncode), p.stderr.decode('utf-8', 'replace')
    finally:
        os.unlink(tmp)


def regen(args, names):
    for path in names:
        base = os.path.splitext(path)[0]
        if args.kind == 'golden':
            with open(base + '.out', 'w') as f:
                f.write(golden_output(args, path))
            print('wrote', os.path.relpath(base + '.out', ROOT))
            continue
        if not shutil.which('node'):
            sys.exit('run.py e2e --regen needs node')
        src = path
        tmp = None
        if path.endswith('.ts'):
            rc, code, err = jsc(args, path, '--no-lower')
            if rc != 0:
                sys.exit('jsc-cli --no-lower %s: %s' % (path, err))
            with tempfile.NamedTemporaryFile('w', suffix='.js', delete=False) as f:
                f.write(code)
                tmp = src = f.name
        p = subprocess.run(['node', src], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT_S)
        if tmp:
            os.unlink(tmp)
        with open(base + '.expected', 'w') as f:
            f.write(normalise(p.stdout.decode('utf-8'), p.returncode))
        print('wrote', os.path.relpath(base + '.expected', ROOT))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('kind', choices=['golden', 'e2e'])
    ap.add_argument('--jsc', required=True, help='path to jsc-cli')
    ap.add_argument('--engine', choices=['duk', 'codecell'], default='duk')
    ap.add_argument('--codecell', help='path to the codecell binary (engine codecell)')
    ap.add_argument('--regen', action='store_true')
    ap.add_argument('-j', type=int, default=2)
    ap.add_argument('cases', nargs='*')
    args = ap.parse_intermixed_args()
    names = cases(args.kind, args.cases)
    if args.regen:
        regen(args, names)
        return 0
    if args.kind == 'e2e' and args.engine == 'duk' and not shutil.which('duk'):
        print('1..0 # SKIP duk not installed')
        return 77
    print('1..%d' % len(names))
    if args.kind == 'golden':
        fn = lambda n: (golden_output(args, n), '')
        ext = '.out'
    else:
        fn = lambda n: run_e2e(args, n)
        ext = '.expected'
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.j) as ex:
        results = list(ex.map(fn, names))
    failed = 0
    for i, (path, (got, err)) in enumerate(zip(names, results), 1):
        name = os.path.basename(path)
        exp_path = os.path.splitext(path)[0] + ext
        exp = open(exp_path).read() if os.path.exists(exp_path) else None
        if got is not None and got == exp:
            print('ok %d - %s' % (i, name))
            continue
        failed += 1
        print('not ok %d - %s' % (i, name))
        if exp is None:
            print('# missing %s (run.py %s --regen)' % (os.path.relpath(exp_path, ROOT), args.kind))
        elif got is None:
            print('# ' + err)
        else:
            for line in difflib.unified_diff(exp.splitlines(), got.splitlines(), 'expected', 'got', lineterm='', n=2):
                print('# ' + line)
            for line in err.splitlines()[:10]:
                print('# stderr: ' + line)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
