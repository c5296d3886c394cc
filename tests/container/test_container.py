#!/usr/bin/env python3
"""Container smoke suite: codecell inside its image under podman with the
flags of deploy/container/podman-run-flags (least privilege: nobody, no
capabilities, no_new_privs, read-only root, the runtime's default seccomp
profile). A host outside the container drives `codecell run --host` over
podman's stdin/stdout: tool calls, every limit, escape attempts, and the
result's account of what was enforced.

Then the seccomp profile deploy/seccomp/make-profile.py derives from a
runtime's default: against a Docker-like base (namespace calls gated on
CAP_SYS_ADMIN, clone3 answering ENOSYS, as Docker's and containerd's
defaults do) codecell fails with a message naming the fix; with the derived
profile it runs with every wall, the hostname included.

usage: test_container.py IMAGE [EXTRA_PODMAN_FLAG...]
EXTRA flags are this machine's quirks (scripts/test-package.sh says which)."""
import json
import os
import tempfile
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tap import done, ok, skip  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "integration"))
from harness import Host  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
FLAGS_FILE = os.path.join(HERE, "..", "..", "deploy", "container", "podman-run-flags")
MAKE_PROFILE = os.path.join(HERE, "..", "..", "deploy", "seccomp", "make-profile.py")
PODMAN_DEFAULT_PROFILE = "/usr/share/containers/seccomp.json"
STRICT = "under a Docker-like default the run fails naming the profile to use"
DERIVED = "with the derived profile every wall is up, the hostname included"
GATED = ["clone", "clone3", "unshare", "mount", "umount2", "pivot_root"]


def documented_flags():
    with open(FLAGS_FILE) as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


_runs = 0


