#!/usr/bin/env python3
"""gen_unicode: builds the RegExp engine's Unicode tables (property escapes,
case folding) from the Unicode Character Database text files that Debian's
`unicode-data` package installs in /usr/share/unicode.
Runs in: build time. Input: the UCD files (trusted, from a Debian package).

Usage: gen_unicode.py UCD_DIR OUT.c

The output defines the tables declared in unicode.h. Nothing generated is
committed: the data comes from the package at build time.
"""
import os
import re
import sys

MAXCP = 0x10FFFF

# ECMA-262 table "Binary Unicode property aliases and their canonical
# property names": the only binary properties \p{...} may name.
ES_BINARY = [
    "ASCII", "ASCII_Hex_Digit", "Alphabetic", "Any", "Assigned", "Bidi_Control",
    "Bidi_Mirrored", "Case_Ignorable", "Cased", "Changes_When_Casefolded",
    "Changes_When_Casemapped", "Changes_When_Lowercased",
    "Changes_When_NFKC_Casefolded", "Changes_When_Titlecased",
    "Changes_When_Uppercased", "Dash", "Default_Ignorable_Code_Point",
    "Deprecated", "Diacritic", "Emoji", "Emoji_Component", "Emoji_Modifier",
    "Emoji_Modifier_Base", "Emoji_Presentation", "Extended_Pictographic",
    "Extender", "Grapheme_Base", "Grapheme_Extend", "Hex_Digit",
    "IDS_Binary_Operator", "IDS_Trinary_Operator", "ID_Continue", "ID_Start",
    "Ideographic", "Join_Control", "Logical_Order_Exception", "Lowercase",
    "Math", "Noncharacter_Code_Point", "Pattern_Syntax", "Pattern_White_Space",
    "Quotation_Mark", "Radical", "Regional_Indicator", "Sentence_Terminal",
    "Soft_Dotted", "Terminal_Punctuation", "Unified_Ideograph", "Uppercase",
    "Variation_Selector", "White_Space", "XID_Continue", "XID_Start",
]
GC_GROUPS = {
    "L": ["Lu", "Ll", "Lt", "Lm", "Lo"], "LC": ["Lu", "Ll", "Lt"],
    "M": ["Mn", "Mc", "Me"], "N": ["Nd", "Nl", "No"],
    "P": ["Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po"],
    "S": ["Sm", "Sc", "Sk", "So"], "Z": ["Zs", "Zl", "Zp"],
    "C": ["Cc", "Cf", "Cs", "Co", "Cn"],
}


