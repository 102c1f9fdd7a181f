/* normalize - Unicode and Arabic text normalization, line for line.
 * A thin main: options and wiring; the work is in libnass. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
	"Normalize UTF-8 text line for line: Unicode forms, controls, spaces and\n"
	"Arabic spelling variants, as named steps from YAML rules.\n"
	"\n"
	"  -p, --profile=NAME     run the steps of profile NAME (default: default;\n"
	"                         search folds spelling for matching)\n"
	"  -s, --steps=STEP,...   add steps after the profile's\n"
	"  -x, --exclude=STEP,... remove steps from the profile\n"
	"      --list-steps       list the known steps and exit\n"
	CLI_COMMON_HELP("line")
	"\n"
	"With no FILE, or when FILE is -, read standard input.\n"
	"Exit status: 0 ok, 1 unreadable input or invalid UTF-8 under --strict,\n"
	"2 usage or rules error.  See normalize(1) and nass-rules(5).\n";

enum { OPT_LIST_STEPS = 0x200 };

static const struct option options[] = {
	{"profile", required_argument, NULL, 'p'},
	{"steps", required_argument, NULL, 's'},
	{"exclude", required_argument, NULL, 'x'},
	{"list-steps", no_argument, NULL, OPT_LIST_STEPS},
	{NULL, 0, NULL, 0},
};

struct normalize {
	cli cli;
	const char *profile;
	char *add, *remove; /* comma lists, from repeated -s and -x */
	int list_steps;
	nass_normalizer *nz;
};

/* Append a comma list to *list (repeated -s/-x accumulate). */
static int append_list(char **list, const char *arg)
{
	size_t old = *list ? strlen(*list) : 0;
	char *p = realloc(*list, old + strlen(arg) + 2);

	if (!p)
		return 1;
	if (old)
		p[old++] = ',';
	strcpy(p + old, arg);
	*list = p;
	return 0;
}

static int on_option(void *ctx, int opt, const char *arg)
{
	struct normalize *n = ctx;

	switch (opt) {
	case 'p': n->profile = arg; return 0;
	case 's': return append_list(&n->add, arg);
	case 'x': return append_list(&n->remove, arg);
	case OPT_LIST_STEPS: n->list_steps = 1; return 0;
	}
	return 1;
}

static int print_step(void *ctx, const char *name, const char *description)
{
	cli *c = ctx;

	cli_write(c, name, strlen(name));
	cli_write(c, "\t", 1);
	cli_write(c, description, strlen(description));
	cli_write(c, "\n", 1);
	return 0;
}

static int drain(struct normalize *n)
{
	const char *out;
	size_t len;
	int rc;

	while ((rc = nass_normalizer_next(n->nz, &out, &len)) == NASS_OK) {
		cli_write(&n->cli, out, len);
		cli_record_end(&n->cli);
	}
	return rc != NASS_AGAIN ? cli_input_failed(&n->cli, rc) : 0;
}

static int on_input(void *ctx, const char *name, const char *buf, size_t len)
{
	struct normalize *n = ctx;
	unsigned long long bad, first;

	if (len) {
		nass_normalizer_feed(n->nz, buf, len);
		return drain(n);
	}
	nass_normalizer_finish(n->nz);
	if (drain(n))
		return 1;
	nass_normalizer_invalid(n->nz, &bad, &first);
	cli_report_invalid(&n->cli, name, bad, first);
	return 0;
}

int main(int argc, char **argv)
{
	struct normalize n = {.cli = {.prog = "normalize", .kind = "normalize", .usage = usage}};
	nass_error err;
	int status;

	cli_start(&n.cli, argc, argv, "p:s:x:", options, on_option, &n);
	if (n.list_steps) {
		nass_rules_steps(n.cli.rules, print_step, &n.cli);
		return cli_finish(&n.cli);
	}
	if (!(n.nz = nass_normalizer_new(n.cli.rules, n.profile, n.add, n.remove, &err)))
		cli_fatal_usage(&n.cli, &err);
	nass_normalizer_set_diag(n.nz, cli_warning, &n.cli);
	cli_each_input(&n.cli, on_input, &n);
	nass_normalizer_free(n.nz);
	status = cli_finish(&n.cli);
	free(n.add);
	free(n.remove);
	return status;
}
