import { expect, it } from 'vitest';
import { describeInBrowser, openPage, useBrowser } from '../support/browser';
import { expectNoBrokenNumbers, isStale, typeInto, urlParam, urlWritten } from '../support/widgets';

const EXPLORER = '#softmax-logits';
const JACOBIAN = '#softmax-jacobian';
const GRADIENT = '#softmax-gradient';

describeInBrowser('softmax chapter widgets', () => {
  useBrowser();

  it('logits to probabilities: bars, typing, keyboard, presets, URL state', async () => {
    const { page, consoleErrors } = await openPage('softmax/');
    const values = () => page.locator(`${EXPLORER} [data-role="bars"] .bar-value`).allTextContents();
    expect(await values()).toEqual(['0.659', '0.2424', '0.09857']);

    await typeInto(page, '#softmax-logits-z0', '1');
    expect((await values())[0]).toBe('0.4155'); // e / (e + e + e^0.1) = 0.41553
    expect(await page.locator(`${EXPLORER} [data-role="live"]`).textContent()).toContain('0.416');

    // Keyboard on the slider: ArrowRight steps by 0.1 and updates the text field.
    await page.locator(EXPLORER).getByRole('slider', { name: 'Logit z2: slider' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.inputValue('#softmax-logits-z1')).toBe('1.1');

    // Add and remove logits.
    await page.locator(EXPLORER).getByRole('button', { name: 'Add a logit' }).click();
    expect(await values()).toHaveLength(4);
    await page.locator(EXPLORER).getByRole('button', { name: 'Remove the last logit' }).click();
    await page.locator(EXPLORER).getByRole('button', { name: 'Remove the last logit' }).click();
    expect(await values()).toHaveLength(2);
    expect(await page.locator(EXPLORER).getByRole('button', { name: 'Remove the last logit' }).isDisabled()).toBe(true);

    // The overflow preset: the naive column breaks, visibly and in words; the stable one does not.
    await page.locator(EXPLORER).getByRole('combobox', { name: 'Preset' }).selectOption({ label: 'overflow: (88, 89, 90, 710)' });
    // e^(88−710) etc.: tiny but exact, where the naive formula gives nothing at all.
    expect(await values()).toEqual(['7.393×10⁻²⁷¹', '2.01×10⁻²⁷⁰', '5.463×10⁻²⁷⁰', '1']);
    const naive = await page.locator(`${EXPLORER} [data-role="naive"]`).innerText();
    expect(naive).toContain('∞');
    expect(naive).toContain('not a number (∞ ÷ ∞)');
    expect(await page.locator(`${EXPLORER} [data-role="naive-summary"]`).textContent()).toContain('overflows');
    await urlParam(page, 'softmax-logits.logits').toBe('88,89,90,710');

    // Temperature by slider (log scale) and by text.
    await typeInto(page, '#softmax-logits-t', '1000');
    expect(await page.locator('#softmax-logits-t-error').textContent()).toMatch(/between 0.05 and 20/);
    expect(await isStale(page, EXPLORER)).toBe(true);
    await typeInto(page, '#softmax-logits-t', '20');
    expect(await isStale(page, EXPLORER)).toBe(false);
    expect(await page.locator('#softmax-logits-t-error').textContent()).toBe('');
    await urlParam(page, 'softmax-logits.t').toBe('20');
    await expectNoBrokenNumbers(page);

    // Reloading the URL restores the state.
    await urlWritten(page);
    await page.reload();
    expect(await values()).toHaveLength(4);
    expect(await page.inputValue('#softmax-logits-t')).toBe('20');
    expect(await page.inputValue('#softmax-logits-z3')).toBe('710');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('logits to probabilities: bad typed input gives an inline message and dims the last good result', async () => {
    const { page, consoleErrors } = await openPage('softmax/');
    for (const bad of ['abc', '', '1e999', '5000', 'NaN']) {
      await typeInto(page, '#softmax-logits-z2', bad);
      expect(await page.locator('#softmax-logits-z2-error').textContent()).not.toBe('');
      expect(await page.getAttribute('#softmax-logits-z2', 'aria-invalid')).toBe('true');
      expect(await isStale(page, EXPLORER)).toBe(true);
      expect(await page.locator(`${EXPLORER} .bar-value`).first().textContent()).toBe('0.659');
      await expectNoBrokenNumbers(page);
    }
    await typeInto(page, '#softmax-logits-z2', '0.1');
    expect(await isStale(page, EXPLORER)).toBe(false);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('a crafted URL cannot inject markup or break the widgets', async () => {
    const hostile = encodeURIComponent('<img src=x onerror="window.pwned=1">');
    const { page, consoleErrors } = await openPage(
      `softmax/?softmax-logits.t=${hostile}&softmax-logits.logits=1,${hostile}&softmax-jacobian.h=%E0%A4%A&softmax-gradient.cls=99`,
    );
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator(`${EXPLORER} [data-role="message"]`).textContent()).toMatch(/ignored/);
    expect(await page.locator(`${EXPLORER} .bar-value`).allTextContents()).toEqual(['0.659', '0.2424', '0.09857']);
    expect(await page.locator(`${GRADIENT} [data-role="message"]`).textContent()).toMatch(/ignored/);
    await expectNoBrokenNumbers(page);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('Jacobian: values, finite-difference agreement, and bad input', async () => {
    const { page, consoleErrors } = await openPage('softmax/');
    const cells = page.locator(`${JACOBIAN} tbody td.heat`);
    expect(await cells.count()).toBe(9);
    // s₁(1 − s₁) = 0.659 × 0.341 = 0.2247.
    expect(await cells.first().innerText()).toMatch(/^0\.2247/);
    const facts = await page.locator(`${JACOBIAN} [data-role="facts"]`).innerText();
    expect(facts).toMatch(/Largest \|analytic − finite difference\|: \d(\.\d+)?×10⁻¹[⁰¹²]/);

    await typeInto(page, '#softmax-jacobian-logits', '1, 2, 3, 4');
    expect(await cells.count()).toBe(16);
    await page.selectOption('#softmax-jacobian-h', '0.001');
    expect(await page.locator(`${JACOBIAN} [data-role="facts"]`).innerText()).toMatch(/×10⁻[⁵⁶⁷⁸] \(h = 0\.001\)/);
    await urlParam(page, 'softmax-jacobian.logits').toBe('1,2,3,4');

    await typeInto(page, '#softmax-jacobian-logits', '1');
    expect(await page.locator('#softmax-jacobian-logits-error').textContent()).toMatch(/between 2 and 6 numbers/);
    expect(await isStale(page, JACOBIAN)).toBe(true);
    expect(await cells.count()).toBe(16);
    await typeInto(page, '#softmax-jacobian-t', '-1');
    expect(await page.locator('#softmax-jacobian-t-error').textContent()).toMatch(/between 0.05 and 20/);
    await expectNoBrokenNumbers(page);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('loss gradient: s − y, gradient steps lower the loss, soft targets, bad input', async () => {
    const { page, consoleErrors } = await openPage('softmax/');
    const loss = async () => Number((await page.locator(`${GRADIENT} [data-role="loss"]`).textContent())!.replace('−', '-'));
    // Default: true class 2, so loss = −log 0.24243 = 1.4170.
    expect(await loss()).toBeCloseTo(1.417, 3);
    expect(await page.locator(`${GRADIENT} [data-role="g"] .bar-value`).allTextContents()).toEqual(['0.659', '−0.7576', '0.09857']);

    await page.selectOption('#softmax-gradient-cls', '1');
    expect(await loss()).toBeCloseTo(0.41703, 4);
    const before = await loss();
    await page.click(`${GRADIENT} [data-action="step"]`);
    expect(await loss()).toBeCloseTo(0.26362, 4); // the chapter's worked example, step 6
    expect(await loss()).toBeLessThan(before);
    await page.click(`${GRADIENT} [data-action="step"]`);
    expect(await page.locator(`${GRADIENT} [data-role="history"]`).textContent()).toMatch(/0\.417 → 0\.2636 → /);
    expect(await page.inputValue('#softmax-gradient-logits')).toMatch(/^2\.\d+, /);
    await page.click(`${GRADIENT} [data-action="reset"]`);
    expect(await page.inputValue('#softmax-gradient-logits')).toBe('2, 1, 0.1');

    // A soft target: weights are normalised; the wrong number of weights is explained, not thrown.
    await typeInto(page, '#softmax-gradient-soft', '1, 1, 2');
    expect(await page.locator(`${GRADIENT} [data-role="y"] .bar-value`).allTextContents()).toEqual(['0.25', '0.25', '0.5']);
    await typeInto(page, '#softmax-gradient-soft', '1, 1');
    expect(await page.locator(`${GRADIENT} [data-role="message"]`).textContent()).toMatch(/one entry per logit: 3, not 2/);
    expect(await isStale(page, GRADIENT)).toBe(true);
    await typeInto(page, '#softmax-gradient-soft', '0, 0, 0');
    expect(await page.locator(`${GRADIENT} [data-role="message"]`).textContent()).toMatch(/not all be 0/);
    await typeInto(page, '#softmax-gradient-lr', 'fast');
    expect(await page.locator('#softmax-gradient-lr-error').textContent()).toMatch(/must be a number/);
    await expectNoBrokenNumbers(page);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
