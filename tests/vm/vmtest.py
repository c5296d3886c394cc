#!/usr/bin/env python3
"""vmtest: boots the distribution kernel under qemu TCG with a throwaway
initramfs (busybox-static + the given binaries), runs commands as the guest's
root on a cgroup2-only hierarchy, and forwards their TAP as one TAP stream.
Runs on: the test host. Input: binaries and commands from tests/vm/meson.build.

Adding a binary or a command is one argument each:
  --bin PATH          copy to /bin/<name> (dynamic: libs from ldd come along)
  --bin-same PATH     copy to the same absolute path in the guest
  --file HOST:GUEST   copy a data file
  --run CMD           run CMD with /bin/sh; TAP lines it prints are forwarded,
                      and its exit status becomes one more test
Slow work (vmlinux extraction, ~2 s) is cached under --cache.
"""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

# Boot parameters (research/probes.md §4): microvm + PVH vmlinux boots in
# ~3 s; without tsc_early_khz/lpj the TSC calibration against the PIT hangs
# about half the boots under TCG. loglevel=1 keeps kernel messages (OOM
# reports) from interleaving with the guest's TAP on the serial console.
BASE_APPEND = "console=ttyS0 quiet loglevel=1 panic=-1 tsc=reliable"
XZ, ZSTD, GZIP = b"\xfd7zXZ\x00", b"\x28\xb5\x2f\xfd", b"\x1f\x8b\x08\x00"

TAP_RE = re.compile(r"^(ok|not ok)\b(?:\s+\d+)?(?:\s+-)?\s*(.*)$")


def bail_skip(reason):
    if os.environ.get("CODECELL_MUST_WORK") == "1":
        print("1..1")
        print(f"not ok 1 - required but unavailable: {reason}")
        sys.exit(1)
    print(f"1..0 # SKIP {reason}")
    sys.exit(0)


def kernel_version_key(path):
    v = os.path.basename(path).split("-", 1)[-1]
    return [int(x) if x.isdigit() else x for x in re.split(r"[.-]", v)]


def find_kernel():
    k = os.environ.get("CODECELL_VM_KERNEL")
    if k:
        return k
    ks = sorted(glob.glob("/boot/vmlinuz-*"), key=kernel_version_key)
    return ks[-1] if ks else None


