/* Unit tests of the tokenizer through the public API (nass.h):
 *  - chunk invariance: every golden input of tests/golden/tokenize (NAME.in
 *    and inputs/NAME.txt) fed one byte at a time and in chunks of 2, 3, 7 and
 *    4096 bytes gives the same sentences and the same output in every
 *    format as fed whole; by default, with a limit of 4 tokens, with
 *    --doc-per-line and with --split-clitics (whatever it splits);
 *  - the round trip: each word's form is the document text at its
 *    TokenRange (in characters, invalid bytes counting as one U+FFFD
 *    each), word ranges increase and do not overlap, only white space lies
 *    between them, SpaceAfter says whether any does, and the forms with the
 *    document's white space between them give back the document;
 *  - several documents through one tokenizer (begin/finish), invalid
 *    UTF-8 counted per document, the length limit, and JSON output that
 *    parses as one object a line.
 * Run from the top of the source tree (as `make check` does). */
#include <dirent.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <utf8proc.h>

#include "check.h"
#include "nass.h"

#define GOLDEN "tests/golden/tokenize"

/* ------------------------------------------------------------ buffers */


static void out_printf(struct out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void out_printf(struct out *o, const char *fmt, ...)
{
	char tmp[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	out_add(o, tmp, n < (int)sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct out o = {0};
	char tmp[4096];
	size_t n;

	if (!f)
		return NULL;
	out_add(&o, "", 0);
	while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
		out_add(&o, tmp, n);
	fclose(f);
	*len = o.len;
	return o.data;
}

/* ------------------------------------------------------------ running */

static const int formats[] = {NASS_FORMAT_CONLLU, NASS_FORMAT_HORIZONTAL,
                              NASS_FORMAT_VERTICAL, NASS_FORMAT_JSON};

/* Everything a sentence says, in every format, plus what no format shows
 * (the cut flag, the word types and token_words). */
static void record(nass_tokenizer *t, const nass_sentence *s, struct out *o)
{
	const char *p;
	size_t n, i;

	out_printf(o, "[%s %llu doc=%d par=%d cut=%d]\n", s->doc_id, s->number,
	           s->new_document, s->new_paragraph, s->cut);
	for (i = 0; i < s->nwords; i++)
		out_printf(o, "%s/%d ", s->words[i].type, s->words[i].token_words);
	out_add(o, "\n", 1);
	for (i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		if (nass_tokenizer_format(t, s, formats[i], &p, &n) != NASS_OK) {
			out_add(o, "FORMAT FAILED\n", 14);
			continue;
		}
		out_add(o, p, n);
	}
}

static int drain(nass_tokenizer *t, struct out *o)
{
	const nass_sentence *s;
	int rc;

	while ((rc = nass_tokenizer_next(t, &s)) == NASS_OK)
		record(t, s, o);
	return rc;
}

/* Tokenize one document fed in chunks of `chunk` bytes (0: whole). */
static struct out run(nass_tokenizer *t, const char *id, const char *in, size_t len,
                      size_t chunk)
{
	struct out o = {0};
	size_t i = 0, k;
	int rc = NASS_AGAIN;

	out_add(&o, "", 0);
	nass_tokenizer_begin(t, id);
	if (!chunk)
		chunk = len ? len : 1;
	while (i < len && rc == NASS_AGAIN) {
		k = len - i < chunk ? len - i : chunk;
		nass_tokenizer_feed(t, in + i, k);
		rc = drain(t, &o);
		i += k;
	}
	if (rc == NASS_AGAIN) {
		nass_tokenizer_finish(t);
		rc = drain(t, &o);
	}
	if (rc != NASS_AGAIN)
		out_printf(&o, "ERROR %d\n", rc);
	return o;
}

/* ------------------------------------------------------------ decoding */

/* The document as code points: a well-formed sequence (Unicode Table
 * 3-7) is one character, any other byte is one U+FFFD. */
static size_t decode(const char *s, size_t n, int32_t *out)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, c = 0, len, j;

	while (i < n) {
		unsigned char b = u[i];
		int32_t cp;
		unsigned char lo = 0x80, hi = 0xBF;

		if (b < 0x80) {
			out[c++] = b;
			i++;
			continue;
		}
		if (b >= 0xC2 && b <= 0xDF)
			len = 2, cp = b & 0x1F;
		else if (b >= 0xE0 && b <= 0xEF)
			len = 3, cp = b & 0x0F;
		else if (b >= 0xF0 && b <= 0xF4)
			len = 4, cp = b & 0x07;
		else
			len = 0, cp = 0;
		if (b == 0xE0)
			lo = 0xA0;
		else if (b == 0xED)
			hi = 0x9F;
		else if (b == 0xF0)
			lo = 0x90;
		else if (b == 0xF4)
			hi = 0x8F;
		for (j = 1; len && j < len; j++) {
			unsigned char lo_j = j == 1 ? lo : 0x80, hi_j = j == 1 ? hi : 0xBF;
			if (i + j >= n || u[i + j] < lo_j || u[i + j] > hi_j) {
				len = 0;
				break;
			}
			cp = (cp << 6) | (u[i + j] & 0x3F);
		}
		if (!len) {
			out[c++] = 0xFFFD;
			i++;
		} else {
			out[c++] = cp;
			i += len;
		}
	}
	return c;
}

/* White space as the issue means it: separators and controls, and the
 * invisible format characters other than the joiners and the soft hyphen
 * (which belong to the word they are in). */
static int is_space(int32_t cp)
{
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
	case UTF8PROC_CATEGORY_CC:
		return 1;
	case UTF8PROC_CATEGORY_CF:
		return cp != 0x200C && cp != 0x200D && cp != 0x00AD;
	default:
		return 0;
	}
}

/* ------------------------------------------------------------ round trip */

struct trip {
	const char *name;
	int32_t *doc;         /* the current document's characters */
	size_t ndoc;
	const int32_t *all;   /* the whole input */
	size_t nall;
	int per_line;
	struct out rebuilt;   /* the forms with the white space between */
	unsigned long long next; /* first character not yet covered */
	char cur_id[600];
	int ok;
	int said;
};

static void trip_fail(struct trip *tr, const char *why, const nass_sentence *s, size_t w)
{
	tr->ok = 0;
	if (tr->said++ < 3)
		printf("  %s: sentence %s-%llu word %zu: %s\n", tr->name, s->doc_id, s->number, w + 1, why);
}

static void put_cp(struct out *o, int32_t cp)
{
	char u[4];
	utf8proc_ssize_t n = utf8proc_encode_char(cp, (utf8proc_uint8_t *)u);
	out_add(o, u, (size_t)n);
}

/* The rest of the document after the last word: white space only; add it
 * to the rebuilt text. */
static void trip_end_doc(struct trip *tr, const nass_sentence *s)
{
	size_t i;

	for (i = tr->next; i < tr->ndoc; i++) {
		if (!is_space(tr->doc[i]) && s)
			trip_fail(tr, "text after the last word is not white space", s, 0);
		put_cp(&tr->rebuilt, tr->doc[i]);
	}
	tr->next = tr->ndoc;
}

/* Point tr->doc at document `id`: the whole input, or line N of it for
 * --doc-per-line ids PATH:N. */
static void trip_doc(struct trip *tr, const char *id)
{
	size_t line = 1, i, start = 0;
	const char *colon;

	tr->next = 0;
	snprintf(tr->cur_id, sizeof tr->cur_id, "%s", id);
	if (!tr->per_line) {
		tr->doc = (int32_t *)tr->all;
		tr->ndoc = tr->nall;
		return;
	}
	colon = strrchr(id, ':');
	line = colon ? strtoul(colon + 1, NULL, 10) : 1;
	for (i = 0; i < tr->nall && line > 1; i++)
		if (tr->all[i] == '\n') {
			line--;
			start = i + 1;
		}
	if (line > 1)
		start = tr->nall;
	tr->doc = (int32_t *)tr->all + start;
	for (i = start; i < tr->nall && tr->all[i] != '\n'; i++)
		;
	tr->ndoc = i - start;
}

static void trip_sentence(struct trip *tr, const nass_sentence *s)
{
	int32_t *form;
	size_t i, j, n;
	struct out text = {0};

	if (s->new_document || strcmp(s->doc_id, tr->cur_id)) {
		if (tr->cur_id[0])
			trip_end_doc(tr, s);
		trip_doc(tr, s->doc_id);
		if (!s->new_document)
			trip_fail(tr, "a new document without new_document", s, 0);
	}
	out_add(&text, "", 0);
	for (i = 0; i < s->nwords; i++) {
		const nass_word *w = &s->words[i];

		if (w->start < tr->next || w->end <= w->start || w->end > tr->ndoc) {
			trip_fail(tr, "range not increasing, empty or past the end", s, i);
			return;
		}
		for (j = tr->next; j < w->start; j++) {
			if (!is_space(tr->doc[j]))
				trip_fail(tr, "something other than white space between words", s, i);
			put_cp(&tr->rebuilt, tr->doc[j]);
			if (i > 0)
				put_cp(&text, (tr->doc[j] >= 0 && tr->doc[j] < 0x20) || tr->doc[j] == 0x7F
				                      ? ' ' : tr->doc[j]);
		}
		if (i > 0 && (w->start > tr->next) != (s->words[i - 1].space_after != 0))
			trip_fail(tr, "SpaceAfter does not match the text", s, i - 1);
		if (!(form = malloc((w->len + 1) * sizeof *form)))
			abort();
		n = decode(w->form, w->len, form);
		if (n != w->end - w->start || memcmp(form, tr->doc + w->start, n * sizeof *form))
			trip_fail(tr, "form is not the text at its TokenRange", s, i);
		free(form);
		out_add(&tr->rebuilt, w->form, w->len);
		out_add(&text, w->form, w->len);
		tr->next = w->end;
	}
	/* The last word: white space (or the end of the document) follows
	 * unless SpaceAfter=No. */
	if (s->nwords) {
		const nass_word *w = &s->words[s->nwords - 1];
		int space = w->end >= tr->ndoc || is_space(tr->doc[w->end]);
		if (space != (w->space_after != 0))
			trip_fail(tr, "SpaceAfter of the last word does not match the text", s,
			          s->nwords - 1);
	}
	if (text.len != s->text_len || memcmp(text.data, s->text, text.len))
		trip_fail(tr, "# text is not the text from the first to the last word", s, 0);
	free(text.data);
}

/* The round trip over one input, tokenized with `flags`.  With clitics
 * split, the words of a token are checked like tokens: their forms are
 * the text at their ranges, with nothing between them. */
static int round_trip(const nass_rules *rules, const char *name, const char *in, size_t len,
                      int flags, size_t max_tokens)
{
	nass_error err;
	nass_tokenizer *t = nass_tokenizer_new(rules, flags, &err);
	int per_line = (flags & NASS_TOKENIZE_DOC_PER_LINE) != 0;
	int32_t *all = malloc((len + 1) * sizeof *all);
	struct trip tr = {0};
	const nass_sentence *s;
	struct out want = {0};
	size_t i;
	int rc;

	if (!t || !all)
		abort();
	if (max_tokens)
		nass_tokenizer_set_max_tokens(t, max_tokens);
	tr.name = name;
	tr.all = all;
	tr.nall = decode(in, len, all);
	tr.per_line = per_line;
	tr.ok = 1;
	out_add(&tr.rebuilt, "", 0);
	nass_tokenizer_begin(t, "-");
	nass_tokenizer_feed(t, in, len);
	nass_tokenizer_finish(t);
	while ((rc = nass_tokenizer_next(t, &s)) == NASS_OK)
		trip_sentence(&tr, s);
	if (rc != NASS_AGAIN)
		tr.ok = 0;
	if (!per_line) {
		if (!tr.cur_id[0])
			trip_doc(&tr, "-");
		trip_end_doc(&tr, NULL);
		/* The forms and the white space give back the document. */
		out_add(&want, "", 0);
		for (i = 0; i < tr.nall; i++)
			put_cp(&want, all[i]);
		if (want.len != tr.rebuilt.len || memcmp(want.data, tr.rebuilt.data, want.len)) {
			printf("  %s: the forms and white space do not rebuild the document\n", name);
			tr.ok = 0;
		}
	}
	free(want.data);
	free(tr.rebuilt.data);
	free(all);
	nass_tokenizer_free(t);
	return tr.ok;
}

/* ------------------------------------------------------------ invariance */

static int invariant(const nass_rules *rules, const char *name, const char *in, size_t len,
                     int flags, size_t max_tokens)
{
	static const size_t sizes[] = {1, 2, 3, 7, 4096};
	nass_error err;
	nass_tokenizer *t = nass_tokenizer_new(rules, flags, &err);
	struct out whole;
	size_t i;
	int ok = 1;

	if (!t)
		return 0;
	if (max_tokens)
		nass_tokenizer_set_max_tokens(t, max_tokens);
	whole = run(t, "in", in, len, 0);
	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		struct out part = run(t, "in", in, len, sizes[i]);
		if (part.len != whole.len || memcmp(part.data, whole.data, whole.len)) {
			if (ok)
				printf("  %s (flags %d, max %zu): chunks of %zu differ from whole\n",
				       name, flags, max_tokens, sizes[i]);
			ok = 0;
		}
		free(part.data);
	}
	free(whole.data);
	nass_tokenizer_free(t);
	return ok;
}

