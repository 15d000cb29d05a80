/**
 * Everything a chapter's MDX can use without importing it: the chapter page passes this map to `<Content>`.
 * Add a widget here once and every chapter can place it.
 */
import Source from './Source.astro';
import SoftmaxExplorer from './softmax/SoftmaxExplorer.astro';
import SoftmaxJacobian from './softmax/SoftmaxJacobian.astro';
import SoftmaxGradient from './softmax/SoftmaxGradient.astro';

export const widgets = {
  Source,
  SoftmaxExplorer,
  SoftmaxJacobian,
  SoftmaxGradient,
};
