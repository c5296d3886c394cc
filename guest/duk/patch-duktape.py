#!/usr/bin/env python3
"""Copies Debian's duktape.c into the build directory with codecell's
patches applied. Each patch replaces one exact anchor that must occur once;
a Duktape update that moves an anchor fails the build here, loudly, rather
than silently shipping an unpatched engine.
Runs in: build time. Input: /usr/share/duktape/duktape.c (Debian's).

Usage: patch-duktape.py IN OUT
"""
import sys

PATCHES = [
    # Number-to-string (shortest round-trip, Dragon4): when the last digit
    # is a tie (2r == s) ES Number::toString picks the even digit; Duktape
    # rounds up (String(1e15 + 0.3) printed ...0.3 where V8 prints ...0.2).
    ('round-half-even',
     '\t\t\t\tif (duk__bi_compare(&nc_ctx->t1, &nc_ctx->s) < 0) { /* (< (* r 2) s) */\n',
     '\t\t\t\tif (duk__bi_compare(&nc_ctx->t1, &nc_ctx->s) < 0 ||\n'
     '\t\t\t\t    (duk__bi_compare(&nc_ctx->t1, &nc_ctx->s) == 0 && (d & 1) == 0)) { /* codecell: ties to even */\n'),
    # An error object pushed (not thrown) from inside the executor, such
    # as GETPROPC's delayed "not callable" error, is augmented with a stale
    # pc: its line was the function's first line. Sync the pc first, as
    # the throw path does (duk_err_create_and_throw).
    ('sync-pc-on-error-create',
     '\terr_code = err_code & (~DUK_ERRCODE_FLAG_NOBLAME_FILELINE);\n\n\t/* error gets its \'name\' from the prototype */\n',
     '\terr_code = err_code & (~DUK_ERRCODE_FLAG_NOBLAME_FILELINE);\n\n'
     '\t/* codecell: the traceback must see the current pc */\n\tduk_hthread_sync_currpc(thr);\n\n'
     '\t/* error gets its \'name\' from the prototype */\n'),
]


def main():
    src = open(sys.argv[1], encoding='utf-8').read()
    for name, old, new in PATCHES:
        n = src.count(old)
        if n != 1:
            sys.exit(f'patch-duktape.py: patch {name}: anchor found {n} times in {sys.argv[1]} (expected 1)')
        src = src.replace(old, new)
    with open(sys.argv[2], 'w', encoding='utf-8') as f:
        f.write(src)


main()
