import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser, openPage, useBrowser, reloadPage } from '../support/browser';
import { expectNoBrokenNumbers, isStale, typeInto, urlParam, urlWritten } from '../support/widgets';

const EXPLORER = '#softmax-logits';
const JACOBIAN = '#softmax-jacobian';
const GRADIENT = '#softmax-gradient';

const probabilities = (page: Page) => page.locator(`${EXPLORER} [data-role="bars"] .bar-value`).allTextContents();
const explorer = (page: Page) => page.locator(EXPLORER);

describeInBrowser('softmax: logits to probabilities', () => {
  useBrowser();

  it('shows softmax(2, 1, 0.1) and follows a typed logit', async () => {
    const { page } = await openPage('softmax/');
    expect(await probabilities(page)).toEqual(['0.659', '0.2424', '0.09857']);
    await typeInto(page, '#softmax-logits-z0', '1');
    expect((await probabilities(page))[0]).toBe('0.4155'); // e / (e + e + e^0.1) = 0.41553
    expect(await page.locator(`${EXPLORER} [data-role="live"]`).textContent()).toContain('0.416');
  });

  it('moves a logit with the keyboard on its slider, and the field follows', async () => {
    const { page } = await openPage('softmax/');
    await explorer(page).getByRole('slider', { name: 'Logit z2: slider' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await explorer(page).getByRole('textbox', { name: 'Logit z2' }).inputValue()).toBe('1.1');
  });

  it('adds and removes logits, down to two', async () => {
    const { page } = await openPage('softmax/');
    await explorer(page).getByRole('button', { name: 'Add a logit' }).click();
    expect(await probabilities(page)).toHaveLength(4);
    const remove = explorer(page).getByRole('button', { name: 'Remove the last logit' });
    await remove.click();
    await remove.click();
    expect(await probabilities(page)).toHaveLength(2);
    expect(await remove.isDisabled()).toBe(true);
  });

  it('the overflow preset breaks the naive column, in words, and not the stable one', async () => {
    const { page } = await openPage('softmax/');
    await explorer(page).getByRole('combobox', { name: 'Preset' }).selectOption({ label: 'overflow: (88, 89, 90, 710)' });
    // e^(88−710) etc.: tiny but exact, where the naive formula gives nothing at all.
    expect(await probabilities(page)).toEqual(['7.393×10⁻²⁷¹', '2.01×10⁻²⁷⁰', '5.463×10⁻²⁷⁰', '1']);
    const naive = await page.locator(`${EXPLORER} [data-role="naive"]`).innerText();
    expect(naive).toContain('∞');
    expect(naive).toContain('not a number (∞ ÷ ∞)');
    expect(await page.locator(`${EXPLORER} [data-role="naive-summary"]`).textContent()).toContain('overflows');
    await urlParam(page, 'softmax-logits.logits').toBe('88,89,90,710');
  });

  it('rejects a temperature out of range beside the field, then accepts one in range', async () => {
    const { page } = await openPage('softmax/');
    await typeInto(page, '#softmax-logits-t', '1000');
    expect(await page.locator('#softmax-logits-t-error').textContent()).toMatch(/between 0.05 and 20/);
    expect(await isStale(page, EXPLORER)).toBe(true);
    await typeInto(page, '#softmax-logits-t', '20');
    expect(await isStale(page, EXPLORER)).toBe(false);
    expect(await page.locator('#softmax-logits-t-error').textContent()).toBe('');
    await urlParam(page, 'softmax-logits.t').toBe('20');
  });

  it('the log-scale temperature slider sets T to three significant digits', async () => {
    const { page } = await openPage('softmax/');
    const slider = explorer(page).getByRole('slider', { name: 'Temperature T, slider' });
    await slider.focus();
    await page.keyboard.press('End');
    expect(await page.inputValue('#softmax-logits-t')).toBe('20');
    await page.keyboard.press('Home');
    expect(await page.inputValue('#softmax-logits-t')).toBe('0.0501');
  });

  it('a shared link restores the logits and the temperature', async () => {
    const { page } = await openPage('softmax/');
    await explorer(page).getByRole('combobox', { name: 'Preset' }).selectOption({ label: 'overflow: (88, 89, 90, 710)' });
    await typeInto(page, '#softmax-logits-t', '20');
    await urlWritten(page);
    await reloadPage(page);
    expect(await probabilities(page)).toHaveLength(4);
    expect(await page.inputValue('#softmax-logits-t')).toBe('20');
    expect(await page.inputValue('#softmax-logits-z3')).toBe('710');
  });

  it.each(['abc', '', '1e999', '5000', 'NaN'])('bad typed logit %j: inline message, last good result dimmed', async (bad) => {
    const { page } = await openPage('softmax/');
    await typeInto(page, '#softmax-logits-z2', bad);
    expect(await page.locator('#softmax-logits-z2-error').textContent()).not.toBe('');
    expect(await page.getAttribute('#softmax-logits-z2', 'aria-invalid')).toBe('true');
    expect(await isStale(page, EXPLORER)).toBe(true);
    expect(await page.locator(`${EXPLORER} .bar-value`).first().textContent()).toBe('0.659');
    await expectNoBrokenNumbers(page);
    await typeInto(page, '#softmax-logits-z2', '0.1');
    expect(await isStale(page, EXPLORER)).toBe(false);
  });

  it('a crafted URL cannot inject markup or break the widgets', async () => {
    const hostile = encodeURIComponent('<img src=x onerror="window.pwned=1">');
    const { page } = await openPage(`softmax/?softmax-logits.t=${hostile}&softmax-logits.logits=1,${hostile}&softmax-jacobian.h=%E0%A4%A&softmax-gradient.cls=99`);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator(`${EXPLORER} [data-role="message"]`).textContent()).toMatch(/ignored/);
    expect(await probabilities(page)).toEqual(['0.659', '0.2424', '0.09857']);
    expect(await page.locator(`${GRADIENT} [data-role="message"]`).textContent()).toMatch(/ignored/);
    await expectNoBrokenNumbers(page);
  });
});

