/* fetch: see fetch.h.
 *
 * The security argument, in order of the request's life:
 *  1. The URL is parsed once (url.c) into a canonical form; that form is what
 *     the rules are matched against and what curl is given (with
 *     CURLOPT_PATH_AS_IS), so the policy check and the request cannot differ.
 *  2. A rule must allow scheme, host, port, method and path; none = denied.
 *  3. Every socket curl opens goes through open_socket(), which classifies
 *     the address actually being connected to: private and reserved ranges
 *     are refused unless the rule names them (IP/CIDR host or allow_private).
 *     DNS answers, rebinding and numeric spellings therefore cannot reach an
 *     internal address by a back door. Proxies are disabled.
 *  4. Redirects are never followed by curl: each Location is resolved here
 *     and the new hop goes through steps 1-3 again; secret headers are only
 *     sent while the hop's host equals the original request's host.
 *  5. Sizes (headers, body), total time and hop count are capped, and every
 *     secret value is scrubbed from what goes back to the guest. */
#include "fetch.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "jsonbytes.h"
#include "netaddr.h"
#include "policy.h"
#include "runlimits.h"
#include "url.h"

#if __has_include(<curl/curl.h>)
#define FETCH_HAVE_CURL 1
#include <curl/curl.h>
#else
#define FETCH_HAVE_CURL 0
#endif

/* JSON around a response body in a reply frame: status, URL (URL_MAX, at
 * most doubled by escaping), statusText, and the headers (escaping at most
 * doubles their bytes; control bytes in header values are refused). */
#define FETCH_REPLY_OVERHEAD                                                                                           \
	(2u * URL_MAX + 2u * FETCH_MAX_RESPONSE_HEADER_BYTES + 16u * FETCH_MAX_RESPONSE_HEADERS + 4096u)
/* statusText kept from the status line. */
#define FETCH_STATUS_TEXT_MAX 128

bool fetch_available(void)
{
	return FETCH_HAVE_CURL;
}

struct secret {
	char *host, *header, *value, *rule;
	char *raw; /* the secret alone, for scrubbing */
	size_t raw_len;
};

struct fetcher;

struct transfer {
	struct fetcher *f;
	struct transfer *next;
	uint64_t id;
	/* request state across hops */
	struct url url;
	char *orig_host;
	const struct policy_net_rule *rule;
	const char *rule_name; /* the deciding rule, for errors and the audit */
	char approved[600];    /* the approval key an ASK was approved for, or "" */
	char method[GUESTMSG_METHOD_MAX + 1];
	uint8_t *body;
	size_t body_len;
	char **hdr_lines; /* "Name: value" from the guest */
	size_t n_hdrs;
	int redirect_mode; /* 0 follow, 1 manual, 2 error */
	unsigned hops;
	uint64_t deadline_ms;
	/* per hop */
#if FETCH_HAVE_CURL
	CURL *easy;
	struct curl_slist *slist;
#endif
	uint8_t *resp;
	size_t resp_len, resp_cap;
	bool too_large, hdr_overflow, addr_denied;
	char addr_msg[400];
	cJSON *headers; /* [[name, value], ...] of the current response */
	size_t hdr_bytes;
	char status_text[FETCH_STATUS_TEXT_MAX];
	char *location;
	/* outcome */
	bool done;
	cJSON *value;
	struct req_error err;
};

struct fetcher {
	const struct policy *policy;
	void (*on_hop)(void *ctx, const char *what, enum policy_verdict v, const char *rule);
	void *hop_ctx;
	struct secret *secrets;
	size_t n_secrets;
	uint64_t max_body, max_request, timeout_ms;
	unsigned max_redirects, max_concurrent;
	struct transfer *list; /* all transfers not yet taken */
	unsigned count;
#if FETCH_HAVE_CURL
	CURLM *multi;
	struct pollfd *socks;
	size_t n_socks, cap_socks;
#endif
};

static uint64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* ---- configuration ---- */

/* Loads a credential's secret through the policy's one reader
 * (policy_cred_resolve) and keeps the header line and the bare secret. */
