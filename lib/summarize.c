/* summarize.c - the summarizer: CoNLL-U in, a document at a time; each
 * document's sentences, content terms, phrases and entities are gathered
 * here, then scored and chosen (summarize_score.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "arabic.h"
#include "error.h"
#include "rules.h"
#include "summarize_internal.h"
#include "tag_model.h" /* the UPOS tags */

/* A sentence longer than this many lines is cut (memory stays bounded). */
#define MAX_LINES 100000
/* --stream-idf stops learning new words past this many (memory bound). */
#define STREAM_WORDS (1u << 21)

static const char *const PART_NAMES[NASS_PARTS] = {"centrality", "lead", "position", "title", "entities",
                                                   "keywords", "length", "fragment"};

const char *nass_summary_part_name(int part)
{
	return part >= 0 && part < NASS_PARTS ? PART_NAMES[part] : NULL;
}

/* ------------------------------------------------------------ keys */

/* The key a word is matched on: its lemma (or form) with arabic_key's
 * folding, ASCII lowercased; in s->key. */
int summarize_word_key(nass_summarizer *s, const char *w, size_t n)
{
	size_t i;

	s->key.len = 0;
	if (!n) /* an empty column */
		return NASS_OK;
	if (arabic_key(w, n, 1, &s->key))
		return NASS_ENOMEM;
	for (i = 0; i < s->key.len; i++)
		if (s->key.data[i] >= 'A' && s->key.data[i] <= 'Z')
			s->key.data[i] += 'a' - 'A';
	return NASS_OK;
}

/* Letters (has_letter) or letters and digits: does s[0..n) hold one? */
static int has_class(const char *p, size_t n, int digits)
{
	const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)p;
	utf8proc_ssize_t k;
	utf8proc_int32_t c;

	while (n) {
		if (*u < 0x80) {
			if ((*u | 0x20) >= 'a' && (*u | 0x20) <= 'z')
				return 1;
			if (digits && *u >= '0' && *u <= '9')
				return 1;
			u++, n--;
			continue;
		}
		k = utf8proc_iterate(u, (utf8proc_ssize_t)n, &c);
		if (k <= 0)
			k = 1;
		else {
			utf8proc_category_t cat = utf8proc_category(c);
			if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO)
				return 1;
			if (digits && cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO)
				return 1;
		}
		u += k, n -= (size_t)k;
	}
	return 0;
}

/* Code points in s[0..n) (valid UTF-8: the reader made it so). */
static size_t chars(const char *s, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xc0) != 0x80;
	return k;
}

/* Words of a text as ROUGE and -w count them: whitespace-separated
 * pieces with a letter or a digit. */
static size_t count_words(const char *p, size_t n)
{
	size_t i = 0, words = 0;

	while (i < n) {
		size_t j;

		while (i < n && (p[i] == ' ' || p[i] == '\t'))
			i++;
		for (j = i; j < n && p[j] != ' ' && p[j] != '\t'; j++)
			;
		if (j > i && has_class(p + i, j - i, 1))
			words++;
		i = j;
	}
	return words;
}


/* ------------------------------------------------------------ set-up */


nass_summarizer *nass_summarizer_new(const nass_rules *rules, int flags,
                                     const nass_summary_length *length, nass_error *err)
{
	nass_summarizer *s;
	size_t i;
	int u;

	if (!rules) {
		error_set(err, NASS_EINVAL, NULL, 0, 0, "no rules");
		return NULL;
	}
	if (sumrules_check(&rules->summarize, err))
		return NULL;
	if (!(s = calloc(1, sizeof *s)) || !(s->rd = conllu_reader_new(MAX_LINES))) {
		free(s);
		error_set(err, NASS_ENOMEM, NULL, 0, 0, "out of memory");
		return NULL;
	}
	s->rules = &rules->summarize;
	s->flags = flags;
	if (length)
		s->length = *length;
	if (!s->length.sentences && !s->length.words && !(s->length.ratio > 0))
		s->length.sentences = 3;
	for (i = 0; i < s->rules->ncontent; i++)
		if ((u = tag_upos_index(s->rules->content_upos[i])) >= 0)
			s->content_upos |= 1u << u;
	for (i = 0; i < s->rules->nkeyword; i++)
		if ((u = tag_upos_index(s->rules->keyword_upos[i])) >= 0)
			s->keyword_upos |= 1u << u;
	s->propn = tag_upos_index("PROPN");
	for (i = 0; i < s->rules->nstop; i++)
		if (summarize_word_key(s, s->rules->stopwords[i], strlen(s->rules->stopwords[i])) ||
		    lexicon_id(&s->stop, s->key.data, s->key.len, 1) < 0) {
			nass_summarizer_free(s);
			error_set(err, NASS_ENOMEM, NULL, 0, 0, "out of memory");
			return NULL;
		}
	if (s->rules->idf && summarize_load_idf(s, s->rules->idf, err)) {
		nass_summarizer_free(s);
		return NULL;
	}
	return s;
}

