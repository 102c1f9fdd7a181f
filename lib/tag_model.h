/* tag_model.h - the tables of `tag`, built from the data files a tag rule
 * file names (rules/tag/TAG.md), and what the tagger knows of one word
 * out of context (internal). */
#ifndef NASS_TAG_MODEL_H
#define NASS_TAG_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "io.h"
#include "lexicon.h"
#include "nass.h"
#include "regex.h"
#include "table.h"
#include "tag_percep.h"
#include "tag_rules.h"

/* The 17 UD tags, in the order that breaks ties between equal counts
 * (TAG.md section 2). */
#define TAG_NUPOS 17
extern const char *const TAG_UPOS[TAG_NUPOS];
#define TAG_UPOS_LIST "ADJ ADP ADV AUX CCONJ DET INTJ NOUN NUM PART PRON PROPN PUNCT SCONJ SYM VERB X"
int tag_upos_index(const char *s);
int tag_upos_index_n(const char *s, size_t n);

/* Entity types; a BIO tag is 0 for O, 1 + 2*type for B-, 2 + 2*type for I-. */
enum { NER_PER, NER_LOC, NER_ORG, NER_MISC, NER_DATE, NER_TIME, NER_MONEY, NER_PERCENT, NER_NTYPES };
extern const char *const NER_TYPE[NER_NTYPES];
#define NER_B(t) (1 + 2 * (t))
#define NER_I(t) (2 + 2 * (t))
#define NER_TYPEOF(b) (((b) - 1) / 2)
#define NER_NTAGS (1 + 2 * NER_NTYPES)
/* The perceptron's tags: O and B-/I- of PER, LOC, ORG, MISC (codes 0-8). */
#define NER_PTAGS 9

/* Features of the context rules (TAG.md sections 4 and 6.3). */
enum { F_T, F_W, F_D, F_X, F_H, F_S };
/* A value outside the sentence (<s>), for every feature. */
#define BOUND (-2)

typedef struct ctxrule {
	uint8_t from, to, tpl;
	uint8_t ncond;           /* the template's conditions, copied here */
	int8_t feat[4], off[4];
	int32_t val[4];          /* one per condition */
	/* A condition on a word value (w, x, s: stamp table 0-2), or -1:
	 * the rule is passed over at once in a sentence without the value. */
	int8_t anchor, anchor_table;
	unsigned long line;      /* in its file, for --explain */
} ctxrule;

typedef struct ctxrules {
	ctxrule *v;
	size_t n;
	const char *file;        /* base name, for --explain */
} ctxrules;

/* Templates: name, then up to four (feature, offset) conditions. */
typedef struct ctxtemplate {
	const char *name;
	int ncond;
	struct { int feat, off; } cond[4];
} ctxtemplate;
extern const ctxtemplate UPOS_TEMPLATES[], NER_TEMPLATES[];
extern const size_t UPOS_NTEMPLATES, NER_NTEMPLATES;

/* How a word's tag was decided, for --explain (TAG.md's rule ids). */
enum {
	R_NONE, R_FORM, R_LEX, R_CLOSED, R_OTHER, R_NAMES, R_VARIANT, R_STEM, R_NEWS, R_AFFIX,
	R_DEFAULT, R_KEPT, R_NRULES
};
extern const char *const RULE_NAME[R_NRULES];

/* Words as keys, with their lengths in bytes and code points. */
typedef struct keylist {
	char **v;
	size_t *len, *cps;
	size_t n;
} keylist;

