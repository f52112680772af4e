// pa11y (HTML_CodeSniffer, WCAG2AA) over many pages in one Chromium: a second engine beside axe.
//   node tools/pa11y-pages.js targets.json   (a JSON list of URLs: http:// pages or file:// snapshots)
// Prints {"<url>": [issue, ...]} as JSON, errors only. One browser for every URL: starting Chromium
// per page would cost more than checking it. Debian's Chromium, never a downloaded one
// (PUPPETEER_SKIP_DOWNLOAD=1 at install); --no-sandbox as the tests run as root.
'use strict';
const fs = require('fs');
const pa11y = require('pa11y');
const puppeteer = require('puppeteer');

async function main() {
  const urls = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const found = {};
  try {
    for (const url of urls) {
      const result = await pa11y(url, {
        browser,
        standard: 'WCAG2AA',
        runners: ['htmlcs'],
        includeWarnings: false,
        includeNotices: false,
        viewport: { width: 360, height: 740 },
        timeout: 120000,
      });
      found[url] = result.issues.filter((i) => i.type === 'error')
        .map((i) => ({ code: i.code, message: i.message, selector: i.selector, context: i.context }));
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(found));
}

main().catch((error) => { process.stderr.write(String(error && error.stack || error) + '\n'); process.exit(2); });
