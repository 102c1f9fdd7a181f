/* tag.c - the tagger: CoNLL-U sentences in, the same sentences out with
 * UPOS, LEMMA, FEATS and MISC NER= filled (rules/tag/TAG.md).  What tag
 * does not own passes through byte for byte. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arabic.h"
#include "conllu.h"
#include "error.h"
#include "hash.h"
#include "rules.h"
#include "tag_internal.h"

/* A sentence longer than this many lines is cut (memory stays bounded). */
#define MAX_LINES 100000

/* News repeats its words: what a form is out of context is kept in a
 * cache, so most words cost one hash and one compare.  It is 4-way set
 * associative with LRU order in each set: on 200 MB of news that misses
 * 5.8 % of the words against 8.7 % for a direct-mapped one of the same
 * size, and a miss costs some 20,000 instructions with the perceptrons. */
#define CACHE_SLOTS 131072
#define CACHE_WAYS 4
#define CACHE_FORM 38
struct cacheent {
	char form[CACHE_FORM];
	winfo wi;
};
struct cacheset {
	uint32_t hash[CACHE_WAYS];
	uint8_t len[CACHE_WAYS];   /* 0: empty */
	/* the ways, most recently used first, each XOR its place (calloc's
	 * zeros are then the order 0 1 2 3, and no page is touched before
	 * the set is used) */
	uint8_t order[CACHE_WAYS];
};

struct nass_tagger {
	tagmodel m;
	int flags;
	conllu_reader *rd;
	regex_run *run;
	buf scratch;
	struct cacheent *cache;
	struct cacheset *sets;
	tsent s;
	memory mem;
	buf out;
	nass_diag_fn diag;
	void *diag_ctx;
	char *name;
};

nass_tagger *nass_tagger_new(const nass_rules *rules, int flags, nass_error *err)
{
	nass_tagger *t;

	if (!rules) {
		error_set(err, NASS_EINVAL, NULL, 0, 0, "no rules");
		return NULL;
	}
	if (!(t = calloc(1, sizeof *t)) || !(t->rd = conllu_reader_new(MAX_LINES)) || !(t->run = regex_run_new()) ||
	    !(t->cache = calloc(CACHE_SLOTS, sizeof *t->cache)) ||
	    !(t->sets = calloc(CACHE_SLOTS / CACHE_WAYS, sizeof *t->sets))) {
		nass_tagger_free(t);
		error_set(err, NASS_ENOMEM, NULL, 0, 0, "out of memory");
		return NULL;
	}
	t->flags = flags;
	if (tagmodel_init(&t->m, &rules->tag, err)) {
		nass_tagger_free(t);
		return NULL;
	}
	return t;
}

void nass_tagger_free(nass_tagger *t)
{
	if (!t)
		return;
	tagmodel_free(&t->m);
	conllu_reader_free(t->rd);
	regex_run_free(t->run);
	buf_free(&t->scratch);
	free(t->cache);
	free(t->sets);
	tsent_free(&t->s);
	memory_free(&t->mem);
	buf_free(&t->out);
	free(t->name);
	free(t);
}

void nass_tagger_set_diag(nass_tagger *t, nass_diag_fn fn, void *ctx)
{
	t->diag = fn;
	t->diag_ctx = ctx;
}

int nass_tagger_begin(nass_tagger *t, const char *name)
{
	free(t->name);
	if (!(t->name = strdup(name ? name : "-")))
		return NASS_ENOMEM;
	memory_clear(&t->mem); /* a new input is a new document */
	return conllu_begin(t->rd, name);
}

int nass_tagger_feed(nass_tagger *t, const char *data, size_t len)
{
	return conllu_feed(t->rd, data, len);
}

void nass_tagger_invalid(const nass_tagger *t, unsigned long long *count,
                         unsigned long long *first_offset)
{
	conllu_invalid(t->rd, count, first_offset);
}

int nass_tagger_finish(nass_tagger *t)
{
	conllu_finish(t->rd);
	return NASS_OK;
}

