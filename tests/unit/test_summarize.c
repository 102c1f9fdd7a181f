/* test_summarize.c - the summarizer through the public API: chunk
 * invariance, documents and their boundaries, the length options, the
 * parts of a score, and malformed input. */

#include "check.h"
#include "nass.h"

/* Three documents of our own: two sentences, one sentence, none. */
static const char doc[] =
	"# newdoc id = a\n"
	"# sent_id = a-1\n"
	"# text = ارتفعت أسعار النفط اليوم.\n"
	"1\tارتفعت\t_\t_\t_\t_\t_\t_\t_\t_\n"
	"2\tأسعار\t_\t_\t_\t_\t_\t_\t_\t_\n"
	"3\tالنفط\t_\t_\t_\t_\t_\t_\t_\t_\n"
	"4\tاليوم\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n"
	"5\t.\t_\t_\t_\t_\t_\t_\t_\t_\n"
	"\n"
	"# sent_id = a-2\n"
	"# text = وتراجعت أسعار الذهب.\n"
	"1\tوتراجعت\t_\t_\t_\t_\t_\t_\t_\t_\n"
	"2\tأسعار\t_\t_\t_\t_\t_\t_\t_\t_\n"
	"3\tالذهب\t_\t_\t_\t_\t_\t_\t_\tNER=B-MISC|SpaceAfter=No\n"
	"4\t.\t_\t_\t_\t_\t_\t_\t_\t_\n"
	"\n"
	"# newdoc id = b\n"
	"# text = افتتح المعرض.\n"
	"1\tافتتح\t_\t_\t_\t_\t_\t_\t_\t_\n"
	"2\tالمعرض\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n"
	"3\t.\t_\t_\t_\t_\t_\t_\t_\t_\n"
	"\n"
	"# newdoc id = c\n";

/* Every summary of text fed in chunks, in the json format with keywords
 * and entities; NULL on error. */
static char *summarize_text(const nass_rules *rules, const char *text, size_t len, size_t chunk,
                            const nass_summary_length *length, int *docs)
{
	nass_summarizer *s = nass_summarizer_new(rules, 0, length, NULL);
	struct out o = {0};
	const nass_summary *sum;
	nass_error err;
	size_t i;
	int rc;

	*docs = 0;
	if (!s)
		return NULL;
	nass_summarizer_set_keywords(s, 5);
	nass_summarizer_begin(s, "test");
	for (i = 0;; i += chunk) {
		if (i < len)
			nass_summarizer_feed(s, text + i, len - i < chunk ? len - i : chunk);
		else
			nass_summarizer_finish(s);
		while ((rc = nass_summarizer_next(s, &sum, &err)) == NASS_OK) {
			const char *p;
			size_t n;
			if (nass_summary_format(s, sum, NASS_SUMMARY_JSON | NASS_SUMMARY_KEYWORDS | NASS_SUMMARY_ENTITIES,
			                        &p, &n)) {
				nass_summarizer_free(s);
				free(o.data);
				return NULL;
			}
			out_add(&o, p, n);
			(*docs)++;
		}
		if (rc != NASS_AGAIN || i >= len)
			break;
	}
	nass_summarizer_free(s);
	if (rc != NASS_AGAIN) {
		free(o.data);
		return NULL;
	}
	if (!o.data)
		out_add(&o, "", 0);
	return o.data;
}

static void test_chunks(const nass_rules *rules)
{
	static const size_t chunks[] = {1, 2, 3, 7, 64, 4096};
	char *whole, *part;
	int docs, same = 1;
	size_t k;

	whole = summarize_text(rules, doc, sizeof doc - 1, sizeof doc, NULL, &docs);
	CHECK(whole != NULL, "summarize: the test documents are read");
	CHECK(docs == 3, "summarize: three documents, the last one empty");
	CHECK(whole && strstr(whole, "{\"id\":\"c\",\"sentences\":[]"), "summarize: an empty document has no sentences");
	CHECK(whole && strstr(whole, "\"text\":\"الذهب\",\"type\":\"MISC\",\"count\":1"), "summarize: an entity and its count");
	for (k = 0; whole && k < sizeof chunks / sizeof *chunks; k++) {
		part = summarize_text(rules, doc, sizeof doc - 1, chunks[k], NULL, &docs);
		if (!part || strcmp(part, whole))
			same = 0;
		free(part);
	}
	CHECK(same, "summarize: the same summaries fed in chunks of 1, 2, 3, 7, 64, 4096 bytes");
	free(whole);
}

