/* match: the backtracking matcher for programs from compile.c.
 *
 * The backtrack stack is explicit (no C recursion, whatever the pattern or
 * subject) and bounded by REGEXP_MAX_BACKTRACK. It holds choice points and
 * undo records for capture/register writes, interleaved in time order, so
 * backtracking restores exactly the state at the choice point. A run that
 * backtracks exponentially is not cut short here: the supervisor's CPU
 * limit kills the guest process (docs/REGEXP.md). */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "program.h"
#include "regexp.h"
#include "unicode.h"

enum bt_kind {
	BT_CHOICE, /* resume at pc with pos */
	BT_UNDO,   /* slots[pc] = pos */
	BT_STAR_G, /* greedy single-char loop: give back one char, down to aux */
	BT_STAR_L, /* lazy single-char loop at pc: take one more (aux taken so far) */
	BT_LOOK,   /* lookaround marker: the LOOK instruction at pc, entered at pos */
};

struct bt {
	uint32_t kind, pc;
	int32_t pos, aux;
};

struct m {
	const uint32_t *prog;
	const uint16_t *s;
	int32_t len;
	bool u, ci, multiline;
	int32_t *slots;
	struct regexp_state *st;
	size_t sp;
};

void regexp_state_finish(struct regexp_state *st)
{
	if (!st)
		return;
	free(st->stack);
	free(st->slots);
	memset(st, 0, sizeof *st);
}

static inline bool is_hi(uint32_t c)
{
	return c >= 0xd800 && c <= 0xdbff;
}
static inline bool is_lo(uint32_t c)
{
	return c >= 0xdc00 && c <= 0xdfff;
}

/* The character after (or, backward, before) pos, or -1 at the edge; *np is
 * the position past it. Unicode mode reads code points. */
static inline int32_t rd(const struct m *m, int32_t pos, bool back, int32_t *np)
{
	if (!back) {
		if (pos >= m->len)
			return -1;
		uint32_t c = m->s[pos];
		if (m->u && is_hi(c) && pos + 1 < m->len && is_lo(m->s[pos + 1])) {
			*np = pos + 2;
			return (int32_t)(0x10000 + ((c - 0xd800) << 10) + (m->s[pos + 1] - 0xdc00));
		}
		*np = pos + 1;
		return (int32_t)c;
	}
	if (pos <= 0)
		return -1;
	uint32_t c = m->s[pos - 1];
	if (m->u && is_lo(c) && pos - 2 >= 0 && is_hi(m->s[pos - 2])) {
		*np = pos - 2;
		return (int32_t)(0x10000 + ((m->s[pos - 2] - 0xd800) << 10) + (c - 0xdc00));
	}
	*np = pos - 1;
	return (int32_t)c;
}