static void doc_free(sdoc *d)
{
	if (!d)
		return;
	free(d->id);
	buf_free(&d->text);
	buf_free(&d->extra);
	free(d->s);
	lexicon_free(&d->terms);
	lexicon_free(&d->phrases);
	lexicon_free(&d->ents);
	free(d->term);
	free(d->phrase);
	free(d->ent);
	free(d->occ);
	free(d->entocc);
	free(d->vid);
	free(d->vw);
	free(d->out);
	free(d->kw);
	free(d->en);
	free(d);
}

void nass_summarizer_free(nass_summarizer *s)
{
	size_t i;

	if (!s)
		return;
	conllu_reader_free(s->rd);
	free(s->name);
	doc_free(s->cur);
	for (i = s->readyhead; i < s->nready; i++)
		doc_free(s->ready[i]);
	free(s->ready);
	doc_free(s->handed);
	doc_free(s->spare);
	free(s->idf);
	buf_free(&s->idfkeys);
	free(s->idfowned);
	lexicon_free(&s->bg);
	free(s->bgdf);
	lexicon_free(&s->stop);
	buf_free(&s->key);
	buf_free(&s->scratch);
	buf_free(&s->out);
	buf_free(&s->join);
	buf_free(&s->ename);
	buf_free(&s->elemma);
	buf_free(&s->ekey);
	free(s->work);
	free(s->edges);
	free(s);
}

void nass_summarizer_set_diag(nass_summarizer *s, nass_diag_fn fn, void *ctx)
{
	s->diag = fn;
	s->diag_ctx = ctx;
}

void nass_summarizer_set_keywords(nass_summarizer *s, size_t n)
{
	s->keywords = n;
}

void nass_summarizer_invalid(const nass_summarizer *s, unsigned long long *count,
                             unsigned long long *first_offset)
{
	conllu_invalid(s->rd, count, first_offset);
}

/* ------------------------------------------------------------ documents */

/* A fresh document (the spare one, emptied, when there is one). */
static sdoc *doc_new(nass_summarizer *s, const char *id, size_t idlen, int explicit_doc)
{
	sdoc *d = s->spare;

	s->spare = NULL;
	if (d) {
		free(d->id);
		d->id = NULL;
		d->text.len = d->extra.len = 0;
		d->n = d->nocc = d->nentocc = d->nv = 0;
		d->glued = 0;
		/* The tables are rebuilt: a document's words are its own. */
		lexicon_free(&d->terms);
		lexicon_free(&d->phrases);
		lexicon_free(&d->ents);
		memset(&d->sum, 0, sizeof d->sum);
	} else if (!(d = calloc(1, sizeof *d)))
		return NULL;
	if (!(d->id = malloc(idlen + 1))) {
		doc_free(d);
		return NULL;
	}
	memcpy(d->id, id, idlen);
	d->id[idlen] = '\0';
	d->explicit_doc = explicit_doc;
	return d;
}

/* The current document is complete: score it and queue it.  at_end: the
 * input ends here (else a # newdoc does). */