static int load_secret(const struct policy_cred *c, struct secret *s, char *err, size_t errlen)
{
	const char *rule = c->rule ? c->rule : "network.credentials";
	char *v = NULL;
	int r = policy_cred_resolve(c, &v);
	if (r == -ENOENT) {
		snprintf(err, errlen, "%s: environment variable %s is not set", rule, c->env ? c->env : "?");
		return r;
	}
	if (r == -ENOMEM) {
		snprintf(err, errlen, "out of memory");
		return r;
	}
	size_t pl = strlen(c->prefix ? c->prefix : "");
	size_t n = v ? strlen(v) - pl : 0;
	if (r < 0 || n < FETCH_SECRET_MIN || n > FETCH_SECRET_MAX) {
		if (r < 0 && r != -EINVAL && r != -EFBIG)
			snprintf(err, errlen, "%s: cannot read the secret file %s: %s", rule, c->file ? c->file : "?",
			         strerror(-r));
		else
			snprintf(err, errlen,
			         "%s: the secret must be %d to %d bytes without CR, LF or NUL (short secrets cannot be "
			         "scrubbed reliably from responses)",
			         rule, FETCH_SECRET_MIN, FETCH_SECRET_MAX);
		if (v)
			explicit_bzero(v, strlen(v));
		free(v);
		return r < 0 ? r : -EINVAL;
	}
	s->raw = strdup(v + pl);
	s->raw_len = n;
	size_t ln = strlen(c->header) + 2 + strlen(v) + 1;
	s->value = malloc(ln);
	if (s->value)
		snprintf(s->value, ln, "%s: %s", c->header, v);
	explicit_bzero(v, strlen(v));
	free(v);
	s->host = strdup(c->host);
	s->header = strdup(c->header);
	s->rule = strdup(rule);
	if (!s->raw || !s->value || !s->host || !s->header || !s->rule) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	return 0;
}

static const struct secret *secret_for(const struct fetcher *f, const char *host, const char *header)
{
	for (size_t i = 0; i < f->n_secrets; i++)
		if (strcmp(f->secrets[i].host, host) == 0 && (!header || strcasecmp(f->secrets[i].header, header) == 0))
			return &f->secrets[i];
	return NULL;
}

/* Overwrites every occurrence of every secret in buf with '*'. */
static void scrub(const struct fetcher *f, char *buf, size_t n)
{
	for (size_t i = 0; i < f->n_secrets; i++) {
		const struct secret *s = &f->secrets[i];
		char *p = buf;
		size_t left = n;
		char *hit;
		while (left >= s->raw_len && (hit = memmem(p, left, s->raw, s->raw_len))) {
			memset(hit, '*', s->raw_len);
			left -= (size_t)(hit - p) + s->raw_len;
			p = hit + s->raw_len;
		}
	}
}

static void free_transfer(struct transfer *t)
{
	if (!t)
		return;
#if FETCH_HAVE_CURL
	if (t->easy) {
		curl_multi_remove_handle(t->f->multi, t->easy);
		curl_easy_cleanup(t->easy);
	}
	curl_slist_free_all(t->slist);
#endif
	url_free(&t->url);
	free(t->orig_host);
	free(t->body);
	for (size_t i = 0; i < t->n_hdrs; i++)
		free(t->hdr_lines[i]);
	free(t->hdr_lines);
	free(t->resp);
	cJSON_Delete(t->headers);
	free(t->location);
	cJSON_Delete(t->value);
	free(t);
}

#if FETCH_HAVE_CURL

/* ---- curl callbacks ---- */

static curl_socket_t open_socket(void *p, curlsocktype purpose, struct curl_sockaddr *addr)
{
	struct transfer *t = p;
	struct netaddr a;
	if (purpose != CURLSOCKTYPE_IPCXN || netaddr_from_sockaddr(&addr->addr, addr->addrlen, &a) < 0) {
		t->addr_denied = true;
		snprintf(t->addr_msg, sizeof(t->addr_msg), "a non-IP connection");
		return CURL_SOCKET_BAD;
	}
	/* The connect-time check is the engine's own (policydecide.c). */
	if (!t->rule || !policy_net_addr_allowed(t->rule, &addr->addr, addr->addrlen)) {
		char txt[NETADDR_FORMAT_MAX];
		netaddr_format(&a, txt, sizeof(txt));
		t->addr_denied = true;
		snprintf(t->addr_msg, sizeof(t->addr_msg), "%s resolves to %s, a %s address", t->url.host, txt,
		         netaddr_class_name(netaddr_classify(&a)));
		return CURL_SOCKET_BAD;
	}
	int fd = socket(addr->family, addr->socktype | SOCK_CLOEXEC, addr->protocol);
	return fd < 0 ? CURL_SOCKET_BAD : fd;
}

