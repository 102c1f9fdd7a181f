/* tokenize.c - text to sentences of tokens, streaming.
 *
 * Input is copied into one buffer.  Tokens never contain white space, so
 * everything up to the last white space in the buffer can be tokenized
 * without waiting for more input; the rest waits.  Tokens go into the
 * sentence being built (its text and its words), which is handed out when
 * an ending is followed by something that is not a closing quote, at a
 * paragraph break (a blank line), at the end of the document, or at the
 * length limit.  Memory is thus one sentence plus one read chunk. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "chars.h"
#include "clitics.h"
#include "error.h"
#include "hash.h"
#include "io.h"
#include "rules.h"
#include "tokenize_internal.h"
#include "utf8.h"

/* A run of bytes with no white space longer than this is cut into tokens
 * of this size, so that a line of garbage cannot hold memory hostage. */
#define MAX_TOKEN_BYTES (64 * 1024)
#define DEFAULT_MAX_TOKENS 1000

/* The type of plain words (compared by address: clitics split only these). */
static const char WORD[] = "word";
static const char PUNCT[] = "punct"; /* only these may end a sentence */

typedef struct word {
	size_t off, len;               /* in the sentence's text */
	unsigned long long start, end; /* characters in the document */
	int space_after, token_words;
	const char *type;
} word;

typedef struct sentence {
	buf doc;  /* the document id, NUL-terminated */
	buf text;
	word *words;
	size_t nwords, cap, ntokens;
	nass_word *pub; /* the public view, made when handed out */
	size_t pubcap;
} sentence;

struct nass_tokenizer {
	const trules *tr;
	int flags;
	size_t max_tokens;
	nass_diag_fn diag;
	void *diag_ctx;
	regex_run *run;
	unsigned char cls[0x800];
	uint32_t pmask[0x800];    /* patterns that may start with cp (first 32) */
	/* word2[b0 << 6 ^ b1]: bytes b0 b1 are a 2-byte letter or mark
	 * (b0 in C2..DF, b1 a continuation byte: the index is unique) */
	unsigned char word2[0x4000];
	int ranges_ok;            /* letters2's ranges are all in word2 */
	char **abbr;              /* open-addressing set of abbreviations */
	size_t abbr_mask;
	clitics *cl;
	char *cl_owned[3];        /* clitic data read from disk */

	/* input */
	buf in;
	size_t pos;               /* in.data[pos..] is not yet tokenized */
	unsigned long long chars; /* characters before in.data[pos] */
	unsigned char partial[4];
	size_t npartial;
	unsigned long long bytes, invalid, first_invalid;
	unsigned long long last_invalid, last_first;
	int finishing, newlines;

	/* documents and sentences */
	char *doc_id, *base_id;
	unsigned long long line, sentno, cuts;
	int new_doc, new_par;
	sentence cur, out;
	buf gap;                  /* white space since the last token */
	int ended;                /* cur ends with a sentence ending */
	size_t noend_until;       /* in.data before this ends no sentence */
	size_t lim;               /* safe_end, while in does not change */
	size_t scanned_chars;     /* characters a plain word scan went over */
	size_t nows;              /* in.data[pos..nows) has no white space */
	int lim_ok, lim_forced;   /* (forced: no white space, see safe_end) */
	int ready;                /* out holds a sentence not yet pulled */
	nass_sentence pub;
	buf fmt;
};

/* ------------------------------------------------------------ helpers */

/* A byte of ASCII white space: the ones that surely end a token, where
 * tokenizing may safely stop. */
static inline int ws_byte(char b)
{
	return b == ' ' || b == '\n' || b == '\t' || b == '\r';
}

static inline int cls(const nass_tokenizer *t, int32_t cp)
{
	return cp < 0x800 ? t->cls[cp] : char_class(cp);
}

static int in_list(const int32_t *list, size_t n, int32_t cp)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (list[i] == cp)
			return 1;
	return 0;
}

/* Decode the (valid) character at s; its length in bytes. */
/* The input was made valid UTF-8 when fed, so decoding needs no checks
 * beyond the end of the buffer. */
static inline size_t dec(const char *s, size_t n, int32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	int bad;
	size_t k;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] < 0xE0 && n >= 2) {
		*cp = (int32_t)((u[0] & 0x1F) << 6 | (u[1] & 0x3F));
		return 2;
	}
	k = utf8_decode(u, n, cp, &bad);
	return k ? k : 1;
}

