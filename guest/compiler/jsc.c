/* jsc: placeholder that passes ES5 through unchanged until the lowering
 * compiler (issue 3) replaces this file. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "jsc.h"

int jsc_compile(const char *src, size_t len, const struct jsc_options *opt, struct jsc_output *out)
{
	(void)opt;
	memset(out, 0, sizeof(*out));
	out->code = malloc(len + 1);
	if (!out->code)
		return -ENOMEM;
	memcpy(out->code, src, len);
	out->code[len] = '\0';
	out->code_len = len;
	return 0;
}

void jsc_output_free(struct jsc_output *out)
{
	if (!out)
		return;
	free(out->code);
	free(out->error);
	free(out->line_map);
	memset(out, 0, sizeof(*out));
}
