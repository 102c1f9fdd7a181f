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

int tsent_stamp(tsent *s, size_t nsyms)
{
	size_t i, f;

	if (nsyms > s->nsyms) {
		for (f = 0; f < 3; f++) {
			uint32_t *p = realloc(s->stamp[f], nsyms * sizeof *p);
			int32_t *h;
			if (!p)
				return NASS_ENOMEM;
			memset(p + s->nsyms, 0, (nsyms - s->nsyms) * sizeof *p);
			s->stamp[f] = p;
			if (!(h = realloc(s->head[f], nsyms * sizeof *h)))
				return NASS_ENOMEM;
			s->head[f] = h;
		}
		s->nsyms = nsyms;
	}
	if (s->n > s->nextcap) {
		for (f = 0; f < 3; f++) {
			int32_t *p = realloc(s->next[f], s->n * sizeof *p);
			if (!p)
				return NASS_ENOMEM;
			s->next[f] = p;
		}
		s->nextcap = s->n;
	}
	if (++s->sentno == 0) { /* wrapped: start the stamps anew */
		for (f = 0; f < 3; f++)
			memset(s->stamp[f], 0, s->nsyms * sizeof *s->stamp[f]);
		s->sentno = 1;
	}
	for (i = 0; i < s->n; i++) {
		const winfo *w = &s->w[i].wi;
		int32_t v[3] = {w->w, w->x, w->s};

		for (f = 0; f < 3; f++) {
			s->next[f][i] = -1;
			if (v[f] < 0)
				continue;
			if (s->stamp[f][v[f]] != s->sentno) {
				s->stamp[f][v[f]] = s->sentno;
				s->head[f][v[f]] = -1;
			}
			s->next[f][i] = s->head[f][v[f]];
			s->head[f][v[f]] = (int32_t)i;
		}
	}
	return NASS_OK;
}

void tsent_free(tsent *s)
{
	int f;

	free(s->w);
	free(s->tags);
	free(s->hits);
	free(s->fa);
	free(s->pc);
	free(s->ps);
	for (f = 0; f < 3; f++) {
		free(s->stamp[f]);
		free(s->head[f]);
		free(s->next[f]);
	}
	buf_free(&s->keys);
	memset(s, 0, sizeof *s);
}

/* The features as six columns of n + 4 values, the two on each side
 * BOUND, so that a condition is one load and compare. */
static int columns(tsent *s, int ner, int32_t **col)
{
	size_t n = s->n + 4, i, f;
	int32_t *a;

	if (array_reserve((void **)&s->fa, &s->facap, 6 * n, sizeof *s->fa))
		return NASS_ENOMEM;
	a = s->fa;
	for (f = 0; f < 6; f++) {
		col[f] = a + f * n + 2;
		col[f][-2] = col[f][-1] = col[f][n - 4] = col[f][n - 3] = BOUND;
	}
	for (i = 0; i < s->n; i++) {
		const winfo *w = &s->w[i].wi;
		col[F_T][i] = ner ? s->w[i].ner : s->w[i].upos;
		col[F_W][i] = w->w;
		col[F_D][i] = w->d;
		col[F_X][i] = w->x;
		col[F_H][i] = w->h;
		col[F_S][i] = w->s;
	}
	return NASS_OK;
}