typedef struct tagmodel {
	const tagrules *rules;
	lexicon lexform, lexkey, closedform, closedkey, hun, names, news, affix;
	uint8_t *lexform_tag, *lexkey_tag, *closedform_tag, *closedkey_tag;
	uint32_t *lexkey_mask;   /* tags with >= 10 % of a key's count */
	percep upos_p;           /* the learned tagger (section 4b), if loaded */
	percep ner_p;            /* NER's (section 6.3b), if loaded */
	uint8_t *hun_class;      /* bit 1: N, bit 2: V */
	uint8_t *affix_tag;
	uint8_t *news_tag;        /* step 10b: a word's tag from its news contexts */
	/* The built-in hunspell and news lists are searched where they lie
	 * (table.h) instead of hun and news: they are the largest, and
	 * hashing them took a fifth of the start-up.  p NULL: not so. */
	table hun_tab, news_tab;
	/* Word classes from news text (TAG.md 4c): key -> class ids, the
	 * coarsest first; searched where they lie (a user's file is kept in
	 * cl_owned and must be in byte order). */
	table cl_tab;
	char *cl_owned;
	lexicon syms;            /* the word values of the context rules */
	ctxrules upos_rules, ner_rules;
	/* NER: gazetteer entries are keys joined by spaces; gazfirst maps a
	 * first key to the longest entry it starts. */
	lexicon gaz, gazfirst, parts, dates, datefirst;
	uint8_t *gaz_type, *gazfirst_len, *part_type, *date_kind, *datefirst_len;
	lexicon currencies, percent, yearwords, scales, timewords;
	lexicon titles, orgheads, placenouns; /* entity triggers */
	/* The clitic lists as keys. */
	keylist pro, enc, nerpro;
} tagmodel;

/* Build from the rules (whose files are read now). */
int tagmodel_init(tagmodel *m, const tagrules *rules, nass_error *err);
void tagmodel_free(tagmodel *m);

enum { DATE_MONTH = 1, DATE_WEEKDAY = 2 };
enum { TRIG_TITLE = 1, TRIG_ORG = 2, TRIG_PLACE = 3 };

/* What a word is out of context. */
typedef struct winfo {
	uint8_t upos, rule;      /* initial tag and R_* */
	uint8_t form;            /* R_FORM: the form rule's index */
	uint8_t d, h;            /* context features (TAG.md 4, 6.3) */
	uint8_t arabic, number;  /* an Arabic word; a form rule said NUM */
	uint8_t pre, suf;        /* code points the deciding stem step cut
	                          * off (the lemma cuts them too) */
	uint8_t definite;        /* that cut took ال off */
	uint8_t part;            /* NER part type + 1, or 0 */
	uint8_t wa_person;       /* و + a person's name part (وماورو) */
	uint8_t gazlen;          /* longest gazetteer entry starting here */
	uint8_t datelen, datekind; /* longest date-name entry starting here */
	uint8_t currency, yearword, timeword;
	uint8_t trigger;          /* TRIG_* */
	uint8_t lam;             /* the word is the preposition ل */
	uint8_t same_strip, same_key; /* strip(form), key(form) are the form itself */
	uint8_t known;           /* its key is in a lexicon, name or hunspell list */
	uint8_t nstems, stem[3]; /* where the key's stems without a NER
	                          * proclitic start (TAG.md 6.1), in order */
	int32_t w, x, s;         /* symbol ids of key, last two letters, stem */
	/* The UPOS perceptron: the static score, the hunspell class (step
	 * 11: 0 -, 1 N, 2 V, 3 NV) and the word ids of the key, its last two
	 * letters and its last letter. */
	uint8_t hcls;
	int32_t ppair;                  /* the key's pair id */
	int32_t pslot[PERCEP_MAXSLOTS]; /* slots in the one-word templates */
	int32_t pstat[TAG_NUPOS];
	/* The NER perceptron: the same for its templates. */
	int32_t npair;
	int32_t nslot[PERCEP_MAXSLOTS];
	int32_t nstat[NER_PTAGS];
} winfo;

/* The UPOS perceptron's attributes, in this order (TAG.md 4b). */
enum { UA_I, UA_D, UA_H, UA_K, UA_X, UA_L, UA_P, UA_C, UA_N };
extern const pspec UPOS_PSPEC;
/* The NER perceptron's (TAG.md 6.3b): the BIO tag of steps 1-2, key,
 * stem, hunspell letter, initial UPOS, the BIO tag chosen. */
enum { NA_N, NA_K, NA_S, NA_H, NA_U, NA_P, NA_C, NA_NATTRS };
extern const pspec NER_PSPEC;

/* Work out w for form[0..n); scratch is working memory. */
int tagmodel_word(const tagmodel *m, regex_run *run, const char *form, size_t n,
                  winfo *w, buf *scratch);

#endif
