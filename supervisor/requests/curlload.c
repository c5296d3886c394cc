/* curlload: libcurl, loaded on first use instead of at exec.
 * Runs in: supervisor. Input: none (libcurl's own API, forwarded).
 *
 * Why: linking libcurl pulls about thirty shared libraries (TLS, HTTP/2,
 * LDAP, SSH...) into every `codecell run`, and mapping them costs ~3.8 ms
 * per run (docs/PERFORMANCE.md) — more than the whole sandbox setup — while
 * most runs never fetch. So the supervisor is linked against no libcurl;
 * fetch.c calls the functions below, which dlopen libcurl.so.4 the first
 * time one is used and forward to it. A machine without libcurl gets the
 * library's own failure codes (CURLE_FAILED_INIT, NULL handles), which
 * fetch.c already turns into clear errors. Single-threaded by design, like
 * the rest of the supervisor. */
#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>

#include <dlfcn.h>
#include <stdarg.h>
#include <stddef.h>

/* The soname Debian's libcurl4 packages (openssl and gnutls flavours) ship. */
#define CURLLOAD_SONAME "libcurl.so.4"

static struct {
	int state; /* 0 not tried, 1 loaded, -1 failed */
	CURLcode (*global_init)(long);
	CURL *(*easy_init)(void);
	void (*easy_cleanup)(CURL *);
	CURLcode (*easy_perform)(CURL *);
	CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
	CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
	const char *(*easy_strerror)(CURLcode);
	CURLM *(*multi_init)(void);
	CURLMcode (*multi_cleanup)(CURLM *);
	CURLMcode (*multi_add_handle)(CURLM *, CURL *);
	CURLMcode (*multi_remove_handle)(CURLM *, CURL *);
	CURLMcode (*multi_perform)(CURLM *, int *);
	CURLMcode (*multi_setopt)(CURLM *, CURLMoption, ...);
	CURLMcode (*multi_timeout)(CURLM *, long *);
	CURLMsg *(*multi_info_read)(CURLM *, int *);
	struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
	void (*slist_free_all)(struct curl_slist *);
} c;

static int load(void)
{
	if (c.state)
		return c.state;
	void *h = dlopen(CURLLOAD_SONAME, RTLD_NOW | RTLD_LOCAL);
	c.state = -1;
	if (!h)
		return c.state;
#define SYM(field, name)                                                                                               \
	do {                                                                                                           \
		*(void **)&c.field = dlsym(h, name);                                                                   \
		if (!c.field)                                                                                          \
			return c.state;                                                                                \
	} while (0)
	SYM(global_init, "curl_global_init");
	SYM(easy_init, "curl_easy_init");
	SYM(easy_cleanup, "curl_easy_cleanup");
	SYM(easy_perform, "curl_easy_perform");
	SYM(easy_setopt, "curl_easy_setopt");
	SYM(easy_getinfo, "curl_easy_getinfo");
	SYM(easy_strerror, "curl_easy_strerror");
	SYM(multi_init, "curl_multi_init");
	SYM(multi_cleanup, "curl_multi_cleanup");
	SYM(multi_add_handle, "curl_multi_add_handle");
	SYM(multi_remove_handle, "curl_multi_remove_handle");
	SYM(multi_perform, "curl_multi_perform");
	SYM(multi_setopt, "curl_multi_setopt");
	SYM(multi_timeout, "curl_multi_timeout");
	SYM(multi_info_read, "curl_multi_info_read");
	SYM(slist_append, "curl_slist_append");
	SYM(slist_free_all, "curl_slist_free_all");
#undef SYM
	c.state = 1;
	return c.state;
}

CURLcode curl_global_init(long flags)
{
	return load() > 0 ? c.global_init(flags) : CURLE_FAILED_INIT;
}

CURL *curl_easy_init(void)
{
	return load() > 0 ? c.easy_init() : NULL;
}

void curl_easy_cleanup(CURL *h)
{
	if (load() > 0)
		c.easy_cleanup(h);
}

/* curl's option numbers encode the argument type by range (curl.h:
 * CURLOPTTYPE_LONG 0, OBJECTPOINT 10000, FUNCTIONPOINT 20000, OFF_T 30000,
 * BLOB 40000); the variadic argument is forwarded as that type. */
