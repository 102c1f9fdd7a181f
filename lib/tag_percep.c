/* tag_percep.c - the learned linear tagger's weights and scores
 * (tag_percep.h; rules/tag/TAG.md section 4b). */
#include "tag_percep.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "rules.h"

static int attr_index(const pspec *sp, char letter)
{
	int a;

	for (a = 0; a < sp->nattrs; a++)
		if (sp->attrs[a].letter == letter)
			return a;
	return -1;
}

/* The code of a small attribute's value, -1 if it has no such value. */
static int small_code(const pattr *at, const char *s, size_t n)
{
	int v;

	if (n == 3 && !memcmp(s, "<s>", 3))
		return at->nvals;
	for (v = 0; v < at->nvals; v++)
		if (strlen(at->names[v]) == n && !memcmp(at->names[v], s, n))
			return v;
	return -1;
}

/* The weights TAG:weight,TAG:weight... of s[0..n) into the row w (zeros
 * first), in one pass; the tags usually come in the model's order, so the
 * one after the last found is tried first, in place, before a search. */
static int parse_weights(const percep *p, const char *s, size_t n, int32_t *w)
{
	const pspec *sp = p->spec;
	const char *end = s + n;
	int t0 = 0;

	memset(w, 0, p->stride * sizeof *w);
	while (s < end) {
		const char *tag = s;
		size_t l = p->taglen[t0];
		long v = 0;
		int t, k, neg, digits = 0;

		if ((size_t)(end - s) > l && s[l] == ':' && !memcmp(s, sp->tags[t0], l)) {
			t = t0;
			s += l;
		} else {
			while (s < end && *s != ':')
				s++;
			if (s == end)
				return NASS_ERULES;
			for (k = 0; k < sp->ntags; k++, t0 = t0 + 1 < sp->ntags ? t0 + 1 : 0)
				if (p->taglen[t0] == (size_t)(s - tag) &&
				    !memcmp(sp->tags[t0], tag, (size_t)(s - tag)))
					break;
			t = k < sp->ntags ? t0 : sp->ntags;
		}
		s++;
		neg = s < end && *s == '-';
		s += neg;
		for (; s < end && *s != ','; s++, digits++) {
			if (*s < '0' || *s > '9' || v > 10000000)
				return NASS_ERULES;
			v = v * 10 + (*s - '0');
		}
		if (t == sp->ntags || !digits)
			return NASS_ERULES;
		w[t] = (int32_t)(neg ? -v : v);
		t0 = t + 1 < sp->ntags ? t + 1 : 0;
		s += s < end; /* the comma */
	}
	w[p->stride - 1] = 1; /* parsed (a slot past the tags: no score reads it) */
	return NASS_OK;
}

/* A new row for the weights s[0..n): parsed now (a user's file, so that
 * an error names its line), or, for built-in data, noted and parsed when
 * first used (percep_row): half the start-up was parsing weights that
 * short inputs never use. */
static int new_row(percep *p, const char *s, size_t n, int32_t *row)
{
	if (p->text) {
		if (array_reserve((void **)&p->woff, &p->woffcap, p->nrows + 1, sizeof *p->woff))
			return NASS_ENOMEM;
		p->woff[p->nrows] = (uint32_t)(s - p->text);
		*row = (int32_t)p->nrows++;
		return NASS_OK;
	}
	if (array_reserve((void **)&p->w, &p->wcap, (p->nrows + 1) * p->stride, sizeof *p->w))
		return NASS_ENOMEM;
	if (parse_weights(p, s, n, p->w + p->nrows * p->stride))
		return NASS_ERULES;
	*row = (int32_t)p->nrows++;
	return NASS_OK;
}

/* Row r's text in *n. */
static const char *row_text(const percep *p, size_t r, size_t *n)
{
	const char *s = p->text + p->woff[r], *e = memchr(s, '\n', (size_t)(p->tend - s));

	*n = (size_t)((e ? e : p->tend) - s);
	if (*n && s[*n - 1] == '\r')
		--*n;
	return s;
}

