#!/bin/sh
# tag-cldr-names.sh - the CLDR territory names in the built-in gazetteer
# (rules/tag/build-tag-data.py cldr_names) are LOC: the short form (هونغ
# كونغ), the name without its parenthesis (ميانمار), and the ج spelling of
# a foreign غ that Egyptian news uses (البرتجال, بنجلاديش; هونج كونج is in
# ANERcorp itself).  An Arab state's name gets no such spelling (المغرب:
# no المجرب), and the codes that are no place (the UN, the euro area) are
# not in the gazetteer as LOC.  Env: BIN.
top=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${BIN:-$top/bin}
gaz=$top/rules/tag/ner-gazetteer.tsv
text='وصل الوفد إلى هونج كونج قادما من هونغ كونغ وميانمار ، ثم زار البرتجال وبنجلاديش .'
out=$(printf '%s\n' "$text" | "$BIN/tokenize" --split-clitics | "$BIN/tag") || { echo "FAIL: tag"; exit 1; }
# the words and their NER tags, one "FORM TAG" a line (O: none)
got=$(printf '%s\n' "$out" | awk -F '\t' 'NF == 10 {
	t = "O"; n = split($10, m, "|")
	for (i = 1; i <= n; i++) if (m[i] ~ /^NER=/) t = substr(m[i], 5)
	print $2, t }')
for want in 'هونج B-LOC' 'كونج I-LOC' 'هونغ B-LOC' 'كونغ I-LOC' 'ميانمار B-LOC' 'البرتجال B-LOC' 'بنجلاديش B-LOC'; do
	printf '%s\n' "$got" | grep -qx "$want" || { echo "FAIL: expected '$want' in:"; printf '%s\n' "$got"; exit 1; }
done
# keys in the gazetteer are folded: ة → ه
for key in 'المجرب' 'منطقه اليورو' 'الامم المتحده'; do
	if awk -F '\t' -v k="$key" '$1 == k && $2 == "LOC"' "$gaz" | grep -q .; then
		echo "FAIL: $key is a LOC in $gaz"; exit 1
	fi
done
awk -F '\t' '$1 == "المغرب" && $2 == "LOC"' "$gaz" | grep -q . || { echo "FAIL: المغرب is no LOC in $gaz"; exit 1; }
