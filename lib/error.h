/* error.h - filling a nass_error (internal). */
#ifndef NASS_ERROR_H
#define NASS_ERROR_H

#include "nass.h"

#if defined(__GNUC__)
#define NASS_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define NASS_PRINTF(f, a)
#endif

/* Set err (if not NULL) and return code, so callers can write
 * `return error_set(err, NASS_EINVAL, NULL, 0, 0, "...")`. */
int error_set(nass_error *err, int code, const char *file, int line,
              int column, const char *fmt, ...) NASS_PRINTF(6, 7);

#endif
