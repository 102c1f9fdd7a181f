/* rules.h - the rule set and its loading (internal).  rules.c owns the
 * generic part (files, includes, `nass:` and `kind:`); each tool's module
 * owns the keys of its kind. */
#ifndef NASS_RULES_H
#define NASS_RULES_H

#include "nass.h"
#include "normalize_rules.h"
#include "tokenize_rules.h"
#include "yaml_load.h"

struct nass_rules {
	nrules normalize;
	trules tokenize;
};

/* Rule files built into the library (generated build/rules_blob.c). */
struct rules_blob {
	const char *path; /* relative to rules/, e.g. "normalize/arabic.yaml" */
	const char *data;
	size_t len;
};
extern const struct rules_blob nass_rules_blob[];
extern const size_t nass_rules_blob_count;

/* Prefix of the names of built-in files in messages. */
#define RULES_BUILTIN "builtin:"

#endif
