/* replay.c - run a libFuzzer target over files without libFuzzer, so that
 * a corpus is replayed by ordinary builds (make check, SANITIZE=1,
 * valgrind).  Usage: fuzz-replay-TARGET FILE|DIR...; a directory stands
 * for the files in it, run in name order.  A failing input aborts inside
 * the target, so the name of each input is written to stderr before it
 * runs: the last one named is the culprit.  Exit status 0 when every
 * input ran, 1 when one could not be read. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *data = NULL, *p;
	size_t len = 0, cap = 0, got;

	if (!f) {
		perror(path);
		return 1;
	}
	for (;;) {
		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 65536;
			if (!(p = realloc(data, cap))) {
				fprintf(stderr, "%s: out of memory\n", path);
				free(data);
				fclose(f);
				return 1;
			}
			data = p;
		}
		got = fread(data + len, 1, cap - len, f);
		len += got;
		if (!got)
			break;
	}
	if (ferror(f)) {
		perror(path);
		free(data);
		fclose(f);
		return 1;
	}
	fclose(f);
	/* An exact-size copy, so that ASan sees reads past the end. */
	p = malloc(len ? len : 1);
	if (!p) {
		free(data);
		return 1;
	}
	if (len)
		memcpy(p, data, len);
	free(data);
	fprintf(stderr, "replay: %s (%zu bytes)\n", path, len);
	LLVMFuzzerTestOneInput(p, len);
	free(p);
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The regular files in dir, in name order (so runs are reproducible). */
static int run_dir(const char *dir, int *count)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL, **p;
	size_t n = 0, i;
	int rc = 0;

	if (!d) {
		perror(dir);
		return 1;
	}
	while ((e = readdir(d))) {
		char *path;
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		if (!(path = malloc(strlen(dir) + strlen(e->d_name) + 2)))
			break;
		sprintf(path, "%s/%s", dir, e->d_name);
		if (stat(path, &st) || !S_ISREG(st.st_mode) ||
		    !(p = realloc(names, (n + 1) * sizeof *names))) {
			free(path);
			continue;
		}
		names = p;
		names[n++] = path;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, cmp_str);
	for (i = 0; i < n; i++) {
		rc |= run_file(names[i]);
		++*count;
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	int i, rc = 0, count = 0;
	struct stat st;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	for (i = 1; i < argc; i++) {
		if (!stat(argv[i], &st) && S_ISDIR(st.st_mode)) {
			rc |= run_dir(argv[i], &count);
		} else {
			rc |= run_file(argv[i]);
			count++;
		}
	}
	printf("replayed %d input%s\n", count, count == 1 ? "" : "s");
	return rc;
}
