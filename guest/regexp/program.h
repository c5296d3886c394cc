/* program: the bytecode layout shared by the RegExp compiler and matcher.
 * Runs in: guest. Input: programs produced by compile.c only (never bytes
 * from a user: a program is rebuilt from its pattern, not deserialised). */
#pragma once

#include <stdint.h>

/* Header words, then sets, names and code. */
enum {
	H_MAGIC,
	H_FLAGS,
	H_NCAPS,  /* capture groups including group 0 */
	H_NREGS,  /* loop registers */
	H_CODE,   /* word offset of the first instruction */
	H_NAMES,  /* word offset of the group-name table, 0 if none */
	H_FIRST,  /* code unit every match starts with, or H_NONE */
	H_ANCHOR, /* 1: can only match at index 0 (leading ^ without m) */
	H_SIZE,
};
#define RE_MAGIC 0x52453233u /* "RE23" */
#define H_NONE   0xffffffffu

/* Opcodes: the low byte; RE_BACK set means the instruction reads to the
 * left of the position (inside a lookbehind). Operands follow the op word. */
enum {
	OP_CHAR = 1, /* c */
	OP_CHAR_I,   /* Canonicalize(c) */
	OP_SET,      /* set offset: [n, lo0, hi0, ...] */
	OP_NSET,     /* set offset, negated */
	OP_ANY,      /* . with s */
	OP_DOT,      /* . without s */
	OP_SPLIT,    /* x: try next first, x on failure */
	OP_SPLIT_T,  /* x: try x first, next on failure */
	OP_JMP,      /* x */
	OP_SAVE,     /* slot */
	OP_RESET,    /* first slot, count */
	OP_BOL,
	OP_EOL,
	OP_WORDB,
	OP_NWORDB,
	OP_BACKREF, /* group */
	OP_LOOK,    /* negate, end: lookaround body follows, ends with OP_LOOK_END */
	OP_LOOK_END,
	OP_LOOP,     /* cnt reg, min, max, greedy, exit */
	OP_SETREG,   /* reg, value */
	OP_SETPOS,   /* reg */
	OP_CHKEMPTY, /* pos reg, cnt reg, min */
	OP_INC,      /* cnt reg, min, max */
	OP_STAR,     /* min, max, greedy; then one char instruction; then the continuation */
	OP_MATCH,
};
#define RE_BACK 0x100u
#define RE_INF  0xffffffffu
