#!/bin/sh
# tag-dump-rules.sh - `tag --dump-rules` writes the rules in force as a rule
# file that loads back (--rules-only) to the same tagging, with and without
# a rule file on top; and a second dump of the reloaded rules is the same.
set -u
t=$TMP/tag-dump
mkdir -p "$t" || exit 1
fail() { echo "tag-dump-rules: $*"; exit 1; }

# input: every golden input of tag that is CoNLL-U the default rules take
for f in tests/golden/tag/*.in; do
	case $f in */err-*) continue ;; esac
	cat "$f"
	echo
done > "$t/input"

same() { # WHAT OPTION...: the dump of OPTION... tags as OPTION... does
	what=$1
	shift
	"$BIN/tag" "$@" --dump-rules > "$t/dump1.yaml" || fail "$what: --dump-rules failed"
	grep -q '^kind: tag$' "$t/dump1.yaml" || fail "$what: the dump has no 'kind: tag'"
	"$BIN/tag" --rules-only "$t/dump1.yaml" --dump-rules > "$t/dump2.yaml" ||
		fail "$what: the dump does not load back"
	cmp -s "$t/dump1.yaml" "$t/dump2.yaml" || fail "$what: a second dump differs"
	"$BIN/tag" "$@" --explain "$t/input" > "$t/want" 2>&1
	"$BIN/tag" --rules-only "$t/dump1.yaml" --explain "$t/input" > "$t/got" 2>&1
	cmp -s "$t/want" "$t/got" || fail "$what: tagging with the dump differs"
}
same "built-in rules"
same "with institutions.yaml" -r builtin:tag/institutions.yaml
echo "tag --dump-rules loads back to the same tagging"
