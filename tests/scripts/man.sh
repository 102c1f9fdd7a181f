#!/bin/sh
# tests/scripts/man.sh - checks the manual pages in man/:
#  1. the examples in the EXAMPLES sections of normalize.1, tokenize.1,
#     tag.1, summarize.1, nass-rules.5 and libnass.3 run and print what
#     the pages say they print;
#  2. `mandoc -Tlint -Wwarning` has nothing to say about the six pages
#     (without mandoc this part is skipped, and so is the test: exit 77).
#
# How examples are written, so that they check themselves.  Only the
# ".Bd -literal" ... ".Ed" blocks between ".Sh EXAMPLES" and the next ".Sh"
# count, in page order:
#  - A block whose first line is "# NAME.yaml ...", "# NAME.conllu ..." or
#    "/* NAME.c ..." is a file: it is saved as NAME.yaml, NAME.conllu or
#    NAME.c.
#  - In any other block, a line starting with "$ " is a command.  A command
#    line ending in "|", "\" or "&&" goes on over the next line.  The lines
#    after a command, up to the next command or the end of the block, are
#    its standard output, byte for byte (none if there are none).  Text
#    before the first command of such a block is an error.
#  - The roff escapes \e \- \& \(aq \(dq are undone in those lines (to
#    \ - nothing ' "); any other escape is an error.
#  - Each page has its own directory, where files are saved and commands
#    run one by one with `sh`, standard input /dev/null, $BIN first in PATH
#    and LC_ALL=C.  A command must exit 0 and write nothing to standard
#    error: an example that shows a message or a status redirects or
#    echoes it.
#  - libnass.3: its `cc` command builds against the build tree, through a
#    libnass.pc written here (PKG_CONFIG_PATH) that names lib/ and
#    $BUILD/libnass.a (with -lm, as the installed libnass.pc has in
#    Libs.private), and adds -Wall -Wextra -Werror so the examples must
#    compile cleanly.  Without a C compiler its commands are skipped.
#
# Environment (from tests/run.sh): BIN, BUILD, TMP, SANITIZE.
# Exit 0 pass, 77 skip (reason on the last line), anything else fail.

top=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${BIN:-$top/bin}
BUILD=${BUILD:-$top/build}
case $BIN in /*) ;; *) BIN=$top/$BIN ;; esac
case $BUILD in /*) ;; *) BUILD=$top/$BUILD ;; esac
if [ -n "$TMP" ]; then
	work=$TMP/man
	rm -rf "$work"
	mkdir -p "$work" || exit 1
else
	work=$(mktemp -d "${TMPDIR:-/tmp}/nass-man.XXXXXX") || exit 1
	trap 'rm -rf "$work"' EXIT INT TERM
fi
pages="normalize.1 tokenize.1 tag.1 summarize.1 nass-rules.5 libnass.3"
failures=0
ran=0

fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

for p in $pages; do
	[ -f "$top/man/$p" ] || fail "man/$p is missing"
done
for t in normalize tokenize tag summarize; do
	[ -x "$BIN/$t" ] || { echo "no $BIN/$t: run make first"; exit 1; }
done

# Split the EXAMPLES section of a page into numbered items in $2:
# N.name + N.file (a file), or N.cmd + N.out (a command and its output).
# Convention errors go to $2/errors.
extract() {
	LC_ALL=C awk -v dir="$2" '
	function unesc(s,   r, i, t) {
		r = ""
		while ((i = index(s, "\\")) > 0) {
			r = r substr(s, 1, i - 1)
			t = substr(s, i + 1)
			if (substr(t, 1, 1) == "e") { r = r "\\"; s = substr(t, 2) }
			else if (substr(t, 1, 1) == "-") { r = r "-"; s = substr(t, 2) }
			else if (substr(t, 1, 1) == "&") { s = substr(t, 2) }
			else if (substr(t, 1, 3) == "(aq") { r = r "\047"; s = substr(t, 4) }
			else if (substr(t, 1, 3) == "(dq") { r = r "\""; s = substr(t, 4) }
			else {
				err("line " NR ": roff escape the test does not know: " $0)
				r = r "\\"
				s = t
			}
		}
		return r s
	}
	function err(msg) { print msg > (dir "/errors") }
	function item(kind) {
		if (cur != "") close(cur)
		if (out != "") close(out)
		n++
		cur = sprintf("%s/%03d.%s", dir, n, kind)
		out = ""
	}
	/^\.Sh / { inex = ($0 == ".Sh EXAMPLES"); next }
	!inex { next }
	/^\.Bd -literal/ { inblk = 1; first = 1; mode = ""; cont = 0; next }
	/^\.Ed/ { inblk = 0; next }
	!inblk { next }
	{
		line = unesc($0)
		if (first) {
			first = 0
			if (line ~ /^(# [A-Za-z0-9_.-]+\.(yaml|conllu)|\/\* [A-Za-z0-9_.-]+\.c)( |$)/) {
				name = line
				sub(/^(# |\/\* )/, "", name)
				sub(/ .*/, "", name)
				item("file")
				print line > cur
				print name > sprintf("%s/%03d.name", dir, n)
				mode = "file"
				next
			}
		}
		if (mode == "file") { print line > cur; next }
		if (cont) {
			print line > cur
			cont = line ~ /(\||\\|&&)[ \t]*$/
			next
		}
		if (substr(line, 1, 2) == "$ ") {
			item("cmd")
			print substr(line, 3) > cur
			out = sprintf("%s/%03d.out", dir, n)
			printf "" > out
			mode = "cmd"
			cont = line ~ /(\||\\|&&)[ \t]*$/
			next
		}
		if (mode == "cmd") { print line > out; next }
		err("line " NR ": text before the first command of an example block: " $0)
	}' "$1"
}

