/* fuzz_normalize.c - libFuzzer target for the streaming normalizer.
 *
 * Input layout: byte 0 picks the configuration (low 3 bits: rules, profile,
 * add, remove) and the chunking pattern (high 5 bits); the rest is the
 * text.  The text is normalized twice, on two normalizers kept from one
 * input to the next (so each input is also a later document):
 *   A  one shot;
 *   B  fed in chunks of the chosen pattern.
 * Invariants checked (a failure prints why and aborts):
 *   - _next returns NASS_OK with a non-empty piece or NASS_AGAIN, never an
 *     error, and _feed is never refused;
 *   - the output is valid UTF-8 (shortest form, no surrogates);
 *   - the output has as many LF as the input (normalize is line for line:
 *     CR LF becomes LF, a lone CR is a space or kept, never a line end);
 *   - B equals A, and so do their invalid-byte counts and offsets, which
 *     equal those of an independent decoder (on a mismatch both are run
 *     again on fresh normalizers, to tell a chunking bug from state left
 *     over from an earlier document);
 *   - no U+FFFD appears unless the input had invalid bytes or U+FFFD;
 *   - with a regex step, every piece but a document's last ends at a
 *     newline (nass.h: a regex step sees whole lines);
 *   - where the profile ends in the spaces step: no tab, CR, doubled
 *     space, or space at the start or end of a line.
 * The same file is linked with replay.c to replay a corpus without
 * libFuzzer (make check). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nass.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Extra rules with regex steps, loaded over the defaults as `normalize -r`
 * would: they put the normalizer in line mode. */
static const char regex_rules[] =
	"nass: 1\n"
	"kind: normalize\n"
	"steps:\n"
	"  squeeze:\n"
	"    description: a letter repeated three times or more is written twice\n"
	"    regex:\n"
	"      - pattern: '(\\p{L})\\1{2,}'\n"
	"        replace: '$1$1'\n"
	"  urls:\n"
	"    description: URLs become a placeholder; trailing space goes\n"
	"    regex:\n"
	"      - pattern: '\\bhttps?://\\S+'\n"
	"        replace: '<url>'\n"
	"      - pattern: '\\s+$'\n"
	"        replace: ''\n"
	"  swap:\n"
	"    description: swap the first two words\n"
	"    regex:\n"
	"      - pattern: '^(\\w+)\\s+(\\w+)'\n"
	"        replace: '${2} ${1}'\n"
	"profiles:\n"
	"  regex-first: [squeeze, nfkc, controls, spaces, tatweel, urls]\n"
	"  regex-mid: [nfc, squeeze, casefold, urls, spaces, diacritics]\n"
	"  regex-last: [default, diacritics, swap, squeeze]\n";

struct config {
	int regex;           /* load regex_rules over the defaults */
	const char *profile; /* NULL: "default" */
	const char *add, *remove;
	int spaces_last;     /* the last stage holds the spaces step */
};

static const struct config configs[8] = {
	{0, "default", NULL, NULL, 1},
	{0, "search", NULL, NULL, 1},
	{0, "default", NULL, "spaces", 0},          /* CR and tabs kept */
	{0, NULL, "nfc,diacritics,casefold,digits-arabic", "nfkc", 1},
	{1, "regex-first", NULL, NULL, 0},
	{1, "regex-mid", NULL, NULL, 1},
	{0, "search", "persian", "casefold,spaces", 0},
	{1, "regex-last", NULL, NULL, 0},
};

static nass_rules *rules[2];

static void fail(const char *what, const struct config *c, int pattern)
{
	fprintf(stderr, "fuzz_normalize: %s (profile %s, add %s, remove %s, chunk pattern %d)\n",
	        what, c->profile ? c->profile : "(default)", c->add ? c->add : "-",
	        c->remove ? c->remove : "-", pattern);
	abort();
}

static void load_rules(void)
{
	nass_error err;
	int i;

	if (rules[0])
		return;
	for (i = 0; i < 2; i++) {
		if (!(rules[i] = nass_rules_new()) ||
		    nass_rules_load_default(rules[i], "normalize", &err)) {
			fprintf(stderr, "fuzz_normalize: cannot load the default rules\n");
			abort();
		}
	}
	if (nass_rules_load_string(rules[1], "fuzz-regex.yaml", regex_rules,
	                           sizeof regex_rules - 1, &err)) {
		fprintf(stderr, "fuzz_normalize: fuzz-regex.yaml:%d:%d: %s\n", err.line,
		        err.column, err.message);
		abort();
	}
}

