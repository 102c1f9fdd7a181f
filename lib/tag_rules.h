/* tag_rules.h - the rules of `tag` as loaded from rule files (internal):
 * regex rules on the form, the data files of the lexicons and context
 * rules (their formats: rules/tag/TAG.md), and the short word lists. */
#ifndef NASS_TAG_RULES_H
#define NASS_TAG_RULES_H

#include <stddef.h>

#include "nass.h"
#include "regex.h"
#include "yaml_load.h"

/* A regex rule on a word's form (TAG.md step 1). */
typedef struct tagform {
	char *name;  /* --explain says form:NAME */
	char *upos;
	char *feats; /* FEATS it sets, or NULL */
	regex *re;   /* anchored at both ends */
} tagform;

typedef struct strlist {
	char **v;
	size_t n;
} strlist;

/* The data files, by key: upos.lexicon ... ner.dates. */
enum {
	TG_LEXICON, TG_CLOSED, TG_NAMES, TG_HUNSPELL, TG_NEWS, TG_AFFIX, TG_CONTEXT,
	TG_GAZETTEER, TG_PARTS, TG_NER_CONTEXT, TG_DATES, TG_PERCEP, TG_NER_PERCEP, TG_CLUSTERS,
	TG_NFILES
};
/* The word lists. */
enum {
	TL_PROCLITICS, TL_ENCLITICS,          /* upos: stem steps 9 and 10 */
	TL_NER_PROCLITICS, TL_CURRENCIES, TL_SCALES, TL_PERCENT, TL_YEAR_WORDS, /* ner */
	TL_TIME_WORDS, TL_TITLES, TL_ORG_HEADS, TL_PLACE_NOUNS,
	TL_NLISTS
};

typedef struct tagrules {
	tagform **forms;
	size_t nforms, formcap;
	char *files[TG_NFILES]; /* resolved names, NULL: none */
	strlist lists[TL_NLISTS];
} tagrules;

#define TAGRULES_KEYS "nass, kind, include, forms, upos, ner"

/* Handle one top-level key of a tag rule file: 0, an error, or 1 if the
 * key is not one of ours. */
int tagrules_key(tagrules *gr, yfile *yf, yaml_node_t *key, yaml_node_t *value);
int tagrules_dump(const tagrules *gr, nass_write_fn write, void *ctx,
                  nass_error *err);
void tagrules_free(tagrules *gr);

#endif
