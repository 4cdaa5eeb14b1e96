#!/bin/bash
# check-install.sh - what `make install` puts under $(PREFIX)/share works
# where it lands. Run by check-install (tests/example.mk) after
# `make install DESTDIR=ROOT PREFIX=PREFIX`, which has checked that each
# file is there:
#
#   - every file the Makefile lists for share/ (INSTALLED_DATA) is
#     installed, the same bytes as in the tree (the manual pages with
#     their paths written for PREFIX; the grader's WebAssembly module as
#     the build made it, in RUBRIC_WASM_DIR);
#   - man -l (man-db, groff) and mandoc render each installed page
#     without a warning, and the pages name PREFIX's paths;
#   - the installed completion scripts load in bash and complete;
#   - a rubric that includes shared/themes.rubric compiles with the
#     installed rubricc and -I PREFIX/share/rubric, as rubricc(1) says.
#
# Usage: check-install.sh ROOT PREFIX SCRATCH FILE...   (FILE: INSTALLED_DATA)
set -u

root=${1:?usage: check-install.sh ROOT PREFIX SCRATCH FILE...}
prefix=${2:?}
scratch=${3:?}
shift 3
installed=$root$prefix
rm -rf "$scratch" && mkdir -p "$scratch" || exit 1

failures=0
fail() {
    printf 'install: %s\n' "$*" >&2
    failures=$((failures + 1))
}

# Each file, as the tree has it.
for file in "$@"; do
    case $file in
        share/man/man[15]/*) source=docs/man/${file##*/} ;;
        share/bash-completion/completions/*) source=completion/rubric.bash ;;
        share/rubric/rubric-grade.wasm) source=${RUBRIC_WASM_DIR:?}/rubric-grade.wasm ;;
        share/rubric/*) source=${file#share/}; source=${source/#rubric\/shared/rubrics/shared}
            source=${source/#rubric\/editors/editors} ;;
        share/doc/rubric/*) source=docs/${file#share/doc/rubric/} ;;
        *) fail "$file: not a file of share/"; continue ;;
    esac
    if [ ! -f "$installed/$file" ]; then
        fail "$file not installed"
    elif [[ $file == share/man/* ]]; then
        sed "s|/usr/local|$prefix|g" "$source" | cmp -s - "$installed/$file" ||
            fail "$file is not $source with its paths for $prefix"
    else
        cmp -s "$source" "$installed/$file" || fail "$file differs from $source"
    fi
done

# The pages render with man-db's man (groff) and with mandoc.
for page in "$installed"/share/man/man1/*.1 "$installed"/share/man/man5/*.5; do
    name=${page##*/}
    text=$(MANWIDTH=80 man --warnings -l "$page" 2>"$scratch/man.err")
    [ -s "$scratch/man.err" ] && fail "man -l $name warns: $(cat "$scratch/man.err")"
    [ -n "$text" ] || fail "man -l $name renders nothing"
    lint=$(mandoc -Tlint -Wwarning "$page" 2>&1)
    [ -n "$lint" ] && fail "mandoc -Tlint $name: $lint"
done
grep -q "$prefix/share/rubric/shared/themes.rubric" "$installed/share/man/man1/rubricc.1" ||
    fail "the installed rubricc.1 does not name $prefix/share/rubric/shared/themes.rubric"

# The completion scripts load from where they are installed, and complete.
emit=$(bash -c 'source "$1" && COMP_WORDS=(rubricc --em) COMP_CWORD=1 && _rubricc &&
                printf "%s\n" "${COMPREPLY[@]}"' check \
           "$installed/share/bash-completion/completions/rubricc" 2>&1)
[ "$emit" = --emit ] || fail "the installed rubricc completion gives '$emit' for --em"
strict=$(bash -c 'source "$1" && COMP_WORDS=(rubric-grade --str) COMP_CWORD=1 && _rubric_grade &&
                  printf "%s\n" "${COMPREPLY[@]}"' check \
             "$installed/share/bash-completion/completions/rubric-grade" 2>&1)
[ "$strict" = --strict ] ||
    fail "the installed rubric-grade completion gives '$strict' for --str"

# The shared themes file, found with -I as the manual says.
cp rubrics/london-borough-case-audit-gradings.rubric "$scratch/" || exit 1
"$installed/bin/rubricc" --check -I "$installed/share/rubric" \
    "$scratch/london-borough-case-audit-gradings.rubric" ||
    fail "a rubric including shared/themes.rubric does not compile" \
         "with -I $prefix/share/rubric"

if [ "$failures" -gt 0 ]; then
    exit 1
fi
echo "install: $# files under $prefix/share as in the tree; the pages render with man -l" \
     "and mandoc; the completion loads; -I $prefix/share/rubric finds the themes"
