// wasi-command.mjs — runs one of the WebAssembly programs (rubricc.wasm,
// rubric-grade.wasm) as a command under Node.js, with the native program's
// command line: its arguments, environment, standard streams, files and
// exit status. rubricc.mjs and rubric-grade.mjs, beside it, call it with
// their module's name.
//
// Node's own WASI (node:wasi, preview1) gives the module the whole file
// system, preopened as '/', and PWD names the working directory: the
// program enters it before main (common/platform.c), so relative paths
// mean what they mean to the native program. Node's warning that WASI is
// experimental is held back, so that what reaches standard error is the
// program's alone, byte for byte as native.

import { readFile } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';

export async function runCommand(moduleUrl, programName) {
    // Node 20's garbage collector, marking incrementally or concurrently,
    // can crash (V8_Fatal in ProcessEphemerons) when a module's memory has
    // grown by many megabytes (an audit line of 12 or 20 MB); a collection
    // that marks at once, on the main thread, does not. These runs hold
    // next to nothing on the JavaScript heap, so it costs them nothing.
    setFlagsFromString('--no-incremental-marking');
    setFlagsFromString('--no-concurrent-marking');
    const emitWarning = process.emitWarning;
    process.emitWarning = (warning, ...rest) => {
        const text = typeof warning === 'string' ? warning : String(warning && warning.message);
        if (text.includes('WASI')) return;
        emitWarning.call(process, warning, ...rest);
    };
    const { WASI } = await import('node:wasi');
    const wasi = new WASI({
        version: 'preview1',
        args: [programName, ...process.argv.slice(2)],
        env: { ...process.env, PWD: process.cwd() },
        preopens: { '/': '/' },
        returnOnExit: true,
    });
    const module = await WebAssembly.compile(await readFile(moduleUrl));
    const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
    process.exitCode = wasi.start(instance);
}

