// memory-wasi.mjs — the WASI (preview1) imports for rubricc.wasm and
// rubric-grade.wasm in a browser, over files held in memory: no framework,
// no network, no host file system. wasm/rubric.mjs runs the modules with
// it; tests/wasm/memory-wasi.test.mjs checks it under Node.js against the
// native programs.
//
// Only what the two programs call is here (wasm-dis lists the imports):
// arguments and environment, the clock, random bytes, standard streams,
// and a file system of one tree, preopened as '/', whose files are
// Uint8Arrays in a Map keyed by absolute path (folders are a Set; /tmp is
// there from the start, for tmpfile). A file unlinked while open lives
// on, nameless, until it is closed. A file written piece by piece grows by
// doubling. What a sandbox in a page has no use for answers ENOSYS or
// ENOTSUP: hard links, symbolic links (there are none), polling.
//
// const files = new MemoryFiles({'/in/audits.jsonl': text});
// const run = runWasi(module, ['rubric-grade', '--rubric', ...], files, stdin);
// run.status, run.stdout, run.stderr (strings); files.text('/out/x.json')
// or, to keep the instance and call its exports (rubric.mjs's openGrader):
// const wasi = instantiateWasi(module, ['rubric-grade'], files);

const ERRNO = { SUCCESS: 0, BADF: 8, EXIST: 20, INVAL: 28, ISDIR: 31, NOENT: 44, NOSYS: 52, NOTDIR: 54,
                NOTEMPTY: 55, NOTSUP: 58, SPIPE: 70 };
const FILETYPE = { CHARACTER_DEVICE: 2, DIRECTORY: 3, REGULAR_FILE: 4 };
const OFLAGS = { CREAT: 1, DIRECTORY: 2, EXCL: 4, TRUNC: 8 };
const FDFLAGS_APPEND = 1;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

// A Uint8Array given is kept, not copied (a round's files are tens of
// megabytes): no file is ever written in place, writeAt copies it into a
// backing of its own first.
const toBytes = (content) => (typeof content === 'string' ? encoder.encode(content)
                              : content instanceof Uint8Array ? content : new Uint8Array(content));

// The in-memory file system: absolute, normalised paths.
export class MemoryFiles {
    constructor(initial = {}) {
        this.files = new Map();
        this.spare = new Map();
        this.folders = new Set(['/', '/tmp']);
        for (const [path, content] of Object.entries(initial)) this.write(path, content);
    }
    static normalise(path) {
        const parts = [];
        for (const part of path.split('/')) {
            if (part === '' || part === '.') continue;
            if (part === '..') parts.pop();
            else parts.push(part);
        }
        return '/' + parts.join('/');
    }
    write(path, content) {
        path = MemoryFiles.normalise(path);
        const parts = path.split('/');
        for (let end = 2; end < parts.length; end++) this.folders.add(parts.slice(0, end).join('/'));
        this.files.set(path, toBytes(content));
    }
    read(path) {
        return this.files.get(MemoryFiles.normalise(path));
    }
    // Writes CHUNK into the file PATH at POSITION, the file growing as
    // needed. A file written piece by piece grows into a buffer that
    // doubles (this.spare), so that writing N bytes costs O(N), not a copy
    // of the whole file per write; the file itself is always the view of
    // its bytes.
    writeAt(path, position, chunk) {
        const old = this.files.get(path);
        const end = Math.max(old.length, position + chunk.length);
        let backing = this.spare.get(path);
        if (!backing || backing.byteOffset !== old.byteOffset || backing.buffer !== old.buffer || end > backing.length) {
            backing = new Uint8Array(Math.max(end, 2 * old.length, 4096));
            backing.set(old);
            this.spare.set(path, backing);
        }
        backing.set(chunk, position);
        this.files.set(path, backing.subarray(0, end));
        return position + chunk.length;
    }
    text(path) {
        const bytes = this.read(path);
        return bytes === undefined ? undefined : decoder.decode(bytes);
    }
    // The files under FOLDER, by name relative to it.
    under(folder) {
        const prefix = MemoryFiles.normalise(folder) + '/';
        const found = {};
        for (const [path, bytes] of this.files)
            if (path.startsWith(prefix)) found[path.slice(prefix.length)] = bytes;
        return found;
    }
    children(folder) {
        const prefix = folder === '/' ? '/' : folder + '/';
        const names = new Set();
        for (const path of [...this.files.keys(), ...this.folders])
            if (path !== folder && path.startsWith(prefix)) names.add(path.slice(prefix.length).split('/')[0]);
        return [...names].sort();
    }
}

