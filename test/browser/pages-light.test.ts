import { expect, it } from 'vitest';
import { axeViolations, describeInBrowser, openPage, useBrowser } from '../support/browser';
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
});