static size_t on_body(char *data, size_t size, size_t nmemb, void *p)
{
	struct transfer *t = p;
	size_t n = size * nmemb;
	if (t->resp_len + n > t->f->max_body) {
		t->too_large = true;
		return 0; /* aborts the transfer with CURLE_WRITE_ERROR */
	}
	if (t->resp_len + n > t->resp_cap) {
		size_t cap = t->resp_cap ? t->resp_cap : 16384;
		while (cap < t->resp_len + n)
			cap *= 2;
		if (cap > t->f->max_body)
			cap = t->f->max_body;
		uint8_t *nb = realloc(t->resp, cap);
		if (!nb)
			return 0;
		t->resp = nb;
		t->resp_cap = cap;
	}
	memcpy(t->resp + t->resp_len, data, n);
	t->resp_len += n;
	return n;
}

static size_t on_header(char *data, size_t size, size_t nmemb, void *p)
{
	struct transfer *t = p;
	size_t n = size * nmemb;
	t->hdr_bytes += n;
	if (t->hdr_bytes > FETCH_MAX_RESPONSE_HEADER_BYTES) {
		t->hdr_overflow = true;
		return 0;
	}
	while (n > 0 && (data[n - 1] == '\n' || data[n - 1] == '\r'))
		n--;
	if (n >= 5 && strncmp(data, "HTTP/", 5) == 0) {
		/* A new response (after 1xx): start over. */
		cJSON_Delete(t->headers);
		t->headers = cJSON_CreateArray();
		free(t->location);
		t->location = NULL;
		t->status_text[0] = '\0';
		const char *sp = memchr(data, ' ', n);
		const char *sp2 = sp ? memchr(sp + 1, ' ', n - (size_t)(sp + 1 - data)) : NULL;
		if (sp2) {
			size_t l = n - (size_t)(sp2 + 1 - data);
			if (l >= sizeof(t->status_text))
				l = sizeof(t->status_text) - 1;
			memcpy(t->status_text, sp2 + 1, l);
			t->status_text[l] = '\0';
			if (!jsonbytes_is_utf8((uint8_t *)t->status_text, l))
				t->status_text[0] = '\0';
		}
		return size * nmemb;
	}
	const char *colon = memchr(data, ':', n);
	if (!colon || !t->headers)
		return size * nmemb;
	if (cJSON_GetArraySize(t->headers) >= FETCH_MAX_RESPONSE_HEADERS) {
		t->hdr_overflow = true;
		return 0;
	}
	size_t nl = (size_t)(colon - data);
	const char *v = colon + 1;
	size_t vl = n - nl - 1;
	while (vl && (*v == ' ' || *v == '\t')) {
		v++;
		vl--;
	}
	while (vl && (v[vl - 1] == ' ' || v[vl - 1] == '\t'))
		vl--;
	char name[256], *val = malloc(vl + 1);
	if (!val || nl == 0 || nl >= sizeof(name)) {
		free(val);
		return size * nmemb;
	}
	for (size_t i = 0; i < nl; i++)
		name[i] = (char)((data[i] >= 'A' && data[i] <= 'Z') ? data[i] - 'A' + 'a' : data[i]);
	name[nl] = '\0';
	memcpy(val, v, vl);
	val[vl] = '\0';
	bool ok = jsonbytes_is_utf8((uint8_t *)name, nl) && jsonbytes_is_utf8((uint8_t *)val, vl);
	for (size_t i = 0; ok && i < vl; i++)
		if ((unsigned char)val[i] < 0x20 && val[i] != '\t')
			ok = false;
	if (ok) {
		if (strcmp(name, "location") == 0) {
			free(t->location);
			t->location = strdup(val);
		}
		cJSON *pair = cJSON_CreateArray();
		cJSON_AddItemToArray(pair, cJSON_CreateString(name));
		cJSON_AddItemToArray(pair, cJSON_CreateString(val));
		cJSON_AddItemToArray(t->headers, pair);
	}
	free(val);
	return size * nmemb;
}

