#!/bin/sh
# dump-rules.sh - `normalize --dump-rules` writes the rules in force as a rule
# file that loads back to the same rules:
#  - dumping the reloaded dump gives the same bytes, and --list-steps agrees;
#  - normalizing with --rules-only DUMP gives the same bytes (and messages
#    and status) as with the built-in rules, for -p default, -p search and
#    the steps in neither (nfc, digits-arabic);
#  - the same with a user rule file added by -r whose strings need escapes
#    (quotes, backslashes, controls, a tab, a supplementary character,
#    invisible marks) and that has regex steps.
# Env: BIN, TMP.
n=$BIN/normalize
t=$TMP/dump-rules
mkdir -p "$t"
fails=0
fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

# same WHAT EXTRA OPTION...: normalize OPTION... on $t/input with the
# built-in rules (plus -r EXTRA unless it is empty) and with --rules-only of
# the last dump give the same stdout, stderr and status.
same() {
	what=$1
	extra=$2
	shift 2
	if [ -n "$extra" ]; then
		"$n" -r "$extra" "$@" < "$t/input" > "$t/out1" 2> "$t/err1"
	else
		"$n" "$@" < "$t/input" > "$t/out1" 2> "$t/err1"
	fi
	s1=$?
	"$n" --rules-only "$t/dump1.yaml" "$@" < "$t/input" > "$t/out2" 2> "$t/err2"
	s2=$?
	if [ $s1 -ne $s2 ]; then
		fail "$what: status $s1 with the original rules, $s2 with the dump"
		head -3 "$t/err1" "$t/err2"
	elif ! cmp -s "$t/out1" "$t/out2"; then
		fail "$what: output differs with the dump"
		cmp "$t/out1" "$t/out2"
	elif ! cmp -s "$t/err1" "$t/err2"; then
		fail "$what: messages differ with the dump"
		diff "$t/err1" "$t/err2" | head -5
	elif [ ! -s "$t/out1" ]; then
		fail "$what: no output at all"
	fi
}

# roundtrip WHAT RULE-OPTIONS...: dump, reload the dump, dump again.
roundtrip() {
	what=$1
	shift
	if ! "$n" "$@" --dump-rules > "$t/dump1.yaml" 2> "$t/err"; then
		fail "$what: --dump-rules failed: $(cat "$t/err")"
		return
	fi
	[ -s "$t/err" ] && fail "$what: --dump-rules wrote to stderr: $(cat "$t/err")"
	grep -q '^kind: normalize$' "$t/dump1.yaml" || fail "$what: the dump has no 'kind: normalize'"
	if ! "$n" --rules-only "$t/dump1.yaml" --dump-rules > "$t/dump2.yaml" 2> "$t/err"; then
		fail "$what: the dump does not load back: $(cat "$t/err")"
		return
	fi
	cmp -s "$t/dump1.yaml" "$t/dump2.yaml" ||
		{ fail "$what: dumping the reloaded dump gives other bytes"; diff "$t/dump1.yaml" "$t/dump2.yaml" | head -10; }
	"$n" "$@" --list-steps > "$t/steps1"
	"$n" --rules-only "$t/dump1.yaml" --list-steps > "$t/steps2"
	cmp -s "$t/steps1" "$t/steps2" || fail "$what: --list-steps differs with the dump"
}

# Input: every golden input of normalize (presentation forms, controls,
# spaces, CR, NUL, invalid UTF-8, ...) and a few lines of our own.
cat tests/golden/normalize/*.in > "$t/input" 2> /dev/null
# shellcheck disable=SC1112 # the curly quotes are input data
printf '\n“quoted”  ‘single’ ...... a\\b 😀 ١٢٣ 123 ﻻ أُمّة\n"plain" and .... dots\n' >> "$t/input"

roundtrip "built-in rules"
same "-p default" "" -p default
same "-p search" "" -p search
same "-s nfc,digits-arabic" "" -s nfc,digits-arabic

cat > "$t/extra.yaml" <<'EOR'
nass: 1
kind: normalize
steps:
  quotes:
    description: "curly quotes to \"straight\" ones,\ta tab, a \\ backslash, an RLM \u200F"
    map:
      "“": "\""
      "”": "\""
      U+2018: "'"
      U+2019: "'"
      U+1F600: "\U0001F642"
      "\\": "\\\\"
      U+00B7: "\u200F\u0651\t"
  squeeze:
    description: dots and quotes
    regex:
      - pattern: "\\.{3,}"
        replace: "…"
      - pattern: "\"([^\"\\\\]*)\""
        replace: "«$1»"
  marks:
    compose: true
    builtin: casefold
    delete: [U+064B..U+0650, U+0651, "\u0652", U+0670]
profiles:
  mine: [default, quotes, squeeze, marks]
  "with \"quotes\"": [mine]
EOR
roundtrip "built-in rules and -r" -r "$t/extra.yaml"
same "-r extra -p mine" "$t/extra.yaml" -p mine
same "-r extra -p 'with \"quotes\"'" "$t/extra.yaml" -p 'with "quotes"'

[ $fails -eq 0 ]
