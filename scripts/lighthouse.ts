/**
 * `npm run lighthouse`: serves dist/ (gzip, like a real host) and runs Lighthouse 12.8.2 (mobile) on every page in
 * the sitemap with Debian's Chromium, printing the four category scores. Figures only, never a test: Lighthouse's
 * simulated timings vary from run to run on a 2-core machine. Needs `npm run build` first; fetches Lighthouse
 * with npx on first use.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serveSite } from '../test/support/server';
import { findChromium, INSTALL_HELP } from '../test/support/chromium';

const run = promisify(execFile);
const chromium = findChromium();
if (!chromium) throw new Error(INSTALL_HELP);
const flags = '--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync';
const server = await serveSite('dist');
const out = mkdtempSync(path.join(tmpdir(), 'lighthouse-'));
const pages = [...readFileSync('dist/sitemap-0.xml', 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
try {
  for (const page of pages) {
    const report = path.join(out, 'report.json');
    // Asynchronous on purpose: the site is served from this same process, which must keep answering.
    await run('npx', ['--yes', 'lighthouse@12.8.2', new URL(page.slice(1), server.url).href, '--quiet', `--chrome-flags=${flags}`, '--output=json', `--output-path=${report}`, '--form-factor=mobile'], {
      env: { ...process.env, CHROME_PATH: chromium },
    });
    const { categories } = JSON.parse(readFileSync(report, 'utf8')) as { categories: Record<string, { score: number }> };
    const scores = Object.entries(categories).map(([id, c]) => `${id} ${Math.round(c.score * 100)}`);
    console.log(`${page.padEnd(20)} ${scores.join('  ')}`);
  }
} finally {
  await server.close();
}
