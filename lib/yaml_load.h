/* yaml_load.h - strict reading of YAML rule files on libyaml (internal).
 *
 * A file is parsed whole into a libyaml document; the rule loaders then
 * walk its nodes through these helpers, which check types and turn every
 * fault into a `file:line:column: message` error (1-based positions). */
#ifndef NASS_YAML_H
#define NASS_YAML_H

#include <stddef.h>
#include <stdint.h>
#include <yaml.h>

#include "io.h"
#include "nass.h"

typedef struct yfile {
	yaml_document_t doc;
	const char *name; /* for messages */
	nass_error *err;
} yfile;

/* Parse text; an empty document is an error. */
int yfile_parse(yfile *yf, const char *name, const char *text, size_t len,
                nass_error *err);
void yfile_free(yfile *yf);

yaml_node_t *yfile_root(yfile *yf);
yaml_node_t *ynode(yfile *yf, int index);

/* Report a fault at node; returns NASS_ERULES. */
int yerror(yfile *yf, const yaml_node_t *node, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Type checks: return 0 or the error. `what` names the expected thing. */
int yexpect(yfile *yf, const yaml_node_t *node, yaml_node_type_t type,
            const char *what);
/* The scalar's text (NUL-terminated by libyaml) or NULL if not a scalar. */
const char *yscalar(const yaml_node_t *node);
/* A plain integer scalar. */
int yint(yfile *yf, const yaml_node_t *node, long *out);
/* true/false (also yes/no). */
int ybool(yfile *yf, const yaml_node_t *node, int *out);

/* A code point written as U+XXXX (4 to 6 hex digits) or as a one-character
 * string. */
int ycodepoint(yfile *yf, const yaml_node_t *node, int32_t *out);
/* A code point or a range U+XXXX..U+YYYY. */
int yrange(yfile *yf, const yaml_node_t *node, int32_t *lo, int32_t *hi);
/* Parse "U+XXXX" exactly; 1 if s is one, 0 if not, -1 if malformed. */
int parse_uplus(const char *s, size_t len, int32_t *out);



/* Append a YAML double-quoted string; characters a reader cannot see
 * (controls, marks, format characters, non-ASCII spaces) are written as
 * \uXXXX escapes so a dump stays readable and exact.  0 or NASS_ENOMEM. */
int yaml_put_string(buf *b, const char *s, size_t len);
int yaml_put_cps(buf *b, const int32_t *cps, size_t n);

#endif