size_t percep_check(const percep *p)
{
	size_t r, bad = 0, n;
	int32_t w[PERCEP_STRIDE];

	for (r = 0; p->text && r < p->nrows; r++) {
		const char *s = row_text(p, r, &n);
		bad += parse_weights(p, s, n, w) != NASS_OK;
	}
	return bad;
}

/* Row r's weights, parsed now if they were not yet. */
static inline const int32_t *percep_row(const percep *p, size_t r)
{
	int32_t *w = p->w + r * p->stride;

	if (!w[p->stride - 1]) {
		size_t n;
		const char *s = row_text(p, r, &n);
		if (parse_weights(p, s, n, w)) { /* the built-in data is checked by a test */
			memset(w, 0, p->stride * sizeof *w);
			w[p->stride - 1] = 1;
		}
	}
	return w;
}

static uint64_t pair_key(int t, int32_t a, int32_t b)
{
	return ((uint64_t)(unsigned)t << 56 | (uint64_t)(uint32_t)a << 28 | (uint64_t)(uint32_t)b) + 1;
}

static size_t pair_slot(uint64_t k, size_t mask)
{
	return (size_t)((k * 0x9E3779B97F4A7C15ull) >> 32) & mask;
}

static int pair_put(percep *p, uint64_t k, int32_t row)
{
	size_t i;

	if (2 * (p->pn + 1) > p->pmask + 1) { /* grow to keep it half empty */
		size_t n = p->pmask ? 2 * (p->pmask + 1) : 1024, j;
		uint64_t *nk = calloc(n, sizeof *nk);
		int32_t *nr = malloc(n * sizeof *nr);
		if (!nk || !nr) {
			free(nk);
			free(nr);
			return NASS_ENOMEM;
		}
		for (j = 0; p->pkeys && j <= p->pmask; j++)
			if (p->pkeys[j]) {
				for (i = pair_slot(p->pkeys[j], n - 1); nk[i]; i = (i + 1) & (n - 1))
					;
				nk[i] = p->pkeys[j];
				nr[i] = p->prow[j];
			}
		free(p->pkeys);
		free(p->prow);
		p->pkeys = nk;
		p->prow = nr;
		p->pmask = n - 1;
	}
	for (i = pair_slot(k, p->pmask); p->pkeys[i] && p->pkeys[i] != k; i = (i + 1) & p->pmask)
		;
	if (!p->pkeys[i])
		p->pn++;
	p->pkeys[i] = k;
	p->prow[i] = row;
	return NASS_OK;
}

static long pair_get(const percep *p, uint64_t k)
{
	size_t i;

	if (!p->pkeys)
		return -1;
	for (i = pair_slot(k, p->pmask); p->pkeys[i]; i = (i + 1) & p->pmask)
		if (p->pkeys[i] == k)
			return p->prow[i];
	return -1;
}

static int put_row(int32_t **arr, size_t *cap, long id, int32_t row)
{
	size_t old = *cap;

	if (id < 0 || array_reserve((void **)arr, cap, (size_t)id + 1, sizeof **arr))
		return NASS_ENOMEM;
	if (*cap > old) /* new room: no rows yet */
		memset(*arr + old, 0xff, (*cap - old) * sizeof **arr);
	(*arr)[id] = row;
	return NASS_OK;
}

/* One line: NAME=VALUE<TAB>weights; names: the feature names -> id
 * (templates 0.., then the static ones). */
