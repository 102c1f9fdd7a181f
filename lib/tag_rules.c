/* tag_rules.c - the `forms`, `upos` and `ner` keys of tag rule files, and
 * their dump.  The long tables live in the TSV files these keys name;
 * they are read when a tagger is made (tag_model.c). */
#include "tag_rules.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "io.h"
#include "rules.h"
#include "tag_model.h"

/* Files of which a rule file names one: naming it turns the other off. */
static const int RIVALS[][2] = {{TG_CONTEXT, TG_PERCEP}, {TG_PERCEP, TG_CONTEXT},
                                {TG_NER_CONTEXT, TG_NER_PERCEP}, {TG_NER_PERCEP, TG_NER_CONTEXT}};

/* The keys of the two sections: a file name, or (list) a list of words. */
static const struct {
	const char *section, *key;
	int list; /* 0: files[index]; 1: lists[index] */
	int index;
} KEYS[] = {
	{"upos", "lexicon", 0, TG_LEXICON},
	{"upos", "closed", 0, TG_CLOSED},
	{"upos", "names", 0, TG_NAMES},
	{"upos", "hunspell", 0, TG_HUNSPELL},
	{"upos", "news", 0, TG_NEWS},
	{"upos", "affix", 0, TG_AFFIX},
	{"upos", "context", 0, TG_CONTEXT},
	{"upos", "perceptron", 0, TG_PERCEP},
	{"upos", "clusters", 0, TG_CLUSTERS},
	{"upos", "proclitics", 1, TL_PROCLITICS},
	{"upos", "enclitics", 1, TL_ENCLITICS},
	{"ner", "gazetteer", 0, TG_GAZETTEER},
	{"ner", "parts", 0, TG_PARTS},
	{"ner", "context", 0, TG_NER_CONTEXT},
	{"ner", "perceptron", 0, TG_NER_PERCEP},
	{"ner", "dates", 0, TG_DATES},
	{"ner", "proclitics", 1, TL_NER_PROCLITICS},
	{"ner", "currencies", 1, TL_CURRENCIES},
	{"ner", "scales", 1, TL_SCALES},
	{"ner", "percent", 1, TL_PERCENT},
	{"ner", "year_words", 1, TL_YEAR_WORDS},
	{"ner", "time_words", 1, TL_TIME_WORDS},
	{"ner", "titles", 1, TL_TITLES},
	{"ner", "org_heads", 1, TL_ORG_HEADS},
	{"ner", "place_nouns", 1, TL_PLACE_NOUNS},
};
#define NKEYS (sizeof KEYS / sizeof KEYS[0])

static const char UPOS_EXPECTED[] = "upos: lexicon, closed, names, hunspell, news, affix, context, perceptron, clusters, proclitics, enclitics";
static const char NER_EXPECTED[] = "ner: gazetteer, parts, context, perceptron, dates, proclitics, currencies, scales, percent, year_words, time_words, titles, org_heads, place_nouns";