# A libnass.pc for the build tree, for the cc command of libnass.3.
pcdir=$work/pkgconfig
mkdir -p "$pcdir"
san=
[ "$SANITIZE" = 1 ] && san="-fsanitize=address,undefined -fno-omit-frame-pointer"
cat > "$pcdir/libnass.pc" <<EOF
Name: libnass
Description: libnass in the build tree (tests/scripts/man.sh)
Version: 0
Requires: yaml-0.1 libpcre2-8 libutf8proc
Cflags: -I$top/lib -Wall -Wextra -Werror $san
Libs: $san $BUILD/libnass.a -lm
EOF

have_cc=0
command -v cc > /dev/null 2>&1 && [ -f "$BUILD/libnass.a" ] && have_cc=1

for p in $pages; do
	[ -f "$top/man/$p" ] || continue
	dir=$work/$p.d
	run=$work/$p.run
	mkdir -p "$dir" "$run"
	extract "$top/man/$p" "$dir"
	if [ -s "$dir/errors" ]; then
		fail "man/$p: EXAMPLES do not follow the conventions of $0:"
		sed 's/^/  /' "$dir/errors"
		continue
	fi
	if [ "$p" = libnass.3 ] && [ $have_cc = 0 ]; then
		echo "note: no cc or no $BUILD/libnass.a: the example of man/$p is not built"
		continue
	fi
	found=0
	for f in "$dir"/*; do
		case $f in
		*.name)
			i=${f%.name}
			cp "$i.file" "$run/$(cat "$f")"
			;;
		*.cmd)
			i=${f%.cmd}
			found=$((found + 1))
			ran=$((ran + 1))
			(cd "$run" && PATH="$BIN:$PATH" LC_ALL=C \
				PKG_CONFIG_PATH="$pcdir${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}" \
				sh "$i.cmd" < /dev/null > "$i.got" 2> "$i.err")
			st=$?
			if [ $st -ne 0 ] || [ -s "$i.err" ] || ! cmp -s "$i.out" "$i.got"; then
				fail "man/$p: example exits $st:"
				sed 's/^/  $ /' "$i.cmd"
				if ! cmp -s "$i.out" "$i.got"; then
					echo "  stdout differs from the page (- page, + program):"
					diff -u "$i.out" "$i.got" | sed '1,2d; s/^/  /' | head -30
				fi
				[ -s "$i.err" ] && sed 's/^/  stderr: /' "$i.err" | head -10
			fi
			;;
		esac
	done
	[ $found -gt 0 ] || fail "man/$p: no commands found in EXAMPLES"
done

if command -v mandoc > /dev/null 2>&1; then
	lint=$(cd "$top/man" && mandoc -Tlint -Wwarning $pages 2>&1)
	if [ -n "$lint" ]; then
		fail "mandoc -Tlint -Wwarning:"
		echo "$lint" | sed 's/^/  /'
	fi
	linted=1
else
	linted=0
fi

if [ $failures -gt 0 ]; then
	echo "$failures failure(s); $ran example commands run"
	exit 1
fi
echo "$ran example commands ran as the pages say"
if [ $linted = 0 ]; then
	echo "mandoc not installed: the pages were not linted"
	exit 77
fi
exit 0
