/* tag_context.c - Brill-style context rules over a sentence (TAG.md
 * sections 4 and 6.3), shared by UPOS and NER. */
#include <stdlib.h>
#include <string.h>

#include "nass.h"
#include "tag_internal.h"

int tsent_reserve(tsent *s, size_t n)
{
	if (array_reserve((void **)&s->w, &s->cap, n, sizeof *s->w))
		return NASS_ENOMEM;
	if (n > s->tcap) {
		size_t c = s->cap;
		uint8_t *t = realloc(s->tags, c);
		size_t *h;
		if (!t)
			return NASS_ENOMEM;
		s->tags = t;
		if (!(h = realloc(s->hits, c * sizeof *h)))
			return NASS_ENOMEM;
		s->hits = h;
		s->tcap = c;
	}
	return NASS_OK;
}

void tsent_free(tsent *s)
{
	free(s->w);
	free(s->tags);
	free(s->hits);
	buf_free(&s->keys);
	memset(s, 0, sizeof *s);
}

/* The value of feature f at position j (BOUND outside the sentence). */
static inline int32_t feature(const tsent *s, long j, int f)
{
	const winfo *w;

	if (j < 0 || (size_t)j >= s->n)
		return BOUND;
	w = &s->w[j].wi;
	switch (f) {
	case F_T: return s->tags[j];
	case F_W: return w->w;
	case F_D: return w->d;
	case F_X: return w->x;
	case F_H: return w->h;
	default: return w->s;
	}
}

void apply_rules(const ctxrules *rs, const ctxtemplate *T, tsent *s, int ner)
{
	uint32_t count[256] = {0};
	size_t r, i, nhits;
	int c;

	for (i = 0; i < s->n; i++)
		count[s->tags[i] = ner ? s->w[i].ner : s->w[i].upos]++;
	for (r = 0; r < rs->n; r++) {
		const ctxrule *rule = &rs->v[r];
		const ctxtemplate *tp = &T[rule->tpl];

		if (!count[rule->from]) /* most rules: nothing to look at */
			continue;
		for (i = 0, nhits = 0; i < s->n; i++) {
			if (s->tags[i] != rule->from)
				continue;
			for (c = 0; c < tp->ncond; c++)
				if (feature(s, (long)i + tp->cond[c].off, tp->cond[c].feat) != rule->val[c])
					break;
			if (c == tp->ncond)
				s->hits[nhits++] = i;
		}
		for (i = 0; i < nhits; i++) {
			size_t j = s->hits[i];
			if (!ner && s->w[j].fixed)
				continue;
			count[s->tags[j]]--;
			count[s->tags[j] = rule->to]++;
			if (ner) {
				s->w[j].ner_src = NS_RULE;
				s->w[j].ner_rule = (int)r;
			} else
				s->w[j].rule = (int)r;
		}
	}
	for (i = 0; i < s->n; i++) {
		if (ner)
			s->w[i].ner = s->tags[i];
		else
			s->w[i].upos = s->tags[i];
	}
}

int tag_upos(const tagmodel *m, tsent *s)
{
	apply_rules(&m->upos_rules, UPOS_TEMPLATES, s, 0);
	return NASS_OK;
}
