/* exitcode: the guest's process exit statuses, read by the supervisor and
 * the tests. 0 means a result frame was sent. Values follow sysexits.h.
 * Runs in: guest. Input: none. */
#pragma once

#define GUEST_EXIT_OK       0
#define GUEST_EXIT_USAGE    64 /* bad command line */
#define GUEST_EXIT_PROTOCOL 65 /* the supervisor broke the frame protocol or hung up */
#define GUEST_EXIT_INTERNAL 70 /* Duktape fatal error, prelude failure: a guest bug */
#define GUEST_EXIT_SANDBOX  71 /* the seccomp filter could not be loaded */
#define GUEST_EXIT_IO       74 /* writing to the protocol socket failed */
