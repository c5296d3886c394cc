/* privs: dropping every capability for good before the guest runs.
 * Runs in: the sandbox child between clone3 and execveat (supervisor side),
 * and the template guest's run child before it reads any program byte
 * (guest/template.c); both are trusted code with no guest input yet.
 * Callers treat any failure as fatal: a half-dropped sandbox must never run
 * the guest. No allocation and no libcap here: the child of a possibly
 * multithreaded supervisor must not touch malloc, and the guest is static. */
#pragma once

/* Number of capabilities this kernel knows (cap_last_cap + 1), found by
 * asking PR_CAPBSET_READ which numbers the kernel says EINVAL to, halving
 * the range (libcap asks each number in turn without /proc; the template
 * guest has no /proc).
 * Ask once before clone. Returns > 0 or -errno. */
int privs_cap_count(void);

/* Sets and locks SECBIT_NOROOT, SECBIT_NO_SETUID_FIXUP,
 * SECBIT_NO_CAP_AMBIENT_RAISE, and locks SECBIT_KEEP_CAPS off, so that the
 * exec of the guest as uid 0 does not hand it a full capability set again.
 * Needs CAP_SETPCAP (held in the new user namespace). 0 or -errno. */
int privs_lock_securebits(void);

/* Drops the bounding set (cap_count entries), clears the ambient set, then
 * the effective, permitted and inheritable sets. 0 or -errno. */
int privs_drop_caps(int cap_count);

/* Checks with capget (effective, permitted, inheritable; the ambient set
 * lies within the last two) and PR_CAPBSET_READ that nothing is left.
 * 0 or -EPERM. */
int privs_verify_dropped(int cap_count);

/* PR_SET_NO_NEW_PRIVS; seccomp without CAP_SYS_ADMIN requires it. */
int privs_set_no_new_privs(void);
