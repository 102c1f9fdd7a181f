/* fuzz_tokenize.c - libFuzzer target for the tokenizer.
 *
 * Byte 0 picks the flags (clitic splitting, a document per line), a
 * sentence limit and a chunk size; the rest is the text.  Checks:
 *  - the same formatted output (every format) whether the text is fed
 *    whole or in chunks;
 *  - every word's form is valid UTF-8, non-empty, without white space
 *    bytes, and its character range is increasing and no wider than it;
 *  - the forms of a document, in order, are the non-space text of the
 *    input (invalid bytes as U+FFFD), so nothing is lost or invented. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "fuzz_out.h"
#include "nass.h"

static nass_rules *rules;

static void fail(const char *what)
{
	fprintf(stderr, "fuzz_tokenize: %s\n", what);
	abort();
}

static void drain(nass_tokenizer *t, out *fmt, out *forms)
{
	const nass_sentence *s;
	const char *text;
	size_t len, i, k;
	int f;

	while (nass_tokenizer_next(t, &s) == NASS_OK) {
		for (i = 0; i < s->nwords; i++) {
			const nass_word *w = &s->words[i];
			if (!w->len || w->end < w->start || w->end - w->start > w->len)
				fail("bad word range");
			if (i && w->start < s->words[i - 1].end)
				fail("words overlap");
			for (k = 0; k < w->len; k++)
				if (w->form[k] == ' ' || w->form[k] == '\n' || w->form[k] == '\t')
					fail("white space in a form");
			put(forms, w->form, w->len);
		}
		for (f = 0; f < 4; f++) {
			if (nass_tokenizer_format(t, s, f, &text, &len))
				fail("format failed");
			put(fmt, text, len);
		}
	}
}

static void run(const uint8_t *data, size_t size, int flags, size_t max, size_t chunk,
                out *fmt, out *forms)
{
	nass_error err;
	nass_tokenizer *t = nass_tokenizer_new(rules, flags, &err);
	size_t i;

	if (!t)
		fail(err.message);
	if (max)
		nass_tokenizer_set_max_tokens(t, max);
	nass_tokenizer_begin(t, "fuzz");
	for (i = 0; i < size; i += chunk) {
		size_t n = size - i < chunk ? size - i : chunk;
		if (nass_tokenizer_feed(t, (const char *)data + i, n))
			fail("feed failed");
		drain(t, fmt, forms);
	}
	nass_tokenizer_finish(t);
	drain(t, fmt, forms);
	nass_tokenizer_free(t);
}

/* Text without what the tokenizer takes as space (white space, controls,
 * format characters), invalid bytes as U+FFFD; joiners and soft hyphens
 * are dropped too, as they are kept inside words but not before them. */
static void visible(const uint8_t *s, size_t n, out *o)
{
	size_t i = 0;

	while (i < n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(n - i), &cp);
		utf8proc_uint8_t u[4];
		int c;

		if (k < 1) {
			/* the tokenizer replaces each byte that starts no
			 * character; utf8proc may reject a longer run, so
			 * step one byte as the tokenizer does */
			put(o, "\xEF\xBF\xBD", 3);
			i++;
			continue;
		}
		i += (size_t)k;
		c = utf8proc_category(cp);
		if (c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL ||
		    c == UTF8PROC_CATEGORY_ZP || c == UTF8PROC_CATEGORY_CC ||
		    c == UTF8PROC_CATEGORY_CF)
			continue;
		put(o, (const char *)u, (size_t)utf8proc_encode_char(cp, u));
	}
}

static void strip_joiners(out *o)
{
	size_t i, j = 0;

	for (i = 0; i < o->len;) {
		if (i + 3 <= o->len && !memcmp(o->data + i, "\xE2\x80\x8C", 3)) { i += 3; continue; }
		if (i + 3 <= o->len && !memcmp(o->data + i, "\xE2\x80\x8D", 3)) { i += 3; continue; }
		if (i + 2 <= o->len && !memcmp(o->data + i, "\xC2\xAD", 2)) { i += 2; continue; }
		o->data[j++] = o->data[i++];
	}
	o->len = j;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t chunks[4] = {1, 3, 17, 4096};
	out a = {0}, b = {0}, fa = {0}, fb = {0};
	int flags;
	size_t max;
	nass_error err;

	if (!rules) {
		rules = nass_rules_new();
		if (!rules || nass_rules_load_default(rules, "tokenize", &err))
			fail("cannot load the rules");
	}
	if (size < 1)
		return 0;
	flags = data[0] & 3;
	max = (data[0] >> 2 & 3) ? (size_t)(data[0] >> 2 & 3) * 3 : 0;
	run(data + 1, size - 1, flags, max, (size_t)-1 / 2, &a, &fa);
	run(data + 1, size - 1, flags, max, chunks[data[0] >> 4 & 3], &b, &fb);
	if (a.len != b.len || (a.len && memcmp(a.data, b.data, a.len)))
		fail("chunked output differs from whole");
	if (fa.len != fb.len || (fa.len && memcmp(fa.data, fb.data, fa.len)))
		fail("chunked forms differ from whole");
	{
		out v = {0};
		visible(data + 1, size - 1, &v);
		strip_joiners(&v);
		strip_joiners(&fa);
		if (v.len != fa.len || (v.len && memcmp(v.data, fa.data, v.len)))
			fail("the forms are not the text");
		free(v.data);
	}
	free(a.data);
	free(b.data);
	free(fa.data);
	free(fb.data);
	return 0;
}
