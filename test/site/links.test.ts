import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileForPath, htmlFiles, inlineStylesheets, readDocument } from '../../scripts/lib/site-files';
import { builtSites } from './sites';

/** Attributes that make the browser fetch something (as opposed to links a reader may follow). */
const RESOURCE_SELECTORS = [
  ['script[src]', 'src'],
  ['link[rel="stylesheet"]', 'href'],
  ['link[rel="icon"]', 'href'],
  ['link[rel="modulepreload"]', 'href'],
  ['link[rel="preload"]', 'href'],
  ['img[src]', 'src'],
  ['source[src]', 'src'],
  ['iframe[src]', 'src'],
] as const;

describe.each(builtSites)('links and anchors in the built site ($name)', ({ dir, base, site, repository }) => {
  const pages = htmlFiles(dir);
  const documents = new Map(pages.map((file) => [file, readDocument(dir, file)]));
  const idsOf = (file: string): Set<string> => {
    const document = documents.get(file) ?? readDocument(dir, file);
    documents.set(file, document);
    return new Set([...document.querySelectorAll('[id]')].map((element) => element.id));
  };

  it('has the expected pages', () => {
    expect(pages).toEqual(expect.arrayContaining(['index.html', '404.html', 'notation/index.html']));
  });

  it.each(pages)('%s: every internal link and fragment resolves under the base path', (file) => {
    const document = documents.get(file)!;
    const pagePath = `${base}${file.replace(/index\.html$/, '')}`;
    const problems: string[] = [];
    for (const anchor of document.querySelectorAll('a[href], link[href]')) {
      const ref = anchor.getAttribute('href')!;
      if (/^(mailto:|tel:)/.test(ref)) continue;
      const url = new URL(ref, `http://site${pagePath}`);
      if (url.host !== 'site') continue; // an outbound link a reader may follow; not fetched by the page
      const target = url.pathname === pagePath ? file : fileForPath(url.pathname, base);
      if (!target) {
        problems.push(`${ref} leaves the base path ${base}`);
        continue;
      }
      if (!existsSync(path.join(dir, target))) {
        problems.push(`${ref} → ${target} does not exist`);
        continue;
      }
      const fragment = decodeURIComponent(url.hash.slice(1));
      if (fragment && target.endsWith('.html') && !idsOf(target).has(fragment)) {
        problems.push(`${ref}: no element with id "${fragment}" in ${target}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(pages)('%s: loads nothing from another origin', (file) => {
    const document = documents.get(file)!;
    const external: string[] = [];
    for (const [selector, attribute] of RESOURCE_SELECTORS) {
      for (const element of document.querySelectorAll(selector)) {
        const value = element.getAttribute(attribute)!;
        if (/^([a-z]+:)?\/\//i.test(value) && !value.startsWith('data:')) external.push(`${selector}: ${value}`);
      }
    }
    expect(external).toEqual([]);
  });

  it.each(pages)('%s: every "Run this" cell\'s hidden code is published where the cell will fetch it', (file) => {
    const document = documents.get(file)!;
    for (const cell of document.querySelectorAll('code-cell[data-prelude-url]')) {
      const target = fileForPath(cell.getAttribute('data-prelude-url')!, base);
      expect(target && existsSync(path.join(dir, target)), cell.getAttribute('data-prelude-url')!).toBe(true);
    }
  });

  it.each(pages)('%s: the footer links the source repository when the build was told it (REPO_URL)', (file) => {
    const footer = documents.get(file)!.querySelector('footer.site-footer');
    expect(footer?.textContent).toMatch(/src\/compute/);
    expect(footer?.querySelector('a')?.getAttribute('href') ?? null).toBe(repository);
  });

  it.each(pages)('%s: links are absolute paths, so hosts that drop the trailing slash do not break them', (file) => {
    const document = documents.get(file)!;
    const relative = [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!).filter((href) => /^\.\.?\//.test(href));
    expect(relative).toEqual([]);
  });

  it.skipIf(!site).each(pages)('%s: the Open Graph image and canonical URL point into the site', (file) => {
    const document = documents.get(file)!;
    const image = document.querySelector('meta[property="og:image"]')?.getAttribute('content');
    expect(image).toBeTruthy();
    const imageFile = fileForPath(new URL(image!).pathname, base);
    expect(imageFile && existsSync(path.join(dir, imageFile))).toBe(true);
    const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href');
    if (file !== '404.html') expect(new URL(canonical!).pathname.startsWith(base)).toBe(true);
  });

  it('stylesheets, linked and inline, only reference files that exist in the site', () => {
    const assets = path.join(dir, '_astro');
    // Each stylesheet with the address its url()s resolve against: a file's own, a page's inline one's the page's.
    const stylesheets = [
      ...readdirSync(assets).filter((n) => n.endsWith('.css')).map((name) => ({ name, css: readFileSync(path.join(assets, name), 'utf8'), at: `${base}_astro/${name}` })),
      ...pages.flatMap((file) => inlineStylesheets(documents.get(file) ?? readDocument(dir, file)).map((css) => ({ name: `${file} <style>`, css, at: `${base}${file}` }))),
    ];
    expect(stylesheets.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const { name, css, at } of stylesheets) {
      for (const [, raw] of css.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) {
        const ref = raw!;
        if (ref.startsWith('data:') || ref.startsWith('#')) continue;
        if (/^([a-z]+:)?\/\//i.test(ref)) {
          problems.push(`${name}: external ${ref}`);
          continue;
        }
        const resolved = new URL(ref, `http://site${at}`).pathname;
        const target = fileForPath(resolved, base);
        if (!target || !existsSync(path.join(dir, target))) problems.push(`${name}: missing ${ref}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('with SITE: canonical and Open Graph URLs under it, a noindex 404; without: none of them, and no sitemap', () => {
    for (const file of pages) {
      const document = documents.get(file) ?? readDocument(dir, file);
      const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null;
      const robots = document.querySelector('meta[name="robots"]')?.getAttribute('content') ?? null;
      if (file === '404.html') {
        expect([canonical, robots]).toEqual([null, 'noindex']);
      } else {
        expect(robots).toBeNull();
        expect(canonical).toBe(site ? `${site}${base}${file.replace(/index\.html$/, '')}` : null);
        expect(document.querySelector('meta[property="og:url"]')?.getAttribute('content') ?? null).toBe(canonical);
      }
      if (!site) expect(document.querySelector('meta[property="og:image"], link[rel="sitemap"]')).toBeNull();
    }
    expect(existsSync(path.join(dir, 'sitemap-index.xml'))).toBe(site !== null);
  });

  it.skipIf(!site)('the sitemap lists every page but the 404, under the base path', () => {
    const sitemap = readFileSync(path.join(dir, 'sitemap-0.xml'), 'utf8');
    const listed = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname).sort();
    const expected = pages
      .filter((file) => file !== '404.html')
      .map((file) => `${base}${file.replace(/index\.html$/, '')}`)
      .sort();
    expect(listed).toEqual(expected);
  });
});