/* ------------------------------------------------------------ JSON */

/* A small strict JSON checker: one value, RFC 8259 grammar. */
struct js {
	const char *p, *end;
	int depth;
};

static void js_ws(struct js *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

static int js_value(struct js *j);

static int js_string(struct js *j)
{
	if (j->p >= j->end || *j->p != '"')
		return 0;
	for (j->p++; j->p < j->end; j->p++) {
		unsigned char c = (unsigned char)*j->p;
		if (c == '"') {
			j->p++;
			return 1;
		}
		if (c < 0x20)
			return 0; /* raw control characters are not allowed */
		if (c == '\\') {
			j->p++;
			if (j->p >= j->end)
				return 0;
			if (*j->p == 'u') {
				int k;
				for (k = 1; k <= 4; k++)
					if (j->p + k >= j->end ||
					    !strchr("0123456789abcdefABCDEF", j->p[k]) || !j->p[k])
						return 0;
				j->p += 4;
			} else if (!strchr("\"\\/bfnrt", *j->p) || !*j->p) {
				return 0;
			}
		}
	}
	return 0;
}

static int js_number(struct js *j)
{
	const char *s = j->p;

	if (j->p < j->end && *j->p == '-')
		j->p++;
	if (j->p >= j->end || *j->p < '0' || *j->p > '9')
		return 0;
	if (*j->p == '0')
		j->p++;
	else
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	if (j->p < j->end && *j->p == '.') {
		j->p++;
		if (j->p >= j->end || *j->p < '0' || *j->p > '9')
			return 0;
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	}
	return j->p > s;
}

static int js_lit(struct js *j, const char *lit)
{
	size_t n = strlen(lit);

	if ((size_t)(j->end - j->p) < n || memcmp(j->p, lit, n))
		return 0;
	j->p += n;
	return 1;
}

static int js_container(struct js *j, char close, int object)
{
	if (++j->depth > 64)
		return 0;
	j->p++; /* the opening brace or bracket */
	js_ws(j);
	if (j->p < j->end && *j->p == close) {
		j->p++;
		j->depth--;
		return 1;
	}
	for (;;) {
		js_ws(j);
		if (object) {
			if (!js_string(j))
				return 0;
			js_ws(j);
			if (j->p >= j->end || *j->p != ':')
				return 0;
			j->p++;
			js_ws(j);
		}
		if (!js_value(j))
			return 0;
		js_ws(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			continue;
		}
		if (j->p < j->end && *j->p == close) {
			j->p++;
			j->depth--;
			return 1;
		}
		return 0;
	}
}

static int js_value(struct js *j)
{
	js_ws(j);
	if (j->p >= j->end)
		return 0;
	switch (*j->p) {
	case '{': return js_container(j, '}', 1);
	case '[': return js_container(j, ']', 0);
	case '"': return js_string(j);
	case 't': return js_lit(j, "true");
	case 'f': return js_lit(j, "false");
	case 'n': return js_lit(j, "null");
	default: return js_number(j);
	}
}

static int has(const char *p, const char *end, const char *needle)
{
	size_t n = strlen(needle);

	for (; p + n <= end; p++)
		if (!memcmp(p, needle, n))
			return 1;
	return 0;
}

/* Each line of out is exactly one JSON object with the keys we promise. */
static int json_lines(const char *out, size_t len, size_t *nlines)
{
	const char *p = out, *end = out + len, *nl;

	*nlines = 0;
	while (p < end) {
		struct js j;
		if (!(nl = memchr(p, '\n', (size_t)(end - p))))
			return 0; /* every object ends with a newline */
		j.p = p;
		j.end = nl;
		j.depth = 0;
		if (*p != '{' || !js_value(&j) || j.p != nl)
			return 0;
		/* The keys the issue asks for: id, text, tokens (form, offsets). */
		if (!has(p, nl, "{\"id\":\"") || !has(p, nl, ",\"text\":\"") ||
		    !has(p, nl, ",\"tokens\":[") ||
		    (has(p, nl, "{\"form\":") && (!has(p, nl, ",\"start\":") || !has(p, nl, ",\"end\":"))))
			return 0;
		++*nlines;
		p = nl + 1;
	}
	return 1;
}

static int json_of(const nass_rules *rules, const char *in, size_t len, size_t *nlines,
                   size_t *nsent)
{
	nass_error err;
	nass_tokenizer *t = nass_tokenizer_new(rules, 0, &err);
	const nass_sentence *s;
	struct out o = {0};
	const char *p;
	size_t n;
	int ok;

	*nsent = 0;
	out_add(&o, "", 0);
	nass_tokenizer_begin(t, "doc \"quoted\" \\ name");
	nass_tokenizer_feed(t, in, len);
	nass_tokenizer_finish(t);
	while (nass_tokenizer_next(t, &s) == NASS_OK) {
		if (nass_tokenizer_format(t, s, NASS_FORMAT_JSON, &p, &n) == NASS_OK)
			out_add(&o, p, n);
		++*nsent;
	}
	ok = json_lines(o.data, o.len, nlines);
	free(o.data);
	nass_tokenizer_free(t);
	return ok;
}

/* ------------------------------------------------------------ inputs */

struct input {
	char name[300];
	char *data;
	size_t len;
};

static size_t add_dir(struct input *ins, size_t n, size_t max, const char *dir, const char *ext)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return n;
	while ((e = readdir(d)) && n < max) {
		size_t l = strlen(e->d_name), el = strlen(ext);
		if (l <= el || strcmp(e->d_name + l - el, ext))
			continue;
		snprintf(ins[n].name, sizeof ins[n].name, "%s/%s", dir, e->d_name);
		if (!(ins[n].data = read_all(ins[n].name, &ins[n].len)))
			continue;
		n++;
	}
	closedir(d);
	return n;
}