static void strlist_free(strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static void form_free(tagform *f)
{
	if (!f)
		return;
	free(f->name);
	free(f->upos);
	free(f->feats);
	regex_free(f->re);
	free(f);
}

void tagrules_free(tagrules *gr)
{
	size_t i;

	for (i = 0; i < gr->nforms; i++)
		form_free(gr->forms[i]);
	free(gr->forms);
	for (i = 0; i < TG_NFILES; i++)
		free(gr->files[i]);
	for (i = 0; i < TL_NLISTS; i++)
		strlist_free(&gr->lists[i]);
	memset(gr, 0, sizeof *gr);
}

/* A word list replaces the one loaded before. */
static int load_list(yfile *yf, yaml_node_t *v, strlist *out)
{
	yaml_node_item_t *it;
	strlist l = {0};
	int rc;

	if ((rc = yexpect(yf, v, YAML_SEQUENCE_NODE, "a list of words")))
		return rc;
	if (!(l.v = calloc((size_t)(v->data.sequence.items.top - v->data.sequence.items.start) + 1,
	                   sizeof *l.v)))
		return NASS_ENOMEM;
	for (it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
		yaml_node_t *w = ynode(yf, *it);
		const char *s = yscalar(w);

		if (!s || !*s || strpbrk(s, "\t\n")) {
			strlist_free(&l);
			return s ? yerror(yf, w, "an entry of a list is a word or words: not empty, no tabs or newlines")
			         : yexpect(yf, w, YAML_SCALAR_NODE, "a word");
		}
		if (!(l.v[l.n++] = strdup(s))) {
			strlist_free(&l);
			return NASS_ENOMEM;
		}
	}
	strlist_free(out);
	*out = l;
	return NASS_OK;
}

static int load_section(tagrules *gr, yfile *yf, const char *section, yaml_node_t *v)
{
	const char *expected = !strcmp(section, "upos") ? UPOS_EXPECTED : NER_EXPECTED;
	yaml_node_pair_t *q;
	char path[1024];
	size_t i, j;
	int rc;

	if (v->type != YAML_MAPPING_NODE)
		return yerror(yf, v, "expected a mapping (%s)", expected);
	for (q = v->data.mapping.pairs.start; q < v->data.mapping.pairs.top; q++) {
		yaml_node_t *kn = ynode(yf, q->key), *val = ynode(yf, q->value);
		const char *key = yscalar(kn);

		for (i = 0; i < NKEYS; i++)
			if (key && !strcmp(KEYS[i].section, section) && !strcmp(KEYS[i].key, key))
				break;
		if (i == NKEYS)
			return yerror(yf, kn, "unknown key '%s' (expected %s)", key ? key : "?", expected);
		if (KEYS[i].list) {
			if ((rc = load_list(yf, val, &gr->lists[KEYS[i].index])))
				return rc;
			continue;
		}
		/* A file name, relative to this rule file; "" turns it off. */
		if (!yscalar(val))
			return yexpect(yf, val, YAML_SCALAR_NODE, "a file name");
		free(gr->files[KEYS[i].index]);
		gr->files[KEYS[i].index] = NULL;
		if (!*yscalar(val))
			continue;
		/* step 2 of UPOS (and 3 of NER) is the context rules or the
		 * perceptron, whichever a rule file named last ("" turns off
		 * only its own key, so a dump loads back the same) */
		for (j = 0; j < sizeof RIVALS / sizeof *RIVALS; j++)
			if (KEYS[i].index == RIVALS[j][0]) {
				free(gr->files[RIVALS[j][1]]);
				gr->files[RIVALS[j][1]] = NULL;
			}
		if ((rc = rules_resolve(yf, val, yscalar(val), path, sizeof path)))
			return rc;
		if (!(gr->files[KEYS[i].index] = strdup(path)))
			return NASS_ENOMEM;
	}
	return NASS_OK;
}

static int load_form(tagrules *gr, yfile *yf, yaml_node_t *item)
{
	yaml_node_pair_t *q;
	yaml_node_t *name = NULL, *pat = NULL, *upos = NULL, *feats = NULL;
	tagform *f;
	char msg[256];
	size_t off, i;
	int rc;

	if ((rc = yexpect(yf, item, YAML_MAPPING_NODE, "a mapping (name, pattern, upos, feats)")))
		return rc;
	for (q = item->data.mapping.pairs.start; q < item->data.mapping.pairs.top; q++) {
		yaml_node_t *k = ynode(yf, q->key), *v = ynode(yf, q->value);
		const char *key = yscalar(k);
		yaml_node_t **slot = !key ? NULL
		                     : !strcmp(key, "name") ? &name
		                     : !strcmp(key, "pattern") ? &pat
		                     : !strcmp(key, "upos") ? &upos
		                     : !strcmp(key, "feats") ? &feats : NULL;

		if (!slot)
			return yerror(yf, k, "unknown key '%s' in a form rule (expected name, pattern, upos, feats)",
			              key ? key : "?");
		if (!yscalar(v))
			return yexpect(yf, v, YAML_SCALAR_NODE, "a string");
		*slot = v;
	}
	if (!name || !pat || !upos)
		return yerror(yf, item, "a form rule needs 'name', 'pattern' and 'upos'");
	if (!*yscalar(name) || strpbrk(yscalar(name), " \t|="))
		return yerror(yf, name, "a rule name is a word (no spaces, '|' or '=')");
	if (tag_upos_index(yscalar(upos)) < 0)
		return yerror(yf, upos, "unknown UPOS '%s' (expected one of the 17 UD tags: %s)",
		              yscalar(upos), TAG_UPOS_LIST);
	if (feats && (!*yscalar(feats) || strpbrk(yscalar(feats), " \t") || !strchr(yscalar(feats), '=')))
		return yerror(yf, feats, "feats is Name=Value[|Name=Value...], as in CoNLL-U");
	if (!(f = calloc(1, sizeof *f)) || !(f->name = strdup(yscalar(name))) ||
	    !(f->upos = strdup(yscalar(upos))) || (feats && !(f->feats = strdup(yscalar(feats))))) {
		form_free(f);
		return NASS_ENOMEM;
	}
	/* Anchored at both ends: a form rule decides about the whole word. */
	if (!(f->re = regex_compile_opts(yscalar(pat), pat->data.scalar.length,
	                                 PCRE2_ANCHORED | PCRE2_ENDANCHORED, msg, sizeof msg, &off))) {
		form_free(f);
		return yerror(yf, pat, "bad regex at offset %zu: %s", off, msg);
	}
	/* A later file replaces a rule of the same name in its place. */
	for (i = 0; i < gr->nforms; i++)
		if (!strcmp(gr->forms[i]->name, f->name)) {
			form_free(gr->forms[i]);
			gr->forms[i] = f;
			return NASS_OK;
		}
	if (array_reserve((void **)&gr->forms, &gr->formcap, gr->nforms + 1, sizeof *gr->forms)) {
		form_free(f);
		return NASS_ENOMEM;
	}
	gr->forms[gr->nforms++] = f;
	return NASS_OK;
}

int tagrules_key(tagrules *gr, yfile *yf, yaml_node_t *key, yaml_node_t *value)
{
	const char *k = yscalar(key);
	yaml_node_item_t *it;
	int rc;

	if (!strcmp(k, "upos") || !strcmp(k, "ner"))
		return load_section(gr, yf, k, value);
	if (strcmp(k, "forms"))
		return 1;
	if ((rc = yexpect(yf, value, YAML_SEQUENCE_NODE, "a list of form rules")))
		return rc;
	for (it = value->data.sequence.items.start; it < value->data.sequence.items.top; it++)
		if ((rc = load_form(gr, yf, ynode(yf, *it))))
			return rc;
	return NASS_OK;
}

int tagrules_dump(const tagrules *gr, nass_write_fn write, void *ctx, nass_error *err)
{
	const char *section = "";
	buf b = {0};
	size_t i, j;
	int rc = 0;

	rc |= buf_puts(&b, "# the tag rules in force (tag --dump-rules)\nnass: 1\nkind: tag\n\nforms:\n");
	for (i = 0; i < gr->nforms; i++) {
		const tagform *f = gr->forms[i];
		const char *pat = regex_pattern(f->re);

		rc |= buf_puts(&b, "  - name: ");
		rc |= yaml_put_string(&b, f->name, strlen(f->name));
		rc |= buf_puts(&b, "\n    pattern: ");
		rc |= yaml_put_string(&b, pat, strlen(pat));
		rc |= buf_printf(&b, "\n    upos: %s\n", f->upos);
		if (f->feats) {
			rc |= buf_puts(&b, "    feats: ");
			rc |= yaml_put_string(&b, f->feats, strlen(f->feats));
			rc |= buf_puts(&b, "\n");
		}
	}
	for (i = 0; i < NKEYS; i++) {
		const char *file = KEYS[i].list ? NULL : gr->files[KEYS[i].index];
		const strlist *l = KEYS[i].list ? &gr->lists[KEYS[i].index] : NULL;

		if (strcmp(section, KEYS[i].section))
			rc |= buf_printf(&b, "\n%s:\n", section = KEYS[i].section);
		rc |= buf_printf(&b, "  %s: ", KEYS[i].key);
		if (l) {
			rc |= buf_puts(&b, "[");
			for (j = 0; j < l->n; j++) {
				rc |= buf_puts(&b, j ? ", " : "");
				rc |= yaml_put_string(&b, l->v[j], strlen(l->v[j]));
			}
			rc |= buf_puts(&b, "]\n");
		} else {
			rc |= yaml_put_string(&b, file ? file : "", file ? strlen(file) : 0);
			rc |= buf_puts(&b, "\n");
		}
	}
	return rules_dump_finish(&b, rc, write, ctx, err);
}
