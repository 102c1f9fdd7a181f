#!/bin/sh
# sigpipe.sh - a closed pipe (`normalize | head -1`) ends normalize quietly:
# SIGPIPE keeps its default action, so the shell reports status 141, and
# nothing is written to stderr (DESIGN.md section 4).  Also with -u, and
# with SIGPIPE ignored by the caller (then the write fails with EPIPE and
# normalize must still end with 141 and no message).  Env: BIN, TMP.
n=$BIN/normalize
err=$TMP/sigpipe.err
out=$TMP/sigpipe.out
fails=0

# run NAME [TRAP] -- OPTION...: 50 MB of Arabic lines through normalize into
# head -1; the status of normalize itself comes back on fd 3.
run() {
	name=$1
	ign=$2
	shift 2
	: > "$err"
	st=$( { yes 'نص عربي' | head -c 50000000 |
		{ if [ "$ign" = ignore ]; then trap '' PIPE; fi
		  "$n" "$@" 2> "$err"; echo $? >&3; } |
		head -1 > "$out"; } 3>&1 )
	if [ "$st" != 141 ]; then
		echo "FAIL: $name: status '$st', expected 141"
		fails=$((fails + 1))
	fi
	if [ -s "$err" ]; then
		echo "FAIL: $name: wrote to stderr:"
		sed 's/^/  /' "$err" | head -5
		fails=$((fails + 1))
	fi
	if [ "$(cat "$out")" != 'نص عربي' ]; then
		echo "FAIL: $name: first line is not the input line"
		fails=$((fails + 1))
	fi
}

run "default" default
run "-u" default -u
run "-p search" default -p search
run "SIGPIPE ignored" ignore
run "SIGPIPE ignored, -u" ignore -u

[ $fails -eq 0 ]
