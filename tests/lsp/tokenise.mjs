// tokenise.mjs: the TextMate grammar (editors/rubric.tmLanguage.json)
// tokenised by a real TextMate engine (vscode-textmate with
// vscode-oniguruma, as VS Code runs it) over the shipped rubrics and
// tests/lsp/highlight.rubric, and the scopes checked.
//
// What each token should be is worked out here independently of the
// grammar, by the language's own rules (docs/language.md): the entry names
// come from compiler/front/keywords.c (the one keyword table), a prose value runs
// on over the lines indented further than its name, and the block a label
// stands in (scale:, glossary:, themes:, or a criterion) says what it is.
// Checked: keywords, level codes, section numbers and ids, criterion ids,
// theme ids, abbreviations, comments and prose. Run from the repository
// root: node tests/lsp/tokenise.mjs
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const textmate = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
const registry = new textmate.Registry({
  onigLib: Promise.resolve({
    createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
    createOnigString: (text) => new oniguruma.OnigString(text),
  }),
  loadGrammar: async (scopeName) => scopeName === 'source.rubric'
    ? textmate.parseRawGrammar(readFileSync('editors/rubric.tmLanguage.json', 'utf8'),
      'rubric.tmLanguage.json')
    : null,
});
const grammar = await registry.loadGrammar('source.rubric');

