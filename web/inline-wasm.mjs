// inline-wasm.mjs — the page's side of web/bundle.mjs: the WebAssembly
// modules a bundled page carries as base64 data blocks
// (<script type="application/octet-stream" data-wasm="NAME">), decoded to
// bytes, and wasm/rubric.mjs loaded over them. Nothing is fetched.
//
//   import { loadInlineRubric } from '../web/inline-wasm.mjs';
//   const rubric = await loadInlineRubric();   // rubric.compile, gradeBatch, run …
import { loadRubric } from '../wasm/rubric.mjs';

// Base64 (in lines) to bytes: the engine's own decoder where it has one
// (Uint8Array.fromBase64: Chrome and Edge 140, Firefox 133, Safari 18.2),
// else atob and a copy. Both pass over the line ends. The compiler module's
// 890 KB of base64 took 20 to 25 ms the old way (the line ends taken out
// first, then atob and the copy), a half of the 50 ms a module may take to
// load; atob alone with the copy 14 to 18 ms (Node.js's V8).
export function decodeBase64(text) {
    if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(text);
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
    return bytes;
}

// The bytes of the module NAME ('rubricc', 'rubric-grade'), or undefined
// when the page does not carry it.
export function inlineWasm(name) {
    const block = document.querySelector(`script[type="application/octet-stream"][data-wasm="${name}"]`);
    return block ? decodeBase64(block.textContent) : undefined;
}

// wasm/rubric.mjs over the modules the page carries (either may be absent:
// a page that only grades carries only rubric-grade).
export function loadInlineRubric() {
    return loadRubric({ compiler: inlineWasm('rubricc'), grader: inlineWasm('rubric-grade') });
}
