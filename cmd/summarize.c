/* summarize - CoNLL-U in, one extractive summary per document out.
 * A thin main: options and wiring; the work is in libnass. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
	"Summarize each document of CoNLL-U (from tokenize, ideally through tag):\n"
	"the sentences that best cover it, in document order.\n"
	"\n"
	"  -n, --sentences=N      this many sentences (default 3)\n"
	"  -r, --ratio=R          this share of the sentences: 0.2 or 20%\n"
	"                         (-r with anything but a number loads a rule file)\n"
	"  -w, --words=N          as many sentences as fit in N words\n"
	"  -f, --format=FORMAT    text (default), tsv, conllu or json\n"
	"  -k, --keywords=N       list the document's N best keywords\n"
	"  -e, --entities         list its named entities with their counts\n"
	"      --explain          the score parts of every sentence (tsv and json:\n"
	"                         as columns; text and conllu: a table on stderr)\n"
	"      --stream-idf       learn word weights from the documents read so far\n"
	"                         too (a summary then depends on what came before)\n"
	CLI_COMMON_HELP("document")
	"\n"
	"With no FILE, or when FILE is -, read standard input.\n"
	"Exit status: 0 ok, 1 unreadable or malformed input, 2 usage or rules\n"
	"error.  See summarize(1) and nass-rules(5).\n";

enum { OPT_EXPLAIN = 0x200, OPT_RATIO, OPT_STREAM_IDF };

static const struct option options[] = {
	{"sentences", required_argument, NULL, 'n'},
	{"ratio", required_argument, NULL, OPT_RATIO},
	{"words", required_argument, NULL, 'w'},
	{"format", required_argument, NULL, 'f'},
	{"keywords", required_argument, NULL, 'k'},
	{"entities", no_argument, NULL, 'e'},
	{"explain", no_argument, NULL, OPT_EXPLAIN},
	{"stream-idf", no_argument, NULL, OPT_STREAM_IDF},
	{NULL, 0, NULL, 0},
};

struct summarize {
	cli cli;
	int flags, format, first;
	size_t keywords;
	nass_summary_length length;
	nass_summarizer *sm;
	const char *file;
};

/* A ratio: a number in (0, 1], or a percentage in (0, 100]; -1 if not. */
static double parse_ratio(const char *arg)
{
	char *end;
	double r = strtod(arg, &end);

	if (end == arg || (*end && strcmp(end, "%")))
		return -1;
	if (*end == '%')
		r /= 100;
	return r > 0 && r <= 1 ? r : -1;
}

/* -r takes anything that looks like a number as a ratio. */
static int r_is_ratio(const char *arg)
{
	return strspn(arg, "0123456789.%") == strlen(arg) && *arg;
}

static int parse_count(struct summarize *s, const char *opt, const char *arg, size_t min, size_t *out)
{
	char *end;
	unsigned long long v = strtoull(arg, &end, 10);

	if (*arg < '0' || *arg > '9' || *end || v < min || v > 1000000000) {
		cli_msg(&s->cli, "%s: '%s' is not a whole number from %zu up", opt, arg, min);
		return 1;
	}
	*out = (size_t)v;
	return 0;
}

static int on_option(void *ctx, int opt, const char *arg)
{
	struct summarize *s = ctx;
	static const char *const formats[] = {"text", "tsv", "conllu", "json"};
	size_t i;

	switch (opt) {
	case 'n':
		s->length.ratio = 0, s->length.words = 0;
		return parse_count(s, "-n", arg, 1, &s->length.sentences);
	case 'w':
		s->length.ratio = 0, s->length.sentences = 0;
		return parse_count(s, "-w", arg, 1, &s->length.words);
	case 'r': case OPT_RATIO:
		s->length.sentences = 0, s->length.words = 0;
		if ((s->length.ratio = parse_ratio(arg)) < 0) {
			cli_msg(&s->cli, "%s: '%s' is not a ratio (0.2, or 20%%; at most 1)",
			        opt == 'r' ? "-r" : "--ratio", arg);
			return 1;
		}
		return 0;
	case 'k':
		return parse_count(s, "-k", arg, 0, &s->keywords);
	case 'e': s->format |= NASS_SUMMARY_ENTITIES; return 0;
	case OPT_EXPLAIN: s->format |= NASS_SUMMARY_EXPLAIN; return 0;
	case OPT_STREAM_IDF: s->flags |= NASS_SUMMARIZE_STREAM_IDF; return 0;
	case 'f':
		for (i = 0; i < sizeof formats / sizeof formats[0]; i++)
			if (!strcmp(arg, formats[i])) {
				s->format = (s->format & ~0xff) | (int)i;
				return 0;
			}
		cli_msg(&s->cli, "unknown format '%s' (expected text, tsv, conllu or json)", arg);
		return 1;
	}
	return 1;
}