static int on_socket(CURL *easy, curl_socket_t s, int what, void *p, void *sockp)
{
	struct fetcher *f = p;
	(void)easy;
	(void)sockp;
	size_t i;
	for (i = 0; i < f->n_socks; i++)
		if (f->socks[i].fd == s)
			break;
	if (what == CURL_POLL_REMOVE) {
		if (i < f->n_socks)
			f->socks[i] = f->socks[--f->n_socks];
		return 0;
	}
	if (i == f->n_socks) {
		if (f->n_socks == f->cap_socks) {
			size_t cap = f->cap_socks ? f->cap_socks * 2 : 16;
			struct pollfd *ns = realloc(f->socks, cap * sizeof(*ns));
			if (!ns)
				return -1;
			f->socks = ns;
			f->cap_socks = cap;
		}
		f->n_socks++;
	}
	f->socks[i].fd = s;
	f->socks[i].events = (short)(((what & CURL_POLL_IN) ? POLLIN : 0) | ((what & CURL_POLL_OUT) ? POLLOUT : 0));
	f->socks[i].revents = 0;
	return 0;
}

/* Sets up and adds the easy handle for the transfer's current hop. */
static int start_hop(struct transfer *t, struct req_error *e)
{
	struct fetcher *f = t->f;
	uint64_t now = now_ms();
	if (now >= t->deadline_ms) {
		req_error_set(e, "TimeoutError", "ETIMEDOUT", NULL,
		              "fetch timed out after %llu ms (the policy's limit)", (unsigned long long)f->timeout_ms);
		return -ETIMEDOUT;
	}
	if (t->easy) {
		curl_multi_remove_handle(f->multi, t->easy);
		curl_easy_cleanup(t->easy);
		t->easy = NULL;
	}
	curl_slist_free_all(t->slist);
	t->slist = NULL;
	t->resp_len = 0;
	t->too_large = t->hdr_overflow = t->addr_denied = false;
	t->hdr_bytes = 0;
	cJSON_Delete(t->headers);
	t->headers = cJSON_CreateArray();
	free(t->location);
	t->location = NULL;

	char *u = url_format(&t->url);
	CURL *c = curl_easy_init();
	if (!u || !c || !t->headers) {
		free(u);
		if (c)
			curl_easy_cleanup(c);
		req_error_set(e, "Error", "ENOMEM", NULL, "out of memory");
		return -ENOMEM;
	}
	t->easy = c;
	bool same_host = strcmp(t->url.host, t->orig_host) == 0;
	const struct secret *sec = same_host ? secret_for(f, t->url.host, NULL) : NULL;
	struct curl_slist *sl = NULL;
	bool has_ua = false;
	for (size_t i = 0; i < t->n_hdrs; i++) {
		const char *line = t->hdr_lines[i];
		size_t nl = strcspn(line, ":;");
		char name[GUESTMSG_MAX_HEADER_BYTES];
		memcpy(name, line, nl);
		name[nl] = '\0';
		/* A guest header never replaces a secret one, and credentials
		 * the guest set itself do not follow a redirect elsewhere. */
		if (same_host && secret_for(f, t->url.host, name))
			continue;
		if (!same_host && (strcasecmp(name, "authorization") == 0 || strcasecmp(name, "cookie") == 0))
			continue;
		if (strcasecmp(name, "user-agent") == 0)
			has_ua = true;
		sl = curl_slist_append(sl, line);
	}
	for (size_t i = 0; sec && i < f->n_secrets; i++) {
		const struct secret *s = &f->secrets[i];
		if (strcmp(s->host, t->url.host) == 0)
			sl = curl_slist_append(sl, s->value);
	}
	if (!has_ua)
		sl = curl_slist_append(sl, "User-Agent: codecell-fetch/1");
	/* No 100-continue round trip: bodies are small and already here. */
	sl = curl_slist_append(sl, "Expect:");
	t->slist = sl;

	uint64_t left = t->deadline_ms - now;
	curl_easy_setopt(c, CURLOPT_URL, u);
	free(u);
	curl_easy_setopt(c, CURLOPT_PRIVATE, t);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_PATH_AS_IS, 1L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	/* Environment proxies would move the connection to an address the
	 * socket check never sees as the target. */
	curl_easy_setopt(c, CURLOPT_PROXY, "");
	curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, open_socket);
	curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, t);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, t);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, t);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)left);
	curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)f->max_body);
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, sl);
	curl_easy_setopt(c, CURLOPT_NETRC, (long)CURL_NETRC_IGNORED);
	if (strcmp(t->method, "HEAD") == 0) {
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	} else if (strcmp(t->method, "GET") != 0) {
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, t->method);
		if (t->body || strcmp(t->method, "POST") == 0 || strcmp(t->method, "PUT") == 0 ||
		    strcmp(t->method, "PATCH") == 0) {
			curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)t->body_len);
			curl_easy_setopt(c, CURLOPT_POSTFIELDS, t->body ? (char *)t->body : "");
		}
	}
	if (curl_multi_add_handle(f->multi, c) != CURLM_OK) {
		req_error_set(e, "Error", "EIO", NULL, "could not start the transfer");
		return -EIO;
	}
	return 0;
}

