/* clitics.c - splitting Arabic clitics off written words, as specified in
 * rules/tokenize/CLITICS.md (whose reference implementation is
 * Model.split in rules/tokenize/build-clitic-lexicon.py): every analysis
 * of a small clitic grammar is scored with lexicon evidence and learned
 * weights, and exceptions learned from annotated text come first. */
#include "clitics.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "arabic.h"
#include "hash.h"
#include "lexicon.h"
#include "utf8.h"

/* Words longer than this (in code points) are left whole. */
#define MAXCP 64

/* 12 bytes an entry: 95,000 of them are made at start-up. */
struct lexent {
	uint32_t off;   /* of the key in the lexicon text */
	uint32_t count;
	uint16_t len;
	uint8_t hun;
};

/* A slot of the lexicon's hash table holds the key's hash beside the
 * entry: a probe that meets another key is then refused without reading
 * the entry and its text, in two more places in memory (most of the
 * lexicon's look-ups find nothing, and each cache miss costs). */
struct lexslot {
	uint32_t idx; /* entry + 1, 0 empty */
	uint32_t hash;
};

struct excent {
	const char *key;
	uint32_t len;
	unsigned char pieces[CLITICS_MAX]; /* lengths in base letters */
	int npieces;
};

static const int32_t PRO[15][2] = {
	{0}, {0x0628}, {0x0644}, {0x0643}, {0x0633},
	{0x0648}, {0x0648, 0x0628}, {0x0648, 0x0644}, {0x0648, 0x0643}, {0x0648, 0x0633},
	{0x0641}, {0x0641, 0x0628}, {0x0641, 0x0644}, {0x0641, 0x0643}, {0x0641, 0x0633}};
static const char *const ENC[13] = {
	"", "ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "كن", "ي", "نا", "ني"};
static const int32_t PROLETTER[6] = {0x0648, 0x0641, 0x0628, 0x0644, 0x0643, 0x0633}; /* و ف ب ل ك س */

/* News text repeats its words: the cuts of recent words are kept in a
 * cache, so most words cost one hash and one compare.  32-byte entries
 * (words up to 24 bytes, most of Arabic's), four to a set of two cache
 * lines, kept in order of last use: four ways miss 45% fewer words of
 * ant-news than one (direct-mapped) in the same 4 MB, and a miss costs
 * some 2500 instructions of analysis.  The key is kept as the three
 * words load_key makes of it, to be compared a word at a time. */
#define CACHE_SET_BITS 15
#define CACHE_WAYS 4
#define CACHE_SLOTS (CACHE_WAYS << CACHE_SET_BITS) /* 131072 */
#define CACHE_KEY 24
#define CACHE_ALIGN (2 << 20) /* the cache's alignment: a huge page */
struct cacheent {
	uint64_t key[3];
	unsigned char len, ncuts;
	unsigned char cuts[CLITICS_MAX - 1];
};

struct clitics {
	const char *lexsrc, *excsrc; /* the data texts, hashed on first use */
	size_t lexsrclen, excsrclen;
	int loaded;                  /* 1 built, -1 out of memory */
	unsigned char arabic_class[256];
	struct cacheent *cache;      /* CACHE_SLOTS, aligned to CACHE_ALIGN */
	void *cache_mem;             /* (as allocated) */
	const char *lextext;
	struct lexent *lex;
	struct lexslot *lexslot;
	size_t nlex, lexmask;
	struct excent *exc;
	uint32_t *excslot;
	size_t nexc, excmask;
	double b, h, pp, empty, pro[6], enc[13];
	int32_t enccp[13][4];
	int enclen[13];
};

/* U+0600..U+06FF by the table in cl: 1 letter, 2 mark */
#define is_mark(c) ((c) >= 0x0600 && (c) < 0x0700 && cl->arabic_class[(c) - 0x0600] == 2)
#define is_letter(c) ((c) >= 0x0600 && (c) < 0x0700 && cl->arabic_class[(c) - 0x0600] == 1)

static int is_digit(int32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0x0660 && c <= 0x0669) || (c >= 0x06F0 && c <= 0x06F9);
}

