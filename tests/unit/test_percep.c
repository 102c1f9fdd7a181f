/* Unit tests of the perceptron weights (tag_percep.h): the built-in
 * files, whose rows are parsed only when first used, all parse; a row
 * of a file read from disk is parsed at once, and a malformed one is an
 * error that names its line. */
#include <stdio.h>
#include <unistd.h>

#include "check.h"
#include "tag_model.h"
#include "tag_percep.h"

/* Write text to a temporary file; its name in path. */
static int write_tmp(char *path, size_t size, const char *text)
{
	FILE *f;

	snprintf(path, size, "%s/nass-percep-%ld.tsv", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
	         (long)getpid());
	if (!(f = fopen(path, "w")))
		return 0;
	fputs(text, f);
	return fclose(f) == 0;
}

int main(void)
{
	percep p;
	nass_error err;
	char path[512];
	int32_t score[PERCEP_STRIDE] = {0};

	CHECK(percep_load(&p, &UPOS_PSPEC, "builtin:tag/tag-perceptron.tsv", &err) == NASS_OK,
	      "the built-in UPOS weights load");
	CHECK(p.nrows > 10000 && p.text, "more than 10,000 rows, to be parsed when used");
	CHECK(percep_check(&p) == 0, "every row of the built-in UPOS weights parses");
	percep_add(&p, percep_static(&p, "b=", 2), score);
	CHECK(score[PERCEP_STRIDE - 1] == 1, "a row used is parsed (its mark added in the slot past the tags)");
	percep_free(&p);
	CHECK(percep_load(&p, &NER_PSPEC, "builtin:tag/ner-perceptron.tsv", &err) == NASS_OK,
	      "the built-in NER weights load");
	CHECK(percep_check(&p) == 0, "every row of the built-in NER weights parses");
	percep_free(&p);

	/* from disk: parsed at once; b= weighs NOUN 5 and VERB -2 */
	CHECK(write_tmp(path, sizeof path, "# weights\nb=\tNOUN:5,VERB:-2\n"), "a temporary file");
	{
		int noun = tag_upos_index_n("NOUN", 4), verb = tag_upos_index_n("VERB", 4);
		memset(score, 0, sizeof score);
		CHECK(percep_load(&p, &UPOS_PSPEC, path, &err) == NASS_OK && !p.text, "a file's weights load, parsed");
		percep_add(&p, percep_static(&p, "b=", 2), score);
		CHECK(noun >= 0 && verb >= 0 && score[noun] == 5 && score[verb] == -2, "its weights are added");
		percep_free(&p);
		write_tmp(path, sizeof path, "# weights\nb=\tNOUN:5\nw=x\tNOUN:5,FOO:1\n");
		CHECK(percep_load(&p, &UPOS_PSPEC, path, &err) == NASS_ERULES && err.line == 3,
		      "an unknown tag in a file is an error at its line");
		percep_free(&p);
		remove(path);
	}
	return CHECK_DONE();
}