static void finish(struct transfer *t)
{
	t->done = true;
	if (t->easy) {
		curl_multi_remove_handle(t->f->multi, t->easy);
		curl_easy_cleanup(t->easy);
		t->easy = NULL;
	}
	scrub(t->f, t->err.message, strlen(t->err.message));
}

static void fail(struct transfer *t, const char *name, const char *code, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));

static void fail(struct transfer *t, const char *name, const char *code, const char *fmt, ...)
{
	/* Scrubbed before it is cut to the message's size: a secret straddling
	 * the cut would otherwise leave a prefix, and the scrubber an oracle. */
	char msg[sizeof(t->err.message) + FETCH_SECRET_MAX + 256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	scrub(t->f, msg, strlen(msg));
	req_error_set(&t->err, name, code, t->rule_name, "%s", msg);
	finish(t);
}

/* Whether buf holds any secret value verbatim. */
static bool has_secret(const struct fetcher *f, const char *buf, size_t n)
{
	for (size_t i = 0; i < f->n_secrets; i++)
		if (f->secrets[i].raw_len && memmem(buf, n, f->secrets[i].raw, f->secrets[i].raw_len))
			return true;
	return false;
}

/* Builds the reply value from the final response. */
static void respond(struct transfer *t, long status)
{
	struct fetcher *f = t->f;
	cJSON *v = cJSON_CreateObject();
	char *u = url_format(&t->url);
	if (!v || !u) {
		cJSON_Delete(v);
		free(u);
		fail(t, "Error", "ENOMEM", "out of memory");
		return;
	}
	scrub(f, u, strlen(u));
	scrub(f, t->status_text, strlen(t->status_text));
	cJSON *h;
	cJSON_ArrayForEach(h, t->headers)
	{
		/* Names too: a hostile server can reflect a secret as a name. */
		for (int k = 0; k < 2; k++) {
			cJSON *part = cJSON_GetArrayItem(h, k);
			if (cJSON_IsString(part))
				scrub(f, part->valuestring, strlen(part->valuestring));
		}
	}
	scrub(f, (char *)t->resp, t->resp_len);
	cJSON_AddNumberToObject(v, "status", (double)status);
	cJSON_AddStringToObject(v, "statusText", t->status_text);
	cJSON_AddStringToObject(v, "url", u);
	cJSON_AddBoolToObject(v, "redirected", t->hops > 0);
	cJSON_AddItemToObject(v, "headers", t->headers);
	t->headers = NULL;
	free(u);
	if (jsonbytes_add(v, "body", "bodyEncoding", t->resp ? t->resp : (const uint8_t *)"", t->resp_len, false) < 0) {
		cJSON_Delete(v);
		fail(t, "Error", "ENOMEM", "out of memory");
		return;
	}
	t->value = v;
	snprintf(t->err.rule, sizeof(t->err.rule), "%s", t->rule_name ? t->rule_name : "");
	finish(t);
}

static bool is_redirect(long s)
{
	return s == 301 || s == 302 || s == 303 || s == 307 || s == 308;
}

static void hop_done(struct transfer *t, CURLcode rc)
{
	struct fetcher *f = t->f;
	char *u = url_format(&t->url);
	const char *us = u ? u : t->url.host;
	if (t->addr_denied) {
		req_error_set(&t->err, "PermissionDenied", "EPRIVATEADDR", t->rule_name,
		              "connecting to %s is not allowed by policy (%s; only rules naming the "
		              "address or allowing private addresses permit it)",
		              us, t->addr_msg);
		free(u);
		finish(t);
		return;
	}
	if (t->too_large || rc == CURLE_FILESIZE_EXCEEDED) {
		fail(t, "NetworkError", "ETOOLARGE", "fetch %s: response body larger than the %llu-byte limit", us,
		     (unsigned long long)f->max_body);
		free(u);
		return;
	}
	if (t->hdr_overflow) {
		fail(t, "NetworkError", "ETOOLARGE",
		     "fetch %s: response headers exceed the limit (%d headers, %u bytes)", us,
		     FETCH_MAX_RESPONSE_HEADERS, FETCH_MAX_RESPONSE_HEADER_BYTES);
		free(u);
		return;
	}
	if (rc == CURLE_OPERATION_TIMEDOUT) {
		fail(t, "TimeoutError", "ETIMEDOUT", "fetch %s timed out after %llu ms (the policy's limit)", us,
		     (unsigned long long)f->timeout_ms);
		free(u);
		return;
	}
	if (rc != CURLE_OK) {
		fail(t, "NetworkError", "EFETCH", "fetch %s failed: %s", us, curl_easy_strerror(rc));
		free(u);
		return;
	}
	free(u);
	long status = 0;
	curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
	if (!is_redirect(status) || !t->location || t->redirect_mode == 1) {
		respond(t, status);
		return;
	}
	/* A redirect to follow ourselves: resolve, check, maybe change method. */
	struct url next;
	const char *why = NULL;
	if (url_resolve(&t->url, t->location, strlen(t->location), &next, &why) < 0) {
		fail(t, "TypeError", "EREDIRECT", "fetch failed: the server redirected to an invalid URL (%s)", why);
		return;
	}
	char *ns = url_format(&next);
	if (t->redirect_mode == 2) {
		fail(t, "TypeError", "EREDIRECT", "fetch failed: unexpected redirect to %s (redirect mode is '%s')",
		     ns ? ns : "?", "error");
		free(ns);
		url_free(&next);
		return;
	}
	if (++t->hops > f->max_redirects) {
		fail(t, "TypeError", "EREDIRECT", "fetch failed: more than %u redirects (last to %s)", f->max_redirects,
		     ns ? ns : "?");
		free(ns);
		url_free(&next);
		return;
	}
	free(ns);
	if (status == 303 ? strcmp(t->method, "HEAD") != 0
	                  : ((status == 301 || status == 302) && strcmp(t->method, "POST") == 0)) {
		snprintf(t->method, sizeof(t->method), "GET");
		free(t->body);
		t->body = NULL;
		t->body_len = 0;
	}
	/* A Location carrying a secret is refused without echoing it: the
	 * denial message would otherwise be the leak (issue 9). */
	char *loc = url_format(&next);
	bool carries = loc ? has_secret(f, loc, strlen(loc)) : true;
	free(loc);
	if (carries) {
		url_free(&next);
		fail(t, "PermissionDenied", "EPOLICY",
		     "fetch failed: the server redirected to a URL that carries a credential value; not followed");
		return;
	}
	/* Every hop is decided again by the engine. An ASK is only what was
	 * already approved (the same origin and method); anything else would
	 * be an approval never asked. */
	struct req_error e = {0};
	struct policy_net_decision d;
	enum policy_verdict v = policy_net_decide(f->policy, &next, t->method, "redirect to", &d);
	if (v == POLICY_ASK) {
		char key[sizeof(t->approved)];
		policy_net_approval_key(&next, t->method, key, sizeof(key));
		if (!t->approved[0] || strcmp(key, t->approved) != 0) {
			char *s2 = url_format(&next);
			req_error_set(&d.deny, "PermissionDenied", "EPOLICY", d.rule,
			              "redirect to %s needs an approval of its own; fetch it directly",
			              s2 ? s2 : next.host);
			free(s2);
			v = POLICY_DENY;
		}
	}
	if (f->on_hop) {
		char what[700];
		size_t plen;
		const char *path = url_path_only(&next, &plen);
		snprintf(what, sizeof(what), "%s %s://%s:%u%.*s (redirect)", t->method, next.scheme, next.host,
		         (unsigned)next.port, (int)(plen > 500 ? 500 : plen), path);
		f->on_hop(f->hop_ctx, what, v, d.rule ? d.rule : "network.default");
	}
	url_free(&t->url);
	t->url = next;
	if (v == POLICY_DENY) {
		t->err = d.deny;
		finish(t);
		return;
	}
	t->rule = d.net_rule;
	t->rule_name = d.rule;
	if (start_hop(t, &e) < 0) {
		t->err = e;
		finish(t);
	}
}

#endif /* FETCH_HAVE_CURL */

/* ---- public interface ---- */

struct fetcher *fetcher_create(const struct fetch_config *cfg, char *err, size_t errlen)
{
	struct fetcher *f = calloc(1, sizeof(*f));
	if (!f) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	const struct policy_net *pn = policy_net(cfg->policy);
	f->policy = cfg->policy;
	f->on_hop = cfg->on_hop;
	f->hop_ctx = cfg->hop_ctx;
	uint64_t frame = cfg->max_frame ? cfg->max_frame : LIMITS_DEFAULT_MAX_FRAME;
	uint64_t fit = frame > FETCH_REPLY_OVERHEAD ? (frame - FETCH_REPLY_OVERHEAD) / 4 * 3 : 0;
	if (fit < 1024) {
		snprintf(err, errlen, "max frame %llu is too small to carry HTTP responses", (unsigned long long)frame);
		goto fail;
	}
	f->max_body = pn->max_response_bytes && pn->max_response_bytes < fit ? pn->max_response_bytes : fit;
	f->max_request = pn->max_request_bytes ? pn->max_request_bytes : frame;
	f->timeout_ms = pn->timeout_ms ? pn->timeout_ms : FETCH_DEFAULT_TIMEOUT_MS;
	/* In the policy 0 redirects means none. */
	f->max_redirects = (unsigned)pn->max_redirects;
	f->max_concurrent = cfg->max_concurrent ? cfg->max_concurrent : FETCH_DEFAULT_MAX_CONCURRENT;
	const struct policy_cred *creds = cfg->creds ? cfg->creds : pn->creds;
	size_t n_creds = cfg->creds ? cfg->n_creds : pn->n_creds;
	f->secrets = calloc(n_creds + 1, sizeof(*f->secrets));
	if (!f->secrets) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	for (size_t i = 0; i < n_creds; i++) {
		f->n_secrets = i + 1;
		if (load_secret(&creds[i], &f->secrets[i], err, errlen) < 0)
			goto fail;
	}
#if FETCH_HAVE_CURL
	static bool curl_ready;
	if (!curl_ready) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
			snprintf(err, errlen, "libcurl initialisation failed");
			goto fail;
		}
		curl_ready = true;
	}
	f->multi = curl_multi_init();
	if (!f->multi) {
		snprintf(err, errlen, "libcurl multi handle: out of memory");
		goto fail;
	}
	curl_multi_setopt(f->multi, CURLMOPT_SOCKETFUNCTION, on_socket);
	curl_multi_setopt(f->multi, CURLMOPT_SOCKETDATA, f);