static int load_line(percep *p, const lexicon *names, const char *f, size_t fl, const char *wt,
                     size_t wl)
{
	const pspec *sp = p->spec;
	const char *eq = memchr(f, '=', fl), *v;
	size_t nl, vl, sidx = 0;
	int32_t row, codes[PERCEP_MAXCOMP];
	int t, c, rc;

	if (!eq)
		return NASS_ERULES;
	nl = (size_t)(eq - f);
	v = eq + 1;
	vl = fl - nl - 1;
	if ((t = (int)lexicon_find(names, f, nl)) < 0)
		return NASS_ERULES;
	if (t >= sp->ntpl) { /* a static feature */
		long id = lexicon_id(&p->stat, f, fl, 1);
		if ((rc = new_row(p, wt, wl, &row)))
			return rc;
		return put_row(&p->stat_row, &p->scap, id, row);
	}
	/* the components: split at '|' (a single one is the whole value) */
	for (c = 0; c < sp->tpl[t].ncomp; c++) {
		const pattr *at = &sp->attrs[p->tattr[t][c]];
		const char *bar = c + 1 < sp->tpl[t].ncomp ? memchr(v, '|', vl) : NULL;
		size_t cl = bar ? (size_t)(bar - v) : vl;
		long id;

		if (c + 1 < sp->tpl[t].ncomp && !bar)
			return NASS_ERULES;
		if (at->nvals) {
			if ((codes[c] = small_code(at, v, cl)) < 0)
				return NASS_ERULES;
			sidx = sidx * (size_t)(at->nvals + 1) + (size_t)codes[c];
		} else {
			id = lexicon_id(p->kind[t] == PK_PAIR ? &p->pairvals : &p->vals[t], v, cl, 1);
			if (id < 0)
				return NASS_ENOMEM;
			codes[c] = (int32_t)id;
		}
		if (bar) {
			vl -= cl + 1;
			v = bar + 1;
		}
	}
	if ((rc = new_row(p, wt, wl, &row)))
		return rc;
	if (p->kind[t] == PK_DENSE)
		p->rows[t][sidx] = row;
	else if (p->kind[t] == PK_WORD) {
		long slot = 0;
		for (c = 0; c < sp->tpl[t].ncomp; c++)
			if (!sp->attrs[p->tattr[t][c]].nvals)
				slot = codes[c];
		return put_row(&p->rows[t], &p->rowcap[t], (long)((size_t)slot * p->nsmall[t] + sidx), row);
	} else if (sp->tpl[t].ncomp != 2 || codes[0] >= 1 << 28 || codes[1] >= 1 << 28)
		return NASS_ERULES;
	else
		return pair_put(p, pair_key(t, codes[0], codes[1]), row);
	return NASS_OK;
}

