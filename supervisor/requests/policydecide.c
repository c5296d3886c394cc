/* policydecide: the decisions made from a loaded policy (tools, caps,
 * filesystem paths, network requests and addresses, credentials, the
 * approval cache). Runs in: supervisor. Input: untrusted guest-supplied
 * names, paths and URL parts; every function bounds and checks them. */
#include "policy_int.h"

#include <limits.h>

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "netaddr.h"
#include "url.h"
#include "util.h"

/* Longest tool namespace or name considered; longer ones are denied
 * unseen (the guest's frame limit already bounds them). */
#define TOOL_NAME_MAX 256

const char *policy_verdict_name(enum policy_verdict v)
{
	return v == POLICY_ALLOW ? "allow" : v == POLICY_ASK ? "ask" : "deny";
}

/* ---- tools ------------------------------------------------------------- */

static bool tool_full_name(const char *ns, const char *name, char *out, size_t n)
{
	if (!ns || !name || !*ns || !*name || strlen(ns) > TOOL_NAME_MAX || strlen(name) > TOOL_NAME_MAX)
		return false;
	for (const char *s = ns; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f || *s == '.')
			return false; /* a '.' in ns would make "a.b"+"c" match "a.*" patterns oddly */
	for (const char *s = name; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return false;
	snprintf(out, n, "%s.%s", ns, name);
	return true;
}

static const struct policy_pattern *match_list(const struct policy_pattern *l, size_t n, const char *full)
{
	for (size_t i = 0; i < n; i++)
		if (fnmatch(l[i].pat, full, 0) == 0)
			return &l[i];
	return NULL;
}

enum policy_verdict policy_tool(const struct policy *p, const char *ns, const char *name, const char **rule)
{
	char full[2 * TOOL_NAME_MAX + 2];
	const struct policy_pattern *m;
	const char *dummy;
	if (!rule)
		rule = &dummy;
	if (!tool_full_name(ns, name, full, sizeof(full))) {
		*rule = "invalid tool name";
		return POLICY_DENY;
	}
	if ((m = match_list(p->deny, p->n_deny, full))) {
		*rule = m->rule;
		return POLICY_DENY;
	}
	if ((m = match_list(p->ask, p->n_ask, full))) {
		*rule = m->rule;
		return POLICY_ASK;
	}
	if ((m = match_list(p->allow, p->n_allow, full))) {
		*rule = m->rule;
		return POLICY_ALLOW;
	}
	*rule = "default deny";
	return POLICY_DENY;
}

struct policy_caps {
	const struct policy *p;
	uint64_t used[];
};

struct policy_caps *policy_caps_new(const struct policy *p)
{
	struct policy_caps *c = calloc(1, sizeof(*c) + p->n_caps * sizeof(uint64_t));
	if (c)
		c->p = p;
	return c;
}

void policy_caps_free(struct policy_caps *c)
{
	free(c);
}

int policy_caps_take(struct policy_caps *c, const char *ns, const char *name, const char **rule)
{
	char full[2 * TOOL_NAME_MAX + 2];
	const struct policy *p = c->p;
	if (rule)
		*rule = NULL;
	if (!tool_full_name(ns, name, full, sizeof(full))) {
		if (rule)
			*rule = "invalid tool name";
		return -EDQUOT;
	}
	/* Check every cap first so a refused call counts against none. */
	for (size_t i = 0; i < p->n_caps; i++)
		if (fnmatch(p->caps[i].pat, full, 0) == 0 && c->used[i] >= p->caps[i].cap) {
			if (rule)
				*rule = p->caps[i].rule;
			return -EDQUOT;
		}
	for (size_t i = 0; i < p->n_caps; i++)
		if (fnmatch(p->caps[i].pat, full, 0) == 0)
			c->used[i]++;
	return 0;
}

/* ---- filesystem ---------------------------------------------------------- */

int policy_vpath_normalize(const char *in, char *out, const char **why)
{
	size_t n = strnlen(in, POLICY_VPATH_MAX + 1);
	if (n == 0) {
		*why = "path must not be empty";
		return -EINVAL;
	}
	if (n > POLICY_VPATH_MAX) {
		*why = "name too long";
		return -ENAMETOOLONG;
	}
	if (in[0] != '/') {
		*why = "path must be absolute (start with '/', e.g. '/workspace/file.txt')";
		return -EINVAL;
	}
	/* Component offsets into out, to pop on "..". */
	size_t stack[POLICY_VPATH_MAX / 2 + 1];
	size_t depth = 0, len = 0;
	const char *p = in + 1;
	while (*p) {
		const char *s = strchr(p, '/');
		size_t cl = s ? (size_t)(s - p) : strlen(p);
		if (cl == 0) {
			if (!s[1])
				break; /* one trailing '/' */
			*why = "path has an empty component";
			return -EINVAL;
		}
		if (cl > NAME_MAX) {
			*why = "a component is longer than NAME_MAX";
			return -ENAMETOOLONG;
		}
		for (size_t i = 0; i < cl; i++)
			if ((unsigned char)p[i] < 0x20 || p[i] == 0x7f) {
				/* A control byte in a name is never what a person
				 * meant, and terminals and logs would hide it. */
				*why = "path holds a control character";
				return -EINVAL;
			}
		if (cl == 1 && p[0] == '.') {
			/* nothing */
		} else if (cl == 2 && p[0] == '.' && p[1] == '.') {
			if (depth > 0)
				len = stack[--depth];
		} else {
			stack[depth++] = len;
			out[len++] = '/';
			memcpy(out + len, p, cl);
			len += cl;
		}
		p += cl;
		if (*p == '/')
			p++;
	}
	if (len == 0)
		out[len++] = '/';
	out[len] = '\0';
	return 0;
}

enum policy_verdict policy_fs_decide(const struct policy *p, const char *vpath, bool write,
                                     struct policy_fs_decision *d)
{
	const char *access = write ? "write" : "read";
	memset(d, 0, sizeof(*d));
	d->write = write;
	d->rel = "";
	d->verdict = POLICY_DENY;
	const char *why = NULL;
	int r = vpath ? policy_vpath_normalize(vpath, d->vpath, &why) : -EINVAL;
	if (r < 0) {
		d->vpath[0] = '\0';
		d->rule = "invalid path";
		if (r == -ENAMETOOLONG)
			req_error_set(&d->deny, "Error", "ENAMETOOLONG", NULL, "ENAMETOOLONG: %s, '%.200s'", why,
			              vpath ? vpath : "");
		else
			req_error_set(&d->deny, "TypeError", "ERR_INVALID_ARG_VALUE", NULL, "%s: '%.200s'",
			              why ? why : "path must be a string", vpath ? vpath : "");
		return POLICY_DENY;
	}
	const struct policy_mount *best = NULL;
	size_t best_i = 0, best_len = 0;
	for (size_t i = 0; i < p->fs.n_mounts; i++) {
		const struct policy_mount *m = &p->fs.mounts[i];
		size_t ml = strcmp(m->path, "/") == 0 ? 0 : strlen(m->path);
		if (strncmp(d->vpath, m->path, ml) != 0 || (d->vpath[ml] != '\0' && d->vpath[ml] != '/'))
			continue;
		if (!best || ml > best_len) {
			best = m;
			best_i = i;
			best_len = ml;
		}
	}
	if (!best) {
		char list[256] = "";
		for (size_t i = 0; i < p->fs.n_mounts; i++) {
			size_t l = strlen(list);
			snprintf(list + l, sizeof(list) - l, "%s%s", i ? ", " : "", p->fs.mounts[i].path);
		}
		d->rule = "fs.default";
		req_error_set(&d->deny, "PermissionDenied", "EACCES", d->rule,
		              "%s access to %s is not allowed by policy (%s%s)", access, d->vpath,
		              p->fs.n_mounts ? "accessible paths: " : "no filesystem is configured", list);
		return POLICY_DENY;
	}
	d->rule = best->rule;
	if (write && !best->writable) {
		req_error_set(&d->deny, "PermissionDenied", "EACCES", d->rule,
		              "write access to %s is not allowed by policy (%s is read-only)", d->vpath, best->path);
		return POLICY_DENY;
	}
	d->mount = best;
	d->mount_index = best_i;
	d->rel = d->vpath + best_len;
	while (*d->rel == '/')
		d->rel++;
	d->verdict =
	        best->ask == POLICY_ASK_ALWAYS || (best->ask == POLICY_ASK_WRITES && write) ? POLICY_ASK : POLICY_ALLOW;
	return d->verdict;
}

void policy_fs_approval_key(const struct policy_fs_decision *d, char *out, size_t n)
{
	snprintf(out, n, "%s %s", d->mount ? d->mount->path : "?", d->write ? "write" : "read");
}

/* ---- network ---------------------------------------------------------- */

unsigned policy_method_bit(const char *m)
{
	static const char *const names[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
	if (!m)
		return 0;
	for (unsigned i = 0; i < 7; i++)
		if (strcmp(m, names[i]) == 0)
			return 1u << i;
	return 0;
}

int policy_parse_ip(const char *s, int *family, unsigned char addr[16], unsigned *prefix_len)
{
	char buf[64];
	const char *slash = strchr(s, '/');
	size_t n = slash ? (size_t)(slash - s) : strlen(s);
	if (n == 0 || n >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, s, n);
	buf[n] = '\0';
	memset(addr, 0, 16);
	if (inet_pton(AF_INET, buf, addr) == 1)
		*family = AF_INET;
	else if (inet_pton(AF_INET6, buf, addr) == 1)
		*family = AF_INET6;
	else
		return -EINVAL;
	unsigned max = *family == AF_INET ? 32 : 128;
	*prefix_len = max;
	if (slash) {
		const char *q = slash + 1;
		unsigned v = 0;
		if (!*q || strlen(q) > 3)
			return -EINVAL;
		for (; *q; q++) {
			if (*q < '0' || *q > '9')
				return -EINVAL;
			v = v * 10 + (unsigned)(*q - '0');
		}
		if (v > max)
			return -EINVAL;
		*prefix_len = v;
	}
	/* Clear host bits so the range is its network address. */
	for (unsigned bit = *prefix_len; bit < max; bit++)
		addr[bit / 8] &= (unsigned char)~(0x80u >> (bit % 8));
	return 0;
}

/* Whether a and b agree on their first `bits` bits. */
static bool prefix_eq(const unsigned char *a, const unsigned char *b, unsigned bits)
{
	unsigned full = bits / 8, rest = bits % 8;
	if (memcmp(a, b, full) != 0)
		return false;
	if (!rest)
		return true;
	unsigned char mask = (unsigned char)(0xFF << (8 - rest));
	return (a[full] & mask) == (b[full] & mask);
}

bool policy_range_is_reserved(int family, const unsigned char *addr, unsigned prefix_len)
{
	struct netaddr net = {.family = family};
	memcpy(net.bytes, addr, family == AF_INET ? 4 : 16);
	return !netaddr_range_is_public(&net, prefix_len);
}

/* An IPv4-mapped IPv6 address, judged as the IPv4 address. */
static struct netaddr unmapped(const struct netaddr *a)
{
	static const unsigned char pfx[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
	struct netaddr x = *a;
	if (x.family == AF_INET6 && memcmp(x.bytes, pfx, 12) == 0) {
		x.family = AF_INET;
		memmove(x.bytes, x.bytes + 12, 4);
		memset(x.bytes + 4, 0, 12);
	}
	return x;
}

static bool rule_holds(const struct policy_net_rule *r, const struct netaddr *a)
{
	struct netaddr x = unmapped(a);
	struct netaddr net = {.family = r->family};
	memcpy(net.bytes, r->addr, 16);
	unsigned len = r->prefix_len;
	if (net.family == AF_INET6 && len >= 96) {
		struct netaddr n4 = unmapped(&net);
		if (n4.family == AF_INET) {
			net = n4;
			len -= 96;
		}
	}
	return x.family == net.family && prefix_eq(x.bytes, net.bytes, len);
}

static bool addr_allowed(const struct policy_net_rule *r, const struct netaddr *a)
{
	if (!r->allow_private && netaddr_classify(a) != NETADDR_PUBLIC)
		return false;
	return r->host_kind != POLICY_HOST_IP || rule_holds(r, a);
}

bool policy_net_addr_allowed(const struct policy_net_rule *r, const struct sockaddr *sa, socklen_t len)
{
	struct netaddr a;
	if (!r || !sa || netaddr_from_sockaddr(sa, len, &a) < 0)
		return false;
	return addr_allowed(r, &a);
}

bool policy_host_matches(const struct policy_net_rule *r, const char *host)
{
	switch (r->host_kind) {
	case POLICY_HOST_EXACT: return strcmp(host, r->host) == 0;
	case POLICY_HOST_SUFFIX: {
		size_t h = strlen(host), s = strlen(r->host);
		return h > s && strcmp(host + h - s, r->host) == 0;
	}
	case POLICY_HOST_IP: {
		struct netaddr a;
		if (netaddr_parse(host, strlen(host), &a) < 0)
			return false;
		return rule_holds(r, &a);
	}
	}
	return false;
}

static bool url_host_matches(const struct policy_net_rule *r, const struct url *u)
{
	if (r->host_kind == POLICY_HOST_IP)
		return u->host_is_ip && rule_holds(r, &u->addr);
	return !u->host_is_ip && policy_host_matches(r, u->host);
}

/* Dot segments and encoded dots, slashes or backslashes could walk out of a
 * path prefix on a server that decodes before routing. */
static bool safe_path(const char *path, size_t n)
{
	if (n == 0 || path[0] != '/')
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)path[i];
		if (c <= 0x20 || c == 0x7f || c == '\\' || c == '#')
			return false;
		if (c == '%' && i + 2 < n + 0 && path[i + 1] == '2' &&
		    (path[i + 2] == 'e' || path[i + 2] == 'E' || path[i + 2] == 'f' || path[i + 2] == 'F'))
			return false;
		if (c == '%' && i + 2 < n + 0 && path[i + 1] == '5' && (path[i + 2] == 'c' || path[i + 2] == 'C'))
			return false;
	}
	size_t i = 1;
	for (;;) {
		size_t k = 0;
		while (i + k < n && path[i + k] != '/')
			k++;
		if ((k == 1 && path[i] == '.') || (k == 2 && path[i] == '.' && path[i + 1] == '.'))
			return false;
		if (i + k >= n)
			return true;
		i += k + 1;
	}
}

/* "/v1" allows "/v1" and "/v1/..." but not "/v10"; "/" allows all. */
static bool prefix_matches(const char *prefix, const char *path, size_t n)
{
	size_t pl = strlen(prefix);
	if (pl == 1)
		return true;
	if (n < pl || strncmp(path, prefix, pl) != 0)
		return false;
	return n == pl || prefix[pl - 1] == '/' || path[pl] == '/';
}

enum policy_verdict policy_net_decide(const struct policy *p, const struct url *u, const char *method, const char *what,
                                      struct policy_net_decision *d)
{
	memset(d, 0, sizeof(*d));
	d->verdict = POLICY_DENY;
	unsigned mbit = policy_method_bit(method);
	size_t plen;
	const char *path = url_path_only(u, &plen);
	bool unsafe = false;
	for (size_t i = 0; mbit && i < p->net.n_rules; i++) {
		const struct policy_net_rule *r = &p->net.rules[i];
		if (strcmp(u->scheme, r->scheme) != 0 || u->port != r->port || !(r->methods & mbit) ||
		    !url_host_matches(r, u) || !prefix_matches(r->path_prefix, path, plen))
			continue;
		if (strcmp(r->path_prefix, "/") != 0 && !safe_path(path, plen)) {
			unsafe = true;
			continue;
		}
		d->rule = r->rule;
		if (u->host_is_ip && !addr_allowed(r, &u->addr)) {
			req_error_set(&d->deny, "PermissionDenied", "EPRIVATEADDR", r->rule,
			              "%s to %s (a %s address) is not allowed by policy", what, u->host,
			              netaddr_class_name(netaddr_classify(&u->addr)));
			return POLICY_DENY;
		}
		d->net_rule = r;
		d->verdict = r->ask ? POLICY_ASK : POLICY_ALLOW;
		return d->verdict;
	}
	char *s = url_format(u);
	if (unsafe) {
		d->rule = "unsafe path";
		req_error_set(&d->deny, "PermissionDenied", "EPOLICY", d->rule,
		              "%s %s %s is not allowed by policy (the path holds dot segments or encoded dots, slashes "
		              "or backslashes, which could leave the rule's path prefix)",
		              what, method, s ? s : u->host);
	} else {
		d->rule = "network.default";
		req_error_set(&d->deny, "PermissionDenied", "EPOLICY", d->rule,
		              "%s %s %s is not allowed by policy (no network rule allows this scheme, host, port, "
		              "method and path)",
		              what, method, s ? s : u->host);
	}
	free(s);
	return POLICY_DENY;
}

void policy_net_approval_key(const struct url *u, const char *method, char *out, size_t n)
{
	snprintf(out, n, "%s://%s:%u %s", u->scheme, u->host, (unsigned)u->port, method);
}

/* Lowercases, drops brackets and one trailing dot: a URL's host and a
 * credential's host compare in this form. */
static bool norm_host(const char *in, char *out, size_t n)
{
	size_t len = strnlen(in, n);
	if (len == 0 || len >= n)
		return false;
	if (in[0] == '[') {
		if (len < 3 || in[len - 1] != ']')
			return false;
		in++;
		len -= 2;
	}
	for (size_t i = 0; i < len; i++)
		out[i] = (char)tolower((unsigned char)in[i]);
	out[len] = '\0';
	if (len > 1 && out[len - 1] == '.')
		out[--len] = '\0';
	return true;
}

size_t policy_net_creds_for(const struct policy *p, const char *host, const struct policy_cred **out, size_t max)
{
	char h[300];
	size_t n = 0;
	if (!host || !norm_host(host, h, sizeof(h)))
		return 0;
	for (size_t i = 0; i < p->net.n_creds && n < max; i++)
		if (strcmp(p->net.creds[i].host, h) == 0)
			out[n++] = &p->net.creds[i];
	return n;
}

static int read_secret_file(const char *path, char **out, size_t *len)
{
	int r = util_read_file_alloc(path, 0, POLICY_MAX_SECRET_BYTES, true, out, len);
	if (r < 0)
		return r;
	/* Files written by `echo` end in a newline that is not part of the token. */
	if (*len && (*out)[*len - 1] == '\n')
		(*len)--;
	if (*len && (*out)[*len - 1] == '\r')
		(*len)--;
	return 0;
}

int policy_cred_resolve(const struct policy_cred *c, char **value)
{
	char *sec = NULL;
	size_t n = 0;
	int r;
	*value = NULL;
	if (c->file) {
		if ((r = read_secret_file(c->file, &sec, &n)) < 0)
			return r;
	} else {
		const char *e = getenv(c->env);
		if (!e)
			return -ENOENT;
		n = strlen(e);
		if (n > POLICY_MAX_SECRET_BYTES)
			return -EFBIG;
		if (!(sec = strndup(e, n)))
			return -ENOMEM;
	}
	r = 0;
	if (n == 0 || memchr(sec, '\r', n) || memchr(sec, '\n', n) || memchr(sec, '\0', n))
		r = -EINVAL; /* empty, or a header injection */
	size_t pl = strlen(c->prefix);
	char *v = r ? NULL : malloc(pl + n + 1);
	if (!r && !v)
		r = -ENOMEM;
	if (v) {
		memcpy(v, c->prefix, pl);
		memcpy(v + pl, sec, n);
		v[pl + n] = '\0';
	}
	explicit_bzero(sec, n);
	free(sec);
	*value = v;
	return r;
}

/* ---- approvals ---------------------------------------------------------- */

const char *policy_approval_kind_name(enum policy_approval_kind k)
{
	return k == POLICY_APPROVAL_TOOL ? "tool" : k == POLICY_APPROVAL_FS ? "fs" : "network";
}

struct approval_entry {
	enum policy_approval_kind kind;
	bool allow;
	char *key;
};

struct policy_approval_cache {
	bool enabled;
	size_t n;
	struct approval_entry e[POLICY_APPROVAL_CACHE_MAX];
};

struct policy_approval_cache *policy_approval_cache_new(const struct policy *p)
{
	struct policy_approval_cache *c = calloc(1, sizeof(*c));
	if (c)
		c->enabled = p->approvals.cache;
	return c;
}

void policy_approval_cache_free(struct policy_approval_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++)
		free(c->e[i].key);
	free(c);
}

int policy_approval_cache_lookup(const struct policy_approval_cache *c, enum policy_approval_kind k, const char *key,
                                 bool *allow)
{
	if (!c || !c->enabled || !key)
		return 0;
	for (size_t i = 0; i < c->n; i++)
		if (c->e[i].kind == k && strcmp(c->e[i].key, key) == 0) {
			*allow = c->e[i].allow;
			return 1;
		}
	return 0;
}

int policy_approval_cache_store(struct policy_approval_cache *c, enum policy_approval_kind k, const char *key,
                                bool allow)
{
	if (!c->enabled)
		return 0;
	for (size_t i = 0; i < c->n; i++)
		if (c->e[i].kind == k && strcmp(c->e[i].key, key) == 0) {
			c->e[i].allow = allow;
			return 0;
		}
	if (c->n >= POLICY_APPROVAL_CACHE_MAX)
		return -ENOSPC;
	char *d = strdup(key);
	if (!d)
		return -ENOMEM;
	c->e[c->n++] = (struct approval_entry){.kind = k, .allow = allow, .key = d};
	return 0;
}
