/* cli.h - what the four nass tools share on the command line: the common
 * options, loading rules, reading inputs, writing output, messages and
 * exit codes (DESIGN.md section 4).  Not part of libnass. */
#ifndef NASS_CLI_H
#define NASS_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "nass.h"

enum { EXIT_INPUT = 1, EXIT_USAGE = 2 };

typedef struct cli {
	const char *prog;  /* tool name, first word of every message */
	const char *kind;  /* which default rules it loads */
	const char *usage; /* --help text after the Usage line */
	nass_rules *rules;
	const char *output; /* -o, or NULL */
	FILE *out;          /* NULL until cli_open_output */
	int unbuffered;
	int strict;
	int status; /* exit status so far: 0 or EXIT_INPUT */
	char **files;
	int nfiles;
	const char *input; /* the input being read, for messages */
	/* When set and true of -r's argument, that -r is the tool's own
	 * option (summarize -r 0.3: a ratio), not a rule file. */
	int (*r_is_tools)(const char *arg);
} cli;

/* The --help lines of the options every tool has (cli.c), from -r to
 * --version; RECORD names what -u flushes after ("line", "sentence"). */
#define CLI_COMMON_HELP(RECORD) \
	"  -r, --rules=FILE       load more rules (repeatable)\n" \
	"      --rules-only=FILE  load FILE instead of the built-in rules\n" \
	"      --dump-rules       print the rules in force as YAML and exit\n" \
	"      --strict           invalid UTF-8 is an error (exit 1)\n" \
	"  -o, --output=FILE      write to FILE instead of standard output\n" \
	"  -u, --unbuffered       flush after each " RECORD "\n" \
	"  -h, --help             show this help and exit\n" \
	"      --version          show the version and exit\n"

/* A tool's own option: return 0, or nonzero after reporting misuse. */
typedef int (*cli_opt_fn)(void *ctx, int opt, const char *arg);

/* Parse argv (common options plus the tool's), load the rules, and handle
 * --help, --version and --dump-rules (which exit).
 * Misuse and rule errors exit with status 2 before any input is read. */
void cli_start(cli *c, int argc, char **argv, const char *shortopts,
               const struct option *longopts, cli_opt_fn fn, void *ctx);

/* Read each input (files, or stdin for none or "-") in chunks, calling
 * fn(ctx, name, buf, len) with len > 0 for data and once with len == 0 at
 * its end.  An unreadable file is reported and skipped (exit 1 at the
 * end); fn returning nonzero stops everything. */
typedef int (*cli_input_fn)(void *ctx, const char *name, const char *buf,
                            size_t len);
int cli_each_input(cli *c, cli_input_fn fn, void *ctx);

/* Open the output (-o FILE or stdout) if not yet open: called when the
 * tool has checked its own options, so that a usage error never
 * truncates FILE; the functions below call it too.  Exits 1 on failure. */
void cli_open_output(cli *c);

/* Write output; a write error ends the tool (status 1, or 141 quietly for a
 * closed pipe).  cli_record_end flushes when -u was given. */
void cli_write(cli *c, const char *buf, size_t len);
void cli_record_end(cli *c);
/* Records batched into one large write (which skips a copy into stdio's
 * buffer): write out[0..len) if -u was given, if it has grown past 256
 * KiB, or if last; returns what is still pending (0 or len). */
size_t cli_batch(cli *c, const char *out, size_t len, int last);

/* Messages: "prog: " + text (+ newline). */
void cli_msg(const cli *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Report invalid UTF-8 in an input (a warning, or an error under
 * --strict); nothing if bad is 0. */
void cli_report_invalid(cli *c, const char *name, unsigned long long bad,
                        unsigned long long first);
/* A library call failed on the input being read (rc: a NASS_ code):
 * "prog: INPUT: what", exit status 1 at the end; returns 1 (stop). */
int cli_input_failed(cli *c, int rc);
/* A library's diagnostic callback (ctx: the cli): "prog: INPUT: warning:
 * message", INPUT being the input read at the time. */
void cli_warning(void *ctx, const char *message);
/* "prog: FILE:LINE:COL: message" from a library error. */
void cli_error(const cli *c, const nass_error *err);
/* Report a library error that is the user's doing and exit 2. */
void cli_fatal_usage(cli *c, const nass_error *err);

/* Flush and close the output, report write errors, free the rules and
 * return the exit status. */
int cli_finish(cli *c);

#endif
