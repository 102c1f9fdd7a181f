/* cli.c - the shared command-line behaviour of the nass tools. */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define READ_SIZE (256 * 1024)

enum {
	OPT_VERSION = 0x100,
	OPT_RULES_ONLY,
	OPT_DUMP_RULES,
	OPT_STRICT,
	OPT_HELP = 'h'
};

static const struct option common_opts[] = {
	{"rules", required_argument, NULL, 'r'},
	{"rules-only", required_argument, NULL, OPT_RULES_ONLY},
	{"dump-rules", no_argument, NULL, OPT_DUMP_RULES},
	{"output", required_argument, NULL, 'o'},
	{"unbuffered", no_argument, NULL, 'u'},
	{"strict", no_argument, NULL, OPT_STRICT},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, OPT_VERSION},
};
#define NCOMMON (sizeof common_opts / sizeof common_opts[0])

void cli_msg(const cli *c, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", c->prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cli_report_invalid(cli *c, const char *name, unsigned long long bad,
                        unsigned long long first)
{
	if (!bad)
		return;
	cli_msg(c, "%s: %sinvalid UTF-8: %llu byte%s replaced with U+FFFD, first at byte %llu",
	        name, c->strict ? "" : "warning: ", bad, bad == 1 ? "" : "s", first);
	if (c->strict)
		c->status = EXIT_INPUT;
}

void cli_error(const cli *c, const nass_error *err)
{
	if (err->file[0] && err->line)
		cli_msg(c, "%s:%d:%d: %s", err->file, err->line, err->column, err->message);
	else if (err->file[0])
		cli_msg(c, "%s: %s", err->file, err->message);
	else
		cli_msg(c, "%s", err->message);
}

void cli_fatal_usage(cli *c, const nass_error *err)
{
	cli_error(c, err);
	nass_rules_free(c->rules);
	exit(EXIT_USAGE);
}

static void usage_error(cli *c, const char *fmt, const char *what)
{
	fprintf(stderr, "%s: ", c->prog);
	fprintf(stderr, fmt, what);
	fprintf(stderr, "\nTry '%s --help' for more information.\n", c->prog);
	exit(EXIT_USAGE);
}

static void write_failed(cli *c)
{
	/* SIGPIPE normally ends us before this; if the caller ignores it, a
	 * closed pipe is still not an error worth a message. */
	if (errno == EPIPE)
		exit(128 + 13);
	cli_msg(c, "write error: %s", strerror(errno));
	exit(EXIT_INPUT);
}

void cli_open_output(cli *c)
{
	if (c->out)
		return;
	c->out = stdout;
	if (c->output && strcmp(c->output, "-") && !(c->out = fopen(c->output, "w"))) {
		cli_msg(c, "%s: cannot open for writing: %s", c->output, strerror(errno));
		exit(EXIT_INPUT);
	}
	if (!c->unbuffered)
		setvbuf(c->out, NULL, _IOFBF, 64 * 1024);
}

void cli_write(cli *c, const char *buf, size_t len)
{
	if (!c->out)
		cli_open_output(c);
	if (len && fwrite(buf, 1, len, c->out) != len)
		write_failed(c);
}

void cli_record_end(cli *c)
{
	if (c->unbuffered && c->out && fflush(c->out))
		write_failed(c);
}

static int dump_write(void *ctx, const char *buf, size_t len)
{
	cli_write(ctx, buf, len);
	return 0;
}

static void load_rules(cli *c, int argc, char **argv, const char *shortopts,
                       const struct option *longopts)
{
	nass_error err;
	int opt, only = 0;

	/* Rule files load in command-line order, after the defaults unless
	 * --rules-only asked to replace them: a second pass over argv. */
	optind = 0;
	while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1)
		if (opt == OPT_RULES_ONLY)
			only = 1;
	if (!(c->rules = nass_rules_new())) {
		cli_msg(c, "out of memory");
		exit(EXIT_USAGE);
	}
	if (!only && nass_rules_load_default(c->rules, c->kind, &err))
		cli_fatal_usage(c, &err);
	optind = 0;
	while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1)
		if ((opt == OPT_RULES_ONLY || (opt == 'r' && !(c->r_is_tools && c->r_is_tools(optarg)))) &&
		    nass_rules_load_file(c->rules, optarg, &err))
			cli_fatal_usage(c, &err);
}

/* getopt found no value for the option in ARG (the last argument). */
static void missing_argument(cli *c, const char *arg)
{
	char name[64];

	if (!strncmp(arg, "--", 2))
		snprintf(name, sizeof name, "%.*s", (int)strcspn(arg, "="), arg);
	else
		snprintf(name, sizeof name, "-%c", optopt);
	usage_error(c, "option '%s' needs an argument", name);
}

/* getopt has refused ARG: say why in the words the user typed.  (For a
 * long option getopt's optopt is its internal value, not a letter.) */
static void bad_option(cli *c, const char *arg, const struct option *longopts)
{
	size_t i, len, matches;

	if (strncmp(arg, "--", 2)) {
		char s[3] = {'-', (char)optopt, 0};
		usage_error(c, "unknown option '%s'", s);
	}
	len = strcspn(arg + 2, "=");
	for (i = 0, matches = 0; longopts[i].name; i++)
		if (!strncmp(longopts[i].name, arg + 2, len)) {
			if (strlen(longopts[i].name) == len) {
				matches = 1; /* exact: not ambiguous */
				break;
			}
			matches++;
		}
	if (matches > 1) {
		char name[64];
		snprintf(name, sizeof name, "%.*s", (int)len + 2, arg);
		usage_error(c, "option '%s' is ambiguous", name);
	}
	for (i = 0; longopts[i].name; i++)
		if (arg[2 + len] == '=' && longopts[i].has_arg == no_argument &&
		    strlen(longopts[i].name) == len && !strncmp(longopts[i].name, arg + 2, len)) {
			char name[64];
			snprintf(name, sizeof name, "--%s", longopts[i].name);
			usage_error(c, "option '%s' takes no argument", name);
		}
	usage_error(c, "unknown option '%s'", arg);
}