static unsigned long long count_chars(const char *s, size_t n)
{
	unsigned long long c = 0;
	size_t i;

	for (i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

static int abbr_has(const nass_tokenizer *t, const char *s, size_t n)
{
	size_t i;

	if (!t->abbr)
		return 0;
	for (i = hash_bytes(s, n) & t->abbr_mask; t->abbr[i]; i = (i + 1) & t->abbr_mask)
		if (strlen(t->abbr[i]) == n && !memcmp(t->abbr[i], s, n))
			return 1;
	return 0;
}

static int build_abbr(nass_tokenizer *t)
{
	size_t i, size = 16;

	while (size < t->tr->nabbrevs * 2 + 2)
		size *= 2;
	if (!(t->abbr = calloc(size, sizeof *t->abbr)))
		return NASS_ENOMEM;
	t->abbr_mask = size - 1;
	for (i = 0; i < t->tr->nabbrevs; i++) {
		const char *a = t->tr->abbrevs[i];
		size_t h = hash_bytes(a, strlen(a)) & t->abbr_mask;
		while (t->abbr[h] && strcmp(t->abbr[h], a))
			h = (h + 1) & t->abbr_mask;
		t->abbr[h] = t->tr->abbrevs[i]; /* borrowed from the rules */
	}
	return NASS_OK;
}

static int first_fits(const tpattern *p, int32_t cp, int c);

/* Which patterns may start at each code point below U+0800, so that most
 * tokens try none. */
static void build_pmask(nass_tokenizer *t)
{
	int32_t cp;
	size_t p;

	for (cp = 0; cp < 0x800; cp++) {
		uint32_t m = 0;
		for (p = 0; p < t->tr->npats; p++)
			if (p >= 32 || first_fits(t->tr->pats[p], cp, t->cls[cp]))
				m |= p < 32 ? 1u << p : 0x80000000u;
		t->pmask[cp] = m;
	}
}

/* ------------------------------------------------------------ lifetime */

nass_tokenizer *nass_tokenizer_new(const nass_rules *rules, int flags,
                                   nass_error *err)
{
	nass_tokenizer *t;

	if (!rules) {
		error_set(err, NASS_EINVAL, NULL, 0, 0, "no rules");
		return NULL;
	}
	if (!(t = calloc(1, sizeof *t)) || !(t->run = regex_run_new()))
		goto oom;
	t->tr = &rules->tokenize;
	t->flags = flags;
	t->max_tokens = t->tr->max_tokens > 0 ? (size_t)t->tr->max_tokens : DEFAULT_MAX_TOKENS;
	char_table(t->cls);
	build_pmask(t);
	{
		int32_t cp;
		for (cp = 0x80; cp < 0x800; cp++)
			if ((t->cls[cp] == CH_LETTER || t->cls[cp] == CH_MARK) &&
			    cp != 0x0640) /* (tatweel lets digits follow) */
				t->word2[(0xC0 | cp >> 6) << 6 ^ (0x80 | (cp & 0x3F))] = 1;
		/* (the fast scan's ranges must hold only what word2 does: they
		 * would, unless the character tables changed) */
		t->ranges_ok = 1;
		for (cp = 0x0620; cp < 0x0660; cp++)
			if (cp != 0x0640 && !t->word2[(0xC0 | cp >> 6) << 6 ^ (0x80 | (cp & 0x3F))])
				t->ranges_ok = 0;
	}
	if (build_abbr(t))
		goto oom;
	if (flags & NASS_TOKENIZE_SPLIT_CLITICS) {
		const char *text[3] = {NULL, NULL, NULL};
		size_t len[3] = {0, 0, 0};
		int k;

		for (k = 0; k < 3; k++) {
			const char *name = t->tr->clitic_files[k];
			if (!name)
				continue;
			if (!(text[k] = rules_data(name, &len[k], &t->cl_owned[k]))) {
				error_set(err, NASS_EIO, name, 0, 0, "cannot read: %s", strerror(errno));
				nass_tokenizer_free(t);
				return NULL;
			}
		}
		if (!(t->cl = clitics_new(text[0], len[0], text[1], len[1], text[2], len[2])))
			goto oom;
	}
	return t;
oom:
	nass_tokenizer_free(t);
	error_set(err, NASS_ENOMEM, NULL, 0, 0, "out of memory");
	return NULL;
}

static void sentence_free(sentence *s)
{
	buf_free(&s->doc);
	buf_free(&s->text);
	free(s->words);
	free(s->pub);
}

void nass_tokenizer_free(nass_tokenizer *t)
{
	if (!t)
		return;
	regex_run_free(t->run);
	free(t->abbr);
	clitics_free(t->cl);
	free(t->cl_owned[0]);
	free(t->cl_owned[1]);
	free(t->cl_owned[2]);
	buf_free(&t->in);
	free(t->doc_id);
	free(t->base_id);
	sentence_free(&t->cur);
	sentence_free(&t->out);
	buf_free(&t->gap);
	buf_free(&t->fmt);
	free(t);
}

void nass_tokenizer_set_diag(nass_tokenizer *t, nass_diag_fn fn, void *ctx)
{
	t->diag = fn;
	t->diag_ctx = ctx;
}

void nass_tokenizer_set_max_tokens(nass_tokenizer *t, size_t n)
{
	t->max_tokens = n ? n : 1;
}

static int set_doc_id(nass_tokenizer *t)
{
	char *id;

	if (t->flags & NASS_TOKENIZE_DOC_PER_LINE) {
		size_t n = strlen(t->base_id) + 24;
		if (!(id = malloc(n)))
			return NASS_ENOMEM;
		snprintf(id, n, "%s:%llu", t->base_id, t->line);
	} else if (!(id = strdup(t->base_id))) {
		return NASS_ENOMEM;
	}
	free(t->doc_id);
	t->doc_id = id;
	t->sentno = 0;
	t->new_doc = t->new_par = 1;
	t->chars = 0;
	return NASS_OK;
}

int nass_tokenizer_begin(nass_tokenizer *t, const char *id)
{
	free(t->base_id);
	if (!(t->base_id = strdup(id ? id : "-")))
		return NASS_ENOMEM;
	t->line = 1;
	t->in.len = t->pos = t->noend_until = t->nows = 0;
	t->npartial = 0;
	t->bytes = t->invalid = t->first_invalid = 0;
	t->finishing = 0;
	t->newlines = 0;
	t->cuts = 0;
	t->lim_ok = 0;
	return set_doc_id(t);
}

/* Copy input, replacing each invalid byte by U+FFFD so that everything
 * after works on valid UTF-8. */
/* Skip 8-byte words of ASCII and 2-byte characters (all of Arabic) that
 * are valid UTF-8, eight (with SSE2 sixteen) bytes per test: a byte
 * 10xxxxxx must follow a byte 11xxxxxx and only that.  Stops at a word with anything else
 * (3- and 4-byte characters, C0 and C1, broken sequences) or one that
 * ends inside a character, and returns where to go on one at a time. */
static size_t valid_words(const unsigned char *s, size_t i, size_t n)
{
	const uint64_t high = 0x8080808080808080u, ones = 0x0101010101010101u;

#ifdef __SSE2__
	/* Sixteen bytes at a time where SSE2 is (x86-64): half the
	 * instructions of the words below.  As signed bytes, continuation
	 * bytes are below -64 and the leads C2..DF from -62 to -33. */
	while (i + 16 <= n) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		unsigned nonascii = (unsigned)_mm_movemask_epi8(v);
		unsigned cont, lead;

		if (!nonascii) {
			i += 16;
			continue;
		}
		cont = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8(-64)));
		lead = (unsigned)_mm_movemask_epi8(_mm_and_si128(
			_mm_cmpgt_epi8(v, _mm_set1_epi8(-63)), _mm_cmplt_epi8(v, _mm_set1_epi8(-32))));
		/* nothing but those, and each lead followed by a continuation */
		if ((lead | cont) != nonascii || ((lead << 1) & 0xFFFF) != cont)
			return i;
		i += 16 - (lead >> 15); /* (a lead last: it goes with the next) */
	}
	return i;
