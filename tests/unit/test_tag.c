/* test_tag.c - the tagger through the public API: the same output however
 * the input is cut, the rules that do not depend on learned data (form
 * rules, dates, money, percent), values kept or overwritten, document
 * memory, and the errors of rule data and of input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "nass.h"

/* News-style sentences of our own, as tokenize --split-clitics writes
 * them, plus a foreign sentence with a range line, an empty node and
 * filled columns. */
static const char doc[] =
	"# newdoc id = a.txt\n"
	"# sent_id = a.txt-1\n"
	"# text = وأعلنت الوزارة يوم الأحد 3 مارس 2024 عن منحة قدرها 5 ملايين ليرة.\n"
	"1\tو\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No|TokenRange=0:1\n"
	"2\tأعلنت\t_\t_\t_\t_\t_\t_\t_\tTokenRange=1:6\n"
	"3\tالوزارة\t_\t_\t_\t_\t_\t_\t_\tTokenRange=7:14\n"
	"4\tيوم\t_\t_\t_\t_\t_\t_\t_\tTokenRange=15:18\n"
	"5\tالأحد\t_\t_\t_\t_\t_\t_\t_\tTokenRange=19:24\n"
	"6\t3\t_\t_\t_\t_\t_\t_\t_\tTokenRange=25:26\n"
	"7\tمارس\t_\t_\t_\t_\t_\t_\t_\tTokenRange=27:31\n"
	"8\t2024\t_\t_\t_\t_\t_\t_\t_\tTokenRange=32:36\n"
	"9\tعن\t_\t_\t_\t_\t_\t_\t_\tTokenRange=37:39\n"
	"10\tمنحة\t_\t_\t_\t_\t_\t_\t_\tTokenRange=40:44\n"
	"11\tقدرها\t_\t_\t_\t_\t_\t_\t_\tTokenRange=45:50\n"
	"12\t5\t_\t_\t_\t_\t_\t_\t_\tTokenRange=51:52\n"
	"13\tملايين\t_\t_\t_\t_\t_\t_\t_\tTokenRange=53:59\n"
	"14\tليرة\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No|TokenRange=60:64\n"
	"15\t.\t_\t_\t_\t_\t_\t_\t_\tTokenRange=64:65\n"
	"\n"
	"# sent_id = b-1\n"
	"1-2\tوارتفع\t_\t_\t_\t_\t_\t_\t_\t_\n"
	"1\tو\t_\t_\t_\t_\t_\t_\t_\t_\n"
	"2\tارتفع\tرفع\tVERB\t_\t_\t0\troot\t_\t_\n"
	"3\tالتضخم\t_\t_\t_\t_\t_\t_\t_\t_\n"
	"3.1\tx\t_\t_\t_\t_\t_\t_\t_\t_\n"
	"4\t12%\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n"
	"5\t.\t_\t_\t_\t_\t_\t_\t_\t_\n"
	"\n";

/* Tag text fed in chunks of `chunk` bytes; the output, or NULL on error
 * (*rc then holds the code and err the message). */
static char *tag_text(nass_tagger *t, const char *text, size_t len, size_t chunk, int *rc,
                      nass_error *err)
{
	struct out o = {0};
	const char *p;
	size_t i, n;

	out_add(&o, "", 0);
	nass_tagger_begin(t, "t.conllu");
	for (i = 0;; i += chunk) { /* the chunks, then the end */
		if (i < len)
			nass_tagger_feed(t, text + i, len - i < chunk ? len - i : chunk);
		else
			nass_tagger_finish(t);
		while ((*rc = nass_tagger_next(t, 0, &p, &n, err)) == NASS_OK)
			out_add(&o, p, n);
		if (*rc != NASS_AGAIN) {
			free(o.data);
			return NULL;
		}
		if (i >= len)
			break;
	}
	return o.data;
}

/* The word line of FORM in out (without its newline), or "". */
static const char *line_of(const char *out, const char *form, char *buf, size_t size)
{
	char pat[128];
	const char *p, *e;

	snprintf(pat, sizeof pat, "\t%s\t", form);
	buf[0] = 0;
	if (!(p = strstr(out, pat)))
		return buf;
	while (p > out && p[-1] != '\n')
		p--;
	e = strchr(p, '\n');
	snprintf(buf, size, "%.*s", (int)(e - p), p);
	return buf;
}

static void test_chunks(const nass_rules *rules)
{
	nass_tagger *t = nass_tagger_new(rules, NASS_TAG_EXPLAIN, NULL);
	static const size_t chunks[] = {1, 2, 3, 7, 64, 4096};
	nass_error err;
	char *whole, *part;
	size_t k;
	int rc, same = 1;

	whole = tag_text(t, doc, sizeof doc - 1, sizeof doc, &rc, &err);
	CHECK(whole != NULL, "tag: the sample tags");
	for (k = 0; whole && k < sizeof chunks / sizeof *chunks; k++) {
		part = tag_text(t, doc, sizeof doc - 1, chunks[k], &rc, &err);
		same &= part && !strcmp(part, whole);
		free(part);
	}
	CHECK(same, "tag: the same output fed in chunks of 1, 2, 3, 7, 64, 4096 bytes");
	free(whole);
	nass_tagger_free(t);
}

/* What the YAML form rules and the hand-written NER rules decide: no
 * learned data is involved. */
