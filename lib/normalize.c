/* normalize.c - the normalizer: runs a list of steps over streamed text.
 *
 * Consecutive character-level steps form one stage.  A stage never runs
 * its steps per character in the hot loop: the first time a character of
 * a 256-code-point block is seen, the whole block's results are computed
 * (running every step on each code point) into a lookup table, so the cost
 * per character does not depend on how many steps there are.  Characters
 * whose result is themselves ("plain") are copied in runs.
 *
 * Composition (nfc, nfkc, casefold, compose: true) is contextual: a base
 * character and the combining marks after it form a segment, and only a
 * segment of more than one character takes the slow path that runs the
 * steps on the whole segment.  Segments are capped at SEG_MAX code points,
 * as in the Stream-Safe Text Format, so memory stays bounded.
 *
 * A regex step needs whole lines: when the profile has one, the first
 * stage's output is collected a line at a time (at most LINE_MAX bytes;
 * longer lines are handed on in pieces, with a warning) and passed through
 * the remaining stages. */
#define _GNU_SOURCE /* memrchr */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "error.h"
#include "io.h"
#include "normalize_rules.h"
#include "regex.h"
#include "rules.h"
#include "utf8.h"

#define SEG_MAX 32
#define CHUNK (64 * 1024)
#define LINE_MAX_BYTES (1024 * 1024)

enum {
	F_IDENT = 1,    /* result is the character itself */
	F_PLAIN = 2,    /* ident, no composition, no space handling: copy */
	F_SPACE = 4,    /* result is exactly one U+0020 (spaces stage) */
	F_HASSPACE = 8, /* result contains U+0020 among other characters */
	F_JOIN = 16,    /* may combine with what precedes (compose stages) */
	F_SIMPLE = 32,  /* a short replacement the run loop can copy */
	F_BUILT = 128   /* the entry is computed */
};

/* The innermost loop looks characters up by their first two bytes, which
 * decide an ASCII or 2-byte character (all of Arabic) with no decoding:
 * pair[b0 << 8 | b1] says how many bytes to copy as they are, or that the
 * character needs a closer look. */
enum {
	PAIR_STOP = 0,  /* not plain, longer than 2 bytes, or invalid */
	PAIR_ASCII = 1, /* a plain ASCII character */
	PAIR_TWO = 2,   /* a plain 2-byte character */
	PAIR_SPACE = 3, /* U+0020 in a spaces stage: plain if alone */
	PAIR_CHAR = 3,  /* mask for the values above */
	/* Bit for the block loop, which reads the two bytes at *every*
	 * position: the step from byte b0 to byte b1 can occur inside a
	 * plain run.  Eight such tests do not depend on each other, unlike
	 * walking character by character, where each step waits for the
	 * length of the one before. */
	PAIR_LINK = 4,
	/* Clear for a character with a short replacement (أ → ا, A → a,
	 * ، → ","), which the block loop writes out itself. */
	PAIR_KEEP = 8
};


/* The lookup tables are flat arrays over all code points, allocated with
 * calloc so that only the pages of blocks actually used become resident.
 * entry[cp] = (pool offset << 8) | length; length 255 means the real
 * length is a uint32 stored at the offset, before the bytes.  flags[cp] is
 * 0 until cp's block is built. */
#define NCODEPOINTS 0x110000

/* Diacritized text repeats the same few letter+mark segments endlessly
 * (بّ, دَ, ...), and running the steps on a segment costs a hundred times
 * a table lookup, so the results of segments of up to SEGC_KEY code
 * points are remembered in a small direct-mapped cache. */
#define SEGC_SLOTS 1024
#define SEGC_KEY 4
#define SEGC_RES 22
struct segcache {
	int32_t key[SEGC_KEY];
	uint8_t nkey, nres; /* nkey 0: empty slot */
	char res[SEGC_RES];
};

typedef struct stage {
	const nstep **steps;
	size_t nsteps;
	int is_regex; /* one regex step; otherwise character steps */
	int compose, spaces;
	regex_run *run; /* regex stage: steps[0] is the regex step */
	uint32_t *entry;
	uint8_t *flags;
	uint8_t *pair; /* PAIR_* by the first two bytes of a character */
	uint8_t (*swap)[3]; /* U+0000..U+07FF as written: length, bytes */
	int ascii_plain;    /* U+0021..U+007F are all plain (copied) */
	buf pool;
	/* streaming state */
	unsigned char partial[4];
	size_t npartial;
	int32_t seg[SEG_MAX];
	size_t nseg;
	int pending_space, line_start;
	cpbuf s1, s2;
	buf scratch;
	struct segcache *cache; /* results of short segments */
	int rx_warned; /* a regex failure was reported in this document */
} stage;

struct nass_normalizer {
	const nstep **list;
	stage *stages;
	size_t nstages;
	int line_mode;
	nass_diag_fn diag;
	void *diag_ctx;
	const unsigned char *in;
	size_t inlen, inpos;
	int finishing;
	int error;
	int long_warned;
	buf out, line, tmp;
	unsigned long long offset, invalid, first_invalid;
	unsigned long long last_invalid, last_first;
};