/* codecell mcp's HTTP bridge (supervisor/mcp/httpbridge.c), a process of
 * its own, performs one request per thread; it loads the library (through
 * curl_global_init) before starting any. */
CURLcode curl_easy_perform(CURL *h)
{
	return load() > 0 ? c.easy_perform(h) : CURLE_FAILED_INIT;
}

CURLcode curl_easy_setopt(CURL *h, CURLoption opt, ...)
{
	if (load() <= 0)
		return CURLE_FAILED_INIT;
	va_list ap;
	va_start(ap, opt);
	CURLcode r;
	if (opt < CURLOPTTYPE_OBJECTPOINT)
		r = c.easy_setopt(h, opt, va_arg(ap, long));
	else if (opt < CURLOPTTYPE_FUNCTIONPOINT)
		r = c.easy_setopt(h, opt, va_arg(ap, void *));
	else if (opt < CURLOPTTYPE_OFF_T)
		r = c.easy_setopt(h, opt, va_arg(ap, void (*)(void)));
	else if (opt < CURLOPTTYPE_BLOB)
		r = c.easy_setopt(h, opt, va_arg(ap, curl_off_t));
	else
		r = c.easy_setopt(h, opt, va_arg(ap, void *));
	va_end(ap);
	return r;
}

/* Every curl_easy_getinfo argument is a pointer to the result. */
CURLcode curl_easy_getinfo(CURL *h, CURLINFO info, ...)
{
	if (load() <= 0)
		return CURLE_FAILED_INIT;
	va_list ap;
	va_start(ap, info);
	CURLcode r = c.easy_getinfo(h, info, va_arg(ap, void *));
	va_end(ap);
	return r;
}

const char *curl_easy_strerror(CURLcode code)
{
	return load() > 0 ? c.easy_strerror(code) : "libcurl (" CURLLOAD_SONAME ") could not be loaded";
}

CURLM *curl_multi_init(void)
{
	return load() > 0 ? c.multi_init() : NULL;
}

CURLMcode curl_multi_cleanup(CURLM *m)
{
	return load() > 0 ? c.multi_cleanup(m) : CURLM_INTERNAL_ERROR;
}

CURLMcode curl_multi_add_handle(CURLM *m, CURL *h)
{
	return load() > 0 ? c.multi_add_handle(m, h) : CURLM_INTERNAL_ERROR;
}

CURLMcode curl_multi_remove_handle(CURLM *m, CURL *h)
{
	return load() > 0 ? c.multi_remove_handle(m, h) : CURLM_INTERNAL_ERROR;
}

CURLMcode curl_multi_perform(CURLM *m, int *running)
{
	return load() > 0 ? c.multi_perform(m, running) : CURLM_INTERNAL_ERROR;
}

CURLMcode curl_multi_setopt(CURLM *m, CURLMoption opt, ...)
{
	if (load() <= 0)
		return CURLM_INTERNAL_ERROR;
	va_list ap;
	va_start(ap, opt);
	CURLMcode r;
	if (opt < CURLOPTTYPE_OBJECTPOINT)
		r = c.multi_setopt(m, opt, va_arg(ap, long));
	else if (opt < CURLOPTTYPE_FUNCTIONPOINT)
		r = c.multi_setopt(m, opt, va_arg(ap, void *));
	else if (opt < CURLOPTTYPE_OFF_T)
		r = c.multi_setopt(m, opt, va_arg(ap, void (*)(void)));
	else
		r = c.multi_setopt(m, opt, va_arg(ap, curl_off_t));
	va_end(ap);
	return r;
}

CURLMcode curl_multi_timeout(CURLM *m, long *ms)
{
	return load() > 0 ? c.multi_timeout(m, ms) : CURLM_INTERNAL_ERROR;
}

CURLMsg *curl_multi_info_read(CURLM *m, int *left)
{
	return load() > 0 ? c.multi_info_read(m, left) : NULL;
}

struct curl_slist *curl_slist_append(struct curl_slist *l, const char *s)
{
	return load() > 0 ? c.slist_append(l, s) : NULL;
}

void curl_slist_free_all(struct curl_slist *l)
{
	if (load() > 0)
		c.slist_free_all(l);
}
