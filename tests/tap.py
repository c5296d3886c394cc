"""tap: a tiny TAP producer for the Python tests (meson `protocol: 'tap'`),
the counterpart of tests/tap.h. Descriptions are kept to one line and a '#'
in them is escaped, so test input quoted in a name can neither break the
stream nor turn a failure into a skip; details go on '#' diagnostic lines.
Runs in: test scripts only."""
import sys

_n = 0
_failed = 0


def _desc(name):
    return str(name).replace("\n", "\\n").replace("#", "\\#")


def ok(cond, name, detail=""):
    """One test: passes when cond is true. On failure, detail (any value)
    is printed as diagnostic lines."""
    global _n, _failed
    _n += 1
    if not cond:
        _failed += 1
    print(("ok" if cond else "not ok") + f" {_n} - {_desc(name)}")
    if not cond and detail:
        for line in str(detail).splitlines()[:30]:
            print("#   " + line)
    sys.stdout.flush()
    return cond


def skip(name, why):
    """One test skipped, with the reason (a kernel or host that lacks what
    it needs, shown by its baseline)."""
    global _n
    _n += 1
    print(f"ok {_n} - {_desc(name)} # SKIP {_desc(why)}")
    sys.stdout.flush()


def done():
    """Prints the plan and exits 1 if any test failed."""
    print(f"1..{_n}")
    sys.exit(1 if _failed else 0)
