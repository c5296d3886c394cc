/* reqerr: the error one guest request ends with, as the program sees it
 * (`name`, `code`, `message`) plus the policy rule that decided it, for the
 * audit. One type for the decoder, the decision engine and the executors.
 * Runs in: supervisor. Input: none (a value type). */
#pragma once

#include <stdbool.h>

struct req_error {
	char name[32];     /* "Error", "TypeError", "PermissionDenied", "NetworkError", "TimeoutError" */
	char code[24];     /* node-style "ENOENT", "EACCES", "EPOLICY", ...; "" if none */
	char message[640]; /* for the model; never holds a secret */
	char rule[64];     /* the deciding rule ("" if none): a denial when name is PermissionDenied */
};

/* Fills e; code and rule may be NULL (empty). */
__attribute__((format(printf, 5, 6))) void req_error_set(struct req_error *e, const char *name, const char *code,
                                                         const char *rule, const char *fmt, ...);

/* Whether e is a policy denial (counted and audited as one). */
bool req_error_is_denial(const struct req_error *e);