#endif
	return f;
fail:
	fetcher_destroy(f);
	return NULL;
}

int fetcher_start(struct fetcher *f, uint64_t id, struct guest_fetch_req *q, const struct policy_net_decision *d,
                  const char *approved_key, struct req_error *e)
{
	memset(e, 0, sizeof(*e));
	if (!d || d->verdict != POLICY_ALLOW || !d->net_rule) {
		req_error_set(e, "PermissionDenied", "EPOLICY", "network.default",
		              "fetch %.200s was not decided by policy", q->url_text ? q->url_text : "?");
		return -EACCES;
	}
	if (!FETCH_HAVE_CURL) {
		req_error_set(e, "NotSupportedError", "ENOTSUP", NULL,
		              "fetch is unavailable: this codecell was built without libcurl");
		return -ENOTSUP;
	}
	if (f->count >= f->max_concurrent) {
		req_error_set(e, "Error", "EAGAIN", NULL, "too many fetches in flight (limit %u); await some first",
		              f->max_concurrent);
		return -EAGAIN;
	}
	if (q->body_len > f->max_request) {
		req_error_set(e, "TypeError", "ETOOLARGE", NULL, "request body too large (%zu bytes > limit %llu)",
		              q->body_len, (unsigned long long)f->max_request);
		return -EFBIG;
	}
	struct transfer *t = calloc(1, sizeof(*t));
	if (!t) {
		req_error_set(e, "Error", "ENOMEM", NULL, "out of memory");
		return -ENOMEM;
	}
	t->f = f;
	t->id = id;
	/* The request's parts move into the transfer. */
	t->url = q->url;
	memset(&q->url, 0, sizeof(q->url));
	memcpy(t->method, q->method, sizeof(t->method));
	t->body = q->body;
	t->body_len = q->body_len;
	q->body = NULL;
	t->hdr_lines = q->headers;
	t->n_hdrs = q->n_headers;
	q->headers = NULL;
	q->n_headers = 0;
	t->redirect_mode = (int)q->redirect;
	t->rule = d->net_rule;
	t->rule_name = d->rule;
	snprintf(t->approved, sizeof(t->approved), "%s", approved_key ? approved_key : "");
	t->orig_host = strdup(t->url.host);
	t->deadline_ms = now_ms() + f->timeout_ms;
#if FETCH_HAVE_CURL
	int r = 0;
	if (!t->orig_host || (r = start_hop(t, e)) < 0) {
		if (!t->orig_host)
			req_error_set(e, "Error", "ENOMEM", NULL, "out of memory");
		free_transfer(t);
		return t->orig_host ? r : -ENOMEM;
	}
#endif
	t->next = f->list;
	f->list = t;
	f->count++;
	return 0;
}

