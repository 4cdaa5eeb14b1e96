// studio-highlight.test.mjs — the studio's highlighting (web/studio-highlight.mjs,
// which runs editors/rubric.tmLanguage.json itself) gives every character
// of every shipped rubric, worked example and highlighting sample the
// scope that vscode-textmate with vscode-oniguruma (the engine VS Code
// runs) gives it, and tokenising again after an edit gives what
// tokenising the new text afresh gives. Run from the repository root (tests/web.mk, check-web):
//
//   node tests/web/studio-highlight.test.mjs
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';

import { createHighlighter, translatePattern } from '../../web/studio-highlight.mjs';

const require = createRequire(import.meta.url);
const textmate = require('../node_modules/vscode-textmate');
const oniguruma = require('../node_modules/vscode-oniguruma');

const GRAMMAR = 'editors/rubric.tmLanguage.json';
const wasm = readFileSync(require.resolve('../node_modules/vscode-oniguruma/release/onig.wasm'));
await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
const registry = new textmate.Registry({
    onigLib: Promise.resolve({
        createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
        createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) => (scopeName === 'source.rubric'
        ? textmate.parseRawGrammar(readFileSync(GRAMMAR, 'utf8'), 'rubric.tmLanguage.json') : null),
});
const reference = await registry.loadGrammar('source.rubric');
const studio = createHighlighter(JSON.parse(readFileSync(GRAMMAR, 'utf8')));

const failures = [];
let checks = 0;

// The rewriting of (?i:…) on its own.
for (const [pattern, expected] of [['(?i:ab)', '(?:[aA][bB])'], ['(?i:[a-c]x)', '(?:[a-cA-C][xX])'],
                                   ['(?i:\\s+t)', '(?:\\s+[tT])'], ['a(?i:b)c', 'a(?:[bB])c'],
                                   ['(?i:(a|b))', '(?:([aA]|[bB]))']]) {
    checks++;
    if (translatePattern(pattern) !== expected)
        failures.push(`translatePattern('${pattern}'): '${translatePattern(pattern)}', not '${expected}'`);
}

const files = [
    ...readdirSync('rubrics').filter((name) => name.endsWith('.rubric')).map((name) => `rubrics/${name}`),
    'rubrics/shared/themes.rubric',
    ...readdirSync('rubrics/examples').filter((name) => name.endsWith('.rubric')).map((name) => `rubrics/examples/${name}`),
    ...readdirSync('tests/lsp').filter((name) => name.endsWith('.rubric')).map((name) => `tests/lsp/${name}`),
];
for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const ours = studio.tokenise(text);
    let state = textmate.INITIAL;
    text.split(/\r?\n/).forEach((line, index) => {
        const theirs = reference.tokenizeLine(line, state);
        state = theirs.ruleStack;
        const expected = new Array(line.length).fill('');
        for (const token of theirs.tokens) {
            const scopes = token.scopes.filter((scope) => scope !== 'source.rubric');
            for (let at = token.startIndex; at < Math.min(token.endIndex, line.length); at++)
                expected[at] = scopes[scopes.length - 1] ?? '';
        }
        const made = new Array(line.length).fill('');
        for (const token of ours[index]) for (let at = token.start; at < token.end; at++) made[at] = token.scope;
        checks++;
        const first = expected.findIndex((scope, at) => scope !== made[at]);
        if (first >= 0 && failures.length < 20)
            failures.push(`${file}:${index + 1}:${first + 1}: '${made[first]}', not '${expected[first]}' in: ${line}`);
        else if (first >= 0) failures.push('');
    });
}

// Tokenising again after an edit (lines changed, added, taken out) gives
// what tokenising the new text afresh gives.
const base = readFileSync('rubrics/waltham-forest-case-audit-grading-criteria.rubric', 'utf8').split('\n');
const edits = [
    ['a character typed', (lines) => lines.map((line, index) => (index === 91 ? `${line}x` : line))],
    ['a line taken out', (lines) => lines.filter((_, index) => index !== 60)],
    ['a line added', (lines) => [...lines.slice(0, 120), '  criterion new: New', ...lines.slice(120)]],
    ['a prose entry opened', (lines) => [...lines.slice(0, 20), 'title: A title', ...lines.slice(20)]],
    ['a comment made', (lines) => lines.map((line, index) => (index === 30 ? `# ${line}` : line))],
];
const incremental = createHighlighter(JSON.parse(readFileSync(GRAMMAR, 'utf8')));
incremental.tokenise(base.join('\n'));
for (const [what, edit] of edits) {
    const text = edit(base).join('\n');
    const made = JSON.stringify(incremental.tokenise(text));
    const fresh = JSON.stringify(createHighlighter(JSON.parse(readFileSync(GRAMMAR, 'utf8'))).tokenise(text));
    checks++;
    if (made !== fresh) failures.push(`${what}: the tokens after the edit differ from a fresh tokenising`);
    incremental.tokenise(base.join('\n'));
}

for (const failure of failures.filter(Boolean)) console.log(`FAIL: ${failure}`);
console.log(`web-studio-highlight: ${checks - failures.length} passed, ${failures.length} failed `
            + `(${files.length} files, each line against vscode-textmate)`);
process.exit(failures.length === 0 ? 0 : 1);
