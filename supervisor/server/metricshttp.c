/* metricshttp: see metricshttp.h. */
#include "metricshttp.h"

#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <microhttpd.h>

/* The soname of Debian's libmicrohttpd12 package. */
#define METRICSHTTP_SONAME "libmicrohttpd.so.12"

/* libmicrohttpd's entry points, from dlopen (metricshttp.h says why). */
struct mhd_api {
	struct MHD_Daemon *(*start_daemon)(unsigned int, uint16_t, MHD_AcceptPolicyCallback, void *,
	                                   MHD_AccessHandlerCallback, void *, ...);
	void (*stop_daemon)(struct MHD_Daemon *);
	enum MHD_Result (*run)(struct MHD_Daemon *);
	const union MHD_DaemonInfo *(*get_daemon_info)(struct MHD_Daemon *, enum MHD_DaemonInfoType, ...);
	enum MHD_Result (*get_timeout)(struct MHD_Daemon *, MHD_UNSIGNED_LONG_LONG *);
	struct MHD_Response *(*create_response_from_buffer)(size_t, void *, enum MHD_ResponseMemoryMode);
	enum MHD_Result (*add_response_header)(struct MHD_Response *, const char *, const char *);
	enum MHD_Result (*queue_response)(struct MHD_Connection *, unsigned int, struct MHD_Response *);
	void (*destroy_response)(struct MHD_Response *);
};

struct metricshttp {
	struct mhd_api api;
	void *lib;
	struct MHD_Daemon *d;
	int lfd, efd;
	metricshttp_render_fn render;
	void *ctx;
	char bound[INET6_ADDRSTRLEN + 16];
};

static int load_api(struct metricshttp *m, char *err, size_t errlen)
{
	m->lib = dlopen(METRICSHTTP_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!m->lib) {
		snprintf(err, errlen, "--metrics needs libmicrohttpd (%s; Debian package libmicrohttpd12): %s",
		         METRICSHTTP_SONAME, dlerror());
		return -ENOENT;
	}
	static const struct {
		size_t off;
		const char *name;
	} syms[] = {
	        {offsetof(struct mhd_api, start_daemon), "MHD_start_daemon"},
	        {offsetof(struct mhd_api, stop_daemon), "MHD_stop_daemon"},
	        {offsetof(struct mhd_api, run), "MHD_run"},
	        {offsetof(struct mhd_api, get_daemon_info), "MHD_get_daemon_info"},
	        {offsetof(struct mhd_api, get_timeout), "MHD_get_timeout"},
	        {offsetof(struct mhd_api, create_response_from_buffer), "MHD_create_response_from_buffer"},
	        {offsetof(struct mhd_api, add_response_header), "MHD_add_response_header"},
	        {offsetof(struct mhd_api, queue_response), "MHD_queue_response"},
	        {offsetof(struct mhd_api, destroy_response), "MHD_destroy_response"},
	};
	for (size_t i = 0; i < sizeof syms / sizeof syms[0]; i++) {
		void *f = dlsym(m->lib, syms[i].name);
		if (!f) {
			snprintf(err, errlen, "%s has no %s", METRICSHTTP_SONAME, syms[i].name);
			return -ENOENT;
		}
		memcpy((char *)&m->api + syms[i].off, &f, sizeof f);
	}
	return 0;
}

int metricshttp_parse_addr(const char *s, struct sockaddr_storage *ss, socklen_t *len)
{
	char host[INET6_ADDRSTRLEN + 1] = "127.0.0.1";
	const char *port = s;
	bool bracketed = s[0] == '[';
	if (bracketed) {
		const char *close = strchr(s, ']');
		if (!close || close[1] != ':' || (size_t)(close - s - 1) >= sizeof host)
			return -EINVAL;
		memcpy(host, s + 1, (size_t)(close - s - 1));
		host[close - s - 1] = '\0';
		port = close + 2;
	} else if (strchr(s, ':')) {
		const char *colon = strrchr(s, ':');
		if (colon == s || (size_t)(colon - s) >= sizeof host || memchr(s, ':', (size_t)(colon - s)))
			return -EINVAL;
		memcpy(host, s, (size_t)(colon - s));
		host[colon - s] = '\0';
		port = colon + 1;
	}
	char *end;
	errno = 0;
	unsigned long p = strtoul(port, &end, 10);
	if (errno || end == port || *end || *port == '-' || *port == '+' || p > 65535)
		return -EINVAL;
	memset(ss, 0, sizeof *ss);
	struct sockaddr_in *v4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)ss;
	if (!bracketed && inet_pton(AF_INET, host, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		v4->sin_port = htons((uint16_t)p);
		*len = sizeof *v4;
		return 0;
	}
	if (bracketed && inet_pton(AF_INET6, host, &v6->sin6_addr) == 1) {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons((uint16_t)p);
		*len = sizeof *v6;
		return 0;
	}
	return -EINVAL;
}

