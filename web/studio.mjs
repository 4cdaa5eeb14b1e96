// studio.mjs — the script of the rubric studio (web/studio.html): an
// editor for a rubric's source, checked by rubricc compiled to WebAssembly
// (wasm/rubric.mjs over the module the page carries) as the author types.
// Every message, position, page and verdict is the program's own, from its
// native command lines:
//
//   rubricc --check --diagnostics-format=json NAME.rubric        the problems, after each change
//   rubricc --emit html -o out NAME.rubric (or form)             the page previewed, next
//   rubricc --emit json,html,form,csv-template -o out NAME.rubric the downloads, once typing stops
//   rubricc fmt NAME.rubric                                      "Format the rubric"
//   rubricc test NAME.rubric TESTS...                            "Run the tests"
//
// run in a working folder holding the rubric, its includes (the shipped
// themes file among them) and its tests. This script only moves text and
// draws: the highlighting comes from the project's TextMate grammar
// (studio-highlight.mjs), the work is kept in localStorage.
import grammar from '../editors/rubric.tmLanguage.json';
import { loadInlineRubric } from './inline-wasm.mjs';
import { createHighlighter } from './studio-highlight.mjs';
import { acceptDroppedFiles } from './drop-files.mjs';

const STORAGE_KEY = 'rubric-studio';
const CHECK_DELAY_MS = 0;          // a check waits for the keys already typed (one task)
const SAVE_DELAY_MS = 500;
const DOWNLOADS_DELAY_MS = 400;   // and this long before the downloads are written
const THEMES_PATH = 'shared/themes.rubric';
const STARTER = `rubric: new-rubric
title: Case audit grading guidance
authority: Our local authority
version: Draft
include: shared/themes.rubric

scale:
  O: Outstanding
  G: Good
  R: Requires Improvement
  I: Inadequate

grading:
  section grade: median
  overall grade: median of sections
  ties: lower

section 1: Referral and response

  criterion referral-threshold: Referral – understanding of threshold
    themes: decision-making
    O: The referral explains the concern and the threshold with clear analysis.
    G: The referral shows a clear understanding of the threshold.
    R: The referral gives enough to show that it was right to refer.
    I: The referral has gaps, with vital information missing.
`;

const element = (id) => document.getElementById(id);
const editor = element('source');
const overlay = element('highlight');
const highlighter = createHighlighter(grammar);
const shippedThemes = document.querySelector('script[type="text/plain"][data-text="themes"]')?.textContent;
const rubricPromise = loadInlineRubric();
let rubric = null;

// The work: the rubric's file name and text, and the other files by name
// ({ name, text, kind: 'include' | 'tests' }).
const work = { name: 'untitled.rubric', files: [] };
let diagnostics = [];              // the last check's, for the main file
let lastInputAt = 0;               // when the change being checked was typed
let checkTimer = 0;
let saveTimer = 0;
let previewTimer = 0;
let downloadsTimer = 0;
let checksDone = 0;
const outputs = { html: null, form: null, json: null, csv: null, id: null };
const downloadUrls = [];

// --- the files rubricc sees ------------------------------------------------