/* Inputs that are not in a golden case. */
static const char *extra_names[] = {
	"extra: endings, closers, abbreviations and single letters close together",
	"extra: truncated and invalid sequences between words",
	"extra: 66000 bytes with no white space (cut at the 64 KiB token limit)",
};

/* قال: "نعم." د. U.S. ق.م www.x.org. «لا؟!» (أ.) 1.5. */
static const char ending_soup[] =
	"\xd9\x82\xd8\xa7\xd9\x84: \"\xd9\x86\xd8\xb9\xd9\x85.\" \xd8\xaf. U.S. \xd9\x82.\xd9\x85 "
	"www.x.org. \xc2\xab\xd9\x84\xd8\xa7\xd8\x9f!\xc2\xbb (\xd8\xa3.) 1.5. \n";

/* cut-off sequences (E2 82, F0 9F 98) before a space or a letter, a
 * surrogate, a stray continuation, and a cut-off D9 at the very end */
static const char broken[] =
	"a\xe2\x82 b\xf0\x9f\x98\xd8\xa8 \xed\xa0\x80\xd8\xaa.\x80\xd8\xab\n\n\xd9";

static void add_extras(struct input *ins, size_t *n)
{
	struct out o = {0};
	size_t i;

	out_add(&o, "", 0);
	for (i = 0; i < 20; i++)
		out_add(&o, ending_soup, strlen(ending_soup));
	out_add(&o, "\n\n\xff", 3);
	snprintf(ins[*n].name, sizeof ins[*n].name, "%s", extra_names[0]);
	ins[*n].data = o.data;
	ins[*n].len = o.len;
	++*n;

	o = (struct out){0};
	out_add(&o, broken, sizeof broken - 1);
	snprintf(ins[*n].name, sizeof ins[*n].name, "%s", extra_names[1]);
	ins[*n].data = o.data;
	ins[*n].len = o.len;
	++*n;

	/* The token cut at 64 KiB must not depend on how the input comes. */
	o = (struct out){0};
	out_add(&o, "a ", 2);
	for (i = 0; i < 66000; i++)
		out_add(&o, "b", 1);
	out_add(&o, " c\n", 3);
	snprintf(ins[*n].name, sizeof ins[*n].name, "%s", extra_names[2]);
	ins[*n].data = o.data;
	ins[*n].len = o.len;
	++*n;
}

