/* table.h - a sorted text table searched where it lies (internal): the
 * lines KEY<TAB>VALUE of a rule data file whose keys are in strictly
 * increasing byte order, found by binary search over an array of where
 * its lines start; the text is neither copied nor hashed.  For tables
 * built into the program, whose order a test checks: hashing tag's
 * 42,000 hunspell keys took a fifth of its start-up. */
#ifndef NASS_TABLE_H
#define NASS_TABLE_H

#include <stddef.h>
#include <stdint.h>

typedef struct table {
	const char *p, *end; /* the data lines ('#' and blank lines at the top, blank ones at the end skipped) */
	uint32_t *line;      /* where each line starts, from p; then end */
	size_t n;            /* lines */
} table;

/* t over text[0..len): 0, or NASS_ENOMEM. */
int table_init(table *t, const char *text, size_t len);
void table_free(table *t);
/* The VALUE of the line whose KEY is key[0..n) (n > 0, no TAB or
 * newline in it) in *val, *vl (without a '\r'); 1 if found, 0 if not. */
int table_find(const table *t, const char *key, size_t n, const char **val, size_t *vl);

#endif
