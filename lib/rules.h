/* rules.h - the rule set and its loading (internal).  rules.c owns the
 * generic part (files, includes, `nass:` and `kind:`); each tool's module
 * owns the keys of its kind. */
#ifndef NASS_RULES_H
#define NASS_RULES_H

#include "nass.h"
#include "normalize_rules.h"
#include "tokenize_rules.h"
#include "tag_rules.h"
#include "summarize_rules.h"
#include "yaml_load.h"

struct nass_rules {
	nrules normalize;
	trules tokenize;
	tagrules tag;
	sumrules summarize;
};

/* Rule files built into the library (generated build/rules_blob.c). */
struct rules_blob {
	const char *path; /* relative to rules/, e.g. "normalize/arabic.yaml" */
	const char *data;
	size_t len;
};
extern const struct rules_blob nass_rules_blob[];
extern const size_t nass_rules_blob_count;

/* The text of a data file a rule file names (built in, or on disk): NULL
 * with errno set if unreadable.  *owned is set when the caller must free
 * the result; built-in texts are static. */
const char *rules_data(const char *name, size_t *len, char **owned);

/* Resolve a file name written in rule file yf: relative to its directory,
 * unless absolute or built in.  0, or an error reported at node. */
int rules_resolve(yfile *yf, const yaml_node_t *node, const char *name,
                  char *path, size_t size);

/* The end of every kind's dump: b built (rc nonzero if out of memory),
 * written and freed; NASS_OK, NASS_ENOMEM or NASS_EIO with err set. */
int rules_dump_finish(buf *b, int rc, nass_write_fn write, void *ctx, nass_error *err);

/* Prefix of the names of built-in files in messages. */
#define RULES_BUILTIN "builtin:"

#endif
