/**
 * Behaviour of Exercise.astro: remembers solved exercises in this browser (nothing is sent anywhere), shows the
 * "solved" badge, and checks a number answer against the one the build computed, within the stated tolerance.
 */
const key = (id: string) => `nn-notebook:exercise:${location.pathname}#${id}`;

function store(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

class NotebookExercise extends HTMLElement {
  connectedCallback(): void {
    const id = this.dataset['exerciseId']!;
    if (store()?.getItem(key(id)) === 'solved') this.markSolved(false);
    // A code exercise's cell reports a passing Check.
    this.addEventListener('exercise-solved', () => this.markSolved(true));
    const answer = this.piece<HTMLInputElement>('answer');
    const check = this.piece<HTMLButtonElement>('check');
    if (!answer || !check) return;
    check.disabled = false;
    const run = () => this.checkNumber(answer.value);
    check.addEventListener('click', run);
    answer.addEventListener('keydown', (event) => event.key === 'Enter' && run());
  }

  private piece<E extends HTMLElement>(name: string): E | null {
    return this.querySelector<E>(`[data-exercise-part="${name}"]`);
  }

  private checkNumber(text: string): void {
    const result = this.piece('result')!;
    const value = Number(text.trim().replace(/^−/, '-').replace(/,/g, '.'));
    const expected = Number(this.dataset['answer']);
    const tolerance = Number(this.dataset['tolerance']);
    if (text.trim() === '' || !Number.isFinite(value)) {
      result.textContent = 'Type a number, like 2.5 or -0.25.';
      return;
    }
    if (Math.abs(value - expected) <= tolerance + 1e-12 * Math.abs(expected)) {
      result.textContent = `✓ Right${tolerance > 0 ? ` (within ${tolerance})` : ''}.`;
      this.markSolved(true);
    } else {
      result.textContent = `✗ Not yet: ${value} is ${value > expected ? 'too large' : 'too small'}${tolerance > 0 ? ` by more than ${tolerance}` : ''}.`;
    }
  }

  private markSolved(remember: boolean): void {
    const badge = this.piece('badge');
    if (badge) badge.hidden = false;
    if (remember) store()?.setItem(key(this.dataset['exerciseId']!), 'solved');
  }
}

customElements.define('notebook-exercise', NotebookExercise);
export {};
