// chromium.mjs — how the HTML tests launch Chromium (review.mjs,
// form_e2e.mjs): Debian's build, headless, as root without the sandbox,
// with nothing fetched in the background. Playwright gives every launch a
// fresh --user-data-dir of its own.
export const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};
