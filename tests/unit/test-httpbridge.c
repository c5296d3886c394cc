/* test-httpbridge: splitting an event-stream answer into JSON-RPC messages
 * (httpbridge_events), the one parser of a streamable HTTP server's bytes
 * besides JSON. */
#include <stdio.h>
#include <string.h>

#include "httpbridge.h"
#include "tap.h"

struct seen {
	char all[512];
	int n;
};

static void collect(void *ctx, const char *data, size_t len)
{
	struct seen *s = ctx;
	/* Newlines as "\\n": a raw one would break the TAP stream. */
	size_t used = strlen(s->all);
	for (size_t i = 0; i <= len && used + 3 < sizeof s->all; i++) {
		if (i == 0)
			s->all[used++] = '[';
		if (i == len)
			s->all[used++] = ']';
		else if (data[i] == '\n')
			s->all[used++] = '\\', s->all[used++] = 'n';
		else
			s->all[used++] = data[i];
	}
	s->all[used] = '\0';
	s->n++;
}

static void events(const char *in, size_t max, const char *want, int want_n, const char *name)
{
	struct seen s = {"", 0};
	httpbridge_events(in, strlen(in), max, collect, &s);
	tap_ok(!strcmp(s.all, want) && s.n == want_n, "%s", name);
	printf("# got %s\n", s.all);
}

int main(void)
{
	events("event: message\nid: 1\ndata: {\"a\":1}\n\n", 100, "[{\"a\":1}]", 1, "one event");
	events("data: {\"a\":1}\r\n\r\ndata:{\"b\":2}\r\n\r\n", 100, "[{\"a\":1}][{\"b\":2}]", 2, "CRLF, no space");
	events("data: {\"a\":\ndata: 1}\n\n", 100, "[{\"a\":\\n1}]", 1, "data lines joined by a newline");
	events(": keep-alive\n\nretry: 10\n\n", 100, "", 0, "comments and fields only: nothing");
	events("data: {\"a\":1}", 100, "[{\"a\":1}]", 1, "the last event without a blank line");
	events("data: 0123456789\n\ndata: 1\n\n", 5, "[1]", 1, "an event over the limit is dropped");
	events("", 100, "", 0, "an empty body");
	events("\n\n\n", 100, "", 0, "blank lines only");
	events("data\n\n", 100, "", 0, "a field named data without a colon is not data");
	return tap_done();
}
