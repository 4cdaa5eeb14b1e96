#!/bin/sh
# with-server.sh — runs COMMAND with the WebAssembly commands served by one
# Node.js process (command-server.mjs) for its whole run: the commands
# in $(BUILD)/wasm/commands (tests/wasm.mk) go to the server named by
# RUBRIC_WASM_SERVER when it is set, through command-client, and start a
# Node.js process of their own when it is not. The server is stopped when
# COMMAND ends, whatever its end, and its log shown if it failed.
#
# Usage: with-server.sh WASM_DIR COMMAND [ARGS...]
# Environment: WASM_NODE_FLAGS, the server's Node.js flags.
wasm_dir="${1:?usage: with-server.sh WASM_DIR COMMAND [ARGS...]}"
shift
here=$(dirname "$0")
dir=$(mktemp -d "${TMPDIR:-/tmp}/rubric-wasm.XXXXXX") || exit 1
socket="$dir/commands.sock"
# shellcheck disable=SC2086  # the flags are words
node ${WASM_NODE_FLAGS:-} "$here/command-server.mjs" "$socket" "$wasm_dir" > "$dir/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$dir"' EXIT
waited=0
until [ -S "$socket" ]; do
    if ! kill -0 "$server" 2>/dev/null || [ "$waited" -ge 600 ]; then
        echo "with-server.sh: the command server did not start:" >&2
        cat "$dir/server.log" >&2
        exit 1
    fi
    sleep 0.1
    waited=$((waited + 1))
done
status=0
RUBRIC_WASM_SERVER="$socket" "$@" || status=$?
if ! kill -0 "$server" 2>/dev/null; then
    echo "with-server.sh: the command server stopped during the run:" >&2
    cat "$dir/server.log" >&2
    [ "$status" -ne 0 ] || status=1
fi
exit "$status"
