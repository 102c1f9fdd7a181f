/* Unit tests of the normalizer through the public API: results, chunk
 * invariance (any feed sizes give the same bytes), documents, limits. */
#include <dirent.h>
#include <stdlib.h>

#include "check.h"
#include "nass.h"


static void drain(nass_normalizer *nz, struct out *o)
{
	const char *p;
	size_t n;

	while (nass_normalizer_next(nz, &p, &n) == NASS_OK)
		out_add(o, p, n);
}

/* Normalize `in` fed in chunks of `chunk` bytes (0: whole). */
static struct out run(nass_normalizer *nz, const char *in, size_t len, size_t chunk)
{
	struct out o = {0};
	size_t i = 0, k;

	out_add(&o, "", 0);
	if (!chunk)
		chunk = len ? len : 1;
	while (i < len) {
		k = len - i < chunk ? len - i : chunk;
		nass_normalizer_feed(nz, in + i, k);
		drain(nz, &o);
		i += k;
	}
	nass_normalizer_finish(nz);
	drain(nz, &o);
	return o;
}

static int expect(nass_normalizer *nz, const char *in, const char *want)
{
	struct out o = run(nz, in, strlen(in), 0);
	int ok = o.len == strlen(want) && !memcmp(o.data, want, o.len);

	if (!ok)
		printf("  got [%s] want [%s]\n", o.data, want);
	free(o.data);
	return ok;
}

static int invariant(nass_normalizer *nz, const char *in, size_t len)
{
	static const size_t sizes[] = {1, 2, 3, 5, 7, 64, 4096};
	struct out whole = run(nz, in, len, 0);
	size_t i;
	int ok = 1;

	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		struct out part = run(nz, in, len, sizes[i]);
		if (part.len != whole.len || memcmp(part.data, whole.data, whole.len))
			ok = 0;
		free(part.data);
	}
	free(whole.data);
	return ok;
}

static const char regex_rules[] =
	"nass: 1\nkind: normalize\n"
	"steps:\n"
	"  strip-urls:\n"
	"    description: replace URLs\n"
	"    regex:\n"
	"      - pattern: 'https?://\\S+'\n"
	"        replace: URL\n"
	"profiles:\n"
	"  urls: [strip-urls, default, alef]\n";

static const char *samples[] = {
	"  \xd9\x88\xd9\x8e\xd8\xa3\xd9\x8e\xd9\x83\xd9\x91\xd9\x8e\xd8\xaf\xd9\x8e  \xe2\x80\x8f"
	"\xd8\xa7\xd9\x84\xd8\xb1\xd9\x91\xd9\x8e\xd8\xa6\xd9\x90\xd9\x8a\xd8\xb3\xd9\x8f \t\r\n"
	"\xef\xbb\xbb\xef\xbb\xb3 \xef\xb9\xb0 \xd8\xa7\xd9\x94 Cafe\xcc\x81 \xff\xfe\r\rend\n\n",
	"\xd8\xb3\xd9\x80\xd9\x80\xd9\x84\xd8\xa7\xd9\x85 https://example.com/a?b=1 \xd8\xa3\xd8\xad\xd9\x85\xd8\xaf\n"
	"no newline at end \xe2\x80\x8b  ",
	"e\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81"
	"\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81"
	"\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81"
	"\xcc\x81\xcc\x81 x\n",
};

static void test_invariance(nass_rules *rules, const char *profile)
{
	nass_error err;
	nass_normalizer *nz = nass_normalizer_new(rules, profile, NULL, NULL, &err);
	char name[128];
	size_t i;
	DIR *d;

	for (i = 0; i < sizeof samples / sizeof samples[0]; i++) {
		snprintf(name, sizeof name, "chunk invariance, profile %s, sample %zu", profile, i);
		CHECK(invariant(nz, samples[i], strlen(samples[i])), name);
	}
	/* Every golden input, when the tests run from the source tree. */
	if ((d = opendir("tests/golden/normalize"))) {
		struct dirent *e;
		int all = 1, n = 0;
		while ((e = readdir(d))) {
			char path[512], *buf;
			FILE *f;
			size_t len;
			if (!strstr(e->d_name, ".in") || strcmp(strstr(e->d_name, ".in"), ".in"))
				continue;
			snprintf(path, sizeof path, "tests/golden/normalize/%s", e->d_name);
			if (!(f = fopen(path, "rb")))
				continue;
			buf = malloc(1 << 20);
			len = fread(buf, 1, 1 << 20, f);
			fclose(f);
			if (!invariant(nz, buf, len)) {
				printf("  not invariant: %s\n", path);
				all = 0;
			}
			n++;
			free(buf);
		}
		closedir(d);
		snprintf(name, sizeof name, "chunk invariance on %d golden inputs, profile %s", n, profile);
		CHECK(all, name);
	}
	nass_normalizer_free(nz);
}

