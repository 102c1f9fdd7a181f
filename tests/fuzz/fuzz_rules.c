/* fuzz_rules.c - libFuzzer target for the rule loader (kind normalize).
 *
 * The input is a YAML rule file.  It is loaded twice: into empty rules,
 * and over the built-in defaults (as `normalize -r FILE` does).  It must
 * never crash or leak, and a failure must come with an error code and a
 * message.  When it loads:
 *   - the dump of the rules must load back and dump to the same text
 *     (nass_rules_dump promises a file that "loads back to the same
 *     rules");
 *   - a normalizer is built for each profile it defines (and for the
 *     first one with every step added), and a fixed Arabic text is run
 *     through it in chunks: the output must be valid UTF-8 with as many
 *     LF as the text, and _next must not fail.
 * The rules are loaded under a built-in name, so that an `include:` in
 * the input resolves to the built-in rule files, never to the file
 * system. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nass.h"
#include "rules.h" /* white box: the profile names of a loaded rule set */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NAME RULES_BUILTIN "fuzz.yaml"
#define MAX_PROFILES 8

static const char text[] =
	"\xef\xbb\xbf\xd8\xa8\xd9\x90\xd8\xb3\xd9\x92\xd9\x85\xd9\x90 "
	"\xd9\xb1\xd9\x84\xd9\x84\xd9\x8e\xd9\x91\xd9\x87\xd9\x90\r\n"       /* بِسْمِ ٱللَّهِ CRLF */
	"\xef\xbb\xbb \xef\xb7\xb2\t \xef\xba\x8d\xef\xbb\x9f\n"              /* presentation forms */
	"\xd8\xa3\xd8\xa5\xd8\xa2 \xd9\x89 \xd8\xa9 \xd8\xa4\xd8\xa6 "
	"\xd9\xa1\xd9\xa2\xd9\xa3 \xdb\xb4 \xd8\x9f\xd8\x8c\n"                /* أإآ ى ة ؤئ ١٢٣ ۴ ؟، */
	"\xd9\x83\xd8\xaa\xd9\x80\xd9\x80\xd8\xa7\xd8\xa8  \xe2\x80\x8f\xda\xa9\xdb\x8c\r"
	"Stra\xc3\x9f" "e \xef\xac\x81 \xe2\x84\x8c \xc2\xa0x\n"
	"\xd8\xa7\xd9\x94 \xd9\x8a\xd9\x94 a\xcc\x81 \xff\xc3 \xed\xa0\x80 \x00 end";

static void fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_rules: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
	abort();
}

typedef struct {
	char *data;
	size_t len, cap;
} obuf;

static void obuf_add(obuf *b, const char *s, size_t n)
{
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->len + n)
			cap *= 2;
		if (!(b->data = realloc(b->data, cap)))
			abort();
		b->cap = cap;
	}
	memcpy(b->data + b->len, s, n);
	b->len += n;
}

static int write_obuf(void *ctx, const char *buf, size_t len)
{
	obuf_add(ctx, buf, len);
	return 0;
}

static void check_error(int rc, const nass_error *err)
{
	if (rc != NASS_ERULES && rc != NASS_EINVAL && rc != NASS_EIO && rc != NASS_ENOMEM) {
		char msg[32];
		snprintf(msg, sizeof msg, "%d", rc);
		fail("loading returned an unknown status", msg);
	}
	if (err->code != rc)
		fail("nass_error.code is not the status returned", err->message);
	if (!memchr(err->message, 0, sizeof err->message) || !err->message[0])
		fail("no error message", NULL);
	if (!memchr(err->file, 0, sizeof err->file))
		fail("nass_error.file is not terminated", NULL);
	if (err->line < 0 || err->column < 0)
		fail("negative line or column", err->message);
}

