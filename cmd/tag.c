/* tag - CoNLL-U in, CoNLL-U out with UPOS, LEMMA, FEATS and NER= filled.
 * A thin main: options and wiring; the work is in libnass. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
	"Tag CoNLL-U (from tokenize or any other tool): part of speech (UPOS),\n"
	"a stem as LEMMA, FEATS a rule is sure of, and named entities as MISC\n"
	"NER=B-TYPE/I-TYPE.  Everything else passes through unchanged; values\n"
	"the input already has are kept.\n"
	"\n"
	"      --overwrite        replace the input's LEMMA, UPOS, FEATS and NER\n"
	"      --explain          add MISC Rule=ID: the rules that decided\n"
	CLI_COMMON_HELP("sentence")
	"\n"
	"With no FILE, or when FILE is -, read standard input.\n"
	"Exit status: 0 ok, 1 unreadable or malformed input, 2 usage or rules\n"
	"error.  See tag(1) and nass-rules(5).\n";

enum { OPT_OVERWRITE = 0x200, OPT_EXPLAIN };

static const struct option options[] = {
	{"overwrite", no_argument, NULL, OPT_OVERWRITE},
	{"explain", no_argument, NULL, OPT_EXPLAIN},
	{NULL, 0, NULL, 0},
};

struct tag {
	cli cli;
	int flags;
	nass_tagger *tg;
	const char *file;
	int skip; /* the file had malformed input: the rest of it is skipped */
};

static int on_option(void *ctx, int opt, const char *arg)
{
	struct tag *t = ctx;

	(void)arg;
	switch (opt) {
	case OPT_OVERWRITE: t->flags |= NASS_TAG_OVERWRITE; return 0;
	case OPT_EXPLAIN: t->flags |= NASS_TAG_EXPLAIN; return 0;
	}
	return 1;
}

/* Tag what has come in; sentences are batched (cli_batch). */
static int drain(struct tag *t)
{
	nass_error err;
	const char *out;
	size_t len = 0;
	int rc;

	while ((rc = nass_tagger_next(t->tg, len ? NASS_FORMAT_APPEND : 0, &out, &len, &err)) == NASS_OK) {
		len = cli_batch(&t->cli, out, len, 0);
	}
	cli_batch(&t->cli, out, len, 1);
	if (rc == NASS_AGAIN)
		return 0;
	if (rc == NASS_EINPUT) { /* reported; the next file is read */
		cli_error(&t->cli, &err);
		t->cli.status = EXIT_INPUT;
		t->skip = 1;
		return 0;
	}
	return cli_input_failed(&t->cli, rc);
}

static int on_input(void *ctx, const char *name, const char *buf, size_t len)
{
	struct tag *t = ctx;

	unsigned long long bad, first;
	int rc;

	if (t->file != name) {
		t->file = name;
		t->skip = 0;
		if (nass_tagger_begin(t->tg, name))
			return cli_input_failed(&t->cli, NASS_ENOMEM);
	}
	if (len) {
		if (t->skip)
			return 0;
		if (nass_tagger_feed(t->tg, buf, len))
			return cli_input_failed(&t->cli, NASS_ENOMEM);
		return drain(t);
	}
	t->file = NULL;
	if (t->skip)
		return 0;
	nass_tagger_finish(t->tg);
	rc = drain(t);
	nass_tagger_invalid(t->tg, &bad, &first);
	cli_report_invalid(&t->cli, name, bad, first);
	return rc;
}

int main(int argc, char **argv)
{
	struct tag t = {.cli = {.prog = "tag", .kind = "tag", .usage = usage}};
	nass_error err;

	cli_start(&t.cli, argc, argv, "", options, on_option, &t);
	if (!(t.tg = nass_tagger_new(t.cli.rules, t.flags, &err)))
		cli_fatal_usage(&t.cli, &err);
	nass_tagger_set_diag(t.tg, cli_warning, &t.cli);
	cli_each_input(&t.cli, on_input, &t);
	nass_tagger_free(t.tg);
	return cli_finish(&t.cli);
}