/* ------------------------------------------------------------ API */

static void test_documents(const nass_rules *rules)
{
	nass_error err;
	nass_tokenizer *t = nass_tokenizer_new(rules, 0, &err);
	const nass_sentence *s;
	unsigned long long bad, first;
	const char *p;
	size_t n;
	/* "قال د. أحمد." then a bad byte */
	static const char a[] = "\xd9\x82\xd8\xa7\xd9\x84 \xd8\xaf. \xd8\xa3\xd8\xad\xd9\x85\xd8\xaf. \xff\n";
	/* "ثم غادر." */
	static const char b[] = "\xd8\xab\xd9\x85 \xd8\xba\xd8\xa7\xd8\xaf\xd8\xb1.";

	CHECK(t != NULL, "tokenizer with the default rules");
	CHECK(nass_tokenizer_next(t, &s) == NASS_AGAIN, "nothing to pull before any input");

	/* Document 1, fed byte by byte. */
	CHECK(nass_tokenizer_begin(t, "first.txt") == NASS_OK, "begin a document");
	for (n = 0; n < sizeof a - 1; n++)
		nass_tokenizer_feed(t, a + n, 1);
	nass_tokenizer_finish(t);
	CHECK(nass_tokenizer_next(t, &s) == NASS_OK && !strcmp(s->doc_id, "first.txt") &&
	          s->number == 1 && s->new_document && s->new_paragraph && s->nwords == 4 &&
	          s->words[1].len == 3 && !memcmp(s->words[1].form, "\xd8\xaf.", 3) &&
	          !strcmp(s->words[1].type, "abbr") && s->words[3].start == 11,
	      "document 1, sentence 1: the abbreviation does not end it");
	CHECK(nass_tokenizer_next(t, &s) == NASS_OK && s->number == 2 && !s->new_document &&
	          !s->new_paragraph && s->nwords == 1 && s->words[0].start == 13 &&
	          s->words[0].end == 14 && s->words[0].len == 3,
	      "document 1, sentence 2: the U+FFFD of a bad byte");
	CHECK(nass_tokenizer_next(t, &s) == NASS_AGAIN, "document 1 is done");
	nass_tokenizer_invalid(t, &bad, &first);
	CHECK(bad == 1 && first == 21, "document 1: one bad byte, at byte 21");

	/* Document 2: numbering and offsets start again. */
	CHECK(nass_tokenizer_begin(t, "second.txt") == NASS_OK, "begin a second document");
	nass_tokenizer_feed(t, b, sizeof b - 1);
	CHECK(nass_tokenizer_next(t, &s) == NASS_AGAIN,
	      "without white space after it, the last token waits for more input");
	nass_tokenizer_finish(t);
	CHECK(nass_tokenizer_next(t, &s) == NASS_OK && !strcmp(s->doc_id, "second.txt") &&
	          s->number == 1 && s->new_document && s->new_paragraph && s->nwords == 3 &&
	          s->words[0].start == 0 && s->words[2].start == 7 && s->words[2].end == 8 &&
	          s->words[2].space_after && !s->words[1].space_after,
	      "document 2 starts at sentence 1 and character 0");
	CHECK(nass_tokenizer_format(t, s, NASS_FORMAT_HORIZONTAL, &p, &n) == NASS_OK &&
	          n == 16 && !memcmp(p, "\xd8\xab\xd9\x85 \xd8\xba\xd8\xa7\xd8\xaf\xd8\xb1 .\n", 16),
	      "horizontal format of document 2");
	CHECK(nass_tokenizer_format(t, s, 77, &p, &n) == NASS_EINVAL, "an unknown format is refused");
	CHECK(nass_tokenizer_next(t, &s) == NASS_AGAIN, "document 2 is done");
	nass_tokenizer_invalid(t, &bad, &first);
	CHECK(bad == 0 && first == 0, "document 2: no bad bytes (counts are per document)");

	/* Document 3 without begin: stdin's name. */
	nass_tokenizer_feed(t, "x y", 3);
	nass_tokenizer_finish(t);
	CHECK(nass_tokenizer_next(t, &s) == NASS_OK && !strcmp(s->doc_id, "-") && s->number == 1 &&
	          s->new_document,
	      "feed without begin: the document is named -");
	CHECK(nass_tokenizer_next(t, &s) == NASS_AGAIN, "document 3 is done");

	/* An empty document gives no sentence. */
	nass_tokenizer_begin(t, NULL);
	nass_tokenizer_finish(t);
	CHECK(nass_tokenizer_next(t, &s) == NASS_AGAIN, "an empty document gives no sentence");

	/* The length limit. */
	nass_tokenizer_set_max_tokens(t, 2);
	nass_tokenizer_begin(t, "cut");
	nass_tokenizer_feed(t, "a b c.\n", 7);
	nass_tokenizer_finish(t);
	CHECK(nass_tokenizer_next(t, &s) == NASS_OK && s->cut && s->nwords == 2,
	      "a sentence at the limit is cut and says so");
	CHECK(nass_tokenizer_next(t, &s) == NASS_OK && !s->cut && s->nwords == 2 && s->number == 2,
	      "the rest of a cut sentence");
	CHECK(nass_tokenizer_next(t, &s) == NASS_AGAIN, "cut document is done");
	nass_tokenizer_free(t);

	CHECK(nass_tokenizer_new(NULL, 0, &err) == NULL && err.code == NASS_EINVAL,
	      "a tokenizer needs rules");
}

