# rubricc.bash - bash completion for rubricc, the rubric compiler, and its
# commands fmt, test, diff, import, lsp and help.
#
# Installed by `make install` as
# $(PREFIX)/share/bash-completion/completions/rubricc, where the
# bash-completion package loads it the first time rubricc is completed; or
# `source completion/rubricc.bash` by hand. It needs nothing but bash's
# own `complete` and `compgen`. The options offered per command are the
# lists below; `make check-man` (tests/man/check.sh) checks that each list
# is exactly the long options of that command's --help, so they cannot
# drift apart.

# The long options of each command, as its --help lists them (--help too).
_rubricc_options_compile='--emit --output --check --warnings --diagnostics-format
    --diagnostics-output --max-errors --include-directory --allow-include-anywhere
    --max-file-size --max-total-size --max-include-files --help --version'
_rubricc_options_fmt='--check --diff --write --include-directory --help'
_rubricc_options_test='--junit --require-coverage --include-directory --help'
_rubricc_options_diff='--breaking --html --format --include-directory --help'
_rubricc_options_import='--output --help'
_rubricc_options_lsp='--stdio --max-message-size --help'

_rubricc_commands='fmt test diff import lsp help'
_rubricc_emit_formats='json c html form csv-template index crosswalk canvas-csv case grid-csv'

# _rubricc_files EXTENSION...: the folders, and the files ending in one of
# the extensions (any file when none is given), that start with $cur.
_rubricc_files()
{
    local word extension words
    compopt -o filenames 2>/dev/null
    mapfile -t words < <(compgen -f -- "$cur")
    for word in "${words[@]}"; do
        # Hidden files only when asked for, as bash's own completion does.
        [[ ${word##*/} == .* && ${cur##*/} != .* ]] && continue
        if [[ -d $word ]]; then
            COMPREPLY+=("$word")
            continue
        fi
        if (($# == 0)); then
            COMPREPLY+=("$word")
            continue
        fi
        for extension in "$@"; do
            if [[ $word == *."$extension" ]]; then
                COMPREPLY+=("$word")
                break
            fi
        done
    done
}

# _rubricc_words WORDS: those of WORDS that start with $cur.
_rubricc_words()
{
    mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY < <(compgen -W "$1" -- "$cur")
}

# --emit json,c,h<TAB>: the formats not yet in the list, after its commas.
_rubricc_emit_list()
{
    local done_part=
    [[ $cur == *,* ]] && done_part=${cur%,*},
    local last=${cur##*,} format
    for format in $_rubricc_emit_formats; do
        [[ ,$done_part == *,"$format",* ]] && continue
        [[ $format == "$last"* ]] && COMPREPLY+=("$done_part$format")
    done
    compopt -o nospace 2>/dev/null
}

# The value of option $1 of command $2; returns 1 when $1 takes none.
_rubricc_option_value()
{
    case $2:$1 in
        compile:--emit) _rubricc_emit_list ;;
        compile:-o | compile:--output | *:-I | *:--include-directory)
            compopt -o filenames 2>/dev/null
            mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY < <(compgen -d -- "$cur") ;;
        compile:-W | compile:--warnings) _rubricc_words error ;;
        compile:--diagnostics-format) _rubricc_words 'text json sarif github' ;;
        compile:--diagnostics-output) _rubricc_files ;;
        compile:--max-errors | compile:--max-file-size | compile:--max-total-size \
            | compile:--max-include-files) ;;
        test:--junit) _rubricc_files xml ;;
        diff:--html) _rubricc_files html ;;
        diff:--format) _rubricc_words 'text html' ;;
        import:-o | import:--output) _rubricc_files rubric ;;
        lsp:--max-message-size) ;;
        *) return 1 ;;
    esac
    return 0
}

_rubricc()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev='' prefix=''
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    COMPREPLY=()
    # A value after '=': bash splits the word there (COMP_WORDBREAKS)
    # unless its setting leaves '=' out; then the value follows the '='.
    if [[ $cur == = ]]; then
        cur=
    elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
        prev=${COMP_WORDS[COMP_CWORD - 2]}
    elif [[ $cur == --*=* ]]; then
        prev=${cur%%=*}
        prefix=$prev=
        cur=${cur#*=}
    fi
    _rubricc_complete
    ((${#COMPREPLY[@]} > 0)) && COMPREPLY=("${COMPREPLY[@]/#/$prefix}")
    return 0
}

# What may stand at $cur, after $prev, into COMPREPLY.
_rubricc_complete()
{
    local command=compile first=1
    case ${COMP_WORDS[1]} in
        fmt | test | diff | import | lsp | help)
            if ((COMP_CWORD > 1)); then
                command=${COMP_WORDS[1]}
                first=2
            fi ;;
    esac

    if [[ $prev == -* ]] && _rubricc_option_value "$prev" "$command"; then
        return 0
    fi
    if [[ $command == help ]]; then
        ((COMP_CWORD == 2)) && _rubricc_words "${_rubricc_commands% help}"
        return 0
    fi
    if [[ $cur == -* ]]; then
        local options=_rubricc_options_$command
        _rubricc_words "${!options}"
        [[ $command == compile ]] && _rubricc_words '-Werror'
        return 0
    fi
    if ((COMP_CWORD == first)) && [[ $command == compile ]]; then
        _rubricc_words "$_rubricc_commands"
    fi
    case $command in
        compile | fmt | diff) _rubricc_files rubric ;;
        test)
            # RUBRIC first, then its tests files.
            local i arguments=0
            for ((i = first; i < COMP_CWORD; i++)); do
                case ${COMP_WORDS[i]} in
                    --junit | -I | --include-directory) ((i++)) ;;
                    -*) ;;
                    *) ((arguments++)) ;;
                esac
            done
            if ((arguments == 0)); then _rubricc_files rubric; else _rubricc_files tests; fi ;;
        import) _rubricc_files csv ;;
        lsp) ;;
    esac
    return 0
}

complete -F _rubricc rubricc