/* Write the summaries that are ready. */
static int drain(struct summarize *s)
{
	const nass_summary *sum;
	nass_error err;
	const char *out;
	size_t len;
	int rc, base = s->format & 0xff;

	while ((rc = nass_summarizer_next(s->sm, &sum, &err)) == NASS_OK) {
		int f = s->format | (s->first ? NASS_SUMMARY_FIRST : 0);

		/* --explain with text or conllu: the parts as a table on stderr. */
		if ((f & NASS_SUMMARY_EXPLAIN) && (base == NASS_SUMMARY_TEXT || base == NASS_SUMMARY_CONLLU)) {
			if (nass_summary_format(s->sm, sum, NASS_SUMMARY_TSV | NASS_SUMMARY_EXPLAIN |
			                        (f & NASS_SUMMARY_FIRST), &out, &len))
				return cli_input_failed(&s->cli, NASS_ENOMEM);
			fwrite(out, 1, len, stderr);
			f &= ~NASS_SUMMARY_EXPLAIN;
		}
		if (nass_summary_format(s->sm, sum, f, &out, &len))
			return cli_input_failed(&s->cli, NASS_ENOMEM);
		cli_write(&s->cli, out, len);
		cli_record_end(&s->cli);
		s->first = 0;
	}
	if (rc == NASS_AGAIN)
		return 0;
	if (rc == NASS_EINPUT) { /* reported; the library skips the rest of this file */
		cli_error(&s->cli, &err);
		s->cli.status = EXIT_INPUT;
		return 0;
	}
	return cli_input_failed(&s->cli, rc);
}

static int on_input(void *ctx, const char *name, const char *buf, size_t len)
{
	struct summarize *s = ctx;
	unsigned long long bad, first;
	int rc;

	if (s->file != name) {
		s->file = name;
		if (nass_summarizer_begin(s->sm, name))
			return cli_input_failed(&s->cli, NASS_ENOMEM);
	}
	if (len) {
		if (nass_summarizer_feed(s->sm, buf, len))
			return cli_input_failed(&s->cli, NASS_ENOMEM);
		return drain(s);
	}
	s->file = NULL;
	nass_summarizer_finish(s->sm);
	rc = drain(s);
	nass_summarizer_invalid(s->sm, &bad, &first);
	cli_report_invalid(&s->cli, name, bad, first);
	return rc;
}

int main(int argc, char **argv)
{
	struct summarize s = {.cli = {.prog = "summarize", .kind = "summarize", .usage = usage,
	                              .r_is_tools = r_is_ratio},
	                      .first = 1};
	nass_error err;

	cli_start(&s.cli, argc, argv, "n:w:f:k:e", options, on_option, &s);
	if (s.keywords)
		s.format |= NASS_SUMMARY_KEYWORDS;
	if (!(s.sm = nass_summarizer_new(s.cli.rules, s.flags, &s.length, &err)))
		cli_fatal_usage(&s.cli, &err);
	nass_summarizer_set_keywords(s.sm, s.keywords);
	nass_summarizer_set_diag(s.sm, cli_warning, &s.cli);
	cli_each_input(&s.cli, on_input, &s);
	/* -f tsv: the header even when there was no document. */
	if (s.first && (s.format & 0xff) == NASS_SUMMARY_TSV) {
		nass_summary none = {.doc_id = ""};
		const char *out;
		size_t len;

		if (!nass_summary_format(s.sm, &none, s.format | NASS_SUMMARY_FIRST, &out, &len))
			cli_write(&s.cli, out, len);
	}
	nass_summarizer_free(s.sm);
	return cli_finish(&s.cli);
}
