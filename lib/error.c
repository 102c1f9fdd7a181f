/* error.c - status codes, messages and the version string. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *nass_version(void)
{
	return NASS_VERSION_STRING;
}

const char *nass_strerror(int code)
{
	switch (code) {
	case NASS_OK: return "success";
	case NASS_AGAIN: return "more input needed";
	case NASS_ENOMEM: return "out of memory";
	case NASS_EIO: return "input/output error";
	case NASS_ERULES: return "invalid rules";
	case NASS_EINVAL: return "invalid argument";
	case NASS_EINPUT: return "invalid input";
	case NASS_ELIMIT: return "regex match limit reached";
	}
	return "unknown error";
}

int error_set(nass_error *err, int code, const char *file, int line,
              int column, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	err->line = line;
	err->column = column;
	snprintf(err->file, sizeof err->file, "%s", file ? file : "");
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
	return code;
}
