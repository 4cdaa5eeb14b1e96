#!/bin/sh
# deps.sh — install what building and testing need, when it is missing.
#
# `make deps` runs this; `make` and `make check` run it first, so the
# README's two commands work on a fresh Debian machine. It checks each
# Debian package with dpkg-query and installs only the missing ones, with
# apt-get when run as root; otherwise it prints the exact command to run.
# Usage: deps.sh build|check|bench|wasm  (check and bench also install the
# test tools; wasm the WebAssembly toolchain alone)
set -eu

want="${1:-build}"

# Package lists. Build: the compiler front end (flex, bison); the grader's
# JSON (jansson reads the rubric, yajl streams the audits) and CSV (libcsv,
# also rubricc's grid import); Nettle's SHA-1 (rubricc's CASE export
# identifiers); libxlsxwriter (the data-entry workbook, rubricc --emit
# xlsx-template); minizip and expat (Excel workbooks of audits read by the
# grader: the zip archive and its XML parts); SQLite (libsqlite3-dev: rubric-grade's register of
# every round, --register); pkg-config for finding them. Check adds jq (schema tests, benchmark
# baselines), the unit test
# framework (cmocka), valgrind, clang and libFuzzer's runtime (the second
# compiler, the fuzzer), Node.js and npm (ajv, the HTML validator, axe-core
# and playwright-core come from npm), a Java runtime (the Nu HTML Checker is
# a Java program), Chromium (axe-core and the screenshots run in it),
# poppler-utils (the printed pages are counted and measured in its PDF
# text), Python
# (the fidelity tests, a benchmark baseline; with pip, setuptools and
# wheel, the binding in python/ is installed offline), hyperfine and time (benchmark
# timing and peak memory), scikit-learn and statsmodels (the independent
# computation of kappa and its standard error that moderation is tested
# against), Neovim (the language server's client in its test), patch and git
# (the formatter's --diff is applied with patch; rubricc diff reads git:REV),
# mandoc and man-db (the manual pages are linted with mandoc -Tlint, and
# the installed ones read with man -l), openpyxl (the workbooks are read
# back by an independent reader), sqlite3 (the register's tests and the
# docs' queries run in its shell; Python's sqlite3 module reads it too).
build_packages="gcc make flex bison libjansson-dev libyajl-dev libcsv-dev nettle-dev libxlsxwriter-dev libminizip-dev libexpat1-dev libsqlite3-dev pkg-config"
# WebAssembly (make wasm, wasm/README.md): clang with lld's wasm-ld and
# llvm's archiver, wasi-libc and the compiler-rt builtins for wasm32,
# binaryen's wasm-opt, dpkg-dev (apt-get source unpacks the libraries'
# Debian sources with dpkg-source), Node.js (runs the modules) and esbuild
# (web/bundle.mjs bundles the offline pages' scripts). `make
# check` and `make bench` install them, since they test and measure the
# WebAssembly build; plain `make` builds it when they are present.
wasm_packages="clang lld llvm wasi-libc libclang-rt-14-dev-wasm32 binaryen dpkg-dev nodejs esbuild"
check_packages="jq libcmocka-dev valgrind clang libclang-rt-14-dev nodejs npm default-jre-headless chromium poppler-utils python3 python3-pip python3-setuptools python3-wheel hyperfine time python3-sklearn python3-statsmodels neovim patch git mandoc man-db python3-openpyxl sqlite3"

case "$want" in
    build) packages="$build_packages" ;;
    check|bench) packages="$build_packages $check_packages $wasm_packages" ;;
    wasm) packages="$build_packages $wasm_packages" ;;
    *) echo "usage: deps.sh build|check|bench|wasm" >&2; exit 2 ;;
esac

# Node.js and npm may come from elsewhere than Debian (NodeSource's nodejs
# package holds npm and conflicts with Debian's): working commands count.
provided_by_command() {
    case "$1" in
        nodejs) command -v node >/dev/null 2>&1 ;;
        npm) command -v npm >/dev/null 2>&1 ;;
        *) return 1 ;;
    esac
}

missing=""
for package in $packages; do
    if provided_by_command "$package"; then
        continue
    fi
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $package"
    fi
done

if [ -z "$missing" ]; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "deps: missing Debian packages:$missing" >&2
    echo "deps: install them with:  sudo apt-get install -y$missing" >&2
    exit 1
fi

echo "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=600 update -q >/dev/null
# shellcheck disable=SC2086
apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends $missing >/dev/null