static int close_doc(nass_summarizer *s, int at_end)
{
	sdoc *d = s->cur;
	int rc;

	if (!d)
		return NASS_OK;
	s->cur = NULL;
	/* An input's own document is dropped when it stayed empty, unless the
	 * input gave no document at all (an empty file is an empty document). */
	if (!d->explicit_doc && !d->n && (s->input_docs || !at_end)) {
		doc_free(s->spare);
		s->spare = d;
		return NASS_OK;
	}
	s->input_docs++;
	if ((rc = summarize_document(s, d))) {
		doc_free(d);
		return rc;
	}
	if (s->readyhead == s->nready)
		s->readyhead = s->nready = 0;
	if (array_reserve((void **)&s->ready, &s->readycap, s->nready + 1, sizeof *s->ready)) {
		doc_free(d);
		return NASS_ENOMEM;
	}
	s->ready[s->nready++] = d;
	if (s->flags & NASS_SUMMARIZE_STREAM_IDF) {
		size_t i;
		for (i = 0; i < d->terms.n; i++) {
			size_t n;
			const char *k = lexicon_key(&d->terms, i, &n);
			long id = lexicon_find(&s->bg, k, n);
			if (id < 0 && s->bg.n < STREAM_WORDS) {
				if ((id = lexicon_id(&s->bg, k, n, 1)) < 0 ||
				    array_reserve((void **)&s->bgdf, &s->bgcap, (size_t)id + 1, sizeof *s->bgdf))
					return NASS_ENOMEM;
				s->bgdf[id] = 0;
			}
			if (id >= 0)
				s->bgdf[id]++;
		}
		s->bgdocs++;
	}
	return NASS_OK;
}

static int open_doc(nass_summarizer *s, const char *id, size_t n, int explicit_doc)
{
	int rc;

	if ((rc = close_doc(s, 0)))
		return rc;
	return (s->cur = doc_new(s, id, n, explicit_doc)) ? NASS_OK : NASS_ENOMEM;
}

int nass_summarizer_begin(nass_summarizer *s, const char *name)
{
	int rc;

	if ((rc = close_doc(s, 1)))
		return rc;
	free(s->name);
	if (!(s->name = strdup(name ? name : "-")))
		return NASS_ENOMEM;
	s->input_docs = 0;
	s->finished = s->failed = 0;
	if ((rc = open_doc(s, s->name, strlen(s->name), 0)))
		return rc;
	return conllu_begin(s->rd, s->name);
}

int nass_summarizer_feed(nass_summarizer *s, const char *data, size_t len)
{
	if (s->failed) /* the rest of a malformed input is skipped */
		return NASS_OK;
	return conllu_feed(s->rd, data, len);
}

int nass_summarizer_finish(nass_summarizer *s)
{
	conllu_finish(s->rd);
	s->finished = 1;
	return NASS_OK;
}

/* ------------------------------------------------------------ reading */

static int item_add(lexicon *lx, sitem **items, size_t *cap, const char *key, size_t n, long *id)
{
	size_t before = lx->n;

	if ((*id = lexicon_id(lx, key, n, 1)) < 0 ||
	    array_reserve((void **)items, cap, (size_t)*id + 1, sizeof **items))
		return NASS_ENOMEM;
	if (lx->n > before)
		memset(&(*items)[*id], 0, sizeof **items);
	(*items)[*id].count++;
	return NASS_OK;
}

/* Keep a shown text: s[0..n) NUL-terminated in doc->extra. */
static int keep(sdoc *d, const char *p, size_t n, size_t *off)
{
	*off = d->extra.len;
	return buf_append(&d->extra, p, n) || buf_append(&d->extra, "", 1) ? NASS_ENOMEM : NASS_OK;
}

/* After a comment's name: spaces, then "= VALUE" or nothing.  1 and the
 * value (empty when none); 0 when something else follows the name. */
static int value_after(const char *p, size_t n, const char **v, size_t *vn)
{
	while (n && *p == ' ')
		p++, n--;
	if (n && *p == '=') {
		p++, n--;
		while (n && *p == ' ')
			p++, n--;
	} else if (n)
		return 0;
	*v = p;
	*vn = n;
	return 1;
}

/* "# NAME = VALUE" or "# NAME": 1 and the value ("# textual ..." is
 * another comment than "# text"). */