/* The analysis of a form, from the cache or made now. */
static int word_info(nass_tagger *t, const char *form, size_t n, winfo *wi)
{
	struct cacheset *set;
	struct cacheent *e;
	uint32_t h;
	size_t base;
	int k, way;

	if (!n || n > CACHE_FORM)
		return tagmodel_word(&t->m, t->run, form, n, wi, &t->scratch);
	h = hash_bytes(form, n);
	base = (size_t)(h & (CACHE_SLOTS / CACHE_WAYS - 1));
	set = &t->sets[base];
	for (k = 0; k < CACHE_WAYS; k++) {
		way = set->order[k] ^ k;
		e = &t->cache[base * CACHE_WAYS + (size_t)way];
		if (set->hash[way] == h && set->len[way] == n && !memcmp(e->form, form, n)) {
			*wi = e->wi;
			goto used;
		}
	}
	if (tagmodel_word(&t->m, t->run, form, n, wi, &t->scratch))
		return NASS_ENOMEM;
	k = CACHE_WAYS - 1; /* the least recently used way gives room */
	way = set->order[k] ^ k;
	e = &t->cache[base * CACHE_WAYS + (size_t)way];
	set->hash[way] = h;
	set->len[way] = (uint8_t)n;
	memcpy(e->form, form, n);
	e->wi = *wi;
used:
	for (; k > 0; k--) /* way to the front */
		set->order[k] = (uint8_t)(set->order[k - 1] ^ (k - 1) ^ k);
	set->order[0] = (uint8_t)way;
	return NASS_OK;
}

static int is_dash(const char *s, size_t n)
{
	return n == 1 && *s == '_';
}

/* Read the word lines of a CoNLL-U sentence into t->s. */
static int read_words(nass_tagger *t, const conllu_sent *cs)
{
	tsent *s = &t->s;
	size_t i;

	s->n = 0;
	for (i = 0; i < cs->nlines; i++) {
		const conllu_line *l = &cs->lines[i];
		const char *text = cs->text.data;
		tword *w;

		if (l->kind == CONLLU_COMMENT && l->len >= 8 && !memcmp(text + l->off, "# newdoc", 8))
			memory_clear(&t->mem);
		if (l->kind != CONLLU_WORD)
			continue;
		if (tsent_reserve(s, s->n + 1))
			return NASS_ENOMEM;
		w = &s->w[s->n++];
		memset(w, 0, sizeof *w);
		w->line = i;
		w->form = text + l->col[1];
		w->len = l->collen[1];
		if (word_info(t, w->form, w->len, &w->wi))
			return NASS_ENOMEM;
		w->upos = w->wi.upos;
		w->rule = -1;
		if (!(t->flags & NASS_TAG_OVERWRITE) && !is_dash(text + l->col[3], l->collen[3])) {
			int u = tag_upos_index_n(text + l->col[3], l->collen[3]);
			w->fixed = 1;
			w->upos = u >= 0 ? (uint8_t)u : 255; /* a tag we do not know: context only */
		}
	}
	return NASS_OK;
}

/* ------------------------------------------------------------ output */

/* FEATS of a word: the form rule's, or Definite=Def where the lemma lost
 * ال from a noun, adjective or name. */
static const char *word_feats(const nass_tagger *t, const tword *w, int definite)
{
	if (w->wi.rule == R_FORM && w->rule == -1)
		return t->m.rules->forms[w->wi.form]->feats;
	if (definite && (w->upos == 0 || w->upos == 3 || w->upos == 5)) /* NOUN ADJ PROPN */
		return "Definite=Def";
	return NULL;
}

/* The lemma (TAG.md section 5), appended to b: strip(form) less the
 * clitics the deciding stem step took off, then less ال (or the ل of
 * ل + لسلطة, whose article lost its ا). */
