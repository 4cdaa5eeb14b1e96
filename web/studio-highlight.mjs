// studio-highlight.mjs — the rubric studio's highlighting: the project's
// own TextMate grammar (editors/rubric.tmLanguage.json, the one editors
// use), run over the source line by line as a TextMate engine runs it, so
// the studio never keeps a second grammar of its own. tests/web/
// studio-highlight.test.mjs checks the scopes against vscode-textmate (the
// engine VS Code runs) on every shipped rubric.
//
//   const highlighter = createHighlighter(grammarJson);
//   highlighter.tokenise(text) -> one array per line of { start, end, scope }
//     (UTF-16 offsets in the line; scope the innermost scope name, or '')
//
// What the engine does, and all the grammar needs: `match` rules with
// `name` and `captures`; `begin`/`end` rules with `beginCaptures`,
// `endCaptures`, `captures`, `name`, `contentName` and `patterns`, whose
// `end` may name the groups of `begin` (\1); `include` of '#rule', '$self'
// and '$base'. At each position the earliest match wins, the end of the
// innermost open rule before a pattern that matches at the same place.
// Oniguruma's `(?i:…)` groups, which JavaScript's regular expressions
// read only in recent browsers, are rewritten into letter classes.

// Rewrites Oniguruma's case-insensitive groups, (?i:…), into ones that
// match either case with JavaScript's syntax: a letter outside a class
// becomes [aA], a class gains the other case of each letter in it.
export function translatePattern(pattern) {
    let out = '';
    const insensitiveDepths = [];     // group depths at which a (?i: group opened
    let depth = 0;
    for (let at = 0; at < pattern.length; at++) {
        const char = pattern[at];
        const insensitive = insensitiveDepths.length > 0;
        if (char === '\\') {
            out += pattern.slice(at, at + 2);
            at++;
        } else if (char === '[') {
            let end = at + 1;
            if (pattern[end] === '^') end++;
            if (pattern[end] === ']') end++;
            while (end < pattern.length && pattern[end] !== ']') end += pattern[end] === '\\' ? 2 : 1;
            const body = pattern.slice(at + 1, end);
            out += insensitive ? `[${body}${otherCases(body)}]` : `[${body}]`;
            at = end;
        } else if (char === '(') {
            depth++;
            if (pattern.startsWith('(?i:', at)) {
                insensitiveDepths.push(depth);
                out += '(?:';
                at += 3;
            } else out += char;
        } else if (char === ')') {
            if (insensitiveDepths[insensitiveDepths.length - 1] === depth) insensitiveDepths.pop();
            depth--;
            out += char;
        } else if (insensitive && /[a-z]/i.test(char)) {
            out += `[${char.toLowerCase()}${char.toUpperCase()}]`;
        } else out += char;
    }
    return out;
}

// The other case of the letters and letter ranges of a class body.
function otherCases(body) {
    let extra = '';
    for (let at = 0; at < body.length; at++) {
        if (body[at] === '\\') {
            at++;
            continue;
        }
        const range = /^([a-zA-Z])-([a-zA-Z])/.exec(body.slice(at));
        if (range) {
            extra += swapCase(range[1]) + '-' + swapCase(range[2]);
            at += 2;
        } else if (/[a-zA-Z]/.test(body[at])) extra += swapCase(body[at]);
    }
    return extra;
}

const swapCase = (letter) => (letter === letter.toLowerCase() ? letter.toUpperCase() : letter.toLowerCase());

const escapeRegExp = (text) => text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

