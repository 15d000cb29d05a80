/**
 * `npm run katex-fallback`: measures, in Chromium, every character the built site's formulas set in each KaTeX face
 * against Times New Roman and DejaVu Sans, and writes src/styles/katex-fallback.css (scripts/lib/katex-fallback.ts
 * says why). Needs a build (`npm run build`), a Times-metric font and DejaVu Sans (Debian: fonts-liberation,
 * fonts-dejavu-core); rebuild afterwards to use it. Rerun it when formulas use a KaTeX face they did not before: a
 * browser test (test/browser/math-fonts.test.ts) fails when a first screen laid out in the local faces differs from
 * one in KaTeX's fonts.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { findChromium, INSTALL_HELP, launchChromium } from '../test/support/chromium';
import { serveSite } from '../test/support/server';
import { FALLBACK_CSS_FILE, fallbackCss, fontPresentExpression, type FaceMeasurement } from './lib/katex-fallback';
import { htmlFiles } from './lib/site-files';

/** In the page: the text of its formulas, by KaTeX face ("KaTeX_Math|italic|400"). */
const CHARACTERS_BY_FACE = `(() => {
  const faces = {};
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!element || !element.closest('.katex-html')) continue;
    const style = getComputedStyle(element);
    const family = style.fontFamily.split(',')[0].trim().replace(/"/g, '');
    if (!family.startsWith('KaTeX_')) continue;
    const key = family + '|' + style.fontStyle + '|' + style.fontWeight;
    faces[key] = (faces[key] || '') + node.textContent.replace(/[\\s\\u200b]/g, '');
  }
  return faces;
})()`;

/**
 * In the page (fonts loaded): each face's metrics and, per character, its width over Times New Roman's (if the
 * Times face has it) and over DejaVu Sans's, with how often the site sets it. Whether Times has a character: set in
 * Times New Roman with the KaTeX face after it, it measures as in Times New Roman with DejaVu Sans after it only if
 * Times has it.
 */
const MEASURE = (characters: Record<string, Record<string, number>>): string => `(async () => {
  await document.fonts.ready;
  const context = document.createElement('canvas').getContext('2d');
  const width = (font, text) => { context.font = font; return context.measureText(text).width; };
  if (!${fontPresentExpression('"Times New Roman"')} || !${fontPresentExpression('"DejaVu Sans"')}) return null;
  const faces = [];
  for (const [key, counts] of Object.entries(${JSON.stringify(characters)})) {
    const [family, style, weight] = key.split('|');
    const list = Object.keys(counts);
    const font = (names) => style + ' ' + weight + ' 1000px ' + names;
    await document.fonts.load(font(family), list.join(''));
    context.font = font(family);
    const metrics = context.measureText(' ');
    const common = { family, style, weight: Number(weight), ascent: metrics.fontBoundingBoxAscent / 1000,
      descent: metrics.fontBoundingBoxDescent / 1000 };
    const times = { ...common, local: 'times', characters: {} };
    const dejavu = { ...common, local: 'dejavu', characters: {} };
    for (const character of list) {
      const katex = width(font(family), character);
      const count = Math.max(1, counts[character] || 0);
      const add = (face, local) => {
        const localWidth = width(font(local), character);
        face.characters[character] = { ratio: katex / localWidth, weight: count * (localWidth / 1000) ** 2 };
      };
      if (width(font('"Times New Roman", ' + family), character) === width(font('"Times New Roman", "DejaVu Sans"'), character)) add(times, '"Times New Roman"');
      add(dejavu, '"DejaVu Sans"');
    }
    faces.push(times, dejavu);
  }
  return faces;
})()`;

const chromiumPath = findChromium();
if (!chromiumPath) throw new Error(INSTALL_HELP);
if (!existsSync('dist/index.html')) throw new Error('No build in dist/: run npm run build first.');
const server = await serveSite('dist');
const browser = await launchChromium(chromiumPath);
try {
  const page = await browser.newPage();
  const characters: Record<string, Record<string, number>> = {};
  for (const file of htmlFiles('dist').filter((name) => !name.startsWith('pagefind'))) {
    await page.goto(new URL(file.replace(/index\.html$/, ''), server.url).href, { waitUntil: 'load' });
    const faces = await page.evaluate(CHARACTERS_BY_FACE) as Record<string, string>;
    for (const [key, text] of Object.entries(faces)) {
      const counts = (characters[key] ??= {});
      for (const character of text) counts[character] = (counts[character] ?? 0) + 1;
    }
  }
  const faces = await page.evaluate(MEASURE(characters)) as FaceMeasurement[] | null;
  if (!faces) throw new Error('It needs a Times-metric font (Times New Roman, Liberation Serif or Tinos) and DejaVu Sans: on Debian, apt-get install fonts-liberation fonts-dejavu-core.');
  const katexCss = readFileSync(createRequire(import.meta.url).resolve('katex/dist/katex.min.css'), 'utf8');
  writeFileSync(FALLBACK_CSS_FILE, fallbackCss(faces, katexCss));
  const measured = faces.filter((face) => face.local === 'dejavu').reduce((sum, face) => sum + Object.keys(face.characters).length, 0);
  console.log(`wrote ${FALLBACK_CSS_FILE}: ${faces.length / 2} KaTeX faces, ${measured} characters; rebuild (npm run build) to use it`);
} finally {
  await browser.close();
  await server.close();
}
