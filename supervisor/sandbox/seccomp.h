/* seccomp: the guest's syscall allowlist, compiled with libseccomp when
 * codecell is built and carried as raw BPF, which the guest loads itself
 * right after exec.
 * Runs in: supervisor, at startup (trusted; no guest input); the rules and
 * their compilation also in the build (seccomp_gen.c) and the tests. */

/* This header shares its name with libseccomp's <seccomp.h>, and the
 * supervisor's include directory comes first on the search path, so this
 * file pulls the library's header in itself. The include_next sits outside
 * the guard on purpose: when this file is reached as "seccomp.h" from its
 * own directory, include_next finds this file once more through -I, and
 * that nested pass reaches libseccomp's header (guarded on its own). */
#include_next <seccomp.h>
#ifndef CODECELL_SUPERVISOR_SECCOMP_H
#define CODECELL_SUPERVISOR_SECCOMP_H

#include <stddef.h>

/* The guest's fixed fds (see common/filter.h and sandbox.h). */
#define SECCOMP_GUEST_ERR_FD  2
#define SECCOMP_GUEST_SOCK_FD 3
/* The guest is pid 1 (and tid 1) of its own pid namespace. */
#define SECCOMP_GUEST_PID 1

/* The rules (seccomp_rules.c): builds the guest filter into *ctx (caller
 * owns it; seccomp_release()). Returns 0 or -errno, with a message in err.
 * Used when codecell is built (seccomp_gen.c) and by the tests. */
int seccomp_build_ctx(scmp_filter_ctx *ctx, char *err, size_t errlen);

/* Builds the filter from the rules with libseccomp and exports it as an
 * array of struct sock_filter: what seccomp_gen writes into the binary.
 * Caller owns *bpf (free()); *len is in bytes, a multiple of 8. Returns 0
 * or -errno, with a message in err. */
int seccomp_compile(void **bpf, size_t *len, char *err, size_t errlen);

/* The filter seccomp_compile gave when codecell was built (generated
 * seccomp_filter.c); tests/unit/test-seccomp.c checks that it equals what
 * the rules compile to now. */
extern const unsigned char seccomp_guest_filter[];
extern const size_t seccomp_guest_filter_len;

/* x86_64's system call names by number, as libseccomp knew them when
 * codecell was built (generated with the filter; NULL where none). */
#define SECCOMP_SYSCALL_NAMES 1024
extern const char *const seccomp_syscall_names[SECCOMP_SYSCALL_NAMES];

/* A copy of the compiled-in filter for one run or template. Caller owns
 * *bpf (free()); *len is in bytes. Returns 0 or -ENOMEM, with a message in
 * err. */
int seccomp_build(void **bpf, size_t *len, char *err, size_t errlen);

/* Name of an x86_64 syscall number, for reports ("ptrace"), from
 * seccomp_syscall_names; writes "nr:<n>" for a number it does not name.
 * Always NUL-terminates out. */
void seccomp_syscall_name(long nr, char *out, size_t outlen);

#endif /* CODECELL_SUPERVISOR_SECCOMP_H */
