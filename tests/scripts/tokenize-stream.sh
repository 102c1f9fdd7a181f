#!/bin/sh
# tokenize-stream.sh - tokenize streams in bounded memory and ends quietly
# on a closed pipe (DESIGN.md sections 2 and 4, issue 3).
#
#  1. A 10.8 MB paragraph with no punctuation at all, made by a pipeline
#     (never stored): 1,200,000 times "كلمة " (four Arabic letters, 8 bytes,
#     and a space) on one line.  No sentence ever ends, so the default limit
#     cuts every 1000 tokens: 1200 sentences of 1000 tokens, the last one
#     ended by the end of the input (not cut), hence the warning
#     "tokenize: -: warning: 1199 sentences reached 1000 tokens and were
#     cut there".  Word i (from 0) is at characters 5i..5i+4, so the last
#     token line is "1000 كلمة ... TokenRange=5999995:5999999".  Peak RSS
#     (tests/tools/maxrss.c) stays under 16 MB.
#  2. The same words one a line (one paragraph: a single newline is a
#     space), -f horizontal: 1200 lines of 1000 words.
#  3. SIGPIPE: `yes ... | tokenize | head -1` gives status 141 and nothing on
#     stderr, also with -u, -f json, and with SIGPIPE ignored by the caller
#     (the write then fails with EPIPE: still 141, still quiet).
#
# Under SANITIZE=1 or VALGRIND=1 the RSS limit is not checked (ASan and
# valgrind have their own memory overhead).  Env: BIN, BUILD, TMP, SANITIZE,
# VALGRIND.
t=$BIN/tokenize
maxrss=$BUILD/maxrss
limit_kb=16384
words=1200000
fails=0
TMP=${TMP:-/tmp}

fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

if [ ! -x "$maxrss" ]; then
	echo "no $maxrss (make builds it for check)"
	exit 77
fi

# 1. One 10.8 MB line, CoNLL-U.  awk reads the output as it comes and prints
# "SENTENCES TOKENS LAST-TOKEN-LINE"; the tool's status comes back in a file.
err=$TMP/tokenize-stream.err
st=$TMP/tokenize-stream.st
got=$(yes 'كلمة' | head -n $words | tr '\n' ' ' |
	{ "$maxrss" "$t" 2> "$err"; echo $? > "$st"; } |
	awk -F '\t' '/^# sent_id = /{s++} /^[0-9]/{n++; last=$0} END{print s, n; print last}')
kb=$(sed -n 's/^maxrss: //p' "$err")
others=$(grep -v '^maxrss: ' "$err")
echo "10.8 MB paragraph: $(echo "$got" | head -1) (sentences tokens), peak RSS ${kb:-?} KB"
[ "$(cat "$st")" = 0 ] || fail "10.8 MB paragraph: status $(cat "$st")"
want_warn="tokenize: -: warning: 1199 sentences reached 1000 tokens and were cut there"
[ "$others" = "$want_warn" ] || fail "10.8 MB paragraph: stderr '$others', expected '$want_warn'"
[ "$(echo "$got" | head -1)" = "1200 $words" ] ||
	fail "10.8 MB paragraph: '$(echo "$got" | head -1)' sentences and tokens, expected '1200 $words'"
want_last="$(printf '1000\tكلمة\t_\t_\t_\t_\t_\t_\t_\tTokenRange=5999995:5999999')"
[ "$(echo "$got" | tail -1)" = "$want_last" ] ||
	fail "10.8 MB paragraph: last token line '$(echo "$got" | tail -1)'"
if [ "$SANITIZE" != 1 ] && [ "$VALGRIND" != 1 ]; then
	if [ -z "$kb" ] || [ "$kb" -ge "$limit_kb" ]; then
		fail "10.8 MB paragraph: peak RSS ${kb:-?} KB, limit $limit_kb KB"
	fi
fi

# 2. One word a line: one paragraph, sentences still cut at 1000 words.
got=$(yes 'كلمة' | head -n $words | "$t" -f horizontal 2> "$err" |
	awk '{n++; if (NF != 1000) bad++} END{print n, bad + 0}')
[ "$got" = "1200 0" ] || fail "one word a line: '$got' (lines, lines not of 1000 words), expected '1200 0'"
[ "$(cat "$err")" = "$want_warn" ] || fail "one word a line: stderr '$(cat "$err")'"

# 3. A closed pipe.  pipe NAME ignore|default OPTION...: 50 MB of sentences
# through tokenize into head -1; tokenize's status comes back on fd 3.
out=$TMP/tokenize-stream.out
pipe() {
	name=$1
	ign=$2
	shift 2
	: > "$err"
	status=$( { yes 'قال الوزير إن الخطة جاهزة.' | head -c 50000000 |
		{ if [ "$ign" = ignore ]; then trap '' PIPE; fi
		  "$t" "$@" 2> "$err"; echo $? >&3; } |
		head -1 > "$out"; } 3>&1 )
	[ "$status" = 141 ] || fail "SIGPIPE, $name: status '$status', expected 141"
	if [ -s "$err" ]; then
		fail "SIGPIPE, $name: wrote to stderr:"
		sed 's/^/  /' "$err" | head -5
	fi
}

pipe_first() { # NAME IGNORE WANT-FIRST-LINE OPTION...
	name=$1
	ign=$2
	want=$3
	shift 3
	pipe "$name" "$ign" "$@"
	[ "$(cat "$out")" = "$want" ] || fail "SIGPIPE, $name: first line '$(cat "$out")', expected '$want'"
}

pipe_first "default" default "# newdoc id = -"
pipe_first "-u" default "# newdoc id = -" -u
pipe_first "-f horizontal" default "قال الوزير إن الخطة جاهزة ." -f horizontal
pipe_first "-f json" default \
	'{"id":"--1","doc":"-","text":"قال الوزير إن الخطة جاهزة.","tokens":[{"form":"قال","start":0,"end":3,"type":"word"},{"form":"الوزير","start":4,"end":10,"type":"word"},{"form":"إن","start":11,"end":13,"type":"word"},{"form":"الخطة","start":14,"end":19,"type":"word"},{"form":"جاهزة","start":20,"end":25,"type":"word","space_after":false},{"form":".","start":25,"end":26,"type":"punct"}]}' \
	-f json
pipe_first "SIGPIPE ignored" ignore "# newdoc id = -"
pipe_first "SIGPIPE ignored, -u" ignore "# newdoc id = -" -u

rm -f "$err" "$st" "$out"
[ $fails -eq 0 ]