/* The key's folding (arabic_fold), but ة kept when keep_ta is set. */
static int32_t fold(int32_t c, int keep_ta)
{
	return keep_ta && c == 0x0629 ? c : arabic_fold(c);
}

/* ------------------------------------------------------------ loading */

/* Next data line of a TSV text with (at least) nf fields; lines with
 * fewer are passed over. */
static int next_line(const char **p, const char *end, const char **f, size_t *fl, int nf)
{
	unsigned long lineno = 0;
	int k;

	while ((k = tsv_next(p, end, f, fl, nf, &lineno)) && k < nf)
		;
	return k == nf;
}

/* One pass over the lexicon (it is most of the start-up time of
 * --split-clitics): key TAB count TAB flag, a line each. */
static int load_lexicon(clitics *cl, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	/* Entries are about 18 bytes of text; the table is kept at most
	 * three quarters full, small enough to stay in the cache while it
	 * is filled (random writes into a larger one cost milliseconds). */
	size_t size = 1024, cap = 16, i;
	const char *q;

	for (q = text; q < end && (q = memchr(q, '\n', (size_t)(end - q))); q++)
		cap++; /* lines: a bound on the entries */

	cl->lextext = text;
	while (size < cap + cap / 3)
		size *= 2;
	if (!(cl->lex = malloc(cap * sizeof *cl->lex)) || !(cl->lexslot = calloc(size, sizeof *cl->lexslot)))
		return -1;
	cl->lexmask = size - 1;
	while (p < end) {
		const char *k = p, *tab;
		uint32_t count = 0, h = HASH_START; /* hash_bytes() as the key is read */
		struct lexent *e;

		if (*p == '#' || *p == '\n') { /* a comment or an empty line */
			while (p < end && *p++ != '\n')
				;
			continue;
		}
		while (p < end && *p != '\t' && *p != '\n')
			h = HASH_STEP(h, *p++);
		tab = p;
		if (p < end && *p == '\t')
			p++;
		while (p < end && *p >= '0' && *p <= '9')
			count = count * 10 + (uint32_t)(*p++ - '0');
		if (p < end && *p == '\t')
			p++;
		if (cl->nlex == cap) {
			struct lexent *n = realloc(cl->lex, 2 * cap * sizeof *n);
			if (!n)
				return -1;
			cl->lex = n;
			cap *= 2;
			if (size < cap + cap / 3) { /* rehash into a table twice the size */
				struct lexslot *ns = calloc(size * 2, sizeof *ns);
				size_t j;
				if (!ns)
					return -1;
				size *= 2;
				for (j = 0; j < cl->nlex; j++) {
					uint32_t hj = hash_bytes(text + cl->lex[j].off, cl->lex[j].len);
					for (i = hj & (size - 1); ns[i].idx; i = (i + 1) & (size - 1))
						;
					ns[i].idx = (uint32_t)j + 1;
					ns[i].hash = hj;
				}
				free(cl->lexslot);
				cl->lexslot = ns;
				cl->lexmask = size - 1;
			}
		}
		e = &cl->lex[cl->nlex];
		e->off = (uint32_t)(k - text);
		e->len = (uint16_t)(tab - k > 0xFFFF ? 0xFFFF : tab - k);
		e->count = count;
		e->hun = p < end && *p == '1';
		while (p < end && *p++ != '\n')
			;
		for (i = h & cl->lexmask; cl->lexslot[i].idx; i = (i + 1) & cl->lexmask)
			;
		cl->lexslot[i].idx = (uint32_t)++cl->nlex;
		cl->lexslot[i].hash = h;
	}
	return 0;
}

