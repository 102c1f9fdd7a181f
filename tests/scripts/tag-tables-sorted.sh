#!/bin/sh
# tag-tables-sorted.sh - the built-in tables that tag searches where they
# lie, by binary search over their bytes (lib/table.h: tag-hunspell.tsv,
# tag-news.tsv), have their keys in strictly increasing byte order, every
# data line KEY<TAB>VALUE, and no comment or blank line after the data
# starts: else a lookup would miss words it lists.  A user's own file need
# not be sorted: it is loaded into a hash table instead.
top=$(cd "$(dirname "$0")/../.." && pwd)
for f in tag-hunspell.tsv tag-news.tsv; do
	path=$top/rules/tag/$f
	# the data: from the first line that is neither a comment nor blank
	awk 'started || !/^(#|$)/ { started = 1; print }' "$path" > "${TMPDIR:-/tmp}/nass-sorted.$$"
	if ! awk -F '\t' 'NF != 2 || $1 == "" { print "line " NR ": " $0; bad = 1; exit } END { exit bad }' \
		"${TMPDIR:-/tmp}/nass-sorted.$$"; then
		echo "FAIL: $f: a data line is not KEY<TAB>VALUE"
		rm -f "${TMPDIR:-/tmp}/nass-sorted.$$"
		exit 1
	fi
	if ! cut -f 1 "${TMPDIR:-/tmp}/nass-sorted.$$" | LC_ALL=C sort -c -u; then
		echo "FAIL: $f: keys not in strictly increasing byte order"
		rm -f "${TMPDIR:-/tmp}/nass-sorted.$$"
		exit 1
	fi
	rm -f "${TMPDIR:-/tmp}/nass-sorted.$$"
done
