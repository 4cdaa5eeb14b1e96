// wasi-command.mjs — runs one of the WebAssembly programs (rubricc.wasm,
// rubric-grade.wasm) as a command under Node.js, with the native program's
// command line: its arguments, environment, standard streams, files and
// exit status. rubricc.wasm is a WASI command (_start); rubric-grade.wasm
// a reactor, whose command entry is called after _initialize.
// rubricc.mjs and rubric-grade.mjs, beside it, call runCommand with their
// module's name; the test suite's command server (tests/wasm/
// command-server.mjs) runs many commands in one process through
// commandRunner, the same steps.
//
// Node's own WASI (node:wasi, preview1) gives the module the whole file
// system, preopened as '/', and PWD names the working directory: the
// program enters it before main (common/platform.c), so relative paths
// mean what they mean to the native program. Node's warning that WASI is
// experimental is held back, so that what reaches standard error is the
// program's alone, byte for byte as native.

import { readFile } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';

// The command entry of a module built as a WASI reactor (wasm/reactor.c).
const COMMAND_ENTRY = 'rubric_grade_wasi_command';

// A function (module, { args, env, stdin, stdout, stderr }) → exit status
// that runs a compiled module once, as a command, in a fresh instance:
// ARGS its command line (the program's name first), ENV its environment
// (PWD its working directory), and the three standard streams as file
// descriptors of this process (0, 1 and 2 when not given).
export async function commandRunner() {
    const emitWarning = process.emitWarning;
    process.emitWarning = (warning, ...rest) => {
        const text = typeof warning === 'string' ? warning : String(warning && warning.message);
        if (text.includes('WASI')) return;
        emitWarning.call(process, warning, ...rest);
    };
    const { WASI } = await import('node:wasi');
    return (module, { args, env, stdin = 0, stdout = 1, stderr = 2 }) => {
        const wasi = new WASI({
            version: 'preview1', args, env, stdin, stdout, stderr,
            preopens: { '/': '/' },
            returnOnExit: true,
        });
        if (!WebAssembly.Module.exports(module).some(({ name }) => name === COMMAND_ENTRY))
            return wasi.start(new WebAssembly.Instance(module, wasi.getImportObject()));
        // A reactor (rubric-grade.wasm, wasm/reactor.c): initialised, then
        // its command entry called, which ends in proc_exit with main's
        // status.
        const exit = Symbol('proc_exit');
        let status = 0;
        const imports = { ...wasi.wasiImport, proc_exit: (code) => {
            status = code;
            throw exit;
        } };
        const instance = new WebAssembly.Instance(module, { wasi_snapshot_preview1: imports });
        try {
            wasi.initialize(instance);
            instance.exports[COMMAND_ENTRY]();
        } catch (error) {
            if (error !== exit) throw error;
        }
        return status;
    };
}

// Runs the module at MODULE_URL as the command PROGRAM_NAME with this
// process's arguments, environment and standard streams. TIERING_BUDGET
// (below) is the program's: how long a function of it runs before V8
// optimises it.
export async function runCommand(moduleUrl, programName, { tieringBudget = 30_000_000 } = {}) {
    // Node 20's garbage collector, marking incrementally or concurrently,
    // can crash (V8_Fatal in ProcessEphemerons) when a module's memory has
    // grown by many megabytes (an audit line of 12 or 20 MB); a collection
    // that marks at once, on the main thread, does not. These runs hold
    // next to nothing on the JavaScript heap, so it costs them nothing.
    setFlagsFromString('--no-incremental-marking');
    setFlagsFromString('--no-concurrent-marking');
    // V8 compiles the module at once with its baseline compiler (Liftoff),
    // then compiles a function again, optimised (TurboFan), once it has
    // run a budget of instructions (1.8 million by default). Optimising a
    // large function takes tens of milliseconds, in compiler threads that,
    // on a machine of two cores, run beside the program, and Node.js waits
    // at exit for the function being optimised: with the default, a
    // command of a few milliseconds paid a tenth of a second for code it
    // had finished with (the rubric's loader in rubric-grade, the scanner
    // in rubricc). So: one compiler thread, and a budget that only the
    // work of a long run spends. rubric-grade's 30 million is reached by
    // its per-audit functions within a few thousand audits; medians
    // measured by turns with the default and with it (bench/wasm/run.sh's
    // commands, Node's start included): one audit 0.26 and 0.19 s, 10,000
    // audits 0.42 and 0.36 s, 100,000 audits 0.71 and 0.65 s.
    setFlagsFromString('--wasm-num-compilation-tasks=0');
    setFlagsFromString(`--wasm-tiering-budget=${tieringBudget}`);
    const run = await commandRunner();
    const module = await WebAssembly.compile(await readFile(moduleUrl));
    process.exitCode = run(module, {
        args: [programName, ...process.argv.slice(2)],
        env: { ...process.env, PWD: process.cwd() },
    });
}
