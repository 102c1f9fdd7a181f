#!/bin/sh
# tests/run.sh - everything `make check` runs: unit tests, golden tests
# (under two locales, which must give the same bytes), script tests.
# Prints one line per failure and ends with "N passed, N failed".
# Environment: BIN (tools), BUILD (unit test binaries), VALGRIND=1.
BIN=${BIN:-bin}
# memcheck cannot follow pcre2's JIT code: interpret regexes under it.
[ "$VALGRIND" = 1 ] && export NASS_NO_JIT=1
BUILD=${BUILD:-build}
top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/nass-check.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

run_tool() { # tool args... ; VALGRIND wraps it
	if [ "$VALGRIND" = 1 ]; then
		valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite "$@"
	else
		"$@"
	fi
}

# Unit tests print "PASS: name" or "FAIL: name: why" per check.
for t in "$BUILD"/tests/test_*; do
	[ -x "$t" ] || continue
	if [ "$VALGRIND" = 1 ]; then
		valgrind -q --error-exitcode=99 --leak-check=full "$t" > "$tmp/unit" 2>&1
	else
		"$t" > "$tmp/unit" 2>&1
	fi
	st=$?
	p=$(grep -c '^PASS: ' "$tmp/unit")
	f=$(grep -c '^FAIL: ' "$tmp/unit")
	pass=$((pass + p))
	fail=$((fail + f))
	grep '^FAIL: ' "$tmp/unit"
	if [ $st -ne 0 ] && [ "$f" -eq 0 ]; then
		bad "$t exited with status $st"
		cat "$tmp/unit"
	fi
done

# Golden tests: tests/golden/TOOL/CASE.args (+ .in, .out, .err, .status).
for args in tests/golden/*/*.args; do
	[ -f "$args" ] || continue
	dir=$(dirname "$args")
	tool=$(basename "$dir")
	case=$(basename "$args" .args)
	base="$dir/$case"
	want_status=0
	[ -f "$base.status" ] && want_status=$(cat "$base.status")
	input="$top/$base.in"
	[ -f "$input" ] || input=/dev/null
	prev=""
	for loc in C C.UTF-8; do
		(cd "$dir" && eval "set -- $(cat "$case.args")" &&
			LC_ALL=$loc run_tool "$top/$BIN/$tool" "$@" < "$input" \
				> "$tmp/out" 2> "$tmp/err"; echo $? > "$tmp/status")
		st=$(cat "$tmp/status")
		if [ "$st" != "$want_status" ]; then
			bad "$tool/$case ($loc): status $st, expected $want_status"
			sed 's/^/  stderr: /' "$tmp/err" | head -5
			continue 2
		fi
		if ! cmp -s "$tmp/out" "$base.out" 2>/dev/null &&
			! { [ ! -f "$base.out" ] && [ ! -s "$tmp/out" ]; }; then
			bad "$tool/$case ($loc): stdout differs"
			diff -u "$base.out" "$tmp/out" | head -20
			continue 2
		fi
		if [ -f "$base.err" ]; then
			if ! cmp -s "$tmp/err" "$base.err"; then
				bad "$tool/$case ($loc): stderr differs"
				diff -u "$base.err" "$tmp/err" | head -10
				continue 2
			fi
		elif [ -s "$tmp/err" ]; then
			bad "$tool/$case ($loc): unexpected stderr"
			head -5 "$tmp/err"
			continue 2
		fi
		cur=$(cksum < "$tmp/out")
		if [ -n "$prev" ] && [ "$prev" != "$cur" ]; then
			bad "$tool/$case: output depends on the locale"
			continue 2
		fi
		prev=$cur
	done
	ok
done

# Script tests: each tests/scripts/*.sh exits 0 (pass), 77 (skip) or fails.
for s in tests/scripts/*.sh; do
	[ -f "$s" ] || continue
	BIN="$top/$BIN" BUILD="$top/$BUILD" TMP="$tmp" VALGRIND="$VALGRIND" \
		SANITIZE="$SANITIZE" sh "$s" > "$tmp/script" 2>&1
	st=$?
	if [ $st -eq 0 ]; then
		ok
	elif [ $st -eq 77 ]; then
		echo "skip: $s: $(tail -1 "$tmp/script")"
	else
		bad "$s (status $st)"
		tail -20 "$tmp/script"
	fi
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
