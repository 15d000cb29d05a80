import { expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { exerciseTexts } from '../../components/cells/exercise-texts';
import { numberExercises } from '../../components/cells/exercises';
import { axeViolations, describeInBrowser, openPage, useBrowser, scriptsLoaded } from '../support/browser';

/** A cell by its id, scrolled into view and started (its code loads near the viewport), inside an opened <details>. */
async function cell(page: Page, id: string): Promise<Locator> {
  const found = page.locator(`code-cell[data-cell="${id}"]`);
  await found.evaluate((element) => {
    const details = element.closest('details');
    if (details) details.open = true;
  });
  await found.scrollIntoViewIfNeeded();
  await found.locator('[data-cell-action="run"]:not([disabled])').waitFor();
  return found;
}
const output = (found: Locator) => found.locator('[data-cell-part="output"]');
/** Clicks a cell's button and waits for the answer (the cell is busy while it runs). */
async function press(found: Locator, action: 'run' | 'check' | 'reset'): Promise<string> {
  await found.locator(`[data-cell-action="${action}"]`).click();
  await expect.poll(() => found.getAttribute('aria-busy'), { timeout: 10_000 }).toBeNull();
  return output(found).innerText();
}

describeInBrowser('code cells', () => {
  useBrowser();

  it("runs a widget's snippet and shows its value; an edit runs too, TypeScript included", async () => {
    const { page, foreignRequests } = await openPage('softmax/');
    const found = await cell(page, 'softmax-logits-snippet');
    expect(await press(found, 'run')).toBe('[0.6590011388859679, 0.24243297070471392, 0.09856589040931818]');
    // Served as a <pre>, the code is a textarea once the cell has started, named by its label, which focuses it.
    await found.locator('label.cell-label').click();
    expect(await found.locator('textarea').evaluate((textarea) => textarea === document.activeElement)).toBe(true);
    await found.getByRole('textbox', { name: /^The code behind this state/ }).fill("const z: number[] = [0, 0];\nconsole.log('logits', z.length);\nsoftmax(z)");
    expect(await press(found, 'run')).toBe('logits 2\n[0.5, 0.5]');
    expect(foreignRequests).toEqual([]);
  });

  it('Ctrl+Enter runs; a thrown error names its line', async () => {
    const { page } = await openPage('softmax/');
    const found = await cell(page, 'softmax-logits-snippet');
    await found.locator('textarea').fill('const ok = 1;\nconst p = softmax([]);\np');
    await found.locator('textarea').press('Control+Enter');
    await expect.poll(() => output(found).innerText(), { timeout: 10_000 }).toMatch(/^Line 2: RangeError: /);
  });

  it('shows a Tensor as a table', async () => {
    const { page } = await openPage('softmax/');
    const found = await cell(page, 'softmax-logits-snippet');
    await found.locator('textarea').fill('tensor([2, 3], [1, 2, 3, 4, 5, 6])');
    await press(found, 'run');
    expect(await output(found).locator('table caption').innerText()).toBe('Tensor 2×3');
    expect(await output(found).locator('tr').allInnerTexts()).toEqual(['1\t2\t3', '4\t5\t6']);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('an endless loop is stopped after 5 s while the page stays responsive, and the next run works', async () => {
    const { page } = await openPage('softmax/');
    const found = await cell(page, 'softmax-logits-snippet');
    await found.locator('textarea').fill('while (true) {}');
    const started = Date.now();
    await found.locator('[data-cell-action="run"]').click();
    // The page answers while the loop spins: a widget on it still reacts to typing.
    await page.fill('#softmax-logits-t', '2');
    await expect.poll(() => page.locator('#softmax-logits [data-role="results"]').innerText()).toContain('0.5017');
    await expect.poll(() => output(found).innerText(), { timeout: 10_000 }).toBe('Stopped after 5 s: the code was still running (an endless loop?).');
    expect(Date.now() - started).toBeGreaterThanOrEqual(4900);
    await found.locator('textarea').fill('1 + 1');
    expect(await press(found, 'run')).toBe('2');
  });

  it('edits survive a reload and travel in the link; Reset brings the original back', async () => {
    const { page } = await openPage('entropy/');
    let found = await cell(page, 'run-entropy');
    const original = await found.locator('textarea').inputValue();
    await found.locator('textarea').fill('entropy([0.5, 0.5])');
    expect(await found.locator('[data-cell-part="state"]').innerText()).toBe('(edited: kept in this browser and in the link)');
    const link = page.url();
    expect(new URL(link).searchParams.get('cell.run-entropy')).toBe('entropy([0.5, 0.5])');
    await page.reload();
    await scriptsLoaded(page);
    found = await cell(page, 'run-entropy');
    expect(await found.locator('textarea').inputValue()).toBe('entropy([0.5, 0.5])');
    // A fresh browser (no stored edit) gets the code from the link alone.
    const other = await openPage(link);
    expect(await (await cell(other.page, 'run-entropy')).locator('textarea').inputValue()).toBe('entropy([0.5, 0.5])');
    await press(found, 'reset');
    expect(await found.locator('textarea').inputValue()).toBe(original);
    expect(new URL(page.url()).searchParams.has('cell.run-entropy')).toBe(false);
    await page.reload();
    await scriptsLoaded(page);
    expect(await (await cell(page, 'run-entropy')).locator('textarea').inputValue()).toBe(original);
  });

  it('nothing loads before a press on Run; the press starts the worker and fetches the hidden code before its click', async () => {
    const { page } = await openPage('entropy/');
    const found = await cell(page, 'run-entropy');
    const prelude = (await found.getAttribute('data-prelude-url'))!;
    expect(page.workers()).toHaveLength(0);
    const fetched = page.waitForRequest((request) => request.url().endsWith(prelude));
    await found.locator('[data-cell-action="run"]').dispatchEvent('pointerdown');
    await fetched;
    await expect.poll(() => page.workers().length).toBe(1);
    expect(await output(found).innerText()).toBe('');
    expect(await press(found, 'run')).toBe('1.5');
    expect(page.workers()).toHaveLength(1);
  });

  it('"Run this" runs the listing itself: an edit to the function changes the answer', async () => {
    const { page } = await openPage('entropy/');
    const found = await cell(page, 'run-entropy');
    expect(await press(found, 'run')).toBe('1.5');
    const code = await found.locator('textarea').inputValue();
    await found.locator('textarea').fill(code.replace('return Math.max(0, sum / lnBase);', 'return 2 * Math.max(0, sum / lnBase);'));
    expect(await press(found, 'run')).toBe('3');
  });
});

describeInBrowser('exercises', () => {
  useBrowser();

  it('a code exercise passes with the solution and names the failing case for a plausible mistake; solved is remembered', async () => {
    const { page } = await openPage('entropy/');
    const found = await cell(page, 'exercise-entropy');
    await found.locator('textarea').fill(exerciseTexts['entropy']!.wrong);
    expect(await press(found, 'check')).toBe('✗ Case failed: entropy([1, 0]) should be 0, but got NaN.');
    await found.locator('textarea').fill(`${exerciseTexts['entropy']!.solution}\nentropy([0.5, 0.5])`);
    expect(await press(found, 'check')).toMatch(/^1\n+✓ All 35 cases pass\.$/);
    const badge = page.locator('#exercise-entropy [data-exercise-part="badge"]');
    expect(await badge.isVisible()).toBe(true);
    await page.reload();
    await scriptsLoaded(page);
    await page.locator('#exercise-entropy').scrollIntoViewIfNeeded();
    await expect.poll(() => badge.isVisible()).toBe(true);
  });

  it('a function that is missing, or that throws, is explained', async () => {
    const { page } = await openPage('convolution/');
    const found = await cell(page, 'exercise-conv-output-size');
    await found.locator('textarea').fill('const x = 1;');
    expect(await press(found, 'check')).toBe('Define a function named outputSize: it is what Check calls.');
    await found.locator('textarea').fill('function outputSize() { throw new Error("not yet"); }');
    expect(await press(found, 'check')).toBe('✗ Case failed: outputSize(5, 3, 1, 0, 1) should be 3, but it threw Error: not yet.');
  });

  it('a number exercise accepts the answer within its tolerance and says which way a wrong one is off', async () => {
    const { page } = await openPage('entropy/');
    const exercise = page.locator('#exercise-die-entropy');
    await exercise.scrollIntoViewIfNeeded();
    await exercise.locator('[data-exercise-part="check"]:not([disabled])').waitFor();
    const result = exercise.locator('[data-exercise-part="result"]');
    await exercise.getByLabel('H in bits').fill('2.5');
    await exercise.locator('[data-exercise-part="check"]').click();
    expect(await result.innerText()).toBe('✗ Not yet: 2.5 is too small by more than 0.001.');
    await exercise.getByLabel('H in bits').fill('two');
    await exercise.getByLabel('H in bits').press('Enter');
    expect(await result.innerText()).toBe('Type a number, like 2.5 or -0.25.');
    await exercise.getByLabel('H in bits').fill(numberExercises['die-entropy']!.answer.toFixed(3));
    await exercise.locator('[data-exercise-part="check"]').click();
    expect(await result.innerText()).toBe('✓ Right (within 0.001).');
  });
});
