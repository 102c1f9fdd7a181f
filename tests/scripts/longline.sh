#!/bin/sh
# longline.sh - one huge line without a newline streams through normalize in
# bounded memory (DESIGN.md section 4: "a 1 GB line ... works").
#
#  1. A 200 MB line through -p search into wc -c: the byte count is known in
#     advance and peak RSS (tests/tools/maxrss.c) stays under 16 MB.
#     NASS_BIG=1 adds the same with a 1 GB line.
#  2. A regex step sees a line over 1 MiB in pieces and says so once per
#     file: "normalize: FILE: warning: line longer than 1 MiB: ...".
#
# Under SANITIZE=1 (ASan is about 20 times slower and has its own memory
# overhead) the line is 20 MB and the RSS limit is not checked.
# Env: BIN, BUILD, TMP, SANITIZE, NASS_BIG.
n=$BIN/normalize
maxrss=$BUILD/maxrss
limit_kb=16384
fails=0

if [ ! -x "$maxrss" ]; then
	echo "no $maxrss (make builds it for check)"
	exit 77
fi

# The unit "كَتَبَ " is kaf fatha teh fatha beh fatha space: 6 two-byte
# characters and a space, 13 bytes.  -p search deletes the three fathas
# (diacritics) and changes nothing else, leaving "كتب " (7 bytes).  The line
# ends with that space and has no newline: the spaces step trims it, so
# UNITS units give 7*UNITS - 1 bytes.  yes|head|tr streams the line without
# writing it anywhere.
#
# big UNITS LABEL
big() {
	units=$1
	want=$((7 * units - 1))
	got=$( { yes 'كَتَبَ ' | head -n "$units" | tr -d '\n' |
		{ "$maxrss" "$n" -p search 2> "$TMP/longline.err"; echo $? > "$TMP/longline.st"; } |
		wc -c; } | tr -d ' ')
	st=$(cat "$TMP/longline.st")
	kb=$(sed -n 's/^maxrss: //p' "$TMP/longline.err")
	others=$(grep -v '^maxrss: ' "$TMP/longline.err")
	echo "$2: $((13 * units)) bytes in, $got out, peak RSS ${kb:-?} KB"
	if [ "$st" != 0 ]; then
		echo "FAIL: $2: status $st"
		fails=$((fails + 1))
	fi
	if [ -n "$others" ]; then
		echo "FAIL: $2: unexpected stderr: $others"
		fails=$((fails + 1))
	fi
	if [ "$got" != "$want" ]; then
		echo "FAIL: $2: $got bytes out, expected $want"
		fails=$((fails + 1))
	fi
	if [ "$SANITIZE" != 1 ] && { [ -z "$kb" ] || [ "$kb" -ge "$limit_kb" ]; }; then
		echo "FAIL: $2: peak RSS ${kb:-?} KB, limit $limit_kb KB"
		fails=$((fails + 1))
	fi
}

if [ "$SANITIZE" = 1 ]; then
	big 1538461 "20 MB line (SANITIZE=1: no RSS limit)"
else
	big 15384615 "200 MB line"
	if [ "$NASS_BIG" = 1 ]; then
		big 76923076 "1 GB line"
	fi
fi

# 2. A regex step ("ب" -> "b") after the default profile.  The file holds two
# lines of 300000 units "كتب " (2.1 MB each), the second without a newline.
# Each unit becomes "كتb " (6 bytes) and each line loses its trailing space:
# a file gives (6*300000 - 1) + 1 + (6*300000 - 1) = 3599999 bytes.  Given
# twice, 7199998 bytes and one warning per file.
rules=$TMP/longline.yaml
long=$TMP/longline.txt
cat > "$rules" <<'EOR'
nass: 1
kind: normalize
steps:
  beh-to-b:
    regex:
      - pattern: "ب"
        replace: "b"
EOR
{ yes 'كتب ' | head -n 300000 | tr -d '\n'; echo
  yes 'كتب ' | head -n 300000 | tr -d '\n'; } > "$long"
got=$("$n" -r "$rules" -s beh-to-b "$long" "$long" 2> "$TMP/longline.err" | wc -c | tr -d ' ')
w="normalize: $long: warning: line longer than 1 MiB: regex steps see it in pieces"
if [ "$got" != 7199998 ]; then
	echo "FAIL: regex on long lines: $got bytes out, expected 7199998"
	fails=$((fails + 1))
fi
if [ "$(cat "$TMP/longline.err")" != "$w
$w" ]; then
	echo "FAIL: regex on long lines: expected the warning once per file, got:"
	sed 's/^/  /' "$TMP/longline.err" | head -5
	fails=$((fails + 1))
fi
rm -f "$long"

[ $fails -eq 0 ]