static int comment_value(const char *p, size_t n, const char *name, const char **v, size_t *vn)
{
	size_t k = strlen(name);

	if (n < k + 2 || memcmp(p, "# ", 2) || memcmp(p + 2, name, k))
		return 0;
	return value_after(p + 2 + k, n - 2 - k, v, vn);
}

int summarize_is_newdoc(const char *p, size_t n)
{
	return n >= 8 && !memcmp(p, "# newdoc", 8) && (n == 8 || p[8] == ' ');
}

/* "# newdoc" or "# newdoc id = X": 1 and X (empty when none). */
static int newdoc(const char *p, size_t n, const char **v, size_t *vn)
{
	if (!summarize_is_newdoc(p, n))
		return 0;
	p += 8, n -= 8;
	while (n && *p == ' ')
		p++, n--;
	*vn = 0;
	if (n >= 2 && !memcmp(p, "id", 2) && !value_after(p + 2, n - 2, v, vn))
		*vn = 0; /* "# newdoc idea": no id */
	return 1;
}

static const char *misc_value(const char *misc, size_t n, const char *key, size_t *vn)
{
	size_t k = strlen(key);
	const char *p = misc, *end = misc + n;

	while (p < end) {
		const char *bar = memchr(p, '|', (size_t)(end - p)), *e = bar ? bar : end;
		if ((size_t)(e - p) > k && !memcmp(p, key, k) && p[k] == '=') {
			*vn = (size_t)(e - p) - k - 1;
			return p + k + 1;
		}
		p = e + 1;
	}
	return NULL;
}

static int space_after_no(const char *misc, size_t n)
{
	size_t vn;
	const char *v = misc_value(misc, n, "SpaceAfter", &vn);

	return v && vn == 2 && !memcmp(v, "No", 2);
}

/* An entity mention ends: count it under TYPE + TAB + the key of its
 * words' lemmas (so that وموسكو counts as موسكو when tag gave the lemma). */
static int end_entity(nass_summarizer *s, sdoc *d, const char *type, size_t tn, buf *name)
{
	buf *lem = &s->elemma;
	long id;

	if (!name->len)
		return NASS_OK;
	/* The name ends with the space after its last word. */
	while (name->len && name->data[name->len - 1] == ' ')
		name->len--;
	s->ekey.len = 0;
	if (buf_append(&s->ekey, type, tn) || buf_append(&s->ekey, "\t", 1) || summarize_word_key(s, lem->data, lem->len) ||
	    buf_append(&s->ekey, s->key.data, s->key.len) ||
	    item_add(&d->ents, &d->ent, &d->entcap, s->ekey.data, s->ekey.len, &id))
		return NASS_ENOMEM;
	if (d->ent[id].count == 1) {
		/* Shown as "TYPE\0text\0". */
		if (keep(d, type, tn, &d->ent[id].show) || buf_append(&d->extra, name->data, name->len) ||
		    buf_append(&d->extra, "", 1))
			return NASS_ENOMEM;
	}
	if (array_reserve((void **)&d->entocc, &d->entocccap, d->nentocc + 1, sizeof *d->entocc))
		return NASS_ENOMEM;
	d->entocc[d->nentocc++] = (uint32_t)id;
	name->len = lem->len = 0;
	return NASS_OK;
}

