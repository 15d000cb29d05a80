/**
 * `npm run lighthouse -- [--runs N] [--render-document] [--uncalibrated | --cpu-slowdown N] [page …]`: serves dist/
 * (gzip, like a real host) and runs Lighthouse 12.8.2 (mobile) on every page in the build (or those whose path
 * contains one of the words given) with Debian's Chromium, N times each (default 3), and prints the median run's four
 * category scores, every run's performance score, when that run's first frame was drawn, and for a median score under
 * 100 what cost it. The median, as Lighthouse's own documentation on variability advises: its simulated timings
 * scale the tasks this machine happened to run, and on 2 cores one page's total blocking time varies from run to run
 * by 100 ms or more. Figures only, never a test. Needs `npm run build` first; fetches Lighthouse with npx on first use.
 * `LH_DIR=dist-x npm run lighthouse` serves another build instead (e.g. `OUT_DIR=./dist-x npx astro build` of a
 * variant), so that two versions can be run in turn on the same host.
 *
 * The CPU slowdown is calibrated to this host, as Lighthouse's throttling documentation asks on a host slower than the
 * fast desktop its default 4× assumes (scripts/lib/cpu-slowdown.ts): three runs on the home page measure the host's
 * benchmark index, and every run then uses the slowdown Lighthouse's calculator gives for it. `--uncalibrated` keeps
 * the default 4× (on this 2-core machine, index 850–1,240, that simulates a phone about twice as slow as Lighthouse's
 * mid-tier target); `--cpu-slowdown N` sets it.
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
import { cpuSlowdownFor } from './lib/cpu-slowdown';

const run = promisify(execFile);
const chromium = findChromium();
if (!chromium) throw new Error(INSTALL_HELP);
const baseFlags = '--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync';
/**
 * Lighthouse's own --disable-features list (chrome-launcher's dist/flags.js, as Lighthouse 12.8.2 installs it) without
 * RenderDocument: a later --disable-features replaces the earlier one, so the rest of the list is repeated whole.
 */
const keepRenderDocument = '--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,CalculateNativeWinOcclusion,InterestFeedContentSuggestions,CertificateTransparencyComponentUpdater,AutofillServerCommunication,PrivacySandboxSettings4';
const server = await serveSite(process.env['LH_DIR'] ?? 'dist');
const out = mkdtempSync(path.join(tmpdir(), 'lighthouse-'));
const switches = ['--render-document', '--uncalibrated'];
const renderDocument = process.argv.includes('--render-document');
const uncalibrated = process.argv.includes('--uncalibrated');
const flags = renderDocument ? `${baseFlags} ${keepRenderDocument}` : baseFlags;
const args = process.argv.slice(2).filter((arg) => !switches.includes(arg));
/** The value after an option such as `--runs` (undefined when absent); takes both out of `args`, leaving the page words. */
function option(name: string): string | undefined {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  args.splice(at, 2);
  return value ?? '';
}
const runsGiven = option('--runs');
const runs = runsGiven === undefined ? 3 : Number(runsGiven);
if (!Number.isInteger(runs) || runs < 1 || runs > 20) throw new Error(`--runs must be a whole number from 1 to 20, not "${runsGiven}"`);
const slowdownGiven = option('--cpu-slowdown');
if (slowdownGiven !== undefined && !(Number(slowdownGiven) >= 1 && Number(slowdownGiven) <= 20)) {
  throw new Error(`--cpu-slowdown must be a number from 1 to 20, not "${slowdownGiven}"`);
}
const pages = htmlFiles('dist')
  .filter((file) => !file.startsWith('pagefind') && file !== '404.html')
  .map((file) => `/${file.replace(/index\.html$/, '')}`)
  .filter((page) => args.length === 0 || args.some((word) => page.includes(word)));

interface Report {
  categories: Record<string, { score: number; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, { score: number | null; displayValue?: string; title: string; details?: { items?: Record<string, number>[] } }>;
  environment: { benchmarkIndex: number };
}

/** One Lighthouse run on one page of the served site. */
async function lighthouse(page: string, cpuSlowdown: number): Promise<Report> {
  const report = path.join(out, 'report.json');
  // Asynchronous on purpose: the site is served from this same process, which must keep answering.
  await run('npx', ['--yes', 'lighthouse@12.8.2', new URL(page.slice(1), server.url).href, '--quiet', `--chrome-flags=${flags}`, '--output=json', `--output-path=${report}`, '--form-factor=mobile', `--throttling.cpuSlowdownMultiplier=${cpuSlowdown}`], {
    env: { ...process.env, CHROME_PATH: chromium },
  });
  return JSON.parse(readFileSync(report, 'utf8')) as Report;
}

/** The slowdown to run with: given, Lighthouse's default, or calibrated on the median of three runs' benchmark index. */
async function chooseSlowdown(): Promise<number> {
  if (slowdownGiven !== undefined) return Number(slowdownGiven);
  if (uncalibrated) return 4;
  const indices: number[] = [];
  for (let k = 0; k < 3; k++) indices.push((await lighthouse('/', 4)).environment.benchmarkIndex);
  const index = indices.sort((a, b) => a - b)[1]!;
  const slowdown = Math.round(cpuSlowdownFor(index) * 10) / 10;
  console.log(`host benchmark index ${Math.round(index)} (runs: ${indices.map(Math.round).join(', ')}) → CPU slowdown ${slowdown}× (Lighthouse's calibration; --uncalibrated for its default 4×)`);
  return slowdown;
}

try {
  const cpuSlowdown = await chooseSlowdown();
  if (slowdownGiven !== undefined || uncalibrated) console.log(`CPU slowdown ${cpuSlowdown}×`);
  for (const page of pages) {
    const reports: Report[] = [];
    for (let k = 0; k < runs; k++) reports.push(await lighthouse(page, cpuSlowdown));
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
