/* tag_model.c - reading the data files of `tag` into tables, and the
 * out-of-context analysis of a word: TAG.md section 3 (the initial UPOS,
 * steps 1-12) and the word features of the context rules (4, 6). */
#include "tag_model.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "arabic.h"
#include "error.h"
#include "rules.h"
#include "utf8.h"

const char *const TAG_UPOS[TAG_NUPOS] = {
	"NOUN", "ADP", "PUNCT", "ADJ", "VERB", "PROPN", "PRON", "CCONJ", "PART",
	"ADV", "NUM", "AUX", "DET", "SCONJ", "SYM", "X", "INTJ"};
const char *const NER_TYPE[NER_NTYPES] = {
	"PER", "LOC", "ORG", "MISC", "DATE", "TIME", "MONEY", "PERCENT"};
const char *const RULE_NAME[R_NRULES] = {
	"", "form", "lex", "closed", "form:other", "names", "variant", "stem", "news", "affix",
	"default", "kept"};

enum { T_NOUN = 0, T_PROPN = 5, T_NUM = 10, T_X = 15 };

#define C(f, o) {f, o}
const ctxtemplate UPOS_TEMPLATES[] = {
	{"PREV_TAG", 1, {C(F_T, -1)}},
	{"NEXT_TAG", 1, {C(F_T, 1)}},
	{"PREV2_TAG", 1, {C(F_T, -2)}},
	{"NEXT2_TAG", 1, {C(F_T, 2)}},
	{"PREV_NEXT_TAG", 2, {C(F_T, -1), C(F_T, 1)}},
	{"PREV_PREV2_TAG", 2, {C(F_T, -1), C(F_T, -2)}},
	{"NEXT_NEXT2_TAG", 2, {C(F_T, 1), C(F_T, 2)}},
	{"PREV_WORD", 1, {C(F_W, -1)}},
	{"NEXT_WORD", 1, {C(F_W, 1)}},
	{"PREV2_WORD", 1, {C(F_W, -2)}},
	{"WORD_PREV_TAG", 2, {C(F_W, 0), C(F_T, -1)}},
	{"WORD_NEXT_TAG", 2, {C(F_W, 0), C(F_T, 1)}},
	{"WORD_PREV_WORD", 2, {C(F_W, 0), C(F_W, -1)}},
	{"WORD_NEXT_WORD", 2, {C(F_W, 0), C(F_W, 1)}},
	{"PREV_WORD_NEXT_TAG", 2, {C(F_W, -1), C(F_T, 1)}},
	{"PREV_TAG_NEXT_WORD", 2, {C(F_T, -1), C(F_W, 1)}},
	{"DEF_PREV_TAG", 2, {C(F_D, 0), C(F_T, -1)}},
	{"DEF_PREV_TAG_DEF", 3, {C(F_D, 0), C(F_T, -1), C(F_D, -1)}},
	{"DEF_NEXT_TAG", 2, {C(F_D, 0), C(F_T, 1)}},
	{"SUF_PREV_TAG", 2, {C(F_X, 0), C(F_T, -1)}},
	{"SUF_NEXT_TAG", 2, {C(F_X, 0), C(F_T, 1)}},
	{"SUF_DEF_PREV_TAG_DEF", 4, {C(F_X, 0), C(F_D, 0), C(F_T, -1), C(F_D, -1)}},
};
const size_t UPOS_NTEMPLATES = sizeof UPOS_TEMPLATES / sizeof UPOS_TEMPLATES[0];

const ctxtemplate NER_TEMPLATES[] = {
	{"WORD", 1, {C(F_W, 0)}},
	{"PREV_TAG", 1, {C(F_T, -1)}},
	{"NEXT_TAG", 1, {C(F_T, 1)}},
	{"PREV_WORD", 1, {C(F_W, -1)}},
	{"NEXT_WORD", 1, {C(F_W, 1)}},
	{"PREV2_WORD", 1, {C(F_W, -2)}},
	{"WORD_PREV_TAG", 2, {C(F_W, 0), C(F_T, -1)}},
	{"WORD_NEXT_TAG", 2, {C(F_W, 0), C(F_T, 1)}},
	{"PREV_WORD_HUN", 2, {C(F_W, -1), C(F_H, 0)}},
	{"HUN_PREV_TAG", 2, {C(F_H, 0), C(F_T, -1)}},
	{"HUN_NEXT_TAG", 2, {C(F_H, 0), C(F_T, 1)}},
	{"PREV_TAG_NEXT_TAG", 2, {C(F_T, -1), C(F_T, 1)}},
	{"STEM_PREV_TAG", 2, {C(F_S, 0), C(F_T, -1)}},
	{"PREV_STEM", 1, {C(F_S, -1)}},
	{"PREV_STEM_HUN", 2, {C(F_S, -1), C(F_H, 0)}},
};
const size_t NER_NTEMPLATES = sizeof NER_TEMPLATES / sizeof NER_TEMPLATES[0];
#undef C

/* The UPOS perceptron (TAG.md section 4b; the names as
 * build-tag-data.py's UPOS_PSTATIC and UPOS_PTEMPLATES). */
static const char *const DEF_NAMES[] = {"D", "A", "O"};
static const char *const HCLS_NAMES[] = {"-", "N", "V", "NV"};
static const pattr UPOS_PATTRS[UA_N] = {
	{'I', TAG_NUPOS, TAG_UPOS}, {'D', 3, DEF_NAMES}, {'H', 4, HCLS_NAMES},
	{'K', 0, NULL}, {'X', 0, NULL}, {'L', 0, NULL}, {'P', TAG_NUPOS, TAG_UPOS}, {'C', 0, NULL}};
#define T1(n, a, o) {n, 1, {{a, o}}}
#define T2(n, a, o, b, p) {n, 2, {{a, o}, {b, p}}}
#define T3(n, a, o, b, p, c, q) {n, 3, {{a, o}, {b, p}, {c, q}}}
static const ptemplate UPOS_PTEMPLATES[] = {
	T1("i-1", 'I', -1), T1("i+1", 'I', 1), T1("i-2", 'I', -2), T1("i+2", 'I', 2),
	T2("i-1i", 'I', -1, 'I', 0), T2("ii+1", 'I', 0, 'I', 1), T2("i-1i+1", 'I', -1, 'I', 1),
	T1("w-1", 'K', -1), T1("w+1", 'K', 1), T1("w-2", 'K', -2), T1("w+2", 'K', 2),
	T2("w-1w", 'K', -1, 'K', 0), T2("ww+1", 'K', 0, 'K', 1),
	T3("dd-1", 'D', 0, 'D', -1, 'I', -1), T3("dd+1", 'D', 0, 'D', 1, 'I', 1),
	T2("x-1", 'X', 0, 'I', -1), T2("x+1", 'X', 0, 'I', 1), T2("s1-1", 'L', -1, 'I', 0),
	T1("h-1", 'H', -1), T1("h+1", 'H', 1),
	T1("t-1", 'P', -1), T2("t-2", 'P', -2, 'P', -1), T2("t-1i", 'P', -1, 'I', 0),
	T1("c-1", 'C', -1), T1("c+1", 'C', 1),
};
static const char *const BIO_NAMES[NER_PTAGS] = {
	"O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"};
static const char *const NHUN_NAMES[] = {"O", "N", "V", "-"};
static const pattr NER_PATTRS[NA_NATTRS] = {
	{'N', NER_PTAGS, BIO_NAMES}, {'K', 0, NULL}, {'S', 0, NULL}, {'H', 4, NHUN_NAMES},
	{'U', TAG_NUPOS, TAG_UPOS}, {'P', NER_PTAGS, BIO_NAMES}, {'C', 0, NULL}};
