/* procstatus: see procstatus.h. */
#include "procstatus.h"
#include "util.h"

#include <errno.h>
#include <stdbool.h>
#include <limits.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct key {
	const char *name;
	unsigned bit;
};

static const struct key keys[] = {
        {"CapInh", PROCSTATUS_CAP_INH},  {"CapPrm", PROCSTATUS_CAP_PRM},
        {"CapEff", PROCSTATUS_CAP_EFF},  {"CapBnd", PROCSTATUS_CAP_BND},
        {"CapAmb", PROCSTATUS_CAP_AMB},  {"NoNewPrivs", PROCSTATUS_NO_NEW_PRIVS},
        {"Seccomp", PROCSTATUS_SECCOMP}, {"Seccomp_filters", PROCSTATUS_SECCOMP_FILTERS},
        {"Uid", PROCSTATUS_UID},         {"Gid", PROCSTATUS_GID},
        {"Groups", PROCSTATUS_GROUPS},
};

static const char *skip_blank(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* Exactly 16 hex digits, as the kernel prints capability sets. */
static int parse_caps(const char *p, const char *end, uint64_t *out)
{
	uint64_t v = 0;
	int n = 0;
	for (; p < end; p++, n++) {
		int d;
		if (*p >= '0' && *p <= '9')
			d = *p - '0';
		else if (*p >= 'a' && *p <= 'f')
			d = *p - 'a' + 10;
		else
			return -EINVAL;
		v = (v << 4) | (uint64_t)d;
	}
	if (n != 16)
		return -EINVAL;
	*out = v;
	return 0;
}

/* Decimal numbers separated by blanks; *count gets how many were read. */
static int parse_decimals(const char *p, const char *end, uint32_t *vals, int max, int *count)
{
	int n = 0;
	p = skip_blank(p, end);
	while (p < end) {
		uint64_t v = 0;
		const char *start = p;
		while (p < end && *p >= '0' && *p <= '9') {
			v = v * 10 + (uint64_t)(*p - '0');
			if (v > UINT32_MAX)
				return -EINVAL;
			p++;
		}
		if (p == start)
			return -EINVAL;
		if (n < max)
			vals[n] = (uint32_t)v;
		n++;
		p = skip_blank(p, end);
	}
	*count = n;
	return 0;
}

static int parse_small(const char *p, const char *end, int *out)
{
	uint32_t v[1];
	int n;
	if (parse_decimals(p, end, v, 1, &n) < 0 || n != 1 || v[0] > 1000000)
		return -EINVAL;
	*out = (int)v[0];
	return 0;
}

static int parse_field(struct procstatus *st, unsigned bit, const char *v, const char *end)
{
	int n;
	switch (bit) {
	case PROCSTATUS_CAP_INH: return parse_caps(v, end, &st->cap_inh);
	case PROCSTATUS_CAP_PRM: return parse_caps(v, end, &st->cap_prm);
	case PROCSTATUS_CAP_EFF: return parse_caps(v, end, &st->cap_eff);
	case PROCSTATUS_CAP_BND: return parse_caps(v, end, &st->cap_bnd);
	case PROCSTATUS_CAP_AMB: return parse_caps(v, end, &st->cap_amb);
	case PROCSTATUS_NO_NEW_PRIVS:
		if (parse_small(v, end, &st->no_new_privs) < 0 || st->no_new_privs > 1)
			return -EINVAL;
		return 0;
	case PROCSTATUS_SECCOMP:
		if (parse_small(v, end, &st->seccomp) < 0 || st->seccomp > 2)
			return -EINVAL;
		return 0;
	case PROCSTATUS_SECCOMP_FILTERS: return parse_small(v, end, &st->seccomp_filters);
	case PROCSTATUS_UID:
		if (parse_decimals(v, end, st->uid, 4, &n) < 0 || n != 4)
			return -EINVAL;
		return 0;
	case PROCSTATUS_GID:
		if (parse_decimals(v, end, st->gid, 4, &n) < 0 || n != 4)
			return -EINVAL;
		return 0;
	case PROCSTATUS_GROUPS: {
		uint32_t ignored[1];
		if (parse_decimals(v, end, ignored, 0, &n) < 0)
			return -EINVAL;
		st->ngroups = n;
		return 0;
	}
	}
	return -EINVAL;
}

int procstatus_parse(const char *buf, size_t len, struct procstatus *out)
{
	struct procstatus st;
	memset(&st, 0, sizeof st);
	st.no_new_privs = -1;
	st.seccomp = -1;
	st.seccomp_filters = -1;

	if (len > PROCSTATUS_MAX_BYTES)
		return -EINVAL;
	const char *p = buf, *end = buf + len;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		const char *colon = memchr(p, ':', (size_t)(eol - p));
		if (colon) {
			size_t klen = (size_t)(colon - p);
			for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
				if (strlen(keys[i].name) != klen || memcmp(keys[i].name, p, klen) != 0)
					continue;
				if (st.seen & keys[i].bit)
					return -EINVAL;
				const char *v = skip_blank(colon + 1, eol);
				const char *vend = eol;
				while (vend > v && (vend[-1] == ' ' || vend[-1] == '\t'))
					vend--;
				if (parse_field(&st, keys[i].bit, v, vend) < 0)
					return -EINVAL;
				st.seen |= keys[i].bit;
				break;
			}
		}
		p = eol + (eol < end);
	}
	if ((st.seen & PROCSTATUS_REQUIRED) != PROCSTATUS_REQUIRED)
		return -EINVAL;
	*out = st;
	return 0;
}

