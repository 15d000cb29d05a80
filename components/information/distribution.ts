/**
 * The distribution editor's fields and wiring, shared by every information-theory widget: non-negative weights
 * (normalised before any computation) and the outcomes' names, edited one row per outcome (NumberRows).
 */
import { namesField, numbersField } from '../lib/fields';
import { resizeNames, type RowsPreset } from '../lib/number-rows';
import { editorPresets } from './presets';

/** Weights a reader may type for one outcome (they are normalised before any computation). */
export const WEIGHT_BOUNDS = { min: 0, max: 1000 } as const;
/** How many outcomes an editor may have. */
export const OUTCOME_LIMITS = { minLength: 2, maxLength: 10 } as const;

/** A weights field (bound by the editor, not by a control of its own). */
export const weightsField = (defaults: readonly number[]) =>
  numbersField({ noun: 'The weights', ...WEIGHT_BOUNDS, ...OUTCOME_LIMITS, default: defaults, custom: true });

/** The outcomes' names field. */
export const outcomeNamesField = (defaults: readonly string[]) => namesField({ maxChars: 12, ...OUTCOME_LIMITS, default: defaults, custom: true });

/** The editor's presets, as NumberRows takes them. */
export const DISTRIBUTION_PRESETS: RowsPreset[] = Object.entries(editorPresets).map(([key, preset]) => ({ key, text: preset.title, values: preset.values, names: preset.labels }));

/** Gives every outcome a name: names follow the number of weights (new outcomes are named a, b, c, …). */
export const withNames = <S extends { names: string[] }>(state: S, count: number): S => ({ ...state, names: resizeNames(state.names, count) });