describeInBrowser('softmax: the Jacobian', () => {
  useBrowser();
  const cells = (page: Page) => page.locator(`${JACOBIAN} tbody td.heat`);

  it('shows s₁(1 − s₁) = 0.2247 and agrees with finite differences to ~10⁻¹¹', async () => {
    const { page } = await openPage('softmax/');
    expect(await cells(page).count()).toBe(9);
    expect(await cells(page).first().innerText()).toMatch(/^0\.2247/); // 0.659 × 0.341
    expect(await page.locator(`${JACOBIAN} [data-role="facts"]`).innerText()).toMatch(/Largest \|analytic − finite difference\|: \d(\.\d+)?×10⁻¹[⁰¹²]/);
  });

  it('grows with the logits, and a coarse step h makes the finite differences worse', async () => {
    const { page } = await openPage('softmax/');
    await typeInto(page, '#softmax-jacobian-logits', '1, 2, 3, 4');
    expect(await cells(page).count()).toBe(16);
    await page.locator(JACOBIAN).getByRole('combobox', { name: 'Finite-difference step h' }).selectOption('0.001');
    expect(await page.locator(`${JACOBIAN} [data-role="facts"]`).innerText()).toMatch(/×10⁻[⁵⁶⁷⁸] \(h = 0\.001\)/);
    await urlParam(page, 'softmax-jacobian.logits').toBe('1,2,3,4');
  });

  it('bad input: too few logits and a negative temperature are explained; the last table stays', async () => {
    const { page } = await openPage('softmax/');
    await typeInto(page, '#softmax-jacobian-logits', '1');
    expect(await page.locator('#softmax-jacobian-logits-error').textContent()).toMatch(/between 2 and 6 numbers, not 1/);
    expect(await isStale(page, JACOBIAN)).toBe(true);
    expect(await cells(page).count()).toBe(9);
    await typeInto(page, '#softmax-jacobian-t', '-1');
    expect(await page.locator('#softmax-jacobian-t-error').textContent()).toMatch(/between 0.05 and 20/);
    await expectNoBrokenNumbers(page);
  });
});

