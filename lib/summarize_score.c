/* summarize_score.c - scoring a document's sentences and choosing the
 * summary (the formula is in rules/summarize.yaml), and its keywords and
 * entities.  Cost: O(n * window) for the sentence graph, O(k * n) to
 * choose k sentences; no dense n x n matrix, so a 10,000-sentence
 * document stays well under a second. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "summarize_internal.h"

#define NUM(s, i) ((s)->rules->num[i])

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* Each sentence's TF-IDF vector, sorted by term, with its norm. */
static int build_vectors(nass_summarizer *s, sdoc *d)
{
	size_t i, j, cap = d->vcap;
	float *vw;

	for (i = 0; i < d->terms.n; i++) {
		size_t n;
		const char *k = lexicon_key(&d->terms, i, &n);
		d->term[i].idf = summarize_idf(s, k, n);
		d->term[i].score = d->term[i].count * d->term[i].idf;
	}
	if (array_reserve((void **)&d->vid, &d->vcap, d->nocc + 1, sizeof *d->vid))
		return NASS_ENOMEM;
	/* vw grows with vid, to the same capacity. */
	if (d->vcap != cap || !d->vw) {
		if (!(vw = realloc(d->vw, d->vcap * sizeof *vw)))
			return NASS_ENOMEM;
		d->vw = vw;
	}
	d->nv = 0;
	for (i = 0; i < d->n; i++) {
		ssent *ss = &d->s[i];
		uint32_t *o = ss->nocc ? d->occ + ss->occ : NULL; /* occ is NULL when no word was content */
		double norm = 0;

		if (ss->nocc > 1)
			qsort(o, ss->nocc, sizeof *o, cmp_u32);
		ss->vec = d->nv;
		for (j = 0; j < ss->nocc;) {
			size_t k = j;
			double w;

			while (k < ss->nocc && o[k] == o[j])
				k++;
			/* Sublinear term frequency: a word said three times in one
			 * sentence is not three times the topic. */
			w = (1 + log((double)(k - j))) * d->term[o[j]].idf;
			d->vid[d->nv] = o[j];
			d->vw[d->nv++] = (float)w;
			/* The norm of what is stored, so a sentence's cosine with
			 * itself is 1 (within rounding: see choose()). */
			norm += (double)(float)w * (float)w;
			j = k;
		}
		ss->nvec = d->nv - ss->vec;
		ss->norm = sqrt(norm);
	}
	return NASS_OK;
}

static double cosine(const sdoc *d, size_t a, size_t b)
{
	const ssent *x = &d->s[a], *y = &d->s[b];
	const uint32_t *ia = d->vid + x->vec, *ib = d->vid + y->vec;
	const float *wa = d->vw + x->vec, *wb = d->vw + y->vec;
	size_t i = 0, j = 0;
	double dot = 0;

	if (!x->nvec || !y->nvec)
		return 0;
	while (i < x->nvec && j < y->nvec) {
		if (ia[i] < ib[j])
			i++;
		else if (ia[i] > ib[j])
			j++;
		else
			dot += (double)wa[i++] * wb[j++];
	}
	return dot / (x->norm * y->norm);
}

/* LexRank over the graph of sentences within `window` of each other:
 * part[CENTRALITY], scaled so the most central sentence has 1. */
