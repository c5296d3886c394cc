/* httpbridge: stdio <-> streamable HTTP for one downstream server (see
 * httpbridge.h). One thread per request in flight, so calls a program makes
 * together are in flight together; stdout lines are written whole under a
 * mutex. curl_global_init runs before any thread, which also loads libcurl
 * (curlload.c) once. */
#include "httpbridge.h"

#define CURL_DISABLE_TYPECHECK 1
#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <errno.h>
#include <stdarg.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cjparse.h"
#include "rpc.h"
#include "sbuf.h"

/* The session id a server hands out is an opaque visible-ASCII token. */
#define HTTPBRIDGE_MAX_SESSION 256
/* One line from codecell mcp: a tool call's arguments at most. */
#define HTTPBRIDGE_MAX_LINE (64u << 20)

static struct {
	const char *url;
	struct curl_slist *headers; /* the configured ones; shared, read-only once threads run */
	size_t max;
	long timeout_ms;
	pthread_mutex_t lock; /* stdout and session */
	char session[HTTPBRIDGE_MAX_SESSION + 1];
	sem_t slots;
} g = {.lock = PTHREAD_MUTEX_INITIALIZER};

struct request {
	char *line;
	cJSON *id; /* of the request, for a synthesized error; NULL for notifications */
	bool initialize;
	struct sbuf body;
	char session[HTTPBRIDGE_MAX_SESSION + 1];
	bool event_stream;
};

/* One JSON-RPC message as one line: JSON text holds raw newlines only
 * between tokens, so they can become spaces. */
static void emit(const char *json, size_t n)
{
	while (n && strchr(" \t\r\n", json[n - 1]))
		n--;
	size_t i = 0;
	while (i < n && strchr(" \t\r\n", json[i]))
		i++;
	if (i == n)
		return;
	char *line = malloc(n - i + 1);
	if (!line)
		return;
	for (size_t k = i; k < n; k++)
		line[k - i] = json[k] == '\n' || json[k] == '\r' ? ' ' : json[k];
	line[n - i] = '\n';
	pthread_mutex_lock(&g.lock);
	fwrite(line, 1, n - i + 1, stdout);
	fflush(stdout);
	pthread_mutex_unlock(&g.lock);
	free(line);
}

static void emit_error(const cJSON *id, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void emit_error(const cJSON *id, const char *fmt, ...)
{
	if (!id)
		return; /* a notification: nobody waits for an answer */
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	char *line = rpc_error(id, RPC_INTERNAL_ERROR, msg);
	if (line)
		emit(line, strlen(line));
	free(line);
}

static size_t on_body(char *p, size_t size, size_t n, void *ctx)
{
	struct request *r = ctx;
	sbuf_add(&r->body, p, size * n);
	return r->body.failed ? 0 : size * n; /* 0 aborts the transfer */
}

static size_t on_header(char *p, size_t size, size_t n, void *ctx)
{
	struct request *r = ctx;
	size_t len = size * n;
	static const char sid[] = "mcp-session-id:", ct[] = "content-type:";
	if (len > sizeof sid - 1 && !strncasecmp(p, sid, sizeof sid - 1)) {
		const char *v = p + sizeof sid - 1;
		size_t vl = len - (sizeof sid - 1);
		while (vl && (*v == ' ' || *v == '\t'))
			v++, vl--;
		while (vl && strchr(" \t\r\n", v[vl - 1]))
			vl--;
		bool visible = vl && vl <= HTTPBRIDGE_MAX_SESSION;
		for (size_t i = 0; i < vl && visible; i++)
			visible = v[i] > 0x20 && v[i] < 0x7f;
		if (visible) {
			memcpy(r->session, v, vl);
			r->session[vl] = '\0';
		}
	} else if (len > sizeof ct - 1 && !strncasecmp(p, ct, sizeof ct - 1)) {
		r->event_stream = strcasestr(p, "text/event-stream") != NULL;
	}
	return len;
}

/* Server-sent events: each event's data lines, joined, are one message. */
void httpbridge_events(const char *s, size_t n, size_t max, void (*fn)(void *ctx, const char *data, size_t len),
                       void *ctx)
{
	struct sbuf data;
	sbuf_init(&data, max);
	size_t i = 0;
	while (i <= n) {
		size_t e = i;
		while (e < n && s[e] != '\n')
			e++;
		size_t l = e - i;
		if (l && s[i + l - 1] == '\r')
			l--;
		if (l == 0) {
			/* A blank line (or the end) dispatches the event. */
			if (data.len && !data.failed)
				fn(ctx, data.data, data.len);
			sbuf_finish(&data);
			sbuf_init(&data, max);
		} else if (l >= 5 && !strncmp(s + i, "data:", 5)) {
			size_t skip = l > 5 && s[i + 5] == ' ' ? 6 : 5;
			if (data.len)
				sbuf_addc(&data, '\n');
			sbuf_add(&data, s + i + skip, l - skip);
		}
		/* Other fields (event:, id:, retry:) and comments (":") carry
		 * nothing codecell mcp uses. */
		i = e + 1;
	}
	/* A body may end without the blank line. */
	if (data.len && !data.failed)
		fn(ctx, data.data, data.len);
	sbuf_finish(&data);
}

static void emit_event(void *ctx, const char *data, size_t len)
{
	(void)ctx;
	emit(data, len);
}

static void *post(void *arg)
{
	struct request *r = arg;
	CURL *h = curl_easy_init();
	struct curl_slist *hdr = NULL;
	char session_hdr[HTTPBRIDGE_MAX_SESSION + 32] = "";
	pthread_mutex_lock(&g.lock);
	if (g.session[0])
		snprintf(session_hdr, sizeof session_hdr, "Mcp-Session-Id: %s", g.session);
	pthread_mutex_unlock(&g.lock);
	for (struct curl_slist *s = g.headers; s; s = s->next)
		hdr = curl_slist_append(hdr, s->data);
	hdr = curl_slist_append(hdr, "Content-Type: application/json");
	hdr = curl_slist_append(hdr, "Accept: application/json, text/event-stream");
	if (!r->initialize)
		hdr = curl_slist_append(hdr, "MCP-Protocol-Version: " RPC_MCP_VERSION);
	if (session_hdr[0])
		hdr = curl_slist_append(hdr, session_hdr);
	if (!h || !hdr) {
		emit_error(r->id, "%s: cannot start an HTTP request", g.url);
		goto out;
	}
	curl_easy_setopt(h, CURLOPT_URL, g.url);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, r->line);
	curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)strlen(r->line));
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, r);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, g.timeout_ms);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	/* Credentials go to this server only: no redirects to elsewhere. */
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	CURLcode rc = curl_easy_perform(h);
	long status = 0;
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	if (rc == CURLE_WRITE_ERROR && r->body.failed) {
		emit_error(r->id, "%s: the answer is over the %ld-byte limit (limits.max_response)", g.url,
		           (long)g.max);
	} else if (rc != CURLE_OK) {
		emit_error(r->id, "%s: %s", g.url, curl_easy_strerror(rc));
	} else if (status == 404 && session_hdr[0]) {
		/* The server forgot the session: end, so codecell mcp restarts
		 * the bridge and initializes again. */
		fprintf(stderr, "codecell mcp: %s: the session expired (HTTP 404); reconnecting\n", g.url);
		exit(1);
	} else if (status >= 300) {
		emit_error(r->id, "%s: HTTP status %ld", g.url, status);
	} else {
		if (r->initialize && r->session[0]) {
			pthread_mutex_lock(&g.lock);
			memcpy(g.session, r->session, sizeof g.session);
			pthread_mutex_unlock(&g.lock);
		}
		if (r->body.len && r->event_stream)
			httpbridge_events(r->body.data, r->body.len, g.max, emit_event, NULL);
		else if (r->body.len)
			emit(r->body.data, r->body.len);
		else if (status != 202)
			emit_error(r->id, "%s: an empty answer (HTTP %ld)", g.url, status);
	}
