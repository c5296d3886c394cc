"""Transparent huge pages, as the tests see them from outside codecell:
whether this kernel can make one at all (the unfiltered baseline a test
checks before it expects codecell to have made one), and how much of a
process's heap lies on them."""
import os


def thp_baseline(how="collapse"):
    """Why this kernel cannot put a private anonymous range on a transparent
    huge page, or None when it can, checked outside codecell: how="collapse"
    by MADV_COLLAPSE of a touched range (Linux 6.1; the template's code),
    how="fault" by populating a range marked MADV_HUGEPAGE (a one-shot
    guest's heap)."""
    import ctypes
    try:
        with open("/sys/kernel/mm/transparent_hugepage/enabled") as f:
            if "[never]" in f.read():
                return "transparent huge pages are off (enabled: never)"
    except OSError:
        return "no transparent huge pages in this kernel"
    libc = ctypes.CDLL(None, use_errno=True)
    libc.mmap.restype = ctypes.c_void_p
    libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_long]
    libc.madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
    libc.munmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
    huge = 2 << 20
    p = libc.mmap(None, 2 * huge, 3, 0x22, -1, 0)  # PROT_READ|WRITE, MAP_PRIVATE|ANONYMOUS
    if not p or p == ctypes.c_void_p(-1).value:
        return "cannot map 4 MiB"
    a = (p + huge - 1) & ~(huge - 1)
    try:
        if how == "collapse":
            ctypes.memset(a, 1, huge)
            libc.madvise(a, huge, 14)  # MADV_HUGEPAGE
            if libc.madvise(a, huge, 25) != 0:  # MADV_COLLAPSE
                return f"MADV_COLLAPSE fails here: {os.strerror(ctypes.get_errno())}"
            return None
        if libc.madvise(a, huge, 14) != 0:  # MADV_HUGEPAGE
            return f"MADV_HUGEPAGE fails here: {os.strerror(ctypes.get_errno())}"
        ctypes.memset(a, 1, huge)
        if mapping_huge_kb(os.getpid(), a) < 2048:
            return "a range marked MADV_HUGEPAGE gets no huge page here (none free?)"
        return None
    finally:
        libc.munmap(p, 2 * huge)


def huge_kb_by_mapping(pid):
    """(lo, hi, name, AnonHugePages kB) of each mapping of pid, from its
    smaps (name: the path or [heap], ..., or "" for an anonymous one)."""
    out, cur = [], None
    with open(f"/proc/{pid}/smaps") as f:
        for line in f:
            head = line.split()
            if head and "-" in head[0] and ":" not in head[0]:
                lo, hi = (int(x, 16) for x in head[0].split("-"))
                cur = [lo, hi, head[5] if len(head) > 5 else "", 0]
                out.append(cur)
            elif cur and line.startswith("AnonHugePages:"):
                cur[3] = int(head[1])
    return [tuple(m) for m in out]


def mapping_huge_kb(pid, addr):
    """AnonHugePages (kB) of the mapping of pid that holds addr."""
    return sum(kb for lo, hi, _, kb in huge_kb_by_mapping(pid) if lo <= addr < hi)


def heap_huge_kb(pid):
    """AnonHugePages (kB) summed over the [heap] mappings of pid."""
    return sum(kb for _, _, name, kb in huge_kb_by_mapping(pid) if name == "[heap]")


def heap_own_huge_kb(pid):
    """Private_Dirty (kB) summed over the [heap] mappings of pid that are on
    huge pages: what of its heap's huge pages pid holds alone (a huge page
    it shares with the process it was forked from counts as shared)."""
    vmas, cur = [], None
    with open(f"/proc/{pid}/smaps") as f:
        for line in f:
            head = line.split()
            if head and "-" in head[0] and ":" not in head[0]:
                cur = {"name": head[5] if len(head) > 5 else ""}
                vmas.append(cur)
            elif cur is not None and len(head) >= 2 and head[0].endswith(":"):
                cur[head[0][:-1]] = head[1]
    return sum(int(v.get("Private_Dirty", 0)) for v in vmas
               if v["name"] == "[heap]" and int(v.get("AnonHugePages", 0)) > 0)
