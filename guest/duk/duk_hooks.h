/* duk_hooks: the platform hooks the guest's Duktape build calls (fatal
 * errors, randomness). Compiled into the Duktape library itself.
 * Runs in: guest (and the build-time js2bc tool). Input: none from users. */
#pragma once

/* Writes "codecell-guest: fatal Duktape error: MSG" to fd 2, then _exit(70)
 * (EX_SOFTWARE). Never returns: a fatal error must not go unreported. */
__attribute__((noreturn)) void duk_hooks_fatal(void *udata, const char *msg);

/* A uniformly distributed double in [0, 1) from getrandom(2). */
double duk_hooks_random_double(void *udata);
/* Empties Math.random's pool, so that the next number comes from a fresh
 * getrandom(2). The template guest's run child calls it: a pool filled in
 * the template would otherwise repeat in every child (copy-on-write). */
void duk_hooks_random_reset(void);
