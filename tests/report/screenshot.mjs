// screenshot.mjs — the first screen of a results page as a manager sees it
// in a browser, saved as a PNG for the README (docs/report-screenshot.png).
// The accessibility checks are tests/html/review.mjs's; this only takes
// the picture, in Debian's headless Chromium through playwright-core.
//
//   node tests/report/screenshot.mjs PAGE.html OUTPUT.png
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('../node_modules/playwright-core');

const [page, output] = process.argv.slice(2);
if (!page || !output) {
  console.error('usage: node tests/report/screenshot.mjs PAGE.html OUTPUT.png');
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1100, height: 1500 } });
  const tab = await context.newPage();
  const url = pathToFileURL(resolve(page)).href;
  await context.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
  await tab.goto(url, { waitUntil: 'load' });
  await tab.screenshot({ path: output });
  await context.close();
} finally {
  await browser.close();
}
console.log(`report-screenshot: saved ${output}`);
