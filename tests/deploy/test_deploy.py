#!/usr/bin/env python3
"""Deployment: codecell where agents run it. The installed layout (meson
install into a fresh prefix, moved elsewhere, never reaching back into the
build tree), a container-like kernel view (clone3 hidden by a seccomp
profile, /proc/sys read-only) with the result saying what was enforced.

usage: test_deploy.py BUILD_DIR
Runs as root (mount namespaces for the read-only /proc/sys); as another user
those cases skip with the reason."""
import ctypes
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tap import done, ok, skip  # noqa: E402


def run_json(cmd, code="return 6 * 7", **kw):
    p = subprocess.run(cmd + ["run", "--json", "-"], input=code.encode(), capture_output=True,
                       timeout=60, **kw)
    try:
        return p.returncode, json.loads(p.stdout), p.stderr.decode(errors="replace")
    except ValueError:
        return p.returncode, None, p.stdout.decode(errors="replace") + p.stderr.decode(errors="replace")


def installed_layout(build):
    with tempfile.TemporaryDirectory() as tmp:
        dest = os.path.join(tmp, "dest")
        p = subprocess.run(["meson", "install", "-C", build, "--no-rebuild", "--quiet", "--destdir", dest],
                           capture_output=True, timeout=300)
        if not ok(p.returncode == 0, "meson install into a fresh prefix", p.stderr.decode(errors="replace")):
            return
        prefix = subprocess.run(["meson", "introspect", "--buildoptions", build], capture_output=True,
                                text=True).stdout
        prefix = next(o["value"] for o in json.loads(prefix) if o["name"] == "prefix")
        # Moved away from where it was installed: the binary finds its
        # guest relative to itself, not through a path compiled in.
        moved = os.path.join(tmp, "elsewhere")
        shutil.move(dest + prefix, moved)
        binary = os.path.join(moved, "bin", "codecell")
        guest = os.path.join(moved, "libexec", "codecell", "codecell-guest")
        ok(os.access(guest, os.X_OK), "the guest is installed in libexec/codecell")
        share = os.path.join(moved, "share")
        pages = ["man1/codecell.1", "man1/codecell-run.1", "man1/codecell-policy.1", "man1/codecell-mcp.1",
                 "man5/codecell-policy.5"]
        ok(all(os.path.isfile(os.path.join(share, "man", m)) for m in pages), "man pages codecell(1), -run(1), -policy(1, 5), -mcp(1)")
        if shutil.which("man"):
            bad = [m for m in pages if subprocess.run(["man", "-l", "-Tutf8", os.path.join(share, "man", m)],
                                                      capture_output=True).returncode != 0]
            ok(not bad, "the man pages render", bad)
        ok(os.path.isfile(os.path.join(share, "bash-completion", "completions", "codecell"))
           and os.path.isfile(os.path.join(share, "zsh", "vendor-completions", "_codecell")), "bash and zsh completions")
        policies = os.path.join(share, "codecell", "policy")
        ok(os.path.isfile(os.path.join(policies, "policy.schema.json")), "the policy JSON Schema")
        env = {k: v for k, v in os.environ.items() if k != "CODECELL_GUEST"}
        examples = sorted(f for f in os.listdir(policies) if f.endswith(".jsonc"))
        p = subprocess.run([binary, "policy", "check"] + [os.path.join(policies, f) for f in examples],
                           capture_output=True, text=True)
        ok(len(examples) == 3 and p.returncode == 0, "the installed example policies pass policy check", p.stderr)
        rc, res, err = run_json([binary], env=env)
        ok(rc == 0 and res and res["status"] == "ok" and res["value"] == 42,
           "the installed binary runs a program from a moved prefix", err)
        # The guest's heap image (guest/image.h) is installed beside it and
        # used from the moved prefix too.
        rc, res, err = run_json([binary], env=dict(env, CODECELL_TRACE="1"))
        ok(os.path.isfile(guest + ".image") and rc == 0 and "guest image-restored" in err,
           "the guest's heap image is installed beside it and used", err[-600:])
        # With its guest gone, the run fails naming the installed path; it
        # never falls back to the build tree's guest.
        os.unlink(guest)
        rc, res, err = run_json([binary], env=env)
        msg = res["error"]["message"] if res and res.get("error") else err
        named = msg.replace("/bin/../", "/")
        ok(res is not None and res["status"] == "sandbox_error" and guest in named and build not in msg,
           "without its guest the installed binary names the installed path", msg)


def seccomp_hide_clone3():
    """preexec_fn: a container-runtime-style filter answering clone3 with
    ENOSYS (Docker's default profile does this so libc falls back)."""
    lib = ctypes.CDLL("libseccomp.so.2", use_errno=True)
    lib.seccomp_init.restype = ctypes.c_void_p
    ctx = ctypes.c_void_p(lib.seccomp_init(ctypes.c_uint32(0x7fff0000)))  # SCMP_ACT_ALLOW
    nr = lib.seccomp_syscall_resolve_name(b"clone3")
    if lib.seccomp_rule_add(ctx, ctypes.c_uint32(0x00050000 | 38), nr, 0) != 0 or lib.seccomp_load(ctx) != 0:
        os._exit(99)


def clone3_hidden(codecell):
    # Baseline: does this kernel have clone3 at all? (With it absent the
    # fallback is all there is and the case below proves it anyway.)
    rc, res, err = run_json([codecell], preexec_fn=seccomp_hide_clone3)
    ok(rc == 0 and res and res["status"] == "ok" and res["value"] == 42,
       "clone3 hidden by a seccomp profile: the run falls back to clone and succeeds", err)
    if res:
        enf = res["enforced"]
        ok(enf["seccomp"] and enf["no_new_privs"] and enf["capabilities"] == "none" and enf["empty_root"]
           and len(enf["namespaces"]) == 7, "every wall still holds after the fallback", json.dumps(enf))


def proc_sys_readonly(codecell):
    if os.geteuid() != 0:
        skip("read-only /proc/sys", "needs root for a private mount namespace")
        return
    shell = f'mount -o bind,ro /proc/sys /proc/sys && exec "$0" run --json -'
    p = subprocess.run(["unshare", "-m", "--propagation", "private", "sh", "-c", shell, codecell],
                       input=b"return 6 * 7", capture_output=True, timeout=60)
    try:
        res = json.loads(p.stdout)
    except ValueError:
        res = None
    ok(p.returncode == 0 and res and res["status"] == "ok",
       "read-only /proc/sys (a container): the run succeeds", p.stdout + p.stderr)
    if res:
        ok("nested-userns-limit-unavailable" in res["enforced"]["degraded"],
           "and the result says the nested-userns limit was not set", json.dumps(res["enforced"]))
    # Baseline for the claim above: with /proc/sys writable the limit is set
    # where the kernel allows it (6.1 refuses it inside the namespace).
    rc, res, err = run_json([codecell])
    if res and "nested-userns-limit-unavailable" in res["enforced"]["degraded"]:
        skip("writable /proc/sys sets the nested-userns limit",
             "this kernel refuses the write inside the namespace (Linux 6.1 does)")
    else:
        ok(res is not None and res["status"] == "ok", "writable /proc/sys sets the nested-userns limit", err)


def main():
    build = os.path.abspath(sys.argv[1])
    codecell = os.path.join(build, "supervisor", "codecell")
    installed_layout(build)
    clone3_hidden(codecell)
    proc_sys_readonly(codecell)
    done()


if __name__ == "__main__":
    main()