def lines(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                yield [x.strip() for x in line.split(";")]


def cprange(field):
    if ".." in field:
        a, b = field.split("..")
        return int(a, 16), int(b, 16)
    return int(field, 16), int(field, 16)


def to_ranges(cps):
    out = []
    for c in sorted(cps):
        if out and out[-1][1] + 1 == c:
            out[-1][1] = c
        else:
            out.append([c, c])
    return [tuple(r) for r in out]


def merge(ranges):
    out = []
    for a, b in sorted(ranges):
        if out and a <= out[-1][1] + 1:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [tuple(r) for r in out]


def invert(ranges):
    out, nxt = [], 0
    for a, b in ranges:
        if a > nxt:
            out.append((nxt, a - 1))
        nxt = b + 1
    if nxt <= MAXCP:
        out.append((nxt, MAXCP))
    return out


def subtract(ranges, minus):
    # set difference over sorted, merged range lists
    return invert(merge(invert(ranges) + minus))


def main():
    ucd, out = sys.argv[1], sys.argv[2]
    # General_Category from UnicodeData (ranges given as First/Last pairs).
    gc = {}
    first = None
    for f in lines(os.path.join(ucd, "UnicodeData.txt")):
        cp, name, cat = int(f[0], 16), f[1], f[2]
        if name.endswith(", First>"):
            first = cp
            continue
        lo = first if name.endswith(", Last>") else cp
        first = None
        gc.setdefault(cat, []).append((lo, cp))
    assigned = merge([r for v in gc.values() for r in v])
    gc["Cn"] = invert(assigned)
    for k in list(gc):
        gc[k] = merge(gc[k])
    for g, parts in GC_GROUPS.items():
        gc[g] = merge([r for p in parts for r in gc[p]])

    # Binary properties.
    binp = {}
    for fn in ["PropList.txt", "DerivedCoreProperties.txt", "emoji/emoji-data.txt",
               "extracted/DerivedBinaryProperties.txt", "DerivedNormalizationProps.txt"]:
        for f in lines(os.path.join(ucd, fn)):
            if len(f) != 2:
                continue  # multi-field (non-binary) normalization properties
            binp.setdefault(f[1], []).append(cprange(f[0]))
    binp["Any"] = [(0, MAXCP)]
    binp["ASCII"] = [(0, 0x7F)]
    binp["Assigned"] = assigned
    for k in list(binp):
        binp[k] = merge(binp[k])
    missing = [p for p in ES_BINARY if p not in binp]
    if missing:
        sys.exit("gen_unicode: UCD lacks binary properties: " + ", ".join(missing))

    # Aliases.
    prop_alias = {}
    for f in lines(os.path.join(ucd, "PropertyAliases.txt")):
        for a in f:
            prop_alias[a] = f[1]
    gc_names, sc_names = {}, {}
    for f in lines(os.path.join(ucd, "PropertyValueAliases.txt")):
        if f[0] == "gc":
            for a in f[1:]:
                gc_names[a] = f[1]
        elif f[0] == "sc":
            for a in f[1:]:
                sc_names[a] = f[1]

    # Script and Script_Extensions (by short name).
    long_to_short = {}
    for a, s in sc_names.items():
        long_to_short.setdefault(s, s)
    for f in lines(os.path.join(ucd, "PropertyValueAliases.txt")):
        if f[0] == "sc":
            long_to_short[f[2]] = f[1]
    sc = {s: [] for s in set(sc_names.values())}
    for f in lines(os.path.join(ucd, "Scripts.txt")):
        sc[long_to_short[f[1]]].append(cprange(f[0]))
    listed = merge([r for v in sc.values() for r in v])
    sc["Zzzz"] += invert(listed)
    for k in sc:
        sc[k] = merge(sc[k])
    scx_listed, scx_add = [], {s: [] for s in sc}
    for f in lines(os.path.join(ucd, "ScriptExtensions.txt")):
        r = cprange(f[0])
        scx_listed.append(r)
        for s in f[1].split():
            scx_add[s].append(r)
    scx_listed = merge(scx_listed)
    scx = {s: merge(subtract(sc[s], scx_listed) + scx_add[s]) for s in sc}

    # Case mappings. Simple case folding (C + S) for /u and /v with /i;
    # for /i alone, Canonicalize is toUppercase when it gives one code unit
    # (full mappings from SpecialCasing make some characters map to more).
    fold = {}
    for f in lines(os.path.join(ucd, "CaseFolding.txt")):
        if f[1] in ("C", "S"):
            fold[int(f[0], 16)] = int(f[2], 16)
    upper = {}
    for f in lines(os.path.join(ucd, "UnicodeData.txt")):
        if f[12]:
            upper[int(f[0], 16)] = int(f[12], 16)
    for f in lines(os.path.join(ucd, "SpecialCasing.txt")):
        if len(f) >= 5 and f[4]:
            continue  # conditional mappings are not used by toUppercase here
        ups = f[3].split()
        cp = int(f[0], 16)
        if len(ups) != 1:
            upper.pop(cp, None)
            upper[cp] = None
        else:
            upper[cp] = int(ups[0], 16)
    canon = {}
    for cp, u in upper.items():
        if cp > 0xFFFF or u is None or u > 0xFFFF or u == cp:
            continue
        if cp >= 128 and u < 128:
            continue
        canon[cp] = u

    # Emit.
    ranges, props = [], []

    def add(kind, names, rs):
        off = len(ranges)
        ranges.extend(rs)
        for n in sorted(set(names)):
            props.append((kind, n, off, len(rs)))

    for p in ES_BINARY:
        names = [a for a, c in prop_alias.items() if c == prop_alias.get(p, p)] or [p]
        names = [n for n in names if n in ES_BINARY or prop_alias.get(n) == prop_alias.get(p, p)]
        # ES lists one short alias per property, and for White_Space it is
        # `space` (the UCD's first short name, `WSpace`, is not allowed).
        names = [n for n in names if n != "WSpace"]
        add(0, names + [p], binp[p])
    for v in sorted(set(gc_names.values())):
        add(1, [a for a, c in gc_names.items() if c == v], gc[v])
    for v in sorted(sc):
        names = [a for a, c in sc_names.items() if c == v]
        add(2, names, sc[v])
        add(3, names, scx[v])
    props.sort(key=lambda t: (t[0], t[1]))

    o = []
    o.append("/* Generated by guest/regexp/gen_unicode.py from the UCD; do not edit. */")
    o.append('#include "unicode.h"')
    with open(os.path.join(ucd, "ReadMe.txt"), encoding="utf-8", errors="replace") as f:
        m = re.search(r"Version (\d+\.\d+\.\d+)", f.read())
    o.append('const char ru_version[] = "%s";' % (m.group(1) if m else "unknown"))
    o.append("const uint32_t ru_ranges[][2] = {")
    for i in range(0, len(ranges), 4):
        o.append(" ".join("{0x%x, 0x%x}," % r for r in ranges[i:i + 4]))
    o.append("};")
    o.append("const struct ru_prop ru_props[] = {")
    for kind, n, off, cnt in props:
        o.append('{%d, "%s", %d, %d},' % (kind, n, off, cnt))
    o.append("};")
    o.append("const unsigned ru_nprops = %d;" % len(props))
    for name, table in (("ru_fold", fold), ("ru_canon", canon)):
        o.append("const uint32_t %s[][2] = {" % name)
        items = sorted(table.items())
        for i in range(0, len(items), 4):
            o.append(" ".join("{0x%x, 0x%x}," % r for r in items[i:i + 4]))
        o.append("};")
        o.append("const unsigned %s_n = %d;" % (name, len(items)))
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(o) + "\n")


if __name__ == "__main__":
    main()
