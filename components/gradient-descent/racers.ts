/**
 * The optimisers that race on the loss surfaces: their names, marker shapes and line styles (so no racer is told
 * apart by colour alone), and each surface's start point and learning rates that make a fair, interesting race.
 */
import type { OptimizerConfig } from '../../src/compute';

export type SurfaceName = 'bowl' | 'ravine' | 'rosenbrock' | 'himmelblau' | 'saddle';

export const RACERS = [
  { name: 'SGD', shape: 'circle', dash: '' },
  { name: 'Momentum', shape: 'square', dash: '6 3' },
  { name: 'RMSprop', shape: 'triangle', dash: '2 3' },
  { name: 'Adam', shape: 'diamond', dash: '8 3 2 3' },
] as const;

/** Start point and learning rates [SGD, Momentum, RMSprop, Adam] per surface. */
export const RACE_DEFAULTS: Record<SurfaceName, { start: [number, number]; lr: [number, number, number, number] }> = {
  bowl: { start: [-2.5, 2], lr: [0.1, 0.05, 0.1, 0.2] },
  ravine: { start: [-3.5, 1.2], lr: [0.09, 0.02, 0.1, 0.3] },
  rosenbrock: { start: [-1.5, 2.5], lr: [0.001, 0.0005, 0.01, 0.1] },
  himmelblau: { start: [-0.5, -0.5], lr: [0.01, 0.005, 0.05, 0.2] },
  saddle: { start: [-2.5, 0.01], lr: [0.05, 0.02, 0.05, 0.1] },
};

/** The torch.optim settings of racer i. */
export function racerConfig(i: number, lr: number, momentum: number, nesterov: boolean): OptimizerConfig {
  switch (i) {
    case 0:
      return { type: 'sgd', lr };
    case 1:
      return { type: 'sgd', lr, momentum, nesterov };
    case 2:
      return { type: 'rmsprop', lr };
    default:
      return { type: 'adam', lr };
  }
}

/** An SVG path for a racer's marker shape centred on (x, y). */
export function markerPath(shape: (typeof RACERS)[number]['shape'], x: number, y: number, r = 5): string {
  switch (shape) {
    case 'circle':
      return `M${x - r},${y}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0z`;
    case 'square':
      return `M${x - r},${y - r}h${2 * r}v${2 * r}h${-2 * r}z`;
    case 'triangle':
      return `M${x},${y - r * 1.2}l${r * 1.1},${r * 1.9}h${-r * 2.2}z`;
    default:
      return `M${x},${y - r * 1.3}l${r * 1.3},${r * 1.3}l${-r * 1.3},${r * 1.3}l${-r * 1.3},${-r * 1.3}z`;
  }
}