// Entry names, from the keyword table: "section N grade" becomes a pattern.
// language_keywords[] alone: keywords.c also holds the table of old and
// guessed spellings that the diagnostics explain.
const keywordFile = readFileSync('compiler/front/keywords.c', 'utf8');
const keywordTable = keywordFile.slice(keywordFile.indexOf('language_keywords[] = {'));
const keywordSource = keywordTable.slice(0, keywordTable.indexOf('\n};\n'));
const keywords = [...keywordSource.matchAll(/^\s*\{"([^"]+)",/gm)].map((m) => m[1]);
const namePattern = (name) => name.split(' ')
  .map((word) => (word === 'N' ? '[^\\s:#,]+' : word)).join('\\s+');
const ruleNames = new RegExp(`^(${keywords.filter((k) => /grade|better|applicable|ties|rounding|when/.test(k))
  .sort((a, b) => b.length - a.length).map(namePattern).join('|')})\\s*:`, 'i');
const proseNames = /^(title\s+supplied|title|authority|version|effective|key\s+factors|scope|out\s+of\s+sequence)\s*:/i;
const itemScopes = {
  'applies to': 'support.constant.abbreviation',
  themes: 'variable.other.theme',
  'same as': 'entity.name.function.criterion',
  rubric: 'entity.name.type.rubric-id',
  id: 'entity.name.section',
};
const blockLabels = {
  scale: 'constant.other.level',
  glossary: 'support.constant.abbreviation',
  themes: 'variable.other.theme',
  groups: 'variable.other.theme',
  bands: 'constant.other.band',
  answers: 'constant.other.level',
};
// Entries of language v2 whose value is a list.
const listScopes = {
  'case types': 'support.constant.abbreviation',
  answers: 'entity.name.type.answer-set',
  weight: 'constant.numeric',
  'in overall': 'constant.language.rule-value',
  key: 'constant.language.rule-value',
  groups: 'variable.other.theme',
  target: 'constant.language.rule-value',
};

// What the tokens at some columns of a file should be: [line, column, scope, what].
function expectations(lines) {
  const expected = [];
  let prose = null; // the indentation of the entry whose prose runs on
  let block = null; // {kind, indent} of scale:, glossary:, themes: or grading:
  lines.forEach((line, number) => {
    if (!line.trim()) return;
    const indent = line.length - line.trimStart().length;
    const text = line.trimStart();
    if (prose !== null && indent > prose) {
      expected.push(text.startsWith('#')
        ? [number, indent, 'comment.line', 'comment']
        : [number, indent, 'string.unquoted.prose', 'prose']);
      return;
    }
    prose = null;
    if (text.startsWith('#')) {
      expected.push([number, indent, 'comment.line', 'comment']);
      return;
    }
    if (block && indent <= block.indent) block = null;
    const nameEnd = (match) => indent + match[0].length;
    const restStart = (match) => {
      const after = line.slice(nameEnd(match));
      return nameEnd(match) + after.length - after.trimStart().length;
    };
    let match;
    if (block && block.kind === 'grading' && (match = text.match(ruleNames))) {
      expected.push([number, indent, 'keyword.other.rule', 'keyword']);
      const value = line.slice(nameEnd(match));
      // The subject of a condition: "any criterion in section X" names a
      // section, "any criterion" (in it) nothing; else "criterion x", "section N".
      const anyIn = value.match(/any\s+criterion\s+in\s+(section)\s+([^\s,#]+)/);
      const limit = anyIn || (/any\s+criterion/.test(value) ? null
        : value.match(/(criterion|section)\s+([^\s,#]+)/));
      if (limit) {
        const at = nameEnd(match) + value.indexOf(limit[0]) + limit[0].length - limit[2].length;
        expected.push([number, at, limit[1] === 'criterion' ? 'entity.name.function.criterion'
          : 'entity.name.section', 'id']);
      }
      // A condition on a timescale: "the timescale of criterion X is not met".
      const timescale = value.match(/\b((?:the\s+)?timescale\s+of)\s+criterion\s+\S+\s+is\s+((?:not\s+)?met)\b/i);
      if (timescale) {
        const at = nameEnd(match) + timescale.index;
        expected.push([number, at, 'keyword.other.criterion', 'keyword']);
        expected.push([number, at + timescale[0].length - timescale[2].length, 'constant.language.rule-value',
          'rule value']);
      }
    } else if (block && block.kind === 'answers' && (match = text.match(/^met\s*:/i))) {
      expected.push([number, indent, 'keyword.other.entry', 'keyword']);
    } else if (block && block.kind === 'scale' && (match = text.match(/^points\s*:/i))) {
      expected.push([number, indent, 'keyword.other.entry', 'keyword']);
    } else if (block && block.kind === 'bands' && (match = text.match(/^([^:#]+?)\s*:/))) {
      expected.push([number, indent, blockLabels.bands, 'level code']);
      if (line.slice(nameEnd(match)).trim()) expected.push([number, restStart(match), 'string.unquoted.prose', 'prose']);
      prose = indent;
    } else if (block && blockLabels[block.kind] && (match = text.match(/^([^\s:#,]+)\s*:/))) {
      expected.push([number, indent, blockLabels[block.kind],
        block.kind === 'scale' ? 'level code' : 'id']);
      if (line.slice(nameEnd(match)).trim()) expected.push([number, restStart(match), 'string.unquoted.prose', 'prose']);
      prose = indent;
    } else if ((match = text.match(/^(scale|glossary|grading|themes|groups|bands)\s*:\s*(scores\s+\S+\s+to\s+\S+\s*)?(#.*)?$/i))) {
      expected.push([number, indent, 'keyword.other', 'keyword']);
      block = { kind: match[1].toLowerCase(), indent };
    } else if ((match = text.match(/^(answers)\s+([^\s:#,]+)\s*:/i))) {
      expected.push([number, indent, 'keyword.other', 'keyword']);
      expected.push([number, indent + match[0].indexOf(match[2], match[1].length),
        'entity.name.type.answer-set', 'id']);
      block = { kind: 'answers', indent };
    } else if ((match = text.match(/^(case\s+types|answers|weight|in\s+overall|key|groups|target)\s*:\s*([^#]*?)\s*(#.*)?$/i))) {
      expected.push([number, indent, 'keyword.other.entry', 'keyword']);
      const scope = listScopes[match[1].toLowerCase().replace(/\s+/g, ' ')];
      let column = nameEnd(text.match(/^[^:]*:/));
      for (const item of line.slice(column).split('#')[0].split(',')) {
        const start = column + item.length - item.trimStart().length;
        if (item.trim()) expected.push([number, start, scope, scope.startsWith('support') ? 'abbreviation' : 'id']);
        column += item.length + 1;
      }
    } else if ((match = text.match(/^(section|criterion)\s+([^\s:#,]+)/i))) {
      expected.push([number, indent, 'keyword.other', 'keyword']);
      expected.push([number, indent + match[0].length - match[2].length,
        match[1] === 'section' ? 'entity.name.section' : 'entity.name.function.criterion', 'id']);
    } else if ((match = text.match(proseNames))) {
      expected.push([number, indent, 'keyword.other.entry', 'keyword']);
      if (line.slice(nameEnd(match)).trim()) expected.push([number, restStart(match), 'string.unquoted.prose', 'prose']);
      prose = indent;
    } else if ((match = text.match(/^(applies\s+to|themes|same\s+as|rubric|id)\s*:/i))) {
      expected.push([number, indent, 'keyword.other.entry', 'keyword']);
      const scope = itemScopes[match[1].toLowerCase().replace(/\s+/g, ' ')];
      let column = nameEnd(match);
      for (const item of line.slice(column).split('#')[0].split(',')) {
        const start = column + item.length - item.trimStart().length;
        if (item.trim() && item.trim() !== 'where appropriate') {
          expected.push([number, start, scope, scope.startsWith('entity.name.function')
            || scope.startsWith('entity.name.section') || scope.startsWith('variable')
            || scope.startsWith('entity.name.type') ? 'id' : 'abbreviation']);
        }
        column += item.length + 1;
      }
      const hash = line.indexOf('#', nameEnd(match));
      if (hash >= 0) expected.push([number, hash, 'comment.line', 'comment']);
    } else if ((match = text.match(/^facts\s*:\s*(#.*)?$/i))) {
      // The facts block (language v3): its lines are a fact's name and type.
      expected.push([number, indent, 'keyword.other.entry', 'keyword']);
      block = { kind: 'facts', indent };
    } else if (block && block.kind === 'facts') {
      // A fact's declaration: nothing the grammar marks but its comments.
    } else if ((match = text.match(/^(timescale|applies\s+when|only\s+when)\s*:/i))) {
      expected.push([number, indent, 'keyword.other.entry', 'keyword']);
    } else if (/^(every\s+criterion|include)\s*:/i.test(text)) {
      expected.push([number, indent, 'keyword', 'keyword']);
    } else if ((match = text.match(/^([^\s:#,]+)\s*:/))) {
      expected.push([number, indent, 'constant.other.level', 'level code']);
      if (line.slice(nameEnd(match)).trim()) expected.push([number, restStart(match), 'string.unquoted.prose', 'prose']);
      prose = indent;
    }
  });
  return expected;
}

function tokenise(lines) {
  let state = textmate.INITIAL;
  return lines.map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens;
  });
}

const files = [
  ...readdirSync('rubrics').filter((n) => n.endsWith('.rubric')).map((n) => path.join('rubrics', n)),
  ...readdirSync('rubrics/shared').filter((n) => n.endsWith('.rubric')).map((n) => path.join('rubrics/shared', n)),
  ...readdirSync('rubrics/examples').filter((n) => n.endsWith('.rubric')).map((n) => path.join('rubrics/examples', n)),
  'tests/lsp/highlight.rubric',
  'tests/lsp/highlight-v2.rubric',
  // language v3: a rule on a timescale, a recurring timescale
  'tests/runtime/v2/timescale-rule.rubric',
  'tests/runtime/v2/visits.rubric',
].sort();
const counts = {};
let failures = 0;
for (const file of files) {
  const lines = readFileSync(file, 'utf8').replace(/\n$/, '').split('\n');
  const tokens = tokenise(lines);
  for (const [line, column, scope, what] of expectations(lines)) {
    const token = tokens[line].find((t) => t.startIndex <= column && column < t.endIndex);
    const scopes = token ? token.scopes : [];
    if (scopes.some((s) => s.startsWith(scope))) {
      counts[what] = (counts[what] || 0) + 1;
    } else {
      failures += 1;
      if (failures <= 20) {
        console.log(`FAIL ${file}:${line + 1}:${column + 1}: expected ${scope} (${what}), got ${scopes.join(' ') || 'no token'}`);
        console.log(`    ${lines[line]}`);
      }
    }
  }
}
for (const what of ['keyword', 'level code', 'id', 'abbreviation', 'comment', 'prose']) {
  if (!counts[what]) {
    failures += 1;
    console.log(`FAIL: no ${what} was checked: the test no longer sees the rubrics' structure`);
  }
}
const summary = Object.entries(counts).sort().map(([what, n]) => `${n} ${what}`).join(', ');
console.log(`editor grammar: ${files.length} files, ${summary}; ${failures} failed`);
process.exit(failures ? 1 : 0);