static int put_lemma(buf *b, const tword *w, const tword *prev, int *definite)
{
	size_t start = b->len, i, end, cut;
	const char *s;

	*definite = 0;
	if (w->wi.same_strip ? buf_append(b, w->form, w->len) : arabic_key(w->form, w->len, 0, b))
		return NASS_ENOMEM;
	if (!w->wi.arabic)
		return NASS_OK;
	i = start;
	end = b->len;
	for (cut = w->wi.pre; cut && i < end; cut--) /* whole code points */
		for (i++; i < end && ((unsigned char)b->data[i] & 0xC0) == 0x80; i++)
			;
	for (cut = w->wi.suf; cut && end > i; cut--)
		while (--end > i && ((unsigned char)b->data[end] & 0xC0) == 0x80)
			;
	*definite = w->wi.definite;
	s = b->data + i;
	/* (Arabic letters are 2 bytes: 6 bytes is 3 letters).  ل + لسلطة:
	 * the article lost its ا after ل, unless the word is one we know
	 * (ل + لبنان).  The article comes off nouns, adjectives, names and
	 * numbers (not الذي, not the verb التقى). */
	if (prev && prev->wi.lam && !w->wi.known && end - i >= 6 && !memcmp(s, "ل", 2) &&
	    memcmp(s, "ال", 4))
		i += 2;
	else if (end - i >= 8 && !memcmp(s, "ال", 4) &&
	         (w->upos == 0 || w->upos == 3 || w->upos == 5 || w->upos == 10)) {
		i += 4;
		*definite = 1;
	}
	memmove(b->data + start, b->data + i, end - i);
	b->len = start + (end - i);
	return NASS_OK;
}

/* Rule=UPOS-ID[,NER-ID] (--explain): the step or rule that decided. */
static void rule_id(const nass_tagger *t, const tword *w, int ner_written, char *out, size_t size)
{
	static const char *const NS_NAME[] = {"", "gazetteer", "parts", "memory", "", "date",
	                                      "time", "money", "percent", "trigger", "perceptron", "join", "split"};
	int n;

	if (w->fixed)
		n = snprintf(out, size, "Rule=kept");
	else if (w->rule >= 0)
		n = snprintf(out, size, "Rule=context:%lu", t->m.upos_rules.v[w->rule].line);
	else if (w->rule == PERCEP_RULE)
		n = snprintf(out, size, "Rule=perceptron");
	else if (w->wi.rule == R_FORM)
		n = snprintf(out, size, "Rule=form:%s", t->m.rules->forms[w->wi.form]->name);
	else
		n = snprintf(out, size, "Rule=%s", RULE_NAME[w->wi.rule]);
	if (n < 0 || (size_t)n >= size || !w->ner || !ner_written)
		return;
	if (w->ner_src == NS_RULE)
		snprintf(out + n, size - (size_t)n, ",ner-context:%lu", t->m.ner_rules.v[w->ner_rule].line);
	else
		snprintf(out + n, size - (size_t)n, ",%s", NS_NAME[w->ner_src]);
}

/* MISC: the input's items with NER= and Rule= put in name order. */
static int put_misc(nass_tagger *t, buf *b, const char *misc, size_t n, const tword *w)
{
	char ours[2][96];
	const char *p = misc, *end = misc + n;
	int nours = 0, k = 0, first = 1, rc = 0, over = t->flags & NASS_TAG_OVERWRITE;
	int has_ner = 0;

	if (!is_dash(misc, n))
		for (p = misc; p < end;) {
			const char *bar = memchr(p, '|', (size_t)(end - p)), *e = bar ? bar : end;
			if (e - p >= 4 && !memcmp(p, "NER=", 4))
				has_ner = 1;
			p = e + 1;
		}
	if (w->ner && (over || !has_ner))
		snprintf(ours[nours++], sizeof ours[0], "NER=%c-%s", w->ner & 1 ? 'B' : 'I',
		         NER_TYPE[NER_TYPEOF(w->ner)]);
	if (t->flags & NASS_TAG_EXPLAIN)
		rule_id(t, w, over || !has_ner, ours[nours++], sizeof ours[0]);
	if (is_dash(misc, n)) {
		if (!nours)
			return buf_add(b, "_", 1);
		end = p = misc;
	} else
		p = misc;
	while (p < end || k < nours) {
		const char *bar = p < end ? memchr(p, '|', (size_t)(end - p)) : NULL;
		const char *e = p < end ? (bar ? bar : end) : p;
		size_t il = (size_t)(e - p);

		if (p < end) {
			/* ours replace the input's NER (with --overwrite) and Rule */
			int ner = il >= 4 && !memcmp(p, "NER=", 4), rule = il >= 5 && !memcmp(p, "Rule=", 5);
			if ((ner && over) || (rule && (t->flags & NASS_TAG_EXPLAIN))) {
				p = e + 1;
				continue;
			}
		}
		if (k < nours && (p >= end || strncmp(ours[k], p, il) < 0)) {
			rc |= buf_add(b, "|", !first) | buf_puts(b, ours[k++]);
		} else {
			rc |= buf_add(b, "|", !first) | buf_add(b, p, il);
			p = e + 1;
		}
		first = 0;
	}
	if (first)
		rc |= buf_add(b, "_", 1);
	return rc ? NASS_ENOMEM : NASS_OK;
}