int main(void)
{
	nass_error err;
	nass_rules *rules = nass_rules_new();
	nass_normalizer *nz;
	unsigned long long bad, first;
	struct out o;

	CHECK(nass_rules_load_default(rules, "normalize", &err) == NASS_OK, "default rules load");
	CHECK(nass_rules_load_string(rules, "regex.yaml", regex_rules, strlen(regex_rules), &err) == NASS_OK,
	      "regex rules load");

	nz = nass_normalizer_new(rules, NULL, NULL, NULL, &err);
	CHECK(nz != NULL, "default normalizer");
	/* NFKC of lam-alef ligature, tatweel deleted, spaces collapsed. */
	CHECK(expect(nz, "\xef\xbb\xbb  \xd8\xb3\xd9\x80\xd9\x84\xd8\xa7\xd9\x85\n",
	             "\xd9\x84\xd8\xa7 \xd8\xb3\xd9\x84\xd8\xa7\xd9\x85\n"),
	      "default: presentation form, tatweel, spaces");
	/* Two documents: state does not leak from one into the next. */
	CHECK(expect(nz, "a  ", "a"), "trailing spaces trimmed at end of document");
	CHECK(expect(nz, "  b", "b"), "leading spaces trimmed at start of next document");
	o = run(nz, "x\xff" "y\xfe", 4, 1);
	nass_normalizer_invalid(nz, &bad, &first);
	CHECK(bad == 2 && first == 1, "invalid bytes counted with first offset, fed byte by byte");
	CHECK_MEM(o.data, o.len, "x\xef\xbf\xbdy\xef\xbf\xbd", 8, "invalid bytes become U+FFFD");
	free(o.data);
	nass_normalizer_free(nz);

	nz = nass_normalizer_new(rules, "urls", NULL, NULL, &err);
	CHECK(nz != NULL, "profile with a regex step");
	CHECK(expect(nz, "\xd8\xa3 https://x.org/\xd8\xa3  \xd8\xa3\n\xd8\xa5\n",
	             "\xd8\xa7 URL \xd8\xa7\n\xd8\xa7\n"),
	      "regex step runs per line before the character steps");
	nass_normalizer_free(nz);

	CHECK(!nass_normalizer_new(rules, "nope", NULL, NULL, &err) && err.code == NASS_EINVAL &&
	          strstr(err.message, "unknown profile 'nope'"),
	      "unknown profile is an error");
	CHECK(!nass_normalizer_new(rules, NULL, "alef,bogus", NULL, &err) &&
	          strstr(err.message, "unknown step 'bogus'"),
	      "unknown added step is an error");
	nz = nass_normalizer_new(rules, "search", NULL, "casefold,digits", &err);
	CHECK(nz && expect(nz, "ABC \xd9\xa1\n", "ABC \xd9\xa1\n"), "-x removes steps from a profile");
	nass_normalizer_free(nz);
	nz = nass_normalizer_new(rules, "default", "casefold,casefold", NULL, &err);
	CHECK(nz && expect(nz, "\xce\xa3\xd0\x94 Stra\xc3\x9f" "e\n", "\xcf\x83\xd0\xb4 strasse\n"),
	      "casefold: Greek, Cyrillic, sharp s");
	nass_normalizer_free(nz);

	test_invariance(rules, "default");
	test_invariance(rules, "search");
	test_invariance(rules, "urls");
	nass_rules_free(rules);
	return CHECK_DONE();
}