static enum MHD_Result answer(struct metricshttp *m, struct MHD_Connection *conn, unsigned code, char *body,
                              const char *type)
{
	if (!body)
		return MHD_NO; /* out of memory: the library drops the connection */
	struct MHD_Response *r = m->api.create_response_from_buffer(strlen(body), body, MHD_RESPMEM_MUST_FREE);
	if (!r) {
		free(body);
		return MHD_NO;
	}
	m->api.add_response_header(r, "Content-Type", type);
	if (code == 405)
		m->api.add_response_header(r, "Allow", "GET, HEAD");
	enum MHD_Result q = m->api.queue_response(conn, code, r);
	m->api.destroy_response(r);
	return q;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **req_cls)
{
	struct metricshttp *m = cls;
	(void)version;
	(void)upload_data;
	/* A body is never read: the answer below goes out at once and the
	 * library discards what follows. */
	*upload_data_size = 0;
	*req_cls = m;
	static const char text[] = "text/plain; charset=utf-8";
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
		return answer(m, conn, 405, strdup("only GET /metrics is served here\n"), text);
	if (strcmp(url, "/metrics") != 0)
		return answer(m, conn, 404, strdup("not found: the metrics are at /metrics\n"), text);
	char *page = m->render(m->ctx);
	if (!page)
		return answer(m, conn, 500, strdup("the metrics could not be rendered (out of memory)\n"), text);
	/* The exposition format's own content type (version 0.0.4). */
	return answer(m, conn, 200, page, "text/plain; version=0.0.4; charset=utf-8");
}

static int listen_on(struct metricshttp *m, const struct sockaddr_storage *addr, socklen_t addr_len, char *err,
                     size_t errlen)
{
	m->lfd = socket(addr->ss_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	int one = 1;
	if (m->lfd < 0 || setsockopt(m->lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
	    bind(m->lfd, (const struct sockaddr *)addr, addr_len) < 0 || listen(m->lfd, METRICSHTTP_MAX_CONNS) < 0) {
		int e = errno;
		snprintf(err, errlen, "--metrics: %s", strerror(e));
		return -e;
	}
	struct sockaddr_storage ss;
	socklen_t len;
	/* The port the kernel chose, for the log line and the tests. */
	len = sizeof ss;
	char host[INET6_ADDRSTRLEN] = "?";
	unsigned port = 0;
	if (getsockname(m->lfd, (struct sockaddr *)&ss, &len) == 0) {
		if (ss.ss_family == AF_INET) {
			struct sockaddr_in *v4 = (struct sockaddr_in *)&ss;
			inet_ntop(AF_INET, &v4->sin_addr, host, sizeof host);
			port = ntohs(v4->sin_port);
		} else {
			struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&ss;
			inet_ntop(AF_INET6, &v6->sin6_addr, host, sizeof host);
			port = ntohs(v6->sin6_port);
		}
	}
	snprintf(m->bound, sizeof m->bound, ss.ss_family == AF_INET6 ? "[%s]:%u" : "%s:%u", host, port);
	return 0;
}

int metricshttp_start(const struct sockaddr_storage *addr, socklen_t addr_len, metricshttp_render_fn render, void *ctx,
                      struct metricshttp **out, char *err, size_t errlen)
{
	struct metricshttp *m = calloc(1, sizeof *m);
	if (!m) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	m->lfd = m->efd = -1;
	m->render = render;
	m->ctx = ctx;
	int e = listen_on(m, addr, addr_len, err, errlen);
	if (e == 0)
		e = load_api(m, err, errlen);
	if (e == 0) {
		/* External epoll mode: no thread of the library's; the server's
		 * loop polls the one descriptor and calls MHD_run. */
		m->d = m->api.start_daemon(MHD_USE_EPOLL | MHD_USE_ERROR_LOG, 0, NULL, NULL, on_request, m,
		                           MHD_OPTION_LISTEN_SOCKET, m->lfd, MHD_OPTION_CONNECTION_LIMIT,
		                           (unsigned)METRICSHTTP_MAX_CONNS, MHD_OPTION_CONNECTION_TIMEOUT,
		                           (unsigned)METRICSHTTP_IDLE_TIMEOUT_S, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
		                           (size_t)METRICSHTTP_CONN_MEMORY, MHD_OPTION_END);
		const union MHD_DaemonInfo *di = m->d ? m->api.get_daemon_info(m->d, MHD_DAEMON_INFO_EPOLL_FD) : NULL;
		if (!di) {
			snprintf(err, errlen, "--metrics: libmicrohttpd could not start");
			e = -EIO;
		} else {
			m->efd = di->epoll_fd;
		}
	}
	if (e < 0) {
		metricshttp_stop(m);
		return e;
	}
	*out = m;
	return 0;
}

const char *metricshttp_bound(const struct metricshttp *m)
{
	return m->bound;
}

int metricshttp_fd(const struct metricshttp *m)
{
	return m->efd;
}

void metricshttp_run(struct metricshttp *m)
{
	(void)m->api.run(m->d);
}

int metricshttp_timeout_ms(const struct metricshttp *m)
{
	MHD_UNSIGNED_LONG_LONG t;
	if (m->api.get_timeout(m->d, &t) != MHD_YES)
		return -1;
	return t > 60000 ? 60000 : (int)t;
}

void metricshttp_stop(struct metricshttp *m)
{
	if (!m)
		return;
	if (m->d)
		m->api.stop_daemon(m->d);
	/* The daemon does not close a socket it was given. */
	if (m->lfd >= 0)
		close(m->lfd);
	if (m->lib)
		dlclose(m->lib);
	free(m);
}
