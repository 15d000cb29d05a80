/**
 * `npm run lighthouse`: serves dist/ (gzip, like a real host) and runs Lighthouse 12.8.2 (mobile) on every page in
 * the build with Debian's Chromium, printing the four category scores, and for a score under 100 what cost it. Figures only, never a test: Lighthouse's
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
import { htmlFiles } from './lib/site-files';

const run = promisify(execFile);
const chromium = findChromium();
if (!chromium) throw new Error(INSTALL_HELP);
const flags = '--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync';
const server = await serveSite('dist');
const out = mkdtempSync(path.join(tmpdir(), 'lighthouse-'));
const only = process.argv.slice(2);
const pages = htmlFiles('dist')
  .filter((file) => !file.startsWith('pagefind') && file !== '404.html')
  .map((file) => `/${file.replace(/index\.html$/, '')}`)
  .filter((page) => only.length === 0 || only.some((o) => page.includes(o)));
try {
  for (const page of pages) {
    const report = path.join(out, 'report.json');
    // Asynchronous on purpose: the site is served from this same process, which must keep answering.
    await run('npx', ['--yes', 'lighthouse@12.8.2', new URL(page.slice(1), server.url).href, '--quiet', `--chrome-flags=${flags}`, '--output=json', `--output-path=${report}`, '--form-factor=mobile'], {
      env: { ...process.env, CHROME_PATH: chromium },
    });
    const { categories, audits } = JSON.parse(readFileSync(report, 'utf8')) as {
      categories: Record<string, { score: number; auditRefs: { id: string; weight: number }[] }>;
      audits: Record<string, { score: number | null; displayValue?: string; title: string }>;
    };
    const scores = Object.entries(categories).map(([id, c]) => `${id} ${Math.round(c.score * 100)}`);
    console.log(`${page.padEnd(20)} ${scores.join('  ')}`);
    for (const [id, category] of Object.entries(categories)) {
      if (category.score === 1) continue;
      const costly = category.auditRefs.filter((ref) => ref.weight > 0 && (audits[ref.id]?.score ?? 1) < 1).map((ref) => `${ref.id} ${audits[ref.id]!.displayValue ?? Math.round((audits[ref.id]!.score ?? 0) * 100)}`);
      console.log(`    ${id}: ${costly.join('; ')}`);
    }
  }
} finally {
  await server.close();
}
