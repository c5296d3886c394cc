/* privs: see privs.h. The E/P/I sets are cleared with the raw capset(2)
 * rather than libcap's cap_set_proc(): libcap allocates, and this runs in a
 * clone of a process whose malloc locks may be held by another thread. */
#include "privs.h"

#include <errno.h>
#include <linux/capability.h>
#include <linux/securebits.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The capability sets are 64 bits wide (_LINUX_CAPABILITY_U32S_3 words). */
#define PRIVS_CAP_CEILING 64

int privs_cap_count(void)
{
	/* The kernel answers EINVAL exactly for numbers above cap_last_cap,
	 * so the first such number is found by halving: ~6 calls, not ~41. */
	int lo = 0, hi = PRIVS_CAP_CEILING; /* lo is known valid once checked */
	if (prctl(PR_CAPBSET_READ, 0UL, 0, 0, 0) < 0)
		return errno == EINVAL ? -EINVAL : -errno;
	while (hi - lo > 1) {
		int mid = lo + (hi - lo) / 2;
		if (prctl(PR_CAPBSET_READ, (unsigned long)mid, 0, 0, 0) >= 0)
			lo = mid;
		else if (errno == EINVAL)
			hi = mid;
		else
			return -errno;
	}
	return hi < PRIVS_CAP_CEILING ? hi : -EINVAL;
}

int privs_lock_securebits(void)
{
	const unsigned long bits = SECBIT_NOROOT | SECBIT_NOROOT_LOCKED | SECBIT_NO_SETUID_FIXUP |
	                           SECBIT_NO_SETUID_FIXUP_LOCKED | SECBIT_KEEP_CAPS_LOCKED |
	                           SECBIT_NO_CAP_AMBIENT_RAISE | SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED;
	if (prctl(PR_SET_SECUREBITS, bits, 0, 0, 0) != 0)
		return -errno;
	return 0;
}

static int capset_empty(void)
{
	struct __user_cap_header_struct hdr = {
	        .version = _LINUX_CAPABILITY_VERSION_3,
	        .pid = 0,
	};
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
	memset(data, 0, sizeof data);
	if (syscall(SYS_capset, &hdr, data) != 0)
		return -errno;
	return 0;
}

int privs_drop_caps(int cap_count)
{
	/* Bounding set first: it needs CAP_SETPCAP, which the capset below
	 * removes. With an empty bounding set nothing can come back on exec,
	 * even through file capabilities. */
	for (int c = 0; c < cap_count; c++) {
		if (prctl(PR_CAPBSET_DROP, (unsigned long)c, 0, 0, 0) != 0)
			return -errno;
	}
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0)
		return -errno;
	return capset_empty();
}

int privs_verify_dropped(int cap_count)
{
	struct __user_cap_header_struct hdr = {
	        .version = _LINUX_CAPABILITY_VERSION_3,
	        .pid = 0,
	};
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
	if (syscall(SYS_capget, &hdr, data) != 0)
		return -errno;
	for (int i = 0; i < _LINUX_CAPABILITY_U32S_3; i++) {
		if (data[i].effective || data[i].permitted || data[i].inheritable)
			return -EPERM;
	}
	/* The ambient set needs no check of its own: the kernel keeps it
	 * inside permitted and inheritable, both empty above. */
	for (int c = 0; c < cap_count; c++) {
		if (prctl(PR_CAPBSET_READ, (unsigned long)c, 0, 0, 0) != 0)
			return -EPERM;
	}
	return 0;
}

int privs_set_no_new_privs(void)
{
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		return -errno;
	return 0;
}