int apply_rules(const ctxrules *rs, tsent *s, int ner)
{
	uint32_t count[256] = {0};
	int32_t *col[6], *tags;
	size_t r, i, nhits;
	int c;

	if (columns(s, ner, col))
		return NASS_ENOMEM;
	tags = col[F_T];
	for (i = 0; i < s->n; i++)
		count[tags[i]]++;
	for (r = 0; r < rs->n; r++) {
		const ctxrule *rule = &rs->v[r];
		const int32_t *cv[4];
		int nc = rule->ncond;

		if (!count[rule->from]) /* most rules: nothing to look at */
			continue;
		if (rule->anchor >= 0 &&
		    s->stamp[rule->anchor_table][rule->val[rule->anchor]] != s->sentno)
			continue;
		for (c = 0; c < nc; c++)
			cv[c] = col[rule->feat[c]] + rule->off[c];
		nhits = 0;
		if (rule->anchor >= 0) {
			/* only where a word has the anchor's value */
			int32_t j;
			for (j = s->head[rule->anchor_table][rule->val[rule->anchor]]; j >= 0;
			     j = s->next[rule->anchor_table][j]) {
				long p = (long)j - rule->off[rule->anchor];
				if (p < 0 || p >= (long)s->n || tags[p] != rule->from)
					continue;
				for (c = 0; c < nc; c++)
					if (cv[c][p] != rule->val[c])
						break;
				if (c == nc)
					s->hits[nhits++] = (size_t)p;
			}
		} else
			for (i = 0; i < s->n; i++) {
				if (tags[i] != rule->from)
					continue;
				for (c = 0; c < nc; c++)
					if (cv[c][i] != rule->val[c])
						break;
				if (c == nc)
					s->hits[nhits++] = i;
			}
		for (i = 0; i < nhits; i++) {
			size_t j = s->hits[i];
			if (!ner && s->w[j].fixed)
				continue;
			count[tags[j]]--;
			count[tags[j] = rule->to]++;
			if (ner) {
				s->w[j].ner_src = NS_RULE;
				s->w[j].ner_rule = (int)r;
			} else
				s->w[j].rule = (int)r;
		}
	}
	for (i = 0; i < s->n; i++) {
		if (ner)
			s->w[i].ner = (uint8_t)tags[i];
		else
			s->w[i].upos = (uint8_t)tags[i];
	}
	return NASS_OK;
}

int percep_rows(const percep *p, tsent *s, int na, int32_t **codes, int32_t **slots)
{
	size_t n = s->n, k;

	if (array_reserve((void **)&s->pc, &s->pccap, (n + 2 * PERCEP_PAD) * (size_t)na, sizeof *s->pc) ||
	    array_reserve((void **)&s->ps, &s->pscap, (n + 2 * PERCEP_PAD) * PERCEP_MAXSLOTS, sizeof *s->ps))
		return NASS_ENOMEM;
	for (k = 0; k < PERCEP_PAD; k++) {
		percep_bound(p, s->pc + k * (size_t)na, s->ps + k * PERCEP_MAXSLOTS);
		percep_bound(p, s->pc + (n + PERCEP_PAD + k) * (size_t)na,
		             s->ps + (n + PERCEP_PAD + k) * PERCEP_MAXSLOTS);
	}
	*codes = s->pc + PERCEP_PAD * (size_t)na;
	*slots = s->ps + PERCEP_PAD * PERCEP_MAXSLOTS;
	return NASS_OK;
}

/* TAG.md section 4b: greedy, left to right. */
static int percep_upos(const percep *p, tsent *s)
{
	size_t i, n = s->n;
	int32_t *c;
	int t;

	int32_t *ps;

	if (percep_rows(p, s, UA_N, &c, &ps))
		return NASS_ENOMEM;
	for (i = 0; i < n; i++) {
		const tword *w = &s->w[i];
		int32_t *ci = c + i * UA_N;
		ci[UA_I] = w->fixed && w->upos != 255 ? w->upos : w->wi.upos;
		ci[UA_D] = w->wi.d == 'D' ? 0 : w->wi.d == 'A' ? 1 : 2;
		ci[UA_H] = w->wi.hcls;
		ci[UA_K] = w->wi.ppair;
		ci[UA_X] = ci[UA_L] = ci[UA_C] = -1;
		ci[UA_P] = ci[UA_I];
		memcpy(ps + i * PERCEP_MAXSLOTS, w->wi.pslot, sizeof w->wi.pslot);
	}
	for (i = 0; i < n; i++) {
		tword *w = &s->w[i];
		int32_t sc[PERCEP_STRIDE] = {0};
		int best = 0;

		/* a tag the input gave, or a form rule's, stays */
		if (w->fixed || w->wi.rule == R_FORM) {
			c[i * UA_N + UA_P] = c[i * UA_N + UA_I];
			continue;
		}
		for (t = 0; t < TAG_NUPOS; t++)
			sc[t] = w->wi.pstat[t];
		percep_score(p, c, ps, n, i, 0, sc);
		percep_score(p, c, ps, n, i, 1, sc);
		for (t = 1; t < TAG_NUPOS; t++)
			if (sc[t] > sc[best])
				best = t;
		c[i * UA_N + UA_P] = best;
		if (best != w->upos) {
			w->upos = (uint8_t)best;
			w->rule = PERCEP_RULE;
		}
	}
	return NASS_OK;
}

int tag_upos(const tagmodel *m, tsent *s)
{
	if (m->upos_p.loaded)
		return percep_upos(&m->upos_p, s);
	return apply_rules(&m->upos_rules, s, 0);
}
