/* normalize_rules.h - the steps and profiles of `normalize` as loaded from
 * rule files (internal). */
#ifndef NASS_NORMALIZE_RULES_H
#define NASS_NORMALIZE_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "nass.h"
#include "regex.h"
#include "yaml_load.h"

enum nbuiltin { NB_NONE, NB_NFC, NB_NFKC, NB_CASEFOLD, NB_SPACES };

struct nmap {
	int32_t cp;
	uint32_t off, len; /* value: pool[off .. off+len) */
};

struct nrange {
	int32_t lo, hi;
};

struct nregex {
	regex *re;
	char *replace;
};

typedef struct nstep {
	char *name;
	char *description;
	int builtin;  /* enum nbuiltin */
	int compose;  /* NFC-compose before mapping */
	struct nmap *map; /* sorted by cp */
	size_t nmap;
	int32_t *pool;
	size_t npool;
	struct nrange *del; /* sorted, not overlapping */
	size_t ndel;
	struct nregex *rx; /* a regex step has these and nothing else */
	size_t nrx;
} nstep;

typedef struct nprofile {
	char *name;
	char **items;  /* step or profile names */
	int *lines, *columns;
	size_t n;
	char *file;    /* where it was defined, for messages */
} nprofile;

typedef struct nrules {
	nstep **steps;
	size_t nsteps;
	nprofile **profiles;
	size_t nprofiles;
} nrules;

#define NRULES_KEYS "nass, kind, include, steps, profiles"

/* Handle one top-level key of a normalize file: 0, an error, or 1 if the
 * key is not one of ours. */
int nrules_key(nrules *nr, yfile *yf, yaml_node_t *key, yaml_node_t *value);
/* Check that every profile names known steps or profiles. */
int nrules_check(const nrules *nr, nass_error *err);
int nrules_dump(const nrules *nr, nass_write_fn write, void *ctx,
                nass_error *err);
void nrules_free(nrules *nr);

const nstep *nrules_step(const nrules *nr, const char *name);
/* The steps of a profile plus `add` minus `remove` (comma lists), in
 * order, without repeats.  *out is malloc'd. */
int nrules_expand(const nrules *nr, const char *profile, const char *add,
                  const char *remove, const nstep ***out, size_t *n,
                  nass_error *err);

/* What a step does to one code point: the mapped value (set *val, *len)
 * and 1; 0 if deleted (*len = 0) ... see normalize.c for the builtins. */
const struct nmap *nstep_map_find(const nstep *s, int32_t cp);
int nstep_deletes(const nstep *s, int32_t cp);

#endif
