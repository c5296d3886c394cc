/* replay: runs a libFuzzer target over committed corpus files as an
 * ordinary TAP test, so every fuzz finding stays a regression test without
 * clang. Runs in: tests. Input: corpus files named on the command line or
 * the files of a directory. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Corpus entries are small by construction; refuse anything bigger. */
#define REPLAY_MAX_INPUT (4u << 20)

static void run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		tap_ok(0, "open %s", path);
		return;
	}
	uint8_t *buf = malloc(REPLAY_MAX_INPUT);
	size_t n = buf ? fread(buf, 1, REPLAY_MAX_INPUT, f) : 0;
	fclose(f);
	if (!buf) {
		tap_ok(0, "allocate for %s", path);
		return;
	}
	/* Shrink to the exact size so ASan catches any over-read. */
	uint8_t *exact = malloc(n ? n : 1);
	memcpy(exact, buf, n);
	free(buf);
	LLVMFuzzerTestOneInput(exact, n);
	free(exact);
	tap_ok(1, "replay %s (%zu bytes)", path, n);
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			struct dirent **list;
			int k = scandir(argv[i], &list, NULL, alphasort);
			for (int j = 0; j < k; j++) {
				if (list[j]->d_name[0] != '.') {
					char path[4096];
					snprintf(path, sizeof(path), "%s/%s", argv[i], list[j]->d_name);
					run_file(path);
				}
				free(list[j]);
			}
			free(list);
		} else {
			run_file(argv[i]);
		}
	}
	return tap_done();
}
