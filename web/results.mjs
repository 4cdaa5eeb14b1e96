// results.mjs — the script of the results page (web/results.html): takes
// the round's files (JSON Lines, CSV, Excel workbooks: passed on as the
// bytes read, by their names) from the file pickers or a drop, grades
// them with rubric-grade compiled to WebAssembly (wasm/rubric.mjs over the
// module the page carries) with the command line a QA lead would type,
// and offers what it wrote: the report page, the graded records, the
// summary and the moderation figures as downloads, the report drawn in a
// frame, and the errors by file and line (by sheet and row for a
// workbook) as rubric-grade lists them on stderr. Every grade, figure and
// message is the program's; this script only moves bytes and draws.
import { loadInlineRubric } from './inline-wasm.mjs';
import { acceptDroppedFiles } from './drop-files.mjs';

const element = (id) => document.getElementById(id);
const chosen = { rubric: null, audits: [] };       // {name, bytes}
const downloadUrls = [];
const rubricPromise = loadInlineRubric();

const readFile = async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });

// A dropped or picked .json file is the rubric when it is one JSON object
// with format_version and sections; anything else is audit records.
function isRubric({ name, bytes }) {
    if (!/\.json$/i.test(name)) return false;
    try {
        const value = JSON.parse(new TextDecoder().decode(bytes));
        return value !== null && typeof value === 'object' && 'format_version' in value && 'sections' in value;
    } catch {
        return false;
    }
}

function listChosen() {
    const show = (list, files) => {
        list.replaceChildren(...files.map(({ name, bytes }) => {
            const item = document.createElement('li');
            item.textContent = `${name} (${bytes.length.toLocaleString('en-GB')} bytes)`;
            return item;
        }));
    };
    show(element('rubric_chosen'), chosen.rubric ? [chosen.rubric] : []);
    show(element('audits_chosen'), chosen.audits);
}

async function takeFiles(files, role) {
    const read = await Promise.all([...files].map(readFile));
    if (role === 'rubric') chosen.rubric = read[0] ?? null;
    else if (role === 'audits') chosen.audits = read;
    else {
        for (const file of read) {
            if (isRubric(file)) chosen.rubric = file;
            else chosen.audits = [...chosen.audits.filter(({ name }) => name !== file.name), file];
        }
    }
    listChosen();
}

function showErrors(problems) {
    const summary = element('form_errors');
    element('form_errors_list').replaceChildren(...problems.map(({ text, target }) => {
        const item = document.createElement('li');
        const link = document.createElement('a');
        link.href = `#${target}`;
        link.textContent = text;
        item.append(link);
        return item;
    }));
    for (const group of ['rubric_group', 'audits_group'])
        element(group).classList.toggle('form-group--error', problems.some(({ target }) =>
            element(group).contains(element(target))));
    summary.hidden = problems.length === 0;
    if (problems.length > 0) summary.focus();
}

function problemsWithChoice() {
    const problems = [];
    if (!chosen.rubric) problems.push({ text: 'Choose the compiled rubric, its .json file', target: 'rubric_file' });
    if (chosen.audits.length === 0)
        problems.push({ text: 'Choose at least one file of audit records', target: 'audit_files' });
    const names = [chosen.rubric, ...chosen.audits].filter(Boolean).map(({ name }) => name);
    const twice = names.find((name, index) => names.indexOf(name) !== index);
    if (twice) problems.push({ text: `Two of the files are both named ${twice}: rename one and choose again`,
                               target: 'audit_files' });
    return problems;
}

