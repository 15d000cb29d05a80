/** Named distributions offered by every distribution editor; weights are normalised by the widgets. */
export interface EditorPreset {
  title: string;
  labels: string[];
  values: number[];
}

export const editorPresets: Record<string, EditorPreset> = {
  dyadic: { title: '(½, ¼, ⅛, ⅛)', labels: ['a', 'b', 'c', 'd'], values: [0.5, 0.25, 0.125, 0.125] },
  uniform5: { title: 'five symbols, uniform', labels: ['a', 'b', 'c', 'd', 'e'], values: [0.2, 0.2, 0.2, 0.2, 0.2] },
  certain5: { title: 'five symbols, certain', labels: ['a', 'b', 'c', 'd', 'e'], values: [1, 0, 0, 0, 0] },
  prediction: { title: 'prediction: dog, cat, cup', labels: ['dog', 'cat', 'cup'], values: [0.5, 0.3, 0.2] },
  truth: { title: 'truth: a dog', labels: ['dog', 'cat', 'cup'], values: [1, 0, 0] },
  coin: { title: 'fair coin', labels: ['heads', 'tails'], values: [0.5, 0.5] },
  biased: { title: 'biased coin (0.9)', labels: ['heads', 'tails'], values: [0.9, 0.1] },
  letters: { title: 'skewed, six symbols', labels: ['e', 't', 'a', 'o', 'i', 'n'], values: [0.35, 0.2, 0.15, 0.12, 0.1, 0.08] },
};

/** Default names for outcomes the reader adds. */
export const defaultLabel = (i: number): string => String.fromCharCode(97 + (i % 26));