def extract_vmlinux(vmlinuz, cache):
    """The uncompressed ELF (with its PVH note) from a bzImage, cached."""
    out = os.path.join(cache, "vmlinux-" + os.path.basename(vmlinuz).replace("vmlinuz-", ""))
    if os.path.exists(out) and os.path.getmtime(out) >= os.path.getmtime(vmlinuz):
        return out
    with open(vmlinuz, "rb") as f:
        data = f.read()
    for magic, cmd in ((XZ, ["xz", "-dc"]), (ZSTD, ["zstd", "-dcq"]), (GZIP, ["gzip", "-dc"])):
        if not shutil.which(cmd[0]):
            continue
        off = data.find(magic)
        while off >= 0:
            # Trailing bytes after the stream make the decompressor complain;
            # like the kernel's extract-vmlinux, judge by the output instead.
            p = subprocess.run(cmd, input=data[off:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            if p.stdout[:4] == b"\x7fELF" and len(p.stdout) > (1 << 20):
                tmp = out + f".tmp{os.getpid()}"
                with open(tmp, "wb") as f:
                    f.write(p.stdout)
                os.rename(tmp, out)  # atomic: parallel tests may race here
                return out
            off = data.find(magic, off + 1)
    return None


def host_tsc_khz():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("cpu MHz"):
                    return int(float(line.split(":")[1]) * 1000)
    except OSError:
        pass
    return None


def ldd_libs(path):
    """Absolute paths of the shared objects a dynamic binary needs ([] if static)."""
    p = subprocess.run(["ldd", path], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    libs = []
    for line in p.stdout.splitlines():
        m = re.search(r"(/\S+)\s+\(0x", line)
        if m:
            libs.append(m.group(1))
    return libs


def put(stage, host, guest):
    dst = os.path.join(stage, guest.lstrip("/"))
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    shutil.copy2(host, dst)


def put_binary(stage, host, guest):
    put(stage, host, guest)
    os.chmod(os.path.join(stage, guest.lstrip("/")), 0o755)
    for lib in ldd_libs(host):
        put(stage, os.path.realpath(lib), lib)


def build_initramfs(args, out):
    busybox = shutil.which("busybox") or "/bin/busybox"
    stage = tempfile.mkdtemp(prefix="initramfs-", dir=args.cache)
    # mkdtemp makes 0700, and cpio carries the mode of "." to the guest's "/":
    # unprivileged ids (the sandbox's, mapped to 65534) could not traverse it.
    os.chmod(stage, 0o755)
    try:
        for d in ("bin", "dev", "proc", "sys", "tmp", "run"):
            os.makedirs(os.path.join(stage, d), exist_ok=True)
        put(stage, busybox, "/bin/busybox")
        if ldd_libs(busybox):
            raise RuntimeError(f"{busybox} is not static (install busybox-static)")
        for b in args.bin:
            put_binary(stage, b, "/bin/" + os.path.basename(b))
        for b in args.bin_same:
            put_binary(stage, b, os.path.abspath(b))
        for spec in args.file:
            host, guest = spec.split(":", 1)
            put(stage, host, guest)
        lines = [
            "#!/bin/busybox sh",
            # pivot_root(2) refuses the initramfs rootfs (EINVAL), and the
            # sandbox pivots: move everything onto a tmpfs root first.
            "if [ ! -e /.real-root ]; then",
            "  /bin/busybox mkdir -p /newroot",
            "  /bin/busybox mount -t tmpfs -o mode=0755 root /newroot",
            "  for e in /*; do [ \"$e\" = /newroot ] || /bin/busybox cp -a \"$e\" /newroot/; done",
            "  /bin/busybox touch /newroot/.real-root",
            "  exec /bin/busybox switch_root /newroot /init",
            "fi",
            "/bin/busybox --install -s /bin",
            "export PATH=/bin:/sbin:/usr/bin",
            "mount -t proc proc /proc",
            "mount -t sysfs sys /sys",
            "mount -t devtmpfs dev /dev",
            # no tmpfs on /tmp: the root is a tmpfs already, and --bin-same
            # binaries may live under /tmp (a build tree in /tmp).
            "mkdir -p /tmp",
            # cgroup2 only: every controller lands on the unified hierarchy
            "mount -t cgroup2 cgroup2 /sys/fs/cgroup || echo '@@NOCGROUP2'",
            "echo \"@@BOOTED $(uname -r) $(cat /sys/fs/cgroup/cgroup.controllers)\"",
        ]
        for i, cmd in enumerate(args.run, 1):
            lines += [f"echo '@@RUN {i}'", f"( {cmd} ) </dev/null 2>&1", f"echo \"@@EXIT {i} $?\""]
        lines += ["echo '@@DONE'", "poweroff -f"]
        init = os.path.join(stage, "init")
        with open(init, "w") as f:
            f.write("\n".join(lines) + "\n")
        os.chmod(init, 0o755)
        files = subprocess.run(["find", "."], cwd=stage, stdout=subprocess.PIPE, check=True).stdout
        cpio = subprocess.run(["cpio", "-o", "-H", "newc", "-R", "+0:+0", "--quiet"], cwd=stage, input=files,
                              stdout=subprocess.PIPE, check=True).stdout
        gz = subprocess.run(["gzip", "-1"], input=cpio, stdout=subprocess.PIPE, check=True).stdout
        with open(out, "wb") as f:
            f.write(gz)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def qemu_cmd(args, kernel, microvm, initrd):
    append = BASE_APPEND
    khz = host_tsc_khz()
    if khz:
        # TCG's guest TSC runs at the host TSC rate; lpj = khz * 1000 / HZ(250)
        append += f" tsc_early_khz={khz} lpj={khz * 4}"
    machine = ["-M", "microvm,isa-serial=on,rtc=on"] if microvm else ["-M", "pc"]
    return (["qemu-system-x86_64", "-accel", "tcg"] + machine +
            ["-no-user-config", "-nodefaults", "-display", "none", "-serial", "stdio",
             "-m", str(args.mem), "-smp", "1", "-kernel", kernel, "-initrd", initrd,
             "-append", append, "-no-reboot"])


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, desc):
        self.n += 1
        if not cond:
            self.failed += 1
        print(f"{'ok' if cond else 'not ok'} {self.n} - {desc}", flush=True)


def forward(out, args, tap):
    """Turns the console transcript into TAP; returns nothing, counts failures."""
    lines = [l.rstrip("\r") for l in out.splitlines()]
    booted = [l for l in lines if l.startswith("@@BOOTED")]
    tap.ok(bool(booted), "guest kernel booted" + (f": {booted[0][9:]}" if booted else ""))
    if not booted:
        for l in lines[-40:]:
            print(f"# console: {l}")
        return
    tap.ok("@@NOCGROUP2" not in lines, "cgroup2 mounted at /sys/fs/cgroup")
    cur, results, plan, seen_exit = None, 0, None, {}
    for l in lines:
        m = re.match(r"^@@RUN (\d+)$", l)
        if m:
            cur, results, plan = int(m.group(1)), 0, None
            continue
        m = re.match(r"^@@EXIT (\d+) (\d+)$", l)
        if m and cur == int(m.group(1)):
            label = args.run[cur - 1]
            if plan is not None:
                tap.ok(plan == results, f"[{label}] ran its plan of {plan} (saw {results})")
            tap.ok(m.group(2) == "0", f"[{label}] exit status {m.group(2)}")
            seen_exit[cur] = True
            cur = None
            continue
        if cur is None:
            continue
        t = TAP_RE.match(l)
        if t:
            results += 1
            tap.ok(t.group(1) == "ok", f"[{args.run[cur - 1]}] {t.group(2)}")
        elif re.match(r"^1\.\.(\d+)", l):
            plan = int(re.match(r"^1\.\.(\d+)", l).group(1))
        elif l.startswith("#"):
            print(l)
        elif l:
            print(f"# guest: {l}")
    for i, cmd in enumerate(args.run, 1):
        if i not in seen_exit:
            tap.ok(False, f"[{cmd}] did not finish (guest crashed or timed out)")
    if "@@DONE" not in lines:
        for l in lines[-20:]:
            print(f"# console: {l}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", required=True, help="build dir for the cached vmlinux and the initramfs")
    ap.add_argument("--name", default="vm", help="initramfs file name stem")
    ap.add_argument("--bin", action="append", default=[])
    ap.add_argument("--bin-same", action="append", default=[])
    ap.add_argument("--file", action="append", default=[])
    ap.add_argument("--run", action="append", default=[])
    ap.add_argument("--mem", type=int, default=512, help="guest RAM in MiB")
    ap.add_argument("--timeout", type=int, default=150, help="seconds before the VM is killed")
    args = ap.parse_args()
    os.makedirs(args.cache, exist_ok=True)

    if not shutil.which("qemu-system-x86_64"):
        bail_skip("qemu-system-x86_64 not found (apt install qemu-system-x86)")
    for tool in ("cpio", "gzip", "ldd"):
        if not shutil.which(tool):
            bail_skip(f"{tool} not found")
    vmlinuz = find_kernel()
    if not vmlinuz:
        bail_skip("no kernel in /boot/vmlinuz-* (apt install linux-image-amd64) and CODECELL_VM_KERNEL unset")
    if not os.access(vmlinuz, os.R_OK):
        bail_skip(f"{vmlinuz} is not readable by this user")

    t0 = time.monotonic()
    vmlinux = extract_vmlinux(vmlinuz, args.cache)
    initrd = os.path.join(args.cache, f"initramfs-{args.name}.cpio.gz")
    try:
        build_initramfs(args, initrd)
    except (RuntimeError, OSError, subprocess.CalledProcessError) as e:
        print("1..1")
        print(f"not ok 1 - building the initramfs: {e}")
        sys.exit(1)
    kernel, microvm = (vmlinux, True) if vmlinux else (vmlinuz, False)
    print(f"# kernel {kernel} ({'microvm/PVH' if microvm else 'pc/bzImage: slower'}), "
          f"prep {time.monotonic() - t0:.1f}s", flush=True)
    cmd = qemu_cmd(args, kernel, microvm, initrd)
    t1 = time.monotonic()
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=args.timeout)
        out, rc = p.stdout.decode("utf-8", "replace"), p.returncode
    except subprocess.TimeoutExpired as e:
        out, rc = (e.stdout or b"").decode("utf-8", "replace"), "timeout"
    print(f"# qemu exit {rc} after {time.monotonic() - t1:.1f}s", flush=True)
    tap = Tap()
    forward(out, args, tap)
    print(f"1..{tap.n}")
    sys.exit(1 if tap.failed else 0)


if __name__ == "__main__":
    main()