static bool in_set(const uint32_t *set, uint32_t c)
{
	uint32_t n = set[0];
	const uint32_t *r = set + 1;
	uint32_t lo = 0, hi = n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (c < r[2 * mid])
			hi = mid;
		else if (c > r[2 * mid + 1])
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

static inline bool is_lt(uint32_t c)
{
	return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029;
}

/* Does the one-character instruction at pc accept c? */
static bool char_ok(const struct m *m, uint32_t pc, uint32_t c)
{
	const uint32_t *w = m->prog + pc;
	switch (w[0] & 0xff) {
	case OP_CHAR: return c == w[1];
	case OP_CHAR_I: return ru_canonicalize(c, m->u) == w[1];
	case OP_SET: return in_set(m->prog + w[1], m->ci ? ru_canonicalize(c, m->u) : c);
	case OP_NSET: return !in_set(m->prog + w[1], m->ci ? ru_canonicalize(c, m->u) : c);
	case OP_ANY: return true;
	case OP_DOT: return !is_lt(c);
	}
	return false;
}

static inline uint32_t char_len(uint32_t op)
{
	return (op & 0xff) == OP_ANY || (op & 0xff) == OP_DOT ? 1 : 2;
}

static bool word_at(const struct m *m, int32_t i)
{
	if (i < 0 || i >= m->len)
		return false;
	uint32_t c = m->s[i];
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')
		return true;
	/* IsWordChar with u and i (22.2.2.9.2): U+017F and U+212A. */
	return m->u && m->ci && (c == 0x17f || c == 0x212a);
}

static int push(struct m *m, uint32_t kind, uint32_t pc, int32_t pos, int32_t aux)
{
	struct regexp_state *st = m->st;
	if (m->sp == st->cap) {
		if (st->cap >= REGEXP_MAX_BACKTRACK)
			return REGEXP_ERR_STACK;
		size_t nc = st->cap ? st->cap * 2 : 256;
		struct bt *ns = realloc(st->stack, nc * sizeof *ns);
		if (!ns)
			return REGEXP_ERR_NOMEM;
		st->stack = ns;
		st->cap = nc;
	}
	struct bt *e = (struct bt *)st->stack + m->sp++;
	e->kind = kind;
	e->pc = pc;
	e->pos = pos;
	e->aux = aux;
	return 0;
}

static inline int set_slot(struct m *m, uint32_t i, int32_t v)
{
	if (m->slots[i] == v)
		return 0;
	int r = push(m, BT_UNDO, i, m->slots[i], 0);
	m->slots[i] = v;
	return r;
}

static bool backref(const struct m *m, uint32_t g, bool back, int32_t *pos)
{
	int32_t a = m->slots[2 * g], b = m->slots[2 * g + 1];
	if (a < 0 || b < 0)
		return true;
	int32_t n = b - a, p = *pos;
	if (back ? p - n < 0 : p + n > m->len)
		return false;
	int32_t start = back ? p - n : p;
	for (int32_t i = 0; i < n; i++) {
		uint32_t x = m->s[a + i], y = m->s[start + i];
		if (x != y && !(m->ci && ru_canonicalize(x, m->u) == ru_canonicalize(y, m->u)))
			return false;
	}
	*pos = back ? p - n : p + n;
	return true;
}

/* Runs from code start at position `start`; returns 1 on a match (slots
 * filled), 0 on failure, or an error. */
static int run(struct m *m, int32_t start)
{
	const uint32_t *code = m->prog;
	uint32_t pc = m->prog[H_CODE];
	int32_t pos = start, np;
	int r;
	m->sp = 0;
	for (;;) {
		uint32_t w = code[pc];
		bool back = (w & RE_BACK) != 0;
		switch (w & 0xff) {
		case OP_CHAR:
		case OP_CHAR_I:
		case OP_SET:
		case OP_NSET:
		case OP_ANY:
		case OP_DOT: {
			int32_t c = rd(m, pos, back, &np);
			if (c < 0 || !char_ok(m, pc, (uint32_t)c))
				goto fail;
			pos = np;
			pc += char_len(w);
			continue;
		}
		case OP_SPLIT:
			if ((r = push(m, BT_CHOICE, code[pc + 1], pos, 0)) < 0)
				return r;
			pc += 2;
			continue;
		case OP_SPLIT_T:
			if ((r = push(m, BT_CHOICE, pc + 2, pos, 0)) < 0)
				return r;
			pc = code[pc + 1];
			continue;
		case OP_JMP: pc = code[pc + 1]; continue;
		case OP_SAVE:
			if ((r = set_slot(m, code[pc + 1], pos)) < 0)
				return r;
			pc += 2;
			continue;
		case OP_RESET:
			for (uint32_t i = 0; i < code[pc + 2]; i++)
				if ((r = set_slot(m, code[pc + 1] + i, -1)) < 0)
					return r;
			pc += 3;
			continue;
		case OP_BOL:
			if (pos != 0 && !(m->multiline && is_lt(m->s[pos - 1])))
				goto fail;
			pc++;
			continue;
		case OP_EOL:
			if (pos != m->len && !(m->multiline && is_lt(m->s[pos])))
				goto fail;
			pc++;
			continue;
		case OP_WORDB:
		case OP_NWORDB: {
			bool b = word_at(m, pos - 1) != word_at(m, pos);
			if (b != ((w & 0xff) == OP_WORDB))
				goto fail;
			pc++;
			continue;
		}
		case OP_BACKREF:
			if (!backref(m, code[pc + 1], back, &pos))
				goto fail;
			pc += 2;
			continue;
		case OP_LOOK:
			if ((r = push(m, BT_LOOK, pc, pos, 0)) < 0)
				return r;
			pc += 3;
			continue;
		case OP_LOOK_END: {
			size_t mk = m->sp;
			struct bt *stk = m->st->stack;
			while (stk[--mk].kind != BT_LOOK)
				;
			uint32_t lpc = stk[mk].pc;
			if (code[lpc + 1]) {
				/* Negative and the body matched: undo the body, then fail. */
				while (m->sp > mk + 1) {
					struct bt *e = &stk[--m->sp];
					if (e->kind == BT_UNDO)
						m->slots[e->pc] = e->pos;
				}
				m->sp = mk;
				goto fail;
			}
			/* Positive: the body's choice points go (a lookaround is atomic),
			 * its capture writes stay undoable for backtracking past it. */
			pos = stk[mk].pos;
			size_t wr = mk;
			for (size_t i = mk + 1; i < m->sp; i++)
				if (stk[i].kind == BT_UNDO)
					stk[wr++] = stk[i];
			m->sp = wr;
			pc = code[lpc + 2];
			continue;
		}
		case OP_SETREG:
			if ((r = set_slot(m, code[pc + 1], (int32_t)code[pc + 2])) < 0)
				return r;
			pc += 3;
			continue;
		case OP_SETPOS:
			if ((r = set_slot(m, code[pc + 1], pos)) < 0)
				return r;
			pc += 2;
			continue;
		case OP_LOOP: {
			uint32_t cnt = (uint32_t)m->slots[code[pc + 1]], min = code[pc + 2], max = code[pc + 3];
			if (cnt < min) {
				pc += 6;
			} else if (max != RE_INF && cnt >= max) {
				pc = code[pc + 5];
			} else if (code[pc + 4]) {
				if ((r = push(m, BT_CHOICE, code[pc + 5], pos, 0)) < 0)
					return r;
				pc += 6;
			} else {
				if ((r = push(m, BT_CHOICE, pc + 6, pos, 0)) < 0)
					return r;
				pc = code[pc + 5];
			}
			continue;
		}
		case OP_CHKEMPTY:
			if ((uint32_t)m->slots[code[pc + 2]] >= code[pc + 3] && pos == m->slots[code[pc + 1]])
				goto fail;
			pc += 4;
			continue;
		case OP_INC: {
			uint32_t cnt = (uint32_t)m->slots[code[pc + 1]];
			if (cnt < code[pc + 2] || code[pc + 3] != RE_INF)
				if ((r = set_slot(m, code[pc + 1], (int32_t)(cnt + 1))) < 0)
					return r;
			pc += 4;
			continue;
		}
		case OP_STAR: {
			uint32_t min = code[pc + 1], max = code[pc + 2], cpc = pc + 4;
			uint32_t cont = cpc + char_len(code[cpc]);
			uint32_t n = 0;
			while (n < min) {
				int32_t c = rd(m, pos, back, &np);
				if (c < 0 || !char_ok(m, cpc, (uint32_t)c))
					goto fail;
				pos = np;
				n++;
			}
			if (code[pc + 3]) {
				int32_t minpos = pos;
				while (n < max) {
					int32_t c = rd(m, pos, back, &np);
					if (c < 0 || !char_ok(m, cpc, (uint32_t)c))
						break;
					pos = np;
					n++;
				}
				if (pos != minpos && (r = push(m, BT_STAR_G, pc, pos, minpos)) < 0)
					return r;
			} else if (n < max) {
				if ((r = push(m, BT_STAR_L, pc, pos, (int32_t)n)) < 0)
					return r;
			}
			pc = cont;
			continue;
		}
		case OP_MATCH: m->slots[1] = pos; return 1;
		}
		return REGEXP_ERR_NOMEM; /* unreachable: unknown opcode */
	fail:
		for (;;) {
			if (m->sp == 0)
				return 0;
			struct bt *e = (struct bt *)m->st->stack + --m->sp;
			switch (e->kind) {
			case BT_UNDO: m->slots[e->pc] = e->pos; continue;
			case BT_CHOICE:
				pc = e->pc;
				pos = e->pos;
				break;
			case BT_STAR_G: {
				uint32_t spc = e->pc;
				bool b = (code[spc] & RE_BACK) != 0;
				int32_t q = e->pos;
				/* Give back one character: one code unit, or a whole pair
				 * in unicode mode (the forward scan combined it). */
				if (!b)
					q = (m->u && q - 2 >= e->aux && is_lo(m->s[q - 1]) && is_hi(m->s[q - 2]))
					            ? q - 2
					            : q - 1;
				else
					q = (m->u && q + 2 <= e->aux && is_hi(m->s[q]) && is_lo(m->s[q + 1])) ? q + 2
					                                                                      : q + 1;
				if (q != e->aux) {
					e->pos = q;
					m->sp++;
				}
				pos = q;
				pc = spc + 4 + char_len(code[spc + 4]);
				break;
			}
			case BT_STAR_L: {
				uint32_t spc = e->pc, cpc = spc + 4;
				bool b = (code[spc] & RE_BACK) != 0;
				int32_t c = rd(m, e->pos, b, &np);
				if (c < 0 || !char_ok(m, cpc, (uint32_t)c))
					continue;
				e->aux++;
				e->pos = np;
				if ((uint32_t)e->aux < code[spc + 2])
					m->sp++;
				pos = np;
				pc = cpc + char_len(code[cpc]);
				break;
			}
			case BT_LOOK:
				if (!code[e->pc + 1])
					continue; /* positive lookaround body failed */
				pos = e->pos;
				pc = code[e->pc + 2];
				break;
			}
			break;
		}
	}
}

int regexp_exec(const uint32_t *prog, const uint16_t *s, size_t len, size_t start, int32_t *caps,
                struct regexp_state *st)
{
	unsigned flags = prog[H_FLAGS];
	size_t nslots = 2 * (size_t)prog[H_NCAPS] + prog[H_NREGS];
	if (len > INT32_MAX || start > len)
		return 0;
	if (st->nslots < nslots) {
		int32_t *ns = realloc(st->slots, nslots * sizeof *ns);
		if (!ns)
			return REGEXP_ERR_NOMEM;
		st->slots = ns;
		st->nslots = nslots;
	}
	struct m m = {
	        .prog = prog,
	        .s = s,
	        .len = (int32_t)len,
	        .u = (flags & (RE_FLAG_U | RE_FLAG_V)) != 0,
	        .ci = (flags & RE_FLAG_I) != 0,
	        .multiline = (flags & RE_FLAG_M) != 0,
	        .slots = st->slots,
	        .st = st,
	};
	bool sticky = (flags & RE_FLAG_Y) != 0;
	uint32_t first = prog[H_FIRST];
	int32_t i = (int32_t)start;
	/* In unicode mode an index inside a surrogate pair means the pair. */
	if (m.u && i > 0 && i < m.len && is_lo(s[i]) && is_hi(s[i - 1]))
		i--;
	for (;;) {
		if (prog[H_ANCHOR] && i > 0)
			return 0;
		if (first != H_NONE && !sticky) {
			uint32_t other = m.ci ? first - 32 : first;
			while (i < m.len && s[i] != first && s[i] != other)
				i++;
			if (i >= m.len)
				return 0;
		}
		for (size_t k = 0; k < nslots; k++)
			m.slots[k] = -1;
		m.slots[0] = i;
		int r = run(&m, i);
		if (r != 0) {
			if (r == 1)
				memcpy(caps, m.slots, 2 * prog[H_NCAPS] * sizeof *caps);
			return r;
		}
		if (sticky || i >= m.len)
			return 0;
		i += (m.u && is_hi(s[i]) && i + 1 < m.len && is_lo(s[i + 1])) ? 2 : 1;
	}
}
