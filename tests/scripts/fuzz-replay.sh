#!/bin/sh
# fuzz-replay.sh - replay the fuzz corpus (tests/fuzz/corpus/TARGET/) with
# the fuzz targets linked against the ordinary build ($BUILD/fuzz-replay-*),
# so that every input a fuzzer ever kept runs on each make check, under
# ASan and UBSan with SANITIZE=1, and under valgrind with VALGRIND=1.
# Environment: BUILD (where the binaries are), TMP, VALGRIND.
# Exit 0 when all pass, 77 (skip) when the binaries are not built.
BUILD=${BUILD:-build}
TMP=${TMP:-${TMPDIR:-/tmp}}
corpus=$(cd "$(dirname "$0")/../fuzz/corpus" 2>/dev/null && pwd)
status=0
ran=0

if [ -z "$corpus" ]; then
	echo "no corpus directory tests/fuzz/corpus"
	exit 1
fi
for target in normalize rules tokenize; do
	bin=$BUILD/fuzz-replay-$target
	if [ ! -x "$bin" ]; then
		echo "skip: $bin is not built (make $bin)"
		continue
	fi
	if [ ! -d "$corpus/$target" ]; then
		echo "FAIL: no corpus $corpus/$target"
		status=1
		continue
	fi
	ran=$((ran + 1))
	if [ "$VALGRIND" = 1 ]; then
		# memcheck cannot follow pcre2's JIT code (see tests/run.sh)
		NASS_NO_JIT=1 valgrind -q --error-exitcode=99 --leak-check=full \
			"$bin" "$corpus/$target" > "$TMP/fuzz-replay.out" 2>&1
	else
		"$bin" "$corpus/$target" > "$TMP/fuzz-replay.out" 2>&1
	fi
	st=$?
	if [ $st -ne 0 ]; then
		echo "FAIL: $bin $corpus/$target: status $st"
		tail -25 "$TMP/fuzz-replay.out"
		status=1
	else
		echo "$target: $(tail -1 "$TMP/fuzz-replay.out")"
	fi
done
if [ $ran -eq 0 ] && [ $status -eq 0 ]; then
	echo "fuzz replay binaries not built in $BUILD"
	exit 77
fi
exit $status
