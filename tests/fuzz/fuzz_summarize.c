/* fuzz_summarize.c - libFuzzer target for the summarizer.
 *
 * Byte 0 picks the format, the length option and a chunk size; byte 1
 * the keyword count; the rest is the CoNLL-U input.  Checks: the same
 * output and the same outcome (done, or an input error at the same line)
 * whether the input is fed whole or in chunks, and a new summarizer on
 * the same input gives the same output again (no state leaks between
 * documents but what --stream-idf asks for). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_out.h"
#include "nass.h"

static nass_rules *rules;

static void fail(const char *what)
{
	fprintf(stderr, "fuzz_summarize: %s\n", what);
	abort();
}

static int run(const nass_summary_length *length, int format, size_t keywords, const uint8_t *data,
               size_t len, size_t chunk, out *o, int *line)
{
	nass_summarizer *s = nass_summarizer_new(rules, 0, length, NULL);
	const nass_summary *sum;
	nass_error err;
	const char *p;
	size_t i, n;
	int rc = NASS_AGAIN, first = NASS_SUMMARY_FIRST;

	if (!s)
		fail("cannot make a summarizer");
	nass_summarizer_set_keywords(s, keywords);
	*line = 0;
	nass_summarizer_begin(s, "fuzz");
	for (i = 0; rc == NASS_AGAIN; i += chunk) { /* chunks, then the end */
		if (i < len)
			nass_summarizer_feed(s, (const char *)data + i, len - i < chunk ? len - i : chunk);
		else
			nass_summarizer_finish(s);
		while ((rc = nass_summarizer_next(s, &sum, &err)) == NASS_OK) {
			if (nass_summary_format(s, sum, format | first, &p, &n))
				fail("format failed");
			put(o, p, n);
			first = 0;
		}
		if (i >= len)
			break;
	}
	if (rc == NASS_EINPUT)
		*line = err.line;
	else if (rc != NASS_AGAIN)
		fail("unexpected status");
	nass_summarizer_free(s);
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t chunks[] = {1, 2, 3, 5, 8, 13, 64, 4096};
	nass_summary_length length = {0};
	out whole = {0}, part = {0}, again = {0};
	size_t chunk, keywords;
	int format, rc1, rc2, rc3, l1, l2, l3;

	if (!rules) {
		nass_error err;
		rules = nass_rules_new();
		if (!rules || nass_rules_load_default(rules, "summarize", &err))
			fail("cannot load the default summarize rules");
	}
	if (size < 2)
		return 0;
	format = (data[0] & 3) | NASS_SUMMARY_ENTITIES | (data[0] & 4 ? NASS_SUMMARY_EXPLAIN : 0);
	chunk = chunks[(data[0] >> 3) & 7];
	switch (data[0] >> 6) {
	case 0: length.sentences = 1 + (data[1] & 3); break;
	case 1: length.ratio = 0.3; break;
	case 2: length.words = 5 + (data[1] & 31); break;
	default: break; /* the default: 3 sentences */
	}
	keywords = data[1] >> 5;
	if (keywords)
		format |= NASS_SUMMARY_KEYWORDS;
	data += 2;
	size -= 2;
	put(&whole, "", 0);
	put(&part, "", 0);
	put(&again, "", 0);
	rc1 = run(&length, format, keywords, data, size, size + 1, &whole, &l1);
	rc2 = run(&length, format, keywords, data, size, chunk, &part, &l2);
	rc3 = run(&length, format, keywords, data, size, size + 1, &again, &l3);
	if (rc1 != rc2 || l1 != l2 || whole.len != part.len || memcmp(whole.data, part.data, whole.len))
		fail("output depends on how the input was fed");
	if (rc1 != rc3 || whole.len != again.len || memcmp(whole.data, again.data, whole.len))
		fail("output differs from one run to the next");
	free(whole.data);
	free(part.data);
	free(again.data);
	return 0;
}