static int centrality(nass_summarizer *s, sdoc *d, nass_summary_sentence *out)
{
	size_t n = d->n, win = (size_t)NUM(s, SS_WINDOW), ne = 0, i, j, it;
	double minsim = NUM(s, SS_MIN_SIMILARITY), damp = NUM(s, SS_DAMPING), *p, *q, *deg, max = 0;

	if (array_reserve((void **)&s->work, &s->workcap, 3 * n, sizeof *s->work))
		return NASS_ENOMEM;
	p = s->work, q = p + n, deg = q + n;
	for (i = 0; i < n; i++)
		deg[i] = 0, p[i] = 1.0 / (double)n;
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n && j <= i + win; j++) {
			double w = cosine(d, i, j);
			if (w < minsim || w <= 0)
				continue;
			if (array_reserve((void **)&s->edges, &s->edgecap, ne + 1, sizeof *s->edges))
				return NASS_ENOMEM;
			s->edges[ne].a = (uint32_t)i;
			s->edges[ne].b = (uint32_t)j;
			s->edges[ne++].w = (float)w;
			deg[i] += w;
			deg[j] += w;
		}
	for (it = 0; it < (size_t)NUM(s, SS_ITERATIONS); it++) {
		double lost = 0;

		/* A sentence linked to none hands its weight to all alike. */
		for (i = 0; i < n; i++)
			if (deg[i] == 0)
				lost += p[i];
		for (i = 0; i < n; i++)
			q[i] = (1 - damp) / (double)n + damp * lost / (double)n;
		for (i = 0; i < ne; i++) {
			const struct sedge *e = &s->edges[i];
			q[e->a] += damp * e->w * p[e->b] / deg[e->b];
			q[e->b] += damp * e->w * p[e->a] / deg[e->a];
		}
		memcpy(p, q, n * sizeof *p);
	}
	for (i = 0; i < n; i++)
		if (p[i] > max)
			max = p[i];
	for (i = 0; i < n; i++)
		out[i].parts[NASS_PART_CENTRALITY] = max > 0 ? p[i] / max : 0;
	return NASS_OK;
}

/* Scale part k of all sentences so the largest is 1. */
static void scale(nass_summary_sentence *out, size_t n, int k)
{
	double max = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (out[i].parts[k] > max)
			max = out[i].parts[k];
	for (i = 0; i < n; i++)
		out[i].parts[k] = max > 0 ? out[i].parts[k] / max : 0;
}

/* Ranked items: sorted by score, best first, then by first occurrence
 * (their id), without a comparator that needs the document. */
typedef struct ranked {
	double score;
	uint32_t id;
} ranked;