#endif
#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
	return i; /* the byte order below is little-endian's */
#endif
	while (i + 8 <= n) {
		uint64_t x, hi, b6, b5, lead, cont, c01;

		memcpy(&x, s + i, 8);
		hi = x & high;
		if (!hi) {
			i += 8;
			continue;
		}
		b6 = (x << 1) & high; /* bit 6 of each byte, at bit 7 */
		b5 = (x << 2) & high;
		lead = hi & b6;
		cont = hi & ~b6;
		c01 = (x & (ones * 0xFE)) ^ (ones * 0xC0); /* zero where C0 or C1 */
		c01 = (c01 - ones) & ~c01 & high;
		/* (the zero test may flag bytes after a true zero: then the
		 * word is only done the slow way) */
		if ((lead & b5) || c01 || (lead << 8) != cont)
			break;
		/* the first byte may not continue the word before: i is always
		 * at a character start here; a lead in the last byte is taken
		 * with its continuation by the next word */
		i += 8 - (size_t)(lead >> 63);
	}
	return i;
}

int nass_tokenizer_feed(nass_tokenizer *t, const char *data, size_t len)
{
	const unsigned char *s = (const unsigned char *)data;
	size_t i = 0, k;
	int32_t cp;
	int bad;

	t->lim_ok = 0;
	if (!t->base_id && nass_tokenizer_begin(t, "-"))
		return NASS_ENOMEM;
	/* Drop what was tokenized, when that is at least half the buffer. */
	if (t->pos > t->in.len / 2) {
		memmove(t->in.data, t->in.data + t->pos, t->in.len - t->pos);
		t->in.len -= t->pos;
		t->noend_until = t->noend_until > t->pos ? t->noend_until - t->pos : 0;
		t->nows = t->nows > t->pos ? t->nows - t->pos : 0;
		t->pos = 0;
	}
	if (buf_reserve(&t->in, len + 8))
		return NASS_ENOMEM;
	while (t->npartial && i < len) { /* complete a character cut by the last feed */
		unsigned char tmp[8];
		memcpy(tmp, t->partial, t->npartial);
		tmp[t->npartial] = s[i];
		k = utf8_decode(tmp, t->npartial + 1, &cp, &bad);
		if (!k) {
			t->partial[t->npartial++] = s[i++];
			continue;
		}
		if (bad) {
			if (!t->invalid++)
				t->first_invalid = t->bytes;
			buf_append(&t->in, "\xEF\xBF\xBD", 3);
			t->bytes++;
			/* the bytes after the bad one are looked at again */
			memmove(t->partial, t->partial + 1, --t->npartial);
			continue;
		}
		buf_append(&t->in, (const char *)tmp, k);
		t->bytes += k;
		i += k - t->npartial;
		t->npartial = 0;
	}
	while (i < len) {
		size_t run = i;

		/* Valid characters are copied in runs; only a bad byte
		 * breaks one. */
		while (run < len) {
			unsigned char b;

			run = valid_words(s, run, len);
			if (run >= len)
				break;
			b = s[run];
			if (b < 0x80) {
				run++;
				while (run < len && s[run] < 0x80) /* ASCII */
					run++;
			} else if (b >= 0xC2 && b < 0xE0 && run + 1 < len && (s[run + 1] & 0xC0) == 0x80) {
				run += 2; /* and the rest of an Arabic word: */
				while (run + 1 < len && s[run] - 0xC2u < 0x1E && (s[run + 1] & 0xC0) == 0x80)
					run += 2;
			} else {
				k = utf8_decode(s + run, len - run, &cp, &bad);
				if (!k || bad)
					break;
				run += k;
			}
		}
		if (run > i) {
			if (buf_add(&t->in, (const char *)s + i, run - i))
				return NASS_ENOMEM;
			t->bytes += run - i;
			i = run;
			continue;
		}
		k = utf8_decode(s + i, len - i, &cp, &bad);
		if (!k) { /* cut off at the end of this feed */
			memcpy(t->partial, s + i, len - i);
			t->npartial = len - i;
			break;
		}
		/* bad: one U+FFFD for each byte that starts no character */
		if (!t->invalid++)
			t->first_invalid = t->bytes;
		if (buf_add(&t->in, "\xEF\xBF\xBD", 3))
			return NASS_ENOMEM;
		t->bytes++;
		i++;
	}
	return NASS_OK;
}

