/* Unit tests of the string tables (lexicon.h): dense ids, lookups, room
 * made in advance, and the TSV line counter. */
#include <stdio.h>

#include "check.h"
#include "lexicon.h"

/* Add n keys "kI" to lx; 1 if each got id first + I. */
static int add_keys(lexicon *lx, int n, long first)
{
	char k[16];
	int i;

	for (i = 0; i < n; i++) {
		int len = snprintf(k, sizeof k, "k%d", i);
		if (lexicon_id(lx, k, (size_t)len, 1) != first + i)
			return 0;
	}
	return 1;
}

/* 1 if each of the n keys "kI" is found with id first + I. */
static int find_keys(const lexicon *lx, int n, long first)
{
	char k[16];
	int i;

	for (i = 0; i < n; i++) {
		int len = snprintf(k, sizeof k, "k%d", i);
		if (lexicon_find(lx, k, (size_t)len) != first + i)
			return 0;
	}
	return 1;
}

int main(void)
{
	lexicon a = {0}, b = {0};
	const char *tsv = "x\t1\n\n# c\ny\t2", *one = "a\n";
	size_t n;
	const char *key;

	CHECK(lexicon_find(&a, "k0", 2) == -1, "an empty lexicon finds nothing");
	CHECK(add_keys(&a, 1000, 0) && find_keys(&a, 1000, 0), "ids in the order added, all found");
	CHECK(lexicon_id(&a, "k7", 2, 1) == 7 && a.n == 1000, "a key added again keeps its id");
	CHECK(lexicon_id(&a, "new", 3, 0) == -1 && a.n == 1000, "without add, nothing is added");
	key = lexicon_key(&a, 999, &n);
	CHECK(n == 4 && !memcmp(key, "k999", 4), "the key of an id");

	/* Room made before the first key: each key must still go in its
	 * hash's place (the first once went to slot 0 and was lost). */
	CHECK(lexicon_reserve(&b, 5000, 5000 * 6) == 0, "room for 5000 keys");
	CHECK(lexicon_find(&b, "k0", 2) == -1, "reserved but empty: nothing found");
	CHECK(add_keys(&b, 3000, 0) && find_keys(&b, 3000, 0), "keys added into reserved room are found");
	CHECK(lexicon_reserve(&b, 4000, 4000 * 6) == 0 && find_keys(&b, 3000, 0),
	      "more room for a non-empty lexicon keeps its keys");
	CHECK(add_keys(&b, 7000, 0) && find_keys(&b, 7000, 0) && b.n == 7000,
	      "and takes new ones after them");

	CHECK(tsv_lines(tsv, tsv + strlen(tsv)) == 4, "four lines, the last without a newline");
	CHECK(tsv_lines(tsv, tsv) == 0, "no text, no line");
	CHECK(tsv_lines(one, one + 2) == 1, "one line ending in a newline");
	lexicon_free(&a);
	lexicon_free(&b);
	return CHECK_DONE();
}