static const ptemplate NER_PTEMPLATES[] = {
	T1("i", 'N', 0), T1("i-1", 'N', -1), T1("i+1", 'N', 1),
	T2("i-1i", 'N', -1, 'N', 0), T2("ii+1", 'N', 0, 'N', 1),
	T1("w-1", 'K', -1), T1("w+1", 'K', 1), T1("w-2", 'K', -2), T1("w+2", 'K', 2),
	T2("w-1w", 'K', -1, 'K', 0), T2("ww+1", 'K', 0, 'K', 1),
	T1("s-1", 'S', -1), T1("s+1", 'S', 1),
	T1("h-1", 'H', -1), T1("h+1", 'H', 1), T3("h-1hh+1", 'H', -1, 'H', 0, 'H', 1),
	T2("hi", 'H', 0, 'N', 0),
	T1("u-1", 'U', -1), T1("u+1", 'U', 1), T2("u-1u", 'U', -1, 'U', 0),
	T2("uu+1", 'U', 0, 'U', 1), T2("ui", 'U', 0, 'N', 0),
	T1("t-1", 'P', -1), T2("t-2", 'P', -2, 'P', -1), T2("t-1w", 'P', -1, 'K', 0),
	T2("t-1i", 'P', -1, 'N', 0), T2("t-1h", 'P', -1, 'H', 0),
	T1("c-1", 'C', -1), T1("c+1", 'C', 1),
};
/* The word-class features: one a column of tag-clusters.tsv. */
#define CL_COLS 4
static const char *const CL_NAMES[CL_COLS] = {"c16", "c64", "c256", "c1024"};
static const char *const NER_PSTATIC[] = {"b", "w", "s", "h", "sh", "s1", "s2", "s3", "p1", "p2", "u", "ur",
                                          "c16", "c64", "c256", "c1024"};
const pspec NER_PSPEC = {
	BIO_NAMES, NER_PTAGS, NER_PATTRS, NA_NATTRS, 'P',
	NER_PTEMPLATES, (int)(sizeof NER_PTEMPLATES / sizeof *NER_PTEMPLATES),
	NER_PSTATIC, (int)(sizeof NER_PSTATIC / sizeof *NER_PSTATIC)};
#undef T1
#undef T2
#undef T3
static const char *const UPOS_PSTATIC[] = {"b", "i", "ir", "a", "h", "w", "s1", "s2", "s3", "p1", "p2", "d",
                                           "c16", "c64", "c256", "c1024"};
const pspec UPOS_PSPEC = {
	TAG_UPOS, TAG_NUPOS, UPOS_PATTRS, UA_N, 'P',
	UPOS_PTEMPLATES, (int)(sizeof UPOS_PTEMPLATES / sizeof *UPOS_PTEMPLATES),
	UPOS_PSTATIC, (int)(sizeof UPOS_PSTATIC / sizeof *UPOS_PSTATIC)};

/* Affix rule keys, most specific first: (use the class, prefix letters,
 * suffix letters); an affix entry counts from this many words. */
static const uint8_t AFFIX_TEMPLATES[][3] = {
	{1, 2, 3}, {1, 0, 3}, {1, 2, 2}, {1, 0, 2}, {1, 2, 1}, {1, 0, 1}, {1, 0, 0},
	{0, 2, 3}, {0, 0, 3}, {0, 2, 2}, {0, 0, 2}, {0, 2, 1}, {0, 0, 1}, {0, 0, 0}};
#define AFFIX_MIN 2

int tag_upos_index_n(const char *s, size_t n)
{
	int i;

	for (i = 0; i < TAG_NUPOS; i++)
		if (strlen(TAG_UPOS[i]) == n && !memcmp(TAG_UPOS[i], s, n))
			return i;
	return -1;
}

int tag_upos_index(const char *s)
{
	return tag_upos_index_n(s, strlen(s));
}

/* B-PER ... I-PERCENT, or O: the BIO code, -1 if none. */
static int bio_index(const char *s, size_t n)
{
	int t;

	if (n == 1 && *s == 'O')
		return 0;
	if (n < 3 || (s[0] != 'B' && s[0] != 'I') || s[1] != '-')
		return -1;
	for (t = 0; t < NER_NTYPES; t++)
		if (strlen(NER_TYPE[t]) == n - 2 && !memcmp(NER_TYPE[t], s + 2, n - 2))
			return s[0] == 'B' ? NER_B(t) : NER_I(t);
	return -1;
}

static int ner_type_index(const char *s, size_t n)
{
	int t;

	for (t = 0; t < NER_NTYPES; t++)
		if (strlen(NER_TYPE[t]) == n && !memcmp(NER_TYPE[t], s, n))
			return t;
	return -1;
}

/* ------------------------------------------------------------ loading */

typedef struct datafile {
	const char *name;
	const char *p, *end;
	char *owned;
	unsigned long line;
	nass_error *err;
} datafile;

static int df_open(datafile *df, const char *name, nass_error *err)
{
	size_t len = 0;

	memset(df, 0, sizeof *df);
	df->name = name;
	df->err = err;
	if (!(df->p = rules_data(name, &len, &df->owned)))
		return error_set(err, NASS_EIO, name, 0, 0, "cannot read: %s", strerror(errno));
	df->end = df->p + len;
	return NASS_OK;
}

/* Room in lx for a key a line of the file, at once. */
static int df_reserve(const datafile *df, lexicon *lx)
{
	return lexicon_reserve(lx, tsv_lines(df->p, df->end), (size_t)(df->end - df->p));
}

static void df_close(datafile *df)
{
	free(df->owned);
	df->owned = NULL;
}

static int df_error(datafile *df, const char *what)
{
	return error_set(df->err, NASS_ERULES, df->name, (int)df->line, 1, "%s", what);
}

/* The next line with at least min fields. */
static int df_next(datafile *df, const char **f, size_t *fl, int min, int max, const char *what)
{
	int k = tsv_next(&df->p, df->end, f, fl, max, &df->line);

	if (k == 0)
		return 0;
	if (k < min) {
		df_error(df, what);
		return -1;
	}
	return k;
}

static int put_u8(uint8_t **arr, size_t *cap, long id, int v)
{
	if (id < 0)
		return NASS_ENOMEM;
	if (array_reserve((void **)arr, cap, (size_t)id + 1, 1))
		return NASS_ENOMEM;
	(*arr)[id] = (uint8_t)v;
	return NASS_OK;
}

/* TAG:n,TAG:n... added to counts[17]. */
static int parse_counts(const char *s, size_t n, uint32_t *counts)
{
	const char *end = s + n;

	while (s < end) {
		const char *comma = memchr(s, ',', (size_t)(end - s)), *e = comma ? comma : end;
		const char *colon = memchr(s, ':', (size_t)(e - s));
		unsigned long c = 0;
		int t;

		if (!colon || colon + 1 == e || (t = tag_upos_index_n(s, (size_t)(colon - s))) < 0)
			return -1;
		for (s = colon + 1; s < e; s++) {
			if (*s < '0' || *s > '9' || c > 100000000)
				return -1;
			c = c * 10 + (unsigned long)(*s - '0');
		}
		counts[t] += (uint32_t)c;
		s = e + (comma != NULL);
	}
	return 0;
}

static int best_of(const uint32_t *counts, uint32_t *total)
{
	int t, best = 0;

	*total = 0;
	for (t = 0; t < TAG_NUPOS; t++) {
		*total += counts[t];
		if (counts[t] > counts[best]) /* ties: the earlier tag */
			best = t;
	}
	return best;
}

