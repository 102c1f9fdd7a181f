/* conllu.c - CoNLL-U sentences from a byte stream.  Input is copied; a
 * sentence is handed out when its blank line (or the end of the input, or
 * the line limit) is reached, so memory is one sentence plus one chunk. */
#include "conllu.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "utf8.h"

struct conllu_reader {
	size_t max_lines;
	char *name;
	buf in;
	size_t pos;             /* in.data[pos..] is not yet read */
	unsigned long lineno;
	int finishing;
	int words_seen;         /* a word line was seen in this input */
	int handed;             /* sent was handed out by the last call */
	unsigned long expect;   /* the ID the next word line must have */
	int after_cut;          /* the last sentence handed out was cut */
	unsigned long long consumed; /* input bytes before in.data[pos] */
	unsigned long long bad, first_bad; /* invalid UTF-8 bytes */
	conllu_sent sent;
};

conllu_reader *conllu_reader_new(size_t max_lines)
{
	conllu_reader *r = calloc(1, sizeof *r);

	if (!r)
		return NULL;
	r->max_lines = max_lines ? max_lines : 1;
	if (conllu_begin(r, "-")) { /* (an input that is never begun) */
		free(r);
		return NULL;
	}
	return r;
}

void conllu_reader_free(conllu_reader *r)
{
	if (!r)
		return;
	free(r->name);
	buf_free(&r->in);
	buf_free(&r->sent.text);
	free(r->sent.lines);
	free(r);
}

int conllu_begin(conllu_reader *r, const char *name)
{
	free(r->name);
	if (!(r->name = strdup(name ? name : "-")))
		return NASS_ENOMEM;
	r->in.len = r->pos = 0;
	r->lineno = 0;
	r->finishing = 0;
	r->words_seen = 0;
	r->handed = 1; /* (clears what an earlier input left) */
	r->sent.cut = 0;
	r->expect = 1;
	r->after_cut = 0;
	r->consumed = r->bad = r->first_bad = 0;
	return NASS_OK;
}

int conllu_feed(conllu_reader *r, const char *data, size_t len)
{
	if (r->pos > r->in.len / 2) { /* drop what was read */
		memmove(r->in.data, r->in.data + r->pos, r->in.len - r->pos);
		r->in.len -= r->pos;
		r->pos = 0;
	}
	return buf_append(&r->in, data, len);
}

void conllu_finish(conllu_reader *r)
{
	r->finishing = 1;
}

/* A decimal number at s[0..n) (no sign, no leading zero): its value,
 * or -1. */