static int load_exceptions(clitics *cl, const char *text, size_t len)
{
	const char *p = text, *end = text + len, *f[2];
	size_t fl[2], n = 0, size = 64, i, k;

	while (next_line(&p, end, f, fl, 2))
		n++;
	while (size < n * 2 + 2)
		size *= 2;
	if (!(cl->exc = calloc(n + 1, sizeof *cl->exc)) || !(cl->excslot = calloc(size, sizeof *cl->excslot)))
		return -1;
	cl->excmask = size - 1;
	for (p = text; next_line(&p, end, f, fl, 2);) {
		struct excent *e = &cl->exc[cl->nexc];
		unsigned piece = 0;

		e->key = f[0];
		e->len = (uint32_t)fl[0];
		/* piece lengths in code points (one per base letter) */
		for (k = 0; k < fl[1]; k++) {
			unsigned char c = (unsigned char)f[1][k];
			if (c == '+') {
				if (e->npieces < CLITICS_MAX - 1)
					e->pieces[e->npieces++] = (unsigned char)piece;
				piece = 0;
			} else if ((c & 0xC0) != 0x80) {
				piece++;
			}
		}
		e->pieces[e->npieces++] = (unsigned char)piece;
		for (i = hash_bytes(e->key, e->len) & cl->excmask; cl->excslot[i]; i = (i + 1) & cl->excmask)
			;
		cl->excslot[i] = (uint32_t)++cl->nexc;
	}
	return 0;
}

static void load_weights(clitics *cl, const char *text, size_t len)
{
	const char *p = text, *end = text + len, *f[2];
	size_t fl[2], k;
	char name[32], val[32];

	while (next_line(&p, end, f, fl, 2)) {
		double w;
		if (fl[0] >= sizeof name || fl[1] >= sizeof val)
			continue;
		memcpy(name, f[0], fl[0]);
		name[fl[0]] = 0;
		memcpy(val, f[1], fl[1]);
		val[fl[1]] = 0;
		w = strtod(val, NULL);
		if (!strcmp(name, "b"))
			cl->b = w;
		else if (!strcmp(name, "h"))
			cl->h = w;
		else if (!strcmp(name, "PP"))
			cl->pp = w;
		else if (!strcmp(name, "empty"))
			cl->empty = w;
		else if (name[0] == 'P') {
			int32_t cp;
			int bad;
			utf8_decode((const unsigned char *)name + 1, strlen(name + 1), &cp, &bad);
			for (k = 0; k < 6; k++)
				if (PROLETTER[k] == cp)
					cl->pro[k] = w;
		} else if (name[0] == 'E') {
			for (k = 1; k < 13; k++)
				if (!strcmp(name + 1, ENC[k]))
					cl->enc[k] = w;
		}
	}
}

clitics *clitics_new(const char *lexicon, size_t lexlen, const char *weights,
                     size_t wlen, const char *exceptions, size_t elen)
{
	clitics *cl = calloc(1, sizeof *cl);
	size_t k;

	if (!cl ||
	    !(cl->cache_mem = calloc(CACHE_SLOTS + CACHE_ALIGN / sizeof *cl->cache, sizeof *cl->cache))) {
		free(cl);
		return NULL;
	}
	/* a set in two whole cache lines, not astride three; the whole in
	 * huge pages where the system gives them on asking (Linux): the
	 * cache is looked at in random places, and with 4 KB pages a
	 * look-up waited for the page tables as well as for the entry */
	cl->cache = (struct cacheent *)(void *)(((uintptr_t)cl->cache_mem + CACHE_ALIGN - 1) &
	                                        ~(uintptr_t)(CACHE_ALIGN - 1));
#ifdef MADV_HUGEPAGE
	madvise(cl->cache, CACHE_SLOTS * sizeof *cl->cache, MADV_HUGEPAGE);
#endif
	for (k = 0; k < 256; k++)
		cl->arabic_class[k] = arabic_is_letter(0x0600 + (int32_t)k) ? 1
		                  : arabic_is_mark(0x0600 + (int32_t)k) ? 2 : 0;
	for (k = 0; k < 13; k++) {
		const unsigned char *s = (const unsigned char *)ENC[k];
		size_t i = 0, n = strlen(ENC[k]), m;
		int bad;
		while (i < n) {
			m = utf8_decode(s + i, n - i, &cl->enccp[k][cl->enclen[k]], &bad);
			cl->enclen[k]++;
			i += m;
		}
	}
	load_weights(cl, weights ? weights : "", wlen);
	/* The lexicon is hashed when the first word needs it: most of the
	 * start-up cost, not paid by a run that splits nothing. */
	cl->lexsrc = lexicon ? lexicon : "";
	cl->lexsrclen = lexicon ? lexlen : 0;
	cl->excsrc = exceptions ? exceptions : "";
	cl->excsrclen = exceptions ? elen : 0;
	return cl;
}