int percep_load(percep *p, const pspec *sp, const char *name, nass_error *err)
{
	const char *data, *cur, *end, *f[2];
	char *owned = NULL;
	lexicon names = {0};
	size_t len = 0, fl[2];
	unsigned long line = 0;
	int t, c, k, rc = NASS_OK;

	memset(p, 0, sizeof *p);
	p->spec = sp;
	p->pbound = -1;
	/* a slot past the tags marks a parsed row */
	p->stride = sp->ntags < PERCEP_SHORT ? PERCEP_SHORT : PERCEP_STRIDE;
	if (sp->ntags >= PERCEP_STRIDE)
		return error_set(err, NASS_EINVAL, NULL, 0, 0, "too many perceptron tags");
	for (t = 0; t < sp->ntags && t < PERCEP_MAXTAGS; t++)
		p->taglen[t] = (uint8_t)strlen(sp->tags[t]);
	if (sp->ntpl > PERCEP_MAXTPL)
		return error_set(err, NASS_EINVAL, NULL, 0, 0, "too many perceptron templates");
	/* each template's attributes and kind; small-only ones get a table */
	for (t = 0; t < sp->ntpl; t++) {
		int words = 0;
		size_t n;
		p->nsmall[t] = 1;
		p->wslot[t] = -1;
		for (c = 0; c < sp->tpl[t].ncomp; c++) {
			int a = attr_index(sp, sp->tpl[t].comp[c].attr);
			p->tattr[t][c] = (int8_t)a;
			p->cvals[t][c] = sp->attrs[a].nvals;
			if (sp->tpl[t].comp[c].attr == sp->hist)
				p->uses_hist[t] = p->chist[t][c] = 1;
			if (sp->attrs[a].nvals)
				p->nsmall[t] *= (size_t)sp->attrs[a].nvals + 1;
			else
				words++;
		}
		for (c = sp->tpl[t].ncomp - 1, n = 1; c >= 0; c--) {
			int8_t off = sp->tpl[t].comp[c].off;
			if (off < -PERCEP_PAD || off > PERCEP_PAD || (p->chist[t][c] && off >= 0))
				return error_set(err, NASS_EINVAL, NULL, 0, 0, "bad perceptron template");
			p->cmult[t][c] = (int32_t)n;
			if (p->cvals[t][c])
				n *= (size_t)p->cvals[t][c] + 1;
		}
		p->kind[t] = words == 0 ? PK_DENSE : words == 1 ? PK_WORD : PK_PAIR;
		if (words > 2 || (words == 1 && p->nslots == PERCEP_MAXSLOTS))
			return error_set(err, NASS_EINVAL, NULL, 0, 0, "bad perceptron template");
		if (words == 1)
			p->wslot[t] = (int8_t)p->nslots++;
		if (!words) {
			if (!(p->rows[t] = malloc(p->nsmall[t] * sizeof *p->rows[t])))
				return error_set(err, NASS_ENOMEM, NULL, 0, 0, "out of memory");
			memset(p->rows[t], 0xff, p->nsmall[t] * sizeof *p->rows[t]); /* -1: none */
			p->rowcap[t] = p->nsmall[t];
		}
	}
	if (!(data = rules_data(name, &len, &owned)))
		return error_set(err, NASS_EIO, name, 0, 0, "cannot read: %s", strerror(errno));
	if (!owned) { /* built in: parsed row by row when used */
		p->text = data;
		p->tend = data + len;
	}
	cur = data;
	end = data + len;
	for (t = 0; t < sp->ntpl + sp->nstatic; t++) {
		const char *nm = t < sp->ntpl ? sp->tpl[t].name : sp->statics[t - sp->ntpl];
		if (lexicon_id(&names, nm, strlen(nm), 1) < 0)
			rc = NASS_ENOMEM;
	}
	/* room for the rows at once: a line is some 50 bytes */
	if (!p->text && array_reserve((void **)&p->w, &p->wcap, (len / 40 + 16) * p->stride, sizeof *p->w))
		rc = NASS_ENOMEM;
	while (!rc && (k = tsv_next(&cur, end, f, fl, 2, &line)) > 0) {
		if (k < 2) {
			rc = NASS_ERULES;
			break;
		}
		if ((rc = load_line(p, &names, f[0], fl[0], f[1], fl[1])))
			break;
	}
	lexicon_free(&names);
	free(owned);
	if (!rc && p->text && !(p->w = calloc(p->nrows ? p->nrows * p->stride : 1, sizeof *p->w)))
		rc = NASS_ENOMEM;
	if (rc == NASS_ENOMEM)
		return error_set(err, rc, NULL, 0, 0, "out of memory");
	if (rc)
		return error_set(err, NASS_ERULES, name, (int)line, 1, "%s",
		                 "expected NAME=VALUE<TAB>TAG:weight,... with a known feature name and values");
	for (t = 0; t < sp->ntpl; t++) {
		struct pstep *st = &p->steps[p->uses_hist[t]][p->nsteps[p->uses_hist[t]]++];
		p->bslot[t] = p->kind[t] == PK_WORD ? (int32_t)lexicon_find(&p->vals[t], "<s>", 3) : -1;
		memset(st, 0, sizeof *st);
		st->kind = p->kind[t];
		st->tpl = (uint8_t)t;
		st->rows = p->rows[t];
		st->nsmall = p->nsmall[t];
		st->rowcap = p->rowcap[t];
		for (c = 0; c < sp->tpl[t].ncomp; c++) {
			int32_t off = sp->tpl[t].comp[c].off;
			if (!p->cvals[t][c] && p->kind[t] == PK_WORD)
				st->wrel = off * PERCEP_MAXSLOTS + p->wslot[t];
			else {
				st->rel[c] = off * sp->nattrs + p->tattr[t][c];
				st->mult[c] = p->cvals[t][c] ? p->cmult[t][c] : 0;
			}
		}
	}
	p->pbound = (int32_t)lexicon_find(&p->pairvals, "<s>", 3);
	p->loaded = 1;
	return NASS_OK;
}

void percep_free(percep *p)
{
	int t;

	lexicon_free(&p->stat);
	lexicon_free(&p->pairvals);
	free(p->pkeys);
	free(p->prow);
	free(p->stat_row);
	free(p->w);
	free(p->woff);
	for (t = 0; t < PERCEP_MAXTPL; t++) {
		free(p->rows[t]);
		lexicon_free(&p->vals[t]);
	}
	memset(p, 0, sizeof *p);
}

