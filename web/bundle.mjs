// bundle.mjs — makes one self-contained, offline HTML page from a template,
// an ES module entry point and WebAssembly modules: everything the page
// needs travels inside it, so it works opened from file://, from a shared
// drive or as an email attachment, with no network and no server.
//
//   node web/bundle.mjs --template PAGE.html --script ENTRY.mjs \
//        [--wasm NAME=FILE.wasm]... [--text NAME=FILE]... [--style-from EMITTED.html] --out OUT.html
//
// The template holds two markers, each once: <!-- bundle:head --> (in
// <head>, before the page's own <style>) and <!-- bundle:body --> (at the
// end of <body>). In their place go:
//
//   head  the Content-Security-Policy (below), then the stylesheet of an
//         emitted page (--style-from: the first <style> of a page rubricc
//         wrote, so that the page looks like the guidance pages and forms
//         without a second copy of their CSS);
//   body  each WebAssembly module as base64 in a data block,
//         <script type="application/octet-stream" data-wasm="NAME">, which
//         the browser never runs (web/inline-wasm.mjs decodes it), each
//         text file as it is in <script type="text/plain" data-text="NAME">
//         (a file the page offers, such as the shipped themes file), then
//         the entry module and everything it imports (wasm/rubric.mjs,
//         wasm/memory-wasi.mjs, …) bundled by Debian's esbuild into one
//         classic script.
//
// The policy allows that one script by its SHA-256 hash, WebAssembly
// ('wasm-unsafe-eval'), inline styles, and nothing else: no other script,
// no fetch, no connection, no frame, image or font from anywhere (data:
// images only), no form submission. Styles are allowed inline, as on
// every page rubricc writes: a report drawn in the page carries its own.
// The output is written whole to a temporary file and renamed into place.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';

const USAGE = 'usage: node web/bundle.mjs --template PAGE.html --script ENTRY.mjs '
            + '[--wasm NAME=FILE.wasm]... [--text NAME=FILE]... [--style-from EMITTED.html] --out OUT.html';

function fail(message) {
    console.error(`bundle.mjs: ${message}`);
    process.exit(2);
}

function parseArguments(argv) {
    const options = { wasm: [], text: [] };
    for (let index = 0; index < argv.length; index += 2) {
        const [flag, value] = [argv[index], argv[index + 1]];
        if (value === undefined) fail(`${flag} needs a value\n${USAGE}`);
        if (flag === '--template') options.template = value;
        else if (flag === '--script') options.script = value;
        else if (flag === '--style-from') options.styleFrom = value;
        else if (flag === '--out') options.out = value;
        else if (flag === '--wasm') {
            const match = /^([a-z][a-z0-9-]*)=(.+)$/.exec(value);
            if (!match) fail(`--wasm '${value}': give NAME=FILE.wasm, NAME in lower case letters, digits and '-'`);
            options.wasm.push({ name: match[1], file: match[2] });
        } else if (flag === '--text') {
            const match = /^([a-z][a-z0-9-]*)=(.+)$/.exec(value);
            if (!match) fail(`--text '${value}': give NAME=FILE, NAME in lower case letters, digits and '-'`);
            options.text.push({ name: match[1], file: match[2] });
        } else fail(`unknown option '${flag}'\n${USAGE}`);
    }
    for (const needed of ['template', 'script', 'out'])
        if (!options[needed]) fail(`--${needed} is missing\n${USAGE}`);
    return options;
}

function read(path, what) {
    try {
        return readFileSync(path);
    } catch (error) {
        fail(`cannot read ${what} '${path}': ${error.message}`);
    }
}

// Base64 in lines of 76 characters (atob skips the line ends).
function base64Lines(bytes) {
    const text = Buffer.from(bytes).toString('base64');
    const lines = [];
    for (let at = 0; at < text.length; at += 76) lines.push(text.slice(at, at + 76));
    return lines.join('\n');
}

// The entry module and its imports as one classic script. esbuild writes
// "</script" inside strings as "<\/script"; anything left would end the
// element early, so it is refused.
function bundleScript(entry) {
    let script;
    try {
        script = execFileSync('esbuild', [entry, '--bundle', '--format=iife', '--target=es2020', '--charset=utf8',
                                          '--legal-comments=none', '--log-level=warning'],
                              { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    } catch (error) {
        fail(error.code === 'ENOENT' ? "esbuild is missing: install Debian's esbuild (sh scripts/deps.sh wasm)"
                                     : `esbuild could not bundle '${entry}'`);
    }
    if (/<\/script|<!--/i.test(script)) fail(`the bundle of '${entry}' holds '</script' or '<!--'`);
    return script;
}

function emittedStyle(page) {
    const match = /<style>\n?([\s\S]*?)<\/style>/.exec(read(page, 'the page to take the style from').toString('utf8'));
    if (!match) fail(`'${page}' has no <style> element to take the style from`);
    return match[1];
}

function replaceMarker(template, marker, text, path) {
    const parts = template.split(marker);
    if (parts.length !== 2) fail(`the template '${path}' must hold ${marker} exactly once`);
    return parts[0] + text + parts[1];
}

const options = parseArguments(process.argv.slice(2));
let page = read(options.template, 'the template').toString('utf8');
// The policy allows one script, the bundle: a script written in the
// template would be refused by the browser, so it is refused here.
if (/<script\b/i.test(page)) fail(`the template '${options.template}' holds a <script>: import it from the entry module`);
const script = bundleScript(options.script);
const hash = createHash('sha256').update(script, 'utf8').digest('base64');
const policy = `default-src 'none'; script-src 'sha256-${hash}' 'wasm-unsafe-eval'; style-src 'unsafe-inline'; `
             + "img-src data:; base-uri 'none'; form-action 'none'";
let head = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
if (options.styleFrom) head += `\n<style>\n${emittedStyle(options.styleFrom)}</style>`;
let body = '';
for (const { name, file } of options.wasm)
    body += `<script type="application/octet-stream" data-wasm="${name}">\n`
          + `${base64Lines(read(file, 'the module'))}\n</script>\n`;
for (const { name, file } of options.text) {
    const text = read(file, 'the text file').toString('utf8');
    if (/<\/script|<!--/i.test(text)) fail(`the text file '${file}' holds '</script' or '<!--'`);
    body += `<script type="text/plain" data-text="${name}">${text}</script>\n`;
}
body += `<script>${script}</script>`;
page = replaceMarker(page, '<!-- bundle:head -->', head, options.template);
page = replaceMarker(page, '<!-- bundle:body -->', body, options.template);
const temporary = `${options.out}.${process.pid}.tmp`;
writeFileSync(temporary, page);
renameSync(temporary, options.out);
console.log(`bundle.mjs: wrote ${options.out} (${Math.round(Buffer.byteLength(page) / 1000)} KB; ${basename(options.script)}`
            + `${options.wasm.map(({ name }) => `, ${name}.wasm`).join('')})`);