/* Build the lexicon and exception tables, once; 0 or -1 (memory). */
static int load_tables(clitics *cl)
{
	if (cl->loaded)
		return cl->loaded > 0 ? 0 : -1;
	if (load_lexicon(cl, cl->lexsrc, cl->lexsrclen) ||
	    load_exceptions(cl, cl->excsrc, cl->excsrclen)) {
		cl->loaded = -1;
		return -1;
	}
	cl->loaded = 1;
	return 0;
}

void clitics_free(clitics *cl)
{
	if (!cl)
		return;
	free(cl->cache_mem);
	free(cl->lex);
	free(cl->lexslot);
	free(cl->exc);
	free(cl->excslot);
	free(cl);
}

/* ------------------------------------------------------------ lookups */

static const struct lexent *lex_find(const clitics *cl, const char *k, size_t n)
{
	uint32_t h = hash_bytes(k, n);
	size_t i;

	for (i = h & cl->lexmask; cl->lexslot[i].idx; i = (i + 1) & cl->lexmask) {
		const struct lexent *e;
		if (cl->lexslot[i].hash != h)
			continue;
		e = &cl->lex[cl->lexslot[i].idx - 1];
		if (e->len == n && !memcmp(cl->lextext + e->off, k, n))
			return e;
	}
	return NULL;
}

static const struct excent *exc_find(const clitics *cl, const char *k, size_t n)
{
	size_t i;

	if (!cl->nexc)
		return NULL;
	for (i = hash_bytes(k, n) & cl->excmask; cl->excslot[i]; i = (i + 1) & cl->excmask) {
		const struct excent *e = &cl->exc[cl->excslot[i] - 1];
		if (e->len == n && !memcmp(e->key, k, n))
			return e;
	}
	return NULL;
}

/* UTF-8 of code points, inline for the two-byte ones (all of an Arabic
 * core's: a call a letter was a tenth of the analysis). */
static size_t enc_utf8(const int32_t *c, size_t n, char *out)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		if (c[i] >= 0x80 && c[i] < 0x800) {
			out[k++] = (char)(0xC0 | c[i] >> 6);
			out[k++] = (char)(0x80 | (c[i] & 0x3F));
		} else {
			k += utf8_encode(c[i], out + k);
		}
	}
	return k;
}

/* Count and hunspell flag of the best of a stem's lookup keys.  key is
 * the stem's key in UTF-8: two bytes a letter, as every folded letter is
 * in U+0600..U+07FF. */
static void features(const clitics *cl, const char *key, size_t n, int prefix_alef,
                     int variants, int32_t last_raw, uint32_t *count, int *hun)
{
	char tmp[2 * MAXCP + 4];
	const struct lexent *e;

	*count = 0;
	*hun = 0;
#define TRY(k, len)                                                  \
	do {                                                         \
		if ((e = lex_find(cl, k, len))) {                    \
			if (e->count > *count)                       \
				*count = e->count;                   \
			*hun |= e->hun;                              \
		}                                                    \
	} while (0)
	if (prefix_alef) { /* ل + لسلطة is ل + السلطة */
		memcpy(tmp, "\xD8\xA7", 2);
		memcpy(tmp + 2, key, n);
		TRY(tmp, n + 2);
	}
	TRY(key, n);
	if (variants) {
		memcpy(tmp, key, n);
		if (last_raw == 0x062A) { /* مدرست+ه: مدرسة (key ه) */
			memcpy(tmp + n - 2, "\xD9\x87", 2);
			TRY(tmp, n);
		}
		if (last_raw == 0x0626 || last_raw == 0x0624) { /* لقائ+ه: لقاء */
			memcpy(tmp + n - 2, "\xD8\xA1", 2);
			TRY(tmp, n);
		}
		if (last_raw == 0x0627) { /* شكوا+ها: شكوى (key ي) */
			memcpy(tmp + n - 2, "\xD9\x8A", 2);
			TRY(tmp, n);
		}
		if (last_raw == 0x0648) { /* أمدو+ها: أمدوا */
			memcpy(tmp, key, n);
			memcpy(tmp + n, "\xD8\xA7", 2);
			TRY(tmp, n + 2);
		}
	}
#undef TRY
}