/* tag-lexicon.tsv: form -> counts; also summed by key. */
static int load_lexicon(tagmodel *m, datafile *df)
{
	const char *f[2];
	size_t fl[2], cap1 = 0, cap2 = 0, ccap = 0, i, before;
	uint32_t *kc = NULL, c[TAG_NUPOS], total;
	buf key = {0};
	int k, rc = NASS_OK;

	if (df_reserve(df, &m->lexform) || df_reserve(df, &m->lexkey))
		return NASS_ENOMEM;
	while ((k = df_next(df, f, fl, 2, 2, "expected form<TAB>TAG:count,...")) > 0) {
		long id, kid;

		memset(c, 0, sizeof c);
		if (parse_counts(f[1], fl[1], c)) {
			rc = df_error(df, "expected TAG:count,... with UD tags");
			goto out;
		}
		id = lexicon_id(&m->lexform, f[0], fl[0], 1);
		if ((rc = put_u8(&m->lexform_tag, &cap1, id, best_of(c, &total))))
			goto out;
		key.len = 0;
		if ((rc = arabic_key(f[0], fl[0], 1, &key)))
			goto out;
		before = m->lexkey.n;
		kid = lexicon_id(&m->lexkey, key.data, key.len, 1);
		if (kid < 0 || array_reserve((void **)&kc, &ccap, ((size_t)kid + 1) * TAG_NUPOS, sizeof *kc)) {
			rc = NASS_ENOMEM;
			goto out;
		}
		if (m->lexkey.n > before) /* a new key: its counts start at 0 */
			memset(kc + (size_t)kid * TAG_NUPOS, 0, TAG_NUPOS * sizeof *kc);
		for (i = 0; i < TAG_NUPOS; i++)
			kc[(size_t)kid * TAG_NUPOS + i] += c[i];
	}
	if (k < 0) {
		rc = NASS_ERULES;
		goto out;
	}
	if (m->lexkey.n && !(m->lexkey_mask = calloc(m->lexkey.n, sizeof *m->lexkey_mask))) {
		rc = NASS_ENOMEM;
		goto out;
	}
	for (i = 0; i < m->lexkey.n; i++) {
		int t;
		if ((rc = put_u8(&m->lexkey_tag, &cap2, (long)i, best_of(kc + i * TAG_NUPOS, &total))))
			goto out;
		for (t = 0; t < TAG_NUPOS; t++)
			if (10 * (uint64_t)kc[i * TAG_NUPOS + (size_t)t] >= total)
				m->lexkey_mask[i] |= 1u << t;
	}
out:
	free(kc);
	buf_free(&key);
	return rc;
}

/* closed-class.tsv: word -> UPOS, the first line of a word wins. */
static int load_closed(tagmodel *m, datafile *df)
{
	const char *f[2];
	size_t fl[2], cap1 = 0, cap2 = 0;
	buf key = {0};
	int k, pass, rc = NASS_OK;

	while ((k = df_next(df, f, fl, 2, 2, "expected word<TAB>UPOS")) > 0) {
		int t = tag_upos_index_n(f[1], fl[1]);

		if (t < 0) {
			rc = df_error(df, "unknown UPOS (expected one of the 17 UD tags)");
			break;
		}
		for (pass = 0; pass < 2 && !rc; pass++) {
			lexicon *lx = pass ? &m->closedkey : &m->closedform;
			size_t before = lx->n;
			long id;

			key.len = 0;
			if ((rc = arabic_key(f[0], fl[0], pass, &key)))
				break;
			id = lexicon_id(lx, key.data, key.len, 1);
			if (id < 0)
				rc = NASS_ENOMEM;
			else if (lx->n > before)
				rc = put_u8(pass ? &m->closedkey_tag : &m->closedform_tag,
				            pass ? &cap2 : &cap1, id, t);
		}
		if (rc)
			break;
	}
	buf_free(&key);
	return k < 0 ? NASS_ERULES : rc;
}

/* key<TAB>... : a set, or (hun) key -> N/V/NV. */
static int load_keys(lexicon *lx, uint8_t **val, datafile *df, int hun)
{
	const char *f[2];
	size_t fl[2], cap = 0, i;
	int k;

	if (df_reserve(df, lx))
		return NASS_ENOMEM;
	while ((k = df_next(df, f, fl, hun ? 2 : 1, 2, "expected key<TAB>N, V or NV")) > 0) {
		int cls = 0;
		long id;

		for (i = 0; hun && i < fl[1]; i++)
			cls |= f[1][i] == 'N' ? 1 : f[1][i] == 'V' ? 2 : 4;
		if (hun && (!cls || cls > 3))
			return df_error(df, "expected key<TAB>N, V or NV");
		id = lexicon_id(lx, f[0], fl[0], 1);
		if (id < 0 || (val && put_u8(val, &cap, id, cls)))
			return NASS_ENOMEM;
	}
	return k < 0 ? NASS_ERULES : NASS_OK;
}

/* key<TAB>UPOS (tag-news.tsv); the first line of a key wins. */
static int load_tagged(lexicon *lx, uint8_t **tags, datafile *df)
{
	const char *f[2];
	size_t fl[2], cap = 0, before;
	int k;

	if (df_reserve(df, lx))
		return NASS_ENOMEM;
	while ((k = df_next(df, f, fl, 2, 2, "expected key<TAB>UPOS")) > 0) {
		int t = tag_upos_index_n(f[1], fl[1]);
		long id;

		if (t < 0)
			return df_error(df, "unknown UPOS (expected one of the 17 UD tags)");
		before = lx->n;
		if ((id = lexicon_id(lx, f[0], fl[0], 1)) < 0)
			return NASS_ENOMEM;
		if (lx->n > before && put_u8(tags, &cap, id, t))
			return NASS_ENOMEM;
	}
	return k < 0 ? NASS_ERULES : NASS_OK;
}

static int load_affix(tagmodel *m, datafile *df)
{
	const char *f[2];
	size_t fl[2], cap = 0;
	uint32_t c[TAG_NUPOS], total;
	int k;

	while ((k = df_next(df, f, fl, 2, 2, "expected CLASS|PREFIX|SUFFIX<TAB>TAG:count,...")) > 0) {
		int best;

		memset(c, 0, sizeof c);
		if (parse_counts(f[1], fl[1], c))
			return df_error(df, "expected TAG:count,... with UD tags");
		best = best_of(c, &total);
		if (total >= AFFIX_MIN && put_u8(&m->affix_tag, &cap, lexicon_id(&m->affix, f[0], fl[0], 1), best))
			return NASS_ENOMEM;
	}
	return k < 0 ? NASS_ERULES : NASS_OK;
}