class Exit {
    constructor(status) {
        this.status = status;
    }
}

// The exports that run a module as a command: a command module's _start,
// or the entry a reactor exports for it (rubric-grade.wasm's: wasm/reactor.c).
const COMMAND_ENTRIES = ['_start', 'rubric_grade_wasi_command'];

// Run the WebAssembly.Module MODULE with ARGS (its own name first) over
// FILES (MemoryFiles), standard input STDIN (string or bytes); returns
// {status, stdout, stderr}.
export function runWasi(module, args, files, stdin = '', env = {}) {
    const wasi = instantiateWasi(module, args, files, stdin, env);
    const { status } = wasi.call(COMMAND_ENTRIES.find((name) => wasi.exports[name]));
    return { status, ...wasi.output() };
}

// An instance of MODULE over FILES that the caller keeps, to call its
// exports one after another (a reactor: _initialize is called here):
//   wasi.exports, wasi.memory()                the instance's
//   wasi.call(name, ...values) -> {status, exited}  the export's result, or
//                                the status it exited with (proc_exit)
//   wasi.output() -> {stdout, stderr}          written since the last output()
export function instantiateWasi(module, args, files, stdin = '', env = {}) {
    let memory;
    const view = () => new DataView(memory.buffer);
    const bytes = () => new Uint8Array(memory.buffer);
    const stdout = [];
    const stderr = [];
    const input = toBytes(stdin);
    let inputAt = 0;
    // Open descriptors: 0-2 the streams, 3 the root, then files and folders.
    const table = new Map([[0, { stream: 'stdin' }], [1, { stream: stdout }], [2, { stream: stderr }],
                           [3, { folder: '/' }]]);
    let nextFd = 4;
    const environment = Object.entries({ PWD: '/', ...env }).map(([key, value]) => `${key}=${value}`);

    const readString = (pointer, length) => decoder.decode(bytes().subarray(pointer, pointer + length));
    const resolve = (fd, pointer, length) => {
        const base = table.get(fd);
        if (!base || base.folder === undefined) return null;
        return MemoryFiles.normalise(base.folder + '/' + readString(pointer, length));
    };
    const writeList = (list, pointers, buffer) => {
        let at = buffer;
        list.forEach((item, index) => {
            const encoded = encoder.encode(item + '\0');
            view().setUint32(pointers + index * 4, at, true);
            bytes().set(encoded, at);
            at += encoded.length;
        });
        return ERRNO.SUCCESS;
    };
    const writeSizes = (list, countPointer, sizePointer) => {
        view().setUint32(countPointer, list.length, true);
        view().setUint32(sizePointer, list.reduce((sum, item) => sum + encoder.encode(item).length + 1, 0), true);
        return ERRNO.SUCCESS;
    };
    // Each path its own inode number, as the include checks compare them.
    const inodes = new Map();
    const inode = (path) => {
        if (!inodes.has(path)) inodes.set(path, BigInt(inodes.size + 1));
        return inodes.get(path);
    };
    const filestat = (pointer, type, size, path) => {
        const data = view();
        for (let offset = 0; offset < 64; offset += 8) data.setBigUint64(pointer + offset, 0n, true);
        data.setBigUint64(pointer + 8, inode(path), true);
        data.setUint8(pointer + 16, type);
        data.setBigUint64(pointer + 24, 1n, true);             // links
        data.setBigUint64(pointer + 32, BigInt(size), true);
        return ERRNO.SUCCESS;
    };
    const iovecs = (pointer, count) => {
        const list = [];
        for (let index = 0; index < count; index++)
            list.push([view().getUint32(pointer + index * 8, true), view().getUint32(pointer + index * 8 + 4, true)]);
        return list;
    };

    const imports = {
        args_get: (pointers, buffer) => writeList(args, pointers, buffer),
        args_sizes_get: (count, size) => writeSizes(args, count, size),
        environ_get: (pointers, buffer) => writeList(environment, pointers, buffer),
        environ_sizes_get: (count, size) => writeSizes(environment, count, size),
        clock_time_get: (id, precision, pointer) => {
            const now = BigInt(Math.round((id === 0 ? Date.now() : performance.now()) * 1e6));
            view().setBigUint64(pointer, now, true);
            return ERRNO.SUCCESS;
        },
        // Random bytes (expat's hash salt, when a workbook is read), from the
        // Web Crypto of the browser or Node.js, 64 KiB at most at a time.
        random_get: (pointer, length) => {
            for (let offset = 0; offset < length; offset += 65536)
                crypto.getRandomValues(bytes().subarray(pointer + offset, pointer + Math.min(length, offset + 65536)));
            return ERRNO.SUCCESS;
        },
        fd_write: (fd, vectors, count, written) => {
            const open = table.get(fd);
            if (!open || open.folder !== undefined || open.stream === 'stdin') return ERRNO.BADF;
            let total = 0;
            for (const [pointer, length] of iovecs(vectors, count)) {
                const chunk = bytes().subarray(pointer, pointer + length);
                total += length;
                if (open.stream) {
                    open.stream.push(chunk.slice());
                    continue;
                }
                const at = open.append ? files.files.get(open.path).length : open.position;
                open.position = files.writeAt(open.path, at, chunk);
            }
            view().setUint32(written, total, true);
            return ERRNO.SUCCESS;
        },
        fd_read: (fd, vectors, count, read) => {
            const open = table.get(fd);
            if (!open || open.folder !== undefined || (open.stream && open.stream !== 'stdin')) return ERRNO.BADF;
            let total = 0;
            for (const [pointer, length] of iovecs(vectors, count)) {
                const source = open.stream ? input : files.files.get(open.path);
                const from = open.stream ? inputAt : open.position;
                const chunk = source.subarray(from, Math.min(source.length, from + length));
                bytes().set(chunk, pointer);
                total += chunk.length;
                if (open.stream) inputAt += chunk.length;
                else open.position += chunk.length;
                if (chunk.length < length) break;
            }
            view().setUint32(read, total, true);
            return ERRNO.SUCCESS;
        },
        fd_seek: (fd, offset, whence, pointer) => {
            const open = table.get(fd);
            if (!open) return ERRNO.BADF;
            if (open.path === undefined) return ERRNO.SPIPE;
            const size = files.files.get(open.path).length;
            const base = [0, open.position, size][whence];
            const position = Number(BigInt(base) + offset);
            if (position < 0) return ERRNO.INVAL;
            open.position = position;
            view().setBigUint64(pointer, BigInt(position), true);
            return ERRNO.SUCCESS;
        },
        fd_close: (fd) => {
            const open = table.get(fd);
            if (!open) return ERRNO.BADF;
            table.delete(fd);
            if (open.path?.startsWith('unlinked:') && ![...table.values()].some((other) => other.path === open.path)) {
                files.files.delete(open.path);
                files.spare.delete(open.path);
            }
            return ERRNO.SUCCESS;
        },
        fd_sync: (fd) => (table.has(fd) ? ERRNO.SUCCESS : ERRNO.BADF),
        fd_fdstat_set_flags: (fd) => (table.has(fd) ? ERRNO.SUCCESS : ERRNO.BADF),
        fd_fdstat_get: (fd, pointer) => {
            const open = table.get(fd);
            if (!open) return ERRNO.BADF;
            const data = view();
            data.setUint8(pointer, open.folder !== undefined ? FILETYPE.DIRECTORY
                                  : open.stream ? FILETYPE.CHARACTER_DEVICE : FILETYPE.REGULAR_FILE);
            data.setUint16(pointer + 2, open.append ? FDFLAGS_APPEND : 0, true);
            data.setBigUint64(pointer + 8, 0xffffffffn, true);   // every right
            data.setBigUint64(pointer + 16, 0xffffffffn, true);
            return ERRNO.SUCCESS;
        },
        fd_filestat_get: (fd, pointer) => {
            const open = table.get(fd);
            if (!open) return ERRNO.BADF;
            if (open.folder !== undefined) return filestat(pointer, FILETYPE.DIRECTORY, 0, open.folder);
            if (open.stream) return filestat(pointer, FILETYPE.CHARACTER_DEVICE, 0, `<stream ${fd}>`);
            return filestat(pointer, FILETYPE.REGULAR_FILE, files.files.get(open.path).length, open.path);
        },
        fd_prestat_get: (fd, pointer) => {
            if (fd !== 3) return ERRNO.BADF;
            view().setUint8(pointer, 0);
            view().setUint32(pointer + 4, 1, true);
            return ERRNO.SUCCESS;
        },
        fd_prestat_dir_name: (fd, pointer, length) => {
            if (fd !== 3) return ERRNO.BADF;
            bytes().set(encoder.encode('/').subarray(0, length), pointer);
            return ERRNO.SUCCESS;
        },
        fd_readdir: (fd, buffer, length, cookie, used) => {
            const open = table.get(fd);
            if (!open || open.folder === undefined) return ERRNO.BADF;
            let at = 0;
            const names = ['.', '..', ...files.children(open.folder)];
            for (let index = Number(cookie); index < names.length && at < length; index++) {
                const name = encoder.encode(names[index]);
                const entry = new Uint8Array(24 + name.length);
                const data = new DataView(entry.buffer);
                data.setBigUint64(0, BigInt(index + 1), true);
                const child = MemoryFiles.normalise(open.folder + '/' + names[index]);
                data.setBigUint64(8, inode(child), true);
                data.setUint32(16, name.length, true);
                data.setUint8(20, files.folders.has(child) ? FILETYPE.DIRECTORY : FILETYPE.REGULAR_FILE);
                entry.set(name, 24);
                const part = entry.subarray(0, Math.min(entry.length, length - at));
                bytes().set(part, buffer + at);
                at += part.length;
            }
            view().setUint32(used, at, true);
            return ERRNO.SUCCESS;
        },
        path_open: (fd, lookup, pointer, length, oflags, rightsBase, rightsInheriting, fdflags, opened) => {
            const path = resolve(fd, pointer, length);
            if (path === null) return ERRNO.BADF;
            if (files.folders.has(path)) {
                if (oflags & (OFLAGS.CREAT | OFLAGS.TRUNC) && !(oflags & OFLAGS.DIRECTORY)) return ERRNO.ISDIR;
                table.set(nextFd, { folder: path });
            } else {
                if (oflags & OFLAGS.DIRECTORY) return files.files.has(path) ? ERRNO.NOTDIR : ERRNO.NOENT;
                const exists = files.files.has(path);
                if (exists && oflags & OFLAGS.EXCL && oflags & OFLAGS.CREAT) return ERRNO.EXIST;
                if (!exists && !(oflags & OFLAGS.CREAT)) return ERRNO.NOENT;
                const parent = path.slice(0, path.lastIndexOf('/')) || '/';
                if (!files.folders.has(parent)) return files.files.has(parent) ? ERRNO.NOTDIR : ERRNO.NOENT;
                if (!exists || oflags & OFLAGS.TRUNC) files.files.set(path, new Uint8Array(0));
                table.set(nextFd, { path, position: 0, append: (fdflags & FDFLAGS_APPEND) !== 0 });
            }
            view().setUint32(opened, nextFd++, true);
            return ERRNO.SUCCESS;
        },
        path_filestat_get: (fd, flags, pointer, length, stat) => {
            const path = resolve(fd, pointer, length);
            if (path === null) return ERRNO.BADF;
            if (files.folders.has(path)) return filestat(stat, FILETYPE.DIRECTORY, 0, path);
            if (files.files.has(path)) return filestat(stat, FILETYPE.REGULAR_FILE, files.files.get(path).length, path);
            return ERRNO.NOENT;
        },
        path_create_directory: (fd, pointer, length) => {
            const path = resolve(fd, pointer, length);
            if (path === null) return ERRNO.BADF;
            if (files.folders.has(path) || files.files.has(path)) return ERRNO.EXIST;
            const parent = path.slice(0, path.lastIndexOf('/')) || '/';
            if (!files.folders.has(parent)) return files.files.has(parent) ? ERRNO.NOTDIR : ERRNO.NOENT;
            files.folders.add(path);
            return ERRNO.SUCCESS;
        },
        path_rename: (fd, pointer, length, newFd, newPointer, newLength) => {
            const from = resolve(fd, pointer, length);
            const to = resolve(newFd, newPointer, newLength);
            if (from === null || to === null) return ERRNO.BADF;
            if (!files.files.has(from)) return files.folders.has(from) ? ERRNO.NOTSUP : ERRNO.NOENT;
            if (files.folders.has(to)) return ERRNO.ISDIR;
            files.files.set(to, files.files.get(from));
            files.files.delete(from);
            for (const open of table.values()) if (open.path === from) open.path = to;
            return ERRNO.SUCCESS;
        },
        path_unlink_file: (fd, pointer, length) => {
            const path = resolve(fd, pointer, length);
            if (path === null) return ERRNO.BADF;
            if (files.folders.has(path)) return ERRNO.ISDIR;
            if (!files.files.has(path)) return ERRNO.NOENT;
            // A file still open lives on, nameless, until it is closed (as
            // tmpfile's does): its bytes move to a key no path can name.
            const unnamed = `unlinked:${nextFd}:${path}`;
            for (const open of table.values())
                if (open.path === path) {
                    open.path = unnamed;
                    files.files.set(unnamed, files.files.get(path));
                }
            files.files.delete(path);
            files.spare.delete(path);
            return ERRNO.SUCCESS;
        },
        path_readlink: () => ERRNO.INVAL,                  // there are no symbolic links
        path_link: () => ERRNO.NOTSUP,
        poll_oneoff: () => ERRNO.NOSYS,
        proc_exit: (status) => {
            throw new Exit(status);
        },
    };

    const instance = new WebAssembly.Instance(module, { wasi_snapshot_preview1: imports });
    memory = instance.exports.memory;
    const call = (name, ...values) => {
        try {
            return { status: instance.exports[name](...values) ?? 0, exited: false };
        } catch (error) {
            if (!(error instanceof Exit)) throw error;
            return { status: error.status, exited: true };
        }
    };
    if (instance.exports._initialize) call('_initialize');
    const join = (chunks) => {
        if (chunks.length === 1) return decoder.decode(chunks[0]);
        const whole = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
        let at = 0;
        for (const chunk of chunks) {
            whole.set(chunk, at);
            at += chunk.length;
        }
        return decoder.decode(whole);
    };
    const output = () => {
        const written = { stdout: join(stdout), stderr: join(stderr) };
        stdout.length = 0;
        stderr.length = 0;
        return written;
    };
    return { exports: instance.exports, memory: () => memory, call, output };
}
