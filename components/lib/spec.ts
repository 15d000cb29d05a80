/**
 * A widget declared once: its custom-element tag, title, fields (fields.ts), the pure rules that keep a state
 * consistent, and its "reproduce in code" snippet. Both the .astro frontmatter and the custom element import the
 * same spec, so the server-rendered page and the live widget cannot disagree about defaults, bounds or text.
 */
import type { Fields, StateOf } from './fields';

export interface WidgetSpec<F extends Fields> {
  /** Custom element name, e.g. "softmax-explorer". */
  tag: string;
  title: string;
  fields: F;
  /**
   * Clamps and derives fields so that a state is consistent (e.g. a selected cell inside the output). Pure; called
   * after every change and on load. May leave a state that render() rejects with a RangeError.
   */
  normalize?: (state: StateOf<F>) => StateOf<F>;
  /**
   * What else changes when the reader changes one field, declared once (e.g. choosing a network resets the input
   * size to that network's own). Applied to changes from the page, not to a state read from a link.
   */
  effects?: { [K in keyof F]?: (state: StateOf<F>) => Partial<StateOf<F>> };
  /** The compute call behind a state, shown under "Reproduce in code" in a cell that runs it. */
  snippet: (state: StateOf<F>) => string;
  /** Why the snippet cannot run in the page (then it is shown as code only, with this said instead of Run). */
  notRunnable?: string;
}

/** Declares a widget spec (an identity function that keeps the field types exact). */
export const defineSpec = <const F extends Fields>(spec: WidgetSpec<F>): WidgetSpec<F> => spec;

/** The state every field's default gives. */
export function defaultsOf<F extends Fields>(fields: F): StateOf<F> {
  return Object.fromEntries(Object.entries(fields).map(([key, field]) => [key, structuredClone(field.default)])) as StateOf<F>;
}

/** Applies `normalize` if the spec has one; a normalize that meets an invalid combination leaves the state as it is. */
export function normalized<F extends Fields>(spec: WidgetSpec<F>, state: StateOf<F>): StateOf<F> {
  if (!spec.normalize) return state;
  try {
    return spec.normalize(state);
  } catch (error) {
    if (error instanceof RangeError) return state; // render() meets the same problem and explains it
    throw error;
  }
}

/** The state a placement starts in: the defaults, overridden by the chapter's props, normalised. */
export function initialState<F extends Fields>(spec: WidgetSpec<F>, placement: { [K in keyof F]?: StateOf<F>[K] | undefined } = {}): StateOf<F> {
  const given = Object.fromEntries(Object.entries(placement).filter(([, value]) => value !== undefined));
  return normalized(spec, { ...defaultsOf(spec.fields), ...given });
}

/**
 * Applies a change the reader made: the change, then the effects of each changed field (what the change itself
 * sets wins over an effect), then normalize.
 */
export function applyChange<F extends Fields>(spec: WidgetSpec<F>, state: StateOf<F>, change: Partial<StateOf<F>>): StateOf<F> {
  let next = { ...state, ...change };
  for (const key of Object.keys(change) as (keyof F)[]) {
    const effect = spec.effects?.[key];
    if (effect) next = { ...next, ...effect(next), ...change };
  }
  return normalized(spec, next);
}

/** The state type of a spec: `type State = SpecState<typeof spec>`. */
export type SpecState<S> = S extends WidgetSpec<infer F> ? StateOf<F> : never;
