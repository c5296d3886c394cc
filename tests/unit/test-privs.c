/* Unit test for common/privs.c's privs_cap_count: the number it finds by
 * halving agrees with the kernel's own /proc/sys/kernel/cap_last_cap.
 * Runs in: test binary. Input: none. */
#include <stdio.h>

#include "privs.h"
#include "tap.h"

int main(void)
{
	FILE *f = fopen("/proc/sys/kernel/cap_last_cap", "r");
	int last = -1;
	if (!f || fscanf(f, "%d", &last) != 1)
		tap_skip_all("cannot read /proc/sys/kernel/cap_last_cap");
	fclose(f);
	TAP_EQ_INT(privs_cap_count(), last + 1, "privs_cap_count is cap_last_cap + 1");
	return tap_done();
}