class Run(Host):
    """One `codecell run --host` inside a fresh container.

    Named, and removed only after it ended and its log was read: Debian
    12's podman (4.3) now and then loses the whole output of a container
    that exits within milliseconds under load, whatever codecell build ran
    in it, from the attach but not from its log (docs/DEPLOY.md)."""

    def __init__(self, image, extra, code, run_args=(), namespaces=None):
        global _runs
        _runs += 1
        self.name = f"codecell-test-{os.getpid()}-{_runs}"
        self.received = 0  # messages read from podman's attach
        super().__init__(code, run_args, namespaces,
                         cmd=["podman", "run", "--name", self.name, "-i", "--pull=never", *documented_flags(), *extra,
                              image, "run", "--host"])

    def recv(self, timeout=30):
        m = super().recv(timeout)
        self.received += 1
        return m

    def serve(self, tools=None):
        """Answers tool calls until the result; returns (result, logs, calls)."""
        try:
            return self.answer_until_result(tools)
        except EOFError as e:
            # podman's own exit codes: 125 podman failed, 126/127 the
            # command could not be run. Any other early end is codecell's,
            # unless podman lost what codecell wrote (below).
            if self.rc in (125, 126, 127):
                raise RuntimeFailed(str(e)) from e
            logged = None if self.received else self.logged_stream()
            if logged is None:
                raise
            print("# podman's attach lost the container's whole output (exit "
                  f"{self.rc}); its log has it, from which this check goes on", flush=True)
            return logged
        finally:
            if self.p.poll() is None:
                self.p.kill()
                self.p.wait()
            subprocess.run(["podman", "rm", "-f", self.name], capture_output=True)

    def logged_stream(self):
        """(result, logs, calls) from what the container wrote to its
        stdout, as podman's log driver kept it, or None when that holds no
        result. podman 4.3's attach now and then loses the whole output of a
        container that ends within milliseconds under load, with or without
        --rm, while its log has every line: codecell wrote its result."""
        p = subprocess.run(["podman", "logs", self.name], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        logs, calls = [], []
        for line in p.stdout.decode("utf-8", "replace").splitlines():
            try:
                m = json.loads(line)
            except ValueError:
                return None
            if m.get("type") == "log":
                logs.append(m["message"])
            elif m.get("type") == "tool_call":
                calls.append(m)
            elif m.get("type") == "result":
                return m, logs, calls
        return None

    def answer_until_result(self, tools):
        logs, calls = [], []
        while True:
            m = self.recv(60)
            if m["type"] == "log":
                logs.append(m["message"])
            elif m["type"] == "tool_call":
                calls.append(m)
                fn = (tools or {}).get(m["name"])
                if fn:
                    self.send({"v": 1, "type": "tool_result", "id": m["id"], "ok": True, "value": fn(*m["args"])})
                else:
                    self.send({"v": 1, "type": "tool_result", "id": m["id"], "ok": False,
                               "error": {"message": "no such tool"}})
            elif m["type"] == "result":
                self.p.stdin.close()
                self.p.wait(timeout=60)
                return m, logs, calls


class RuntimeFailed(Exception):
    """The container runtime, not codecell, failed to run the container."""


def contained(image, extra, code, run_args=(), namespaces=None, tools=None):
    """One program in a fresh container: (result, logs, calls). A failure of
    podman itself is retried once, and said; codecell's own is not."""
    try:
        return Run(image, extra, code, run_args, namespaces).serve(tools)
    except RuntimeFailed as e:
        print(f"# podman failed, not codecell; once more: {e}", flush=True)
        return Run(image, extra, code, run_args, namespaces).serve(tools)


def check(name, fn):
    """Runs one check; an exception is that check's failure, with its
    reason, and the suite goes on to the next."""
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - reported, not swallowed
        ok(False, name, f"{type(e).__name__}: {e}")


def main():
    image, extra = sys.argv[1], sys.argv[2:]

    # Tool calls, in parallel, with logs.
    code = """async () => {
      const cities = ["Paris", "Oslo", "Lima"];
      const temps = await Promise.all(cities.map((city) => codemode.getWeather({ city })));
      console.log("fetched", temps.length);
      return Object.fromEntries(cities.map((c, i) => [c, temps[i].celsius]));
    }"""
    def tools_and_walls():
        res, logs, calls = contained(image, extra, code, namespaces={"codemode": ["getWeather"]},
                                     tools={"getWeather": lambda a: {"celsius": len(a["city"]) * 3}})
        ok(res["status"] == "ok" and res["value"] == {"Paris": 15, "Oslo": 12, "Lima": 12},
           "tool calls answered by a host outside the container", json.dumps(res))
        ok(len(calls) == 3 and logs == ["fetched 3"], "three tool calls and one log line",
           json.dumps([calls, logs]))
        enf = res.get("enforced", {})
        ok(enf.get("seccomp") and enf.get("no_new_privs") and enf.get("capabilities") == "none"
           and enf.get("empty_root") and len(enf.get("namespaces", [])) == 7,
           "every sandbox wall is up inside the container", json.dumps(enf))
        # The truth about what the container took away: no cgroup of our own
        # (the container's cgroup is not delegated), the userns limit on a
        # read-only /proc/sys.
        ok("nested-userns-limit-unavailable" in enf.get("degraded", []) and enf.get("cgroup") == "none",
           "the result names the walls the container took away", json.dumps(enf))
    check("tool calls, logs and walls inside the container", tools_and_walls)

    # Each limit ends the run with its own status.
    limits = [
        ("timeout", "while (true) {}", ["--timeout", "1s", "--cpu", "10s"]),
        ("cpu_limit", "while (true) {}", ["--timeout", "20s", "--cpu", "500ms"]),
        ("memory_limit", "const a = []; while (true) a.push('x'.repeat(1000) + a.length);", ["--heap", "32MiB"]),
        ("output_limit", "for (let i = 0; i < 1e5; i++) console.log('line', i);", ["--max-output", "4KiB"]),
        ("tool_call_limit", "async () => { for (let i = 0; i < 50; i++) await codemode.ping({}); }",
         ["--max-tool-calls", "5"]),
    ]
    for status, prog, args in limits:
        def limit(status=status, prog=prog, args=args):
            res, _, _ = contained(image, extra, prog, args, namespaces={"codemode": ["ping"]},
                                  tools={"ping": lambda a: 1})
            ok(res["status"] == status, f"limit: {status}", json.dumps(res)[:600])
        check(f"limit: {status}", limit)

    # Escape attempts from inside the guest: nothing of the host or the
    # container is reachable.
    probes = [
        ("the container's files are not readable",
         "async () => { try { return await fs.readFile('/etc/passwd', 'utf8'); } catch (e) { return 'denied:' + e.code; } }",
         lambda v: isinstance(v, str) and v.startswith("denied:")),
        ("the network is closed by default",
         "async () => { try { await fetch('http://10.0.2.2/'); return 'reached'; } catch (e) { return 'denied'; } }",
         lambda v: v == "denied"),
        ("no process or environment leaks",
         "typeof process === 'undefined' ? 'none' : JSON.stringify(process.env || {})",
         lambda v: v in ("none", "{}")),
    ]
    for name, prog, good in probes:
        def probe(name=name, prog=prog, good=good):
            res, _, _ = contained(image, extra, prog)
            ok(res["status"] == "ok" and good(res.get("value")), name, json.dumps(res)[:600])
        check(name, probe)

    seccomp_profiles(image, extra)

    done()


def dockerlike(base):
    """The runtime default with Docker's gates added: the namespace calls
    only for CAP_SYS_ADMIN, clone3 ENOSYS and the rest EPERM without it."""
    d = json.loads(json.dumps(base))
    for r in d["syscalls"]:
        if r["action"] == "SCMP_ACT_ALLOW" and not r.get("includes") and not r.get("args"):
            r["names"] = [n for n in r["names"] if n not in GATED]
    d["syscalls"] += [
        {"names": GATED, "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_ADMIN"]}},
        {"names": ["clone3"], "action": "SCMP_ACT_ERRNO", "errnoRet": 38, "excludes": {"caps": ["CAP_SYS_ADMIN"]}},
        {"names": [n for n in GATED if n != "clone3"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1,
         "excludes": {"caps": ["CAP_SYS_ADMIN"]}},
    ]
    return d