/* One summary of text, whole, with these options. */
static const nass_summary *first_summary(nass_summarizer *s, const char *text)
{
	const nass_summary *sum = NULL;
	nass_error err;

	nass_summarizer_begin(s, "x");
	nass_summarizer_feed(s, text, strlen(text));
	nass_summarizer_finish(s);
	return nass_summarizer_next(s, &sum, &err) == NASS_OK ? sum : NULL;
}

static void test_summary(const nass_rules *rules)
{
	nass_summary_length one = {.sentences = 1}, half = {.ratio = 0.5}, words = {.words = 3};
	nass_summarizer *s = nass_summarizer_new(rules, 0, &one, NULL);
	const nass_summary *sum = s ? first_summary(s, doc) : NULL;
	int k, in_range = 1;

	CHECK(sum && !strcmp(sum->doc_id, "a") && sum->nsentences == 2, "summarize: the first document, two sentences");
	CHECK(sum && sum->nchosen == 1 && sum->sentences[0].rank == 1 && sum->sentences[1].rank == 0,
	      "summarize: -n 1 takes the first sentence of a news item");
	CHECK(sum && !strcmp(sum->sentences[1].sent_id, "a-2") && sum->sentences[0].words == 4 &&
	      sum->sentences[1].words == 3, "summarize: sentence ids and word counts");
	for (k = 0; sum && k < NASS_PARTS; k++)
		if (!(sum->sentences[1].parts[k] >= 0 && sum->sentences[1].parts[k] <= 1))
			in_range = 0;
	CHECK(sum && in_range, "summarize: every part of a score is within 0..1");
	CHECK(sum && sum->sentences[0].parts[NASS_PART_LEAD] == 1, "summarize: the lead part of the first sentence is 1");
	CHECK(!strcmp(nass_summary_part_name(NASS_PART_CENTRALITY), "centrality") &&
	      nass_summary_part_name(NASS_PARTS) == NULL, "summarize: part names");
	nass_summarizer_free(s);

	s = nass_summarizer_new(rules, 0, &half, NULL);
	sum = s ? first_summary(s, doc) : NULL;
	CHECK(sum && sum->nchosen == 1, "summarize: a ratio of 0.5 of two sentences is one");
	nass_summarizer_free(s);

	s = nass_summarizer_new(rules, 0, &words, NULL);
	sum = s ? first_summary(s, doc) : NULL;
	CHECK(sum && sum->nchosen == 1, "summarize: a word budget smaller than every sentence still gives one");
	nass_summarizer_free(s);
}

static void test_errors(const nass_rules *rules)
{
	nass_summarizer *s = nass_summarizer_new(rules, 0, NULL, NULL);
	const nass_summary *sum;
	nass_error err = {0};

	nass_summarizer_begin(s, "plain.txt");
	nass_summarizer_feed(s, "just some text\n", 15);
	nass_summarizer_finish(s);
	CHECK(nass_summarizer_next(s, &sum, &err) == NASS_EINPUT && strstr(err.message, "pipe text through tokenize"),
	      "summarize: plain text is refused with a hint");
	nass_summarizer_free(s);
	CHECK(nass_summarizer_new(NULL, 0, NULL, &err) == NULL && err.code == NASS_EINVAL, "summarize: no rules, no summarizer");
}

int main(void)
{
	nass_rules *rules = nass_rules_new();
	nass_error err;

	if (!rules || nass_rules_load_default(rules, "summarize", &err)) {
		printf("FAIL: summarize: default rules load\n");
		return 1;
	}
	test_chunks(rules);
	test_summary(rules);
	test_errors(rules);
	nass_rules_free(rules);
	return CHECK_DONE();
}
