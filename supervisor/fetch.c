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

static void set_err(struct fetch_error *e, const char *name, const char *code, const char *rule, const char *fmt, ...)
        __attribute__((format(printf, 5, 6)));

static void set_err(struct fetch_error *e, const char *name, const char *code, const char *rule, const char *fmt, ...)
{
	snprintf(e->name, sizeof(e->name), "%s", name);
	snprintf(e->code, sizeof(e->code), "%s", code ? code : "");
	snprintf(e->rule, sizeof(e->rule), "%s", rule ? rule : "");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->message, sizeof(e->message), fmt, ap);
	va_end(ap);
}

bool fetch_available(void)
{
	return FETCH_HAVE_CURL;
}

enum host_kind { HOST_EXACT, HOST_SUFFIX, HOST_IP };

struct rule {
	char *rule;
	char *scheme; /* NULL = both */
	enum host_kind kind;
	char *host; /* EXACT: name; SUFFIX: ".example.com" */
	struct netaddr net;
	unsigned prefix_len;
	uint16_t port;
	char **methods;
	size_t n_methods;
	char *path_prefix;
	bool allow_private;
};

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
	const struct rule *rule;
	char method[24];
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
	struct fetch_error err;
};

struct fetcher {
	struct rule *rules;
	size_t n_rules;
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

static void free_rule(struct rule *r)
{
	free(r->rule);
	free(r->scheme);
	free(r->host);
	for (size_t i = 0; i < r->n_methods; i++)
		free(r->methods[i]);
	free(r->methods);
	free(r->path_prefix);
}

static int load_rule(struct rule *r, const struct fetch_rule *c, char *err, size_t errlen)
{
	r->rule = strdup(c->rule ? c->rule : "network.allow");
	if (c->scheme && strcmp(c->scheme, "http") && strcmp(c->scheme, "https")) {
		snprintf(err, errlen, "%s: scheme must be http or https", r->rule);
		return -EINVAL;
	}
	r->scheme = c->scheme ? strdup(c->scheme) : NULL;
	const char *h = c->host ? c->host : "";
	const char *slash = strchr(h, '/');
	struct netaddr a;
	char tmp[NETADDR_TEXT_MAX + 1];
	size_t hl = slash ? (size_t)(slash - h) : strlen(h);
	if (hl > 0 && hl <= NETADDR_TEXT_MAX) {
		memcpy(tmp, h, hl);
		tmp[hl] = '\0';
	} else {
		tmp[0] = '\0';
	}
	if (tmp[0] && netaddr_parse(tmp, hl, &a) == 0) {
		r->kind = HOST_IP;
		r->net = a;
		unsigned maxp = a.family == AF_INET ? 32 : 128;
		r->prefix_len = maxp;
		if (slash) {
			char *end;
			unsigned long p = strtoul(slash + 1, &end, 10);
			if (*end || p > maxp || !slash[1]) {
				snprintf(err, errlen, "%s: bad CIDR prefix in '%s'", r->rule, h);
				return -EINVAL;
			}
			r->prefix_len = (unsigned)p;
		}
		r->host = strdup(h);
	} else if (slash || !*h) {
		snprintf(err, errlen, "%s: host '%s' is not a name, IP address or CIDR range", r->rule, h);
		return -EINVAL;
	} else if (h[0] == '*' && h[1] == '.' && h[2]) {
		r->kind = HOST_SUFFIX;
		r->host = strdup(h + 1);
	} else {
		r->kind = HOST_EXACT;
		r->host = strdup(h);
	}
	if (r->host)
		for (char *p = r->host; *p; p++)
			*p = (char)((*p >= 'A' && *p <= 'Z') ? *p - 'A' + 'a' : *p);
	r->port = c->port;
	r->n_methods = c->n_methods;
	r->methods = calloc(c->n_methods + 1, sizeof(char *));
	for (size_t i = 0; r->methods && i < c->n_methods; i++)
		r->methods[i] = strdup(c->methods[i]);
	r->path_prefix = c->path_prefix && strcmp(c->path_prefix, "/") ? strdup(c->path_prefix) : NULL;
	r->allow_private = c->allow_private;
	if (!r->rule || !r->host || !r->methods) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	return 0;
}

static int read_secret(const struct fetch_secret *c, char **out, char *err, size_t errlen)
{
	const char *rule = c->rule ? c->rule : "network.credentials";
	char *v = NULL;
	size_t n = 0;
	if (c->value_env && !c->value_file) {
		const char *e = getenv(c->value_env);
		if (!e) {
			snprintf(err, errlen, "%s: environment variable %s is not set", rule, c->value_env);
			return -ENOENT;
		}
		n = strlen(e);
		if (n > FETCH_SECRET_MAX) {
			snprintf(err, errlen, "%s: the secret is longer than %d bytes", rule, FETCH_SECRET_MAX);
			return -EFBIG;
		}
		v = strdup(e);
	} else if (c->value_file && !c->value_env) {
		int fd = open(c->value_file, O_RDONLY | O_CLOEXEC | O_NOCTTY);
		if (fd < 0) {
			snprintf(err, errlen, "%s: cannot open the secret file %s: %s", rule, c->value_file,
			         strerror(errno));
			return -errno;
		}
		v = malloc(FETCH_SECRET_MAX + 2);
		ssize_t k = 0;
		while (v && n < FETCH_SECRET_MAX + 1) {
			k = read(fd, v + n, FETCH_SECRET_MAX + 1 - n);
			if (k <= 0)
				break;
			n += (size_t)k;
		}
		close(fd);
		if (!v)
			return -ENOMEM;
		if (k < 0 || n > FETCH_SECRET_MAX) {
			free(v);
			snprintf(err, errlen, "%s: cannot read the secret file %s (or it is over %d bytes)", rule,
			         c->value_file, FETCH_SECRET_MAX);
			return -EFBIG;
		}
		v[n] = '\0';
		if (n && v[n - 1] == '\n')
			v[--n] = '\0';
		if (n && v[n - 1] == '\r')
			v[--n] = '\0';
	} else {
		snprintf(err, errlen, "%s: exactly one of a file and an environment variable must hold the secret",
		         rule);
		return -EINVAL;
	}
	if (!v)
		return -ENOMEM;
	if (n < FETCH_SECRET_MIN || memchr(v, '\r', n) || memchr(v, '\n', n) || strlen(v) != n) {
		snprintf(err, errlen,
		         "%s: the secret must be %d to %d bytes without CR, LF or NUL (short secrets cannot be "
		         "scrubbed reliably from responses)",
		         rule, FETCH_SECRET_MIN, FETCH_SECRET_MAX);
		explicit_bzero(v, n);
		free(v);
		return -EINVAL;
	}
	*out = v;
	return 0;
}

/* ---- request checks ---- */

static bool in_prefix(const struct netaddr *a, const struct rule *r)
{
	struct netaddr x = *a;
	/* Judge an IPv4-mapped address as IPv4. */
	static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
	if (x.family == AF_INET6 && memcmp(x.bytes, mapped, 12) == 0) {
		x.family = AF_INET;
		memmove(x.bytes, x.bytes + 12, 4);
		memset(x.bytes + 4, 0, 12);
	}
	if (x.family != r->net.family)
		return false;
	unsigned full = r->prefix_len / 8, rest = r->prefix_len % 8;
	if (memcmp(x.bytes, r->net.bytes, full) != 0)
		return false;
	if (!rest)
		return true;
	uint8_t m = (uint8_t)(0xff << (8 - rest));
	return (x.bytes[full] & m) == (r->net.bytes[full] & m);
}

static bool host_matches(const struct rule *r, const struct url *u)
{
	if (r->kind == HOST_IP)
		return u->host_is_ip && in_prefix(&u->addr, r);
	if (u->host_is_ip)
		return false;
	if (r->kind == HOST_EXACT)
		return strcmp(r->host, u->host) == 0;
	size_t hl = strlen(u->host), sl = strlen(r->host);
	return hl > sl && strcmp(u->host + hl - sl, r->host) == 0;
}

static bool path_matches(const struct rule *r, const struct url *u)
{
	if (!r->path_prefix)
		return true;
	size_t n, pl = strlen(r->path_prefix);
	const char *p = url_path_only(u, &n);
	if (n < pl || strncmp(p, r->path_prefix, pl) != 0)
		return false;
	/* "/v1" allows "/v1" and "/v1/..." but not "/v10". */
	return n == pl || r->path_prefix[pl - 1] == '/' || p[pl] == '/';
}

static bool method_matches(const struct rule *r, const char *m)
{
	if (r->n_methods == 0)
		return strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0;
	for (size_t i = 0; i < r->n_methods; i++)
		if (strcmp(r->methods[i], m) == 0)
			return true;
	return false;
}

/* Whether the rule lets a connection go to address a. */
static bool addr_allowed(const struct rule *r, const struct netaddr *a)
{
	if (r->kind == HOST_IP)
		return in_prefix(a, r);
	return r->allow_private || netaddr_classify(a) == NETADDR_PUBLIC;
}

static const struct rule *decide(struct fetcher *f, const struct url *u, const char *method, const char *what,
                                 struct fetch_error *e)
{
	for (size_t i = 0; i < f->n_rules; i++) {
		const struct rule *r = &f->rules[i];
		uint16_t port = r->port ? r->port : (strcmp(u->scheme, "https") == 0 ? 443 : 80);
		if (r->scheme && strcmp(r->scheme, u->scheme))
			continue;
		if (!host_matches(r, u) || port != u->port || !method_matches(r, method) || !path_matches(r, u))
			continue;
		if (u->host_is_ip && !addr_allowed(r, &u->addr)) {
			set_err(e, "PermissionDenied", "EPRIVATEADDR", r->rule,
			        "%s to %s (a %s address) is not allowed by policy", what, u->host,
			        netaddr_class_name(netaddr_classify(&u->addr)));
			return NULL;
		}
		return r;
	}
	char *s = url_format(u);
	set_err(e, "PermissionDenied", "EPOLICY", "network.default",
	        "%s %s %s is not allowed by policy (no network rule allows this scheme, host, "
	        "port, method and path)",
	        what, method, s ? s : u->host);
	free(s);
	return NULL;
}

static bool token_char(unsigned char c)
{
	return c > 0x20 && c < 0x7f && !strchr("\"(),/:;<=>?@[\\]{}", c);
}

static const char *const forbidden_headers[] = {
        "host",    "content-length", "transfer-encoding",   "connection",       "keep-alive", "upgrade", "te",
        "trailer", "expect",         "proxy-authorization", "proxy-connection",
};

/* Checks one guest header; returns NULL or why it is refused. */
static const char *bad_header(const char *name, const char *value)
{
	size_t nl = strlen(name), vl = strlen(value);
	if (nl == 0 || nl + vl + 2 > FETCH_MAX_HEADER_BYTES)
		return "header name empty or header too long";
	for (size_t i = 0; i < nl; i++)
		if (!token_char((unsigned char)name[i]))
			return "invalid character in header name";
	for (size_t i = 0; i < vl; i++) {
		unsigned char c = (unsigned char)value[i];
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return "control character in header value";
	}
	for (size_t i = 0; i < sizeof(forbidden_headers) / sizeof(forbidden_headers[0]); i++)
		if (strcasecmp(name, forbidden_headers[i]) == 0)
			return "this header is set by the supervisor";
	return NULL;
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
	if (!t->rule || !addr_allowed(t->rule, &a)) {
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
static int start_hop(struct transfer *t, struct fetch_error *e)
{
	struct fetcher *f = t->f;
	uint64_t now = now_ms();
	if (now >= t->deadline_ms) {
		set_err(e, "TimeoutError", "ETIMEDOUT", NULL, "fetch timed out after %llu ms (the policy's limit)",
		        (unsigned long long)f->timeout_ms);
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
		set_err(e, "Error", "ENOMEM", NULL, "out of memory");
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
		char name[FETCH_MAX_HEADER_BYTES];
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
		set_err(e, "Error", "EIO", NULL, "could not start the transfer");
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
	char msg[sizeof(t->err.message)];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	set_err(&t->err, name, code, t->rule ? t->rule->rule : NULL, "%s", msg);
	finish(t);
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
		cJSON *val = cJSON_GetArrayItem(h, 1);
		if (cJSON_IsString(val))
			scrub(f, val->valuestring, strlen(val->valuestring));
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
	snprintf(t->err.rule, sizeof(t->err.rule), "%s", t->rule ? t->rule->rule : "");
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
		set_err(&t->err, "PermissionDenied", "EPRIVATEADDR", t->rule ? t->rule->rule : NULL,
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
	struct fetch_error e = {0};
	const struct rule *r = decide(f, &next, t->method, "redirect to", &e);
	url_free(&t->url);
	t->url = next;
	if (!r) {
		t->err = e;
		finish(t);
		return;
	}
	t->rule = r;
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
	uint64_t frame = cfg->max_frame ? cfg->max_frame : LIMITS_DEFAULT_MAX_FRAME;
	uint64_t fit = frame > FETCH_REPLY_OVERHEAD ? (frame - FETCH_REPLY_OVERHEAD) / 4 * 3 : 0;
	if (fit < 1024) {
		snprintf(err, errlen, "max frame %llu is too small to carry HTTP responses", (unsigned long long)frame);
		goto fail;
	}
	f->max_body = cfg->max_response_bytes && cfg->max_response_bytes < fit ? cfg->max_response_bytes : fit;
	f->max_request = cfg->max_request_bytes ? cfg->max_request_bytes : frame;
	f->timeout_ms = cfg->timeout_ms ? cfg->timeout_ms : FETCH_DEFAULT_TIMEOUT_MS;
	f->max_redirects = cfg->max_redirects == FETCH_NO_REDIRECTS ? 0
	                   : cfg->max_redirects                     ? cfg->max_redirects
	                                                            : FETCH_DEFAULT_MAX_REDIRECTS;
	f->max_concurrent = cfg->max_concurrent ? cfg->max_concurrent : FETCH_DEFAULT_MAX_CONCURRENT;
	f->rules = calloc(cfg->n_rules + 1, sizeof(*f->rules));
	f->secrets = calloc(cfg->n_secrets + 1, sizeof(*f->secrets));
	if (!f->rules || !f->secrets) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	for (size_t i = 0; i < cfg->n_rules; i++) {
		f->n_rules = i + 1;
		if (load_rule(&f->rules[i], &cfg->rules[i], err, errlen) < 0)
			goto fail;
	}
	for (size_t i = 0; i < cfg->n_secrets; i++) {
		const struct fetch_secret *c = &cfg->secrets[i];
		struct secret *s = &f->secrets[i];
		f->n_secrets = i + 1;
		if (!c->host || !c->header || bad_header(c->header, "")) {
			snprintf(err, errlen, "%s: a credential needs a host and a valid header name",
			         c->rule ? c->rule : "network.credentials");
			goto fail;
		}
		if (read_secret(c, &s->raw, err, errlen) < 0)
			goto fail;
		s->raw_len = strlen(s->raw);
		const char *pre = c->prefix ? c->prefix : "";
		size_t n = strlen(c->header) + 2 + strlen(pre) + s->raw_len + 1;
		s->value = malloc(n);
		s->host = strdup(c->host);
		s->header = strdup(c->header);
		s->rule = strdup(c->rule ? c->rule : "network.credentials");
		if (!s->value || !s->host || !s->header || !s->rule) {
			snprintf(err, errlen, "out of memory");
			goto fail;
		}
		snprintf(s->value, n, "%s: %s%s", c->header, pre, s->raw);
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

/* Reads the guest's headers: an array of [name, value] pairs or an object. */
static int read_headers(struct transfer *t, const cJSON *hs, struct fetch_error *e)
{
	if (!hs || cJSON_IsNull(hs))
		return 0;
	if (!cJSON_IsArray(hs) && !cJSON_IsObject(hs)) {
		set_err(e, "TypeError", "ERR_INVALID_ARG_TYPE", NULL,
		        "fetch headers must be an array of pairs or an object");
		return -EPROTO;
	}
	int n = cJSON_GetArraySize(hs);
	if (n > FETCH_MAX_REQUEST_HEADERS) {
		set_err(e, "TypeError", "ERR_INVALID_ARG_VALUE", NULL, "too many request headers (%d > %d)", n,
		        FETCH_MAX_REQUEST_HEADERS);
		return -EINVAL;
	}
	t->hdr_lines = calloc((size_t)n + 1, sizeof(char *));
	if (!t->hdr_lines)
		return -ENOMEM;
	const cJSON *h;
	cJSON_ArrayForEach(h, hs)
	{
		const char *name, *value;
		if (cJSON_IsArray(hs)) {
			const cJSON *a = cJSON_GetArrayItem(h, 0), *b = cJSON_GetArrayItem(h, 1);
			if (!cJSON_IsArray(h) || cJSON_GetArraySize(h) != 2 || !cJSON_IsString(a) ||
			    !cJSON_IsString(b)) {
				set_err(e, "TypeError", "ERR_INVALID_ARG_TYPE", NULL,
				        "fetch headers must be [name, value] string pairs");
				return -EPROTO;
			}
			name = a->valuestring;
			value = b->valuestring;
		} else {
			if (!cJSON_IsString(h)) {
				set_err(e, "TypeError", "ERR_INVALID_ARG_TYPE", NULL,
				        "fetch header values must be strings");
				return -EPROTO;
			}
			name = h->string;
			value = h->valuestring;
		}
		const char *why = bad_header(name, value);
		if (why) {
			set_err(e, "TypeError", "ERR_INVALID_HEADER", NULL, "invalid request header '%.64s': %s", name,
			        why);
			return -EINVAL;
		}
		size_t l = strlen(name) + strlen(value) + 3;
		char *line = malloc(l);
		if (!line)
			return -ENOMEM;
		/* "Name;" is curl's way to send an empty value. */
		if (value[0])
			snprintf(line, l, "%s: %s", name, value);
		else
			snprintf(line, l, "%s;", name);
		t->hdr_lines[t->n_hdrs++] = line;
	}
	return 0;
}

int fetcher_start(struct fetcher *f, uint64_t id, const cJSON *req, struct fetch_error *e)
{
	memset(e, 0, sizeof(*e));
	const cJSON *jurl = cJSON_GetObjectItemCaseSensitive(req, "url");
	const cJSON *jmethod = cJSON_GetObjectItemCaseSensitive(req, "method");
	const cJSON *jredir = cJSON_GetObjectItemCaseSensitive(req, "redirect");
	if (!cJSON_IsObject(req) || !cJSON_IsString(jurl) ||
	    (jmethod && !cJSON_IsNull(jmethod) && !cJSON_IsString(jmethod)) ||
	    (jredir && !cJSON_IsNull(jredir) && !cJSON_IsString(jredir))) {
		set_err(e, "TypeError", "ERR_INVALID_ARG_TYPE", NULL,
		        "fetch request needs 'url' (string); 'method' and 'redirect' must be strings");
		return -EPROTO;
	}
	if (!FETCH_HAVE_CURL) {
		set_err(e, "NotSupportedError", "ENOTSUP", NULL,
		        "fetch is unavailable: this codecell was built without libcurl");
		return -ENOTSUP;
	}
	if (f->count >= f->max_concurrent) {
		set_err(e, "Error", "EAGAIN", NULL, "too many fetches in flight (limit %u); await some first",
		        f->max_concurrent);
		return -EAGAIN;
	}
	struct transfer *t = calloc(1, sizeof(*t));
	if (!t) {
		set_err(e, "Error", "ENOMEM", NULL, "out of memory");
		return -ENOMEM;
	}
	t->f = f;
	t->id = id;
	int r;
	const char *why = NULL;
	r = url_parse(jurl->valuestring, strlen(jurl->valuestring), &t->url, &why);
	if (r < 0) {
		set_err(e, "TypeError", "ERR_INVALID_URL", NULL, "fetch failed: invalid URL '%.200s': %s",
		        jurl->valuestring, why);
		scrub(f, e->message, strlen(e->message));
		free_transfer(t);
		return r == -ENOMEM ? r : -EINVAL;
	}
	const char *m = cJSON_IsString(jmethod) ? jmethod->valuestring : "GET";
	size_t ml = strlen(m);
	if (ml == 0 || ml >= sizeof(t->method)) {
		set_err(e, "TypeError", "ERR_INVALID_ARG_VALUE", NULL, "invalid HTTP method");
		free_transfer(t);
		return -EINVAL;
	}
	for (size_t i = 0; i < ml; i++) {
		if (!token_char((unsigned char)m[i])) {
			set_err(e, "TypeError", "ERR_INVALID_ARG_VALUE", NULL, "invalid HTTP method '%.24s'", m);
			free_transfer(t);
			return -EINVAL;
		}
		t->method[i] = m[i];
	}
	/* fetch() normalises these six case-insensitively; others stay as given. */
	static const char *const norm[] = {"DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"};
	for (size_t i = 0; i < sizeof(norm) / sizeof(norm[0]); i++)
		if (strcasecmp(t->method, norm[i]) == 0)
			snprintf(t->method, sizeof(t->method), "%s", norm[i]);
	if (strcmp(t->method, "CONNECT") == 0 || strcmp(t->method, "TRACE") == 0 || strcmp(t->method, "TRACK") == 0) {
		set_err(e, "TypeError", "ERR_INVALID_ARG_VALUE", NULL, "HTTP method %s is not allowed", t->method);
		free_transfer(t);
		return -EINVAL;
	}
	const char *rd = cJSON_IsString(jredir) ? jredir->valuestring : "follow";
	if (strcmp(rd, "follow") == 0)
		t->redirect_mode = 0;
	else if (strcmp(rd, "manual") == 0)
		t->redirect_mode = 1;
	else if (strcmp(rd, "error") == 0)
		t->redirect_mode = 2;
	else {
		set_err(e, "TypeError", "ERR_INVALID_ARG_VALUE", NULL,
		        "redirect must be 'follow', 'manual' or 'error'");
		free_transfer(t);
		return -EINVAL;
	}
	r = jsonbytes_get(req, "body", "bodyEncoding", &t->body, &t->body_len);
	if (r == -EPROTO) {
		set_err(e, "TypeError", "ERR_INVALID_ARG_TYPE", NULL,
		        "fetch body must be a string with bodyEncoding 'utf8' or 'base64'");
		free_transfer(t);
		return -EPROTO;
	}
	if (r == -EINVAL) {
		set_err(e, "TypeError", "ERR_INVALID_ARG_VALUE", NULL, "fetch body is not valid base64");
		free_transfer(t);
		return -EINVAL;
	}
	if (r < 0 && r != -ENOENT) {
		set_err(e, "Error", "ENOMEM", NULL, "out of memory");
		free_transfer(t);
		return r;
	}
	if (t->body && (strcmp(t->method, "GET") == 0 || strcmp(t->method, "HEAD") == 0)) {
		set_err(e, "TypeError", "ERR_INVALID_ARG_VALUE", NULL, "Request with GET/HEAD method cannot have body");
		free_transfer(t);
		return -EINVAL;
	}
	if (t->body_len > f->max_request) {
		set_err(e, "TypeError", "ETOOLARGE", NULL, "request body too large (%zu bytes > limit %llu)",
		        t->body_len, (unsigned long long)f->max_request);
		free_transfer(t);
		return -EFBIG;
	}
	r = read_headers(t, cJSON_GetObjectItemCaseSensitive(req, "headers"), e);
	if (r < 0) {
		if (r == -ENOMEM)
			set_err(e, "Error", "ENOMEM", NULL, "out of memory");
		free_transfer(t);
		return r;
	}
	t->rule = decide(f, &t->url, t->method, "fetch", e);
	if (!t->rule) {
		free_transfer(t);
		return -EACCES;
	}
	t->orig_host = strdup(t->url.host);
	t->deadline_ms = now_ms() + f->timeout_ms;
#if FETCH_HAVE_CURL
	if (!t->orig_host || (r = start_hop(t, e)) < 0) {
		if (!t->orig_host)
			set_err(e, "Error", "ENOMEM", NULL, "out of memory");
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

int fetcher_next_done(struct fetcher *f, uint64_t *id, cJSON **reply_value, struct fetch_error *err)
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
	for (size_t i = 0; i < f->n_rules; i++)
		free_rule(&f->rules[i]);
	free(f->rules);
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
