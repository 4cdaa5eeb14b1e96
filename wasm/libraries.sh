#!/bin/sh
# libraries.sh — the C libraries rubricc and rubric-grade link (jansson,
# yajl, libcsv, Nettle's SHA-1, and for reading Excel workbooks zlib's
# inflate, minizip's unzip and expat), built for wasm32-wasi from Debian's
# own source packages.
#
# `make wasm` runs this (wasm/wasm.mk). It fetches each source package at
# the version pinned below with `apt-get source`, which checks the
# archive's signatures and unpacks with dpkg-source -x (Debian's patches,
# security fixes included, applied), then compiles the library's .c files
# directly with clang --target=wasm32-wasi: no configure run, only the
# small config headers a configure would have written, generated here.
# What it leaves in OUT:
#   OUT/include/   jansson.h, jansson_config.h, yajl/*.h, csv.h, nettle/*.h,
#                  zlib.h, zconf.h, minizip/unzip.h, minizip/ioapi.h, expat.h
#   OUT/lib/       libjansson.a, libyajl.a, libcsv.a, libnettle-sha1.a (SHA-1, and base64
#                  for the audit form's data blocks), libz.a (inflate only),
#                  libminizip.a (unzip only), libexpat.a
# The sources stay in SOURCES (under the build directory, never in the
# repository).
#
# apt-get source needs a deb-src entry. The machine's own sources are left
# as they are: the entry goes in a file of its own,
# /etc/apt/sources.list.d/rubric-deb-src.sources, written from the
# system's debian.sources with deb-src for deb (same URIs, suites,
# components and signing key). Writing it needs root; otherwise the exact
# commands are printed.
#
# Usage: libraries.sh SOURCES OUT
#   CC (clang), AR (llvm-ar) and WASM_CFLAGS come from the environment.
set -eu

sources="$1"
out="$2"
cc="${CC:-clang}"
ar="${AR:-llvm-ar}"
wasm_cflags="${WASM_CFLAGS:---target=wasm32-wasi -Oz}"

# The versions Debian bookworm ships as the native build's -dev packages.
# zlib is zlib1g-dev's version (the source of bookworm's +deb12u1 update
# is not served by the security archive); minizip's unzip comes from its
# own source package, as libminizip-dev is built (with its CVE-2023-45853
# fix). expat: the newest 2.5.0 update whose source the archive serves.
packages="jansson=2.14-2 yajl=2.1.0-3+deb12u2 libcsv=3.0.3+dfsg-6 nettle=3.8.1-2 \
zlib=1:1.2.13.dfsg-1 minizip=1.1-8+deb12u1 expat=2.5.0-1+deb12u2"

source_list=/etc/apt/sources.list.d/rubric-deb-src.sources
system_list=/etc/apt/sources.list.d/debian.sources

# ------------------------------------------------------------ the sources
fetch() {
    mkdir -p "$sources"
    missing=""
    for pinned in $packages; do
        name="${pinned%%=*}"
        version="${pinned#*=}"
        upstream="${version%-*}"
        upstream="${upstream#*:}"
        [ -d "$sources/$name-${upstream%+dfsg}" ] || [ -d "$sources/$name-$upstream" ] ||
            missing="$missing $pinned"
    done
    [ -z "$missing" ] && return 0

    if ! apt-cache showsrc jansson 2>/dev/null | grep -q '^Package: jansson'; then
        if [ "$(id -u)" -ne 0 ]; then
            echo "wasm: apt has no deb-src entry; as root, write $source_list with" >&2
            echo "    sed 's/^Types: deb\$/Types: deb-src/' $system_list > $source_list" >&2
            echo "and run apt-get update" >&2
            exit 1
        fi
        if [ ! -f "$source_list" ]; then
            {
                echo "# Debian's source packages, for rubric's WebAssembly build (wasm/libraries.sh)."
                echo "# Written from $system_list; that file is left as it is."
                sed 's/^Types: deb$/Types: deb-src/' "$system_list"
            } > "$source_list"
        fi
        apt-get -o DPkg::Lock::Timeout=600 update -q >/dev/null
    fi

    echo "wasm: fetching the sources of$missing"
    # shellcheck disable=SC2086
    (cd "$sources" && apt-get source -q $missing >/dev/null 2>"$sources/apt-get.log") || {
        cat "$sources/apt-get.log" >&2
        exit 1
    }
}

# Each library's source folder, named as dpkg-source unpacks it.
folder() {
    for pinned in $packages; do
        name="${pinned%%=*}"
        if [ "$name" = "$1" ]; then
            version="${pinned#*=}"
            upstream="${version%-*}"
            echo "$sources/$name-${upstream#*:}"
            return
        fi
    done
}

# Compile the named .c files of one library into OUT/lib/NAME.a.
archive() {
    name="$1"; shift
    include="$1"; shift
    objects="$out/obj/$name"
    mkdir -p "$objects" "$out/lib"
    list=""
    for source in "$@"; do
        object="$objects/$(basename "$source" .c).o"
        # shellcheck disable=SC2086
        "$cc" $wasm_cflags -w $include -c -o "$object" "$source"
        list="$list $object"
    done
    rm -f "$out/lib/$name.a"
    # shellcheck disable=SC2086
    "$ar" rcs "$out/lib/$name.a" $list
}

