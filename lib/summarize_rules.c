/* summarize_rules.c - the keys of summarize rule files and their dump.
 * The numbers are checked against their ranges as they load, so that a
 * weight of -1 or a damping of 2 is a rules error (exit 2), not a
 * strange summary. */
#include "summarize_rules.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "io.h"
#include "rules.h"
#include "tag_model.h" /* the UPOS tags */

static const struct {
	const char *section, *name;
	double min, max;
	int integer;
} NUMS[SUM_NNUMS] = {
	[SW_CENTRALITY] = {"weights", "centrality", 0, 1e6, 0},
	[SW_LEAD] = {"weights", "lead", 0, 1e6, 0},
	[SW_POSITION] = {"weights", "position", 0, 1e6, 0},
	[SW_TITLE] = {"weights", "title", 0, 1e6, 0},
	[SW_ENTITIES] = {"weights", "entities", 0, 1e6, 0},
	[SW_KEYWORDS] = {"weights", "keywords", 0, 1e6, 0},
	[SW_LENGTH] = {"weights", "length", 0, 1e6, 0},
	[SW_REDUNDANCY] = {"weights", "redundancy", 0, 1e6, 0},
	[SS_LEAD_DECAY] = {"selection", "lead_decay", 0.01, 1e6, 0},
	[SS_MIN_WORDS] = {"selection", "min_words", 0, 1e6, 1},
	[SS_FULL_WORDS] = {"selection", "full_words", 1, 1e6, 1},
	[SS_WINDOW] = {"selection", "window", 1, 1e6, 1},
	[SS_MIN_SIMILARITY] = {"selection", "min_similarity", 0, 1, 0},
	[SS_DAMPING] = {"selection", "damping", 0, 0.99, 0},
	[SS_ITERATIONS] = {"selection", "iterations", 1, 1000, 1},
	[SS_TOP_KEYWORDS] = {"selection", "top_keywords", 1, 1e6, 1},
	[SS_DUPLICATE] = {"selection", "duplicate", 0, 1, 0},
	[SS_MIN_PHRASE] = {"selection", "min_phrase", 2, 1e6, 1},
	[SS_JOIN_UNSPACED] = {"selection", "join_unspaced", 0, 1, 1},
};

const char *sumrules_num_name(int i)
{
	return NUMS[i].name;
}

static void list_free(char ***v, size_t *n)
{
	size_t i;

	for (i = 0; i < *n; i++)
		free((*v)[i]);
	free(*v);
	*v = NULL;
	*n = 0;
}

void sumrules_free(sumrules *sr)
{
	list_free(&sr->content_upos, &sr->ncontent);
	list_free(&sr->keyword_upos, &sr->nkeyword);
	list_free(&sr->stopwords, &sr->nstop);
	free(sr->idf);
	memset(sr, 0, sizeof *sr);
}

static const char *expected(const char *section, char *out, size_t size)
{
	size_t i, len = 0;

	out[0] = '\0';
	for (i = 0; i < SUM_NNUMS; i++)
		if (!strcmp(NUMS[i].section, section))
			len += (size_t)snprintf(out + len, len < size ? size - len : 0, "%s%s",
			                        len ? ", " : "", NUMS[i].name);
	return out;
}

static int load_numbers(sumrules *sr, yfile *yf, const char *section, yaml_node_t *v)
{
	yaml_node_pair_t *q;
	char names[256];
	int i;

	if (v->type != YAML_MAPPING_NODE)
		return yerror(yf, v, "expected a mapping (%s: %s)", section,
		              expected(section, names, sizeof names));
	for (q = v->data.mapping.pairs.start; q < v->data.mapping.pairs.top; q++) {
		yaml_node_t *kn = ynode(yf, q->key), *val = ynode(yf, q->value);
		const char *key = yscalar(kn), *s = yscalar(val);
		char *end;
		double d;

		for (i = 0; i < SUM_NNUMS; i++)
			if (key && !strcmp(NUMS[i].section, section) && !strcmp(NUMS[i].name, key))
				break;
		if (i == SUM_NNUMS)
			return yerror(yf, kn, "unknown key '%s' (expected %s)", key ? key : "?",
			              expected(section, names, sizeof names));
		if (!s || !*s)
			return yerror(yf, val, "%s.%s is a number", section, key);
		/* strtod reads "." as the decimal point: nass never calls
		 * setlocale, so the C locale is in force. */
		d = strtod(s, &end);
		if (*end || !isfinite(d) || strpbrk(s, "xXpP")) /* no hex floats */
			return yerror(yf, val, "%s.%s is a number, not '%s'", section, key, s);
		if (NUMS[i].integer && d != floor(d))
			return yerror(yf, val, "%s.%s is a whole number, not '%s'", section, key, s);
		if (d < NUMS[i].min || d > NUMS[i].max)
			return yerror(yf, val, "%s.%s must be between %g and %g, not %s", section, key,
			              NUMS[i].min, NUMS[i].max, s);
		sr->num[i] = d;
		sr->set[i] = 1;
	}
	return NASS_OK;
}