/* from<TAB>to<TAB>TEMPLATE<TAB>values... */
static int load_rules(tagmodel *m, datafile *df, ctxrules *rs, int ner)
{
	const ctxtemplate *T = ner ? NER_TEMPLATES : UPOS_TEMPLATES;
	size_t nt = ner ? NER_NTEMPLATES : UPOS_NTEMPLATES, cap = 0, t;
	const char *f[8];
	size_t fl[8];
	int k, i;

	while ((k = df_next(df, f, fl, 4, 8, "expected from<TAB>to<TAB>TEMPLATE<TAB>value...")) > 0) {
		ctxrule r = {0};
		int from = ner ? bio_index(f[0], fl[0]) : tag_upos_index_n(f[0], fl[0]);
		int to = ner ? bio_index(f[1], fl[1]) : tag_upos_index_n(f[1], fl[1]);

		if (from < 0 || to < 0)
			return df_error(df, ner ? "unknown tag (expected O, B-TYPE or I-TYPE with PER, LOC, ORG, MISC, DATE, TIME, MONEY, PERCENT)"
			                        : "unknown UPOS (expected one of the 17 UD tags)");
		for (t = 0; t < nt; t++)
			if (strlen(T[t].name) == fl[2] && !memcmp(T[t].name, f[2], fl[2]))
				break;
		if (t == nt)
			return df_error(df, "unknown template (see rules/tag/TAG.md for the list)");
		if (k - 3 != T[t].ncond)
			return df_error(df, "wrong number of values for the template");
		r.from = (uint8_t)from;
		r.to = (uint8_t)to;
		r.tpl = (uint8_t)t;
		r.line = df->line;
		r.anchor = r.anchor_table = -1;
		r.ncond = (uint8_t)T[t].ncond;
		for (i = 0; i < T[t].ncond; i++) {
			const char *v = f[3 + i];
			size_t vl = fl[3 + i];
			int feat = T[t].cond[i].feat;
			long id;

			r.feat[i] = (int8_t)feat;
			r.off[i] = (int8_t)T[t].cond[i].off;
			if (vl == 3 && !memcmp(v, "<s>", 3)) {
				r.val[i] = BOUND;
				continue;
			}
			switch (feat) {
			case F_T:
				r.val[i] = ner ? bio_index(v, vl) : tag_upos_index_n(v, vl);
				if (r.val[i] < 0)
					return df_error(df, "unknown tag in a value");
				break;
			case F_D: case F_H:
				if (vl != 1)
					return df_error(df, feat == F_D ? "a definiteness value is D, A or O"
					                                : "a hunspell value is N, V, - or O");
				r.val[i] = (unsigned char)*v;
				break;
			default:
				if ((id = lexicon_id(&m->syms, v, vl, 1)) < 0)
					return NASS_ENOMEM;
				r.val[i] = (int32_t)id;
				if (r.anchor < 0) {
					r.anchor = (int8_t)i;
					r.anchor_table = feat == F_W ? 0 : feat == F_X ? 1 : 2;
				}
			}
		}
		if (array_reserve((void **)&rs->v, &cap, rs->n + 1, sizeof *rs->v))
			return NASS_ENOMEM;
		rs->v[rs->n++] = r;
	}
	return k < 0 ? NASS_ERULES : NASS_OK;
}

/* Number of code points of s[0..n). */
static size_t ncp(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

/* A multi-word table (gazetteer, dates): keys joined by spaces -> value,
 * and first key -> the most words an entry has. */
static int add_multi(lexicon *lx, uint8_t **val, size_t *cap, lexicon *first,
                     uint8_t **flen, size_t *fcap, const char *s, size_t n, int v)
{
	const char *sp = memchr(s, ' ', n);
	size_t words = 1, i, before;
	long id, fid;

	for (i = 0; i < n; i++)
		words += s[i] == ' ';
	if (words > 255)
		return NASS_ERULES;
	if ((id = lexicon_id(lx, s, n, 1)) < 0 || put_u8(val, cap, id, v))
		return NASS_ENOMEM;
	before = first->n;
	if ((fid = lexicon_id(first, s, sp ? (size_t)(sp - s) : n, 1)) < 0)
		return NASS_ENOMEM;
	if (first->n > before || (*flen)[fid] < words)
		return put_u8(flen, fcap, fid, (int)words);
	return NASS_OK;
}

/* Keys joined by single spaces (the data files write them so; a date
 * name written as words is keyed here). */
static int key_words(const char *s, size_t n, buf *out)
{
	size_t i = 0;
	int rc;

	out->len = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && s[j] != ' ')
			j++;
		if (j > i) {
			if (out->len && (rc = buf_add(out, " ", 1)))
				return rc;
			if ((rc = arabic_key(s + i, j - i, 1, out)))
				return rc;
		}
		i = j + 1;
	}
	return NASS_OK;
}

static int load_gazetteer(tagmodel *m, datafile *df, int parts)
{
	const char *f[2];
	size_t fl[2], cap = 0, fcap = 0;
	int k, rc;

	while ((k = df_next(df, f, fl, 2, 2, "expected keys<TAB>TYPE...")) > 0) {
		int t = ner_type_index(f[1], fl[1]);
		long id;

		if (t < 0)
			return df_error(df, "unknown entity type (expected PER, LOC, ORG, MISC, DATE, TIME, MONEY or PERCENT)");
		if (parts) {
			if ((id = lexicon_id(&m->parts, f[0], fl[0], 1)) < 0 ||
			    put_u8(&m->part_type, &cap, id, t))
				return NASS_ENOMEM;
		} else if ((rc = add_multi(&m->gaz, &m->gaz_type, &cap, &m->gazfirst,
		                           &m->gazfirst_len, &fcap, f[0], fl[0], t)))
			return rc == NASS_ERULES ? df_error(df, "too many words") : rc;
	}
	return k < 0 ? NASS_ERULES : NASS_OK;
}

static int load_dates(tagmodel *m, datafile *df)
{
	const char *f[2];
	size_t fl[2], cap = 0, fcap = 0;
	buf key = {0};
	int k, rc = NASS_OK;

	while ((k = df_next(df, f, fl, 2, 2, "expected word(s)<TAB>month or weekday")) > 0) {
		int kind = fl[1] == 5 && !memcmp(f[1], "month", 5) ? DATE_MONTH
		           : fl[1] == 7 && !memcmp(f[1], "weekday", 7) ? DATE_WEEKDAY : 0;

		if (!kind) {
			rc = df_error(df, "expected month or weekday");
			break;
		}
		if ((rc = key_words(f[0], fl[0], &key)) ||
		    (rc = add_multi(&m->dates, &m->date_kind, &cap, &m->datefirst, &m->datefirst_len,
		                    &fcap, key.data, key.len, kind))) {
			if (rc == NASS_ERULES)
				rc = df_error(df, "too many words");
			break;
		}
	}
	buf_free(&key);
	return k < 0 ? NASS_ERULES : rc;
}

/* key<TAB>id<TAB>id... (tag-clusters.tsv), searched where it lies: a
 * file read from disk is kept, and must be in byte order. */
static int load_clusters(tagmodel *m, datafile *df)
{
	size_t i, pl = 0;
	const char *prev = NULL;
	int rc;

	if ((rc = table_init(&m->cl_tab, df->p, (size_t)(df->end - df->p))))
		return rc;
	m->cl_owned = df->owned;
	df->owned = NULL;
	for (i = 0; m->cl_owned && i < m->cl_tab.n; i++) {
		const char *s = m->cl_tab.p + m->cl_tab.line[i], *e = m->cl_tab.p + m->cl_tab.line[i + 1];
		const char *tab = memchr(s, '\t', (size_t)(e - s));
		size_t kl = tab ? (size_t)(tab - s) : 0;
		int c = prev ? memcmp(prev, s, pl < kl ? pl : kl) : -1;

		if (!kl || (c > 0 || (!c && pl >= kl))) {
			/* the file's line: the comment lines before the data, then i */
			df->line = i + 1 + tsv_lines(df->p, m->cl_tab.p);
			return df_error(df, kl ? "keys out of byte order (sort the table with LC_ALL=C sort)"
			                       : "expected key<TAB>class<TAB>...");
		}
		prev = s;
		pl = kl;
	}
	return NASS_OK;
}

