/* summarize_idf.c - the IDF background: the table of document
 * frequencies that rules/summarize/idf.tsv holds (or a user's), loaded in
 * one pass and searched by binary search; with --stream-idf, the counts
 * of the documents read so far (kept by summarize.c) are added. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "rules.h"
#include "summarize_internal.h"

static int keycmp(const char *a, size_t an, const char *b, size_t bn)
{
	int c = memcmp(a, b, an < bn ? an : bn);

	return c ? c : (an > bn) - (an < bn);
}

double summarize_idf(const nass_summarizer *s, const char *key, size_t n)
{
	long id = s->bg.n ? lexicon_find(&s->bg, key, n) : -1;
	double df = id >= 0 ? s->bgdf[id] : 0;
	size_t lo = 0, hi = s->nidf;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct idfent *e = &s->idf[mid];
		int c = keycmp(s->idfbase + e->off, e->len, key, n);

		if (!c) {
			df += e->df;
			break;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}

	/* The document itself counts as one more: with no table, every word
	 * weighs 1 (plain term frequency). */
	return log(((double)s->bgdocs + 2) / (df + 2)) + 1;
}

/* Sort a table whose keys were not in order (a user's): a shell sort,
 * which needs no context pointer outside its arguments (no qsort_r). */
static void sort_idf(struct idfent *v, size_t n, const char *keys)
{
	static const size_t gaps[] = {88573, 29524, 9841, 3280, 1093, 364, 121, 40, 13, 4, 1};
	size_t g, i, j;

	for (g = 0; g < sizeof gaps / sizeof gaps[0]; g++)
		for (i = gaps[g]; i < n; i++) {
			struct idfent t = v[i];
			for (j = i; j >= gaps[g] && keycmp(keys + v[j - gaps[g]].off, v[j - gaps[g]].len,
			                                   keys + t.off, t.len) > 0; j -= gaps[g])
				v[j] = v[j - gaps[g]];
			v[j] = t;
		}
}

/* Load the IDF table.  The built-in one is used where it lies (its keys
 * are folded and in byte order: tests/scripts/summarize-idf.sh checks),
 * so start-up costs one pass over it; a user's table is folded into
 * s->idfkeys, and sorted if it has to be. */
int summarize_load_idf(nass_summarizer *s, const char *name, nass_error *err)
{
	const char *f[2], *p, *end;
	size_t fl[2], len = 0, cap = 0, i, k;
	unsigned long line = 0;
	int n, rc = NASS_OK, sorted = 1;

	if (!(p = rules_data(name, &len, &s->idfowned)))
		return error_set(err, NASS_EIO, name, 0, 0, "cannot read: %s", strerror(errno));
	s->idfbase = s->idfowned ? NULL : p;
	end = p + len;
	/* The one comment that matters: "# documents N". */
	while (p < end && *p == '#') {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!strncmp(p, "# documents ", 12))
			s->bgdocs = strtoull(p + 12, NULL, 10);
		p = nl ? nl + 1 : end;
		line++;
	}
	while ((n = tsv_next(&p, end, f, fl, 2, &line)) > 0) {
		struct idfent *e;
		uint64_t df = 0;

		for (i = 0; n == 2 && i < fl[1] && f[1][i] >= '0' && f[1][i] <= '9' && df < UINT32_MAX; i++)
			df = df * 10 + (uint64_t)(f[1][i] - '0');
		if (n < 2 || !fl[0] || !fl[1] || i != fl[1] || df > UINT32_MAX) {
			rc = error_set(err, NASS_ERULES, name, (int)line, 1, "expected KEY<TAB>DF (a count)");
			break;
		}
		if (array_reserve((void **)&s->idf, &cap, s->nidf + 1, sizeof *s->idf)) {
			rc = error_set(err, NASS_ENOMEM, NULL, 0, 0, "out of memory");
			break;
		}
		e = &s->idf[s->nidf];
		if (s->idfbase) {
			e->off = (uint32_t)(f[0] - s->idfbase);
			e->len = (uint32_t)fl[0];
		} else {
			/* Keys are folded as the words of the text are. */
			if (summarize_word_key(s, f[0], fl[0]) || buf_append(&s->idfkeys, s->key.data, s->key.len)) {
				rc = error_set(err, NASS_ENOMEM, NULL, 0, 0, "out of memory");
				break;
			}
			e->off = (uint32_t)(s->idfkeys.len - s->key.len);
			e->len = (uint32_t)s->key.len;
		}
		e->df = (uint32_t)df;
		s->nidf++;
	}
	if (!rc && s->nidf && !s->bgdocs)
		rc = error_set(err, NASS_ERULES, name, 1, 1, "no '# documents N' line before the table");
	if (!s->idfbase)
		s->idfbase = s->idfkeys.data;
	for (i = 1; !rc && sorted && i < s->nidf; i++)
		if (keycmp(s->idfbase + s->idf[i - 1].off, s->idf[i - 1].len, s->idfbase + s->idf[i].off,
		           s->idf[i].len) >= 0)
			sorted = 0;
	if (rc || sorted)
		return rc;
	/* Out of order, or keys that fold together: sort, and add up the
	 * counts of equal keys (an upper bound of their df). */
	sort_idf(s->idf, s->nidf, s->idfbase);
	for (i = k = 0; i < s->nidf; i++) {
		if (k && !keycmp(s->idfbase + s->idf[k - 1].off, s->idf[k - 1].len, s->idfbase + s->idf[i].off,
		                 s->idf[i].len))
			s->idf[k - 1].df += s->idf[i].df;
		else
			s->idf[k++] = s->idf[i];
	}
	s->nidf = k;
	return NASS_OK;
}
