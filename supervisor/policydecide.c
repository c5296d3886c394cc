/* policydecide: the decisions made from a loaded policy (tools, caps,
 * filesystem paths, network requests and addresses, credentials, the
 * approval cache). Runs in: supervisor. Input: untrusted guest-supplied
 * names, paths and URL parts; every function bounds and checks them. */
#include "policy_int.h"

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

/* Longest tool namespace or name considered; longer ones are denied
 * unseen (the guest's frame limit already bounds them). */
#define TOOL_NAME_MAX 256
/* Longest program path: Linux PATH_MAX. */
#define VPATH_MAX 4096

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

/* Lexical normalization: "." and empty segments dropped, ".." pops and
 * stops at "/". Returns false for a relative, too long or control path. */
static bool normalize(const char *in, char *out, size_t n)
{
	size_t len = strnlen(in, VPATH_MAX + 1);
	if (len == 0 || len > VPATH_MAX || in[0] != '/' || n < 2)
		return false;
	size_t o = 0;
	const char *s = in;
	while (*s) {
		while (*s == '/')
			s++;
		size_t k = strcspn(s, "/");
		if (k == 0)
			break;
		for (size_t i = 0; i < k; i++)
			if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
				return false;
		if (k == 1 && s[0] == '.') {
			/* nothing */
		} else if (k == 2 && s[0] == '.' && s[1] == '.') {
			while (o > 0 && out[o - 1] != '/')
				o--;
			if (o > 0)
				o--; /* drop the '/' too */
		} else {
			if (o + 1 + k + 1 > n)
				return false;
			out[o++] = '/';
			memcpy(out + o, s, k);
			o += k;
		}
		s += k;
	}
	if (o == 0)
		out[o++] = '/';
	out[o] = '\0';
	return true;
}

enum policy_verdict policy_fs_decide(const struct policy *p, const char *vpath, bool write,
                                     const struct policy_mount **mount, char *rel, size_t relsz, const char **rule)
{
	char norm[VPATH_MAX + 2];
	const char *dummy;
	if (!rule)
		rule = &dummy;
	*mount = NULL;
	if (relsz)
		rel[0] = '\0';
	if (!vpath || !normalize(vpath, norm, sizeof(norm))) {
		*rule = "invalid path";
		return POLICY_DENY;
	}
	for (size_t i = 0; i < p->fs.n_mounts; i++) {
		const struct policy_mount *m = &p->fs.mounts[i];
		size_t ml = strcmp(m->path, "/") == 0 ? 0 : strlen(m->path);
		if (strncmp(norm, m->path, ml) != 0 || (norm[ml] != '\0' && norm[ml] != '/'))
			continue;
		const char *r = norm + ml;
		while (*r == '/')
			r++;
		*rule = m->rule;
		if (strlen(r) >= relsz)
			return POLICY_DENY;
		if (write && !m->writable)
			return POLICY_DENY;
		memcpy(rel, r, strlen(r) + 1);
		*mount = m;
		if (m->ask == POLICY_ASK_ALWAYS || (m->ask == POLICY_ASK_WRITES && write))
			return POLICY_ASK;
		return POLICY_ALLOW;
	}
	*rule = "no mount";
	return POLICY_DENY;
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

struct range {
	const char *net;
	unsigned len;
};

/* IANA special-purpose registries (RFC 6890 and successors) plus multicast. */
static const struct range v4_reserved[] = {
        {"0.0.0.0", 8},     {"10.0.0.0", 8},      {"100.64.0.0", 10},  {"127.0.0.0", 8},    {"169.254.0.0", 16},
        {"172.16.0.0", 12}, {"192.0.0.0", 24},    {"192.0.2.0", 24},   {"192.88.99.0", 24}, {"192.168.0.0", 16},
        {"198.18.0.0", 15}, {"198.51.100.0", 24}, {"203.0.113.0", 24}, {"224.0.0.0", 4},    {"240.0.0.0", 4},
};
/* ::/96 covers ::, ::1 and IPv4-compatible forms; 64:ff9b::/96 (NAT64) and
 * 2002::/16 (6to4) embed IPv4 addresses that may be private. */
static const struct range v6_reserved[] = {
        {"::", 96},         {"::ffff:0:0", 96}, {"64:ff9b::", 96}, {"64:ff9b:1::", 48}, {"100::", 64},  {"2001::", 23},
        {"2001:db8::", 32}, {"2002::", 16},     {"fc00::", 7},     {"fe80::", 10},      {"fec0::", 10}, {"ff00::", 8},
};

static bool in_table(int family, const unsigned char *addr, unsigned len)
{
	const struct range *t = family == AF_INET ? v4_reserved : v6_reserved;
	size_t n = family == AF_INET ? sizeof(v4_reserved) / sizeof(v4_reserved[0])
	                             : sizeof(v6_reserved) / sizeof(v6_reserved[0]);
	for (size_t i = 0; i < n; i++) {
		unsigned char net[16] = {0};
		inet_pton(family, t[i].net, net);
		/* Two ranges overlap when they agree on the shorter prefix. */
		unsigned bits = len < t[i].len ? len : t[i].len;
		if (prefix_eq(addr, net, bits))
			return true;
	}
	return false;
}

bool policy_range_is_reserved(int family, const unsigned char *addr, unsigned prefix_len)
{
	return in_table(family, addr, prefix_len);
}

static bool v4_mapped(const unsigned char *a)
{
	static const unsigned char pfx[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
	return memcmp(a, pfx, 12) == 0;
}

bool policy_ip_is_reserved(int family, const void *addr)
{
	const unsigned char *a = addr;
	if (family == AF_INET6 && v4_mapped(a))
		return in_table(AF_INET, a + 12, 32);
	if (family != AF_INET && family != AF_INET6)
		return true;
	return in_table(family, a, family == AF_INET ? 32 : 128);
}

bool policy_net_addr_allowed(const struct policy_net_rule *r, const struct sockaddr *sa)
{
	int fam;
	const unsigned char *a;
	if (!r || !sa)
		return false;
	if (sa->sa_family == AF_INET) {
		fam = AF_INET;
		a = (const unsigned char *)&((const struct sockaddr_in *)sa)->sin_addr;
	} else if (sa->sa_family == AF_INET6) {
		fam = AF_INET6;
		a = (const unsigned char *)&((const struct sockaddr_in6 *)sa)->sin6_addr;
		if (v4_mapped(a)) {
			fam = AF_INET;
			a += 12;
		}
	} else {
		return false;
	}
	if (!r->allow_private && policy_ip_is_reserved(fam, a))
		return false;
	if (r->host_kind == POLICY_HOST_IP) {
		unsigned char ra[16];
		int rfam = r->family;
		unsigned rlen = r->prefix_len;
		memcpy(ra, r->addr, 16);
		if (rfam == AF_INET6 && v4_mapped(ra) && rlen >= 96) {
			rfam = AF_INET;
			memmove(ra, ra + 12, 4);
			rlen -= 96;
		}
		return rfam == fam && prefix_eq(a, ra, rlen);
	}
	return true;
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
		int fam;
		unsigned char a[16];
		unsigned len;
		if (strchr(host, '/') || policy_parse_ip(host, &fam, a, &len) < 0)
			return false;
		return fam == r->family && prefix_eq(a, r->addr, r->prefix_len);
	}
	}
	return false;
}

