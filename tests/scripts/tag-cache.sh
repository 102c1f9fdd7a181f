#!/bin/sh
# tag-cache.sh - the form cache never changes a tag.  tag keeps what a
# form is out of context in a 4-way cache of 131,072 forms; 250,000
# distinct made-up words (one sentence, one document each) overflow it,
# so forms are evicted and made again.  Tagging the documents in reverse
# order leaves the cache in other states at each word; turned back, the
# output must be the same line for line, with the built-in rules and
# with rules/tag/brill.yaml.  Env: BIN.
top=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${BIN:-$top/bin}
tmp=${TMPDIR:-/tmp}/nass-tag-cache.$$
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp" || exit 1

# Documents of five words: three letters from a 28-letter alphabet make
# 21,952 stems; with a prefix and a suffix that is 250,000 distinct forms.
awk 'BEGIN {
	split("ا ب ت ث ج ح خ د ذ ر ز س ش ص ض ط ظ ع غ ف ق ك ل م ن ه و ي", L, " ")
	split("- ال و ب ل ف ك", P, " ")
	n = 0
	for (d = 0; d < 50000; d++) {
		printf "# newdoc id = d%d\n# sent_id = d%d-1\n", d, d
		for (w = 1; w <= 5; w++) {
			k = n++
			f = L[k % 28 + 1] L[int(k / 28) % 28 + 1] L[int(k / 784) % 28 + 1]
			p = P[int(k / 21952) % 7 + 1]
			s = int(k / 153664)
			if (p != "-") f = p f
			if (s == 1) f = f "ة"
			printf "%d\t%s\t_\t_\t_\t_\t_\t_\t_\t_\n", w, f
		}
		printf "\n"
	}
}' > "$tmp/fwd.conllu" || exit 1
forms=$(awk -F '\t' 'NF == 10 { print $2 }' "$tmp/fwd.conllu" | sort -u | wc -l)
if [ "$forms" -ne 250000 ]; then
	echo "FAIL: the input has $forms distinct forms, not 250000"
	exit 1
fi
# the documents in reverse order (each is 8 lines)
awk '{ b[NR] = $0 } END { for (i = NR - 7; i >= 1; i -= 8) for (j = i; j < i + 8; j++) print b[j] }' \
	"$tmp/fwd.conllu" > "$tmp/rev.conllu" || exit 1
for rules in "" "-r $top/rules/tag/brill.yaml"; do
	# shellcheck disable=SC2086
	"$BIN/tag" $rules < "$tmp/fwd.conllu" > "$tmp/fwd.out" || { echo "FAIL: tag $rules"; exit 1; }
	# shellcheck disable=SC2086
	"$BIN/tag" $rules < "$tmp/rev.conllu" > "$tmp/rev.out" || { echo "FAIL: tag $rules"; exit 1; }
	awk '{ b[NR] = $0 } END { for (i = NR - 7; i >= 1; i -= 8) for (j = i; j < i + 8; j++) print b[j] }' \
		"$tmp/rev.out" > "$tmp/back.out"
	if ! cmp -s "$tmp/fwd.out" "$tmp/back.out"; then
		echo "FAIL: tag $rules: the order of the documents changed a tag:"
		diff "$tmp/fwd.out" "$tmp/back.out" | head -10
		exit 1
	fi
done
