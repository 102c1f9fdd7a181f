/* summarize_internal.h - the summarizer's state (internal), shared by
 * summarize.c (reading documents), summarize_score.c (scoring and
 * choosing) and summarize_format.c (writing summaries). */
#ifndef NASS_SUMMARIZE_INTERNAL_H
#define NASS_SUMMARIZE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "conllu.h"
#include "io.h"
#include "lexicon.h"
#include "nass.h"
#include "summarize_rules.h"

/* A sentence while its document is read: offsets, since the document's
 * buffers move as they grow. */
typedef struct ssent {
	size_t off, len;          /* CoNLL-U block in doc->text */
	size_t text_off, text_len;
	int text_extra;           /* the text is in doc->extra, not doc->text */
	size_t id_off;            /* sent_id, NUL-terminated, in doc->extra */
	size_t words;
	size_t occ, nocc;         /* its content terms in doc->occ */
	size_t ent, nent;         /* its entity mentions in doc->entocc */
	size_t vec, nvec;         /* its TF-IDF vector in doc->vid/vw */
	double norm;
} ssent;

/* A term (content word key) or a phrase or an entity: where to show it
 * from (an offset in doc->extra) and how often it occurs. */
typedef struct sitem {
	size_t show;              /* NUL-terminated text in doc->extra */
	uint32_t count;
	uint32_t a, b;            /* phrase: its two terms; term: a = among
	                           * the top keywords, b = may be listed */
	double idf, score;
} sitem;

/* One document: read, then scored, then handed out. */
typedef struct sdoc {
	char *id;
	int explicit_doc;         /* opened by # newdoc (else by an input) */
	buf text, extra;
	ssent *s;
	size_t n, cap;
	lexicon terms, phrases, ents;
	sitem *term, *phrase, *ent;
	size_t termcap, phrasecap, entcap;
	uint32_t *occ, *entocc;
	size_t nocc, occcap, nentocc, entocccap;
	uint32_t *vid;
	float *vw;
	size_t nv, vcap;
	/* what nass_summarizer_next hands out */
	nass_summary sum;
	nass_summary_sentence *out;
	size_t outcap;
	int glued;                /* the last sentence's last token has
	                           * SpaceAfter=No (selection.join_unspaced) */
	nass_keyword *kw;
	size_t kwcap;
	nass_entity *en;
	size_t encap;
} sdoc;

struct nass_summarizer {
	const sumrules *rules;
	int flags;
	nass_summary_length length;
	size_t keywords;           /* how many keywords a summary lists */
	conllu_reader *rd;
	char *name;                /* the input's name */
	int input_docs;            /* documents the input has given so far */
	sdoc *cur;                 /* being read, or NULL */
	sdoc **ready;              /* read and scored, in order */
	size_t nready, readycap, readyhead;
	sdoc *handed;              /* handed out by the last _next */
	sdoc *spare;               /* a finished document, to reuse */
	int finished;
	int failed;                /* the input had malformed CoNLL-U */
	/* the IDF background: the table's document frequencies, sorted by
	 * key for a binary search (loading it is one pass, no hashing), and
	 * with --stream-idf those of the documents read so far */
	struct idfent { uint32_t off, len, df; } *idf;
	size_t nidf;
	buf idfkeys;               /* a user's table, its keys folded */
	const char *idfbase;       /* the keys: in the built-in text or idfkeys */
	char *idfowned;            /* the text of a table read from a file */
	lexicon bg;
	uint32_t *bgdf;
	size_t bgcap;
	unsigned long long bgdocs; /* the table's documents and the stream's */
	lexicon stop;
	uint32_t content_upos;     /* bit set of content UPOS indexes */
	uint32_t keyword_upos;     /* ... of those that may be keywords */
	int propn;                 /* the index of PROPN */
	buf key, scratch, out, join;
	buf ename, elemma, ekey;   /* the entity being read: as written, its
	                           * words' lemmas, its key */
	double *work;              /* scoring scratch */
	size_t workcap;
	struct sedge { uint32_t a, b; float w; } *edges;
	size_t edgecap;
	nass_diag_fn diag;
	void *diag_ctx;
};

/* Score a document's sentences and fill doc->sum (summarize_score.c). */
int summarize_document(nass_summarizer *s, sdoc *d);
/* Is this comment line "# newdoc" or "# newdoc ..."? (summarize.c) */
int summarize_is_newdoc(const char *p, size_t n);
/* The key a word is matched on, in s->key (summarize.c). */
int summarize_word_key(nass_summarizer *s, const char *w, size_t n);
/* Load the IDF table name names; the IDF of a term key (summarize_idf.c). */
int summarize_load_idf(nass_summarizer *s, const char *name, nass_error *err);
double summarize_idf(const nass_summarizer *s, const char *key, size_t n);

#endif