/* ------------------------------------------------------------ helpers */

typedef struct {
	char *data;
	size_t len, cap;
} obuf;

static void obuf_add(obuf *b, const char *s, size_t n)
{
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->len + n)
			cap *= 2;
		if (!(b->data = realloc(b->data, cap)))
			abort();
		b->cap = cap;
	}
	memcpy(b->data + b->len, s, n);
	b->len += n;
}

/* The length of the valid UTF-8 sequence at s, or 0 if the byte at s does
 * not start one (written apart from lib/utf8.c on purpose). */
static size_t seq_len(const unsigned char *s, size_t n)
{
	unsigned char b = s[0], lo = 0x80, hi = 0xBF;
	size_t len, i;

	if (b < 0x80)
		return 1;
	if (b >= 0xC2 && b <= 0xDF)
		len = 2;
	else if (b >= 0xE0 && b <= 0xEF)
		len = 3;
	else if (b >= 0xF0 && b <= 0xF4)
		len = 4;
	else
		return 0;
	if (b == 0xE0)
		lo = 0xA0;
	else if (b == 0xED)
		hi = 0x9F;
	else if (b == 0xF0)
		lo = 0x90;
	else if (b == 0xF4)
		hi = 0x8F;
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	return len;
}

/* Count the bytes that are not part of a valid sequence; *first gets the
 * offset of the first (0 if none). */
static unsigned long long count_invalid(const unsigned char *s, size_t n,
                                        unsigned long long *first)
{
	unsigned long long bad = 0;
	size_t i = 0, k;

	*first = 0;
	while (i < n) {
		if ((k = seq_len(s + i, n - i))) {
			i += k;
			continue;
		}
		if (!bad++)
			*first = i;
		i++;
	}
	return bad;
}

static size_t count_byte(const char *s, size_t n, char c)
{
	size_t k = 0, i;

	for (i = 0; i < n; i++)
		k += s[i] == c;
	return k;
}

static int has_fffd(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i + 2 < n; i++)
		if ((unsigned char)s[i] == 0xEF && (unsigned char)s[i + 1] == 0xBF &&
		    (unsigned char)s[i + 2] == 0xBD)
			return 1;
	return 0;
}

static void on_diag(void *ctx, const char *message)
{
	if (!message || !*message)
		abort();
	++*(int *)ctx;
}

/* ------------------------------------------------------------- running */

struct run {
	obuf out;
	unsigned long long invalid, first;
	int warnings;
	int whole_lines; /* a regex step: pieces end at newlines */
	int open;        /* the last piece ended inside a line */
};

static void drain(nass_normalizer *nz, struct run *r, const struct config *c, int pattern)
{
	const char *p;
	size_t n;
	int rc;

	while ((rc = nass_normalizer_next(nz, &p, &n)) == NASS_OK) {
		if (!p || !n)
			fail("_next returned NASS_OK with an empty piece", c, pattern);
		if (r->whole_lines && r->open)
			fail("with a regex step, a piece other than a document's last ends inside a line",
			     c, pattern);
		r->open = p[n - 1] != '\n';
		obuf_add(&r->out, p, n);
	}
	if (rc != NASS_AGAIN) {
		char msg[128];
		snprintf(msg, sizeof msg, "_next returned %d (%s)", rc, nass_strerror(rc));
		fail(msg, c, pattern);
	}
}

static void feed(nass_normalizer *nz, const uint8_t *s, size_t n, struct run *r,
                 const struct config *c, int pattern)
{
	if (nass_normalizer_feed(nz, (const char *)s, n) != NASS_OK)
		fail("_feed refused input after _next returned NASS_AGAIN", c, pattern);
	drain(nz, r, c, pattern);
}

static void finish(nass_normalizer *nz, struct run *r, const struct config *c, int pattern)
{
	nass_normalizer_finish(nz);
	drain(nz, r, c, pattern);
	r->open = 0;
	nass_normalizer_invalid(nz, &r->invalid, &r->first);
}