/* Gather a sentence's terms, phrases and entities. */
static int read_words(nass_summarizer *s, sdoc *d, ssent *ss, const conllu_sent *cs, buf *text)
{
	const char *t = cs->text.data, *etype = NULL;
	size_t i, etn = 0, range_end = 0, skip_to = 0;
	long prev = -1;   /* the previous word's term, if it was content */
	size_t prev_form = 0, prev_flen = 0;
	buf *name = &s->ename;

	name->len = s->elemma.len = 0;
	ss->occ = d->nocc;
	ss->ent = d->nentocc;
	for (i = 0; i < cs->nlines; i++) {
		const conllu_line *l = &cs->lines[i];
		const char *form, *lemma, *upos, *misc, *ner;
		size_t fn, ln, un, mn, nn;
		int u, content, space;
		long id;

		if (l->kind == CONLLU_RANGE) {
			/* The written token stands for its words in the text. */
			const char *dash = memchr(t + l->col[0], '-', l->collen[0]);
			range_end = dash ? strtoul(dash + 1, NULL, 10) : 0;
			skip_to = 1;
			misc = t + l->col[9], mn = l->collen[9];
			space = !space_after_no(misc, mn);
			d->glued = !space;
			if (text && (buf_append(text, t + l->col[1], l->collen[1]) || (space && buf_append(text, " ", 1))))
				return NASS_ENOMEM;
			continue;
		}
		if (l->kind != CONLLU_WORD)
			continue;
		form = t + l->col[1], fn = l->collen[1];
		lemma = t + l->col[2], ln = l->collen[2];
		upos = t + l->col[3], un = l->collen[3];
		misc = t + l->col[9], mn = l->collen[9];
		if (!skip_to || strtoul(t + l->col[0], NULL, 10) > range_end) {
			/* A token of its own (not a word of the range before). */
			skip_to = 0;
			space = !space_after_no(misc, mn);
			d->glued = !space;
			if (text && (buf_append(text, form, fn) || (space && buf_append(text, " ", 1))))
				return NASS_ENOMEM;
		}
		/* Entities: B- starts one, I- of the same type goes on. */
		ner = misc_value(misc, mn, "NER", &nn);
		if (etype && !(ner && nn == etn + 2 && !memcmp(ner, "I-", 2) && !memcmp(ner + 2, etype, etn))) {
			if (end_entity(s, d, etype, etn, name))
				return NASS_ENOMEM;
			etype = NULL;
		}
		if (ner && nn > 2 && (!memcmp(ner, "B-", 2) || (!etype && !memcmp(ner, "I-", 2)))) {
			etype = ner + 2;
			etn = nn - 2;
		}
		if (etype) {
			int has_lemma = !(ln == 1 && *lemma == '_');

			if (buf_append(name, form, fn) || (s->elemma.len && buf_append(&s->elemma, " ", 1)) ||
			    buf_append(&s->elemma, has_lemma ? lemma : form, has_lemma ? ln : fn))
				return NASS_ENOMEM;
			/* Words joined by SpaceAfter=No stay joined. */
			if (!space_after_no(misc, mn) && buf_append(name, " ", 1))
				return NASS_ENOMEM;
		}
		/* Content words: by UPOS when tagged, else any word with a letter. */
		u = un == 1 && *upos == '_' ? -1 : tag_upos_index_n(upos, un);
		content = u >= 0 ? (s->content_upos >> u) & 1 : (un == 1 && *upos == '_' && has_class(form, fn, 0));
		if (content) {
			int has_lemma = !(ln == 1 && *lemma == '_');
			if (summarize_word_key(s, has_lemma ? lemma : form, has_lemma ? ln : fn))
				return NASS_ENOMEM;
			/* One-letter pieces (split clitics) and stop words are not content. */
			content = chars(s->key.data, s->key.len) >= 2 && lexicon_find(&s->stop, s->key.data, s->key.len) < 0 &&
			          (u >= 0 || has_class(s->key.data, s->key.len, 0));
		}
		if (!content) {
			prev = -1;
			continue;
		}
		if (item_add(&d->terms, &d->term, &d->termcap, s->key.data, s->key.len, &id))
			return NASS_ENOMEM;
		if (d->term[id].count == 1) {
			/* Shown as its lemma; a name as written (الأردن, not the
			 * stem أردن). */
			int has_lemma = ln && !(ln == 1 && *lemma == '_') && u != s->propn;
			if (keep(d, has_lemma ? lemma : form, has_lemma ? ln : fn, &d->term[id].show))
				return NASS_ENOMEM;
		}
		if (array_reserve((void **)&d->occ, &d->occcap, d->nocc + 1, sizeof *d->occ))
			return NASS_ENOMEM;
		d->occ[d->nocc++] = (uint32_t)id;
		if (u < 0 || ((s->keyword_upos >> u) & 1))
			d->term[id].b = 1;
		if (prev >= 0 && prev != id) {
			/* Two content words in a row: a candidate keyphrase. */
			uint32_t pair[2] = {(uint32_t)prev, (uint32_t)id};
			long pid;
			if (item_add(&d->phrases, &d->phrase, &d->phrasecap, (const char *)pair, sizeof pair, &pid))
				return NASS_ENOMEM;
			if (d->phrase[pid].count == 1) {
				d->phrase[pid].a = pair[0];
				d->phrase[pid].b = pair[1];
				if (keep(d, t + prev_form, prev_flen, &d->phrase[pid].show))
					return NASS_ENOMEM;
				d->extra.data[d->extra.len - 1] = ' ';
				if (buf_append(&d->extra, form, fn) || buf_append(&d->extra, "", 1))
					return NASS_ENOMEM;
			}
		}
		prev = id;
		prev_form = (size_t)(form - t);
		prev_flen = fn;
	}
	if (etype && end_entity(s, d, etype, etn, name))
		return NASS_ENOMEM;
	ss->nocc = d->nocc - ss->occ;
	ss->nent = d->nentocc - ss->ent;
	return NASS_OK;
}