def seccomp_profiles(image, extra):
    if not os.path.exists(PODMAN_DEFAULT_PROFILE):
        skip("seccomp profiles", f"no runtime default profile at {PODMAN_DEFAULT_PROFILE}")
        return
    with open(PODMAN_DEFAULT_PROFILE) as f:
        base = json.load(f)
    with tempfile.TemporaryDirectory() as tmp:
        strict = os.path.join(tmp, "dockerlike.json")
        with open(strict, "w") as f:
            json.dump(dockerlike(base), f)
        derived = os.path.join(tmp, "codecell.json")
        with open(derived, "w") as f:
            p = subprocess.run([sys.executable, MAKE_PROFILE, strict], stdout=f, stderr=subprocess.PIPE)
        ok(p.returncode == 0, "make-profile.py derives a profile from a Docker-like default", p.stderr)

        def under_strict():
            res, _, _ = contained(image, extra + ["--security-opt", f"seccomp={strict}"], "1 + 1")
            msg = (res.get("error") or {}).get("message", "")
            ok(res["status"] == "sandbox_error" and "seccomp profile" in msg and "make-profile.py" in msg,
               STRICT, json.dumps(res)[:600])
        check(STRICT, under_strict)

        def under_derived():
            res, _, _ = contained(image, extra + ["--security-opt", f"seccomp={derived}"], "1 + 1")
            enf = res.get("enforced", {})
            ok(res["status"] == "ok" and res.get("value") == 2 and enf.get("seccomp")
               and "hostname-not-set" not in enf.get("degraded", []), DERIVED, json.dumps(res)[:600])
        check(DERIVED, under_derived)


if __name__ == "__main__":
    main()