/* TokenRange offsets through every count of digits (1 to 7): a document
 * of "a " a million times over, each word's CoNLL-U line checked against
 * printf's decimal (the offsets are written by hand, eight digits at a
 * time). */
static void test_offsets(const nass_rules *rules)
{
	enum { WORDS = 1000000 };
	nass_error err;
	nass_tokenizer *t = nass_tokenizer_new(rules, 0, &err);
	const nass_sentence *s;
	char *doc = malloc(2 * WORDS), want[64];
	unsigned long long words = 0;
	int ok = 1;
	size_t i;

	if (!t || !doc)
		abort();
	for (i = 0; i < WORDS; i++)
		memcpy(doc + 2 * i, "a ", 2);
	nass_tokenizer_begin(t, "offsets");
	nass_tokenizer_feed(t, doc, 2 * WORDS);
	nass_tokenizer_finish(t);
	while (ok && nass_tokenizer_next(t, &s) == NASS_OK) {
		const char *p, *line;
		size_t n, w = 0;

		nass_tokenizer_format(t, s, NASS_FORMAT_CONLLU, &p, &n);
		for (line = p; line < p + n && ok; line = strchr(line, '\n') + 1) {
			const char *r = strstr(line, "TokenRange=");
			size_t k;
			if (*line == '#' || *line == '\n')
				continue;
			k = (size_t)snprintf(want, sizeof want, "TokenRange=%llu:%llu\n",
			                     s->words[w].start, s->words[w].end);
			ok = r && r < strchr(line, '\n') && !strncmp(r, want, k) &&
			     s->words[w].start == 2 * words && s->words[w].end == 2 * words + 1;
			w++;
			words++;
		}
	}
	CHECK(ok && words == WORDS, "TokenRange offsets of 1 to 7 digits are printf's");
	nass_tokenizer_free(t);
	free(doc);
}