/* A list of words replaces the one loaded before. */
static int load_words(yfile *yf, yaml_node_t *v, char ***out, size_t *nout)
{
	yaml_node_item_t *it;
	char **l;
	size_t n = 0;
	int rc;

	if ((rc = yexpect(yf, v, YAML_SEQUENCE_NODE, "a list of words")))
		return rc;
	if (!(l = calloc((size_t)(v->data.sequence.items.top - v->data.sequence.items.start) + 1, sizeof *l)))
		return NASS_ENOMEM;
	for (it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
		yaml_node_t *w = ynode(yf, *it);
		const char *s = yscalar(w);

		if (!s || !*s || strpbrk(s, " \t\n")) {
			list_free(&l, &n);
			return s ? yerror(yf, w, "a list entry is one word: not empty, no spaces")
			         : yexpect(yf, w, YAML_SCALAR_NODE, "a word");
		}
		if (!(l[n++] = strdup(s))) {
			list_free(&l, &n);
			return NASS_ENOMEM;
		}
	}
	list_free(out, nout);
	*out = l;
	*nout = n;
	return NASS_OK;
}

int sumrules_key(sumrules *sr, yfile *yf, yaml_node_t *key, yaml_node_t *value)
{
	const char *k = yscalar(key);
	char path[1024];
	size_t i;
	int rc;

	if (!strcmp(k, "weights") || !strcmp(k, "selection"))
		return load_numbers(sr, yf, k, value);
	if (!strcmp(k, "stopwords")) {
		sr->have_stop = 1;
		return load_words(yf, value, &sr->stopwords, &sr->nstop);
	}
	if (!strcmp(k, "content_upos") || !strcmp(k, "keyword_upos")) {
		int content = !strcmp(k, "content_upos");
		char ***v = content ? &sr->content_upos : &sr->keyword_upos;
		size_t *n = content ? &sr->ncontent : &sr->nkeyword;

		if ((rc = load_words(yf, value, v, n)))
			return rc;
		for (i = 0; i < *n; i++)
			if (tag_upos_index((*v)[i]) < 0)
				return yerror(yf, ynode(yf, value->data.sequence.items.start[i]), "%s: unknown UPOS '%s' (expected UD tags such as NOUN, PROPN, VERB, ADJ)",
				              k, (*v)[i]);
		*(content ? &sr->have_content : &sr->have_keyword) = 1;
		return NASS_OK;
	}
	if (strcmp(k, "idf"))
		return 1;
	/* A file name, relative to this rule file; "" turns it off. */
	if (!yscalar(value))
		return yexpect(yf, value, YAML_SCALAR_NODE, "a file name");
	free(sr->idf);
	sr->idf = NULL;
	if (!*yscalar(value))
		return NASS_OK;
	if ((rc = rules_resolve(yf, value, yscalar(value), path, sizeof path)))
		return rc;
	return (sr->idf = strdup(path)) ? NASS_OK : NASS_ENOMEM;
}

int sumrules_check(const sumrules *sr, nass_error *err)
{
	int i;

	for (i = 0; i < SUM_NNUMS; i++)
		if (!sr->set[i])
			return error_set(err, NASS_ERULES, NULL, 0, 0,
			                 "the summarize rules give no %s.%s (start from summarize --dump-rules)",
			                 NUMS[i].section, NUMS[i].name);
	/* Without them no tagged word would count: surely not what was meant
	 * (an empty list says so on purpose). */
	if (!sr->have_content || !sr->have_keyword)
		return error_set(err, NASS_ERULES, NULL, 0, 0,
		                 "the summarize rules give no %s (start from summarize --dump-rules)",
		                 !sr->have_content ? "content_upos" : "keyword_upos");
	return NASS_OK;
}

static int put_words(buf *b, const char *key, char *const *v, size_t n)
{
	size_t i;
	int rc = buf_printf(b, "\n%s: [", key);

	for (i = 0; i < n; i++) {
		rc |= buf_puts(b, i ? ", " : "");
		rc |= yaml_put_string(b, v[i], strlen(v[i]));
	}
	return rc | buf_puts(b, "]\n");
}

int sumrules_dump(const sumrules *sr, nass_write_fn write, void *ctx, nass_error *err)
{
	const char *section = "";
	buf b = {0};
	int i, rc = 0;

	rc |= buf_puts(&b, "# the summarize rules in force (summarize --dump-rules)\nnass: 1\nkind: summarize\n");
	for (i = 0; i < SUM_NNUMS; i++) {
		if (!sr->set[i])
			continue;
		if (strcmp(section, NUMS[i].section))
			rc |= buf_printf(&b, "\n%s:\n", section = NUMS[i].section);
		/* The shortest of %.15g and %.17g that loads back exactly. */
		char num[40];
		snprintf(num, sizeof num, "%.15g", sr->num[i]);
		if (strtod(num, NULL) != sr->num[i])
			snprintf(num, sizeof num, "%.17g", sr->num[i]);
		rc |= buf_printf(&b, "  %s: %s\n", NUMS[i].name, num);
	}
	if (sr->have_content)
		rc |= put_words(&b, "content_upos", sr->content_upos, sr->ncontent);
	if (sr->have_keyword)
		rc |= put_words(&b, "keyword_upos", sr->keyword_upos, sr->nkeyword);
	if (sr->have_stop)
		rc |= put_words(&b, "stopwords", sr->stopwords, sr->nstop);
	rc |= buf_puts(&b, "\nidf: ");
	rc |= yaml_put_string(&b, sr->idf ? sr->idf : "", sr->idf ? strlen(sr->idf) : 0);
	rc |= buf_puts(&b, "\n");
	return rules_dump_finish(&b, rc, write, ctx, err);
}
