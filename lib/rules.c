/* rules.c - loading rule files: reading, includes, the common keys, and
 * dispatch of the other keys to the module of the file's kind. */
#include "rules.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

/* Includes deeper than this are taken to be a cycle. */
#define MAX_INCLUDE_DEPTH 16

static int load_named(nass_rules *r, const char *name, int depth,
                      yfile *from, const yaml_node_t *at, nass_error *err);

nass_rules *nass_rules_new(void)
{
	return calloc(1, sizeof(nass_rules));
}

void nass_rules_free(nass_rules *r)
{
	if (!r)
		return;
	nrules_free(&r->normalize);
	trules_free(&r->tokenize);
	tagrules_free(&r->tag);
	sumrules_free(&r->summarize);
	free(r);
}

static const struct rules_blob *blob_find(const char *path)
{
	size_t i;

	for (i = 0; i < nass_rules_blob_count; i++)
		if (!strcmp(nass_rules_blob[i].path, path))
			return &nass_rules_blob[i];
	return NULL;
}

int rules_resolve(yfile *yf, const yaml_node_t *node, const char *name,
                  char *path, size_t size)
{
	const char *slash = strrchr(yf->name, '/');
	size_t dirlen = 0, pre = strlen(RULES_BUILTIN);

	/* Relative to the naming file, unless absolute or built in; a name
	 * in a top-level built-in file is a built-in one. */
	if (name[0] == '/' || !strncmp(name, RULES_BUILTIN, pre))
		dirlen = 0;
	else if (slash)
		dirlen = (size_t)(slash - yf->name + 1);
	else if (!strncmp(yf->name, RULES_BUILTIN, pre))
		dirlen = pre;
	if (dirlen + strlen(name) >= size)
		return yerror(yf, node, "file name too long");
	memcpy(path, yf->name, dirlen);
	strcpy(path + dirlen, name);
	return NASS_OK;
}

static char *read_file(const char *path, size_t *len);

const char *rules_data(const char *name, size_t *len, char **owned)
{
	*owned = NULL;
	if (!strncmp(name, RULES_BUILTIN, strlen(RULES_BUILTIN))) {
		const struct rules_blob *b = blob_find(name + strlen(RULES_BUILTIN));
		if (!b) {
			errno = ENOENT;
			return NULL;
		}
		*len = b->len;
		return b->data;
	}
	return *owned = read_file(name, len);
}

/* Read a whole file; rule files are small, and lists they name are read
 * by their loaders. */
static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL, *p;
	size_t cap = 0, n = 0, got;

	if (!f)
		return NULL;
	for (;;) {
		if (cap - n < 4096) {
			cap = cap ? cap * 2 : 8192;
			if (!(p = realloc(data, cap))) {
				free(data);
				fclose(f);
				errno = ENOMEM;
				return NULL;
			}
			data = p;
		}
		got = fread(data + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		int e = errno;
		free(data);
		fclose(f);
		errno = e ? e : EIO;
		return NULL;
	}
	fclose(f);
	*len = n;
	return data;
}

static int check_header(yfile *yf, yaml_node_t *root, const char **kind)
{
	yaml_node_pair_t *p;
	int have_nass = 0;

	*kind = NULL;
	for (p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
		yaml_node_t *k = ynode(yf, p->key), *v = ynode(yf, p->value);
		const char *key = yscalar(k);

		if (!key)
			return yerror(yf, k, "expected a string key");
		if (!strcmp(key, "nass")) {
			long ver;
			if (yint(yf, v, &ver))
				return NASS_ERULES;
			if (ver != 1)
				return yerror(yf, v, "unsupported schema version %ld (this is nass: 1)", ver);
			have_nass = 1;
		} else if (!strcmp(key, "kind")) {
			const char *s = yscalar(v);
			if (!s)
				return yexpect(yf, v, YAML_SCALAR_NODE, "a kind");
			if (strcmp(s, "normalize") && strcmp(s, "tokenize") &&
			    strcmp(s, "tag") && strcmp(s, "summarize"))
				return yerror(yf, v, "unknown kind '%s' (expected normalize, tokenize, tag or summarize)", s);
			*kind = s;
		}
	}
	if (!have_nass)
		return yerror(yf, root, "missing 'nass: 1' (the schema version)");
	if (!*kind)
		return yerror(yf, root, "missing 'kind:' (normalize, tokenize, tag or summarize)");
	return NASS_OK;
}

/* Resolve an include against the including file: built-in files include
 * built-in files, files on disk include files on disk. */
static int include_one(nass_rules *r, yfile *yf, yaml_node_t *node, int depth,
                       nass_error *err)
{
	const char *inc = yscalar(node);
	char path[1024];
	int rc;

	if (!inc || !*inc)
		return yerror(yf, node, "expected a file name to include");
	if ((rc = rules_resolve(yf, node, inc, path, sizeof path)))
		return rc;
	if (depth >= MAX_INCLUDE_DEPTH)
		return yerror(yf, node, "includes nested more than %d deep (a cycle?)",
		              MAX_INCLUDE_DEPTH);
	return load_named(r, path, depth + 1, yf, node, err);
}

static int do_includes(nass_rules *r, yfile *yf, yaml_node_t *v, int depth,
                       nass_error *err)
{
	yaml_node_item_t *it;

	if (v->type == YAML_SCALAR_NODE)
		return include_one(r, yf, v, depth, err);
	if (v->type != YAML_SEQUENCE_NODE)
		return yexpect(yf, v, YAML_SEQUENCE_NODE, "a file name or a list of them");
	for (it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++)
		if (include_one(r, yf, ynode(yf, *it), depth, err))
			return NASS_ERULES;
	return NASS_OK;
}

