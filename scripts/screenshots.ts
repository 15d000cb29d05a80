/**
 * `npm run screenshots -- <out-dir> [--compare <other-dir>] [--only <page>]`: full-page screenshots of every page of
 * dist/ at 360 px and 1280 px, light and dark, with every widget started and motion reduced, for reading by eye
 * (and, with --compare, counting the pixels that differ from an earlier set, e.g. before a CSS refactor).
 * Figures and pictures only, never a test. Needs `npm run build` first.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { findChromium, INSTALL_HELP, launchChromium } from '../test/support/chromium';
import { serveSite } from '../test/support/server';
import { loadMathFonts } from '../test/support/math-fonts';
import { htmlFiles } from './lib/site-files';

const args = process.argv.slice(2);
const outDir = args[0];
const compareWith = args.includes('--compare') ? args[args.indexOf('--compare') + 1] : undefined;
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
if (!outDir || outDir.startsWith('--')) {
  console.error('usage: npm run screenshots -- <out-dir> [--compare <other-dir>] [--only <page>]');
  process.exit(2);
}
const chromium = findChromium();
if (!chromium) throw new Error(INSTALL_HELP);

const pages = htmlFiles('dist')
  .filter((file) => !file.startsWith('pagefind'))
  .map((file) => file.replace(/index\.html$/, ''))
  .map((file) => (file === '404.html' ? 'no-such-page/' : file))
  .filter((page) => !only || page.startsWith(only));

mkdirSync(outDir, { recursive: true });
const server = await serveSite('dist');
const browser = await launchChromium(chromium);
try {
  for (const width of [360, 1280]) {
    for (const scheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ viewport: { width, height: 800 }, colorScheme: scheme, reducedMotion: 'reduce' });
      const page = await context.newPage();
      // As a reader's second page would be: the formulas in KaTeX's fonts, not the local faces of a first page.
      await loadMathFonts(page, server.url);
      for (const sitePath of pages) {
        await page.goto(new URL(sitePath, server.url).href, { waitUntil: 'load' });
        // Start every widget (some start only near the viewport), then let fonts and images settle.
        const ids = await page.locator('[data-widget]').evaluateAll((widgets) => widgets.map((w) => w.id));
        for (const id of ids) {
          await page.locator(`#${id}`).scrollIntoViewIfNeeded();
          await page.locator(`#${id}[data-started]`).waitFor({ state: 'attached' });
        }
        // Scroll through the page once, so that every block the browser skips (content-visibility: auto) has been
        // laid out and keeps its real height (two runs then give the same pictures), yet is drawn as a reader sees
        // it, containment and all: forcing every block visible instead once hid list markers that readers never saw.
        await page.evaluate(`(async () => {
          const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
          for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
            window.scrollTo(0, y);
            await frame();
          }
          await document.fonts.ready;
          window.scrollTo(0, 0);
        })()`);
        await page.waitForTimeout(300);
        const name = `${(sitePath.replace(/\/$/, '') || 'home').replace(/\//g, '_')}-${width}-${scheme}.png`;
        // A viewport as tall as the page, so that every block is on screen: a full-page capture draws the blocks
        // outside the real viewport as the browser left them, skipped and blank.
        await page.setViewportSize({ width, height: await page.evaluate(() => document.documentElement.scrollHeight) });
        await page.waitForTimeout(300);
        writeFileSync(path.join(outDir, name), await page.screenshot());
        await page.setViewportSize({ width, height: 800 });
      }
      await context.close();
    }
  }
  if (compareWith) await compare(outDir, compareWith);
} finally {
  await browser.close();
  await server.close();
}

/** Counts differing pixels between same-named screenshots of two folders, decoding them in the browser. */
async function compare(a: string, b: string): Promise<void> {
  const page = await browser.newPage();
  for (const name of readdirSync(a).filter((n) => n.endsWith('.png')).sort()) {
    if (!existsSync(path.join(b, name))) {
      console.log(`${name}: only in ${a}`);
      continue;
    }
    const [left, right] = [a, b].map((dir) => `data:image/png;base64,${readFileSync(path.join(dir, name)).toString('base64')}`);
    const result = await page.evaluate(
      `(async () => {
        const load = (src) => new Promise((resolve) => { const img = new Image(); img.onload = () => resolve(img); img.src = src; });
        const [l, r] = await Promise.all([load(${JSON.stringify(left)}), load(${JSON.stringify(right)})]);
        if (l.width !== r.width || l.height !== r.height) return 'size ' + l.width + '×' + l.height + ' vs ' + r.width + '×' + r.height;
        const pixels = (img) => { const c = new OffscreenCanvas(img.width, img.height); const g = c.getContext('2d'); g.drawImage(img, 0, 0); return g.getImageData(0, 0, img.width, img.height).data; };
        const [p, q] = [pixels(l), pixels(r)];
        let differ = 0;
        for (let i = 0; i < p.length; i += 4) if (p[i] !== q[i] || p[i + 1] !== q[i + 1] || p[i + 2] !== q[i + 2]) differ++;
        return differ + ' px differ';
      })()`,
    );
    console.log(`${name}: ${result}`);
  }
}
