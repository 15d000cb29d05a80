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
});