export function createHighlighter(grammar) {
    const compiled = new Map();       // pattern text -> RegExp (global, with indices)
    const regExp = (pattern) => {
        let found = compiled.get(pattern);
        if (!found) {
            found = new RegExp(translatePattern(pattern), 'gd');
            compiled.set(pattern, found);
        }
        return found;
    };

    // A rule's patterns with the includes followed, in order.
    const expanded = new Map();
    function patternsOf(rule) {
        let list = expanded.get(rule);
        if (list) return list;
        list = [];
        expanded.set(rule, list);
        const seen = new Set();
        const add = (patterns) => {
            for (const pattern of patterns ?? []) {
                if (pattern.include !== undefined) {
                    const target = pattern.include === '$self' || pattern.include === '$base' ? grammar
                                 : grammar.repository?.[pattern.include.slice(1)];
                    if (!target || seen.has(target)) continue;
                    seen.add(target);
                    if (target.match !== undefined || target.begin !== undefined) list.push(target);
                    else add(target.patterns);
                } else list.push(pattern);
            }
        };
        add(rule.patterns);
        return list;
    }

    // Adds tokens for the groups of MATCH named in CAPTURES, splitting the
    // token of the whole match around them.
    function captureTokens(match, captures, outerScope) {
        const whole = match.indices[0];
        const pieces = [{ start: whole[0], end: whole[1], scope: outerScope }];
        if (captures) {
            for (const [group, capture] of Object.entries(captures)) {
                const span = match.indices[Number(group)];
                if (!span || span[0] === span[1] || !capture.name) continue;
                overlay(pieces, span[0], span[1], capture.name);
            }
        }
        return pieces.filter((piece) => piece.end > piece.start);
    }

    // Rewrites PIECES so that [start, end) has SCOPE.
    function overlay(pieces, start, end, scope) {
        const result = [];
        for (const piece of pieces) {
            if (piece.end <= start || piece.start >= end) {
                result.push(piece);
                continue;
            }
            if (piece.start < start) result.push({ ...piece, end: start });
            result.push({ start: Math.max(piece.start, start), end: Math.min(piece.end, end), scope });
            if (piece.end > end) result.push({ ...piece, start: end });
        }
        pieces.splice(0, pieces.length, ...result);
    }

    // One line's tokens, from the rules open at its start (STACK, which it
    // leaves as they are at its end).
    function tokeniseLine(line, lineNumber, stack) {
        const tokens = [];
        const push = (start, end, scope) => {
            if (end <= start) return;
            const last = tokens[tokens.length - 1];
            if (last && last.end === start && last.scope === scope) last.end = end;
            else tokens.push({ start, end, scope });
        };
        let at = 0;
        for (;;) {
            const top = stack[stack.length - 1];
            let best = null;
            if (top.end) {
                top.end.lastIndex = at;
                const match = top.end.exec(line);
                if (match) best = { match, rule: null };
            }
            for (const rule of patternsOf(top.rule)) {
                const pattern = regExp(rule.match ?? rule.begin);
                pattern.lastIndex = at;
                const match = pattern.exec(line);
                if (match && (!best || match.index < best.match.index)) best = { match, rule };
            }
            if (!best) break;
            const { match, rule } = best;
            const start = match.index;
            const finish = start + match[0].length;
            push(at, start, top.contentScope);
            if (rule === null) {
                for (const piece of captureTokens(match, top.rule.endCaptures ?? top.rule.captures, top.scope))
                    push(piece.start, piece.end, piece.scope);
                stack.pop();
                // Opened and closed at one place without moving: stop, as a TextMate engine does.
                if (finish === start && top.line === lineNumber && top.at === start) {
                    at = finish;
                    break;
                }
            } else if (rule.match !== undefined) {
                const scope = rule.name ?? top.contentScope;
                for (const piece of captureTokens(match, rule.captures, scope)) push(piece.start, piece.end, piece.scope);
                if (finish === start) break;          // a rule that does not move on would match forever
            } else {
                const scope = rule.name ?? top.contentScope;
                for (const piece of captureTokens(match, rule.beginCaptures ?? rule.captures, scope))
                    push(piece.start, piece.end, piece.scope);
                const endSource = rule.end.replace(/\\(\d)/g, (_, group) => escapeRegExp(match[Number(group)] ?? ''));
                stack.push({ rule, end: new RegExp(translatePattern(endSource), 'gd'), scope,
                             contentScope: rule.contentName ?? scope, line: lineNumber, at: start });
                if (finish === start && top.rule === rule && top.line === lineNumber && top.at === start) {
                    stack.pop();
                    break;
                }
            }
            at = finish;
        }
        push(at, line.length, stack[stack.length - 1].contentScope);
        return tokens;
    }

    // Two stacks of open rules are the same state when they hold the same
    // rules with the same ends.
    const sameState = (one, other) => one.length === other.length
        && one.every((entry, index) => entry.rule === other[index].rule
                                       && (entry.end?.source ?? null) === (other[index].end?.source ?? null));

    // The tokens of TEXT by line. The last text's lines and states are
    // kept: the lines before the first change keep their tokens, and after
    // the change the lines are tokenised again only until the state at a
    // line's start is the one it had before (the arrays of tokens of the
    // lines kept are the same objects, so a caller can tell them).
    let last = { lines: [], starts: [[{ rule: grammar, end: null, scope: '', contentScope: '' }]], tokens: [] };
    function tokenise(text) {
        const lines = text.split(/\r?\n/);
        const shortest = Math.min(lines.length, last.lines.length);
        let prefix = 0;
        while (prefix < shortest && lines[prefix] === last.lines[prefix]) prefix++;
        let suffix = 0;
        while (suffix < shortest - prefix
               && lines[lines.length - 1 - suffix] === last.lines[last.lines.length - 1 - suffix]) suffix++;
        const shift = last.lines.length - lines.length;
        const starts = last.starts.slice(0, prefix + 1);
        const tokens = last.tokens.slice(0, prefix);
        for (let index = prefix; index < lines.length; index++) {
            const old = index + shift;
            if (index >= lines.length - suffix && index > prefix && sameState(starts[index], last.starts[old])) {
                for (let rest = index; rest < lines.length; rest++) {
                    tokens.push(last.tokens[rest + shift]);
                    starts.push(last.starts[rest + shift + 1]);
                }
                break;
            }
            const stack = starts[index].slice();
            tokens.push(tokeniseLine(lines[index], index, stack));
            starts.push(stack);
        }
        last = { lines, starts, tokens };
        return tokens;
    }

    return { tokenise };
}
