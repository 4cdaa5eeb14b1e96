// rubricc.mjs — rubricc as a WebAssembly command under Node.js:
// `node rubricc.mjs ARGS...` runs rubricc.wasm with the native command line.
import { runCommand } from './wasi-command.mjs';

await runCommand(new URL('./rubricc.wasm', import.meta.url), 'rubricc');
