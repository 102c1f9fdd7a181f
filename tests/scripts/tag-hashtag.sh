#!/bin/sh
# tag-hashtag.sh - a hashtag or an @mention names no entity: with the
# built-in rules (whose NER perceptron once tagged #عاجل B-MISC) and with
# rules/tag/brill.yaml, no NER= item on such a token.  Env: BIN.
top=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${BIN:-$top/bin}
text='عاجل: وصل الرئيس إلى القاهرة #عاجل #مصر @الرئاسة'
for rules in "" "-r $top/rules/tag/brill.yaml"; do
	# shellcheck disable=SC2086
	out=$(printf '%s\n' "$text" | "$BIN/tokenize" | "$BIN/tag" $rules) || { echo "FAIL: tag $rules"; exit 1; }
	if printf '%s\n' "$out" | awk -F '\t' '$2 ~ /^[#@]/ && $10 ~ /NER=/' | grep -q .; then
		echo "FAIL: tag $rules: a hashtag or mention with NER=:"
		printf '%s\n' "$out" | awk -F '\t' '$2 ~ /^[#@]/'
		exit 1
	fi
	printf '%s\n' "$out" | awk -F '\t' '$2 == "#مصر"' | grep -q . || { echo "FAIL: no token #مصر"; exit 1; }
done
