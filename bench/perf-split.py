#!/usr/bin/env python3
"""bench/perf-split.py: where the samples of some processes went, from a
call-graph profile, in the three views the performance notes use.

usage:
  perf record -a -g -F 15000 -o perf.data COMMAND...
  perf script -i perf.data --comms codecell-guest | bench/perf-split.py [--top 16] [--under FUNC]

Prints, as shares of all samples read:
  - user: the user-space function a sample was taken in (on a hypervisor
    that shadows page tables, a trap's cost lands on the instruction that
    touched the page, so a function that only touches pages shows here);
  - kernel, by entry: the system call, page fault, exit or interrupt a
    kernel sample was taken under;
  - with --under FUNC: the functions FUNC called on the way to each sample
    taken under it (e.g. --under create_new_namespaces: which namespace's
    creation the samples were in).
Nothing here is a test; it reads what perf wrote and counts.
"""
import argparse
import collections
import sys

ENTRIES = ("exc_page_fault", "do_exit", "ret_from_fork", "sysvec_apic_timer_interrupt",
           "irqentry_exit_to_user_mode", "syscall_exit_to_user_mode", "do_group_exit", "get_signal")


def samples(lines):
    """Each sample's frames, leaf first, as (function, dso) pairs."""
    block = []
    for line in lines:
        if line.strip():
            block.append(line)
            continue
        if block:
            yield frames(block)
        block = []
    if block:
        yield frames(block)


def frames(block):
    out = []
    for line in block[1:]:  # block[0] is the sample's header line
        f = line.split()
        if len(f) >= 3:
            out.append((f[1].split("+")[0], f[-1]))
    return out


def kernel_entry(ks):
    """The system call a kernel sample was taken under (what do_syscall_64
    called, through the syscall table's dispatcher), else the fault, exit
    or interrupt path it was on, else its outermost kernel frame."""
    if "do_syscall_64" in ks:
        i = ks.index("do_syscall_64")
        below = [f for f in ks[:i] if f != "x64_sys_call"]
        if below:
            return below[-1]
    named = [f for f in ks if f in ENTRIES]
    return named[-1] if named else ks[-1]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--top", type=int, default=16)
    ap.add_argument("--under", help="a kernel function: break its samples down by what it called")
    a = ap.parse_args()
    user, entry, under = collections.Counter(), collections.Counter(), collections.Counter()
    total = 0
    for fr in samples(sys.stdin):
        if not fr:
            continue
        total += 1
        names = [f for f, _ in fr]
        if "kernel" in fr[0][1]:
            ks = [f for f, d in fr if "kernel" in d]
            entry[kernel_entry(ks)] += 1
        else:
            user[fr[0][0]] += 1
        if a.under and a.under in names:
            i = names.index(a.under)
            under[names[i - 1] if i > 0 else "(itself)"] += 1
    if not total:
        sys.exit("no samples on standard input (perf script output expected)")
    views = [("user", user), ("kernel, by entry", entry)]
    if a.under:
        views.append((f"under {a.under}", under))
    print(f"{total} samples")
    for title, c in views:
        print(f"== {title}: {100 * sum(c.values()) / total:.1f} % of the samples")
        for k, v in c.most_common(a.top):
            print(f"{100 * v / total:6.2f} %  {k}")


if __name__ == "__main__":
    main()