static int load_text(nass_rules *r, const char *name, const char *text,
                     size_t len, int depth, nass_error *err)
{
	yfile yf;
	yaml_node_t *root;
	yaml_node_pair_t *p;
	const char *kind;
	int rc;

	if ((rc = yfile_parse(&yf, name, text, len, err)))
		return rc;
	root = yfile_root(&yf);
	if ((rc = yexpect(&yf, root, YAML_MAPPING_NODE, "a mapping with 'nass: 1' and 'kind:'")) ||
	    (rc = check_header(&yf, root, &kind)))
		goto out;
	/* Includes first, so that what this file says overrides them. */
	for (p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
		if (!strcmp(yscalar(ynode(&yf, p->key)), "include") &&
		    (rc = do_includes(r, &yf, ynode(&yf, p->value), depth, err)))
			goto out;
	}
	for (p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
		yaml_node_t *k = ynode(&yf, p->key), *v = ynode(&yf, p->value);
		const char *key = yscalar(k);

		if (!strcmp(key, "nass") || !strcmp(key, "kind") || !strcmp(key, "include"))
			continue;
		if (!strcmp(kind, "normalize"))
			rc = nrules_key(&r->normalize, &yf, k, v);
		else if (!strcmp(kind, "tokenize"))
			rc = trules_key(&r->tokenize, &yf, k, v);
		else if (!strcmp(kind, "tag"))
			rc = tagrules_key(&r->tag, &yf, k, v);
		else if (!strcmp(kind, "summarize"))
			rc = sumrules_key(&r->summarize, &yf, k, v);
		else
			rc = 1;
		if (rc > 0)
			rc = yerror(&yf, k, "unknown key '%s' in a %s rule file (expected %s)",
			            key, kind,
			            !strcmp(kind, "normalize") ? NRULES_KEYS
			            : !strcmp(kind, "tokenize") ? TRULES_KEYS
			            : !strcmp(kind, "tag") ? TAGRULES_KEYS
			            : !strcmp(kind, "summarize") ? SUMRULES_KEYS
			                                         : "nass, kind, include");
		if (rc)
			goto out;
	}
out:
	yfile_free(&yf);
	return rc;
}

static int load_named(nass_rules *r, const char *name, int depth,
                      yfile *from, const yaml_node_t *at, nass_error *err)
{
	char *text;
	size_t len = 0;
	int rc;

	if (!strncmp(name, RULES_BUILTIN, strlen(RULES_BUILTIN))) {
		const struct rules_blob *b = blob_find(name + strlen(RULES_BUILTIN));
		if (!b)
			return from ? yerror(from, at, "no built-in rule file '%s'", name)
			            : error_set(err, NASS_EINVAL, NULL, 0, 0,
			                        "no built-in rules for '%s'", name);
		return load_text(r, name, b->data, b->len, depth, err);
	}
	if (!(text = read_file(name, &len))) {
		if (from)
			return yerror(from, at, "cannot read '%s': %s", name, strerror(errno));
		return error_set(err, NASS_EIO, name, 0, 0, "cannot read: %s",
		                 strerror(errno));
	}
	rc = load_text(r, name, text, len, depth, err);
	free(text);
	return rc;
}

int nass_rules_load_default(nass_rules *r, const char *kind, nass_error *err)
{
	char name[64];
	int rc;

	if (strlen(kind) > 32)
		return error_set(err, NASS_EINVAL, NULL, 0, 0, "bad kind");
	snprintf(name, sizeof name, RULES_BUILTIN "%s.yaml", kind);
	if ((rc = load_named(r, name, 0, NULL, NULL, err)))
		return rc;
	return nrules_check(&r->normalize, err);
}

int nass_rules_load_file(nass_rules *r, const char *path, nass_error *err)
{
	int rc = load_named(r, path, 0, NULL, NULL, err);

	return rc ? rc : nrules_check(&r->normalize, err);
}

int nass_rules_load_string(nass_rules *r, const char *name, const char *text,
                           size_t len, nass_error *err)
{
	int rc = load_text(r, name, text, len, 0, err);

	return rc ? rc : nrules_check(&r->normalize, err);
}

int rules_dump_finish(buf *b, int rc, nass_write_fn write, void *ctx, nass_error *err)
{
	if (rc)
		rc = error_set(err, NASS_ENOMEM, NULL, 0, 0, "out of memory");
	else if (write(ctx, b->data, b->len))
		rc = error_set(err, NASS_EIO, NULL, 0, 0, "write failed");
	buf_free(b);
	return rc;
}

int nass_rules_dump(const nass_rules *r, const char *kind, nass_write_fn write,
                    void *ctx, nass_error *err)
{
	if (!strcmp(kind, "normalize"))
		return nrules_dump(&r->normalize, write, ctx, err);
	if (!strcmp(kind, "tokenize"))
		return trules_dump(&r->tokenize, write, ctx, err);
	if (!strcmp(kind, "tag"))
		return tagrules_dump(&r->tag, write, ctx, err);
	if (!strcmp(kind, "summarize"))
		return sumrules_dump(&r->summarize, write, ctx, err);
	return error_set(err, NASS_EINVAL, NULL, 0, 0, "no rules of kind '%s'", kind);
}
