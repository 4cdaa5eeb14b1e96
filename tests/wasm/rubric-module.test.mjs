// rubric-module.test.mjs — wasm/rubric.mjs, the pages' module, and its
// in-memory WASI (wasm/memory-wasi.mjs) give what the native programs
// give: each call is made through the module under Node.js and the same
// command run natively in a scratch folder holding the same files, and
// the answers compared (texts byte for byte, JSON as values). tests/wasm.mk
// runs it in check-wasm.
//
// Usage: node tests/wasm/rubric-module.test.mjs NATIVE_BUILD WASM_DIR
import { deepStrictEqual, strictEqual } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [nativeBuild, wasmDir] = process.argv.slice(2).map((path) => resolve(path));
const { loadRubric } = await import(pathToFileURL(join(wasmDir, 'rubric.mjs')));
const rubric = await loadRubric({ compiler: readFileSync(join(wasmDir, 'rubricc.wasm')),
                                  grader: readFileSync(join(wasmDir, 'rubric-grade.wasm')) });
const scratch = mkdtempSync(join(tmpdir(), 'rubric-module-'));
let checks = 0;

// Run PROGRAM natively in a fresh folder holding FILES (name -> text);
// returns {status, stdout, folder}.
function native(program, args, files) {
    const folder = mkdtempSync(join(scratch, 'run-'));
    for (const [name, text] of Object.entries(files)) {
        mkdirSync(dirname(join(folder, name)), { recursive: true });
        writeFileSync(join(folder, name), text);
    }
    try {
        const stdout = execFileSync(join(nativeBuild, program), args, { cwd: folder, stdio: ['ignore', 'pipe', 'ignore'] });
        return { status: 0, stdout: stdout.toString(), folder };
    } catch (error) {
        return { status: error.status, stdout: error.stdout.toString(), folder };
    }
}

const read = (path) => readFileSync(path, 'utf8');
const lines = (text) => text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line));

// rubricc runs in work/, beside the folders out/ and the diagnostics file.
function checkCompile(label, source, includes, emit) {
    const made = rubric.compile(source, { includes, emit });
    const folder = mkdtempSync(join(scratch, 'compile-'));
    const files = { 'work/rubric.rubric': source };
    for (const [name, text] of Object.entries(includes)) files[`work/${name}`] = text;
    for (const [name, text] of Object.entries(files)) {
        mkdirSync(dirname(join(folder, name)), { recursive: true });
        writeFileSync(join(folder, name), text);
    }
    let status = 0;
    try {
        execFileSync(join(nativeBuild, 'rubricc'),
                     ['--emit', emit.join(','), '-o', join(folder, 'out'), '--diagnostics-format=json',
                      `--diagnostics-output=${join(folder, 'diagnostics.json')}`, 'rubric.rubric'],
                     { cwd: join(folder, 'work'), stdio: 'ignore' });
    } catch (error) {
        status = error.status;
    }
    strictEqual(made.status, status, `${label}: exit status`);
    deepStrictEqual(made.diagnostics, JSON.parse(read(join(folder, 'diagnostics.json'))), `${label}: diagnostics`);
    let outputs = {};
    try {
        outputs = Object.fromEntries(readdirSync(join(folder, 'out')).map((name) => [name, read(join(folder, 'out', name))]));
    } catch {
        outputs = {};
    }
    deepStrictEqual(made.outputs, outputs, `${label}: outputs`);
    checks += 3;
}