int fetcher_fds(struct fetcher *f, struct pollfd *fds, int max, int *timeout_ms)
{
	int n = 0;
#if FETCH_HAVE_CURL
	for (size_t i = 0; i < f->n_socks && n < max; i++)
		fds[n++] = f->socks[i];
	long t = -1;
	if (f->count > 0)
		curl_multi_timeout(f->multi, &t);
	for (struct transfer *x = f->list; x; x = x->next)
		if (x->done)
			t = 0;
	if (t >= 0 && (*timeout_ms < 0 || t < *timeout_ms))
		*timeout_ms = (int)t;
#else
	(void)f;
	(void)fds;
	(void)max;
	(void)timeout_ms;
#endif
	return n;
}

int fetcher_perform(struct fetcher *f)
{
#if FETCH_HAVE_CURL
	int running = 0;
	if (curl_multi_perform(f->multi, &running) != CURLM_OK)
		return -EIO;
	CURLMsg *msg;
	int left;
	while ((msg = curl_multi_info_read(f->multi, &left))) {
		if (msg->msg != CURLMSG_DONE)
			continue;
		struct transfer *t = NULL;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&t);
		if (t && !t->done)
			hop_done(t, msg->data.result);
	}
	unsigned active = 0;
	for (struct transfer *x = f->list; x; x = x->next)
		active += !x->done;
	return (int)active;