/* Lowercases, drops brackets and one trailing dot; false for anything that
 * is neither a host name nor an IP literal. */
static bool norm_host(const char *in, char *out, size_t n)
{
	size_t len = strnlen(in, 300);
	if (len == 0 || len >= n || len >= 300)
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
	for (size_t i = 0; i < len; i++) {
		char c = out[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == ':'))
			return false;
	}
	return true;
}

/* Dot segments and encoded dots or slashes could walk out of a path prefix
 * on a server that decodes before routing, so such paths are refused. */
static bool safe_path(const char *path)
{
	if (!path || path[0] != '/' || strnlen(path, VPATH_MAX + 1) > VPATH_MAX)
		return false;
	for (const char *s = path; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c <= 0x20 || c == 0x7f || c == '\\' || c == '#' || c == '?')
			return false;
		if (c == '%' && s[1] == '2' && (s[2] == 'e' || s[2] == 'E' || s[2] == 'f' || s[2] == 'F'))
			return false;
		if (c == '%' && (s[1] == '5') && (s[2] == 'c' || s[2] == 'C'))
			return false;
	}
	const char *seg = path + 1;
	for (;;) {
		size_t k = strcspn(seg, "/");
		if ((k == 1 && seg[0] == '.') || (k == 2 && seg[0] == '.' && seg[1] == '.'))
			return false;
		if (!seg[k])
			return true;
		seg += k + 1;
	}
}

enum policy_verdict policy_net_decide(const struct policy *p, const char *scheme, const char *host, unsigned port,
                                      const char *method, const char *path, const struct policy_net_rule **rule_out,
                                      const char **rule)
{
	char h[300];
	const char *dummy;
	const struct policy_net_rule *dummy_r;
	if (!rule)
		rule = &dummy;
	if (!rule_out)
		rule_out = &dummy_r;
	*rule_out = NULL;
	unsigned mbit = policy_method_bit(method);
	if (!scheme || !host || !norm_host(host, h, sizeof(h)) || !mbit || port == 0 || port > 65535) {
		*rule = "invalid request";
		return POLICY_DENY;
	}
	if (!safe_path(path)) {
		*rule = "unsafe path";
		return POLICY_DENY;
	}
	for (size_t i = 0; i < p->net.n_rules; i++) {
		const struct policy_net_rule *r = &p->net.rules[i];
		if (strcmp(scheme, r->scheme) != 0 || port != r->port || !(r->methods & mbit) ||
		    strncmp(path, r->path_prefix, strlen(r->path_prefix)) != 0 || !policy_host_matches(r, h))
			continue;
		*rule_out = r;
		*rule = r->rule;
		return r->ask ? POLICY_ASK : POLICY_ALLOW;
	}
	*rule = "default deny";
	return POLICY_DENY;
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
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -errno;
	char *buf = malloc(POLICY_MAX_SECRET_BYTES + 1);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	size_t n = 0;
	while (n < POLICY_MAX_SECRET_BYTES + 1) {
		ssize_t k = read(fd, buf + n, POLICY_MAX_SECRET_BYTES + 1 - n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			int e = -errno;
			explicit_bzero(buf, POLICY_MAX_SECRET_BYTES + 1);
			free(buf);
			close(fd);
			return e;
		}
		if (k == 0)
			break;
		n += (size_t)k;
	}
	close(fd);
	if (n > POLICY_MAX_SECRET_BYTES) {
		explicit_bzero(buf, POLICY_MAX_SECRET_BYTES + 1);
		free(buf);
		return -EFBIG;
	}
	/* Files written by `echo` end in a newline that is not part of the token. */
	if (n && buf[n - 1] == '\n')
		n--;
	if (n && buf[n - 1] == '\r')
		n--;
	*out = buf;
	*len = n;
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
