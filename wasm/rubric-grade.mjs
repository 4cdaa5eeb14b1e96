// rubric-grade.mjs — rubric-grade as a WebAssembly command under Node.js:
// `node rubric-grade.mjs ARGS...` runs rubric-grade.wasm with the native
// command line.
import { runCommand } from './wasi-command.mjs';

await runCommand(new URL('./rubric-grade.wasm', import.meta.url), 'rubric-grade');