// The command line, as a QA lead would type it, quoted for a shell.
const quote = (word) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`);

// A download link for the bytes BYTES, as the program wrote them. The
// Blob behind it (a copy of the bytes: 40 MB of graded records for 10,000
// audits) is made when the link is first pressed (its click comes before
// the browser follows it), not when the results are drawn: making all four
// had been about a tenth of the time from the button to the results.
function download(name, bytes, type) {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = '#results';
    link.addEventListener('click', () => {
        if (link.href.startsWith('blob:')) return;
        const url = URL.createObjectURL(new Blob([bytes], { type }));
        downloadUrls.push(url);
        link.href = url;
    });
    link.download = name;
    link.textContent = name;
    const size = document.createElement('span');
    size.className = 'secondary-text';
    size.textContent = ` (${bytes.length.toLocaleString('en-GB')} bytes)`;
    item.append(link, size);
    return item;
}

// Grades the chosen files. The first run writes the records, the summary
// and the report; with moderation a second run writes the agreement and
// the report with its moderation section, as `make` grades the samples.
function grade(rubric, moderate) {
    const files = { [chosen.rubric.name]: chosen.rubric.bytes };
    for (const { name, bytes } of chosen.audits) files[name] = bytes;
    const inputs = chosen.audits.map(({ name }) => name);
    const operands = inputs.some((name) => name.startsWith('-')) ? ['--', ...inputs] : inputs;
    const base = ['--rubric', chosen.rubric.name];
    const first = [...base, '--summary', '--summary-output', 'summary.json', '--report', 'report.html',
                   '-o', 'records.jsonl', ...operands];
    const graded = rubric.run('rubric-grade', first, files);
    const result = { status: graded.status, stderr: graded.stderr, commands: [first],
                     outputs: [['report.html', graded.bytes('report.html'), 'text/html'],
                               ['records.jsonl', graded.bytes('records.jsonl'), 'application/jsonl'],
                               ['summary.json', graded.bytes('summary.json'), 'application/json']] };
    if (moderate && graded.status < 2) {
        const second = [...base, '--quiet', '--moderate', '--report', 'report.html', '-o', 'moderation.json',
                        ...operands];
        const moderated = rubric.run('rubric-grade', second, files);
        result.commands.push(second);
        if (moderated.status >= 2) {
            result.status = moderated.status;
            result.stderr += moderated.stderr;
        }
        result.outputs[0][1] = moderated.bytes('report.html');
        result.outputs.push(['moderation.json', moderated.bytes('moderation.json'), 'application/json']);
    }
    result.outputs = result.outputs.filter(([, bytes]) => bytes !== undefined);
    return result;
}

function showResults(result) {
    for (const url of downloadUrls.splice(0)) URL.revokeObjectURL(url);
    const lines = result.stderr.split('\n').filter((line) => line !== '');
    const headline = result.status === 0 ? 'Every record was graded.'
                   : result.status === 1 ? 'Graded, with some records that could not be graded (listed below).'
                   : 'The files could not be graded: see the messages below.';
    element('results_headline').textContent = headline;
    element('downloads').replaceChildren(...result.outputs.map(([name, text, type]) => download(name, text, type)));
    element('record_errors').replaceChildren(...lines.map((line) => {
        const item = document.createElement('li');
        item.textContent = line;
        return item;
    }));
    element('errors_none').hidden = lines.length > 0;
    element('command').textContent = result.commands.map((args) => ['rubric-grade', ...args].map(quote).join(' '))
        .join('\n');
    const report = result.outputs.find(([name]) => name === 'report.html');
    const frame = element('report_frame');
    frame.hidden = !report;
    frame.srcdoc = report ? new TextDecoder().decode(report[1]) : '';
    const section = element('results');
    section.hidden = false;
    section.focus();
    element('progress').textContent = 'Done: the results are below.';
}

element('rubric_file').addEventListener('change', (event) => takeFiles(event.target.files, 'rubric'));
element('audit_files').addEventListener('change', (event) => takeFiles(event.target.files, 'audits'));
acceptDroppedFiles(element('drop_zone'), (files) => takeFiles(files, 'any'));

element('round').addEventListener('submit', async (event) => {
    event.preventDefault();
    const problems = problemsWithChoice();
    showErrors(problems);
    if (problems.length > 0) return;
    const progress = element('progress');
    progress.textContent = 'Grading…';
    element('grade').disabled = true;
    try {
        const rubric = await rubricPromise;
        // Let the page show "Grading…" before the work holds it.
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        const started = performance.now();
        const result = grade(rubric, element('moderate').checked);
        document.body.dataset.gradingMs = String(Math.round(performance.now() - started));
        showResults(result);
        document.body.dataset.shownMs = String(Math.round(performance.now() - started));
    } catch (error) {
        progress.textContent = `The grading module failed: ${error.message}`;
    } finally {
        element('grade').disabled = false;
    }
});
document.body.dataset.ready = 'true';
