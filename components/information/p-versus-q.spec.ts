/** Coding p with a code built for q, declared once (see components/README.md). */
import { defineSpec } from '../lib/spec';
import { withNewRow } from '../lib/number-rows';
import { outcomeNamesField, weightsField, withNames } from './distribution';
import { divergenceSnippet } from './snippets';

/** q over p's outcomes: cut to p's length, or extended by average-weight outcomes. */
function resizeLike(q: readonly number[], count: number): number[] {
  let next = q.slice(0, count);
  while (next.length < count) next = withNewRow(next);
  return next;
}

export const pVersusQSpec = defineSpec({
  tag: 'p-versus-q',
  title: 'Coding p with a code built for q',
  fields: {
    p: weightsField([1, 0, 0]),
    q: weightsField([0.5, 0.3, 0.2]),
    names: outcomeNamesField(['dog', 'cat', 'cup']),
  },
  // Both distributions are over the same outcomes: q follows p's number of outcomes (a link with two lengths too).
  normalize: (state) => withNames({ ...state, q: resizeLike(state.q, state.p.length) }, state.p.length),
  snippet: (s) => divergenceSnippet(s.p, s.q),
});
