/* seccomp: see seccomp.h. The filter itself is compiled when codecell is
 * built (seccomp_gen.c, from the rules in seccomp_rules.c); a run copies it
 * instead of compiling it again with libseccomp, which cost each run
 * ~0.6 ms for the same bytes every time (CODECELL_TRACE's "seccomp build"
 * phase; docs/PERFORMANCE.md, round 11). The names of the system calls
 * come from the same build, so the supervisor does not load libseccomp. */
#include "seccomp.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int seccomp_build(void **bpf, size_t *len, char *err, size_t errlen)
{
	void *copy = malloc(seccomp_guest_filter_len);
	if (!copy) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	memcpy(copy, seccomp_guest_filter, seccomp_guest_filter_len);
	*bpf = copy;
	*len = seccomp_guest_filter_len;
	return 0;
}

void seccomp_syscall_name(long nr, char *out, size_t outlen)
{
	const char *name = nr >= 0 && nr < SECCOMP_SYSCALL_NAMES ? seccomp_syscall_names[nr] : NULL;
	if (name)
		snprintf(out, outlen, "%s", name);
	else
		snprintf(out, outlen, "nr:%ld", nr);
}