/* The clitic splitter keeps the cuts of recent words: a word split again
 * from that cache gives the pieces it gave the first time, for words of
 * every length around the cache's (24 bytes) and its key's pieces (4, 8
 * and 16 bytes). */
static void test_clitic_cache(const nass_rules *rules)
{
	nass_error err;
	nass_tokenizer *t = nass_tokenizer_new(rules, NASS_TOKENIZE_SPLIT_CLITICS, &err);
	const nass_sentence *s;
	/* و ب ل ك ه ها: prefixes and suffixes, with a stem between */
	static const char *const parts[] = {"\xd9\x88", "\xd8\xa8", "\xd8\xa7\xd9\x84",
	                                    "\xd9\x83\xd8\xaa\xd8\xa7\xd8\xa8", "\xd9\x87",
	                                    "\xd9\x87\xd8\xa7", "\xd9\x85\xd8\xaf\xd8\xb1\xd8\xb3\xd8\xa9"};
	struct out doc = {0}, first = {0}, second = {0};
	size_t len, i, k;
	int pass;

	if (!t)
		abort();
	/* words of 1 to 15 letters (2 to 30 bytes), from the parts in turn */
	for (len = 1; len <= 15; len++)
		for (i = 0; i < 7; i++) {
			size_t bytes = 0;
			for (k = i; bytes < 2 * len; k++) {
				const char *q = parts[k % 7];
				size_t m = strlen(q);
				if (bytes + m > 2 * len)
					m = 2 * len - bytes;
				out_add(&doc, q, m);
				bytes += m;
			}
			out_add(&doc, " ", 1);
		}
	out_add(&doc, "\n\n", 2);
	for (pass = 0; pass < 2; pass++) {
		struct out *o = pass ? &second : &first;
		nass_tokenizer_begin(t, "cache");
		nass_tokenizer_feed(t, doc.data, doc.len);
		nass_tokenizer_finish(t);
		while (nass_tokenizer_next(t, &s) == NASS_OK) {
			const char *p;
			size_t n;
			nass_tokenizer_format(t, s, NASS_FORMAT_CONLLU, &p, &n);
			out_add(o, p, n);
		}
	}
	CHECK(first.len > 0 && first.len == second.len && !memcmp(first.data, second.data, first.len),
	      "clitics: words split again from the cache split as the first time");
	free(doc.data);
	free(first.data);
	free(second.data);
	nass_tokenizer_free(t);
}

