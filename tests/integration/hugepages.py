"""Transparent huge pages, as the tests see them from outside codecell:
whether this kernel can make one at all (the unfiltered baseline a test
checks before it expects codecell to have made one), and how much of a
process's heap lies on them."""
import os


def thp_baseline():
    """Why this kernel cannot collapse a private anonymous range into a
    transparent huge page (MADV_COLLAPSE, Linux 6.1), or None when it can:
    the feature the template's code and a one-shot guest's heap rely on,
    checked outside codecell."""
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
    ctypes.memset(a, 1, huge)
    libc.madvise(a, huge, 14)  # MADV_HUGEPAGE
    rc = libc.madvise(a, huge, 25)  # MADV_COLLAPSE
    err = ctypes.get_errno()
    libc.munmap(p, 2 * huge)
    return None if rc == 0 else f"MADV_COLLAPSE fails here: {os.strerror(err)}"


def heap_huge_kb(pid):
    """AnonHugePages (kB) summed over the [heap] mappings of pid."""
    total, inside = 0, False
    with open(f"/proc/{pid}/smaps") as f:
        for line in f:
            head = line.split()
            if head and "-" in head[0] and ":" not in head[0]:
                inside = line.rstrip().endswith("[heap]")
            elif inside and line.startswith("AnonHugePages:"):
                total += int(head[1])
    return total