static void test_defaults(const nass_rules *rules)
{
	nass_tagger *t = nass_tagger_new(rules, 0, NULL);
	nass_error err;
	char l[512], *out;
	int rc;

	out = tag_text(t, doc, sizeof doc - 1, 4096, &rc, &err);
	CHECK(out != NULL, "tag: default rules");
	if (!out)
		return;
	CHECK(!strcmp(line_of(out, "2024", l, sizeof l),
	              "8\t2024\t2024\tNUM\t_\tNumForm=Digit\t_\t_\t_\tNER=I-DATE|TokenRange=32:36"),
	      "tag: a year closes a date: NUM, NumForm=Digit, I-DATE");
	CHECK(strstr(line_of(out, "يوم", l, sizeof l), "NER=B-DATE|TokenRange=15:18") != NULL &&
	      strstr(line_of(out, "الأحد", l, sizeof l), "NER=I-DATE|TokenRange=19:24") != NULL,
	      "tag: يوم and a weekday start a date");
	CHECK(strstr(line_of(out, "مارس", l, sizeof l), "NER=I-DATE") != NULL, "tag: day month year");
	CHECK(strstr(line_of(out, "5", l, sizeof l), "NER=B-MONEY") != NULL &&
	      strstr(line_of(out, "ملايين", l, sizeof l), "NER=I-MONEY") != NULL &&
	      strstr(line_of(out, "ليرة", l, sizeof l), "NER=I-MONEY|SpaceAfter=No") != NULL,
	      "tag: number, scale word and currency are MONEY");
	CHECK(strstr(line_of(out, "12%", l, sizeof l), "\tNUM\t_\tNumForm=Digit\t_\t_\t_\tNER=B-PERCENT|SpaceAfter=No") != NULL,
	      "tag: 12% is a PERCENT");
	CHECK(!strcmp(line_of(out, ".", l, sizeof l), "15\t.\t.\tPUNCT\t_\t_\t_\t_\t_\tTokenRange=64:65"),
	      "tag: punctuation");
	CHECK(!strcmp(line_of(out, "ارتفع", l, sizeof l), "2\tارتفع\tرفع\tVERB\t_\t_\t0\troot\t_\t_"),
	      "tag: filled LEMMA, UPOS and other columns are kept");
	CHECK(strstr(out, "1-2\tوارتفع\t_\t_\t_\t_\t_\t_\t_\t_\n1\t") && strstr(out, "\n3.1\tx\t_\t_\t_\t_\t_\t_\t_\t_\n"),
	      "tag: range lines and empty nodes pass through");
	CHECK(strstr(line_of(out, "التضخم", l, sizeof l), "\tالتضخم\tتضخم\t") != NULL,
	      "tag: LEMMA without the article");
	free(out);
	nass_tagger_free(t);

	t = nass_tagger_new(rules, NASS_TAG_OVERWRITE, NULL);
	out = tag_text(t, doc, sizeof doc - 1, 4096, &rc, &err);
	CHECK(out && strncmp(line_of(out, "ارتفع", l, sizeof l), "2\tارتفع\tارتفع\t", strlen("2\tارتفع\tارتفع\t")) == 0,
	      "tag: --overwrite replaces the input's LEMMA");
	free(out);
	nass_tagger_free(t);
}

static const char bad_input[] =
	"1\tأ\t_\t_\t_\t_\t_\t_\t_\t_\n"
	"2\tب\t_\t_\t_\t_\t_\t_\n";

static void test_errors(const nass_rules *rules)
{
	nass_tagger *t = nass_tagger_new(rules, 0, NULL);
	nass_rules *r = nass_rules_new();
	nass_error err;
	char dir[] = "/tmp/nass-tag-XXXXXX", path[256], *out;
	int rc;
	FILE *f;

	out = tag_text(t, bad_input, sizeof bad_input - 1, 3, &rc, &err);
	CHECK(!out && rc == NASS_EINPUT && err.line == 2 && !strcmp(err.file, "t.conllu") &&
	      strstr(err.message, "10 TAB-separated columns"),
	      "tag: a short line is an error at its line");
	nass_tagger_free(t);

	/* a rule file naming a data file that says something wrong */
	if (!mkdtemp(dir))
		return;
	snprintf(path, sizeof path, "%s/rules.tsv", dir);
	f = fopen(path, "w");
	fputs("# a comment\nNOUN\tADJ\tPREV_TAG\tNOUN\nNOUN\tADJ\tNO_SUCH_TEMPLATE\tNOUN\n", f);
	fclose(f);
	snprintf(path, sizeof path, "%s/x.yaml", dir);
	f = fopen(path, "w");
	fputs("nass: 1\nkind: tag\nupos:\n  context: rules.tsv\n", f);
	fclose(f);
	CHECK(nass_rules_load_file(r, path, &err) == NASS_OK, "tag: a rule file naming a TSV loads");
	t = nass_tagger_new(r, 0, &err);
	CHECK(!t && err.code == NASS_ERULES && err.line == 3 && strstr(err.file, "/rules.tsv") &&
	      strstr(err.message, "unknown template"),
	      "tag: a bad line of a data file is an error at FILE:LINE");
	nass_tagger_free(t);
	snprintf(path, sizeof path, "%s/rules.tsv", dir);
	unlink(path);
	t = nass_tagger_new(r, 0, &err);
	CHECK(!t && err.code == NASS_EIO && strstr(err.message, "cannot read"),
	      "tag: a missing data file is an error");
	nass_tagger_free(t);
	snprintf(path, sizeof path, "%s/x.yaml", dir);
	unlink(path);
	rmdir(dir);
	nass_rules_free(r);
}

int main(void)
{
	nass_rules *rules = nass_rules_new();
	nass_error err;

	CHECK(nass_rules_load_default(rules, "tag", &err) == NASS_OK, "default tag rules load");
	test_chunks(rules);
	test_defaults(rules);
	test_errors(rules);
	nass_rules_free(rules);
	return CHECK_DONE();
}