fetch
rm -rf "$out"
mkdir -p "$out/include/yajl" "$out/include/nettle" "$out/include/minizip" "$out/config"

# ------------------------------------------------------------ jansson
jansson="$(folder jansson)"
sed -e 's/@json_inline@/inline/' -e 's/@json_have_long_long@/1/' \
    -e 's/@json_have_localeconv@/1/' -e 's/@json_have_atomic_builtins@/0/' \
    -e 's/@json_have_sync_builtins@/0/' \
    "$jansson/src/jansson_config.h.in" > "$out/include/jansson_config.h"
# What configure finds on WASI: the headers and functions the seed and the
# number conversions look for (no sched_yield, no getpid).
cat > "$out/config/jansson_private_config.h" <<'EOF'
#define HAVE_STDINT_H 1
#define HAVE_INTTYPES_H 1
#define HAVE_UNISTD_H 1
#define HAVE_FCNTL_H 1
#define HAVE_SYS_STAT_H 1
#define HAVE_SYS_TIME_H 1
#define HAVE_SYS_TYPES_H 1
#define HAVE_LOCALE_H 1
#define HAVE_OPEN 1
#define HAVE_CLOSE 1
#define HAVE_READ 1
#define HAVE_GETTIMEOFDAY 1
#define HAVE_STRTOLL 1
#define HAVE_SNPRINTF 1
#define HAVE_VSNPRINTF 1
#define USE_URANDOM 1
#define INITIAL_HASHTABLE_ORDER 3
EOF
cp "$jansson/src/jansson.h" "$out/include/"
archive libjansson "-DHAVE_CONFIG_H -I$out/config -I$out/include -I$jansson/src" "$jansson"/src/*.c

# ------------------------------------------------------------ yajl
yajl="$(folder yajl)"
cp "$yajl"/src/api/yajl_common.h "$yajl"/src/api/yajl_gen.h "$yajl"/src/api/yajl_parse.h \
   "$yajl"/src/api/yajl_tree.h "$out/include/yajl/"
sed -e 's/${YAJL_MAJOR}/2/' -e 's/${YAJL_MINOR}/1/' -e 's/${YAJL_MICRO}/0/' \
    "$yajl/src/api/yajl_version.h.cmake" > "$out/include/yajl/yajl_version.h"
archive libyajl "-I$out/include" "$yajl"/src/*.c

# ------------------------------------------------------------ libcsv
csv="$(folder libcsv)"
cp "$csv/csv.h" "$out/include/"
archive libcsv "-I$out/include" "$csv/libcsv.c"

# ------------------------------------------------------------ Nettle's SHA-1 and base64
# Only the SHA-1 that the CASE export's name-based UUIDs need (its three
# files) and the base64 encoder that writes the audit form's grader module
# (one file), with the headers they include.
nettle="$(folder nettle)"
cp "$nettle/sha1.h" "$nettle/base64.h" "$nettle/nettle-types.h" "$out/include/nettle/"
archive libnettle-sha1 "-I$nettle" "$nettle/sha1.c" "$nettle/sha1-compress.c" "$nettle/write-be32.c" \
    "$nettle/base64-encode.c"

# ------------------------------------------------------------ zlib's inflate, minizip's unzip
# An Excel workbook is a zip archive: only reading it is built (the grader
# reads workbooks; writing them needs libxlsxwriter, left out of the
# WebAssembly build). minizip's unzip is Debian's libminizip (its own
# source package, as the native build links it), over zlib's inflate.
zlib="$(folder zlib)"
cp "$zlib/zlib.h" "$zlib/zconf.h" "$out/include/"
archive libz "-I$out/include" "$zlib/adler32.c" "$zlib/crc32.c" "$zlib/inffast.c" "$zlib/inflate.c" \
    "$zlib/inftrees.c" "$zlib/zutil.c"
minizip="$(folder minizip)"
cp "$minizip/unzip.h" "$minizip/ioapi.h" "$out/include/minizip/"
archive libminizip "-I$out/include -I$out/include/minizip" "$minizip/unzip.c" "$minizip/ioapi.c"

# ------------------------------------------------------------ expat
# The settings of Debian's libexpat1 build (XML_DTD, XML_NS, the default
# context bytes), and WASI's arc4random_buf for the hash salt.
expat="$(folder expat)/expat"
cat > "$out/config/expat_config.h" <<'EOF'
#define BYTEORDER 1234
#define HAVE_ARC4RANDOM_BUF 1
#define HAVE_FCNTL_H 1
#define HAVE_INTTYPES_H 1
#define HAVE_STDINT_H 1
#define HAVE_STDLIB_H 1
#define HAVE_STRING_H 1
#define HAVE_SYS_STAT_H 1
#define HAVE_SYS_TYPES_H 1
#define HAVE_UNISTD_H 1
#define STDC_HEADERS 1
#define XML_CONTEXT_BYTES 1024
#define XML_DTD 1
#define XML_NS 1
EOF
cp "$expat/lib/expat.h" "$expat/lib/expat_external.h" "$out/include/"
archive libexpat "-DHAVE_EXPAT_CONFIG_H -I$out/config -I$expat/lib" "$expat/lib/xmlparse.c" \
    "$expat/lib/xmlrole.c" "$expat/lib/xmltok.c"

echo "wasm: libraries built in $out"