function checkBatch(label, rubricJson, audits, format, moderate) {
    const name = `audits.${format}`;
    const made = rubric.gradeBatch(rubricJson, audits, { format, moderate });
    const files = { 'rubric.json': rubricJson, [name]: audits };
    const base = ['--quiet', '--rubric', 'rubric.json'];
    const records = native('rubric-grade', [...base, '-o', 'records.jsonl', '--report', 'report.html', name], files);
    strictEqual(made.status, records.status, `${label}: exit status`);
    deepStrictEqual(made.records, lines(read(join(records.folder, 'records.jsonl'))), `${label}: records`);
    strictEqual(made.report, read(join(records.folder, 'report.html')), `${label}: report`);
    deepStrictEqual(made.summary, JSON.parse(native('rubric-grade', [...base, '--summary', name], files).stdout),
                    `${label}: summary`);
    checks += 4;
    if (moderate) {
        deepStrictEqual(made.moderation,
                        JSON.parse(native('rubric-grade', [...base, '--moderate', name], files).stdout),
                        `${label}: moderation`);
        checks += 1;
    }
    const first = audits.split('\n')[0];
    if (format === 'jsonl') {
        const one = rubric.gradeRecord(rubricJson, first);
        const alone = native('rubric-grade', [...base, 'audit.jsonl'], { 'rubric.json': rubricJson, 'audit.jsonl': first + '\n' });
        strictEqual(one.status, alone.status, `${label}: one record's status`);
        deepStrictEqual(one.result, lines(alone.stdout)[0] ?? null, `${label}: one record`);
        checks += 2;
    }
}

const themes = read('rubrics/shared/themes.rubric');
const shipped = {};
for (const file of readdirSync('rubrics').filter((name) => name.endsWith('.rubric'))) {
    const source = read(join('rubrics', file));
    checkCompile(file, source, { 'shared/themes.rubric': themes }, ['json', 'html', 'form', 'csv-template']);
    const id = /^rubric: *(.*)$/m.exec(source)[1];
    shipped[id] = read(join(nativeBuild, 'rubrics', `${id}.json`));
}
checkCompile('a rubric whose include is missing', read('rubrics/waltham-forest-case-audit-grading-criteria.rubric'),
             {}, ['json']);
for (const file of readdirSync('tests/diagnostics').filter((name) => name.endsWith('.rubric')).slice(0, 40))
    checkCompile(`tests/diagnostics/${file}`, read(join('tests/diagnostics', file)), {}, ['json']);

const wf = shipped['waltham-forest-case-audit-grading-criteria'];
const lb = shipped['london-borough-case-audit-gradings'];
checkBatch('Waltham Forest, JSON Lines', wf, read('examples/waltham-forest-audits.jsonl'), 'jsonl', false);
checkBatch('Waltham Forest, CSV', wf, read('examples/waltham-forest-audits.csv'), 'csv', false);
checkBatch('London borough, moderation', lb, read('examples/london-borough-moderation.jsonl'), 'jsonl', true);
checkBatch('bad records', read('tests/runtime/tiny-rubric.json'), read('tests/runtime/bad-records/every-kind.jsonl'),
           'jsonl', false);

// run(): any command line, here the records read from standard input
// (which the grader may copy to a temporary file first) and a report.
{
    const audits = read('examples/waltham-forest-audits.jsonl');
    const args = ['--rubric', 'rubric.json', '--report', 'report.html', '-'];
    const made = rubric.run('rubric-grade', args, { 'rubric.json': wf }, { stdin: audits });
    const folder = mkdtempSync(join(scratch, 'stdin-'));
    writeFileSync(join(folder, 'rubric.json'), wf);
    let expected;
    try {
        expected = { status: 0, stderr: '',
                     stdout: execFileSync(join(nativeBuild, 'rubric-grade'), args,
                                          { cwd: folder, input: audits, encoding: 'utf8', stdio: 'pipe' }) };
    } catch (error) {
        expected = { status: error.status, stdout: error.stdout, stderr: error.stderr };
    }
    strictEqual(made.status, expected.status, 'run() from standard input: exit status');
    strictEqual(made.stdout, expected.stdout, 'run() from standard input: records');
    strictEqual(made.stderr, expected.stderr, 'run() from standard input: errors');
    strictEqual(made.text('report.html'), read(join(folder, 'report.html')), 'run() from standard input: report');
    strictEqual(made.under('.')['report.html'], made.text('report.html'), 'run(): under()');
    checks += 5;
}

rmSync(scratch, { recursive: true });
console.log(`rubric.mjs against native: ${checks} checks passed`);
