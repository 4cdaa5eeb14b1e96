// rubricc.mjs — rubricc as a WebAssembly command under Node.js:
// `node rubricc.mjs ARGS...` runs rubricc.wasm with the native command line.
import { runCommand } from './wasi-command.mjs';

// A command compiles a rubric or a few, in milliseconds: its scanner spends
// 30 million instructions within one rubric, and optimising it (35 to 60 ms)
// outlasted the compile. At 300 million nothing is optimised for a shipped
// rubric (Waltham Forest's compiled to JSON in 0.29 to 0.41 s with V8's
// default budget, 0.14 to 0.20 s so: medians of runs by turns on two
// cores); a language server's long session still is.
await runCommand(new URL('./rubricc.wasm', import.meta.url), 'rubricc', { tieringBudget: 300_000_000 });