/* The cuts (in base letters, 1..n-1) of the best analysis of letters L
 * (raw) with keys K; returns how many. */
static int best_cuts(const clitics *cl, const int32_t *L, const char *K, int n, int *cuts)
{
	double best = 0;
	int p, e, have = 0, nbest = 0, bestcuts[4] = {0, 0, 0, 0};

	for (p = 0; p < 15; p++) {
		int pl = PRO[p][0] ? (PRO[p][1] ? 2 : 1) : 0;
		if (pl > n || (pl >= 1 && L[0] != PRO[p][0]) || (pl == 2 && L[1] != PRO[p][1]))
			continue;
		for (e = 0; e < 13; e++) {
			int el = cl->enclen[e] * (e > 0), a = pl, b, m, k, nc = 0, c[4], hun;
			uint32_t count;
			double score;

			if (el > n)
				continue;
			for (k = 0; k < el; k++)
				if (L[n - el + k] != cl->enccp[e][k])
					break;
			if (k < el)
				continue;
			b = n - el;
			if (b < a)
				continue;
			m = b - a;
			for (k = 1; k <= pl; k++)
				c[nc++] = k;
			if (m == 0) {
				int32_t lastp = pl ? PRO[p][pl - 1] : 0;
				if (!(pl && (lastp == 0x0628 || lastp == 0x0644) && el))
					continue;
				count = 0;
				hun = 1;
			} else {
				if (m < 2)
					continue;
				if (pl && PRO[p][pl - 1] == 0x0633 && L[a] != 0x064A && L[a] != 0x062A &&
				    L[a] != 0x0646 && L[a] != 0x0623)
					continue;
				if (el && L[a] == 0x0627 && L[a + 1] == 0x0644)
					continue;
				features(cl, K + 2 * a, 2 * (size_t)m,
				         pl && PRO[p][pl - 1] == 0x0644 && L[a] == 0x0644,
				         el > 0, L[b - 1], &count, &hun);
				if (el)
					c[nc++] = b;
			}
			score = cl->b * log(1.0 + count) + cl->h * hun;
			for (k = 0; k < pl; k++) {
				int q;
				for (q = 0; q < 6; q++)
					if (PROLETTER[q] == PRO[p][k])
						score += cl->pro[q];
			}
			if (pl == 2)
				score += cl->pp;
			if (el)
				score += cl->enc[e];
			if (m == 0)
				score += cl->empty;
			if (!have || score > best || (score == best && nc < nbest)) {
				have = 1;
				best = score;
				nbest = nc;
				memcpy(bestcuts, c, sizeof c);
			}
		}
	}
	memcpy(cuts, bestcuts, sizeof bestcuts);
	return nbest;
}

/* ------------------------------------------------------------ splitting */

static void add_cut(size_t *cuts, size_t *n, size_t at, size_t len)
{
	size_t i;

	if (at == 0 || at >= len)
		return;
	for (i = 0; i < *n; i++)
		if (cuts[i] == at)
			return;
	if (*n < CLITICS_MAX - 1)
		cuts[(*n)++] = at;
}

/* Split one all-Arabic core cp[i..j) (offsets off[] in bytes); add its
 * cuts, in bytes. */