/* The sentence cs follows the last one with no space between them
 * ("...التاسعة.فجاءت ..."): one unit with it (selection.join_unspaced),
 * as a writer who ran them together, or a page that lost the line break,
 * shows them.  The block is the next in doc->text, the terms and entities
 * the next in doc->occ and doc->entocc, so the unit grows over them; its
 * text is the two texts run together, its id the first's. */
static int join_sentence(nass_summarizer *s, sdoc *d, const conllu_sent *cs, const char *text, size_t textn)
{
	ssent *p = &d->s[d->n - 1], part;
	size_t base;

	memset(&part, 0, sizeof part);
	/* the blank line between the two blocks, then the block */
	if (buf_append(&d->text, "\n", 1))
		return NASS_ENOMEM;
	base = d->text.len;
	if (buf_append(&d->text, cs->text.data, cs->text.len))
		return NASS_ENOMEM;
	p->len += 1 + cs->text.len;
	/* (the buffers may have moved: the text is found by its offset now) */
	s->join.len = 0;
	if (buf_append(&s->join, (p->text_extra ? d->extra.data : d->text.data) + p->text_off, p->text_len))
		return NASS_ENOMEM;
	s->scratch.len = 0;
	if (read_words(s, d, &part, cs, text ? NULL : &s->scratch))
		return NASS_ENOMEM;
	if (text ? buf_append(&s->join, d->text.data + base + (size_t)(text - cs->text.data), textn)
	         : buf_append(&s->join, s->scratch.data, s->scratch.len))
		return NASS_ENOMEM;
	while (s->join.len && s->join.data[s->join.len - 1] == ' ')
		s->join.len--;
	p->nocc += part.nocc;
	p->nent += part.nent;
	p->text_extra = 1;
	p->text_len = s->join.len;
	if (keep(d, s->join.data, s->join.len, &p->text_off))
		return NASS_ENOMEM;
	p->words = count_words(s->join.data, s->join.len);
	return NASS_OK;
}

