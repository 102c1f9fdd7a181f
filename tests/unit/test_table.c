/* Unit tests of the sorted text table searched where it lies (table.h). */
#include "check.h"
#include "table.h"

/* The value of key in t as a string in out ("-" if absent). */
static const char *find(const table *t, const char *key, char *out)
{
	const char *v;
	size_t vl;

	if (!table_find(t, key, strlen(key), &v, &vl))
		return "-";
	memcpy(out, v, vl);
	out[vl] = 0;
	return out;
}

int main(void)
{
	/* keys in byte order: "ب" is D8 A8, after every ASCII key */
	static const char text[] = "# a comment\n# another\n\n"
	                           "a\t1\nab\t2\nb\t3\nbb\t4\r\nc\t\nzz\t6\nب\tN\nبيت\tNV";
	table t, empty;
	char out[16];

	CHECK(table_init(&t, text, sizeof text - 1) == 0 && t.n == 8, "eight data lines");
	CHECK(table_init(&empty, "# only a comment\n", 17) == 0 && empty.n == 0, "no data line");
	CHECK(!strcmp(find(&t, "a", out), "1"), "the first key");
	CHECK(!strcmp(find(&t, "ab", out), "2"), "a key that has the one before as prefix");
	CHECK(!strcmp(find(&t, "b", out), "3"), "a key in the middle");
	CHECK(!strcmp(find(&t, "bb", out), "4"), "a CRLF line's value has no \\r");
	CHECK(!strcmp(find(&t, "c", out), ""), "an empty value is found, empty");
	CHECK(!strcmp(find(&t, "بيت", out), "NV"), "the last key, with no newline after it");
	CHECK(!strcmp(find(&t, "ب", out), "N"), "an Arabic key");
	CHECK(!strcmp(find(&t, "aa", out), "-") && !strcmp(find(&t, "0", out), "-") &&
	      !strcmp(find(&t, "zzz", out), "-") && !strcmp(find(&t, "بي", out), "-"),
	      "keys between, before and after the listed ones are absent");
	CHECK(!strcmp(find(&t, "# a comment", out), "-"), "the comments at the top are not data");
	CHECK(!strcmp(find(&empty, "a", out), "-"), "a table with no data finds nothing");
	{
		/* blank lines after the data would sort before it: dropped */
		static const char blanks[] = "a\t1\n\n\n\n\n\n\n\n\n";
		table b;
		CHECK(table_init(&b, blanks, sizeof blanks - 1) == 0 && b.n == 1, "one line, the eight blank ones after it dropped");
		CHECK(!strcmp(find(&b, "a", out), "1"), "found before the blank lines");
		table_free(&b);
	}
	table_free(&t);
	table_free(&empty);
	return CHECK_DONE();
}