int nass_tokenizer_finish(nass_tokenizer *t)
{
	if (!t->base_id && nass_tokenizer_begin(t, "-"))
		return NASS_ENOMEM;
	while (t->npartial) { /* a truncated character at the very end */
		if (!t->invalid++)
			t->first_invalid = t->bytes;
		if (buf_append(&t->in, "\xEF\xBF\xBD", 3))
			return NASS_ENOMEM;
		t->bytes++;
		t->npartial--;
	}
	t->finishing = 1;
	t->lim_ok = 0;
	return NASS_OK;
}

void nass_tokenizer_invalid(const nass_tokenizer *t, unsigned long long *count,
                            unsigned long long *first_offset)
{
	*count = t->last_invalid;
	*first_offset = t->last_first;
}

/* ------------------------------------------------------------ sentences */

static inline int add_word(sentence *s, size_t off, size_t len, unsigned long long start,
                           unsigned long long end, int token_words, const char *type)
{
	word *w;

	if (s->nwords == s->cap &&
	    array_reserve((void **)&s->words, &s->cap, s->nwords + 1, sizeof *s->words))
		return NASS_ENOMEM;
	w = &s->words[s->nwords++];
	w->off = off;
	w->len = len;
	w->start = start;
	w->end = end;
	w->space_after = 0;
	w->token_words = token_words;
	w->type = type;
	return NASS_OK;
}

/* Hand the sentence being built out (into t->out); `space`: white space
 * (or the end of a line or document) follows its last word. */
static void emit(nass_tokenizer *t, int cut, int space)
{
	sentence tmp;
	size_t i;

	if (!t->cur.nwords)
		return;
	t->cur.words[t->cur.nwords - 1].space_after = space;
	tmp = t->out, t->out = t->cur, t->cur = tmp;
	t->cur.text.len = t->cur.nwords = t->cur.ntokens = 0;
	t->ended = 0;
	if (t->out.pubcap < t->out.nwords) {
		nass_word *p = realloc(t->out.pub, t->out.nwords * sizeof *p);
		if (!p) {
			t->out.nwords = 0;
			return;
		}
		t->out.pub = p;
		t->out.pubcap = t->out.nwords;
	}
	for (i = 0; i < t->out.nwords; i++) {
		const word *w = &t->out.words[i];
		nass_word *p = &t->out.pub[i];
		p->form = t->out.text.data + w->off;
		p->len = w->len;
		p->start = w->start;
		p->end = w->end;
		p->space_after = w->space_after;
		p->token_words = w->token_words;
		p->type = w->type;
	}
	t->out.doc.len = 0;
	if (buf_append(&t->out.doc, t->doc_id, strlen(t->doc_id) + 1)) {
		t->out.nwords = 0;
		return;
	}
	t->ready = 1;
	t->pub.doc_id = t->out.doc.data;
	t->pub.number = ++t->sentno;
	t->pub.new_document = t->new_doc;
	t->pub.new_paragraph = t->new_par;
	t->pub.cut = cut;
	t->pub.text = t->out.text.data;
	t->pub.text_len = t->out.text.len;
	t->pub.words = t->out.pub;
	t->pub.nwords = t->out.nwords;
	t->new_doc = t->new_par = 0;
	if (cut)
		t->cuts++;
}