static int load_file(tagmodel *m, int which, nass_error *err)
{
	const char *name = m->rules->files[which];
	datafile df;
	int rc;

	if (!name)
		return NASS_OK;
	if (which == TG_PERCEP)
		return percep_load(&m->upos_p, &UPOS_PSPEC, name, err);
	if (which == TG_NER_PERCEP)
		return percep_load(&m->ner_p, &NER_PSPEC, name, err);
	if ((rc = df_open(&df, name, err)))
		return rc;
	switch (which) {
	case TG_LEXICON: rc = load_lexicon(m, &df); break;
	case TG_CLOSED: rc = load_closed(m, &df); break;
	case TG_NAMES: rc = load_keys(&m->names, NULL, &df, 0); break;
	case TG_HUNSPELL:
		if (!df.owned) /* built in: sorted, a test checks */
			rc = table_init(&m->hun_tab, df.p, (size_t)(df.end - df.p));
		else
			rc = load_keys(&m->hun, &m->hun_class, &df, 1);
		break;
	case TG_CLUSTERS: rc = load_clusters(m, &df); break;
	case TG_NEWS:
		if (!df.owned)
			rc = table_init(&m->news_tab, df.p, (size_t)(df.end - df.p));
		else
			rc = load_tagged(&m->news, &m->news_tag, &df);
		break;
	case TG_AFFIX: rc = load_affix(m, &df); break;
	case TG_CONTEXT: rc = load_rules(m, &df, &m->upos_rules, 0); break;
	case TG_GAZETTEER: rc = load_gazetteer(m, &df, 0); break;
	case TG_PARTS: rc = load_gazetteer(m, &df, 1); break;
	case TG_NER_CONTEXT: rc = load_rules(m, &df, &m->ner_rules, 1); break;
	case TG_DATES: rc = load_dates(m, &df); break;
	}
	df_close(&df);
	if (rc == NASS_ENOMEM)
		return error_set(err, rc, NULL, 0, 0, "out of memory");
	return rc;
}

/* A list of words (maybe several, space-separated) as keys. */
static int key_list(const strlist *in, keylist *out)
{
	buf k = {0};
	size_t i;

	if (!(out->v = calloc(in->n + 1, sizeof *out->v)) ||
	    !(out->len = calloc(in->n + 1, sizeof *out->len)) ||
	    !(out->cps = calloc(in->n + 1, sizeof *out->cps)))
		return NASS_ENOMEM;
	for (i = 0; i < in->n; i++) {
		if (key_words(in->v[i], strlen(in->v[i]), &k) || buf_add(&k, "", 1) ||
		    !(out->v[out->n] = strdup(k.data))) {
			buf_free(&k);
			return NASS_ENOMEM;
		}
		out->len[out->n] = k.len - 1;
		out->cps[out->n] = ncp(k.data, k.len - 1);
		out->n++;
	}
	buf_free(&k);
	return NASS_OK;
}

static void keylist_free(keylist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	free(l->len);
	free(l->cps);
}

static int key_set(const strlist *in, lexicon *lx)
{
	keylist keys = {0};
	size_t i;
	int rc = key_list(in, &keys);

	for (i = 0; !rc && i < keys.n; i++)
		if (lexicon_id(lx, keys.v[i], keys.len[i], 1) < 0)
			rc = NASS_ENOMEM;
	keylist_free(&keys);
	return rc;
}

int tagmodel_init(tagmodel *m, const tagrules *rules, nass_error *err)
{
	int i, rc;

	memset(m, 0, sizeof *m);
	m->rules = rules;
	for (i = 0; i < TG_NFILES; i++)
		if ((rc = load_file(m, i, err)))
			return rc;
	if (key_list(&rules->lists[TL_PROCLITICS], &m->pro) ||
	    key_list(&rules->lists[TL_ENCLITICS], &m->enc) ||
	    key_list(&rules->lists[TL_NER_PROCLITICS], &m->nerpro) ||
	    key_set(&rules->lists[TL_CURRENCIES], &m->currencies) ||
	    key_set(&rules->lists[TL_SCALES], &m->scales) ||
	    key_set(&rules->lists[TL_PERCENT], &m->percent) ||
	    key_set(&rules->lists[TL_YEAR_WORDS], &m->yearwords) ||
	    key_set(&rules->lists[TL_TIME_WORDS], &m->timewords) ||
	    key_set(&rules->lists[TL_TITLES], &m->titles) ||
	    key_set(&rules->lists[TL_ORG_HEADS], &m->orgheads) ||
	    key_set(&rules->lists[TL_PLACE_NOUNS], &m->placenouns))
		return error_set(err, NASS_ENOMEM, NULL, 0, 0, "out of memory");
	return NASS_OK;
}

void tagmodel_free(tagmodel *m)
{
	lexicon *lx[] = {&m->lexform, &m->lexkey, &m->closedform, &m->closedkey, &m->hun,
	                 &m->names, &m->news, &m->affix, &m->syms, &m->gaz, &m->gazfirst, &m->parts,
	                 &m->dates, &m->datefirst, &m->currencies, &m->percent, &m->yearwords,
	                 &m->scales, &m->timewords, &m->titles, &m->orgheads, &m->placenouns};
	uint8_t *arr[] = {m->lexform_tag, m->lexkey_tag, m->closedform_tag, m->closedkey_tag,
	                  m->hun_class, m->news_tag, m->affix_tag, m->gaz_type, m->gazfirst_len, m->part_type,
	                  m->date_kind, m->datefirst_len};
	size_t i;

	for (i = 0; i < sizeof lx / sizeof *lx; i++)
		lexicon_free(lx[i]);
	table_free(&m->hun_tab);
	table_free(&m->news_tab);
	table_free(&m->cl_tab);
	free(m->cl_owned);
	for (i = 0; i < sizeof arr / sizeof *arr; i++)
		free(arr[i]);
	free(m->upos_rules.v);
	free(m->ner_rules.v);
	free(m->lexkey_mask);
	percep_free(&m->upos_p);
	percep_free(&m->ner_p);
	keylist_free(&m->pro);
	keylist_free(&m->enc);
	keylist_free(&m->nerpro);
	memset(m, 0, sizeof *m);
}

/* ------------------------------------------------------------ one word */

#define STARTS(s, n, lit) ((n) >= sizeof(lit) - 1 && !memcmp((s), (lit), sizeof(lit) - 1))

static int best_in(const lexicon *lx, const uint8_t *tags, const char *s, size_t n)
{
	long id = lexicon_find(lx, s, n);
	return id < 0 ? -1 : tags[id];
}

/* The hunspell class of a key (bit 1: N, bit 2: V), 0 if not listed. */
static int hun_of(const tagmodel *m, const char *k, size_t n)
{
	const char *v;
	size_t vl, i;
	int c = 0;
	long id;

	if (!m->hun_tab.p)
		return (id = lexicon_find(&m->hun, k, n)) >= 0 ? m->hun_class[id] : 0;
	if (!table_find(&m->hun_tab, k, n, &v, &vl))
		return 0;
	for (i = 0; i < vl; i++)
		c |= v[i] == 'N' ? 1 : v[i] == 'V' ? 2 : 0;
	return c;
}

/* Step 10b's tag of a key, -1 if none. */
static int news_of(const tagmodel *m, const char *k, size_t n)
{
	const char *v;
	size_t vl;

	if (!m->news_tab.p)
		return best_in(&m->news, m->news_tag, k, n);
	return table_find(&m->news_tab, k, n, &v, &vl) ? tag_upos_index_n(v, vl) : -1;
}

/* Byte length of the last c code points of s[0..n). */
static size_t tail_bytes(const char *s, size_t n, size_t c)
{
	size_t i = n;

	while (c && i > 0) {
		i--;
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			c--;
	}
	return n - i;
}

/* The spellings a split stem stands for (TAG.md step 8), after k itself:
 * written into v (room for n + 4 bytes each); returns how many. */