static void split_core(const clitics *cl, const int32_t *cp, const size_t *off, size_t i,
                       size_t j, size_t nbytes, size_t *cuts, size_t *ncuts)
{
	int32_t L[MAXCP], K[MAXCP];
	size_t ends[MAXCP]; /* after base letter k (with its marks): cp index */
	int n = 0, c[CLITICS_MAX], nc = 0, k;
	size_t q;
	char kb[4 * MAXCP];
	const struct excent *ex;

	for (q = i; q < j; q++) {
		if (is_mark(cp[q]) && n) {
			ends[n - 1] = q + 1;
			continue;
		}
		L[n] = cp[q];
		ends[n] = q + 1;
		n++;
	}
	if (n < 2)
		return;
	/* exception key: marks dropped, folded but ة kept */
	for (k = 0; k < n; k++)
		K[k] = fold(L[k], 1);
	if ((ex = exc_find(cl, kb, enc_utf8(K, (size_t)n, kb)))) {
		int at = 0;
		for (k = 0; k + 1 < ex->npieces; k++) {
			at += ex->pieces[k];
			if (at > 0 && at < n)
				c[nc++] = at;
		}
	} else {
		for (k = 0; k < n; k++) /* the key, two bytes a letter */
			K[k] = fold(L[k], 0);
		enc_utf8(K, (size_t)n, kb);
		nc = best_cuts(cl, L, kb, n, c);
	}
	for (k = 0; k < nc; k++) {
		size_t at = ends[c[k] - 1], t; /* a cut in code points */

		add_cut(cuts, ncuts, off[at], nbytes);
		/* tatweel beside a clitic cut is a piece: وـربما → و + ـ + ربما */
		for (t = at; t > i && cp[t - 1] == 0x0640; t--)
			;
		if (t < at)
			add_cut(cuts, ncuts, off[t], nbytes);
		for (t = at; t < j && cp[t] == 0x0640; t++)
			;
		if (t > at && t < j)
			add_cut(cuts, ncuts, off[t], nbytes);
	}
}

static size_t split_word(const clitics *cl, const char *s, size_t n, size_t *cuts);

/* The bytes s[0..n) (n <= 24) as three words, to hash and compare keys
 * of one length a word at a time: 8-byte pieces from the start, the
 * last one ending at s + n (overlapping the one before), or in a key
 * shorter than 8 its bytes in two overlapping halves.  Nothing past
 * s + n is read. */
static void load_key(const char *s, size_t n, uint64_t w[3])
{
	uint32_t a, b;

	w[1] = w[2] = 0;
	if (n >= 8) {
		memcpy(&w[0], s, 8);
		if (n > 16) {
			memcpy(&w[1], s + 8, 8);
			memcpy(&w[2], s + n - 8, 8);
		} else if (n > 8) {
			memcpy(&w[1], s + n - 8, 8);
		}
	} else if (n >= 4) {
		memcpy(&a, s, 4);
		memcpy(&b, s + n - 4, 4);
		w[0] = a | (uint64_t)b << 32;
	} else {
		w[0] = (unsigned char)s[0] | (unsigned)(unsigned char)s[n / 2] << 8 |
		       (unsigned)(unsigned char)s[n - 1] << 16;
	}
}

/* The cache set of a key: a multiply a word, the three at once, and the
 * set taken from the top bits of the sum (which all the key's bits reach:
 * as few misses as with FNV on ant-news); not FNV's multiply a byte one
 * after the other (a fifth of a cached word's cost). */
static struct cacheent *cache_set(const clitics *cl, const uint64_t w[3], size_t n)
{
	uint64_t h = (w[0] ^ n) * 0x9E3779B97F4A7C15u + w[1] * 0xBF58476D1CE4E5B9u +
	             w[2] * 0x94D049BB133111EBu;

	return &cl->cache[(size_t)(h >> (64 - CACHE_SET_BITS)) * CACHE_WAYS];
}