static int is_ending(const nass_tokenizer *t, const char *s, size_t n)
{
	size_t i, k;
	int32_t cp;

	for (i = 0; i < n; i += k) {
		k = dec(s + i, n - i, &cp);
		if (!in_list(t->tr->ends, t->tr->nends, cp))
			return 0;
	}
	return n > 0;
}

/* A closing quote or bracket: one character of the close list.  The
 * straight quotes close only when attached to the ending. */
static int closes(const nass_tokenizer *t, const char *s, size_t n, int attached)
{
	int32_t cp;
	size_t k = dec(s, n, &cp);

	if (k != n || !in_list(t->tr->closers, t->tr->nclosers, cp))
		return 0;
	return attached || (cp != '"' && cp != '\'');
}

/* Add the token s[0..n) at document character `start`; `gap` is the white
 * space before it (already in the buffer, before s). */
static int add_token(nass_tokenizer *t, const char *s, size_t n, const char *gap,
                     size_t gaplen, unsigned long long start, unsigned long long end,
                     const char *type)
{
	sentence *c = &t->cur;
	size_t off, i, cuts[CLITICS_MAX + 1], npieces = 1;
	int rc;

	if (t->ended)
		t->ended = 2; /* still ended, now with its closer */
	/* (room for both at once, copied inline: mostly one space and a
	 * short word) */
	if (c->text.cap - c->text.len < gaplen + n && buf_reserve(&c->text, gaplen + n))
		return NASS_ENOMEM;
	if (c->nwords) { /* the white space between, as written but one line */
		char *d = c->text.data + c->text.len;
		c->words[c->nwords - 1].space_after = gaplen > 0;
		for (i = 0; i < gaplen; i++) /* controls, NUL among them, as spaces */
			d[i] = (unsigned char)gap[i] < 0x20 || gap[i] == 0x7F ? ' ' : gap[i];
		c->text.len += gaplen;
	}
	off = c->text.len;
	copy_short(c->text.data + off, s, n);
	c->text.len += n;
	if (t->cl && type == WORD)
		if (!(npieces = clitics_split(t->cl, s, n, cuts)))
			return NASS_ENOMEM;
	if (npieces > 1) {
		size_t from = 0;
		unsigned long long cs = start;
		for (i = 0; i < npieces; i++) {
			size_t to = i + 1 < npieces ? cuts[i] : n;
			unsigned long long ce = cs + count_chars(s + from, to - from);
			if ((rc = add_word(c, off + from, to - from, cs, ce,
			                   i ? 0 : (int)npieces, type)))
				return rc;
			from = to;
			cs = ce;
		}
	} else if ((rc = add_word(c, off, n, start, end, 1, type))) {
		return rc;
	}
	c->ntokens++;
	if (t->ended != 2 && type == PUNCT && (size_t)(s - t->in.data) >= t->noend_until &&
	    is_ending(t, s, n))
		t->ended = 1;
	return NASS_OK;
}

/* ------------------------------------------------------------ tokens */

/* Does s[0..n) hold one of the characters of set (UTF-8)? */
static int has_any(const char *s, size_t n, const char *set)
{
	while (*set) {
		size_t k = 1, i;
		while (((unsigned char)set[k] & 0xC0) == 0x80)
			k++;
		for (i = 0; i + k <= n; i++)
			if (s[i] == set[0] && !memcmp(s + i, set, k))
				return 1;
		set += k;
	}
	return 0;
}

/* Does s[0..n) hold a character the tokenizer takes as space (white
 * space, a control, a bidi mark...)? */
static int holds_space(const nass_tokenizer *t, const char *s, size_t n)
{
	size_t i, k;
	int32_t cp;

	for (i = 0; i < n; i += k) {
		int c;
		k = dec(s + i, n - i, &cp);
		c = cls(t, cp);
		if (c == CH_SPACE || c == CH_NEWLINE)
			return 1;
	}
	return 0;
}

/* Extend a token over the marks and joiners that follow (a grapheme
 * cluster, as for emoji with modifiers and ZWJ sequences). */
static size_t cluster(const char *s, size_t i, size_t n)
{
	int32_t prev, cp;
	utf8proc_int32_t state = 0;
	size_t k = dec(s + i, n - i, &prev);

	for (i += k; i < n; i += k) {
		k = dec(s + i, n - i, &cp);
		if (utf8proc_grapheme_break_stateful(prev, cp, &state))
			break;
		prev = cp;
	}
	return i;
}

