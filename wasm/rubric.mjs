// rubric.mjs — the compiler and the grader for pages: the WebAssembly
// modules (rubricc.wasm, rubric-grade.wasm) run with their native command
// lines over files in memory (memory-wasi.mjs), so a page gets exactly
// the answers of the native programs. No framework, no network once the
// modules' bytes are in hand.
//
//   const rubric = await loadRubric({ compiler: bytesOrUrl, grader: bytesOrUrl });
//   rubric.compile(source, { includes: { 'shared/themes.rubric': text }, emit: ['json', 'html'] })
//     -> { status, diagnostics (the JSON form, parsed), outputs: { name: text }, stderr }
//   rubric.openGrader(rubricJson) -> grader: the rubric loaded once, in an
//     instance kept for record after record (what the audit form's live
//     grade uses); throws an Error with the grader's message when the
//     rubric is unusable
//   grader.grade(record, { partial, format, quiet, args })
//     -> { status, stdout, stderr, result (the first record written, parsed, with jsonl) }
//     the bytes `rubric-grade --rubric r.json [--quiet] [--partial]
//     [--format F] [ARGS] audit.jsonl` writes for the record (a JSON
//     line, a newline added when missing, or an object) in its working folder
//   grader.memoryBytes()                          the instance's memory, in bytes
//   grader.close()                                the instance let go
//   rubric.gradeRecord(rubricJson, record)       -> { status, result (parsed), stderr }
//     (with a grader kept for the last rubric given)
//   rubric.gradeBatch(rubricJson, text, { format: 'jsonl' | 'csv', moderate })
//     -> { status, records (parsed), summary (parsed), report (HTML), moderation (parsed or null), stderr,
//          recordsText, summaryText, moderationText (the outputs as written) }
//   rubric.run('rubricc' | 'rubric-grade', args, { name: text or bytes }, { stdin })
//     -> { status, stdout, stderr, text(name), bytes(name), under(folder) }
//     the program with any command line of its own (args without its name),
//     run in the working folder /work that holds the files given; text()
//     and bytes() read what it wrote there (undefined when it wrote nothing),
//     under() the texts of the files in a folder of it, by name.
//
// Either module may be left out when a page needs only the other. Each
// call but a kept grader's is a fresh run of the program (a new instance
// over new files). A kept grader's calls run the same program code, with
// the rubric loaded once (runtime/cli/grade_reactor.c).

import { MemoryFiles, instantiateWasi, runWasi } from './memory-wasi.mjs';

async function compileModule(source) {
    if (source === undefined) return undefined;
    if (source instanceof WebAssembly.Module) return source;
    if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) return WebAssembly.compile(source);
    const response = await fetch(source);
    return WebAssembly.compile(await response.arrayBuffer());
}

const encoder = new TextEncoder();
const parseLines = (text) => text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line));
const texts = (found) =>
    Object.fromEntries(Object.entries(found).map(([name, bytes]) => [name, new TextDecoder().decode(bytes)]));

