import { expect, it } from 'vitest';
import { AXE_TAGS, axeResults, axeViolations, describeInBrowser, openPage, useBrowser } from '../support/browser';
import { checkEveryPage } from './pages';

checkEveryPage('light');

describeInBrowser('the 404 page', () => {
  useBrowser();

  it('an unknown address gets the 404 page, which is clean too', async () => {
    const { page, foreignRequests } = await openPage('no-such-page/', { allowErrors: /404/ });
    expect(await page.locator('h1').textContent()).toBe('Page not found');
    expect(foreignRequests).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('the axe check as configured finds planted violations (so its empty lists mean something)', async () => {
    const { page } = await openPage('no-such-page/', { allowErrors: /404/ });
    await page.evaluate(() => {
      const main = document.querySelector('main')!;
      main.append(Object.assign(document.createElement('input'), { type: 'text' }));
      const faint = Object.assign(document.createElement('p'), { textContent: 'barely there' });
      faint.style.color = '#eee';
      main.append(faint);
    });
    const found = (await axeViolations(page)).map((line) => line.split(':')[0]);
    expect(found).toEqual(expect.arrayContaining(['label', 'color-contrast']));
  });

  it('axe runs every rule its tags name, target size (WCAG 2.2, off by default) included', async () => {
    const { page } = await openPage('no-such-page/', { allowErrors: /404/ });
    const results = await axeResults(page);
    const ran = [...results.passes, ...results.violations, ...results.incomplete, ...results.inapplicable].map((rule) => rule.id);
    // axe.getRules lists experimental and deprecated rules too, which a tagged run leaves out unless asked for.
    const tagged = await page.evaluate((tags) => (window as unknown as { axe: { getRules(tags: string[]): { ruleId: string; tags: string[] }[] } }).axe.getRules(tags)
      .filter((rule) => !rule.tags.includes('experimental') && !rule.tags.includes('deprecated')).map((rule) => rule.ruleId), AXE_TAGS);
    expect(ran.sort()).toEqual(tagged.sort());
    expect(ran).toContain('target-size');
  });
});