out:
	curl_slist_free_all(hdr);
	if (h)
		curl_easy_cleanup(h);
	sbuf_finish(&r->body);
	cJSON_Delete(r->id);
	free(r->line);
	free(r);
	sem_post(&g.slots);
	return NULL;
}

int httpbridge_main(const char *url)
{
	g.url = url;
	const char *max = getenv(HTTPBRIDGE_ENV_MAX), *to = getenv(HTTPBRIDGE_ENV_TIMEOUT_MS);
	g.max = max ? strtoull(max, NULL, 10) : (4u << 20);
	g.timeout_ms = to ? strtol(to, NULL, 10) : 60000;
	const char *hs = getenv(HTTPBRIDGE_ENV_HEADERS);
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		fprintf(stderr, "codecell mcp: libcurl (libcurl.so.4) is not available: cannot reach %s\n", url);
		return 1;
	}
	for (const char *p = hs; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char *one = strndup(p, n);
		if (one && n)
			g.headers = curl_slist_append(g.headers, one);
		free(one);
		p += n + (nl ? 1 : 0);
	}
	/* The credentials stay in this process; the servers it is not for
	 * never see them, and neither does any program. */
	unsetenv(HTTPBRIDGE_ENV_HEADERS);
	sem_init(&g.slots, 0, HTTPBRIDGE_MAX_INFLIGHT);
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, stdin)) > 0) {
		if ((size_t)n > HTTPBRIDGE_MAX_LINE)
			continue;
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (!n)
			continue;
		struct request *r = calloc(1, sizeof *r);
		if (!r || !(r->line = strdup(line))) {
			free(r);
			continue;
		}
		cJSON *m = cjparse(line, strlen(line));
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(m, "id");
		const cJSON *method = cJSON_GetObjectItemCaseSensitive(m, "method");
		if (id && cJSON_IsString(method))
			r->id = cJSON_Duplicate(id, false);
		r->initialize = cJSON_IsString(method) && !strcmp(method->valuestring, "initialize");
		cJSON_Delete(m);
		sbuf_init(&r->body, g.max);
		sem_wait(&g.slots);
		pthread_t t;
		pthread_attr_t a;
		pthread_attr_init(&a);
		pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
		if (pthread_create(&t, &a, post, r) != 0) {
			emit_error(r->id, "%s: cannot start a request thread", url);
			sem_post(&g.slots);
			cJSON_Delete(r->id);
			free(r->line);
			free(r);
		}
		pthread_attr_destroy(&a);
	}
	free(line);
	/* stdin closed: codecell mcp is stopping this server. */
	return 0;
}
