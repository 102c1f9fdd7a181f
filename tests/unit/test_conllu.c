/* test_conllu.c - the CoNLL-U reader: sentences, line kinds and columns,
 * the same result however the input is cut, the line limit, and the
 * errors for text that is not CoNLL-U. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "conllu.h"

/* Two sentences: comments, a range line, an empty node, CR LF, and no
 * blank line after the last. */
static const char doc[] =
	"# newdoc id = a.txt\n"
	"# sent_id = a.txt-1\n"
	"# text = وأكد الوزير.\n"
	"1-2\tوأكد\t_\t_\t_\t_\t_\t_\t_\tTokenRange=0:4\n"
	"1\tو\t_\t_\t_\t_\t_\t_\t_\t_\n"
	"2\tأكد\t_\t_\t_\t_\t_\t_\t_\t_\n"
	"3\tالوزير\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n"
	"3.1\tx\t_\t_\t_\t_\t_\t_\t_\t_\n"
	"4\t.\t_\t_\t_\t_\t_\t_\t_\t_\n"
	"\n"
	"# sent_id = a.txt-2\r\n"
	"1\tانتهى\t_\t_\t_\t_\t_\t_\t_\t_\r\n";

/* Read all of text fed in chunks of `chunk`; a summary of what came out:
 * per sentence its line count and kinds, and the text of column 2. */
static char *summary(const char *text, size_t len, size_t chunk, size_t max, int *status)
{
	conllu_reader *r = conllu_reader_new(max);
	const conllu_sent *s;
	nass_error err;
	char *out = calloc(1, 4096);
	size_t i, k, o = 0;
	int rc = NASS_OK;

	conllu_begin(r, "t.conllu");
	for (i = 0; i < len + chunk && rc != NASS_EINPUT; i += chunk) {
		if (i < len)
			conllu_feed(r, text + i, len - i < chunk ? len - i : chunk);
		else
			conllu_finish(r); /* once, after the last chunk */
		while ((rc = conllu_next(r, &s, &err)) == NASS_OK) {
			o += (size_t)snprintf(out + o, 4096 - o, "[%zu%s", s->nlines, s->cut ? " cut" : "");
			for (k = 0; k < s->nlines; k++) {
				const conllu_line *l = &s->lines[k];
				o += (size_t)snprintf(out + o, 4096 - o, " %d", l->kind);
				if (l->kind != CONLLU_COMMENT)
					o += (size_t)snprintf(out + o, 4096 - o, ":%.*s", (int)l->collen[1],
					                      s->text.data + l->col[1]);
			}
			o += (size_t)snprintf(out + o, 4096 - o, "]");
		}
		if (rc == NASS_EINPUT)
			o += (size_t)snprintf(out + o, 4096 - o, "{%s:%d: %s}", err.file, err.line, err.message);
	}
	*status = rc;
	conllu_reader_free(r);
	return out;
}

int main(void)
{
	static const size_t chunks[] = {1, 2, 3, 7, 64, 4096};
	size_t i, n = sizeof doc - 1;
	int st;
	char *whole = summary(doc, n, n, 1000, &st), *part;
	const char *want = "[9 0 0 0 2:وأكد 1:و 1:أكد 1:الوزير 3:x 1:.][2 0 1:انتهى]";

	CHECK(!strcmp(whole, want), "two sentences: comments, range, words, empty node; CR LF; no final blank line");
	if (strcmp(whole, want))
		printf("  got  %s\n  want %s\n", whole, want);
	for (i = 0; i < sizeof chunks / sizeof *chunks; i++) {
		part = summary(doc, n, chunks[i], 1000, &st);
		CHECK(!strcmp(part, whole), "the same sentences however the input is cut");
		free(part);
	}
	free(whole);

	part = summary(doc, n, 5, 4, &st);
	CHECK(!strcmp(part, "[4 cut 0 0 0 2:وأكد][4 cut 1:و 1:أكد 1:الوزير 3:x][1 1:.][2 0 1:انتهى]"),
	      "a sentence longer than the limit is cut into pieces");
	free(part);

	{
		static const char text[] = "\n\nقال الوزير إن الاتفاق نهائي.\n";
		part = summary(text, sizeof text - 1, 4096, 1000, &st);
		CHECK(st == NASS_EINPUT && strstr(part, "{t.conllu:3: expected CoNLL-U: pipe text through tokenize}"),
		      "plain text is refused, with its line");
		free(part);
	}
	{
		static const char bad[] = "1\ta\t_\t_\t_\t_\t_\t_\t_\t_\n2\tb\t_\t_\n";
		part = summary(bad, sizeof bad - 1, 3, 1000, &st);
		CHECK(st == NASS_EINPUT && strstr(part, "{t.conllu:2: expected 10 TAB-separated columns, found fewer}"),
		      "a short line is an error at its line");
		free(part);
	}
	{
		static const char blank[] = "\n\n\n";
		part = summary(blank, sizeof blank - 1, 1, 1000, &st);
		CHECK(st == NASS_AGAIN && !*part, "blank lines alone are no sentence");
		free(part);
	}
	return CHECK_DONE();
}