/* Column c of a word line: ours, unless the input has one (and no
 * --overwrite). */
#define KEEP(c) (!(t->flags & NASS_TAG_OVERWRITE) && !is_dash(text + l->col[c], l->collen[c]))

static int put_word(nass_tagger *t, const conllu_sent *cs, const tword *w, const tword *prev)
{
	const conllu_line *l = &cs->lines[w->line];
	const char *text = cs->text.data, *feats;
	buf *b = &t->out;
	size_t lemma_at;
	int definite, rc = 0;

	rc |= buf_add(b, text + l->off, l->col[2] - l->off);
	lemma_at = b->len;
	if (put_lemma(b, w, prev, &definite))
		return NASS_ENOMEM;
	if (KEEP(2)) {
		b->len = lemma_at;
		rc |= buf_add(b, text + l->col[2], l->collen[2]);
	}
	rc |= buf_add(b, "\t", 1);
	if (KEEP(3) || w->upos == 255)
		rc |= buf_add(b, text + l->col[3], l->collen[3]);
	else
		rc |= buf_puts(b, TAG_UPOS[w->upos]);
	rc |= buf_add(b, "\t", 1) | buf_add(b, text + l->col[4], l->collen[4]) | buf_add(b, "\t", 1);
	feats = word_feats(t, w, definite);
	/* the input's FEATS stay unless we know some (a parser's Aspect=Perf
	 * is not lost to --overwrite) */
	if (KEEP(5) || !feats)
		rc |= buf_add(b, text + l->col[5], l->collen[5]);
	else
		rc |= buf_puts(b, feats);
	rc |= buf_add(b, "\t", 1) | buf_add(b, text + l->col[6], l->col[9] - l->col[6]);
	rc |= put_misc(t, b, text + l->col[9], l->collen[9], w);
	rc |= buf_add(b, "\n", 1);
	return rc ? NASS_ENOMEM : NASS_OK;
}
#undef KEEP

int nass_tagger_next(nass_tagger *t, int flags, const char **out, size_t *len, nass_error *err)
{
	const conllu_sent *cs;
	size_t i, k = 0;
	int rc;

	if ((rc = conllu_next(t->rd, &cs, err)))
		return rc;
	if (!(flags & NASS_FORMAT_APPEND))
		t->out.len = 0;
	if ((rc = read_words(t, cs)) || (rc = tsent_stamp(&t->s, t->m.syms.n)) ||
	    (rc = tag_upos(&t->m, &t->s)) ||
	    (rc = tag_ner(&t->m, &t->s, &t->mem, &t->scratch)))
		return error_set(err, rc, NULL, 0, 0, "out of memory");
	if (cs->cut && t->diag) {
		char msg[128];
		snprintf(msg, sizeof msg, "line %lu: a sentence reached %d lines and is cut there",
		         cs->lines[cs->nlines - 1].lineno, MAX_LINES);
		t->diag(t->diag_ctx, msg);
	}
	for (i = 0; i < cs->nlines; i++) {
		const conllu_line *l = &cs->lines[i];

		if (k < t->s.n && t->s.w[k].line == i) {
			if (put_word(t, cs, &t->s.w[k], k ? &t->s.w[k - 1] : NULL))
				return error_set(err, NASS_ENOMEM, NULL, 0, 0, "out of memory");
			k++;
		} else if (buf_add(&t->out, cs->text.data + l->off, l->len + 1))
			return error_set(err, NASS_ENOMEM, NULL, 0, 0, "out of memory");
	}
	if (!cs->cut && buf_add(&t->out, "\n", 1))
		return error_set(err, NASS_ENOMEM, NULL, 0, 0, "out of memory");
	*out = t->out.data;
	*len = t->out.len;
	return NASS_OK;
}