static int first_fits(const tpattern *p, int32_t cp, int c)
{
	char u[4];
	size_t k;
	const char *f;

	if ((p->classes & TC_ANY) || ((p->classes & TC_DIGIT) && c == CH_DIGIT) ||
	    ((p->classes & TC_LETTER) && c == CH_LETTER) ||
	    ((p->classes & TC_LATIN) && ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')))
		return 1;
	if (!p->first)
		return 0;
	k = utf8_encode(cp, u);
	for (f = p->first; *f; f++)
		if (!strncmp(f, u, k))
			return 1; /* (a match inside a longer character is no match:
			           * a lead byte never equals a continuation byte) */
	return 0;
}

/* Does s[i] start letter.letter(.letter)*(.)? with single letters?  Sets
 * *end after it. */
static int single_letters(const nass_tokenizer *t, const char *s, size_t i, size_t n,
                          size_t *end)
{
	size_t j = i, k, parts = 0;
	int32_t cp;

	for (;;) {
		if (j >= n)
			break;
		k = dec(s + j, n - j, &cp);
		if (cls(t, cp) != CH_LETTER)
			break;
		j += k;
		while (j < n && (k = dec(s + j, n - j, &cp)) && cls(t, cp) == CH_MARK)
			j += k;
		parts++;
		if (j >= n || s[j] != '.') {
			/* a letter must be alone between full stops */
			if (j < n && (k = dec(s + j, n - j, &cp)) && cls(t, cp) == CH_LETTER)
				return 0;
			break;
		}
		j++; /* the full stop */
		*end = j;
	}
	if (parts < 2)
		return 0;
	if (s[j - 1] != '.')
		*end = j;
	return 1;
}

#ifdef __SSE2__
/* Bytes of x in lo..hi (unsigned), as 0xFF. */
static inline __m128i in_range(__m128i x, unsigned char lo, unsigned char hi)
{
	return _mm_and_si128(_mm_cmpeq_epi8(_mm_max_epu8(x, _mm_set1_epi8((char)lo)), x),
	                     _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8((char)hi)), x));
}
#endif

/* The end of the run of two-byte letters and marks (word2) from s[j].
 * A table look-up per letter was the largest single cost of a word:
 * with SSE2 (the x86-64 baseline) eight letters are tested at once
 * against the ranges that hold nearly all of Arabic text, U+0620..063F
 * (D8 A0..BF) and U+0641..065F (D9 81..9F: not tatweel), and the table
 * takes only the letters outside them (and the end of the input, as
 * nothing is read past n). */
static size_t letters2(const nass_tokenizer *t, const char *s, size_t j, size_t n)
{
	for (;;) {
#ifdef __SSE2__
		while (t->ranges_ok && j + 16 <= n) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + j));
			__m128i d8 = _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xD8));
			__m128i d9 = _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xD9));
			/* a continuation byte's test moved onto its lead byte
			 * (j is at a character start: pairs are 16-bit lanes) */
			__m128i ca = _mm_srli_epi16(in_range(v, 0xA0, 0xBF), 8);
			__m128i cb = _mm_srli_epi16(in_range(v, 0x81, 0x9F), 8);
			__m128i ok = _mm_or_si128(_mm_and_si128(d8, ca), _mm_and_si128(d9, cb));
			unsigned bad = ~(unsigned)_mm_movemask_epi8(ok) & 0x5555;

			if (bad) {
				j += (size_t)__builtin_ctz(bad);
				if ((unsigned char)s[j] < 0x80)
					return j; /* (the word's end, mostly: a space) */
				break;
			}
			j += 16;
		}
#endif
		if (j + 1 >= n || !t->word2[(unsigned char)s[j] << 6 ^ (unsigned char)s[j + 1]])
			return j;
		j += 2; /* one outside the ranges, or near the end: go on */
	}
}

/* A word: letters and marks (joiners inside); digits join a word that
 * has Latin letters (G20, MP3).  Abbreviations from the rules keep their
 * full stops, as do initials (J. K.). */
static size_t scan_word(nass_tokenizer *t, const char *s, size_t i, size_t n,
                        const char **type)
{
	size_t j = i, k, best = 0, seg;
	size_t chars = 0; /* (counted here, not in t: the table loads may alias it) */
	int32_t cp;
	int latin = 0, c;

	while (j < n) {
		/* Arabic letters and marks (two bytes) by table first. */
		k = j;
		j = letters2(t, s, j, n);
		chars += (j - k) / 2;
		if (j >= n)
			break;
		k = dec(s + j, n - j, &cp);
		c = cls(t, cp);
		/* digits go on after Latin letters (G20) and after a
		 * tatweel (الـ36) */
		if (c == CH_LETTER || c == CH_MARK || (c == CH_DIGIT && latin) ||
		    (c == CH_JOINER && j > i)) {
			latin |= cp < 0x80 || cp == 0x0640;
			j += k;
			chars++;
			continue;
		}
		break;
	}
	t->scanned_chars = chars;
	*type = WORD;
	if (j >= n || s[j] != '.')
		return j;
	/* An abbreviation: the longest one of up to four dotted parts, with
	 * or without its last full stop. */
	for (k = j, seg = 0; k < n && s[k] == '.' && seg < 4; seg++) {
		size_t m;
		if (abbr_has(t, s + i, k + 1 - i))
			best = k + 1;
		for (m = k + 1; m < n;) {
			size_t q = dec(s + m, n - m, &cp);
			if (cls(t, cp) != CH_LETTER && cls(t, cp) != CH_MARK)
				break;
			m += q;
		}
		if (m == k + 1)
			break;
		if (abbr_has(t, s + i, m - i))
			best = m;
		k = m;
	}
	/* Single letters joined by full stops: in Arabic (ق.م) separate
	 * tokens, as in UD Arabic, whose full stops end no sentence; in
	 * Latin script (J.K., U.S.A.) one token. */
	if (single_letters(t, s, i, n, &k) && k > best) {
		if ((unsigned char)s[i] < 0x80) { /* J.K., U.S.A.: one token */
			*type = "abbr";
			return k;
		}
		if (!best) {
			t->noend_until = k;
			return j;
		}
	}
	if (best) {
		*type = "abbr";
		return best;
	}
	if (j == i + 1 && s[i] >= 'A' && s[i] <= 'Z') {
		*type = "initial";
		return j + 1;
	}
	return j;
}