export async function loadRubric({ compiler, grader } = {}) {
    const [compilerModule, graderModule] = await Promise.all([compileModule(compiler), compileModule(grader)]);
    const need = (module, name) => {
        if (!module) throw new Error(`rubric.mjs: the ${name} module was not loaded`);
        return module;
    };

    // The rubric source and its includes go under /work, the working
    // folder (messages name the files as given), the outputs to /out.
    function compile(source, { includes = {}, emit = ['json'], name = 'rubric.rubric' } = {}) {
        const files = new MemoryFiles({ [`/work/${name}`]: source });
        for (const [include, text] of Object.entries(includes)) files.write(`/work/${include}`, text);
        const run = runWasi(need(compilerModule, 'compiler'),
                            ['rubricc', '--emit', emit.join(','), '-o', '/out', '--diagnostics-format=json',
                             '--diagnostics-output=/diagnostics.json', name], files, '', { PWD: '/work' });
        const diagnostics = files.text('/diagnostics.json');
        return { status: run.status, diagnostics: diagnostics ? JSON.parse(diagnostics) : null,
                 outputs: texts(files.under('/out')), stderr: run.stderr };
    }

    function grade(rubricJson, audits, name, extra) {
        const files = new MemoryFiles({ '/rubric.json': typeof rubricJson === 'string' ? rubricJson
                                                                                       : JSON.stringify(rubricJson),
                                        [`/${name}`]: audits });
        const run = runWasi(need(graderModule, 'grader'),
                            ['rubric-grade', '--quiet', '--rubric', 'rubric.json', ...extra, name], files);
        return { run, files };
    }

    // The rubric in /work/rubric.json is loaded by the instance, then the
    // file is dropped; each record is /work/audit.jsonl, given to the
    // program's own command line (grade_reactor_run) in that folder.
    function openGrader(rubricJson) {
        const given = typeof rubricJson === 'string' || ArrayBuffer.isView(rubricJson) ? rubricJson
                                                                                     : JSON.stringify(rubricJson);
        const files = new MemoryFiles({ '/work/rubric.json': given });
        const wasi = instantiateWasi(need(graderModule, 'grader'), ['rubric-grade'], files, '', { PWD: '/work' });
        if (!wasi.exports.grade_reactor_open)
            throw new Error('rubric.mjs: this grading module cannot keep a rubric loaded: give the rubric-grade.wasm '
                            + 'that make wasm builds now');
        // Writes WORDS, each ended by a NUL, into the instance's buffer.
        const words = (list) => {
            const encoded = encoder.encode(list.map((word) => `${word}\0`).join(''));
            const pointer = wasi.call('grade_reactor_arguments', encoded.length).status;
            if (!pointer) throw new Error('rubric.mjs: the grader is out of memory');
            new Uint8Array(wasi.memory().buffer, pointer, encoded.length).set(encoded);
            return { pointer, length: encoded.length };
        };
        const opened = wasi.call('grade_reactor_open', words(['rubric.json']).pointer);
        files.files.delete('/work/rubric.json');
        if (opened.status !== 0) throw new Error(wasi.output().stderr.trim());
        let open = true;
        return {
            grade(record, { partial = false, format = 'jsonl', quiet = true, args = [] } = {}) {
                if (!open) throw new Error('rubric.mjs: the grader was closed');
                let line = typeof record === 'string' ? record : JSON.stringify(record);
                if (!line.endsWith('\n')) line += '\n';
                files.write('/work/audit.jsonl', line);
                const command = ['rubric-grade', ...(quiet ? ['--quiet'] : []), ...(partial ? ['--partial'] : []),
                                 ...(format === 'jsonl' ? [] : ['--format', format]), ...args, 'audit.jsonl'];
                const { status } = wasi.call('grade_reactor_run', words(command).length);
                const { stdout, stderr } = wasi.output();
                const first = format === 'jsonl' ? stdout.slice(0, stdout.indexOf('\n') + 1 || undefined) : '';
                return { status, stdout, stderr, result: first ? JSON.parse(first) : null };
            },
            // the instance's memory, in bytes (it does not grow from call to call)
            memoryBytes: () => wasi.memory().buffer.byteLength,
            close() {
                if (open) wasi.call('grade_reactor_close');
                open = false;
            },
        };
    }

    // gradeRecord keeps a grader for the last rubric it was given; a rubric
    // the grader cannot open is run as a whole command, for its messages.
    let kept = null;
    function gradeRecord(rubricJson, record) {
        const rubricText = typeof rubricJson === 'string' ? rubricJson : JSON.stringify(rubricJson);
        if (kept?.rubricText !== rubricText) {
            kept?.grader.close();
            kept = null;
            try {
                kept = { rubricText, grader: openGrader(rubricText) };
            } catch {
                const line = typeof record === 'string' ? record : JSON.stringify(record);
                const { run } = grade(rubricText, line + '\n', 'audit.jsonl', []);
                const lines = parseLines(run.stdout);
                return { status: run.status, result: lines[0] ?? null, stderr: run.stderr };
            }
        }
        const { status, result, stderr } = kept.grader.grade(record);
        return { status, result, stderr };
    }

    function gradeBatch(rubricJson, text, { format = 'jsonl', moderate = false } = {}) {
        const name = `audits.${format}`;
        const { run, files } = grade(rubricJson, text, name,
                                     ['-o', '/records.jsonl', '--report', '/report.html']);
        const summary = grade(rubricJson, text, name, ['--summary']).run;
        const moderation = moderate ? grade(rubricJson, text, name, ['--moderate']).run : null;
        const recordsText = files.text('/records.jsonl') ?? '';
        return {
            status: run.status,
            records: parseLines(recordsText),
            summary: summary.stdout ? JSON.parse(summary.stdout) : null,
            report: files.text('/report.html') ?? null,
            moderation: moderation && moderation.stdout ? JSON.parse(moderation.stdout) : null,
            stderr: run.stderr,
            recordsText,
            summaryText: summary.stdout,
            moderationText: moderation ? moderation.stdout : null,
        };
    }

    function run(program, args, given = {}, { stdin = '' } = {}) {
        const module = program === 'rubricc' ? need(compilerModule, 'compiler')
                     : program === 'rubric-grade' ? need(graderModule, 'grader') : null;
        if (!module) throw new Error(`rubric.mjs: no program '${program}' (rubricc or rubric-grade)`);
        const files = new MemoryFiles();
        files.folders.add('/work');
        for (const [name, content] of Object.entries(given)) files.write(`/work/${name}`, content);
        const result = runWasi(module, [program, ...args], files, stdin, { PWD: '/work' });
        return { ...result, text: (name) => files.text(`/work/${name}`), bytes: (name) => files.read(`/work/${name}`),
                 under: (folder) => texts(files.under(`/work/${folder}`)) };
    }

    return { compile, openGrader, gradeRecord, gradeBatch, run };
}
