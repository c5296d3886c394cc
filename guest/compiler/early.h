/* early: the early errors that need scope analysis (ES2023 §8.2, §14.2.1,
 * §15.2.1 ...): redeclaration of let/const/class/function names within a
 * scope, lexical names clashing with var names hoisted through the same
 * scope, with parameters or with a catch parameter. V8's message: "Identifier
 * 'x' has already been declared", at the second declaration.
 * Runs in: guest (compiler), after parsing, before shape and lowering.
 * Input: a tree parsed from untrusted source (depth bounded by the parser). */
#pragma once

#include "ast.h"

/* Returns 0, or -EINVAL with prog->error set. Allocates from prog->arena
 * (failure longjmps as ast.h says). */
int early_check(struct ast_program *prog);
