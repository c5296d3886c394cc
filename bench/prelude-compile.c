/* prelude-compile: CPU time to compile the prelude's ES5 sources with
 * Duktape's compiler (no run), best of 10 fresh heaps: the cost the
 * build-time bytecode (guest/tools/js2bc) avoids at every start. Compare
 * with bench/prelude-cpu.sh, which loads and runs the bytecode.
 *   cc -O2 -Iguest/duk -Ibuild/guest/duk -o /tmp/pc bench/prelude-compile.c \
 *      build/guest/duk/libduktape-guest.a -lm
 *   /tmp/pc $(ls guest/runtime/[a-z]*.js guest/compiler/rt/[a-z]*.js guest/prelude/[a-z]*.js)
 * (that includes intl.js and the lazy units, guest/runtime/lazy.js, which
 * the prelude loads only on first use; leave them out to match the prelude
 * exactly). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "duktape.h"

static double cpu_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static char *slurp(const char *path, long *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *b = NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (*len = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (b = malloc((size_t)*len + 1)) && fread(b, 1, (size_t)*len, f) != (size_t)*len) {
		free(b);
		b = NULL;
	}
	fclose(f);
	return b;
}

int main(int argc, char **argv)
{
	double best = 1e9;
	for (int r = 0; r < 10; r++) {
		duk_context *ctx = duk_create_heap_default();
		double t0 = cpu_ms();
		for (int i = 1; i < argc; i++) {
			long n = 0;
			char *src = slurp(argv[i], &n);
			if (!src) {
				fprintf(stderr, "prelude-compile: cannot read %s\n", argv[i]);
				return 1;
			}
			duk_push_string(ctx, argv[i]);
			if (duk_pcompile_lstring_filename(ctx, 0, src, (duk_size_t)n) != 0)
				fprintf(stderr, "prelude-compile: %s: %s\n", argv[i], duk_safe_to_string(ctx, -1));
			duk_pop(ctx);
			free(src);
		}
		double d = cpu_ms() - t0;
		if (d < best)
			best = d;
		duk_destroy_heap(ctx);
	}
	printf("compile %d files from source (no run): best of 10 %.2f ms CPU\n", argc - 1, best);
	return 0;
}