static nass_normalizer *make(const struct config *c, struct run *r)
{
	nass_error err;
	nass_normalizer *nz = nass_normalizer_new(rules[c->regex], c->profile, c->add,
	                                          c->remove, &err);

	if (!nz) {
		fprintf(stderr, "fuzz_normalize: normalizer: %s\n", err.message);
		abort();
	}
	nass_normalizer_set_diag(nz, on_diag, &r->warnings);
	return nz;
}

/* Chunking patterns.  Fixed sizes, pseudo-random sizes, empty feeds,
 * boundaries at line ends and inside multi-byte sequences. */
#define NPATTERNS 16
static void feed_chunked(nass_normalizer *nz, const uint8_t *s, size_t n, int pattern,
                         struct run *r, const struct config *c)
{
	static const size_t fixed[] = {1, 2, 3, 5, 7, 13, 64, 4093, 65537};
	uint32_t seed = (uint32_t)n * 2654435761u + (uint32_t)pattern;
	size_t i = 0, k, step = 1;

	while (i < n) {
		switch (pattern) {
		case 0: case 1: case 2: case 3: case 4: case 5: case 6: case 7: case 8:
			k = fixed[pattern];
			break;
		case 9: /* random 1..8 */
		case 10: /* random 1..300 */
			seed = seed * 1103515245u + 12345u;
			k = 1 + (seed >> 16) % (pattern == 9 ? 8 : 300);
			break;
		case 11: /* one byte at a time with an empty feed after each */
			k = 1;
			feed(nz, s + i, 0, r, c, pattern);
			break;
		case 12: /* cut right after each LF and CR, and right before them */
			for (k = 1; i + k < n && s[i + k - 1] != '\n' && s[i + k - 1] != '\r' &&
			            s[i + k] != '\n' && s[i + k] != '\r'; k++)
				;
			break;
		case 13: /* cut before every non-ASCII byte: inside sequences */
			for (k = 1; i + k < n && s[i + k] < 0x80; k++)
				;
			break;
		case 14: /* 1, 2, 3, ... */
			k = step++;
			break;
		default: /* the last chunk is left to _finish to drain */
			k = n - i > 3 ? (n - i) / 2 : n - i;
			if (i + k == n) {
				nass_normalizer_feed(nz, (const char *)s + i, k);
				return;
			}
			break;
		}
		if (k > n - i)
			k = n - i;
		feed(nz, s + i, k, r, c, pattern);
		i += k;
	}
}

static int utf8_valid(const char *s, size_t n)
{
	size_t i = 0, k;

	while (i < n) {
		if (!(k = seq_len((const unsigned char *)s + i, n - i)))
			return 0;
		i += k;
	}
	return 1;
}

static void check_spaces(const char *s, size_t n, const struct config *c, int pattern)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\t' || s[i] == '\r')
			fail("a tab or CR survived the spaces step", c, pattern);
		if (s[i] != ' ')
			continue;
		if (i == 0 || s[i - 1] == '\n' || s[i - 1] == ' ')
			fail("a space at a line start or a doubled space after the spaces step",
			     c, pattern);
		if (i + 1 == n || s[i + 1] == '\n')
			fail("a space at a line end after the spaces step", c, pattern);
	}
}

static int same(const struct run *x, const struct run *y)
{
	return x->out.len == y->out.len &&
	       (!x->out.len || !memcmp(x->out.data, y->out.data, x->out.len));
}

static void one_shot(nass_normalizer *nz, const uint8_t *s, size_t n, struct run *r,
                     const struct config *c, int pattern)
{
	nass_normalizer_set_diag(nz, on_diag, &r->warnings);
	feed(nz, s, n, r, c, pattern);
	finish(nz, r, c, pattern);
}

static void chunked(nass_normalizer *nz, const uint8_t *s, size_t n, struct run *r,
                    const struct config *c, int pattern)
{
	nass_normalizer_set_diag(nz, on_diag, &r->warnings);
	feed_chunked(nz, s, n, pattern, r, c);
	finish(nz, r, c, pattern);
}

/* Normalizers kept from one input to the next, per configuration, for
 * the one-shot and the chunked runs: building the lookup tables of a new
 * normalizer costs more than most inputs, and every input but the first
 * is then also a later document on a used normalizer. */