void cli_start(cli *c, int argc, char **argv, const char *toolshort,
               const struct option *toolopts, cli_opt_fn fn, void *ctx)
{
	struct option longopts[64];
	char shortopts[64];
	const char *output = NULL;
	int opt, dump = 0;
	size_t n = 0, i;
	nass_error err;

	for (i = 0; toolopts && toolopts[i].name && n < 40; i++)
		longopts[n++] = toolopts[i];
	for (i = 0; i < NCOMMON; i++)
		longopts[n++] = common_opts[i];
	memset(&longopts[n], 0, sizeof longopts[n]);
	snprintf(shortopts, sizeof shortopts, ":r:o:uh%s", toolshort);

	opterr = 0;
	while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		switch (opt) {
		case 'r':
			if (c->r_is_tools && c->r_is_tools(optarg) && fn(ctx, opt, optarg))
				exit(EXIT_USAGE);
			break; /* a rule file: loaded below, in order */
		case OPT_RULES_ONLY: break;
		case 'o': output = optarg; break;
		case 'u': c->unbuffered = 1; break;
		case OPT_STRICT: c->strict = 1; break;
		case OPT_DUMP_RULES: dump = 1; break;
		case 'h':
			printf("Usage: %s [OPTION]... [FILE]...\n%s", c->prog, c->usage);
			c->out = stdout; /* whatever -o said */
			exit(cli_finish(c));
		case OPT_VERSION:
			printf("%s (nass) %s\n", c->prog, nass_version());
			c->out = stdout;
			exit(cli_finish(c));
		case ':':
			missing_argument(c, argv[optind - 1]);
			break;
		case '?':
			bad_option(c, argv[optind - 1], longopts);
			break;
		default:
			if (fn(ctx, opt, optarg))
				exit(EXIT_USAGE);
		}
	}
	c->files = argv + optind;
	c->nfiles = argc - optind;
	load_rules(c, argc, argv, shortopts, longopts);
	c->output = output;
	if (dump) {
		if (nass_rules_dump(c->rules, c->kind, dump_write, c, &err))
			cli_fatal_usage(c, &err);
		exit(cli_finish(c));
	}
}

int cli_input_failed(cli *c, int rc)
{
	cli_msg(c, "%s: %s", c->input ? c->input : "-", nass_strerror(rc));
	c->status = EXIT_INPUT;
	return 1;
}

void cli_warning(void *ctx, const char *message)
{
	cli *c = ctx;

	cli_msg(c, "%s: warning: %s", c->input ? c->input : "-", message);
}

/* Read one input; returns nonzero if fn asked to stop. */
static int read_input(cli *c, const char *name, int fd, char *buf,
                      cli_input_fn fn, void *ctx)
{
	ssize_t got;

	c->input = name;
	for (;;) {
		got = read(fd, buf, READ_SIZE);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			cli_msg(c, "%s: read error: %s", name, strerror(errno));
			c->status = EXIT_INPUT;
			break;
		}
		if (got == 0)
			break;
		if (fn(ctx, name, buf, (size_t)got))
			return 1;
	}
	return fn(ctx, name, buf, 0);
}

int cli_each_input(cli *c, cli_input_fn fn, void *ctx)
{
	char *buf = malloc(READ_SIZE);
	int i, stop = 0;

	if (!buf) {
		cli_msg(c, "out of memory");
		return c->status = EXIT_INPUT;
	}
	cli_open_output(c);
	if (c->nfiles == 0)
		stop = read_input(c, "-", 0, buf, fn, ctx);
	for (i = 0; i < c->nfiles && !stop; i++) {
		const char *name = c->files[i];
		int fd = strcmp(name, "-") ? open(name, O_RDONLY) : 0;

		if (fd < 0) {
			cli_msg(c, "%s: %s", name, strerror(errno));
			c->status = EXIT_INPUT;
			continue;
		}
		stop = read_input(c, name, fd, buf, fn, ctx);
		if (fd)
			close(fd);
	}
	free(buf);
	return c->status;
}

int cli_finish(cli *c)
{
	FILE *out;

	cli_open_output(c); /* -o FILE is created even for no output */
	out = c->out;
	nass_rules_free(c->rules);
	c->rules = NULL;
	if (fflush(out) || ferror(out)) {
		if (errno == EPIPE)
			exit(128 + 13);
		cli_msg(c, "write error: %s", strerror(errno ? errno : EIO));
		fclose(out);
		return EXIT_INPUT;
	}
	if (fclose(out)) {
		cli_msg(c, "write error: %s", strerror(errno));
		return EXIT_INPUT;
	}
	return c->status;
}

size_t cli_batch(cli *c, const char *out, size_t len, int last)
{
	if (!len || !(last || c->unbuffered || len >= 256 * 1024))
		return len;
	cli_write(c, out, len);
	if (!last)
		cli_record_end(c);
	return 0;
}
