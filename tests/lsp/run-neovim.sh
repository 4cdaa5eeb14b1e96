#!/bin/sh
# run-neovim.sh — Neovim (headless) as the language server's client (see
# neovim.lua), then as a Vim with editors/vim installed (vim-syntax.lua).
# The shipped rubric and the files it includes are copied into WORKDIR
# first, so the edits the script makes never touch rubrics/.
# Run from the repository root. Usage: run-neovim.sh RUBRICC WORKDIR
set -eu
rubricc="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
work="$2"
rm -rf "$work"
mkdir -p "$work"
cp -R rubrics "$work/rubrics"
# A home of its own: no user configuration, plugins or shada file.
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/config" XDG_DATA_HOME="$work/home/data" \
       XDG_STATE_HOME="$work/home/state" XDG_CACHE_HOME="$work/home/cache"
mkdir -p "$HOME"
export RUBRICC="$rubricc"
export RUBRIC="$(pwd)/$work/rubrics/london-borough-case-audit-gradings.rubric"
case "$work" in /*) RUBRIC="$work/rubrics/london-borough-case-audit-gradings.rubric" ;; esac
status=0
timeout 180 nvim --headless --clean -n -c "luafile tests/lsp/neovim.lua" \
    > "$work/neovim.out" 2> "$work/neovim.log" < /dev/null || status=$?
cat "$work/neovim.log"
if [ "$status" -ne 0 ]; then
    echo "FAIL: neovim client (exit status $status; log in $work/neovim.log)"
    exit 1
fi
echo "neovim client: passed"

status=0
timeout 180 nvim --headless --clean -n --cmd "set runtimepath^=editors/vim" \
    -c "filetype plugin on" -c "syntax on" -c "luafile tests/lsp/vim-syntax.lua" \
    > "$work/vim-syntax.out" 2> "$work/vim-syntax.log" < /dev/null || status=$?
if [ "$status" -ne 0 ]; then
    cat "$work/vim-syntax.log"
    echo "FAIL: Vim syntax file (exit status $status; log in $work/vim-syntax.log)"
    exit 1
fi
tail -n 1 "$work/vim-syntax.log"