#else
	(void)f;
	return 0;
#endif
}

int fetcher_next_done(struct fetcher *f, uint64_t *id, cJSON **reply_value, struct req_error *err)
{
	for (struct transfer **pp = &f->list; *pp; pp = &(*pp)->next) {
		struct transfer *t = *pp;
		if (!t->done)
			continue;
		*pp = t->next;
		f->count--;
		*id = t->id;
		*reply_value = t->value;
		t->value = NULL;
		*err = t->err;
		free_transfer(t);
		return 1;
	}
	return 0;
}

unsigned fetcher_inflight(const struct fetcher *f)
{
	return f ? f->count : 0;
}

void fetcher_destroy(struct fetcher *f)
{
	if (!f)
		return;
	while (f->list) {
		struct transfer *t = f->list;
		f->list = t->next;
		free_transfer(t);
	}
#if FETCH_HAVE_CURL
	if (f->multi)
		curl_multi_cleanup(f->multi);
	free(f->socks);
#endif
	for (size_t i = 0; i < f->n_secrets; i++) {
		struct secret *s = &f->secrets[i];
		if (s->raw)
			explicit_bzero(s->raw, s->raw_len);
		if (s->value)
			explicit_bzero(s->value, strlen(s->value));
		free(s->raw);
		free(s->value);
		free(s->host);
		free(s->header);
		free(s->rule);
	}
	free(f->secrets);
	free(f);
}
