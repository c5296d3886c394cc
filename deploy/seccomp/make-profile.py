#!/usr/bin/env python3
"""Derives the container seccomp profile codecell needs from a runtime's own
default profile (OCI/moby JSON: podman's /usr/share/containers/seccomp.json,
Docker's and containerd's default.json), changing only what codecell needs.

codecell builds each run's sandbox itself: it clones into new user, pid,
mount, net, ipc, uts and cgroup namespaces, mounts an empty root and
pivot_roots into it, and sets the sandbox's hostname. Runtime defaults allow
those calls only to a container holding CAP_SYS_ADMIN (and Docker's answers
clone3 with ENOSYS); codecell's container holds no capability at all. So
exactly these calls become allowed unconditionally, everything else in the
base profile stays as it was:

  clone, clone3, unshare     new namespaces (the kernel still requires the
                             user namespace first: no capability is gained)
  mount, umount2, pivot_root the sandbox's empty root, inside its own mount
                             and user namespace
  sethostname                the fixed hostname of the sandbox's own UTS
                             namespace

The guest never gets these: codecell's own seccomp filter, stacked on top
of this profile inside the sandbox, kills every one of them.

usage: make-profile.py BASE.json > codecell-seccomp.json
"""
import json
import sys

NEEDED = ["clone", "clone3", "unshare", "mount", "umount2", "pivot_root", "sethostname"]


def relax(profile):
    out = dict(profile)
    rules = []
    for rule in profile.get("syscalls", []):
        names = [n for n in rule.get("names", []) if n not in NEEDED]
        if not names:
            continue
        rules.append(dict(rule, names=names))
    rules.append({"names": NEEDED, "action": "SCMP_ACT_ALLOW", "args": [],
                  "comment": "codecell: builds each run's sandbox in new namespaces (deploy/seccomp/make-profile.py)"})
    out["syscalls"] = rules
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip().splitlines()[-1])
    with open(sys.argv[1]) as f:
        base = json.load(f)
    if "syscalls" not in base or "defaultAction" not in base:
        sys.exit(f"{sys.argv[1]}: not a seccomp profile (no defaultAction/syscalls)")
    json.dump(relax(base), sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