int procstatus_read(pid_t pid, struct procstatus *out)
{
	char path[64];
	char buf[PROCSTATUS_MAX_BYTES];
	size_t len = 0;
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	int r = util_read_file_into(path, 0, buf, sizeof buf, &len);
	if (r < 0)
		return r;
	return procstatus_parse(buf, len, out);
}

int procstatus_parse_stat(const char *buf, size_t len, struct procstat *out)
{
	const char *end = buf + len, *p = NULL;
	for (const char *q = buf; q < end; q++)
		if (*q == ')')
			p = q;
	if (!p)
		return -EINVAL;
	p++;
	/* Field 3 (state) follows the ')'; count to 22. */
	unsigned long long v[23] = {0};
	for (int field = 3; field <= 22; field++) {
		if (p >= end || *p != ' ')
			return -EINVAL;
		p++;
		const char *start = p;
		bool neg = p < end && *p == '-';
		if (neg)
			p++;
		unsigned long long x = 0;
		if (field == 3) {
			if (p >= end)
				return -EINVAL;
			p++; /* one state letter */
		} else {
			const char *digits = p;
			while (p < end && *p >= '0' && *p <= '9') {
				if (x > (ULLONG_MAX - 9) / 10)
					return -EINVAL;
				x = x * 10 + (unsigned long long)(*p++ - '0');
			}
			if (p == digits)
				return -EINVAL;
		}
		if (p == start)
			return -EINVAL;
		v[field] = neg ? 0 : x;
	}
	out->utime = v[14];
	out->stime = v[15];
	out->starttime = v[22];
	return 0;
}

int procstatus_read_stat(pid_t pid, struct procstat *out)
{
	char path[64];
	char buf[1024];
	size_t len = 0;
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	int r = util_read_file_into(path, 0, buf, sizeof buf, &len);
	if (r < 0)
		return r;
	return procstatus_parse_stat(buf, len, out);
}

int procstatus_parse_cpu_ms(const char *buf, size_t len, long hz, uint64_t *ms)
{
	struct procstat ps;
	if (procstatus_parse_stat(buf, len, &ps) < 0)
		return -EINVAL;
	*ms = (ps.utime + ps.stime) * 1000 / (unsigned long long)(hz > 0 ? hz : 100);
	return 0;
}

int procstatus_cpu_ms(pid_t pid, uint64_t *ms)
{
	struct procstat ps;
	int r = procstatus_read_stat(pid, &ps);
	if (r < 0)
		return r;
	long hz = sysconf(_SC_CLK_TCK);
	*ms = (ps.utime + ps.stime) * 1000 / (unsigned long long)(hz > 0 ? hz : 100);
	return 0;
}

int procstatus_parse_syscall(const char *buf, size_t len, long *nr)
{
	const char *end = buf + len;
	const char *p = buf;
	if (len >= 7 && memcmp(buf, "running", 7) == 0) {
		*nr = -1;
		return 0;
	}
	int neg = 0;
	if (p < end && *p == '-') {
		neg = 1;
		p++;
	}
	long v = 0;
	const char *start = p;
	while (p < end && *p >= '0' && *p <= '9' && p - start < 9)
		v = v * 10 + (*p++ - '0');
	if (p == start || (p < end && *p != ' ' && *p != '\n'))
		return -EINVAL;
	*nr = neg ? -v : v;
	return 0;
}
