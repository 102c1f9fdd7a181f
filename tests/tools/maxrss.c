/*
 * maxrss - run a command and report its peak resident set size.
 *
 *   maxrss CMD [ARG...]
 *
 * Runs CMD with stdin, stdout and stderr inherited, waits for it, then
 * writes one line to stderr:
 *
 *   maxrss: KB
 *
 * where KB is the peak RSS of the child in kilobytes (1024 bytes), taken
 * from getrusage(RUSAGE_CHILDREN).  maxrss has only this one child, so the
 * figure is the child's own (or that of the largest of its own descendants
 * that it waited for).
 *
 * Exit status: the child's exit status; 128+N if it was killed by signal N;
 * 126 if CMD was found but could not be run, 127 if it was not found; 125
 * for a usage error or a failure of maxrss itself.  Like time(1), maxrss
 * ignores SIGINT and SIGQUIT while it waits, so an interrupt from the
 * terminal reaches the child and is reported as its status.
 *
 * C99 + POSIX.1-2008 only (no wait4), so that it builds with
 * cc -std=c99 -Wall -Wextra -Werror -O2 on Linux, the BSDs and macOS.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct sigaction ign, old_int, old_quit;
	struct rusage ru;
	pid_t pid;
	int status;
	long kb;

	if (argc < 2 || argv[1][0] == '\0') {
		fputs("usage: maxrss CMD [ARG...]\n", stderr);
		return 125;
	}

	/* Nothing is buffered yet, but make sure the child cannot inherit
	 * unflushed stdio data. */
	fflush(NULL);

	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "maxrss: fork: %s\n", strerror(errno));
		return 125;
	}
	if (pid == 0) {
		execvp(argv[1], argv + 1);
		{
			int e = errno;

			fprintf(stderr, "maxrss: %s: %s\n", argv[1],
			        strerror(e));
			_exit(e == ENOENT || e == ENOTDIR ? 127 : 126);
		}
	}

	/* Ignore terminal interrupts while waiting, as time(1) does: the
	 * child gets them and dies, and its status is what we report.  The
	 * handlers are set after fork so the child keeps the defaults. */
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);

	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "maxrss: waitpid: %s\n",
			        strerror(errno));
			return 125;
		}
	}

	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);

	if (getrusage(RUSAGE_CHILDREN, &ru) != 0) {
		fprintf(stderr, "maxrss: getrusage: %s\n", strerror(errno));
		return 125;
	}
	kb = (long)ru.ru_maxrss;
#if defined(__APPLE__)
	kb /= 1024; /* macOS reports bytes, everyone else kilobytes */
#endif
	fprintf(stderr, "maxrss: %ld\n", kb);

	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return 125;
}