static void test_rules(void)
{
	static const char bad_regex[] =
		"nass: 1\nkind: tokenize\ntokens:\n  - name: x\n    first: \"x\"\n    pattern: '(x'\n";
	nass_rules *r = nass_rules_new();
	nass_error err;

	CHECK(nass_rules_load_string(r, "bad.yaml", bad_regex, sizeof bad_regex - 1, &err) ==
	          NASS_ERULES && err.line == 6 && err.column == 14 && !strcmp(err.file, "bad.yaml") &&
	          strstr(err.message, "bad regex"),
	      "a bad token regex names file, line and column");
	nass_rules_free(r);
}

int main(void)
{
	enum { MAX_INPUTS = 256 };
	static struct input ins[MAX_INPUTS];
	nass_rules *rules = nass_rules_new();
	nass_error err;
	static const struct {
		const char *name;
		int flags;
		size_t max_tokens;
	} modes[] = {
		{"default", 0, 0},
		{"--max-sentence 4", 0, 4},
		{"--doc-per-line", NASS_TOKENIZE_DOC_PER_LINE, 0},
		{"--split-clitics", NASS_TOKENIZE_SPLIT_CLITICS, 0},
	};
	size_t n = 0, i, m, nlines, nsent, ngolden;
	int all_json = 1;
	char name[400];

	CHECK(nass_rules_load_default(rules, "tokenize", &err) == NASS_OK, "default tokenize rules load");

	n = add_dir(ins, n, MAX_INPUTS, GOLDEN, ".in");
	n = add_dir(ins, n, MAX_INPUTS, GOLDEN "/inputs", ".txt");
	ngolden = n;
	snprintf(name, sizeof name, "found the golden inputs of " GOLDEN " (%zu)", ngolden);
	CHECK(ngolden >= 30, name);
	add_extras(ins, &n);

	for (m = 0; m < sizeof modes / sizeof modes[0]; m++) {
		int all_inv = 1, all_trip = 1;

		for (i = 0; i < n; i++) {
			int inv = invariant(rules, ins[i].name, ins[i].data, ins[i].len,
			                    modes[m].flags, modes[m].max_tokens);
			int trip = round_trip(rules, ins[i].name, ins[i].data, ins[i].len,
			                      modes[m].flags, modes[m].max_tokens);
			if (i >= ngolden) {
				snprintf(name, sizeof name, "chunk invariance (%s): %.300s", modes[m].name,
				         ins[i].name);
				CHECK(inv, name);
				snprintf(name, sizeof name, "round trip (%s): %.300s", modes[m].name,
				         ins[i].name);
				CHECK(trip, name);
			} else {
				all_inv &= inv;
				all_trip &= trip;
			}
		}
		snprintf(name, sizeof name,
		         "chunk invariance (%s) on %zu golden inputs: chunks of 1, 2, 3, 7, 4096 "
		         "bytes give the sentences and every format as whole", modes[m].name, ngolden);
		CHECK(all_inv, name);
		snprintf(name, sizeof name,
		         "round trip (%s) on %zu golden inputs: forms at their TokenRange, only "
		         "white space between, SpaceAfter, # text", modes[m].name, ngolden);
		CHECK(all_trip, name);
	}

	for (i = 0; i < n; i++) {
		if (!json_of(rules, ins[i].data, ins[i].len, &nlines, &nsent) || nlines != nsent) {
			printf("  %s: JSON output is not one object a line\n", ins[i].name);
			all_json = 0;
		}
	}
	snprintf(name, sizeof name, "JSON output parses as one object a line on %zu inputs", n);
	CHECK(all_json, name);
	{
		const char *bad[] = {"{\"a\":1}", "{\"a\":1}\n{", "{\"a\":\"\x01\"}\n", "[1]\n",
		                     "{\"id\":1,\"text\":\"x\",\"tokens\":[}\n"};
		int rejects = 1;
		for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
			if (json_lines(bad[i], strlen(bad[i]), &nlines))
				rejects = 0;
		CHECK(rejects, "the JSON checker rejects broken lines");
	}

	test_documents(rules);
	test_offsets(rules);
	test_clitic_cache(rules);
	test_rules();

	for (i = 0; i < n; i++)
		free(ins[i].data);
	nass_rules_free(rules);
	return CHECK_DONE();
}
