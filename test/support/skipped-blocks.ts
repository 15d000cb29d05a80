import type { Page } from 'playwright-core';

/**
 * Lays out every block the page leaves for later (content-visibility: auto: display math, listings, a chapter's
 * later paragraphs, the API page's entries), as a reader scrolling there would see it. Skipped, a block's contents
 * have no boxes: a measure of what sticks out passes them unseen, and axe's colour-contrast rule leaves their text
 * undecided. Returns how many blocks it laid out; `skipAgain` hands them back to the browser.
 */
export const layOutSkippedBlocks = (page: Page): Promise<number> =>
  page.evaluate(`(() => {
    let count = 0;
    for (const element of document.querySelectorAll('body *')) {
      if (getComputedStyle(element).contentVisibility === 'auto') (element.style.contentVisibility = 'visible'), count++;
    }
    return count;
  })()`);

/** Undoes layOutSkippedBlocks (no script of the site sets content-visibility itself). */
export const skipAgain = (page: Page): Promise<void> =>
  page.evaluate(`(() => {
    for (const element of document.querySelectorAll('body *')) if (element.style.contentVisibility === 'visible') element.style.contentVisibility = '';
  })()`);
