/* policyset: see policyset.h. */
#include "policyset.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "envelope.h"
#include "policy.h"

int policyset_add(struct policyset *s, const char *arg, char *err, size_t errlen)
{
	const char *eq = strchr(arg, '=');
	if (!eq || eq == arg || !eq[1]) {
		snprintf(err, errlen, "--policy takes NAME=FILE, not '%s'", arg);
		return -EINVAL;
	}
	size_t nl = (size_t)(eq - arg);
	/* Names follow the run id grammar: they appear in stats and errors. */
	if (nl > ENVELOPE_MAX_POLICY_NAME || !envelope_run_id_ok(arg, nl)) {
		snprintf(err, errlen, "policy name '%.*s' must be 1..64 letters, digits, '.', '_', ':' or '-'",
		         (int)(nl > 64 ? 64 : nl), arg);
		return -EINVAL;
	}
	for (size_t i = 0; i < s->n; i++)
		if (strlen(s->e[i].name) == nl && !memcmp(s->e[i].name, arg, nl)) {
			snprintf(err, errlen, "policy name '%.*s' given twice", (int)nl, arg);
			return -EINVAL;
		}
	if (s->n >= POLICYSET_MAX) {
		snprintf(err, errlen, "more than %d named policies", POLICYSET_MAX);
		return -EINVAL;
	}
	struct policyset_entry *e = &s->e[s->n];
	memset(e, 0, sizeof(*e));
	memcpy(e->name, arg, nl);
	e->path = strdup(eq + 1);
	if (!e->path)
		return -ENOMEM;
	s->n++;
	return 0;
}

int policyset_load(struct policyset *s, char *err, size_t errlen)
{
	struct policy *fresh[POLICYSET_MAX] = {0};
	int r = 0;
	for (size_t i = 0; i < s->n; i++) {
		struct policy_diag diag;
		policy_diag_init(&diag);
		r = policy_load(s->e[i].path, &fresh[i], &diag);
		if (r < 0) {
			snprintf(err, errlen, "policy %s (%s): %s", s->e[i].name, s->e[i].path,
			         diag.n ? diag.msg[0] : strerror(-r));
			policy_diag_free(&diag);
			goto out;
		}
		policy_diag_free(&diag);
	}
	if (!s->builtin && !(s->builtin = policy_default())) {
		snprintf(err, errlen, "out of memory");
		r = -ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < s->n; i++) {
		policy_free(s->e[i].pol);
		s->e[i].pol = fresh[i];
		fresh[i] = NULL;
		policy_hash_hex(s->e[i].pol, s->e[i].sha256);
	}
	s->generation++;
out:
	for (size_t i = 0; i < s->n; i++)
		policy_free(fresh[i]);
	return r;
}

struct policy *policyset_find(const struct policyset *s, const char *name)
{
	const char *want = name && *name ? name : "default";
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->e[i].name, want))
			return s->e[i].pol;
	return name && *name ? NULL : s->builtin;
}

void policyset_names(const struct policyset *s, char *out, size_t cap)
{
	size_t w = 0;
	out[0] = '\0';
	for (size_t i = 0; i < s->n && w < cap; i++)
		w += (size_t)snprintf(out + w, cap - w, "%s%s", i ? ", " : "", s->e[i].name);
	if (!s->n)
		snprintf(out, cap, "(none: the server was started without --policy)");
}

void policyset_finish(struct policyset *s)
{
	for (size_t i = 0; i < s->n; i++) {
		policy_free(s->e[i].pol);
		free(s->e[i].path);
	}
	policy_free(s->builtin);
	memset(s, 0, sizeof(*s));
}
