/**
 * The page's side of running cells: one worker for every cell on the page, started on the first Run (that is when
 * sucrase and the compute package load), answers matched to questions by id. A run still going after 5 s is
 * stopped by ending the worker; the next Run starts a fresh one.
 */
import type { CellReply, CellRequest } from './cell-protocol';

/** How long a cell may run. */
export const TIME_LIMIT_MS = 5000;

let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, { resolve: (reply: CellReply | 'timeout') => void; timer: ReturnType<typeof setTimeout> }>();

function start(): Worker {
  const fresh = new Worker(new URL('./cell-worker.ts', import.meta.url), { type: 'module', name: 'code-cells' });
  fresh.addEventListener('message', (event: MessageEvent<CellReply>) => {
    const waiting = pending.get(event.data.id);
    if (!waiting) return;
    clearTimeout(waiting.timer);
    pending.delete(event.data.id);
    waiting.resolve(event.data);
  });
  return fresh;
}

/** Starts the worker if none is running, so that a Run about to come finds it loading or loaded. */
export function warmUp(): void {
  worker ??= start();
}

/** Runs `code` after `prelude` (checking it against `exercise` if given); resolves with the reply, or 'timeout'. */
export function runCell(code: string, options: { exercise?: string | undefined; prelude?: string | undefined } = {}): Promise<CellReply | 'timeout'> {
  const { exercise, prelude } = options;
  worker ??= start();
  const id = ++nextId;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      // The worker is stuck in this run: end it, and answer every run that was waiting on it.
      worker?.terminate();
      worker = null;
      for (const [, waiting] of pending) {
        clearTimeout(waiting.timer);
        waiting.resolve('timeout');
      }
      pending.clear();
    }, TIME_LIMIT_MS);
    pending.set(id, { resolve, timer });
    worker!.postMessage({ id, code, ...(exercise ? { exercise } : {}), ...(prelude ? { prelude } : {}) } satisfies CellRequest);
  });
}
