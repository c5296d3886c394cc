/* duk_hooks: the platform hooks the guest's Duktape build calls (fatal
 * errors, randomness). Compiled into the Duktape library itself.
 * Runs in: guest (and the build-time js2bc tool). Input: none from users. */
#pragma once

/* Writes "codecell-guest: fatal Duktape error: MSG" to fd 2, then _exit(70)
 * (EX_SOFTWARE). Never returns: a fatal error must not go unreported. */
__attribute__((noreturn)) void duk_hooks_fatal(void *udata, const char *msg);

/* A uniformly distributed double in [0, 1) from getrandom(2). */
double duk_hooks_random_double(void *udata);