static int utf8_valid(const unsigned char *s, size_t n)
{
	size_t i = 0, len, k;

	while (i < n) {
		unsigned char b = s[i], lo = 0x80, hi = 0xBF;
		if (b < 0x80) {
			i++;
			continue;
		}
		if (b >= 0xC2 && b <= 0xDF)
			len = 2;
		else if (b >= 0xE0 && b <= 0xEF)
			len = 3;
		else if (b >= 0xF0 && b <= 0xF4)
			len = 4;
		else
			return 0;
		lo = b == 0xE0 ? 0xA0 : b == 0xF0 ? 0x90 : 0x80;
		hi = b == 0xED ? 0x9F : b == 0xF4 ? 0x8F : 0xBF;
		if (n - i < len || s[i + 1] < lo || s[i + 1] > hi)
			return 0;
		for (k = 2; k < len; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
		i += len;
	}
	return 1;
}

static void on_diag(void *ctx, const char *message)
{
	(void)ctx;
	if (!message || !*message)
		fail("empty diagnostic", NULL);
}

static void drain(nass_normalizer *nz, obuf *out, const char *profile)
{
	const char *p;
	size_t n;
	int rc;

	while ((rc = nass_normalizer_next(nz, &p, &n)) == NASS_OK) {
		if (!p || !n)
			fail("_next returned NASS_OK with an empty piece", profile);
		obuf_add(out, p, n);
	}
	if (rc != NASS_AGAIN)
		fail("_next failed", nass_strerror(rc));
}

static void run_profile(const nass_rules *r, const char *profile, const char *add)
{
	nass_normalizer *nz;
	nass_error err;
	obuf out = {0};
	size_t i, k, nl = 0, onl = 0;

	if (!(nz = nass_normalizer_new(r, profile, add, NULL, &err))) {
		/* The rules passed nrules_check, so only a bad `add` may fail. */
		check_error(err.code, &err);
		if (!add)
			fail("no normalizer for a profile of loaded rules", err.message);
		return;
	}
	nass_normalizer_set_diag(nz, on_diag, NULL);
	for (i = 0; i < sizeof text - 1; i += k) {
		k = sizeof text - 1 - i < 7 ? sizeof text - 1 - i : 7;
		if (nass_normalizer_feed(nz, text + i, k))
			fail("_feed refused input", profile);
		drain(nz, &out, profile);
	}
	nass_normalizer_finish(nz);
	drain(nz, &out, profile);
	nass_normalizer_free(nz);
	for (i = 0; i < sizeof text - 1; i++)
		nl += text[i] == '\n';
	for (i = 0; i < out.len; i++)
		onl += out.data[i] == '\n';
	if (!utf8_valid((const unsigned char *)out.data, out.len))
		fail("output is not valid UTF-8", profile);
	if (nl != onl)
		fail("output has a different number of LF than the input", profile);
	free(out.data);
}

struct names {
	obuf csv;
};

static int add_name(void *ctx, const char *name, const char *description)
{
	struct names *n = ctx;

	(void)description;
	if (!name || !description)
		fail("a step without a name or description", NULL);
	if (n->csv.len)
		obuf_add(&n->csv, ",", 1);
	obuf_add(&n->csv, name, strlen(name));
	return 0;
}

/* dump -> load -> dump must give the same text. */
static void round_trip(const nass_rules *r)
{
	obuf d1 = {0}, d2 = {0};
	nass_rules *r2;
	nass_error err;
	int rc;

	if ((rc = nass_rules_dump(r, "normalize", write_obuf, &d1, &err)))
		fail("dump failed", err.message);
	if (!(r2 = nass_rules_new()))
		abort();
	if ((rc = nass_rules_load_string(r2, RULES_BUILTIN "dump.yaml", d1.data, d1.len, &err))) {
		fprintf(stderr, "--- dump:\n%.*s\n---\n", (int)d1.len, d1.data);
		fprintf(stderr, "line %d column %d\n", err.line, err.column);
		fail("the dump of loaded rules does not load", err.message);
	}
	if (nass_rules_dump(r2, "normalize", write_obuf, &d2, &err))
		fail("dump of reloaded rules failed", err.message);
	if (d1.len != d2.len || memcmp(d1.data, d2.data, d1.len)) {
		fprintf(stderr, "--- first dump:\n%.*s\n--- second dump:\n%.*s\n---\n",
		        (int)d1.len, d1.data, (int)d2.len, d2.data);
		fail("dump, load, dump changes the rules", NULL);
	}
	nass_rules_free(r2);
	free(d1.data);
	free(d2.data);
}

static void exercise(const nass_rules *r)
{
	const nrules *nr = &r->normalize;
	struct names names = {{0}};
	size_t i;

#ifdef FUZZ_SKIP_EMPTY_DUMP
	/* Built so while a reported bug is open: an empty `steps:` or
	 * `profiles:` is dumped as a null value, which does not load. */
	if (nr->nsteps && nr->nprofiles)
#endif
		round_trip(r);
	for (i = 0; i < nr->nprofiles && i < MAX_PROFILES; i++)
		run_profile(r, nr->profiles[i]->name, NULL);
	if (nass_rules_steps(r, add_name, &names))
		fail("nass_rules_steps failed", NULL);
	if (nr->nprofiles && names.csv.len) {
		obuf_add(&names.csv, "", 1);
		run_profile(r, nr->profiles[0]->name, names.csv.data);
	}
	free(names.csv.data);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	nass_rules *r;
	nass_error err;
	int rc, pass;

	for (pass = 0; pass < 2; pass++) {
		if (!(r = nass_rules_new()))
			abort();
		memset(&err, 0, sizeof err);
		if (pass && (rc = nass_rules_load_default(r, "normalize", &err)))
			fail("cannot load the default rules", err.message);
		rc = nass_rules_load_string(r, NAME, (const char *)data, size, &err);
		if (rc)
			check_error(rc, &err);
		else
			exercise(r);
		nass_rules_free(r);
	}
	return 0;
}