static nass_normalizer *kept[8][2];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct config *c;
	struct run a = {{0}, 0, 0, 0, 0, 0}, b = {{0}, 0, 0, 0, 0, 0};
	nass_normalizer **nz;
	const uint8_t *text;
	uint8_t *big = NULL, *repaired = NULL;
	size_t len, nl;
	unsigned long long ref_bad, ref_first;
	int pattern, compare = 1;

	if (size < 1)
		return 0;
	load_rules();
	c = &configs[data[0] & 7];
	nz = kept[data[0] & 7];
	pattern = data[0] >> 3;
	text = data + 1;
	len = size - 1;
#ifdef FUZZ_NO_LONE_CONTINUATION
	/* Built so while a reported bug is open: a continuation byte that
	 * follows no lead byte becomes '?', to fuzz past it. */
	if (len && (repaired = malloc(len))) {
		size_t i = 0, k;
		memcpy(repaired, text, len);
		while (i < len) {
			if ((k = seq_len(repaired + i, len - i))) {
				i += k;
				continue;
			}
			if (repaired[i] >= 0x80 && repaired[i] < 0xC0)
				repaired[i] = '?';
			i++;
		}
		text = repaired;
	}
#endif
	/* The top pattern repeats the text past the 64 KiB window of _next;
	 * a text of at most 8 bytes in a configuration with regex steps past
	 * the 1 MiB line limit too, where a regex sees a long line in pieces
	 * that depend on the chunks (so A and B are not compared then).  It
	 * is slow, so only one pattern in 32 does it. */
	if (pattern == 31 && len > 0) {
		int huge = c->regex && len <= 8;
		size_t want = huge ? (1u << 20) + 4099 : 65536 + 4099, i;
		if (!(big = malloc(want)))
			abort();
		for (i = 0; i < want; i += len)
			memcpy(big + i, text, want - i < len ? want - i : len);
		text = big;
		len = want;
		compare = !huge;
		pattern = huge ? 8 : 7;
	} else {
		pattern %= NPATTERNS;
	}
	a.whole_lines = b.whole_lines = c->regex && compare;
	if (!nz[0])
		nz[0] = make(c, &a);
	if (!nz[1])
		nz[1] = make(c, &b);
	one_shot(nz[0], text, len, &a, c, pattern);
	chunked(nz[1], text, len, &b, c, pattern);

	nl = count_byte((const char *)text, len, '\n');
	ref_bad = count_invalid(text, len, &ref_first);
	if (!utf8_valid(a.out.data, a.out.len))
		fail("output is not valid UTF-8", c, pattern);
	if (count_byte(a.out.data, a.out.len, '\n') != nl)
		fail("output has a different number of LF than the input", c, pattern);
	if (a.invalid != ref_bad || a.first != ref_first) {
		char msg[160];
		snprintf(msg, sizeof msg, "invalid bytes reported %llu (first at %llu), expected %llu (first at %llu)",
		         a.invalid, a.first, ref_bad, ref_first);
		fail(msg, c, pattern);
	}
	if (!ref_bad && !has_fffd((const char *)text, len) && has_fffd(a.out.data, a.out.len))
		fail("U+FFFD in the output of valid input without one", c, pattern);
	if (c->spaces_last)
		check_spaces(a.out.data, a.out.len, c, pattern);
	if ((compare && !same(&a, &b)) || b.invalid != a.invalid || b.first != a.first) {
		/* Tell a chunking bug from state kept across documents. */
		struct run fa = {{0}, 0, 0, 0, 0, 0}, fb = {{0}, 0, 0, 0, 0, 0};
		nass_normalizer *f = make(c, &fa);
		one_shot(f, text, len, &fa, c, pattern);
		nass_normalizer_free(f);
		f = make(c, &fb);
		chunked(f, text, len, &fb, c, pattern);
		nass_normalizer_free(f);
		if (!same(&fa, &a) || fa.invalid != a.invalid || fa.first != a.first ||
		    !same(&fb, &b) || fb.invalid != b.invalid || fb.first != b.first)
			fail("the output depends on earlier documents on the same normalizer", c, pattern);
		if (!same(&fa, &fb))
			fail("chunked output differs from one-shot output", c, pattern);
		fail("chunked feeding reports other invalid bytes than one shot", c, pattern);
	}
	free(a.out.data);
	free(b.out.data);
	free(big);
	free(repaired);
	return 0;
}