static int variants(const char *k, size_t n, size_t kcp, char v[2][520], size_t vl[2])
{
	int nv = 0;
	size_t last;

	if (kcp < 3)
		return 0;
	if (STARTS(k, n, "ل") && !STARTS(k, n, "ال")) {
		memcpy(v[nv], "ا", 2);
		memcpy(v[nv] + 2, k, n);
		vl[nv++] = n + 2;
	}
	last = tail_bytes(k, n, 1);
#define ENDS(lit) (last == sizeof(lit) - 1 && !memcmp(k + n - last, lit, last))
	if (ENDS("ت") || ENDS("ئ") || ENDS("ؤ") || ENDS("ا")) {
		memcpy(v[nv], k, n - last);
		memcpy(v[nv] + n - last, ENDS("ت") ? "ه" : ENDS("ا") ? "ي" : "ء", 2);
		vl[nv++] = n - last + 2;
	} else if (ENDS("و")) {
		memcpy(v[nv], k, n);
		memcpy(v[nv] + n, "ا", 2);
		vl[nv++] = n + 2;
	}
#undef ENDS
	return nv;
}

/* Hunspell class of a key (TAG.md step 11): the union over the key (its
 * own class hk) and its variants, else of the key without ال; 0 if none. */
static int hun_class(const tagmodel *m, int hk, const char *k, size_t n, size_t kcp,
                     char v[2][520], size_t vl[2], int nv)
{
	int c = hk, i;

	for (i = 0; i < nv; i++)
		c |= hun_of(m, v[i], vl[i]);
	if (!c && STARTS(k, n, "ال") && kcp >= 4)
		c = hun_of(m, k + 4, n - 4);
	return c;
}

/* Steps 8-12 for an Arabic word no list knows. */
static void unknown_word(const tagmodel *m, const char *k, size_t n, size_t kcp, int hk, winfo *w)
{
	static const char *const CLS[4] = {"-", "N", "V", "NV"};
	char v[2][520], ak[600];
	size_t vl[2], i;
	int nv, t, c;

	w->upos = T_NOUN;
	w->rule = R_DEFAULT;
	if (n > 512) /* no list holds such a word */
		return;
	nv = variants(k, n, kcp, v, vl);
	for (i = 0; i < (size_t)nv; i++)
		if ((t = best_in(&m->lexkey, m->lexkey_tag, v[i], vl[i])) >= 0) {
			w->upos = (uint8_t)t;
			w->rule = R_VARIANT;
			return;
		}
	for (i = 0; i < m->pro.n; i++) { /* step 9: a proclitic off */
		const char *p = m->pro.v[i];
		size_t pl = m->pro.len[i], pcp = m->pro.cps[i];

		if (n < pl || memcmp(k, p, pl) || kcp - pcp < 2)
			continue;
		t = best_in(&m->lexkey, m->lexkey_tag, k + pl, n - pl);
		if (t < 0 && pl >= 4 && !memcmp(p + pl - 4, "لل", 4)) {
			memcpy(ak, "ال", 4);
			memcpy(ak + 4, k + pl, n - pl);
			t = best_in(&m->lexkey, m->lexkey_tag, ak, n - pl + 4);
		}
		if (t >= 0) {
			w->upos = (uint8_t)t;
			w->rule = R_STEM;
			w->pre = (uint8_t)pcp;
			w->definite = pl >= 4 && (!memcmp(p + pl - 4, "ال", 4) || !memcmp(p + pl - 4, "لل", 4));
			return;
		}
	}
	for (i = 0; i < m->enc.n; i++) { /* step 10: a pronoun off */
		const char *e = m->enc.v[i];
		size_t el = m->enc.len[i], ecp = m->enc.cps[i];

		if (n < el || memcmp(k + n - el, e, el) || kcp - ecp < 2 || STARTS(k, n - el, "ال"))
			continue;
		if ((t = best_in(&m->lexkey, m->lexkey_tag, k, n - el)) >= 0) {
			w->upos = (uint8_t)t;
			w->rule = R_STEM;
			w->suf = (uint8_t)ecp;
			return;
		}
	}
	if ((t = news_of(m, k, n)) >= 0) { /* step 10b */
		w->upos = (uint8_t)t;
		w->rule = R_NEWS;
		return;
	}
	c = hun_class(m, hk, k, n, kcp, v, vl, nv);
	for (i = 0; i < sizeof AFFIX_TEMPLATES / sizeof *AFFIX_TEMPLATES; i++) {
		const uint8_t *a = AFFIX_TEMPLATES[i];
		size_t lp, ls, len;

		if (kcp < (size_t)a[1] + a[2] + 1)
			continue;
		lp = n - tail_bytes(k, n, kcp - a[1]);
		ls = tail_bytes(k, n, a[2]);
		/* CLASS|PREFIX|SUFFIX */
		len = strlen(a[0] ? CLS[c] : "*");
		memcpy(ak, a[0] ? CLS[c] : "*", len);
		ak[len++] = '|';
		memcpy(ak + len, k, lp);
		len += lp;
		ak[len++] = '|';
		memcpy(ak + len, k + n - ls, ls);
		len += ls;
		if ((t = best_in(&m->affix, m->affix_tag, ak, len)) >= 0) {
			w->upos = (uint8_t)t;
			w->rule = R_AFFIX;
			return;
		}
	}
}

/* The word without one NER proclitic (at least 3 letters left): the
 * i-th such stem from *from on, or 0 when there are no more. */
static int ner_stem(const tagmodel *m, const char *k, size_t n, size_t kcp, size_t *from,
                    const char **s, size_t *sn)
{
	for (; *from < m->nerpro.n; ++*from) {
		const char *p = m->nerpro.v[*from];
		size_t pl = m->nerpro.len[*from];

		if (n >= pl && !memcmp(k, p, pl) && kcp - m->nerpro.cps[*from] >= 3) {
			*s = k + pl;
			*sn = n - pl;
			++*from;
			return 1;
		}
	}
	return 0;
}

/* Byte length of the first c code points of s[0..n). */
static size_t head_bytes(const char *s, size_t n, size_t c)
{
	size_t i = 0;

	while (c && i < n) {
		i++;
		while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		c--;
	}
	return i;
}

/* a|bc into out (room for 80 bytes; each part cut at 24 bytes): its length. */
static size_t join3(char *out, const char *a, const char *b, const char *c)
{
	size_t la = strlen(a), lb = strlen(b), lc = strlen(c), n;

	la = la > 24 ? 24 : la;
	lb = lb > 24 ? 24 : lb;
	lc = lc > 24 ? 24 : lc;
	memcpy(out, a, la);
	out[la] = '|';
	memcpy(out + la + 1, b, lb);
	memcpy(out + la + 1 + lb, c, lc);
	n = la + 1 + lb + lc;
	out[n] = 0;
	return n;
}

/* Add the weights of the static feature NAME=a b (b may be empty). */
static void pstatic(const percep *p, int32_t *st, char *fb, const char *name, const char *a,
                    size_t al, const char *b, size_t bl)
{
	size_t nl = strlen(name), len = 0;

	memcpy(fb, name, nl);
	len = nl;
	fb[len++] = '=';
	memcpy(fb + len, a, al);
	len += al;
	memcpy(fb + len, b, bl);
	len += bl;
	percep_add(p, percep_static(p, fb, len), st);
}

/* The class ids in tag-clusters.tsv (TAB-separated, coarsest first) of
 * key k without a NER proclitic, the first listed, in *v, *vl (TAG.md 4c;
 * the key as it is is looked up by the caller); 0 if none. */
static int clusters_stripped(const tagmodel *m, const char *k, size_t kn, size_t kcp,
                             const char **v, size_t *vl)
{
	const char *s;
	size_t sn, from = 0;

	while (ner_stem(m, k, kn, kcp, &from, &s, &sn))
		if (table_find(&m->cl_tab, s, sn, v, vl))
			return 1;
	return 0;
}

/* The static features c16= ... c1024= of the class ids v[0..vl) (each
 * "-" when found is 0), and the finest id, the attribute C, in *fine. */
