/* tokenize - text to sentences and tokens, as CoNLL-U.
 * A thin main: options and wiring; the work is in libnass. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
	"Split UTF-8 text into sentences and tokens (words, numbers, punctuation,\n"
	"URLs, hashtags, emoji...), written as CoNLL-U by default.  Each FILE is\n"
	"a document; a blank line ends a paragraph.\n"
	"\n"
	"  -f, --format=FORMAT    conllu (default), horizontal, vertical or json\n"
	"      --split-clitics    split Arabic clitics off words (و+أكد, نشرت+ها)\n"
	"      --mwt              with --split-clitics: CoNLL-U range lines\n"
	"      --doc-per-line     every input line is a document\n"
	"      --max-sentence=N   cut sentences at N tokens (default 1000)\n"
	CLI_COMMON_HELP("sentence")
	"\n"
	"With no FILE, or when FILE is -, read standard input.\n"
	"Exit status: 0 ok, 1 unreadable input or invalid UTF-8 under --strict,\n"
	"2 usage or rules error.  See tokenize(1) and nass-rules(5).\n";

enum { OPT_SPLIT = 0x200, OPT_MWT, OPT_DOC_PER_LINE, OPT_MAX_SENTENCE };

static const struct option options[] = {
	{"format", required_argument, NULL, 'f'},
	{"split-clitics", no_argument, NULL, OPT_SPLIT},
	{"mwt", no_argument, NULL, OPT_MWT},
	{"doc-per-line", no_argument, NULL, OPT_DOC_PER_LINE},
	{"max-sentence", required_argument, NULL, OPT_MAX_SENTENCE},
	{NULL, 0, NULL, 0},
};

struct tokenize {
	cli cli;
	int flags, format;
	size_t max_tokens;
	nass_tokenizer *tk;
	const char *file; /* for warnings */
	const char **seen; /* document names so far, to keep ids unique */
	size_t nseen;
};

/* The document id of a file: its name, or NAME#2, NAME#3... when the same
 * name comes again (as - can), so that sent_ids stay unique. */
static const char *doc_id(struct tokenize *t, const char *name, char *buf, size_t size)
{
	size_t i, again = 1;
	const char **p;

	for (i = 0; i < t->nseen; i++)
		again += !strcmp(t->seen[i], name);
	if ((p = realloc(t->seen, (t->nseen + 1) * sizeof *p))) {
		t->seen = p;
		t->seen[t->nseen++] = name;
	}
	if (again == 1)
		return name;
	snprintf(buf, size, "%s#%zu", name, again);
	return buf;
}

static int on_option(void *ctx, int opt, const char *arg)
{
	static const char *formats[] = {"conllu", "horizontal", "vertical", "json"};
	struct tokenize *t = ctx;
	char *end;
	size_t i;

	switch (opt) {
	case 'f':
		for (i = 0; i < 4; i++)
			if (!strcmp(arg, formats[i])) {
				t->format = (t->format & NASS_FORMAT_MWT) | (int)i;
				return 0;
			}
		cli_msg(&t->cli, "unknown format '%s' (expected conllu, horizontal, vertical or json)", arg);
		return 1;
	case OPT_SPLIT: t->flags |= NASS_TOKENIZE_SPLIT_CLITICS; return 0;
	case OPT_MWT: t->format |= NASS_FORMAT_MWT; return 0;
	case OPT_DOC_PER_LINE: t->flags |= NASS_TOKENIZE_DOC_PER_LINE; return 0;
	case OPT_MAX_SENTENCE:
		t->max_tokens = strtoul(arg, &end, 10);
		if (*end || !*arg || t->max_tokens < 1 || t->max_tokens > 100000000) {
			cli_msg(&t->cli, "--max-sentence needs a number of tokens from 1, not '%s'", arg);
			return 1;
		}
		return 0;
	}
	return 1;
}

static int drain(struct tokenize *t)
{
	const nass_sentence *s;
	const char *out;
	size_t len;
	int rc;

	len = 0; /* (sentences are batched: cli_batch) */
	while ((rc = nass_tokenizer_next(t->tk, &s)) == NASS_OK) {
		if ((rc = nass_tokenizer_format(t->tk, s, t->format | (len ? NASS_FORMAT_APPEND : 0),
		                                &out, &len)))
			break;
		len = cli_batch(&t->cli, out, len, 0);
	}
	cli_batch(&t->cli, out, len, 1);
	return rc != NASS_AGAIN ? cli_input_failed(&t->cli, rc) : 0;
}

static int on_input(void *ctx, const char *name, const char *buf, size_t len)
{
	struct tokenize *t = ctx;
	unsigned long long bad, first;

	if (t->file != name) { /* the first chunk of a file: a document */
		char id[4096];
		t->file = name;
		if (nass_tokenizer_begin(t->tk, doc_id(t, name, id, sizeof id)))
			goto oom;
	}
	if (len) {
		if (nass_tokenizer_feed(t->tk, buf, len))
			goto oom;
		return drain(t);
	}
	nass_tokenizer_finish(t->tk);
	if (drain(t))
		return 1;
	t->file = NULL;
	nass_tokenizer_invalid(t->tk, &bad, &first);
	cli_report_invalid(&t->cli, name, bad, first);
	return 0;
oom:
	cli_msg(&t->cli, "%s: out of memory", name);
	t->cli.status = EXIT_INPUT;
	return 1;
}

int main(int argc, char **argv)
{
	struct tokenize t = {.cli = {.prog = "tokenize", .kind = "tokenize", .usage = usage}};
	nass_error err;

	cli_start(&t.cli, argc, argv, "f:", options, on_option, &t);
	if ((t.format & NASS_FORMAT_MWT) && !(t.flags & NASS_TOKENIZE_SPLIT_CLITICS)) {
		cli_msg(&t.cli, "--mwt needs --split-clitics");
		exit(EXIT_USAGE);
	}
	if (!(t.tk = nass_tokenizer_new(t.cli.rules, t.flags, &err)))
		cli_fatal_usage(&t.cli, &err);
	if (t.max_tokens)
		nass_tokenizer_set_max_tokens(t.tk, t.max_tokens);
	nass_tokenizer_set_diag(t.tk, cli_warning, &t.cli);
	cli_each_input(&t.cli, on_input, &t);
	nass_tokenizer_free(t.tk);
	free(t.seen);
	return cli_finish(&t.cli);
}
