/* hugekb: AnonHugePages of one mapping of this process, as the unit tests
 * of the guest's huge-page code read it from /proc/self/smaps.
 * Runs in: test binaries. Input: /proc/self/smaps. */
#pragma once

#include <stdint.h>
#include <stdio.h>

/* AnonHugePages (kB) of the mapping holding addr, -1 if none is found. */
static inline long huge_kb_at(const void *addr)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	if (!f)
		return -1;
	char line[512];
	int inside = 0;
	long kb = -1;
	while (fgets(line, sizeof line, f)) {
		unsigned long lo, hi;
		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2) {
			if (inside)
				break;
			inside = (uintptr_t)addr >= lo && (uintptr_t)addr < hi;
		} else if (inside && sscanf(line, "AnonHugePages: %ld kB", &kb) == 1) {
			break;
		}
	}
	fclose(f);
	return inside ? kb : -1;
}