static int is_space_cp(int32_t cp)
{
	return cp == '\t' || cp == 0x0B || cp == 0x0C || cp == 0x85 ||
	       cp == 0x2028 || cp == 0x2029 ||
	       utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

/* May cp combine with the character before it under NFC? */
static int joins(int32_t cp)
{
	const utf8proc_property_t *p = utf8proc_get_property(cp);

	return p->combining_class != 0 ||
	       (p->comb_index != UINT16_MAX && p->comb_index >= 0x8000) ||
	       (cp >= 0x1161 && cp <= 0x1175) || (cp >= 0x11A8 && cp <= 0x11C2);
}

/* Canonical ordering of marks, then canonical composition. */
static int reorder_compose(cpbuf *b)
{
	size_t i, j;
	utf8proc_ssize_t n;

	for (i = 1; i < b->len; i++) {
		int32_t c = b->data[i];
		int cc = utf8proc_get_property(c)->combining_class;
		if (!cc)
			continue;
		for (j = i; j > 0; j--) {
			int pc = utf8proc_get_property(b->data[j - 1])->combining_class;
			if (pc <= cc)
				break;
			b->data[j] = b->data[j - 1];
		}
		b->data[j] = c;
	}
	n = utf8proc_normalize_utf32(b->data, (utf8proc_ssize_t)b->len,
	                             UTF8PROC_COMPOSE | UTF8PROC_STABLE);
	if (n < 0)
		return NASS_EINPUT;
	b->len = (size_t)n;
	return NASS_OK;
}

static int decompose_into(cpbuf *out, int32_t cp, utf8proc_option_t opt)
{
	int bc = 0;
	utf8proc_ssize_t n;

	if (cpbuf_reserve(out, 4)) /* never hand utf8proc a NULL buffer */
		return NASS_ENOMEM;
	for (;;) {
		size_t room = out->cap - out->len;
		n = utf8proc_decompose_char(cp, out->data + out->len,
		                            (utf8proc_ssize_t)room, opt, &bc);
		if (n < 0)
			return NASS_EINPUT;
		if ((size_t)n <= room)
			break;
		if (cpbuf_reserve(out, (size_t)n))
			return NASS_ENOMEM;
	}
	out->len += (size_t)n;
	return NASS_OK;
}

/* One step on one code point, appending the result. */
static int step_cp(const nstep *st, int32_t cp, cpbuf *out)
{
	const struct nmap *m = nstep_map_find(st, cp);

	if (cpbuf_reserve(out, 32))
		return NASS_ENOMEM;
	if (m) {
		if (cpbuf_reserve(out, m->len))
			return NASS_ENOMEM;
		memcpy(out->data + out->len, st->pool + m->off, m->len * sizeof(int32_t));
		out->len += m->len;
		return NASS_OK;
	}
	if (nstep_deletes(st, cp))
		return NASS_OK;
	switch (st->builtin) {
	case NB_NFC: return decompose_into(out, cp, UTF8PROC_DECOMPOSE);
	case NB_NFKC: return decompose_into(out, cp, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT);
	case NB_CASEFOLD: return decompose_into(out, cp, UTF8PROC_CASEFOLD);
	case NB_SPACES: out->data[out->len++] = is_space_cp(cp) ? ' ' : cp; return NASS_OK;
	}
	out->data[out->len++] = cp;
	return NASS_OK;
}

/* Run the stage's steps on a segment; the result is left in st->s1. */
static int apply_steps(stage *st, const int32_t *in, size_t n)
{
	size_t i, k;
	int rc;

	st->s1.len = 0;
	if (cpbuf_reserve(&st->s1, n))
		return NASS_ENOMEM;
	memcpy(st->s1.data, in, n * sizeof *in);
	st->s1.len = n;
	for (k = 0; k < st->nsteps; k++) {
		const nstep *step = st->steps[k];
		cpbuf t;

		if (step->compose) {
			st->s2.len = 0;
			for (i = 0; i < st->s1.len; i++)
				if ((rc = decompose_into(&st->s2, st->s1.data[i], UTF8PROC_DECOMPOSE)))
					return rc;
			if ((rc = reorder_compose(&st->s2)))
				return rc;
			t = st->s1, st->s1 = st->s2, st->s2 = t;
		}
		st->s2.len = 0;
		for (i = 0; i < st->s1.len; i++)
			if ((rc = step_cp(step, st->s1.data[i], &st->s2)))
				return rc;
		if (step->builtin == NB_NFC || step->builtin == NB_NFKC ||
		    step->builtin == NB_CASEFOLD)
			if ((rc = reorder_compose(&st->s2)))
				return rc;
		t = st->s1, st->s1 = st->s2, st->s2 = t;
	}
	return NASS_OK;
}

/* Compute the entries of the 256-code-point block holding cp; returns
 * cp's flags (F_BUILT | F_IDENT for every entry if memory runs out, which
 * is recorded as an error). */
static __attribute__((noinline, cold)) uint8_t
build_block(nass_normalizer *nz, stage *st, int32_t cp)
{
	int32_t base = cp & ~0xFF;
	int i;

	for (i = 0; i < 256; i++) {
		int32_t c = base + i;
		uint8_t f = F_BUILT;
		size_t j, off, len;

		if ((c >= 0xD800 && c <= 0xDFFF) || apply_steps(st, &c, 1)) {
			st->flags[c] = F_BUILT | F_IDENT;
			if (!(c >= 0xD800 && c <= 0xDFFF))
				nz->error = NASS_ENOMEM;
			continue;
		}
		if (st->compose && joins(c))
			f |= F_JOIN;
		if (st->s1.len == 1 && st->s1.data[0] == c) {
			f |= F_IDENT;
			len = 0;
		} else {
			off = st->pool.len;
			if (off > 0xFFFFFF || buf_reserve(&st->pool, 4 + st->s1.len * 4)) {
				nz->error = NASS_ENOMEM;
				st->flags[c] = F_BUILT | F_IDENT;
				continue;
			}
			st->pool.len += 4; /* room for a long length */
			for (j = 0; j < st->s1.len; j++)
				buf_append_cp(&st->pool, st->s1.data[j]);
			len = st->pool.len - off - 4;
			if (len < 255) {
				memmove(st->pool.data + off, st->pool.data + off + 4, len);
				st->pool.len -= 4;
				st->entry[c] = (uint32_t)(off << 8 | len);
			} else {
				uint32_t l32 = (uint32_t)len;
				memcpy(st->pool.data + off, &l32, 4);
				st->entry[c] = (uint32_t)(off << 8 | 255);
			}
		}
		if (st->spaces) {
			if (st->s1.len == 1 && st->s1.data[0] == ' ')
				f |= F_SPACE;
			else
				for (j = 0; j < st->s1.len; j++)
					if (st->s1.data[j] == ' ')
						f |= F_HASSPACE;
		}
		if ((f & F_IDENT) && !(f & (F_JOIN | F_SPACE)))
			f |= F_PLAIN;
		/* A deletion is not simple in a spaces stage: the run loop could
		 * not see a space on each side of it. */
		if (!(f & (F_IDENT | F_JOIN | F_SPACE | F_HASSPACE)) && len < 255 &&
		    (len > 0 || !st->spaces))
			f |= F_SIMPLE;
		st->flags[c] = f;
	}
	return st->flags[cp];
}

static inline uint8_t lookup(nass_normalizer *nz, stage *st, int32_t cp)
{
	uint8_t f = st->flags[cp];

	return f ? f : build_block(nz, st, cp);
}

/* ------------------------------------------------------------ output */

static inline void put(nass_normalizer *nz, buf *out, const char *s, size_t n)
{
	/* n == 0 happens (a deleted character); memcpy must not see the
	 * NULL data of a still-empty buffer even then. */
	if (n == 0)
		return;
	if (out->cap - out->len >= n) {
		memcpy(out->data + out->len, s, n);
		out->len += n;
	} else if (buf_append(out, s, n)) {
		nz->error = NASS_ENOMEM;
	}
}

static void materialize_space(nass_normalizer *nz, stage *st, buf *out)
{
	if (st->pending_space && !st->line_start)
		put(nz, out, " ", 1);
	st->pending_space = 0;
	st->line_start = 0;
}

/* Emit a result, applying space collapsing in a spaces stage. */
static void emit_text(nass_normalizer *nz, stage *st, const char *s, size_t n,
                      int flags, buf *out)
{
	size_t i;

	if (!st->spaces) {
		put(nz, out, s, n);
		return;
	}
	if (flags & F_SPACE) {
		st->pending_space = 1;
		return;
	}
	if (flags & F_HASSPACE) {
		for (i = 0; i < n; i++) {
			if (s[i] == ' ') {
				st->pending_space = 1;
			} else {
				materialize_space(nz, st, out);
				put(nz, out, s + i, 1);
			}
		}
		return;
	}
	if (!n)
		return;
	materialize_space(nz, st, out);
	put(nz, out, s, n);
}

static void emit_cp(nass_normalizer *nz, stage *st, int32_t cp, buf *out)
{
	uint8_t f = lookup(nz, st, cp);
	uint32_t e = st->entry[cp];
	char tmp[4];

	if (f & F_IDENT) {
		emit_text(nz, st, tmp, utf8_encode(cp, tmp), f, out);
	} else if ((e & 0xFF) != 255) {
		emit_text(nz, st, st->pool.data + (e >> 8), e & 0xFF, f, out);
	} else {
		uint32_t len;
		memcpy(&len, st->pool.data + (e >> 8), 4);
		emit_text(nz, st, st->pool.data + (e >> 8) + 4, len, f, out);
	}
}

static void flush_seg(nass_normalizer *nz, stage *st, buf *out)
{
	size_t i;

	if (st->nseg == 1) {
		emit_cp(nz, st, st->seg[0], out);
	} else if (st->nseg > 1) {
		struct segcache *c = NULL;

		if (st->nseg <= SEGC_KEY && st->cache) {
			uint32_t h = 0;

			for (i = 0; i < st->nseg; i++)
				h = (h ^ (uint32_t)st->seg[i]) * 0x9E3779B1u;
			c = &st->cache[h >> 22]; /* top 10 bits: SEGC_SLOTS */
			if (c->nkey == st->nseg &&
			    !memcmp(c->key, st->seg, st->nseg * sizeof *st->seg)) {
				emit_text(nz, st, c->res, c->nres, F_HASSPACE, out);
				st->nseg = 0;
				return;
			}
		}
		if (apply_steps(st, st->seg, st->nseg)) {
			nz->error = NASS_ENOMEM;
		} else {
			st->scratch.len = 0;
			for (i = 0; i < st->s1.len; i++)
				if (buf_append_cp(&st->scratch, st->s1.data[i]))
					nz->error = NASS_ENOMEM;
			if (c && st->scratch.len <= SEGC_RES && !nz->error) {
				memcpy(c->key, st->seg, st->nseg * sizeof *st->seg);
				c->nkey = (uint8_t)st->nseg;
				if (st->scratch.len) /* (data may be NULL if 0) */
					memcpy(c->res, st->scratch.data, st->scratch.len);
				c->nres = (uint8_t)st->scratch.len;
			}
			emit_text(nz, st, st->scratch.data, st->scratch.len, F_HASSPACE, out);
		}
	}
	st->nseg = 0;
}

/* A character that is not part of a plain run. */
static void general(nass_normalizer *nz, stage *st, int32_t cp, buf *out)
{
	if (st->compose) {
		uint8_t f = lookup(nz, st, cp);
		if ((f & F_JOIN) && st->nseg > 0 && st->nseg < SEG_MAX) {
			st->seg[st->nseg++] = cp;
			return;
		}
		flush_seg(nz, st, out);
		st->seg[0] = cp;
		st->nseg = 1;
		return;
	}
	emit_cp(nz, st, cp, out);
}

static void end_line(nass_normalizer *nz, stage *st, buf *out)
{
	flush_seg(nz, st, out);
	st->pending_space = 0; /* trailing spaces are trimmed */
	st->line_start = 1;
}

/* The block loop of run_plain: from the character start *pi, take
 * blocks of 8 bytes (9 when a character straddles the end) whose bytes
 * all link up.  A block of plain characters joins the run that is copied
 * later; one with a short replacement (أ → ا, ، → ",") is written out
 * character by character.  Returns whether it took any. */
static inline int block_loop(nass_normalizer *nz, stage *st, const unsigned char *s,
                             size_t *pi, size_t n, buf *out, size_t *start,
                             size_t *last, size_t *last_mark, int *last_written)
{
	const uint8_t *pair = st->pair;
	size_t j = *pi, e, k, mark = 0;

	/* A block starts at a character: after a 9-byte block, s[j] may be
	 * a stray continuation byte, which no link would catch. */
	while (j + 8 < n && s[j] - 0x80u >= 0x40) {
		const unsigned char *p = s + j;

		if (st->ascii_plain && (p[0] | p[7]) < 0x80) {
			/* Eight printable ASCII bytes with no two spaces side
			 * by side are plain, tested all at once.  (The byte
			 * tests can flag a byte falsely after a flagged one,
			 * which only sends the block the slow way.) */
			uint64_t x, sp;
			const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;

			memcpy(&x, p, 8);
			sp = x ^ (ones * ' ');
			sp = (sp - ones) & ~sp & high;
			if (!(x & high) && /* (Arabic leaves here) */
			    !((x - ones * 0x20) & ~x & high) && !(sp & (sp << 8))) {
				e = j + 8;
				if (p[7] == ' ' && st->spaces)
					e--;
				j = e;
				continue;
			}
		}
		unsigned acc = pair[p[0] << 8 | p[1]] & pair[p[1] << 8 | p[2]] &
		               pair[p[2] << 8 | p[3]] & pair[p[3] << 8 | p[4]] &
		               pair[p[4] << 8 | p[5]] & pair[p[5] << 8 | p[6]] &
		               pair[p[6] << 8 | p[7]] & pair[p[7] << 8 | p[8]];
		char *o;

		if (!(acc & PAIR_LINK))
			break;
		e = j + 8 + (p[8] - 0x80u < 0x40);
		/* A space at the end is plain only if what follows is; a
		 * newline at the end is left for the line's bookkeeping. */
		if ((s[e - 1] == ' ' && st->spaces) || s[e - 1] == '\n')
			e--;
		if (!(acc & PAIR_KEEP)) {
			put(nz, out, (const char *)s + *start, j - *start);
			if (nz->error || buf_reserve(out, e - j + 1)) {
				nz->error = NASS_ENOMEM;
				break;
			}
			o = out->data + out->len;
			/* No branch on which characters are replaced: they
			 * come at random, and swap[] holds every character of
			 * a block, itself or replaced.  s[k + 1] is inside the
			 * block even for an ASCII character at its end. */
			for (k = j; k < e;) {
				unsigned b0 = s[k], b1 = s[k + 1], two = b0 >> 7;
				unsigned m = 0u - two; /* all ones for 2 bytes */
				const uint8_t *r = st->swap[(b0 & ~m) | (((b0 & 0x1F) << 6 | (b1 & 0x3F)) & m)];

				mark = (size_t)(o - out->data);
				o[0] = (char)r[1];
				o[1] = (char)r[2];
				o += r[0];
				k += 1 + two;
			}
			out->len = (size_t)(o - out->data);
			*start = e;
		}
		j = e;
	}
	if (j == *pi)
		return 0;
	*last = s[j - 1] < 0x80 ? j - 1 : j - 2;
	/* With a written block the last character is out already: a segment
	 * starting with it takes it back from last_mark. */
	*last_written = *start == j;
	*last_mark = mark;
	*pi = j;
	return 1;
}

/* The hot loop: copy a run of plain characters, and append the results of
 * simple ones, starting at s[i] (plain or simple); returns the position
 * after the run.  In a spaces stage a single U+0020 between non-spaces
 * stays in the run; anything else ends it and takes the general path. */
static size_t run_plain(nass_normalizer *nz, stage *st, const unsigned char *s,
                        size_t i, size_t n, buf *out)
{
	size_t start = i, last = i, last_mark = 0, k;
	int prev_space = 0, last_written = 0, stop_join = 0, bad;
	const uint8_t *flags = st->flags; /* locals: stores to out cannot alias */
	const int spaces = st->spaces;
	int32_t cp;
	uint8_t f;

	flush_seg(nz, st, out);
	materialize_space(nz, st, out);
	while (i < n) {
		if (!prev_space) {
			const uint8_t *pair = st->pair;

			/* A space is taken with the character after it, which
			 * must be plain for the space to be a single one. */
			while (i + 2 < n) {
				unsigned v, w;

				if (i + 8 < n && s[i] - 0x80u >= 0x40 &&
				    block_loop(nz, st, s, &i, n, out, &start, &last, &last_mark,
				               &last_written))
					continue; /* is i + 2 < n still? */
				v = pair[s[i] << 8 | s[i + 1]] & PAIR_CHAR;
				if (v - PAIR_ASCII < 2) {
					last = i;
					i += v;
					last_written = 0;
					continue;
				}
				if (v != PAIR_SPACE)
					break;
				w = pair[s[i + 1] << 8 | s[i + 2]] & PAIR_CHAR;
				if (w - PAIR_ASCII >= 2)
					break;
				last = i + 1;
				i += 1 + w;
				last_written = 0;
			}
			if (i >= n)
				break;
		}
		unsigned b = s[i], c = i + 1 < n ? s[i + 1] : 0;
		int two = b - 0xC2 < 0x1E && (c & 0xC0) == 0x80, space = 0;

		/* ASCII and 2-byte characters (Arabic) are decoded with no
		 * branch on which they are, as they alternate at every word;
		 * a single space after a non-space stays in the run. */
		if (b < 0x80 || two) {
			cp = two ? (int32_t)((b & 0x1F) << 6 | (c & 0x3F)) : (int32_t)b;
			k = 1 + (size_t)two;
			space = cp == ' ' && spaces;
		} else if (!(k = utf8_decode(s + i, n - i, &cp, &bad)) || bad) {
			stop_join = !k; /* cut off: the next chunk decides */
			break;
		}
		if (cp == '\n' && spaces) {
			/* A line end inside a run: the space before it (if the
			 * run ended in one) and the spaces after it are trimmed,
			 * and the run goes on if a plain character follows. */
			unsigned v;

			put(nz, out, (const char *)s + start, (prev_space ? last : i) - start);
			put(nz, out, "\n", 1);
			for (i++; i < n && s[i] == ' '; i++)
				;
			start = last = i;
			prev_space = 0;
			last_written = 0;
			v = i + 1 < n ? st->pair[s[i] << 8 | s[i + 1]] & PAIR_CHAR : PAIR_STOP;
			if (v != PAIR_ASCII && v != PAIR_TWO) {
				st->pending_space = 0; /* as end_line leaves it */
				st->line_start = 1;
				return i;
			}
			continue;
		}
		if (space & prev_space) {
			/* More spaces after the run's single one: skipped, if
			 * a plain character follows them (else the space may
			 * be trailing: the slow way decides). */
			size_t j = i + 1;
			unsigned v;

			while (j < n && s[j] == ' ')
				j++;
			v = j + 1 < n ? st->pair[s[j] << 8 | s[j + 1]] & PAIR_CHAR : PAIR_STOP;
			if (v == PAIR_ASCII || v == PAIR_TWO) {
				put(nz, out, (const char *)s + start, i - start);
				i = start = last = j;
				prev_space = 0;
				last_written = 0;
				continue;
			}
		}
		f = flags[cp];
		if (!f)
			f = build_block(nz, st, cp);
		if ((f & F_PLAIN) | (space & !prev_space)) {
			last = i;
			i += k;
			prev_space = space;
			last_written = 0;
			continue;
		}
		if (!(f & F_SIMPLE)) {
			stop_join = !!(f & F_JOIN);
			break;
		}
		put(nz, out, (const char *)s + start, i - start);
		last_mark = out->len;
		put(nz, out, st->pool.data + (st->entry[cp] >> 8), st->entry[cp] & 0xFF);
		last = i;
		i += k;
		start = i;
		prev_space = 0;
		last_written = 1;
	}
	if (i == n)
		stop_join = 1; /* the next chunk may start with a mark */
	stop_join &= st->compose;
	if (prev_space) {
		/* The run's final space may be followed by more space: leave it
		 * pending so that the next character decides. */
		put(nz, out, (const char *)s + start, last - start);
		st->pending_space = 1;
	} else if (stop_join) {
		/* The last character takes the marks that follow: it starts a
		 * segment instead of being written now. */
		if (last_written)
			out->len = last_mark;
		else
			put(nz, out, (const char *)s + start, last - start);
		utf8_decode(s + last, n - last, &cp, &bad);
		st->seg[0] = cp;
		st->nseg = 1;
	} else {
		put(nz, out, (const char *)s + start, i - start);
	}
	return i;
}

/* Process bytes s[0..n); stop at the first character boundary at or after
 * `stop`, or before an incomplete sequence at the end (unless final).
 * Returns the number of bytes consumed.  `base` is the document offset of
 * s[0] for invalid-byte reports (count only when count is set). */
static size_t run_bytes(nass_normalizer *nz, stage *st, const unsigned char *s,
                        size_t n, size_t stop, buf *out, int final,
                        unsigned long long base, int count)
{
	size_t i = 0, k;
	int32_t cp;
	int bad;

	while (i < n && i < stop) {
		unsigned char b = s[i];

		if (b < 0x80) {
			if (st->flags[b] & (F_PLAIN | F_SIMPLE)) {
				i = run_plain(nz, st, s, i, n, out);
				continue;
			}
			if (b == '\n') {
				end_line(nz, st, out);
				put(nz, out, "\n", 1);
				i++;
				continue;
			}
			if (b == ' ' && st->spaces && (st->flags[' '] & F_SPACE)) {
				/* A run of spaces is one space (or none at a line
				 * start): the rest of the run changes nothing. */
				general(nz, st, ' ', out);
				while (++i < n && s[i] == ' ' && i < stop)
					;
				continue;
			}
			if (b == '\r' && st->spaces) {
				if (i + 1 == n && !final)
					break; /* is it CR LF? wait for the next byte */
				if (i + 1 < n && s[i + 1] == '\n') {
					i++; /* CR LF -> LF */
					continue;
				}
				general(nz, st, ' ', out); /* a lone CR is a space */
				i++;
				continue;
			}
			general(nz, st, b, out);
			i++;
			continue;
		}
		k = utf8_decode(s + i, n - i, &cp, &bad);
		if (!k) {
			if (!final)
				break;
			k = 1;
			cp = UTF8_REPLACEMENT;
			bad = 1;
		}
		if (bad && count) {
			if (!nz->invalid++)
				nz->first_invalid = base + i;
		}
		if (!bad && (lookup(nz, st, cp) & (F_PLAIN | F_SIMPLE))) {
			i = run_plain(nz, st, s, i, n, out);
			continue;
		}
		general(nz, st, cp, out);
		i += k;
	}
	return i;
}

/* Feed bytes through a character stage, keeping an incomplete trailing
 * sequence (or a CR that may start CR LF) for the next call. */
static void stage_feed(nass_normalizer *nz, stage *st, const unsigned char *s,
                       size_t n, buf *out, int count)
{
	unsigned long long base = nz->offset;
	size_t used;

	if (!n) /* nothing (and s may be NULL) */
		return;
	if (st->npartial) {
		unsigned char tmp[8];
		size_t have = st->npartial, take = n < 4 ? n : 4;

		memcpy(tmp, st->partial, have);
		memcpy(tmp + have, s, take);
		used = run_bytes(nz, st, tmp, have + take, have, out, 0, base - have, count);
		if (used < have) {
			/* Still incomplete: everything went into tmp. */
			st->npartial = have + take - used;
			memmove(st->partial, tmp + used, st->npartial);
			return;
		}
		st->npartial = 0;
		s += used - have;
		n -= used - have;
		base += used - have;
	}
	used = run_bytes(nz, st, s, n, n, out, 0, base, count);
	st->npartial = n - used;
	memcpy(st->partial, s + used, st->npartial);
}

static void stage_finish(nass_normalizer *nz, stage *st, buf *out, int count)
{
	if (st->npartial)
		run_bytes(nz, st, st->partial, st->npartial, st->npartial, out, 1,
		          nz->offset - st->npartial, count);
	st->npartial = 0;
	end_line(nz, st, out);
}

/* ------------------------------------------------------------- stages */

/* Is cp (of len bytes) replaced by one ASCII character, or (if cp is a
 * 2-byte character) by one 2-byte character?  If so, the replacement is
 * kept in st->swap. */
static int short_swap(stage *st, int32_t cp, size_t len)
{
	uint32_t en = st->entry[cp];
	const unsigned char *r;
	size_t rlen = en & 0xFF;

	if (!(st->flags[cp] & F_SIMPLE) || !st->pool.data)
		return 0;
	r = (const unsigned char *)st->pool.data + (en >> 8);
	if (!(rlen == 1 && r[0] < 0x80) &&
	    !(rlen == 2 && len == 2 && r[0] - 0xC2u < 0x1E && r[1] - 0x80u < 0x40))
		return 0;
	st->swap[cp][0] = (uint8_t)rlen;
	st->swap[cp][1] = r[0];
	st->swap[cp][2] = rlen == 2 ? r[1] : 0;
	return 1;
}

/* Fill the pair table from the flags of U+0000..U+07FF (built here). */
static int build_pairs(nass_normalizer *nz, stage *st)
{
	unsigned b, c;
	int32_t cp;
	uint8_t ascii_ok[0x80]; /* plain or same-length replacement */

	if (!(st->pair = malloc(65536)) || !(st->swap = calloc(0x800, sizeof *st->swap)))
		return NASS_ENOMEM;
	memset(st->pair, PAIR_KEEP, 65536);
	for (cp = 0; cp < 0x800; cp++) {
		char u[4];
		size_t len = utf8_encode(cp, u);

		st->swap[cp][0] = (uint8_t)len;
		st->swap[cp][1] = (uint8_t)u[0];
		st->swap[cp][2] = len == 2 ? (uint8_t)u[1] : 0;
	}
	for (cp = 0; cp < 0x800; cp += 256)
		(void)lookup(nz, st, cp);
	if (nz->error)
		return nz->error;
	for (b = 0; b < 0x80; b++) {
		uint8_t v = PAIR_KEEP;

		ascii_ok[b] = 0;
		if (b == ' ' && st->spaces) {
			v |= PAIR_SPACE;
		} else if (st->flags[b] & F_PLAIN) {
			v |= PAIR_ASCII;
			ascii_ok[b] = 1;
		} else if (short_swap(st, b, 1)) {
			v = 0;
			ascii_ok[b] = 1;
		}
		memset(st->pair + (b << 8), v, 256);
	}
	for (b = 0xC2; b <= 0xDF; b++)
		for (c = 0x80; c <= 0xBF; c++) {
			cp = (int32_t)((b & 0x1F) << 6 | (c & 0x3F));
			if (st->flags[cp] & F_PLAIN)
				st->pair[b << 8 | c] |= PAIR_TWO | PAIR_LINK;
			else if (short_swap(st, cp, 2))
				st->pair[b << 8 | c] = PAIR_LINK;
		}
	/* A newline may sit inside a block between two plain characters: no
	 * space to trim on either side, nothing to compose with. */
	for (b = 0; b < 0x100; b++) {
		int after_char = (b < 0x80 && ascii_ok[b]) || (b >= 0x80 && b < 0xC0);
		if (after_char)
			st->pair[b << 8 | '\n'] |= PAIR_LINK;
		if ((b < 0x80 && ascii_ok[b]) || (b >= 0xC2 && b <= 0xDF))
			st->pair['\n' << 8 | b] |= PAIR_LINK;
	}
	st->ascii_plain = 1;
	for (b = 0x21; b < 0x80; b++)
		if ((st->pair[b << 8] & PAIR_CHAR) != PAIR_ASCII)
			st->ascii_plain = 0;
	/* Links: after an ASCII character or the last byte of a 2-byte one
	 * (either plain or replaced) comes another such ASCII character, a
	 * space or a 2-byte lead (whose own link checks it); after a space
	 * the same but a space. */
	for (b = 0; b < 0x100; b++) {
		int after_char = (b < 0x80 && ascii_ok[b]) || (b >= 0x80 && b < 0xC0);
		int after_space = b < 0x80 && (st->pair[b << 8] & PAIR_CHAR) == PAIR_SPACE;

		if (!after_char && !after_space)
			continue;
		for (c = 0; c < 0x100; c++) {
			int space = c < 0x80 && (st->pair[c << 8] & PAIR_CHAR) == PAIR_SPACE;

			if ((c < 0x80 && ascii_ok[c]) || (c >= 0xC2 && c <= 0xDF) ||
			    (space && after_char))
				st->pair[b << 8 | c] |= PAIR_LINK;
		}
	}
	return NASS_OK;
}

static int stage_init(nass_normalizer *nz, stage *st)
{
	size_t k;

	st->line_start = 1;
	if (st->is_regex)
		return (st->run = regex_run_new()) ? NASS_OK : NASS_ENOMEM;
	for (k = 0; k < st->nsteps; k++) {
		int bi = st->steps[k]->builtin;
		if (st->steps[k]->compose || bi == NB_NFC || bi == NB_NFKC || bi == NB_CASEFOLD)
			st->compose = 1;
		if (bi == NB_SPACES)
			st->spaces = 1;
	}
	st->flags = calloc(NCODEPOINTS, 1);
	st->entry = calloc(NCODEPOINTS, sizeof *st->entry);
	if (!st->flags || !st->entry)
		return NASS_ENOMEM;
	if (st->compose && !(st->cache = calloc(SEGC_SLOTS, sizeof *st->cache)))
		return NASS_ENOMEM;
	(void)lookup(nz, st, 0);
	if (nz->error)
		return nz->error;
	/* A newline ends a line and CR may start CR LF: never in a run. */
	st->flags['\n'] &= (uint8_t) ~(F_PLAIN | F_SIMPLE);
	st->flags['\r'] &= (uint8_t) ~(F_PLAIN | F_SIMPLE);
	return build_pairs(nz, st);
}

static void stage_free(stage *st)
{
	free(st->pair);
	free(st->swap);
	free(st->cache);
	free(st->flags);
	free(st->entry);
	regex_run_free(st->run);
	buf_free(&st->pool);
	buf_free(&st->scratch);
	cpbuf_free(&st->s1);
	cpbuf_free(&st->s2);
}

void nass_normalizer_free(nass_normalizer *nz)
{
	size_t i;

	if (!nz)
		return;
	for (i = 0; i < nz->nstages; i++)
		stage_free(&nz->stages[i]);
	free(nz->stages);
	free(nz->list);
	buf_free(&nz->out);
	buf_free(&nz->line);
	buf_free(&nz->tmp);
	free(nz);
}

nass_normalizer *nass_normalizer_new(const nass_rules *rules, const char *profile,
                                     const char *add, const char *remove,
                                     nass_error *err)
{
	nass_normalizer *nz = calloc(1, sizeof *nz);
	size_t n, i;

	if (!nz) {
		error_set(err, NASS_ENOMEM, NULL, 0, 0, "out of memory");
		return NULL;
	}
	if (nrules_expand(&rules->normalize, profile, add, remove, &nz->list, &n, err))
		goto fail;
	/* At most one stage per step, plus a leading character stage that
	 * decodes (and repairs) UTF-8 when the first step is a regex. */
	if (!(nz->stages = calloc(n + 1, sizeof *nz->stages)))
		goto oom;
	for (i = 0; i < n; i++) {
		const nstep *s = nz->list[i];
		stage *last = nz->nstages ? &nz->stages[nz->nstages - 1] : NULL;

		if (s->nrx) {
			if (!last)
				nz->stages[nz->nstages++].steps = &nz->list[i];
			last = &nz->stages[nz->nstages++];
			last->is_regex = 1;
			nz->line_mode = 1;
		} else if (!last || last->is_regex) {
			last = &nz->stages[nz->nstages++];
		}
		if (!last->nsteps)
			last->steps = &nz->list[i];
		if (s->nrx || !last->is_regex)
			last->nsteps++;
	}
	if (!nz->nstages) {
		nz->stages[0].steps = nz->list;
		nz->nstages = 1;
	}
	for (i = 0; i < nz->nstages; i++)
		if (stage_init(nz, &nz->stages[i]))
			goto oom;
	return nz;
oom:
	error_set(err, NASS_ENOMEM, NULL, 0, 0, "out of memory");
fail:
	nass_normalizer_free(nz);
	return NULL;
}

void nass_normalizer_set_diag(nass_normalizer *nz, nass_diag_fn fn, void *ctx)
{
	nz->diag = fn;
	nz->diag_ctx = ctx;
}

int nass_normalizer_feed(nass_normalizer *nz, const char *buf, size_t len)
{
	if (nz->inpos < nz->inlen)
		return NASS_EINVAL; /* the previous input is not consumed yet */
	nz->in = (const unsigned char *)buf;
	nz->inlen = len;
	nz->inpos = 0;
	return NASS_OK;
}

int nass_normalizer_finish(nass_normalizer *nz)
{
	nz->finishing = 1;
	return NASS_OK;
}

static void warn(nass_normalizer *nz, const char *msg)
{
	if (nz->diag)
		nz->diag(nz->diag_ctx, msg);
}

/* Run the stages after the first on the collected line (or piece of a
 * long line), appending the result to nz->out. */
static void process_line(nass_normalizer *nz, int final)
{
	size_t i;
	buf t;
	/* Nothing after the last newline is no line at all: a pattern that
	 * matches the empty string must not make one. */
	int none = final && nz->line.len == 0;

	for (i = 1; i < nz->nstages; i++) {
		stage *st = &nz->stages[i];
		int nl = nz->line.len && nz->line.data[nz->line.len - 1] == '\n';

		nz->tmp.len = 0;
		if (st->is_regex) {
			const nstep *rs = st->steps[0];

			if (none)
				continue;
			size_t k, j;
			for (k = 0; k < rs->nrx; k++) {
				int rc = regex_replace(rs->rx[k].re, st->run, nz->line.data,
				                       nz->line.len - (size_t)nl, rs->rx[k].replace,
				                       strlen(rs->rx[k].replace), &nz->tmp);
				if (rc == NASS_ENOMEM) {
					nz->error = rc;
					return;
				}
				if (rc && !st->rx_warned++) {
					char msg[300];
					snprintf(msg, sizeof msg,
					         "regex step '%s': pattern %zu hit the match limit; such lines are left as they were by it (reported once per input)",
					         rs->name, k + 1);
					warn(nz, msg);
				}
				/* A replacement must not add lines: a newline it
				 * produced (e.g. from \n in the pattern's capture)
				 * becomes a space. */
				for (j = 0; j < nz->tmp.len; j++)
					if (nz->tmp.data[j] == '\n')
						nz->tmp.data[j] = ' ';
				if (nl)
					put(nz, &nz->tmp, "\n", 1);
				t = nz->line, nz->line = nz->tmp, nz->tmp = t;
				nz->tmp.len = 0;
			}
			continue;
		}
		stage_feed(nz, st, (const unsigned char *)nz->line.data, nz->line.len, &nz->tmp, 0);
		if (final)
			stage_finish(nz, st, &nz->tmp, 0);
		t = nz->line, nz->line = nz->tmp, nz->tmp = t;
	}
	put(nz, &nz->out, nz->line.data, nz->line.len);
	nz->line.len = 0;
}

static void end_document(nass_normalizer *nz)
{
	size_t i;

	nz->last_invalid = nz->invalid;
	nz->last_first = nz->first_invalid;
	nz->invalid = nz->first_invalid = nz->offset = 0;
	nz->long_warned = 0;
	nz->finishing = 0;
	for (i = 0; i < nz->nstages; i++) {
		nz->stages[i].pending_space = 0;
		nz->stages[i].line_start = 1;
		nz->stages[i].nseg = 0;
		nz->stages[i].npartial = 0;
		nz->stages[i].rx_warned = 0;
	}
}

int nass_normalizer_next(nass_normalizer *nz, const char **out, size_t *len)
{
	stage *first = &nz->stages[0];
	buf *dest = nz->line_mode ? &nz->line : &nz->out;

	nz->out.len = 0;
	while (!nz->error) {
		if (nz->inpos < nz->inlen) {
			const unsigned char *p = nz->in + nz->inpos;
			size_t win = nz->inlen - nz->inpos;
			const unsigned char *nl;

			/* Whole lines, up to CHUNK bytes of them, make one piece;
			 * in line mode, one line. */
			if (win > CHUNK)
				win = CHUNK;
			nl = nz->line_mode ? memchr(p, '\n', win) : memrchr(p, '\n', win);
			if (nl)
				win = (size_t)(nl - p) + 1;
			stage_feed(nz, first, p, win, dest, 1);
			nz->inpos += win;
			nz->offset += win;
			if (nz->line_mode) {
				if (nz->line.len && nz->line.data[nz->line.len - 1] == '\n') {
					process_line(nz, 0);
				} else if (nz->line.len >= LINE_MAX_BYTES) {
					if (!nz->long_warned++)
						warn(nz, "line longer than 1 MiB: regex steps see it in pieces");
					process_line(nz, 0);
				}
			}
		} else if (nz->finishing) {
			stage_finish(nz, first, dest, 1);
			if (nz->line_mode)
				process_line(nz, 1);
			end_document(nz);
		} else {
			break;
		}
		if (nz->out.len) {
			*out = nz->out.data;
			*len = nz->out.len;
			return NASS_OK;
		}
	}
	*out = NULL;
	*len = 0;
	if (nz->error) {
		int rc = nz->error;
		return rc;
	}
	return NASS_AGAIN;
}

void nass_normalizer_invalid(const nass_normalizer *nz, unsigned long long *count,
                             unsigned long long *first_offset)
{
	*count = nz->last_invalid;
	*first_offset = nz->last_first;
}
