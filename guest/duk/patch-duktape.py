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
    # Bytes across the tool bridge (docs/PROTOCOL.md, Binary values): while
    # the guest encodes a tool call or its result (duk_hooks_json_bytes set
    # by ccapi.c's send), a Uint8Array (a Buffer too) or an ArrayBuffer is
    # written as {"$bytes":"<base64>"}, before any toJSON, and never
    # otherwise (user code's JSON.stringify is untouched).
    ('json-bytes-value',
     '\t(void) duk_hobject_getprop(thr, tv_holder, tv_key);\n',
     '\t(void) duk_hobject_getprop(thr, tv_holder, tv_key);\n'
     '\t/* codecell: bytes as {"$bytes":"<base64>"} (duk_hooks.h) */\n'
     '\tif (duk_hooks_json_bytes && duk_is_object(thr, -1)) {\n'
     '\t\tduk_hobject *h_cc = duk_get_hobject(thr, -1);\n'
     '\t\tduk_small_uint_t c_cc = (duk_small_uint_t) DUK_HOBJECT_GET_CLASS_NUMBER(h_cc);\n'
     '\t\tif (DUK_HOBJECT_IS_BUFOBJ(h_cc) &&\n'
     '\t\t    (c_cc == DUK_HOBJECT_CLASS_UINT8ARRAY || c_cc == DUK_HOBJECT_CLASS_ARRAYBUFFER)) {\n'
     '\t\t\tconst char *p_cc = "{\\"$bytes\\":\\"";\n'
     '\t\t\tduk_hooks_json_bytes_base64(thr);\n'
     '\t\t\twhile (*p_cc) DUK__EMIT_1(js_ctx, *p_cc++);\n'
     '\t\t\tDUK__EMIT_HSTR(js_ctx, duk_known_hstring(thr, -1));\n'
     '\t\t\tDUK__EMIT_2(js_ctx, DUK_ASC_DOUBLEQUOTE, DUK_ASC_RCURLY);\n'
     '\t\t\tduk_pop_3(thr);\n'
     '\t\t\treturn 1;\n'
     '\t\t}\n'
     '\t}\n'),
    # ...and a key spelled $bytes, $$bytes, ... gets one more "$", so no
    # user object can pass for the tag (the decoders take one off).
    ('json-bytes-key',
     '\tDUK_ASSERT(k != NULL);\n\n\t/* Accept ASCII strings which conform to identifier requirements\n',
     '\tDUK_ASSERT(k != NULL);\n\n'
     '\t/* codecell: escape keys that look like the bytes tag (duk_hooks.h) */\n'
     '\tif (duk_hooks_json_bytes &&\n'
     '\t    duk_hooks_json_key_reserved((const char *) DUK_HSTRING_GET_DATA(k), (size_t) DUK_HSTRING_GET_BYTELEN(k))) {\n'
     '\t\tDUK__EMIT_2(js_ctx, DUK_ASC_DOUBLEQUOTE, (duk_uint_fast8_t) \'$\');\n'
     '\t\tDUK__EMIT_HSTR(js_ctx, k);\n'
     '\t\tDUK__EMIT_1(js_ctx, DUK_ASC_DOUBLEQUOTE);\n'
     '\t\treturn;\n'
     '\t}\n\n'
     '\t/* Accept ASCII strings which conform to identifier requirements\n'),
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
