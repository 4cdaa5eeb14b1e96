// command-server.mjs — the WebAssembly commands for `make check-wasm`,
// served from one Node.js process instead of one process per command.
//
// The one-truth run (tests/wasm.mk) runs the golden suites through
// rubricc and rubric-grade built for WebAssembly: hundreds of short
// commands, each of which spent more time starting Node.js and compiling
// the module than running it. Here the modules are compiled once and
// each command runs in a fresh instance (a fresh memory: nothing is
// carried from one command to the next), through the same steps as
// `node rubricc.mjs` (commandRunner in wasm/wasi-command.mjs): the same
// arguments, environment, working directory, standard streams, files and
// exit status.
//
//   node command-server.mjs SOCKET WASM_DIR
//
// A command comes from command-client (command_client.c) over the Unix
// socket SOCKET: the program's name, the client's working directory, the
// paths under /proc of its three standard streams (pipes the client
// relays, or its own files) and how far its input file has been read, then
// the arguments and the environment, all NUL-terminated. The server opens
// the three paths, skips what was read of the input, answers "ready", runs
// the command in a worker thread, closes them (the client's relay then
// ends) and answers "status N". Commands run side by side, one worker
// each, so a command that waits for its input (a pipe from another
// command) does not hold up the others. The server stops when its parent
// process does (tests/wasm/check-wasm.sh stops it at the end).

import { openSync, closeSync, readFileSync, readSync, writeSync, constants } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

import { commandRunner } from '../../wasm/wasi-command.mjs';

const PROGRAMS = ['rubricc', 'rubric-grade'];

if (isMainThread) {
    // As for a command of its own (runCommand in wasm/wasi-command.mjs):
    // Node 20's collector, marking incrementally or concurrently, can
    // crash after modules' memories have grown by many megabytes; one
    // server holds many of them in turn.
    setFlagsFromString('--no-incremental-marking');
    setFlagsFromString('--no-concurrent-marking');
    const [socketPath, wasmDir] = process.argv.slice(2);
    const modules = Object.fromEntries(PROGRAMS.map((name) =>
        [name, new WebAssembly.Module(readFileSync(join(wasmDir, `${name}.wasm`)))]));
    const idle = [];
    const waiting = new Map();
    let nextId = 0;

    const worker = () => {
        if (idle.length) return idle.pop();
        const created = new Worker(new URL(import.meta.url), { workerData: { modules } });
        created.on('message', ({ id, status }) => {
            const finish = waiting.get(id);
            waiting.delete(id);
            idle.push(created);
            finish(status);
        });
        created.on('error', (error) => {
            process.stderr.write(`command-server: a worker failed: ${error.stack}\n`);
            process.exit(1);
        });
        return created;
    };

    // The request: NUL-terminated fields, the counts as decimal text.
    const parse = (bytes) => {
        const fields = bytes.toString('utf8').split('\0');
        let at = 0;
        const take = () => fields[at++];
        const program = take(), cwd = take(), streams = [take(), take(), take()], inputRead = Number(take());
        const args = Array.from({ length: Number(take()) }, take);
        const environment = Array.from({ length: Number(take()) }, take);
        const env = {};
        for (const entry of environment) {
            const equals = entry.indexOf('=');
            if (equals > 0) env[entry.slice(0, equals)] = entry.slice(equals + 1);
        }
        env.PWD = cwd;
        return { program, streams, inputRead, args: [program, ...args], env };
    };

    // Read past what the client's shell has read of the same input file.
    const skip = (fd, count) => {
        const buffer = Buffer.alloc(Math.min(count, 65536));
        for (let got = 1; count > 0 && got > 0; count -= got)
            got = readSync(fd, buffer, 0, Math.min(count, buffer.length), null);
    };

    const server = createServer({ allowHalfOpen: true }, (connection) => {
        const pieces = [];
        connection.on('data', (piece) => pieces.push(piece));
        connection.on('error', () => {});
        connection.on('end', () => {
            const request = parse(Buffer.concat(pieces));
            const fds = [];
            try {
                if (!modules[request.program]) throw new Error(`no program ${request.program}`);
                const modes = [constants.O_RDONLY, constants.O_WRONLY, constants.O_WRONLY];
                request.streams.forEach((path, stream) => fds.push(openSync(path, modes[stream])));
                skip(fds[0], request.inputRead);
            } catch (error) {
                fds.forEach((fd) => closeSync(fd));
                connection.end(`error ${error.message}\n`);
                return;
            }
            connection.write('ready\n');
            const id = nextId++;
            waiting.set(id, (status) => {
                fds.forEach((fd) => closeSync(fd));
                connection.end(`status ${status}\n`);
            });
            worker().postMessage({ id, program: request.program, args: request.args, env: request.env, fds });
        });
    });
    server.listen(socketPath, () => process.stdout.write('listening\n'));
    // Stop with the script that started the server, however it ends.
    const parent = process.ppid;
    setInterval(() => {
        if (process.ppid !== parent) process.exit(0);
    }, 1000).unref();
    process.on('SIGTERM', () => process.exit(0));
} else {
    const run = await commandRunner();
    parentPort.on('message', ({ id, program, args, env, fds }) => {
        let status;
        try {
            status = run(workerData.modules[program], { args, env, stdin: fds[0], stdout: fds[1], stderr: fds[2] });
        } catch (error) {
            // A trap: what Node.js prints for an uncaught error, and its status.
            try {
                writeSync(fds[2], `${error.stack}\n`);
            } catch {
                // the stream is gone: the status says it
            }
            status = 1;
        }
        parentPort.postMessage({ id, status });
    });
}

