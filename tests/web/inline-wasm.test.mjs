// inline-wasm.test.mjs — a page's base64 decoding (web/inline-wasm.mjs,
// decodeBase64) gives back each module byte for byte from the data blocks
// of a page web/bundle.mjs wrote, and every padding. Both of its ways are
// run: the atob way (older browsers; Node.js 20, which has no
// Uint8Array.fromBase64, or with it hidden), and the engine's fromBase64
// where this Node.js has it (the pages' suites in Chromium load every
// module that way too). Run from the repository root (tests/web.mk,
// check-web):
//
//   node tests/web/inline-wasm.test.mjs WASM_DIR BUNDLED_PAGE.html
import { readFileSync } from 'node:fs';

import { decodeBase64 } from '../../web/inline-wasm.mjs';

const [wasmDirectory, pagePath] = process.argv.slice(2);
const page = readFileSync(pagePath, 'utf8');
let failed = 0;
const check = (what, ok) => {
    if (!ok) {
        failed++;
        console.error(`inline-wasm: FAIL ${what}`);
    }
};

// Each check over the decoder as it is now.
function checkDecoding(way) {
    for (const name of ['rubricc', 'rubric-grade']) {
        const bytes = readFileSync(`${wasmDirectory}/${name}.wasm`);
        const block = page.match(new RegExp(`<script type="application/octet-stream" data-wasm="${name}">([^<]*)</script>`));
        check(`${pagePath} carries ${name}`, block !== null);
        if (block) {
            check(`${name}'s block is in lines`, block[1].includes('\n'));
            check(`${way}: ${name}.wasm decoded from the page is the module`,
                  Buffer.from(decodeBase64(block[1])).equals(bytes));
        }
    }
    // Every length modulo three (padding of none, one and two '='), and
    // line ends wherever they fall.
    for (let length = 0; length < 200; length++) {
        const bytes = Buffer.from(Array.from({ length }, (_, index) => (index * 73 + 5) & 255));
        const lines = bytes.toString('base64').replace(/.{7}/g, '$&\n');
        check(`${way}: ${length} bytes`, Buffer.from(decodeBase64(lines)).equals(bytes));
    }
}

const fromBase64 = Uint8Array.fromBase64;
const ways = ['atob'];
delete Uint8Array.fromBase64;
checkDecoding('atob');
if (fromBase64) {
    Uint8Array.fromBase64 = fromBase64;
    ways.push('fromBase64');
    checkDecoding('fromBase64');
}
if (failed) process.exit(1);
console.log(`inline-wasm: both modules of the bundled page and 200 lengths decoded byte for byte (${ways.join(', ')})`);