/* Add a sentence block to the current document. */
static int add_sentence(nass_summarizer *s, const conllu_sent *cs)
{
	sdoc *d = s->cur;
	const char *t = cs->text.data, *v;
	size_t i, vn, idn = 0, base;
	const char *id = NULL, *text = NULL;
	size_t textn = 0;
	ssent *ss;
	char num[32];
	int rc, newpar = 0;

	for (i = 0; i < cs->nlines; i++) {
		const conllu_line *l = &cs->lines[i];
		if (l->kind != CONLLU_COMMENT)
			continue;
		if (newdoc(t + l->off, l->len, &v, &vn)) {
			/* "# newdoc id = X": a new document named X. */
			if (!vn) {
				snprintf(num, sizeof num, "-%d", s->input_docs + 1);
				s->scratch.len = 0;
				if (buf_puts(&s->scratch, s->name) || buf_puts(&s->scratch, num))
					return NASS_ENOMEM;
				v = s->scratch.data, vn = s->scratch.len;
			}
			if ((rc = open_doc(s, v, vn, 1)))
				return rc;
			d = s->cur;
		} else if (comment_value(t + l->off, l->len, "sent_id", &v, &vn))
			id = v, idn = vn;
		else if (comment_value(t + l->off, l->len, "text", &v, &vn))
			text = v, textn = vn;
		else if (comment_value(t + l->off, l->len, "newpar", &v, &vn))
			newpar = 1;
	}
	for (i = 0; i < cs->nlines && cs->lines[i].kind == CONLLU_COMMENT; i++)
		;
	if (i == cs->nlines)
		return NASS_OK; /* comments only (the end of a stream) */
	if (d->n && d->glued && !newpar && s->rules->num[SS_JOIN_UNSPACED])
		return join_sentence(s, d, cs, text, textn);
	if (array_reserve((void **)&d->s, &d->cap, d->n + 1, sizeof *d->s))
		return NASS_ENOMEM;
	ss = &d->s[d->n];
	memset(ss, 0, sizeof *ss);
	base = d->text.len;
	if (buf_append(&d->text, t, cs->text.len))
		return NASS_ENOMEM;
	ss->off = base;
	ss->len = cs->text.len;
	if (text) {
		ss->text_off = base + (size_t)(text - t);
		ss->text_len = textn;
	}
	/* The sentence id: its own, or DOC-N. */
	if (id)
		rc = keep(d, id, idn, &ss->id_off);
	else {
		snprintf(num, sizeof num, "-%zu", d->n + 1);
		ss->id_off = d->extra.len;
		rc = buf_puts(&d->extra, d->id) || buf_puts(&d->extra, num) || buf_append(&d->extra, "", 1);
	}
	if (rc)
		return NASS_ENOMEM;
	if (!text) {
		/* No # text: the words with their spaces. */
		s->scratch.len = 0;
		if (read_words(s, d, ss, cs, &s->scratch))
			return NASS_ENOMEM;
		while (s->scratch.len && s->scratch.data[s->scratch.len - 1] == ' ')
			s->scratch.len--;
		ss->text_extra = 1;
		ss->text_len = s->scratch.len;
		if (keep(d, s->scratch.data, s->scratch.len, &ss->text_off))
			return NASS_ENOMEM;
	} else if (read_words(s, d, ss, cs, NULL))
		return NASS_ENOMEM;
	ss->words = count_words(ss->text_extra ? d->extra.data + ss->text_off : d->text.data + ss->text_off,
	                        ss->text_len);
	d->n++;
	return NASS_OK;
}

int nass_summarizer_next(nass_summarizer *s, const nass_summary **sum, nass_error *err)
{
	const conllu_sent *cs;
	int rc;

	if (s->handed) {
		doc_free(s->spare);
		s->spare = s->handed;
		s->handed = NULL;
	}
	while (s->readyhead == s->nready) {
		/* After malformed input nothing more of it is read: what came
		 * before is summarized when the input ends. */
		rc = s->failed ? NASS_AGAIN : conllu_next(s->rd, &cs, err);
		if (rc == NASS_AGAIN) {
			if (!s->finished || !s->cur)
				return NASS_AGAIN;
			if ((rc = close_doc(s, 1)))
				return error_set(err, rc, NULL, 0, 0, "out of memory");
			continue;
		}
		if (rc) {
			s->failed = rc == NASS_EINPUT;
			return rc;
		}
		if (cs->cut && s->diag) {
			char msg[128];
			snprintf(msg, sizeof msg, "line %lu: a sentence reached %d lines and is cut there",
			         cs->lines[cs->nlines - 1].lineno, MAX_LINES);
			s->diag(s->diag_ctx, msg);
		}
		if (!s->cur && (rc = open_doc(s, s->name ? s->name : "-", strlen(s->name ? s->name : "-"), 0)))
			return error_set(err, rc, NULL, 0, 0, "out of memory");
		if ((rc = add_sentence(s, cs)))
			return error_set(err, rc, NULL, 0, 0, "out of memory");
	}
	s->handed = s->ready[s->readyhead++];
	*sum = &s->handed->sum;
	return NASS_OK;
}
