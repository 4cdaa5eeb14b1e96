#!/bin/sh
# run.sh — the library as others link it (tests/library.mk, check-library).
#
# Checks, for the public static archive and the shared library:
#   - every exported symbol is named rubric_* and is a function (no data
#     leaks out: a variable of ours would be ABI too);
#   - the exported names are exactly the functions rubric.h declares with
#     RUBRIC_API, so a function added to the header cannot be forgotten in
#     the library, nor an internal one slip out;
#   - the shared library's soname is librubric.so.MAJOR, MAJOR being
#     RUBRIC_API_VERSION_MAJOR in rubric.h, and the file and its two links
#     are named and point as installed;
#   - a program calling an internal function (safe_text_cut) does not link
#     against either, while one calling the API links against both.
#
# Usage: run.sh BUILD CC "LIBS"    (LIBS: what the library needs, -lyajl ...)
set -u
build="$1"
cc="$2"
libs="$3"
header=runtime/lib/rubric.h
work="$build/tests/library"
mkdir -p "$work"
failed=0
fail() {
    echo "check-library: $*"
    failed=1
}

part() {
    sed -n "s/^#define RUBRIC_API_VERSION_$1 \([0-9]*\)$/\1/p" "$header"
}
major=$(part MAJOR)
version="$major.$(part MINOR).$(part PATCH)"
archive="$build/librubric.a"
shared="$build/librubric.so.$version"

# What rubric.h promises: every function declared with RUBRIC_API.
sed -n 's/^RUBRIC_API .*[ *]\(rubric_[a-z_0-9]*\)(.*/\1/p' "$header" | sort -u > "$work/declared"
[ -s "$work/declared" ] || fail "no RUBRIC_API declaration found in $header"
# A function declared without the mark would be hidden from the shared library.
if grep -nE '^[a-z][a-z_ ]*[ *]rubric_[a-z_0-9]*\(' "$header" | grep -v '^[0-9]*:typedef'; then
    fail "$header declares the functions above without RUBRIC_API"
fi

# The defined global symbols of a library as "TYPE NAME" lines.
exported() {
    case "$1" in
    *.a) nm -g --defined-only "$1" | awk 'NF == 3 { print $2, $3 }' ;;
    *) nm -D --defined-only "$1" | awk 'NF == 3 { print $2, $3 }' ;;
    esac
}

for library in "$archive" "$shared"; do
    [ -f "$library" ] || { fail "$library is missing"; continue; }
    exported "$library" | sort -k2 > "$work/exported"
    awk '$2 !~ /^rubric_/ { print "  " $2 " (" $1 ")" }' "$work/exported" > "$work/foreign"
    if [ -s "$work/foreign" ]; then
        fail "$library exports names without the rubric_ prefix:"
        cat "$work/foreign"
    fi
    awk '$1 != "T" { print "  " $2 " (" $1 ")" }' "$work/exported" > "$work/data"
    if [ -s "$work/data" ]; then
        fail "$library exports symbols that are not functions:"
        cat "$work/data"
    fi
    awk '{ print $2 }' "$work/exported" | sort -u > "$work/names"
    if ! cmp -s "$work/declared" "$work/names"; then
        fail "$library's exports differ from $header's RUBRIC_API functions (< header, > library):"
        diff "$work/declared" "$work/names" | grep '^[<>]'
    fi
    echo "check-library: $library exports $(wc -l < "$work/names") functions, all rubric_*, all in rubric.h"
done

# The soname and the links.
soname=$(readelf -d "$shared" 2>/dev/null | sed -n 's/.*(SONAME).*\[\(.*\)\]$/\1/p')
[ "$soname" = "librubric.so.$major" ] || fail "$shared has soname '$soname', not librubric.so.$major"
[ "$(readlink "$build/librubric.so.$major")" = "librubric.so.$version" ] ||
    fail "$build/librubric.so.$major does not point at librubric.so.$version"
[ "$(readlink "$build/librubric.so")" = "librubric.so.$major" ] ||
    fail "$build/librubric.so does not point at librubric.so.$major"
echo "check-library: soname librubric.so.$major (RUBRIC_API_VERSION $version)"

# A program of the API links with both; one reaching inside links with neither.
cat > "$work/uses_api.c" <<'PROGRAM'
#include <stdio.h>
#include "rubric.h"
int main(void)
{
    printf("%s %ld\n", rubric_library_version(), rubric_library_api_version());
    return rubric_library_api_version() == RUBRIC_API_VERSION ? 0 : 1;
}
PROGRAM
cat > "$work/reaches_inside.c" <<'PROGRAM'
void safe_text_cut(char *text);
int main(void)
{
    char text[] = "x";
    safe_text_cut(text);
    return 0;
}
PROGRAM
"$cc" -Iruntime/lib -o "$work/uses_api_static" "$work/uses_api.c" "$archive" $libs ||
    fail "a program of the API does not link with $archive"
"$work/uses_api_static" > /dev/null || fail "the static library's API version is not the header's"
"$cc" -Iruntime/lib -o "$work/uses_api_shared" "$work/uses_api.c" -L"$build" -lrubric -Wl,--as-needed $libs ||
    fail "a program of the API does not link with librubric.so"
LD_LIBRARY_PATH="$build" "$work/uses_api_shared" > /dev/null ||
    fail "the shared library's API version is not the header's"
readelf -d "$work/uses_api_shared" | grep -q "NEEDED.*\[librubric.so.$major\]" ||
    fail "a program linked with -lrubric does not need librubric.so.$major"
for library in "$archive" "$build/librubric.so"; do
    if "$cc" -o "$work/reaches_inside" "$work/reaches_inside.c" "$library" $libs > /dev/null 2>&1; then
        fail "a program calling the internal safe_text_cut links with $library"
    fi
done

[ $failed -eq 0 ] && echo "check-library: the library exports its API and nothing else"
exit $failed