// The paths the rubric's include: lines name.
function includePaths(text) {
    return [...text.matchAll(/^[ \t]*include[ \t]*:[ \t]*([^#\r\n]*?)[ \t]*(?:#.*)?$/gim)].map((match) => match[1])
        .filter(Boolean);
}
const baseName = (path) => path.slice(path.lastIndexOf('/') + 1);

// The working folder: the rubric, each include at the path an include:
// line gives it (a file picked from disk has only its own name), the
// shipped themes file wherever a line names themes.rubric and no file of
// the author's answers, and the tests files.
function workingFiles() {
    const files = { [work.name]: editor.value };
    const includes = work.files.filter(({ kind }) => kind === 'include');
    for (const { name, text } of includes) files[name] = text;
    for (const path of includePaths(editor.value)) {
        const own = includes.find(({ name }) => name === path || name === baseName(path));
        if (own) files[path] = own.text;
        else if (baseName(path) === baseName(THEMES_PATH) && shippedThemes !== undefined) files[path] = shippedThemes;
    }
    if (!(THEMES_PATH in files) && shippedThemes !== undefined) files[THEMES_PATH] = shippedThemes;
    for (const { name, text } of work.files.filter(({ kind }) => kind === 'tests')) files[name] = text;
    return files;
}

const operand = (name) => (name.startsWith('-') ? `./${name}` : name);

// --- highlighting and underlines ----------------------------------------------

const TOKEN_CLASSES = [
    ['comment', 'tok-comment'], ['keyword', 'tok-keyword'], ['entity.name', 'tok-name'],
    ['constant.other', 'tok-level'], ['constant.numeric', 'tok-number'], ['constant.language', 'tok-constant'],
    ['support.constant', 'tok-constant'], ['variable', 'tok-theme'], ['punctuation', 'tok-punctuation'],
];
const tokenClass = (scope) => TOKEN_CLASSES.find(([prefix]) => scope.startsWith(prefix))?.[1] ?? '';

// The UTF-16 offset in LINE of the code-point column COLUMN (from 1).
function columnOffset(line, column) {
    let offset = 0;
    for (let count = 1; count < column && offset < line.length; count++)
        offset += line.codePointAt(offset) > 0xffff ? 2 : 1;
    return offset;
}

// The ranges to underline on each line of the main file: line index ->
// [{ start, end, severity }].
function underlines(lines) {
    const byLine = new Map();
    for (const diagnostic of diagnostics) {
        if (diagnostic.line === undefined) continue;
        const last = diagnostic.endLine ?? diagnostic.line;
        for (let line = diagnostic.line; line <= last && line <= lines.length; line++) {
            const text = lines[line - 1];
            const start = line === diagnostic.line ? columnOffset(text, diagnostic.column) : 0;
            const end = line === last ? columnOffset(text, diagnostic.endColumn ?? diagnostic.column) : text.length;
            if (!byLine.has(line - 1)) byLine.set(line - 1, []);
            byLine.get(line - 1).push({ start, end: Math.max(start, end), severity: diagnostic.severity });
        }
    }
    return byLine;
}

const escapeHtml = (text) => text.replace(/[&<>]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[char]);

// One line of the overlay: its tokens as spans, split where an underline
// starts or ends; an underline with no width marks the place with a space.
function lineHtml(line, tokens, lineMarks) {
    const cuts = new Set([0, line.length]);
    for (const token of tokens) cuts.add(token.start).add(token.end);
    for (const mark of lineMarks) cuts.add(Math.min(mark.start, line.length)).add(Math.min(mark.end, line.length));
    const points = [...cuts].sort((a, b) => a - b);
    let out = '';
    for (let at = 0; at + 1 < points.length; at++) {
        const [start, end] = [points[at], points[at + 1]];
        if (end <= start) continue;
        const token = tokens.find((piece) => piece.start <= start && piece.end > start);
        const mark = lineMarks.find((piece) => piece.start <= start && piece.end > start);
        const classes = [token ? tokenClass(token.scope) : '', mark ? `squiggle-${mark.severity}` : '']
            .filter(Boolean).join(' ');
        const piece = escapeHtml(line.slice(start, end));
        out += classes ? `<span class="${classes}">${piece}</span>` : piece;
    }
    for (const mark of lineMarks)
        if (mark.start === mark.end || mark.start >= line.length)
            out += `<span class="squiggle-${mark.severity} squiggle-empty"></span>`;
    return `${out}\n`;
}

// The overlay holds one element per line, each ending in its line end.
// After a change only the lines whose text, tokens or underlines changed
// are made again (the highlighter keeps the tokens of lines it did not
// tokenise again), so a key typed costs a line or two, not the rubric.
let drawnLines = [];               // { text, tokens, marks, node } per line shown
function drawHighlight() {
    const started = performance.now();
    const lines = editor.value.split('\n');
    const tokens = highlighter.tokenise(editor.value);
    const marks = underlines(lines);
    const wanted = lines.map((text, index) => ({ text, tokens: tokens[index] ?? [],
                                                 marks: JSON.stringify(marks.get(index) ?? []) }));
    const same = (one, other) => one.text === other.text && one.tokens === other.tokens && one.marks === other.marks;
    const shortest = Math.min(wanted.length, drawnLines.length);
    let prefix = 0;
    while (prefix < shortest && same(wanted[prefix], drawnLines[prefix])) prefix++;
    let suffix = 0;
    while (suffix < shortest - prefix
           && same(wanted[wanted.length - 1 - suffix], drawnLines[drawnLines.length - 1 - suffix])) suffix++;
    const removed = drawnLines.slice(prefix, drawnLines.length - suffix);
    const after = drawnLines[drawnLines.length - suffix]?.node ?? null;
    for (const { node } of removed) node.remove();
    const added = wanted.slice(prefix, wanted.length - suffix).map((line, offset) => {
        const node = document.createElement('span');
        node.innerHTML = lineHtml(line.text, line.tokens, marks.get(prefix + offset) ?? []);
        overlay.insertBefore(node, after);
        return { ...line, node };
    });
    drawnLines = [...drawnLines.slice(0, prefix), ...added, ...drawnLines.slice(drawnLines.length - suffix)];
    syncScroll();
    document.body.dataset.highlightMs = (performance.now() - started).toFixed(1);
}

// The overlay takes the size of the editor's text area without its scroll
// bars, so that both scroll as far, and follows its scrolling.
function syncScroll() {
    overlay.style.width = `${editor.clientWidth}px`;
    overlay.style.height = `${editor.clientHeight}px`;
    overlay.scrollTop = editor.scrollTop;
    overlay.scrollLeft = editor.scrollLeft;
}

// --- the problems --------------------------------------------------------------

const describePlace = (item) => (item.line === undefined ? ''
    : `${item.file === work.name ? '' : `${item.file}, `}line ${item.line}, column ${item.column}`);

// Moves the caret to LINE, COLUMN of the editor and scrolls it into view.
function moveCaret(line, column) {
    const lines = editor.value.split('\n');
    let offset = 0;
    for (let index = 0; index < line - 1 && index < lines.length; index++) offset += lines[index].length + 1;
    offset += columnOffset(lines[line - 1] ?? '', column);
    editor.focus();
    editor.setSelectionRange(offset, offset);
    const lineHeight = parseFloat(getComputedStyle(editor).lineHeight) || 24;
    editor.scrollTop = Math.max(0, (line - 4) * lineHeight);
    syncScroll();
}

function placeButton(item) {
    const place = describePlace(item);
    if (item.file !== work.name || item.line === undefined) {
        const span = document.createElement('span');
        span.textContent = place;
        return span;
    }
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'link-button';
    button.textContent = place.replace(/^l/, 'L');
    button.addEventListener('click', () => moveCaret(item.line, item.column));
    return button;
}

function drawDiagnostics(report, rawJson) {
    const list = element('diagnostics');
    diagnostics = (report?.diagnostics ?? []).filter((item) => item.file === work.name);
    list.replaceChildren(...(report?.diagnostics ?? []).map((item) => {
        const entry = document.createElement('li');
        entry.className = `diagnostic diagnostic--${item.severity}`;
        const tag = document.createElement('strong');
        tag.className = `result-tag result-tag--${item.severity}`;
        tag.textContent = item.severity;
        const message = document.createElement('span');
        message.className = 'diagnostic__message';
        message.textContent = item.message;
        entry.append(tag, placeButton(item), document.createTextNode(': '), message);
        const context = [...(item.includedFrom ?? []).map((from) => ({ ...from, message: 'in the file included here' })),
                         ...(item.notes ?? [])];
        if (context.length > 0) {
            const notes = document.createElement('ul');
            notes.className = 'diagnostic__notes';
            notes.append(...context.map((note) => {
                const noteItem = document.createElement('li');
                noteItem.append(placeButton(note), document.createTextNode(`${note.line === undefined ? '' : ': '}${note.message}`));
                return noteItem;
            }));
            entry.append(notes);
        }
        return entry;
    }));
    const errors = report?.errors ?? 0;
    const warnings = report?.warnings ?? 0;
    const count = (number, word) => `${number} ${word}${number === 1 ? '' : 's'}`;
    element('diagnostics_status').textContent = !report ? 'The rubric could not be checked.'
        : errors + warnings === 0 ? 'No problems.' : `${count(errors, 'error')}, ${count(warnings, 'warning')}.`;
    element('diagnostics_json').textContent = rawJson;
}

// rubricc --check with its diagnostics as JSON, on the editor's text.
function check() {
    checkTimer = 0;
    if (!rubric) return;
    const typedAt = lastInputAt;
    const started = performance.now();
    if (typedAt) document.body.dataset.checkWaitMs = (started - typedAt).toFixed(1);
    const run = rubric.run('rubricc', ['--check', '--diagnostics-format=json', operand(work.name)], workingFiles());
    document.body.dataset.checkRunMs = (performance.now() - started).toFixed(1);
    let parsed = null;
    try {
        parsed = JSON.parse(run.stderr);
    } catch {
        parsed = null;
    }
    drawDiagnostics(parsed, run.stderr);
    drawHighlight();
    checksDone++;
    document.body.dataset.checks = String(checksDone);
    // Timed to the frame that shows them (the benchmark reads it).
    if (typedAt) requestAnimationFrame(() => {
        document.body.dataset.diagnosticsMs = (performance.now() - typedAt).toFixed(1);
    });
    clearTimeout(previewTimer);
    const number = checksDone;
    previewTimer = setTimeout(() => emit(typedAt, number), 0);
}

// --- the preview and the downloads ------------------------------------------

// The page shown in the preview, written by rubricc for the text as it
// stands: only the one shown is written after each change (the other when
// it is chosen), the outputs to download a moment after the typing stops.
const PREVIEW_EMIT = { html: 'html', form: 'form' };
const previewed = { html: null, form: null, version: 0 };
const chosenPreview = () => document.querySelector('input[name="preview"]:checked').value;

function emit(typedAt, number) {
    const kind = chosenPreview();
    const started = performance.now();
    const run = rubric.run('rubricc', ['--emit', PREVIEW_EMIT[kind], '-o', 'out', '--max-errors', '1',
                                       '--diagnostics-format=json', operand(work.name)], workingFiles());
    document.body.dataset.emitRunMs = (performance.now() - started).toFixed(1);
    const written = Object.entries(run.under('out'))
        .find(([name]) => (kind === 'form' ? name.endsWith('-form.html') : !name.endsWith('-form.html')));
    if (previewed.version !== checksDone) Object.assign(previewed, { html: null, form: null, version: checksDone });
    if (run.status === 0 && written) {
        previewed[kind] = written[1];
        outputs[kind] = written[1];
        element('preview_status').textContent = '';
    } else {
        element('preview_status').textContent = outputs[kind]
            ? 'The preview shows the last version without errors: fix the problems to bring it up to date.'
            : 'The preview appears when the rubric has no errors.';
    }
    showPreview(typedAt, number);
    clearTimeout(downloadsTimer);
    downloadsTimer = setTimeout(writeDownloads, DOWNLOADS_DELAY_MS);
}

// Everything to download, written once the typing has stopped.
function writeDownloads() {
    downloadsTimer = 0;
    const run = rubric.run('rubricc', ['--emit', 'json,html,form,csv-template', '-o', 'out', '--max-errors', '1',
                                       '--diagnostics-format=json', operand(work.name)], workingFiles());
    const written = run.under('out');
    const json = Object.keys(written).find((name) => name.endsWith('.json'));
    if (run.status === 0 && json) {
        const id = json.slice(0, -'.json'.length);
        Object.assign(outputs, { id, json: written[json], html: written[`${id}.html`], form: written[`${id}-form.html`],
                                 csv: written[`${id}-template.csv`] });
        element('downloads_status').textContent = '';
    } else if (outputs.id) {
        element('downloads_status').textContent = 'These are of the last version without errors.';
    }
    drawDownloads();
    document.body.dataset.downloads = String(checksDone);
}

// What the preview frame shows: the page's text as rubricc wrote it, its
// kind, and whether the frame's empty page (PREVIEW_SHELL, in standards
// mode) has loaded, into which every page is put.
const inFrame = { kind: null, text: null, loaded: false };
const PREVIEW_SHELL = '<!DOCTYPE html><html lang="en"><head><title>Preview</title></head><body></body></html>';

// Brings the node SHOWN (in the frame) to the node WANTED (of the page
// just written, parsed apart), replacing only what differs: an element
// with the same name, attributes and number of children is kept and its
// children compared in turn; a text is rewritten; anything else replaced
// whole (imported into the frame's document FRAME_DOCUMENT).
function patchNode(shown, wanted, frameDocument) {
    if (shown.isEqualNode(wanted)) return;
    if (shown.nodeType === Node.TEXT_NODE && wanted.nodeType === Node.TEXT_NODE) {
        shown.data = wanted.data;
        return;
    }
    if (shown.nodeType === Node.ELEMENT_NODE && shown.nodeName === wanted.nodeName
        && shown.childNodes.length === wanted.childNodes.length && shown.attributes.length === wanted.attributes.length
        && [...wanted.attributes].every(({ name, value }) => shown.getAttribute(name) === value)) {
        for (let index = 0; index < wanted.childNodes.length; index++)
            patchNode(shown.childNodes[index], wanted.childNodes[index], frameDocument);
        return;
    }
    shown.replaceWith(frameDocument.importNode(wanted, true));
}

// Shows the chosen page in the frame. TYPED_AT and NUMBER, of the change
// and of its check, go into the page's data when it is drawn (the tests and
// the benchmark read how long it took).
//
// The page is parsed apart (DOMParser: nothing in it runs or is fetched)
// and put into the frame's document: whole when it is of another kind
// than the page shown, and after a change by replacing only the elements
// and texts that differ, so that the browser lays out again only what
// changed. Loading the Waltham Forest guidance page whole after every key
// cost several times the processor time (docs/benchmarks.md). The frame is
// sandboxed with allow-same-origin and without allow-scripts: the studio
// can reach its document, and nothing in it runs (the form's script is
// there as rubricc wrote it, inert).
function showPreview(typedAt, number) {
    const frame = element('preview');
    const kind = chosenPreview();
    if (rubric && previewed.version === checksDone && previewed[kind] === null && number === undefined) {
        emit(0, 0);                    // the other page, not yet written for this text
        return;
    }
    const page = outputs[kind] ?? '';
    const shown = () => {
        if (typedAt) document.body.dataset.previewMs = (performance.now() - typedAt).toFixed(1);
        if (number) document.body.dataset.previewed = String(number);
    };
    if (inFrame.kind === kind && inFrame.text === page) {
        shown();
        return;
    }
    if (!inFrame.loaded) {             // the empty page first; then this again
        frame.onload = () => {
            inFrame.loaded = true;
            showPreview(typedAt, number);
        };
        if (!frame.srcdoc) frame.srcdoc = PREVIEW_SHELL;
        return;
    }
    const frameDocument = frame.contentDocument;
    const wanted = new DOMParser().parseFromString(page, 'text/html').documentElement;
    if (inFrame.kind === kind) patchNode(frameDocument.documentElement, wanted, frameDocument);
    else frameDocument.replaceChild(frameDocument.importNode(wanted, true), frameDocument.documentElement);
    Object.assign(inFrame, { kind, text: page });
    requestAnimationFrame(shown);
}

function downloadItem(name, text, type) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    downloadUrls.push(url);
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.textContent = name;
    const size = document.createElement('span');
    size.className = 'secondary-text';
    size.textContent = ` (${new Blob([text]).size.toLocaleString('en-GB')} bytes)`;
    item.append(link, size);
    return item;
}

function drawDownloads() {
    for (const url of downloadUrls.splice(0)) URL.revokeObjectURL(url);
    const { id } = outputs;
    const items = [[work.name, editor.value, 'text/plain']];
    if (id) items.push([`${id}.html`, outputs.html, 'text/html'], [`${id}-form.html`, outputs.form, 'text/html'],
                       [`${id}.json`, outputs.json, 'application/json'], [`${id}-template.csv`, outputs.csv, 'text/csv']);
    element('downloads').replaceChildren(...items.filter(([, text]) => text !== undefined && text !== null)
        .map(([name, text, type]) => downloadItem(name, text, type)));
}

// --- fmt and test ---------------------------------------------------------------

function formatSource() {
    if (!rubric) return;
    const run = rubric.run('rubricc', ['fmt', operand(work.name)], workingFiles());
    const status = element('tool_status');
    if (run.status !== 0) {
        status.textContent = `The rubric was not formatted: ${run.stderr.trim() || 'rubricc fmt failed'}`;
        return;
    }
    if (run.stdout === editor.value) {
        status.textContent = 'The rubric was already formatted.';
        return;
    }
    const caret = Math.min(editor.selectionStart, run.stdout.length);
    editor.value = run.stdout;
    editor.setSelectionRange(caret, caret);
    status.textContent = 'Formatted as rubricc fmt lays it out.';
    changed(performance.now());
}

// The expectations of the tests files, each passed or failed by the
// messages rubricc test writes at its line.
function runTests() {
    if (!rubric) return;
    const tests = work.files.filter(({ kind }) => kind === 'tests');
    const status = element('tests_status');
    const results = element('test_results');
    const messages = element('test_messages');
    if (tests.length === 0) {
        status.textContent = 'There is no tests file: add the rubric\'s .tests file first.';
        results.replaceChildren();
        messages.hidden = true;
        return;
    }
    const run = rubric.run('rubricc', ['test', operand(work.name), ...tests.map(({ name }) => operand(name))],
                           workingFiles());
    const lines = run.stderr.split('\n').filter((line) => line !== '');
    const used = new Set();
    const items = [];
    for (const { name, text } of tests) {
        let audit = '';
        text.split(/\r?\n/).forEach((line, index) => {
            const auditLine = /^audit\s+([^:]+)/i.exec(line);
            if (auditLine) audit = auditLine[1].trim();
            if (!/^\s+expect\b/i.test(line)) return;
            const prefix = `${name}:${index + 1}:`;
            const found = lines.filter((message) => message.startsWith(prefix));
            for (const message of found) used.add(message);
            items.push({ name, line: index + 1, audit, expectation: line.trim(), failures: found });
        });
    }
    const fileErrors = run.status !== 0 && items.every(({ failures }) => failures.length === 0);
    results.replaceChildren(...(fileErrors && run.status !== 1 ? [] : items).map((item) => {
        const passed = !fileErrors && item.failures.length === 0;
        const entry = document.createElement('li');
        entry.className = `test ${passed ? 'test--passed' : 'test--failed'}`;
        const tag = document.createElement('strong');
        tag.className = `result-tag result-tag--${passed ? 'passed' : 'failed'}`;
        tag.textContent = fileErrors ? 'not run' : passed ? 'passed' : 'failed';
        entry.append(tag, document.createTextNode(`${item.name}, line ${item.line}, audit ${item.audit}: `));
        const code = document.createElement('code');
        code.textContent = item.expectation;
        entry.append(code);
        for (const failure of item.failures) {
            const why = document.createElement('div');
            why.textContent = failure.slice(`${item.name}:${item.line}: `.length);
            entry.append(why);
        }
        return entry;
    }));
    const rest = lines.filter((line) => !used.has(line));
    messages.textContent = rest.join('\n');
    messages.hidden = rest.length === 0;
    const failed = items.filter(({ failures }) => failures.length > 0).length;
    status.textContent = run.stdout.trim()
        || (fileErrors ? 'The tests could not be run: see the messages below.'
            : `${items.length - failed} of ${items.length} expectations held.`);
    document.body.dataset.testsRun = String(Number(document.body.dataset.testsRun ?? 0) + 1);
}

// --- files in ----------------------------------------------------------------------

const readText = async (file) => ({ name: file.name, text: await file.text() });

function setSource(name, text) {
    work.name = name;
    element('source_name').textContent = name;
    editor.value = text;
}

function addFile(name, text, kind) {
    work.files = [...work.files.filter((file) => file.name !== name), { name, text, kind }];
}

// Files picked or dropped. ROLE 'rubric' opens the first as the rubric;
// 'more' adds includes and tests; 'any' (a drop) opens as the rubric the
// .rubric file no include: line names, the others as includes.
async function takeFiles(fileList, role) {
    const files = await Promise.all([...fileList].map(readText));
    if (files.length === 0) return;
    if (role === 'rubric') {
        setSource(files[0].name, files[0].text);
    } else {
        const rubrics = files.filter(({ name }) => !/\.tests$/i.test(name));
        let main = null;
        if (role === 'any') {
            const named = new Set([editor.value, ...rubrics.map(({ text }) => text)]
                .flatMap((text) => includePaths(text).map(baseName)));
            main = rubrics.find(({ name }) => !named.has(name)) ?? null;
            if (main) setSource(main.name, main.text);
        }
        for (const file of files) {
            if (file === main) continue;
            addFile(file.name, file.text, /\.tests$/i.test(file.name) ? 'tests' : 'include');
        }
    }
    drawFiles();
    changed(performance.now());
}

function drawFiles() {
    const list = element('file_list');
    const entries = [{ name: work.name, what: 'the rubric, in the editor' }, ...work.files.map((file) => ({
        ...file, what: file.kind === 'tests' ? 'tests' : 'an include' }))];
    if (shippedThemes !== undefined && !work.files.some(({ name }) => name === baseName(THEMES_PATH)))
        entries.push({ name: THEMES_PATH, what: 'the shipped themes file, an include' });
    list.replaceChildren(...entries.map((entry) => {
        const item = document.createElement('li');
        item.append(document.createTextNode(`${entry.name}: ${entry.what} `));
        if (entry.kind) {
            const remove = document.createElement('button');
            remove.type = 'button';
            remove.className = 'link-button';
            remove.textContent = `Remove ${entry.name}`;
            remove.addEventListener('click', () => {
                work.files = work.files.filter((file) => file !== entry && file.name !== entry.name);
                drawFiles();
                changed(performance.now());
                element('open_more').focus();
            });
            item.append(remove);
        }
        return item;
    }));
}

// --- kept between visits ---------------------------------------------------------------

function save() {
    saveTimer = 0;
    try {
        localStorage.setItem(STORAGE_KEY, JSON.stringify({ name: work.name, source: editor.value, files: work.files }));
    } catch {
        element('tool_status').textContent = 'This browser did not keep the work: use Save to file.';
    }
}

function restore() {
    try {
        const kept = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
        if (kept && typeof kept.source === 'string') {
            setSource(typeof kept.name === 'string' ? kept.name : work.name, kept.source);
            work.files = Array.isArray(kept.files) ? kept.files.filter((file) => file && typeof file.name === 'string'
                && typeof file.text === 'string' && (file.kind === 'include' || file.kind === 'tests')) : [];
            return true;
        }
    } catch {
        // Work that cannot be read back is left: the starter takes its place.
    }
    return false;
}

function saveToFile() {
    const link = document.createElement('a');
    const url = URL.createObjectURL(new Blob([editor.value], { type: 'text/plain' }));
    link.href = url;
    link.download = work.name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    element('tool_status').textContent = `Saved as ${work.name} in your downloads.`;
}

// --- the flow of a change --------------------------------------------------------------

function changed(at) {
    lastInputAt = at;
    drawHighlight();
    clearTimeout(checkTimer);
    checkTimer = setTimeout(check, CHECK_DELAY_MS);
    clearTimeout(saveTimer);
    saveTimer = setTimeout(save, SAVE_DELAY_MS);
}

editor.addEventListener('input', (event) => changed(event.timeStamp || performance.now()));
editor.addEventListener('scroll', syncScroll);
new ResizeObserver(syncScroll).observe(editor);
element('format').addEventListener('click', formatSource);
element('run_tests').addEventListener('click', runTests);
element('save').addEventListener('click', saveToFile);
element('new_rubric').addEventListener('click', () => {
    if (!window.confirm('Start a new rubric? The rubric in the editor and the files added go: '
                        + 'use Save to file first to keep them.')) return;
    setSource('untitled.rubric', STARTER);
    work.files = [];
    Object.assign(outputs, { html: null, form: null, json: null, csv: null, id: null });
    Object.assign(previewed, { html: null, form: null, version: 0 });
    element('test_results').replaceChildren();
    element('test_messages').hidden = true;
    drawFiles();
    changed(performance.now());
    editor.focus();
});
element('open_rubric').addEventListener('change', (event) => takeFiles(event.target.files, 'rubric'));
element('open_more').addEventListener('change', (event) => takeFiles(event.target.files, 'more'));
for (const input of document.querySelectorAll('input[name="preview"]'))
    input.addEventListener('change', () => showPreview(0, undefined));
acceptDroppedFiles(element('drop_zone'), (files) => takeFiles(files, 'any'));
// For the tests: the page the preview shows, as rubricc wrote it (the
// frame's document is that page, parsed, once loaded).
window.rubricStudio = { previewed: () => ({ kind: inFrame.kind, text: inFrame.text, loaded: inFrame.loaded }) };
window.addEventListener('pagehide', () => {
    if (saveTimer) save();
});

if (!restore()) setSource('untitled.rubric', STARTER);
drawFiles();
drawHighlight();
rubricPromise.then((loaded) => {
    rubric = loaded;
    check();
    document.body.dataset.ready = 'true';
}, (error) => {
    element('diagnostics_status').textContent = `The compiler module failed to load: ${error.message}`;
});
