// in-process.mjs — the modules as a page uses them, through wasm/rubric.mjs
// with the modules compiled once: the median of 20 of (1) compiling and
// instantiating each module, (2) compiling a rubric (with its includes)
// to JSON, (3) grading one audit through gradeRecord (which keeps a
// grader with the rubric loaded: openGrader). In milliseconds; bench/wasm/run.sh prints them
// beside the command timings.
// Usage: node in-process.mjs WASM_DIR RUBRIC.rubric INCLUDE_FOLDER RUBRIC.json AUDITS.jsonl
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [wasmDir, source, includeFolder, rubricJson, audits] = process.argv.slice(2);
const { loadRubric } = await import(pathToFileURL(join(resolve(wasmDir), 'rubric.mjs')));
const compilerBytes = readFileSync(join(wasmDir, 'rubricc.wasm'));
const graderBytes = readFileSync(join(wasmDir, 'rubric-grade.wasm'));

const median = (run) => {
    const times = [];
    for (let index = 0; index < 20; index++) {
        const start = performance.now();
        run();
        times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    return ((times[9] + times[10]) / 2).toFixed(1);
};

const instantiate = (bytes) => median(() => new WebAssembly.Instance(new WebAssembly.Module(bytes), {
    wasi_snapshot_preview1: new Proxy({}, { get: () => () => 0 }),
}));
const rubric = await loadRubric({ compiler: compilerBytes, grader: graderBytes });
const text = readFileSync(source, 'utf8');
const includes = { 'shared/themes.rubric': readFileSync(join(includeFolder, 'themes.rubric'), 'utf8') };
const json = readFileSync(rubricJson, 'utf8');
const audit = readFileSync(audits, 'utf8').split('\n')[0];
console.log(`instantiate rubric-grade.wasm ${instantiate(graderBytes)} ms, rubricc.wasm ${instantiate(compilerBytes)} ms; `
            + `compile the rubric ${median(() => rubric.compile(text, { includes }))} ms; `
            + `grade one audit ${median(() => rubric.gradeRecord(json, audit))} ms`);
