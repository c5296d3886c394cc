/* duk_v8msg: node's (V8's) wording for the errors Duktape raises about a
 * program's values (duk_v8msg.c, compiled into duktape.c by
 * patch-duktape.py). This header gives the guest the one native it exposes.
 * Runs in: guest. Input: a program's value, read without running its code. */
#pragma once

#include "duktape.h"

/* A Duktape/C function of one argument: the value as V8 prints it in "X is
 * not a function" or "incompatible receiver X" (5, abc, undefined,
 * Symbol(s), #<Object>, #<Foo>, [object Array], function f() { ... }).
 * Never calls a getter, a proxy trap or a toString of the program's. */
duk_ret_t duk_v8msg_describe(duk_context *ctx);