size_t clitics_split(clitics *cl, const char *s, size_t n, size_t *cuts)
{
	struct cacheent *set, e;
	uint64_t w[3];
	size_t k, pieces, way;

	if (n > CACHE_KEY)
		return load_tables(cl) ? 0 : split_word(cl, s, n, cuts);
	load_key(s, n, w);
	set = cache_set(cl, w, n);
	for (way = 0; way < CACHE_WAYS; way++) {
		const struct cacheent *c = &set[way];
		if (c->len == n && c->key[0] == w[0] && c->key[1] == w[1] && c->key[2] == w[2])
			break;
	}
	if (way < CACHE_WAYS) {
		for (k = 0; k < set[way].ncuts; k++)
			cuts[k] = set[way].cuts[k];
		pieces = (size_t)set[way].ncuts + 1;
		if (!way) /* (already the most recently used) */
			return pieces;
		e = set[way];
	} else {
		if (load_tables(cl))
			return 0;
		pieces = split_word(cl, s, n, cuts);
		memset(&e, 0, sizeof e);
		memcpy(e.key, w, sizeof e.key);
		e.len = (unsigned char)n;
		e.ncuts = (unsigned char)(pieces - 1);
		for (k = 0; k + 1 < pieces; k++)
			e.cuts[k] = (unsigned char)cuts[k];
		way = CACHE_WAYS - 1; /* the least recently used goes */
	}
	for (; way > 0; way--) /* e is now the most recently used */
		set[way] = set[way - 1];
	set[0] = e;
	return pieces;
}

static size_t split_word(const clitics *cl, const char *s, size_t n, size_t *cuts)
{
	int32_t cp[MAXCP + 1];
	size_t off[MAXCP + 2], m = 0, i = 0, k, ncuts = 0, a, b;
	unsigned char ar[MAXCP], dg[MAXCP]; /* Arabic letter or mark; digit */
	int bad;

	while (i < n) {
		if (m == MAXCP)
			return 1;
		off[m] = i;
		if ((unsigned char)s[i] >= 0xC2 && (unsigned char)s[i] < 0xE0 && i + 1 < n &&
		    ((unsigned char)s[i + 1] & 0xC0) == 0x80) { /* (inline: most of them) */
			cp[m] = ((unsigned char)s[i] & 0x1F) << 6 | ((unsigned char)s[i + 1] & 0x3F);
			k = 2;
		} else {
			k = utf8_decode((const unsigned char *)s + i, n - i, &cp[m], &bad);
		}
		ar[m] = is_letter(cp[m]) || is_mark(cp[m]); /* (once each) */
		dg[m] = is_digit(cp[m]);
		i += k ? k : 1;
		m++;
	}
	off[m] = n;
	/* Script cuts: between Arabic and a digit, either way. */
	for (k = 1; k < m; k++)
		if ((ar[k - 1] && dg[k]) || (dg[k - 1] && ar[k]))
			add_cut(cuts, &ncuts, off[k], n);
	/* Each all-Arabic segment between them. */
	for (a = 0; a < m; a = b) {
		size_t ci, cj, q;
		int arabic = 1;

		for (b = a + 1; b < m; b++)
			if ((ar[b - 1] && dg[b]) || (dg[b - 1] && ar[b]))
				break;
		for (q = a; q < b; q++)
			if (!ar[q])
				arabic = 0;
		if (!arabic)
			continue;
		ci = a;
		cj = b;
		while (ci < b && cp[ci] == 0x0640)
			ci++;
		while (cj > ci && cp[cj - 1] == 0x0640)
			cj--;
		if (a == 0 && ci < b) /* ـلا → ـ + لا */
			add_cut(cuts, &ncuts, off[ci], n);
		if (b == m && cj > a) /* فقطـ → فقط + ـ */
			add_cut(cuts, &ncuts, off[cj], n);
		if (a != 0)
			ci = a;
		if (b != m)
			cj = b;
		if (cj > ci)
			split_core(cl, cp, off, ci, cj, n, cuts, &ncuts);
	}
	for (k = 1; k < ncuts; k++) { /* (at most five: no qsort) */
		size_t v = cuts[k], q = k;
		for (; q > 0 && cuts[q - 1] > v; q--)
			cuts[q] = cuts[q - 1];
		cuts[q] = v;
	}
	return ncuts + 1;
}
