#!/usr/bin/env python3
"""The command line as a user meets it: help and version everywhere, the
program from stdin when piped, compact JSON by default and node's
JSON.stringify(v, null, 2) layout with --pretty (node is the oracle), null for
an undefined result, the degraded-walls line, --require failing closed, and
the shell completions offering exactly the options --help lists.

usage: test_cli.py CODECELL SOURCE_ROOT"""
import json
import os
import random
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tap import done, ok, skip  # noqa: E402


def run(cmd, stdin=b"", **kw):
    p = subprocess.run(cmd, input=stdin, capture_output=True, timeout=60, **kw)
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


def rand_value(rng, depth=0):
    k = rng.randrange(8 if depth < 3 else 5)
    if k == 0:
        return rng.choice([0, -1, 1.5, 1e21, 0.1 + 0.2, 2 ** 53 + 2, -1e-7, 123456789])
    if k == 1:
        return "".join(rng.choice("ab\"\\:,{}[] é\n\t😀") for _ in range(rng.randrange(6)))
    if k == 2:
        return rng.choice([True, False, None])
    if k == 3:
        return []
    if k == 4:
        return {}
    if k in (5, 6):
        return [rand_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    return {f"k{i}": rand_value(rng, depth + 1) for i in range(rng.randrange(4))}


def main():
    codecell, root = sys.argv[1], sys.argv[2]

    rc, out, _ = run([codecell, "-V"])
    ok(rc == 0 and re.match(r"codecell \S+ \(host protocol v1\)\n$", out), "codecell -V", out)
    rc, out2, _ = run([codecell, "--version"])
    ok(rc == 0 and out2 == out, "codecell --version", out2)
    for argv in ([codecell, "-h"], [codecell, "--help"], [codecell, "run", "-h"], [codecell, "run", "--help"],
                 [codecell, "policy", "check", "--help"], [codecell, "policy", "-h"]):
        rc, out, err = run(argv)
        ok(rc == 0 and "usage: codecell" in out and not err, " ".join(argv[1:]) + " prints help", out + err)

    rc, out, err = run([codecell, "run"], stdin=b"1 + 1")
    ok(rc == 0 and out == "2\n", "a piped program runs without '-'", out + err)
    rc, out, err = run([codecell, "run", "-"], stdin=b"")
    ok(rc == 0 and out == "null\n", "an empty program prints null", out + err)
    rc, out, err = run([codecell, "run", "-"], stdin=b"undefined")
    ok(rc == 0 and out == "null\n", "an undefined result prints null (valid JSON)", out + err)

    # Compact by default, node's indented layout with --pretty, every
    # number and string exactly as node's JSON.stringify gives it.
    node = shutil.which("node")
    rng = random.Random(7)
    values = [rand_value(rng) for _ in range(25)]
    src = "return JSON.parse(" + json.dumps(json.dumps(values)) + ")"
    rc, compact, err = run([codecell, "run", "-"], stdin=src.encode())
    rc2, pretty, err2 = run([codecell, "run", "--pretty", "-"], stdin=src.encode())
    if node:
        want = subprocess.run([node, "-e", f"const v = JSON.parse({json.dumps(json.dumps(values))});"
                               "process.stdout.write(JSON.stringify(v) + '\\n' + JSON.stringify(v, null, 2) + '\\n')"],
                              capture_output=True, text=True).stdout
        wc, wp = want.split("\n", 1)
        ok(rc == 0 and compact == wc + "\n", "default output is JSON.stringify(v)", compact[:300] + err)
        ok(rc2 == 0 and pretty == wp, "--pretty is JSON.stringify(v, null, 2)", pretty[:300] + err2)
    else:
        ok(False, "node is needed as the oracle for the output format")

    # The degraded line appears exactly when the result lists degraded walls.
    rc, out, err = run([codecell, "run", "--json", "-"], stdin=b"1")
    degraded = json.loads(out)["enforced"]["degraded"]
    rc, out, err = run([codecell, "run", "-"], stdin=b"1")
    line = [l for l in err.splitlines() if l.startswith("codecell: degraded sandbox:")]
    if degraded:
        ok(len(line) == 1 and all(d in line[0] for d in degraded), "plain mode names each missing wall", err)
        rc, out, err = run([codecell, "run", "--require", "all", "-"], stdin=b"1")
        ok(rc == 4 and "required sandbox wall is missing" in err and out == "",
           "--require all fails closed here, the program not run", out + err)
    else:
        ok(not line, "no degraded line when every wall holds", err)
        rc, out, err = run([codecell, "run", "--require", "all", "-"], stdin=b"1")
        ok(rc == 0 and out == "1\n", "--require all runs when every wall holds", out + err)
    rc, out, err = run([codecell, "run", "--require", "hostnme", "-"], stdin=b"1")
    ok(rc == 2 and "--require takes" in err, "an unknown --require wall is a usage error", err)

    # Shell completions offer exactly the options --help lists.
    rc, helptext, _ = run([codecell, "run", "--help"])
    run_help = set(re.findall(r"^\s+(?:-h, )?(--[a-z-]+)", helptext.split("testing only:")[0], re.M))
    with open(os.path.join(root, "completions", "codecell.bash")) as f:
        bash = f.read()
    bash_opts = set(re.search(r'run_opts="([^"]*)"', bash, re.S).group(1).split())
    ok(bash_opts == run_help, "bash completion offers the options of run --help",
       f"missing {sorted(run_help - bash_opts)}, extra {sorted(bash_opts - run_help)}")
    with open(os.path.join(root, "completions", "_codecell")) as f:
        zsh = f.read()
    zsh_opts = set(re.findall(r"'(--[a-z-]+)\[", zsh.split("_codecell() {")[0]))
    zsh_opts |= {"--help"} if "--help}'[print the options]" in zsh else set()
    ok(zsh_opts == run_help, "zsh completion offers the options of run --help",
       f"missing {sorted(run_help - zsh_opts)}, extra {sorted(zsh_opts - run_help)}")
    bc = "/usr/share/bash-completion/bash_completion"
    if os.path.exists(bc):
        script = (f"source {bc}; source {root}/completions/codecell.bash; COMP_WORDS=(codecell run --pre); "
                  "COMP_CWORD=2; COMP_LINE='codecell run --pre'; COMP_POINT=${#COMP_LINE}; _codecell; "
                  "echo ${COMPREPLY[@]}")
        rc, out, err = run(["bash", "-c", script])
        ok(out.split() == ["--pretty"], "bash completes 'codecell run --pre' to --pretty", out + err)
    done()


if __name__ == "__main__":
    main()