static void cluster_feats(const tagmodel *m, const percep *p, int32_t *st, char *fb, int found,
                          const char *v, size_t vl, const char **fine, size_t *finel)
{
	const char *end = v + vl;
	int j;

	*fine = NULL;
	*finel = 0;
	if (!m->cl_tab.p)
		return;
	for (j = 0; j < CL_COLS; j++) {
		const char *id = "-", *tab;
		size_t il = 1;
		int here = found && v < end; /* the table has this column */
		if (here) {
			tab = memchr(v, '\t', (size_t)(end - v));
			id = v;
			il = (size_t)((tab ? tab : end) - v);
			v = tab ? tab + 1 : end;
		}
		pstatic(p, st, fb, CL_NAMES[j], id, il, "", 0);
		if (here || !found) { /* the finest column there is */
			*fine = id;
			*finel = il;
		}
	}
}

/* What the UPOS perceptron needs of a word (TAG.md 4b): the class of
 * step 11, the word ids and the sum of the static features' weights. */
static void percep_info(const tagmodel *m, const char *k, size_t kn, size_t kcp, int hk, winfo *w,
                        int32_t *st, int found, const char *cv, size_t cvl)
{
	/* the tags in alphabetical order, for the lexicon class a= */
	static const uint8_t ALPHA[TAG_NUPOS] = {3, 1, 9, 11, 7, 12, 16, 0, 10, 8, 6, 5, 2, 13, 14, 4, 15};
	char v[2][520], fb[1200], cls[200], tr[80];
	size_t vl[2], cl = 0, n;
	const char *tag = TAG_UPOS[w->upos], *rn;
	long id;
	int nv, t;

	if (kn > 512)
		return;
	nv = variants(k, kn, kcp, v, vl);
	w->hcls = (uint8_t)hun_class(m, hk, k, kn, kcp, v, vl, nv);
	{
		const char *val[UA_N] = {0};
		size_t len[UA_N] = {0};
		int32_t pair[UA_N];
		cluster_feats(m, &m->upos_p, st, fb, found, cv, cvl, &val[UA_C], &len[UA_C]);
		val[UA_K] = k;
		len[UA_K] = kn;
		len[UA_X] = tail_bytes(k, kn, 2);
		val[UA_X] = k + kn - len[UA_X];
		len[UA_L] = tail_bytes(k, kn, 1);
		val[UA_L] = k + kn - len[UA_L];
		percep_word(&m->upos_p, val, len, w->pslot, pair);
		w->ppair = pair[UA_K];
	}
	pstatic(&m->upos_p, st, fb, "b", "", 0, "", 0);
	pstatic(&m->upos_p, st, fb, "i", tag, strlen(tag), "", 0);
	rn = w->rule == R_FORM ? m->rules->forms[w->form]->name : RULE_NAME[w->rule];
	n = join3(tr, tag, w->rule == R_FORM ? "form:" : "", rn);
	pstatic(&m->upos_p, st, fb, "ir", tr, n < sizeof tr ? n : sizeof tr - 1, "", 0);
	if ((id = lexicon_find(&m->lexkey, k, kn)) >= 0 && m->lexkey_mask) {
		for (t = 0; t < TAG_NUPOS; t++)
			if (m->lexkey_mask[id] >> ALPHA[t] & 1) {
				if (cl)
					cls[cl++] = '+';
				memcpy(cls + cl, TAG_UPOS[ALPHA[t]], strlen(TAG_UPOS[ALPHA[t]]));
				cl += strlen(TAG_UPOS[ALPHA[t]]);
			}
	} else
		cls[cl++] = '-';
	pstatic(&m->upos_p, st, fb, "a", cls, cl, "", 0);
	n = join3(tr, HCLS_NAMES[w->hcls], "", tag);
	pstatic(&m->upos_p, st, fb, "h", tr, n, "", 0);
	pstatic(&m->upos_p, st, fb, "w", k, kn, "", 0);
	pstatic(&m->upos_p, st, fb, "d", w->d == 'D' ? "D" : w->d == 'A' ? "A" : "O", 1, "", 0);
	if (kcp > 1)
		pstatic(&m->upos_p, st, fb, "s1", k + kn - tail_bytes(k, kn, 1), tail_bytes(k, kn, 1), "", 0);
	if (kcp > 2)
		pstatic(&m->upos_p, st, fb, "s2", k + kn - tail_bytes(k, kn, 2), tail_bytes(k, kn, 2), "", 0);
	if (kcp > 3)
		pstatic(&m->upos_p, st, fb, "s3", k + kn - tail_bytes(k, kn, 3), tail_bytes(k, kn, 3), "", 0);
	if (kcp > 2)
		pstatic(&m->upos_p, st, fb, "p1", k, head_bytes(k, kn, 1), "", 0);
	if (kcp > 3)
		pstatic(&m->upos_p, st, fb, "p2", k, head_bytes(k, kn, 2), "", 0);
}

/* The last 1-3 and first 1-2 letters of a key, as static features. */
static void affix_feats(const percep *p, int32_t *st, char *fb, const char *k, size_t kn, size_t kcp)
{
	if (kcp > 1)
		pstatic(p, st, fb, "s1", k + kn - tail_bytes(k, kn, 1), tail_bytes(k, kn, 1), "", 0);
	if (kcp > 2)
		pstatic(p, st, fb, "s2", k + kn - tail_bytes(k, kn, 2), tail_bytes(k, kn, 2), "", 0);
	if (kcp > 3)
		pstatic(p, st, fb, "s3", k + kn - tail_bytes(k, kn, 3), tail_bytes(k, kn, 3), "", 0);
	if (kcp > 2)
		pstatic(p, st, fb, "p1", k, head_bytes(k, kn, 1), "", 0);
	if (kcp > 3)
		pstatic(p, st, fb, "p2", k, head_bytes(k, kn, 2), "", 0);
}

/* What the NER perceptron needs of a word (TAG.md 6.3b); s: its stem. */
static void ner_percep_info(const tagmodel *m, const char *form, size_t n, const char *k,
                            size_t kn, size_t kcp, const char *s, size_t sn, winfo *w,
                            int32_t *st, int found, const char *cv, size_t cvl)
{
	const percep *p = &m->ner_p;
	const char *val[NA_NATTRS] = {0}, *tag = TAG_UPOS[w->upos], *rn;
	size_t len[NA_NATTRS] = {0}, i;
	int32_t pair[NA_NATTRS];
	char fb[1200], tr[80], sh = 'P';
	int digit = 0, latin = 0;

	if (kn > 512)
		return;
	if (!found && m->cl_tab.p) /* the key as it is was not listed: without a proclitic */
		found = clusters_stripped(m, k, kn, kcp, &cv, &cvl);
	cluster_feats(m, p, st, fb, found, cv, cvl, &val[NA_C], &len[NA_C]);
	val[NA_K] = k;
	len[NA_K] = kn;
	val[NA_S] = s;
	len[NA_S] = sn;
	percep_word(p, val, len, w->nslot, pair);
	w->npair = pair[NA_K];
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)form[i];
		if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
			latin = 1;
		else if ((c >= '0' && c <= '9') ||
		         (i + 1 < n && ((c == 0xD9 && (unsigned char)form[i + 1] >= 0xA0 &&
		                         (unsigned char)form[i + 1] <= 0xA9) ||
		                        (c == 0xDB && (unsigned char)form[i + 1] >= 0xB0 &&
		                         (unsigned char)form[i + 1] <= 0xB9))))
			digit = 1;
	}
	sh = latin ? 'L' : digit ? 'N' : w->arabic ? 'A' : 'P';
	pstatic(p, st, fb, "b", "", 0, "", 0);
	pstatic(p, st, fb, "w", k, kn, "", 0);
	pstatic(p, st, fb, "s", s, sn, "", 0);
	pstatic(p, st, fb, "h", (const char *)&w->h, 1, "", 0);
	pstatic(p, st, fb, "sh", &sh, 1, "", 0);
	affix_feats(p, st, fb, k, kn, kcp);
	pstatic(p, st, fb, "u", tag, strlen(tag), "", 0);
	rn = w->rule == R_FORM ? m->rules->forms[w->form]->name : RULE_NAME[w->rule];
	n = join3(tr, tag, w->rule == R_FORM ? "form:" : "", rn);
	pstatic(p, st, fb, "ur", tr, n < sizeof tr ? n : sizeof tr - 1, "", 0);
}

