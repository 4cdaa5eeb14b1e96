// kept-grader.test.mjs — wasm/rubric.mjs's openGrader, the grading module
// kept with its rubric loaded (runtime/cli/grade_reactor.c), answers each
// record exactly as the native rubric-grade does: every sample audit of
// the shipped rubrics (examples/) and of the worked examples
// (tests/runtime/v2/), one at a time, as JSON Lines and in partial mode
// (the audit form's), Waltham Forest's as text too, and the runtime's bad records with their
// messages on stderr. Each is compared byte for byte with the native
// program run on a file holding that one record, in a folder beside the
// rubric: output, standard error and exit status. Then an unusable rubric
// is refused with the native message, and 10,000 records graded one after
// another leave the instance's memory the size it was after the first
// hundred. tests/wasm.mk runs it in check-wasm.
//
// Usage: node tests/wasm/kept-grader.test.mjs NATIVE_BUILD WASM_DIR
import { strictEqual, throws } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [nativeBuild, wasmDir] = process.argv.slice(2).map((path) => resolve(path));
const { loadRubric } = await import(pathToFileURL(join(wasmDir, 'rubric.mjs')));
const rubric = await loadRubric({ grader: readFileSync(join(wasmDir, 'rubric-grade.wasm')) });
const scratch = mkdtempSync(join(tmpdir(), 'kept-grader-'));
const read = (path) => readFileSync(path, 'utf8');
let checks = 0;

// The native program in FOLDER (which holds rubric.json) on audit.jsonl
// holding LINE, with the options the kept grader is given.
function native(folder, line, { partial = false, format = 'jsonl', quiet = true }) {
    writeFileSync(join(folder, 'audit.jsonl'), line + '\n');
    const args = ['--rubric', 'rubric.json', ...(quiet ? ['--quiet'] : []), ...(partial ? ['--partial'] : []),
                  ...(format === 'jsonl' ? [] : ['--format', format]), 'audit.jsonl'];
    const run = spawnSync(join(nativeBuild, 'rubric-grade'), args, { cwd: folder, encoding: 'utf8' });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

// Every line of AUDITS graded by one kept grader of RUBRIC_PATH, in each
// of MODES, against the native program.
function checkRecords(label, rubricPath, audits, modes) {
    const rubricJson = read(rubricPath);
    const folder = mkdtempSync(join(scratch, 'records-'));
    writeFileSync(join(folder, 'rubric.json'), rubricJson);
    const grader = rubric.openGrader(rubricJson);
    const lines = read(audits).split('\n').filter((line) => line.trim() !== '');
    lines.forEach((line, index) => {
        for (const mode of modes) {
            const where = `${label}, record ${index + 1}, ${JSON.stringify(mode)}`;
            const made = grader.grade(line, mode);
            const expected = native(folder, line, mode);
            strictEqual(made.stdout, expected.stdout, `${where}: output`);
            strictEqual(made.stderr, expected.stderr, `${where}: stderr`);
            strictEqual(made.status, expected.status, `${where}: exit status`);
            checks += 3;
        }
    });
    grader.close();
    return lines.length;
}

const shipped = (id) => join(nativeBuild, 'rubrics', `${id}.json`);
const wf = shipped('waltham-forest-case-audit-grading-criteria');
const lb = shipped('london-borough-case-audit-gradings');
const everyMode = [{}, { partial: true }, { format: 'text' }];
let records = 0;
records += checkRecords('Waltham Forest', wf, 'examples/waltham-forest-audits.jsonl', everyMode);
records += checkRecords('London borough', lb, 'examples/london-borough-audits.jsonl', [{}, { partial: true }]);
records += checkRecords('London borough, moderation', lb, 'examples/london-borough-moderation.jsonl',
                        [{}, { partial: true }]);
for (const [rubricName, audits] of [['example-scaling-audit', 'scaling'], ['example-compliance-and-quality', 'compliance'],
                                    ['example-cohort-key-judgements', 'cohort'],
                                    ['example-assessment-timeliness', 'timeliness'],
                                    ['timescale-rule-example', 'timeliness-rule']])
    records += checkRecords(`the example ${rubricName}`, `tests/runtime/v2/rubrics/${rubricName}.json`,
                            `tests/runtime/v2/${audits}-audits.jsonl`, [{}, { partial: true }]);
// Bad records: the error records, and the messages on stderr without --quiet.
records += checkRecords('bad records', 'tests/runtime/tiny-rubric.json', 'tests/runtime/bad-records/every-kind.jsonl',
                        [{}, { quiet: false }, { quiet: false, partial: true }]);

// An unusable rubric: refused with the message the native program gives.
for (const file of readdirSync('tests/runtime/bad-rubrics').filter((name) => name.endsWith('.json')).slice(0, 4)) {
    const folder = mkdtempSync(join(scratch, 'bad-rubric-'));
    writeFileSync(join(folder, 'rubric.json'), read(join('tests/runtime/bad-rubrics', file)));
    const expected = native(folder, '{}', {});
    strictEqual(expected.status, 2, `${file}: the native program refuses it`);
    throws(() => rubric.openGrader(read(join('tests/runtime/bad-rubrics', file))),
           (error) => error.message + '\n' === expected.stderr, `${file}: the native message`);
    checks += 2;
}

// 10,000 records graded: each answer the same as the first time, and the
// memory what it was after the first 100.
{
    const grader = rubric.openGrader(read(wf));
    const audits = read('examples/waltham-forest-audits.jsonl').split('\n').filter((line) => line !== '');
    const first = [];
    let settled = 0;
    for (let call = 0; call < 10000; call++) {
        const made = grader.grade(audits[call % audits.length], { partial: call % 2 === 1 });
        const answer = `${made.status}\n${made.stdout}`;
        if (call < 2 * audits.length) first.push(answer);
        else if (answer !== first[call % (2 * audits.length)]) throw new Error(`call ${call}: another answer: ${answer}`);
        if (call === 99) settled = grader.memoryBytes();
    }
    strictEqual(grader.memoryBytes(), settled, '10,000 calls: the memory does not grow');
    grader.close();
    throws(() => grader.grade(audits[0]), /closed/, 'a closed grader grades no more');
    checks += 2;
}

rmSync(scratch, { recursive: true });
console.log(`openGrader against native: ${records} records, ${checks} checks passed`);