describeInBrowser('softmax: the loss gradient s − y', () => {
  useBrowser();
  const loss = async (page: Page) => Number((await page.locator(`${GRADIENT} [data-role="loss"]`).textContent())!.replace('−', '-'));
  const step = (page: Page) => page.locator(GRADIENT).getByRole('button', { name: 'Take one gradient step' }).click();

  it('for true class 2 the loss is −log 0.2424 and the gradient s − y', async () => {
    const { page } = await openPage('softmax/');
    expect(await loss(page)).toBeCloseTo(1.417, 3);
    expect(await page.locator(`${GRADIENT} [data-role="g"] .bar-value`).allTextContents()).toEqual(['0.659', '−0.7576', '0.09857']);
  });

  it('gradient steps lower the loss (the worked example), and Reset restores the logits', async () => {
    const { page } = await openPage('softmax/');
    await page.locator(GRADIENT).getByRole('combobox', { name: 'True class' }).selectOption('1');
    expect(await loss(page)).toBeCloseTo(0.41703, 4);
    await step(page);
    expect(await loss(page)).toBeCloseTo(0.26362, 4); // the chapter's worked example, step 6
    await step(page);
    expect(await page.locator(`${GRADIENT} [data-role="history"]`).textContent()).toMatch(/0\.417 → 0\.2636 → /);
    expect(await page.inputValue('#softmax-gradient-logits')).toMatch(/^2\.\d+, /);
    await page.locator(GRADIENT).getByRole('button', { name: 'Reset the logits' }).click();
    expect(await page.inputValue('#softmax-gradient-logits')).toBe('2, 1, 0.1');
  });

  it('a soft target is normalised, and typing it selects the soft mode', async () => {
    const { page } = await openPage('softmax/');
    await typeInto(page, '#softmax-gradient-soft', '1, 1, 2');
    expect(await page.locator(`${GRADIENT} [data-role="y"] .bar-value`).allTextContents()).toEqual(['0.25', '0.25', '0.5']);
    expect(await page.locator(GRADIENT).getByRole('radio', { name: /a soft target/ }).isChecked()).toBe(true);
  });

  it('a soft target of the wrong length, or all zero, is explained; a bad learning rate beside its field', async () => {
    const { page } = await openPage('softmax/');
    await typeInto(page, '#softmax-gradient-soft', '1, 1');
    expect(await page.locator(`${GRADIENT} [data-role="message"]`).textContent()).toMatch(/one entry per logit: 3, not 2/);
    expect(await isStale(page, GRADIENT)).toBe(true);
    await typeInto(page, '#softmax-gradient-soft', '0, 0, 0');
    expect(await page.locator(`${GRADIENT} [data-role="message"]`).textContent()).toMatch(/not all be 0/);
    await typeInto(page, '#softmax-gradient-lr', 'fast');
    expect(await page.locator('#softmax-gradient-lr-error').textContent()).toMatch(/must be a number/);
    // While a field is invalid, the widget's message is not an older one about other fields.
    expect(await page.locator(`${GRADIENT} [data-role="message"]`).textContent()).toBe('');
    await expectNoBrokenNumbers(page);
  });

  it('a class beyond the number of logits cannot be chosen', async () => {
    const { page } = await openPage('softmax/?softmax-gradient.cls=3');
    await typeInto(page, '#softmax-gradient-logits', '1, 2');
    expect(await page.locator(GRADIENT).getByRole('combobox', { name: 'True class' }).inputValue()).toBe('2');
    expect(await page.locator('#softmax-gradient-cls option[value="3"]').isDisabled()).toBe(true);
  });
});