/* The token at s[i], which is not white space; s[n] is white space or
 * the end of the input.  Its first character cp, of k bytes and class c,
 * the caller has decoded already.  Returns its end. */
static size_t scan_token(nass_tokenizer *t, const char *s, size_t i, size_t n,
                         int32_t cp, size_t k, int c, const char **type)
{
	int32_t cp2;
	size_t j, p;

	uint32_t mask = cp < 0x800 ? t->pmask[cp] : 0xFFFFFFFFu;

	size_t chunk = 0; /* the bytes up to the next white space, once needed */

	for (p = 0; mask && p < t->tr->npats; p++) {
		const tpattern *pt = t->tr->pats[p];
		long e;

		if (p < 32 && !(mask & (1u << p)))
			continue;
		if (!first_fits(pt, cp, c))
			continue;
		if (pt->needs) {
			if (!chunk)
				for (chunk = i + 1; chunk < n && !ws_byte(s[chunk]); chunk++)
					;
			if (!has_any(s + i, chunk - i, pt->needs))
				continue;
		}
		e = regex_match_at(pt->re, t->run, s, n, i);
		/* A token never holds white space (nor controls, which are
		 * taken as space): a match across it would also depend on
		 * where the input happened to be cut. */
		if (e > (long)i && !holds_space(t, s + i, (size_t)e - i)) {
			*type = pt->name;
			return (size_t)e;
		}
	}
	switch (c) {
	case CH_LETTER:
	case CH_MARK:
	case CH_JOINER:
		return scan_word(t, s, i, n, type);
	case CH_DIGIT:
		*type = "number";
		for (j = i + k; j < n; j += k) {
			k = dec(s + j, n - j, &cp2);
			if (cls(t, cp2) != CH_DIGIT)
				break;
		}
		return j;
	case CH_PUNCT:
		*type = PUNCT;
		/* Runs of one mark (... !!) or of endings (?! ؟!) stay one. */
		for (j = i + k; j < n; j += k) {
			k = dec(s + j, n - j, &cp2);
			if (cp2 != cp && !(in_list(t->tr->ends, t->tr->nends, cp) &&
			                   in_list(t->tr->ends, t->tr->nends, cp2)))
				break;
		}
		return j;
	case CH_SYMBOL:
		*type = "symbol";
		return cluster(s, i, n);
	default:
		*type = "other";
		return cluster(s, i, n);
	}
}

/* ------------------------------------------------------------ driving */

/* Where tokenizing may go up to now: after the last white space, or the
 * end when the document is finished.  Sets lim_forced when it is the end
 * of a run with no white space, cut because it is too long: such a limit
 * must be looked at again after each token, however the input was cut. */
static size_t safe_end(nass_tokenizer *t)
{
	size_t n = t->in.len, low = t->nows > t->pos ? t->nows : t->pos;
	const char *d = t->in.data;

	t->lim_forced = 0;
	if (t->finishing)
		return n;
	/* (in.data[pos..nows) is known to hold no white space: input fed a
	 * byte at a time must not be searched again and again) */
	for (; n > low; n--)
		if (ws_byte(d[n - 1]))
			return n;
	t->nows = t->in.len;
	/* No white space yet: wait, unless that is already too much. */
	if (t->in.len - t->pos <= MAX_TOKEN_BYTES)
		return t->pos;
	t->lim_forced = 1;
	return t->in.len;
}

static void end_document(nass_tokenizer *t)
{
	if (t->cuts && t->diag) {
		char msg[160];
		snprintf(msg, sizeof msg, "%llu sentence%s reached %zu tokens and %s cut there",
		         t->cuts, t->cuts == 1 ? "" : "s", t->max_tokens,
		         t->cuts == 1 ? "was" : "were");
		t->diag(t->diag_ctx, msg);
	}
	t->cuts = 0;
}

