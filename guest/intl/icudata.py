#!/usr/bin/env python3
"""Build-time tool: the trimmed ICU data the guest embeds.

Takes Debian's full ICU data (the one object inside libicudata.a), removes
what codecell's Intl never reads and every locale outside LANGUAGES, and
writes an assembly file (.incbin) that defines the data's entry symbol
(icudtNN_dat), so the guest links it instead of libicudata.a. The data is
part of the binary's read-only pages: nothing is opened inside the sandbox.

Usage: icudata.py LIBICUDATA_A OUT_S OUT_LIST WORKDIR
OUT_LIST gets the kept item names (for docs and the size figure).
"""
import os
import re
import subprocess
import sys

# The documented locale set (docs/RUNTIME.md, "Intl"): every region and
# script variant of these languages is kept, plus root. One list: the
# guest asks the data itself which locales exist.
LANGUAGES = {
    # the first set
    "en", "de", "fr", "es", "it", "nl", "sv", "pl", "pt", "ru", "ja", "zh", "ko", "hi",
    # the rest of the languages with tens of millions of speakers or an
    # official language of an EU member state, whose users an agent serves
    # (Arabic, Turkish, Hebrew, Ukrainian, Czech... fell back to en-US)
    "ar", "bg", "bn", "ca", "cs", "da", "el", "et", "fa", "fi", "fil", "he", "hr", "hu",
    "id", "lt", "lv", "mr", "ms", "nb", "no", "ro", "sk", "sl", "sr", "sw", "ta", "te",
    "th", "tr", "uk", "ur", "vi",
}

# Data no Intl service reads: legacy charset converters, stringprep/IDNA,
# spoof checks, character names, transliteration, and the dictionaries of
# languages outside the set (cjdict stays: ja/zh word segmentation).
DROP = [
    r".*\.cnv$", r"cnvalias\.icu$", r".*\.spp$", r"confusables\.cfu$", r"unames\.icu$",
    r"uts46\.nrm$", r"translit/.*", r"brkitr/(burmese|khmer|lao|thai)dict\.dict$",
]

ASM = """\
\t.section .note.GNU-stack,"",%%progbits
\t.section .rodata
\t.balign 16
\t.globl %(sym)s
\t.type %(sym)s,%%object
%(sym)s:
\t.incbin "%(path)s"
\t.size %(sym)s, .-%(sym)s
"""

LOCALE_RE = re.compile(r"^(?:[a-z]+/)?([a-z]{2,3}|root)(?:_[A-Za-z0-9_]+)?\.res$")


def keep(name):
    if any(re.match(p, name) for p in DROP):
        return False
    m = LOCALE_RE.match(name)
    if not m:
        return True  # not a locale bundle: supplemental data, rules, pool
    lang = m.group(1)
    return lang == "root" or lang in LANGUAGES


def main():
    lib, out_s, out_list, work = sys.argv[1:5]
    os.makedirs(work, exist_ok=True)
    subprocess.check_call(["ar", "x", os.path.abspath(lib)], cwd=work)
    objs = [f for f in os.listdir(work) if f.endswith("_dat.o")]
    if len(objs) != 1:
        sys.exit("icudata.py: expected one *_dat.o in %s, found %r" % (lib, objs))
    base = objs[0][: -len("_dat.o")]  # icudt72l
    full = os.path.join(work, base + ".dat")
    subprocess.check_call(["objcopy", "-O", "binary", "--only-section=.rodata",
                           os.path.join(work, objs[0]), full])
    items = subprocess.check_output(["icupkg", "-l", full], text=True).split()
    prefix = base + "/"
    items = [i[len(prefix):] if i.startswith(prefix) else i for i in items]
    drop = [i for i in items if not keep(i)]
    kept = [i for i in items if keep(i)]
    rm = os.path.join(work, "remove.txt")
    with open(rm, "w") as f:
        f.write("\n".join(drop) + "\n")
    trimmed_dir = os.path.join(work, "out")
    os.makedirs(trimmed_dir, exist_ok=True)
    trimmed = os.path.join(trimmed_dir, base + ".dat")
    subprocess.check_call(["icupkg", "--ignore-deps", "-r", rm, full, trimmed])
    # The entry point libicuuc looks for (icudt72l -> icudt72_dat), read-only
    # and 16-byte aligned as udata.cpp expects; .incbin keeps the build fast.
    entry = re.sub(r"[lbe]$", "", base) + "_dat"
    with open(out_s, "w") as f:
        f.write(ASM % {"sym": entry, "path": os.path.abspath(trimmed)})
    with open(out_list, "w") as f:
        f.write("# %d items, %d bytes (of %d in Debian's full data)\n" % (
            len(kept), os.path.getsize(trimmed), os.path.getsize(full)))
        f.write("\n".join(kept) + "\n")


if __name__ == "__main__":
    main()
