/* table.h - a sorted text table searched where it lies (internal): the
 * lines KEY<TAB>VALUE of a rule data file whose keys are in strictly
 * increasing byte order, found by binary search over its bytes, with
 * nothing loaded or copied.  For tables built into the program, whose
 * order a test checks: loading tag's 42,000 hunspell keys into a hash
 * table took a fifth of its start-up. */
#ifndef NASS_TABLE_H
#define NASS_TABLE_H

#include <stddef.h>

typedef struct table {
	const char *p, *end; /* the data lines ('#' lines and blank ones at the top skipped) */
} table;

/* t over text[0..len). */
void table_init(table *t, const char *text, size_t len);
/* The VALUE of the line whose KEY is key[0..n) in *val, *vl (without a
 * '\r'); 1 if found, 0 if not (or t is empty). */
int table_find(const table *t, const char *key, size_t n, const char **val, size_t *vl);

#endif
