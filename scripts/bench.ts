/**
 * `npm run bench`: builds the site and prints what it costs — build time, and per page the HTML size and the gzip
 * size of the JS and CSS it loads up front — then the compute package's own timings. Figures only: budgets that
 * are about bytes are enforced by tests (test/site/budgets.test.ts); timings are never turned into tests.
 */
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { htmlFiles } from './lib/site-files';
import { measurePage } from './lib/page-weight';
import { computeBenchmarks } from './lib/compute-bench';
import { convComparisons } from './lib/conv-bench';
import { browserTimings } from './lib/browser-bench';
import { trainingThroughputIsolated } from './lib/train-bench';

const kB = (bytes: number): string => `${(bytes / 1024).toFixed(1)} kB`;

function buildSite(): number {
  const start = performance.now();
  execFileSync('npx', ['astro', 'build', '--silent'], { stdio: 'inherit' });
  return (performance.now() - start) / 1000;
}

const seconds = buildSite();
console.log(`\nFull build (Astro + Pagefind index): ${seconds.toFixed(1)} s\n`);

const rows = htmlFiles('dist').map((file) => measurePage('dist', file));
const width = Math.max(...rows.map((r) => r.page.length), 4);
console.log(`${'page'.padEnd(width)}  ${'HTML'.padStart(9)}  ${'JS (gzip)'.padStart(9)}  ${'CSS (gzip)'.padStart(10)}`);
for (const row of rows) {
  console.log(`${row.page.padEnd(width)}  ${kB(row.html).padStart(9)}  ${kB(row.jsGzip).padStart(9)}  ${kB(row.cssGzip).padStart(10)}`);
}

console.log('\nCompute package');
for (const { name, perSecond, note } of computeBenchmarks()) {
  console.log(`  ${name.padEnd(48)} ${Math.round(perSecond).toLocaleString('en').padStart(12)} /s${note ? `  ${note}` : ''}`);
}

console.log('\nTraining the CNN lab\'s default network (LeNet-5, Adam, batches of 32) on the same digits, in one fresh process (ours and ConvNetJS timed in turns, the best turn of each)');
const side = await trainingThroughputIsolated();
const perSecond = (rate: number): string => `${Math.round(rate).toLocaleString('en').padStart(6)} examples/s`;
for (const { name, examplesPerSecond } of side) {
  const ratio = side[0]!.examplesPerSecond / examplesPerSecond;
  console.log(`  ${name.padEnd(40)} ${perSecond(examplesPerSecond)}${ratio === 1 ? '' : `  (this notebook: ${ratio.toFixed(1)}×)`}`);
}

console.log('\nconv2d against TF.js (CPU backend), float32, median times');
for (const { name, oursMs, tfjsMs, maxRelativeDifference } of await convComparisons()) {
  console.log(`  ${name.padEnd(56)} ours ${oursMs.toFixed(2)} ms, TF.js ${tfjsMs.toFixed(2)} ms, ratio ${(tfjsMs / oursMs).toFixed(2)}× (max relative difference ${maxRelativeDifference.toExponential(1)})`);
}

console.log('\nIn headless Chromium, through the built pages');
const inBrowser = await browserTimings();
if ('skipped' in inBrowser) console.log(`  skipped: ${inBrowser.skipped}`);
else {
  for (const { name, samples, medianMs, p95Ms, maxMs, over20ms } of inBrowser.timings) {
    console.log(`  ${name.padEnd(56)} median ${medianMs.toFixed(1)} ms, p95 ${p95Ms.toFixed(1)} ms, max ${maxMs.toFixed(1)} ms; ${over20ms} of ${samples} over 20 ms`);
  }
  const { reached, best, epochs, frames } = inBrowser.lab;
  console.log('  CNN lab, default settings, from pressing Train:');
  for (const { target, seconds, epoch } of reached) {
    console.log(`    ≥ ${(target * 100).toFixed(1)} % test accuracy: ${seconds === null ? `not reached (best ${(best * 100).toFixed(2)} % after ${epochs} epochs)` : `${seconds.toFixed(1)} s (epoch ${epoch})`}`);
  }
  console.log(`    frames while training: median ${frames.medianMs.toFixed(1)} ms, p95 ${frames.p95Ms.toFixed(1)} ms, max ${frames.maxMs.toFixed(1)} ms; ${frames.over20ms} of ${frames.samples} over 20 ms`);
}