/* Tokenize one white-space character or one token at t->pos (< lim). */
static int step(nass_tokenizer *t, size_t lim)
{
	const char *d = t->in.data;
	unsigned long long nchars;
	size_t i = t->pos, j;
	int32_t cp;
	size_t k = dec(d + i, lim - i, &cp);
	int c = cls(t, cp), rc;
	const char *type;

	if (c == CH_NEWLINE && (t->flags & NASS_TOKENIZE_DOC_PER_LINE)) {
		if (t->cur.nwords) {
			emit(t, 0, 1); /* the line's last sentence, then come back */
			return NASS_OK;
		}
		end_document(t);
		t->line++;
		t->pos += k;
		t->gap.len = 0;
		return set_doc_id(t);
	}
	if (c == CH_NEWLINE && ++t->newlines == 2) {
		/* A blank line ends the paragraph (and its sentence). */
		if (t->cur.nwords) {
			t->newlines--;
			emit(t, 0, 1);
			return NASS_OK;
		}
		t->new_par = 1;
		t->gap.len = 0;
	}
	/* A joiner or soft hyphen not inside a word joins nothing: it is
	 * invisible, and goes with the white space. */
	if (c == CH_SPACE || c == CH_JOINER || (c == CH_NEWLINE && t->newlines < 2)) {
		/* (a run of spaces at once; a newline ends it, to be
		 * counted above) */
		do {
			if (t->gap.len >= 1024)
				; /* (enough of it) */
			else if (k == 1 && t->gap.len < t->gap.cap) /* a space, mostly */
				t->gap.data[t->gap.len++] = d[i];
			else if (buf_add(&t->gap, d + i, k))
				return NASS_ENOMEM;
			t->chars++;
			i += k;
			if (c == CH_NEWLINE || i >= lim)
				break;
			k = dec(d + i, lim - i, &cp);
			c = cls(t, cp);
		} while (c == CH_SPACE || c == CH_JOINER);
		t->pos = i;
		if (i >= lim || c == CH_NEWLINE || c == CH_SPACE || c == CH_JOINER)
			return NASS_OK;
		/* a token follows: it is taken in the same step */
	}
	if (c == CH_NEWLINE) { /* a third newline and more */
		t->chars++;
		t->pos += k;
		return NASS_OK;
	}
	t->scanned_chars = 0;
	j = scan_token(t, d, i, lim, cp, k, c, &type);
	if (j <= i) /* cannot happen; but a token is never empty */
		j = i + k;
	if (j - i > MAX_TOKEN_BYTES) { /* at a character start */
		t->scanned_chars = 0; /* (counted again below) */
		j = i + MAX_TOKEN_BYTES;
		while (((unsigned char)d[j] & 0xC0) == 0x80)
			j--;
	}
	if (t->ended && !closes(t, d + i, j - i, t->gap.len == 0)) {
		emit(t, 0, t->gap.len > 0); /* the ending was the last of its sentence */
		return NASS_OK;
	}
	/* (after that test: a sentence that ends at the limit is not cut) */
	if (t->cur.ntokens >= t->max_tokens) {
		emit(t, 1, t->gap.len > 0);
		return NASS_OK;
	}
	/* A plain word counted its characters as it went. */
	nchars = type == WORD && t->scanned_chars ? t->scanned_chars : count_chars(d + i, j - i);
	if ((rc = add_token(t, d + i, j - i, t->gap.data, t->gap.len, t->chars,
	                    t->chars + nchars, type)))
		return rc;
	t->newlines = 0;
	t->gap.len = 0;
	t->chars += nchars;
	t->pos = j;
	return NASS_OK;
}

int nass_tokenizer_next(nass_tokenizer *t, const nass_sentence **out)
{
	int rc;

	if (!t->base_id)
		return NASS_AGAIN;
	for (;;) {
		size_t lim;

		if (t->ready) {
			t->ready = 0;
			*out = &t->pub;
			return NASS_OK;
		}
		if (!t->lim_ok) {
			t->lim = safe_end(t);
			t->lim_ok = 1;
		}
		lim = t->lim;
		if (t->pos < lim) {
			if ((rc = step(t, lim)))
				return rc;
			if (t->lim_forced)
				t->lim_ok = 0;
			continue;
		}
		if (!t->finishing)
			return NASS_AGAIN;
		if (t->cur.nwords) {
			emit(t, 0, 1);
			continue;
		}
		/* The document is done. */
		end_document(t);
		t->last_invalid = t->invalid;
		t->last_first = t->first_invalid;
		t->finishing = 0;
		t->lim_ok = 0;
		t->in.len = t->pos = t->noend_until = t->nows = 0;
		free(t->base_id);
		t->base_id = NULL;
		return NASS_AGAIN;
	}
}

int nass_tokenizer_format(nass_tokenizer *t, const nass_sentence *s, int format,
                          const char **out, size_t *len)
{
	int rc = tokenize_format(&t->fmt, s, format);

	*out = t->fmt.data;
	*len = t->fmt.len;
	return rc;
}