int tagmodel_word(const tagmodel *m, regex_run *run, const char *form, size_t n,
                  winfo *w, buf *sc)
{
	const char *f, *k, *s, *stem, *cv = NULL;
	size_t kn, kcp, from, sn, x, stemlen, cvl = 0;
	long id;
	int t, c, found, hk;

	memset(w, 0, sizeof *w);
	w->w = w->x = w->s = -1;
	for (x = 0; x < PERCEP_MAXSLOTS; x++)
		w->pslot[x] = w->nslot[x] = -1;
	/* strip(form) then key(form): folding keeps lengths, so the two are
	 * the same size. */
	sc->len = 0;
	if (arabic_key(form, n, 0, sc) || arabic_key(form, n, 1, sc))
		return NASS_ENOMEM;
	kn = sc->len / 2;
	f = sc->data;
	k = sc->data + kn;
	/* most news words have no marks, many no letter to fold: the lemma
	 * and NER then take the form as it is instead of remaking these */
	w->same_strip = kn == n && !memcmp(f, form, n);
	w->same_key = kn == n && !memcmp(k, form, n);
	kcp = ncp(k, kn);
	w->arabic = (uint8_t)arabic_is_word(form, n);
	hk = hun_of(m, k, kn); /* its hunspell class serves steps 11, NER and known */

	/* context features */
	w->w = (int32_t)lexicon_find(&m->syms, k, kn);
	x = tail_bytes(k, kn, 2);
	w->x = (int32_t)lexicon_find(&m->syms, k + kn - x, x);
	w->d = !w->arabic ? 'O' : STARTS(k, kn, "ال") && kcp >= 4 ? 'D' : 'A';

	/* UPOS steps 1-12; a form that is not valid UTF-8 (foreign input)
	 * is not given to the regexes, which require it. */
	for (t = 0; t < (int)m->rules->nforms && utf8_valid(form, n); t++) {
		const tagform *r = m->rules->forms[t];
		if (regex_match_at(r->re, run, form, n, 0) == (long)n) {
			w->upos = (uint8_t)tag_upos_index(r->upos);
			w->rule = R_FORM;
			w->form = (uint8_t)(t < 255 ? t : 255);
			w->number = w->upos == T_NUM;
			break;
		}
	}
	if (w->rule == R_FORM)
		;
	else if ((t = best_in(&m->lexform, m->lexform_tag, f, kn)) >= 0)
		w->upos = (uint8_t)t, w->rule = R_LEX;
	else if ((t = best_in(&m->closedform, m->closedform_tag, f, kn)) >= 0)
		w->upos = (uint8_t)t, w->rule = R_CLOSED;
	else if ((t = best_in(&m->lexkey, m->lexkey_tag, k, kn)) >= 0)
		w->upos = (uint8_t)t, w->rule = R_LEX;
	else if ((t = best_in(&m->closedkey, m->closedkey_tag, k, kn)) >= 0)
		w->upos = (uint8_t)t, w->rule = R_CLOSED;
	else if (!w->arabic)
		w->upos = T_X, w->rule = R_OTHER;
	else if (lexicon_find(&m->names, k, kn) >= 0)
		w->upos = T_PROPN, w->rule = R_NAMES;
	else
		unknown_word(m, k, kn, kcp, hk, w);

	/* NER features: the hunspell class letter, the stem without a
	 * proclitic, the name part, the longest gazetteer entry. */
	c = hk;
	w->s = -1;
	s = k;
	sn = kn;
	for (from = 0; ner_stem(m, k, kn, kcp, &from, &s, &sn);) {
		if (!c)
			c = hun_of(m, s, sn);
		if (w->nstems < sizeof w->stem)
			w->stem[w->nstems++] = (uint8_t)(s - k);
	}
	if (!c && STARTS(k, kn, "ال"))
		c = hun_of(m, k + 4, kn - 4);
	w->h = !w->arabic ? 'O' : c & 1 ? 'N' : c ? 'V' : '-';
	w->s = (int32_t)lexicon_find(&m->syms, s, sn); /* the last stem found, or k */
	stem = s;
	stemlen = sn;
	s = k;
	sn = kn;
	from = 0;
	do {
		if (!w->part && (id = lexicon_find(&m->parts, s, sn)) >= 0)
			w->part = (uint8_t)(m->part_type[id] + 1);
		if ((id = lexicon_find(&m->gazfirst, s, sn)) >= 0 && m->gazfirst_len[id] > w->gazlen)
			w->gazlen = m->gazfirst_len[id];
	} while (ner_stem(m, k, kn, kcp, &from, &s, &sn));
	if (kn > 2 && STARTS(k, kn, "و") && kcp >= 4 &&
	    (id = lexicon_find(&m->parts, k + 2, kn - 2)) >= 0 && m->part_type[id] == NER_PER)
		w->wa_person = 1;
	if ((id = lexicon_find(&m->datefirst, k, kn)) >= 0)
		w->datelen = m->datefirst_len[id];
	if ((id = lexicon_find(&m->dates, k, kn)) >= 0)
		w->datekind = m->date_kind[id];
	w->currency = lexicon_find(&m->currencies, k, kn) >= 0;
	w->yearword = lexicon_find(&m->yearwords, k, kn) >= 0;
	w->timeword = lexicon_find(&m->timewords, k, kn) >= 0;
	/* a trigger word, maybe behind a proclitic (وزير, لوزير) */
	for (from = 0, s = k, sn = kn;;) {
		if (lexicon_find(&m->titles, s, sn) >= 0)
			w->trigger = TRIG_TITLE;
		else if (lexicon_find(&m->orgheads, s, sn) >= 0)
			w->trigger = TRIG_ORG;
		else if (lexicon_find(&m->placenouns, s, sn) >= 0)
			w->trigger = TRIG_PLACE;
		if (w->trigger || !ner_stem(m, k, kn, kcp, &from, &s, &sn))
			break;
	}
	w->lam = kn == 2 && !memcmp(f, "ل", 2);
	w->known = lexicon_find(&m->lexkey, k, kn) >= 0 || lexicon_find(&m->names, k, kn) >= 0 ||
	           hk;
	w->ppair = w->npair = -1;
	/* the word classes of the key as it is serve both perceptrons */
	found = m->cl_tab.p && (m->upos_p.loaded || m->ner_p.loaded) && table_find(&m->cl_tab, k, kn, &cv, &cvl);
	if (m->upos_p.loaded) {
		int32_t st[PERCEP_STRIDE] = {0};
		percep_info(m, k, kn, kcp, hk, w, st, found, cv, cvl);
		memcpy(w->pstat, st, sizeof w->pstat);
	}
	if (m->ner_p.loaded) {
		int32_t st[PERCEP_STRIDE] = {0};
		ner_percep_info(m, form, n, k, kn, kcp, stem, stemlen, w, st, found, cv, cvl);
		memcpy(w->nstat, st, sizeof w->nstat);
	}
	return NASS_OK;
}
