/* fuzz_tag.c - libFuzzer target for the tagger.
 *
 * Byte 0 picks the flags (--overwrite, --explain) and a chunk size; the
 * rest is the CoNLL-U input.  Checks:
 *  - the same output and the same outcome (done, or an input error at the
 *    same line) whether the input is fed whole or in chunks;
 *  - what tag does not own passes through (for valid UTF-8 without a
 *    byte order mark): every output line that is not a word line is an
 *    input line, and a word line keeps the input's ID,
 *    FORM, XPOS, HEAD, DEPREL and DEPS columns. */
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
	fprintf(stderr, "fuzz_tag: %s\n", what);
	abort();
}

/* Tag data[0..len) in chunks; the output, the status and error line. */
static int run(nass_tagger *t, const uint8_t *data, size_t len, size_t chunk, out *o, int *line)
{
	nass_error err;
	const char *p;
	size_t i, n;
	int rc = NASS_AGAIN;

	*line = 0;
	nass_tagger_begin(t, "fuzz");
	for (i = 0; rc == NASS_AGAIN; i += chunk) { /* chunks, then the end */
		if (i < len)
			nass_tagger_feed(t, (const char *)data + i, len - i < chunk ? len - i : chunk);
		else
			nass_tagger_finish(t);
		while ((rc = nass_tagger_next(t, 0, &p, &n, &err)) == NASS_OK)
			put(o, p, n);
		if (i >= len)
			break;
	}
	if (rc == NASS_EINPUT)
		*line = err.line;
	else if (rc != NASS_AGAIN)
		fail("unexpected status");
	return rc;
}

/* Column k of a TAB-separated line (k < 10). */
static const char *column(const char *line, size_t len, int k, size_t *cl)
{
	const char *p = line, *end = line + len, *tab;

	while (k-- > 0) {
		if (!(tab = memchr(p, '\t', (size_t)(end - p))))
			return NULL;
		p = tab + 1;
	}
	tab = memchr(p, '\t', (size_t)(end - p));
	*cl = (size_t)((tab ? tab : end) - p);
	return p;
}

/* Each output line must be an input line, or a word line of one with
 * the same kept columns. */
static void check_passthrough(const uint8_t *data, size_t len, const out *o)
{
	static const int kept[] = {0, 1, 4, 6, 7, 8};
	const char *in = (const char *)data, *ip = in, *iend = in + len;
	const char *op = o->data, *oend = o->data + o->len;

	while (op < oend) {
		const char *oe = memchr(op, '\n', (size_t)(oend - op)), *ie;
		size_t ol, il, a, b;
		int k;

		if (!oe)
			fail("output without a final newline");
		ol = (size_t)(oe - op);
		if (!ol) { /* blank lines come after sentences */
			op = oe + 1;
			continue;
		}
		for (;;) { /* the next non-blank input line */
			if (ip >= iend)
				fail("an output line with no input line");
			ie = memchr(ip, '\n', (size_t)(iend - ip));
			il = (size_t)((ie ? ie : iend) - ip);
			if (il && ip[il - 1] == '\r')
				il--;
			if (il)
				break;
			ip = ie ? ie + 1 : iend;
		}
		if (!(ol == il && !memcmp(op, ip, il))) {
			for (k = 0; k < 6; k++) {
				const char *x = column(op, ol, kept[k], &a), *y = column(ip, il, kept[k], &b);
				if (!x || !y || a != b || memcmp(x, y, a))
					fail("a column tag does not own was changed");
			}
		}
		op = oe + 1;
		ip = ie ? ie + 1 : iend;
	}
}

/* Input that tag passes through unchanged: valid UTF-8 (bad bytes become
 * U+FFFD) with no byte order mark (which is dropped). */
static int plain(const uint8_t *s, size_t n)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;

	if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		return 0;
	while (n) {
		if ((k = utf8proc_iterate(s, (utf8proc_ssize_t)n, &cp)) < 1)
			return 0;
		s += k;
		n -= (size_t)k;
	}
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t chunks[] = {1, 2, 3, 5, 8, 13, 64, 4096};
	nass_tagger *t;
	out whole = {0}, part = {0};
	size_t chunk;
	int flags, rc1, rc2, l1, l2;

	if (!rules) {
		nass_error err;
		rules = nass_rules_new();
		if (!rules || nass_rules_load_default(rules, "tag", &err))
			fail("cannot load the default tag rules");
	}
	if (size < 1)
		return 0;
	flags = data[0] & 3;
	chunk = chunks[(data[0] >> 2) & 7];
	data++;
	size--;
	if (!(t = nass_tagger_new(rules, flags, NULL)))
		fail("cannot make a tagger");
	put(&whole, "", 0);
	put(&part, "", 0);
	rc1 = run(t, data, size, size + 1, &whole, &l1);
	rc2 = run(t, data, size, chunk, &part, &l2);
	if (rc1 != rc2 || l1 != l2 || whole.len != part.len || memcmp(whole.data, part.data, whole.len))
		fail("output depends on how the input was fed");
	if (rc1 == NASS_AGAIN && plain(data, size))
		check_passthrough(data, size, &whole);
	nass_tagger_free(t);
	free(whole.data);
	free(part.data);
	return 0;
}