static long id_value(const char *s, size_t n)
{
	long v = 0;
	size_t i;

	if (!n || n > 9 || (*s == '0' && n > 1))
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Word IDs count 1, 2, 3... in each sentence; a range N-M (M > N) starts
 * at the next word; an empty node N.K (K >= 1) follows word N (0.K comes
 * before word 1). */
static int check_id(conllu_reader *r, const conllu_line *l, const char *id, nass_error *err)
{
	size_t n = l->collen[0];
	const char *sep;
	long a, b, want = (long)r->expect;

	if (l->kind == CONLLU_WORD) {
		if ((a = id_value(id, n)) == want) {
			r->expect++;
			return NASS_OK;
		}
		if (a < 0)
			return error_set(err, NASS_EINPUT, r->name, (int)l->lineno, 1,
			                 "bad word ID '%.*s' (expected %ld)", (int)n, id, want);
		return error_set(err, NASS_EINPUT, r->name, (int)l->lineno, 1,
		                 "word ID %ld out of order (expected %ld)", a, want);
	}
	sep = memchr(id, l->kind == CONLLU_RANGE ? '-' : '.', n);
	a = id_value(id, (size_t)(sep - id));
	b = id_value(sep + 1, n - (size_t)(sep - id) - 1);
	if (l->kind == CONLLU_RANGE && a == want && b > a)
		return NASS_OK;
	if (l->kind == CONLLU_EMPTY_NODE && a == want - 1 && b >= 1)
		return NASS_OK;
	return error_set(err, NASS_EINPUT, r->name, (int)l->lineno, 1,
	                 l->kind == CONLLU_RANGE ? "bad range ID '%.*s' (expected %ld-N)"
	                                         : "bad empty node ID '%.*s' (expected %ld.N)",
	                 (int)n, id, l->kind == CONLLU_RANGE ? want : want - 1);
}

/* Split a line into its columns: 10, or an error. */
static int parse_line(conllu_reader *r, conllu_line *l, const char *text, nass_error *err)
{
	const char *s = text + l->off, *end = s + l->len, *p = s;
	int k = 0;

	if (l->len && *s == '#') {
		l->kind = CONLLU_COMMENT;
		return NASS_OK;
	}
	const char *tab = NULL;

	while (k < 10) {
		const char *ce;
		tab = memchr(p, '\t', (size_t)(end - p));
		ce = tab ? tab : end;
		l->col[k] = l->off + (size_t)(p - s);
		l->collen[k] = (size_t)(ce - p);
		k++;
		if (!tab)
			break;
		p = tab + 1;
	}
	if (k != 10 || tab) { /* fewer, or a tab after the tenth column */
		if (!r->words_seen && !memchr(s, '\t', l->len))
			return error_set(err, NASS_EINPUT, r->name, (int)l->lineno, 1,
			                 "expected CoNLL-U: pipe text through tokenize");
		return error_set(err, NASS_EINPUT, r->name, (int)l->lineno, 1,
		                 "expected 10 TAB-separated columns, found %s", k < 10 ? "fewer" : "more");
	}
	r->words_seen = 1;
	l->kind = memchr(s, '-', l->collen[0]) ? CONLLU_RANGE
	          : memchr(s, '.', l->collen[0]) ? CONLLU_EMPTY_NODE : CONLLU_WORD;
	return check_id(r, l, s, err);
}

/* Append a line, each invalid UTF-8 byte as U+FFFD (counted; at is the
 * input offset of the line). */
static int add_text(conllu_reader *r, buf *b, const char *d, size_t len, unsigned long long at)
{
	const unsigned char *p = (const unsigned char *)d, *end = p + len;
	int32_t cp;
	int bad;

	if (utf8_valid(d, len))
		return buf_append(b, d, len);
	while (p < end) {
		size_t k = *p < 0x80 ? 1 : utf8_decode(p, (size_t)(end - p), &cp, &bad);
		if (*p >= 0x80 && (!k || bad)) {
			if (!r->bad++)
				r->first_bad = at + (unsigned long long)((const char *)p - d);
			if (buf_append(b, "\xEF\xBF\xBD", 3))
				return NASS_ENOMEM;
			p++;
			continue;
		}
		if (buf_append(b, (const char *)p, k))
			return NASS_ENOMEM;
		p += k;
	}
	return NASS_OK;
}

void conllu_invalid(const conllu_reader *r, unsigned long long *count, unsigned long long *first)
{
	*count = r->bad;
	*first = r->first_bad;
}

int conllu_next(conllu_reader *r, const conllu_sent **out, nass_error *err)
{
	conllu_sent *s = &r->sent;
	int rc;

	if (r->handed) { /* the last call handed it out: start anew */
		s->text.len = s->nlines = 0;
		if (!s->cut) /* (a cut sentence goes on counting) */
			r->expect = 1;
		r->after_cut = s->cut;
		s->cut = 0;
		r->handed = 0;
	}
	for (;;) {
		size_t avail = r->in.len - r->pos, len;
		const char *d = avail ? r->in.data + r->pos : ""; /* (data is NULL before a feed) */
		const char *nl = avail ? memchr(d, '\n', avail) : NULL;
		unsigned long long start;
		conllu_line *l;

		if (!nl && !(r->finishing && avail)) {
			if (!r->finishing || !s->nlines)
				return NASS_AGAIN;
			break; /* the end of the input ends the last sentence */
		}
		len = nl ? (size_t)(nl - d) : avail;
		start = r->consumed;
		r->pos += len + (nl != NULL);
		r->consumed += len + (nl != NULL);
		r->lineno++;
		if (len && d[len - 1] == '\r')
			len--;
		if (r->lineno == 1 && len >= 3 && !memcmp(d, "\xEF\xBB\xBF", 3)) {
			d += 3; /* a byte order mark */
			len -= 3;
			start += 3;
		}
		if (!len) { /* a blank line ends a sentence */
			if (s->nlines)
				break;
			if (r->after_cut) { /* it ends the cut one: an empty end */
				r->after_cut = 0;
				r->expect = 1;
				break;
			}
			continue;
		}
		r->after_cut = 0;
		if (array_reserve((void **)&s->lines, &s->cap, s->nlines + 1, sizeof *s->lines))
			return NASS_ENOMEM;
		l = &s->lines[s->nlines];
		l->off = s->text.len;
		l->lineno = r->lineno;
		if (add_text(r, &s->text, d, len, start))
			return NASS_ENOMEM;
		l->len = s->text.len - l->off; /* (U+FFFD may have made it longer) */
		if (buf_append(&s->text, "\n", 1))
			return NASS_ENOMEM;
		if ((rc = parse_line(r, l, s->text.data, err)))
			return rc;
		if (++s->nlines >= r->max_lines) {
			s->cut = 1;
			break;
		}
	}
	r->handed = 1;
	*out = s;
	return NASS_OK;
}