long percep_static(const percep *p, const char *s, size_t n)
{
	long id = lexicon_find(&p->stat, s, n);
	return id < 0 ? -1 : p->stat_row[id];
}

/* Four weights at once: one vector add where the compiler has vectors
 * (GCC at -O2 does not find it alone: the weights and the scores might
 * overlap, it must assume). */
#if defined(__GNUC__)
typedef int32_t v4i32 __attribute__((vector_size(16)));
static inline void add4(int32_t *score, const int32_t *w)
{
	v4i32 a, b;

	memcpy(&a, score, sizeof a);
	memcpy(&b, w, sizeof b);
	a += b;
	memcpy(score, &a, sizeof a);
}
#else
static inline void add4(int32_t *score, const int32_t *w)
{
	score[0] += w[0];
	score[1] += w[1];
	score[2] += w[2];
	score[3] += w[3];
}
#endif

/* score has room for a whole row; written out, with no loop to count */
static inline void add_row(int32_t *score, const int32_t *w, size_t stride)
{
	add4(score, w);
	add4(score + 4, w + 4);
	add4(score + 8, w + 8);
	if (stride > PERCEP_SHORT) {
		add4(score + 12, w + 12);
		add4(score + 16, w + 16);
	}
}

void percep_add(const percep *p, long r, int32_t *score)
{
	if (r >= 0)
		add_row(score, percep_row(p, (size_t)r), p->stride);
}

void percep_word(const percep *p, const char *const *val, const size_t *len, int32_t *slots,
                 int32_t *pair)
{
	const pspec *sp = p->spec;
	int t, c, a;

	for (a = 0; a < sp->nattrs; a++)
		pair[a] = val[a] ? (int32_t)lexicon_find(&p->pairvals, val[a], len[a]) : -1;
	for (t = 0; t < sp->ntpl; t++) {
		if (p->kind[t] != PK_WORD)
			continue;
		slots[(int)p->wslot[t]] = -1;
		for (c = 0; c < sp->tpl[t].ncomp; c++)
			if (!sp->attrs[a = p->tattr[t][c]].nvals && val[a])
				slots[(int)p->wslot[t]] = (int32_t)lexicon_find(&p->vals[t], val[a], len[a]);
	}
}

void percep_bound(const percep *p, int32_t *codes, int32_t *slots)
{
	const pspec *sp = p->spec;
	int a, t;

	for (a = 0; a < sp->nattrs; a++)
		codes[a] = sp->attrs[a].nvals ? sp->attrs[a].nvals : p->pbound;
	for (t = 0; t < PERCEP_MAXSLOTS; t++)
		slots[t] = -1;
	for (t = 0; t < sp->ntpl; t++)
		if (p->kind[t] == PK_WORD)
			slots[(int)p->wslot[t]] = p->bslot[t];
}

void percep_score(const percep *p, const int32_t *codes, const int32_t *slots, size_t n,
                  size_t i, int hist, int32_t *score)
{
	const int32_t *ci = codes + i * (size_t)p->spec->nattrs, *si = slots + i * PERCEP_MAXSLOTS;
	const struct pstep *st = p->steps[hist], *end = st + p->nsteps[hist];

	(void)n;
	for (; st < end; st++) {
		long row, sidx;

		if (st->kind == PK_PAIR) {
			int32_t a = ci[st->rel[0]], b = ci[st->rel[1]];
			row = a >= 0 && b >= 0 ? pair_get(p, pair_key(st->tpl, a, b)) : -1;
		} else {
			/* a missing component has place value 0 at place 0 */
			sidx = (long)ci[st->rel[0]] * st->mult[0] + (long)ci[st->rel[1]] * st->mult[1] +
			       (long)ci[st->rel[2]] * st->mult[2];
			if (st->kind == PK_WORD) {
				long slot = si[st->wrel];
				if (slot < 0)
					continue;
				sidx += slot * (long)st->nsmall;
				if ((size_t)sidx >= st->rowcap)
					continue;
			}
			row = st->rows[sidx];
		}
		if (row >= 0)
			add_row(score, percep_row(p, (size_t)row), p->stride);
	}
}
