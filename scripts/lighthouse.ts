/**
 * `npm run lighthouse -- [--runs N] [--render-document] [page …]`: serves dist/ (gzip, like a real host) and runs
 * Lighthouse 12.8.2 (mobile) on every page in the build (or those whose path contains one of the words given) with
 * Debian's Chromium, N times each (default 3), and prints the median run's four category scores, every run's
 * performance score, when that run's first frame was drawn, and for a median score under 100 what cost it. The
 * median, as Lighthouse's own documentation on variability advises: its simulated timings scale the tasks this machine
 * happened to run, and on 2 cores one page's total blocking time varies from run to run by 100 ms or more. Figures
 * only, never a test. Needs `npm run build` first; fetches Lighthouse with npx on first use.
 *
 * `--render-document` leaves Chromium's RenderDocument on, as Chrome ships it, where Lighthouse turns it off by
 * default. Turned off, it keeps a finished page off the screen here for one or two seconds with the page's thread
 * idle (DEVELOPERS.md, the paragraph on speed index); the flag shows what the page itself costs. The default is the
 * plain run.
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
const baseFlags = '--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync';
/**
 * Lighthouse's own --disable-features list (chrome-launcher's dist/flags.js, as Lighthouse 12.8.2 installs it) without
 * RenderDocument: a later --disable-features replaces the earlier one, so the rest of the list is repeated whole.
 */
const keepRenderDocument = '--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,CalculateNativeWinOcclusion,InterestFeedContentSuggestions,CertificateTransparencyComponentUpdater,AutofillServerCommunication,PrivacySandboxSettings4';
const server = await serveSite('dist');
const out = mkdtempSync(path.join(tmpdir(), 'lighthouse-'));
const renderDocument = process.argv.includes('--render-document');
const flags = renderDocument ? `${baseFlags} ${keepRenderDocument}` : baseFlags;
const args = process.argv.slice(2).filter((arg) => arg !== '--render-document');
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
if (!Number.isInteger(runs) || runs < 1 || runs > 20) throw new Error(`--runs must be a whole number from 1 to 20, not "${args[runsAt + 1]}"`);
const only = args.filter((arg, i) => arg !== '--runs' && (runsAt < 0 || i !== runsAt + 1));
const pages = htmlFiles('dist')
  .filter((file) => !file.startsWith('pagefind') && file !== '404.html')
  .map((file) => `/${file.replace(/index\.html$/, '')}`)
  .filter((page) => only.length === 0 || only.some((o) => page.includes(o)));

interface Report {
  categories: Record<string, { score: number; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, { score: number | null; displayValue?: string; title: string; details?: { items?: Record<string, number>[] } }>;
}

/** One Lighthouse run on one page of the served site. */
async function lighthouse(page: string): Promise<Report> {
  const report = path.join(out, 'report.json');
  // Asynchronous on purpose: the site is served from this same process, which must keep answering.
  await run('npx', ['--yes', 'lighthouse@12.8.2', new URL(page.slice(1), server.url).href, '--quiet', `--chrome-flags=${flags}`, '--output=json', `--output-path=${report}`, '--form-factor=mobile'], {
    env: { ...process.env, CHROME_PATH: chromium },
  });
  return JSON.parse(readFileSync(report, 'utf8')) as Report;
}

try {
  for (const page of pages) {
    const reports: Report[] = [];
    for (let k = 0; k < runs; k++) reports.push(await lighthouse(page));
    // The median run by performance score (its other categories do not vary).
    const median = [...reports].sort((a, b) => a.categories['performance']!.score - b.categories['performance']!.score)[(runs - 1) >> 1]!;
    const { categories, audits } = median;
    const scores = Object.entries(categories).map(([id, c]) => `${id} ${Math.round(c.score * 100)}`);
    const every = runs > 1 ? `  (performance in each run: ${reports.map((r) => Math.round(r.categories['performance']!.score * 100)).join(', ')})` : '';
    // The first frame Chromium actually drew, in real (unsimulated) time: the held first frame shows up here.
    const firstFrame = audits['metrics']?.details?.items?.[0]?.['observedFirstPaint'];
    const seen = firstFrame === undefined ? '' : `  (first frame drawn at ${Math.round(firstFrame)} ms)`;
    console.log(`${page.padEnd(20)} ${scores.join('  ')}${every}${seen}`);
    for (const [id, category] of Object.entries(categories)) {
      if (category.score === 1) continue;
      const costly = category.auditRefs.filter((ref) => ref.weight > 0 && (audits[ref.id]?.score ?? 1) < 1).map((ref) => `${ref.id} ${audits[ref.id]!.displayValue ?? Math.round((audits[ref.id]!.score ?? 0) * 100)}`);
      console.log(`    ${id}: ${costly.join('; ')}`);
    }
  }
} finally {
  await server.close();
}