static int cmp_ranked(const void *a, const void *b)
{
	const ranked *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* items[0..n) ranked by score (or by count when by_count). */
static ranked *rank_items(const sitem *items, size_t n, int by_count)
{
	ranked *r = malloc((n + 1) * sizeof *r);
	size_t i;

	if (!r)
		return NULL;
	for (i = 0; i < n; i++) {
		r[i].score = by_count ? items[i].count : items[i].score;
		r[i].id = (uint32_t)i;
	}
	qsort(r, n, sizeof *r, cmp_ranked);
	return r;
}

/* How many sentences the summary takes. */
static size_t wanted(const nass_summarizer *s, size_t n)
{
	if (s->length.words)
		return n;
	if (s->length.ratio > 0) {
		size_t k = (size_t)ceil(s->length.ratio * (double)n - 1e-9);
		return k ? k : 1;
	}
	return s->length.sentences;
}

/* Choose best first, less redundancy (MMR); ranks 1, 2, ...  Each
 * sentence's highest similarity to those chosen is kept up to date, so k
 * sentences cost O(k n) cosines. */
static size_t choose(nass_summarizer *s, sdoc *d, nass_summary_sentence *out)
{
	size_t n = d->n, k = wanted(s, n), chosen = 0, words = 0, i;
	double red = NUM(s, SW_REDUNDANCY), dup = NUM(s, SS_DUPLICATE), *maxsim;

	if (array_reserve((void **)&s->work, &s->workcap, n + 1, sizeof *s->work))
		return 0;
	maxsim = s->work;
	for (i = 0; i < n; i++)
		maxsim[i] = 0;
	while (chosen < k) {
		size_t best = n;
		double bestv = 0;

		for (i = 0; i < n; i++) {
			double v;

			if (out[i].rank || !out[i].words)
				continue;
			if (s->length.words && chosen && words + out[i].words > s->length.words)
				continue;
			if (chosen && maxsim[i] >= dup - 1e-9)
				continue;
			v = out[i].score - red * maxsim[i];
			if (best == n || v > bestv)
				best = i, bestv = v;
		}
		if (best == n)
			break;
		out[best].rank = ++chosen;
		words += out[best].words;
		if (s->length.words && words >= s->length.words)
			break;
		for (i = 0; i < n; i++)
			if (!out[i].rank) {
				double c = cosine(d, i, best);
				if (c > maxsim[i])
					maxsim[i] = c;
			}
	}
	return chosen;
}

/* The keywords: terms by TF-IDF and recurring two-word phrases by the
 * IDF of their words times their count, in one ranking; a word is not
 * listed again when a phrase above it holds it. */
static int keywords(nass_summarizer *s, sdoc *d, const ranked *terms)
{
	size_t i, nk = 0, want = s->keywords, a = 0, b = 0;
	ranked *ph;

	if (!want)
		return NASS_OK;
	for (i = 0; i < d->phrases.n; i++) {
		sitem *p = &d->phrase[i];
		p->score = p->count >= NUM(s, SS_MIN_PHRASE) ? p->count * (d->term[p->a].idf + d->term[p->b].idf) : 0;
	}
	if (!(ph = rank_items(d->phrase, d->phrases.n, 0)) ||
	    array_reserve((void **)&d->kw, &d->kwcap, want, sizeof *d->kw)) {
		free(ph);
		return NASS_ENOMEM;
	}
	while (nk < want) {
		const sitem *t = a < d->terms.n ? &d->term[terms[a].id] : NULL;
		const sitem *p = b < d->phrases.n && ph[b].score > 0 ? &d->phrase[ph[b].id] : NULL;
		size_t j;
		int inside = 0;

		if (!t && !p)
			break;
		if (p && (!t || p->score > t->score)) {
			d->kw[nk].text = d->extra.data + p->show;
			d->kw[nk++].score = p->score;
			b++;
			continue;
		}
		for (j = 0; j < b; j++)
			if (d->phrase[ph[j].id].a == terms[a].id || d->phrase[ph[j].id].b == terms[a].id)
				inside = 1;
		if (!inside && t->b) {
			d->kw[nk].text = d->extra.data + t->show;
			d->kw[nk++].score = t->score;
		}
		a++;
	}
	d->sum.keywords = d->kw;
	d->sum.nkeywords = nk;
	free(ph);
	return NASS_OK;
}

/* A mention written with a proclitic (والعراق, وعمّان: tag names the
 * whole token when clitics are not split) is counted as the same name
 * without it (and without its article, as tag's lemmas are), when the
 * document also names it so: ent[i].a is the entity
 * a mention counts as, and its count moves there. */
static int merge_clitics(sdoc *d, buf *key)
{
	static const char *const proclitics[] = {"\xd9\x88", "\xd9\x81", "\xd8\xa8", "\xd9\x84"}; /* و ف ب ل */
	size_t i, k, n;

	for (i = 0; i < d->ents.n; i++)
		d->ent[i].a = (uint32_t)i;
	for (i = 0; i < d->ents.n; i++) {
		const char *e = lexicon_key(&d->ents, i, &n), *tab = memchr(e, '\t', n);
		size_t head = tab ? (size_t)(tab - e) + 1 : n;
		long j;

		/* The rest must keep two letters at least (4 bytes of Arabic). */
		if (n < head + 2 + 4)
			continue;
		for (k = 0; k < 4; k++)
			if (!memcmp(e + head, proclitics[k], 2))
				break;
		if (k == 4)
			continue;
		key->len = 0;
		if (buf_append(key, e, head) || buf_append(key, e + head + 2, n - head - 2))
			return NASS_ENOMEM;
		j = lexicon_find(&d->ents, key->data, key->len);
		/* والعراق: the lemma of العراق has no article either. */
		if (j < 0 && key->len >= head + 4 + 4 && !memcmp(key->data + head, "\xd8\xa7\xd9\x84", 4)) {
			memmove(key->data + head, key->data + head + 4, key->len - head - 4);
			key->len -= 4;
			j = lexicon_find(&d->ents, key->data, key->len);
		}
		if (j < 0 || (size_t)j == i)
			continue;
		d->ent[i].a = (uint32_t)j;
		d->ent[j].count += d->ent[i].count;
		d->ent[i].count = 0;
	}
	return NASS_OK;
}

/* The entities by mention count (then first mention). */
static int entities(sdoc *d)
{
	ranked *order;
	size_t i, k;

	if (!(order = rank_items(d->ent, d->ents.n, 1)) ||
	    array_reserve((void **)&d->en, &d->encap, d->ents.n + 1, sizeof *d->en)) {
		free(order);
		return NASS_ENOMEM;
	}
	for (i = 0, k = 0; i < d->ents.n; i++) {
		const sitem *e = &d->ent[order[i].id];
		if (!e->count)
			continue; /* counted under another spelling */
		d->en[k].type = d->extra.data + e->show;
		d->en[k].text = d->en[k].type + strlen(d->en[k].type) + 1;
		d->en[k++].count = e->count;
	}
	d->sum.entities = d->en;
	d->sum.nentities = k;
	free(order);
	return NASS_OK;
}

int summarize_document(nass_summarizer *s, sdoc *d)
{
	size_t n = d->n, i, j, top = (size_t)NUM(s, SS_TOP_KEYWORDS);
	nass_summary_sentence *out;
	ranked *order = NULL;
	int rc = NASS_ENOMEM;

	memset(&d->sum, 0, sizeof d->sum);
	d->sum.doc_id = d->id;
	if (array_reserve((void **)&d->out, &d->outcap, n + 1, sizeof *d->out))
		return NASS_ENOMEM;
	out = d->out;
	memset(out, 0, (n + 1) * sizeof *out);
	if (build_vectors(s, d) || centrality(s, d, out) || merge_clitics(d, &s->key))
		return NASS_ENOMEM;
	/* The document's keywords, best first: the top ones weigh in the
	 * keyword part (marked by .a, which only phrases use otherwise). */
	if (!(order = rank_items(d->term, d->terms.n, 0)))
		return NASS_ENOMEM;
	for (i = 0; i < d->terms.n; i++)
		d->term[order[i].id].a = i < top;
	for (i = 0; i < n; i++) {
		const ssent *ss = &d->s[i];
		nass_summary_sentence *o = &out[i];
		double len = 1, minw = NUM(s, SS_MIN_WORDS), kw = 0, ent = 0;

		o->sent_id = d->extra.data + ss->id_off;
		o->text = (ss->text_extra ? d->extra.data : d->text.data) + ss->text_off;
		o->text_len = ss->text_len;
		o->conllu = d->text.data + ss->off;
		o->conllu_len = ss->len;
		o->words = ss->words;
		o->parts[NASS_PART_LEAD] = 1 / (1 + (double)i / NUM(s, SS_LEAD_DECAY));
		o->parts[NASS_PART_POSITION] = 1 - (double)i / (double)n;
		o->parts[NASS_PART_TITLE] = i ? cosine(d, i, 0) : 1;
		/* Distinct top keywords and entities of the sentence. */
		for (j = 0; j < ss->nvec; j++) {
			uint32_t t = d->vid[ss->vec + j];
			if (d->term[t].a)
				kw += d->term[t].score;
		}
		for (j = 0; j < ss->nent; j++) {
			uint32_t e = d->ent[d->entocc[ss->ent + j]].a;
			size_t m;
			for (m = 0; m < j; m++)
				if (d->ent[d->entocc[ss->ent + m]].a == e)
					break;
			if (m == j)
				ent += d->ent[e].count;
		}
		o->parts[NASS_PART_KEYWORDS] = kw;
		o->parts[NASS_PART_ENTITIES] = ent;
		if (minw > 0 && (double)ss->words < minw)
			len = (double)ss->words / minw;
		o->parts[NASS_PART_FRAGMENT] = len;
		o->parts[NASS_PART_LENGTH] = fmin(1, (double)ss->words / NUM(s, SS_FULL_WORDS));
	}
	scale(out, n, NASS_PART_KEYWORDS);
	scale(out, n, NASS_PART_ENTITIES);
	for (i = 0; i < n; i++) {
		const double *p = out[i].parts;
		out[i].score = (NUM(s, SW_CENTRALITY) * p[NASS_PART_CENTRALITY] + NUM(s, SW_LEAD) * p[NASS_PART_LEAD] +
		                NUM(s, SW_POSITION) * p[NASS_PART_POSITION] +
		                NUM(s, SW_TITLE) * p[NASS_PART_TITLE] + NUM(s, SW_ENTITIES) * p[NASS_PART_ENTITIES] +
		                NUM(s, SW_KEYWORDS) * p[NASS_PART_KEYWORDS] + NUM(s, SW_LENGTH) * p[NASS_PART_LENGTH]) *
		               p[NASS_PART_FRAGMENT];
	}
	d->sum.sentences = out;
	d->sum.nsentences = n;
	d->sum.nchosen = choose(s, d, out);
	if (keywords(s, d, order) || entities(d))
		goto out;
	rc = NASS_OK;
out:
	free(order);
	return rc;
}
