/** Two-dimensional loss surfaces for watching optimisers, each with its analytic gradient and its minima. */

/** A function of (x, y) with its gradient, a sensible plotting window and where its minima are. */
export interface Surface {
  title: string;
  value(x: number, y: number): number;
  gradient(x: number, y: number): [number, number];
  /** Plotting window [xMin, xMax, yMin, yMax]. */
  domain: [number, number, number, number];
  minima: [number, number][];
}

/** The chapter's five surfaces: a round bowl, a narrow ravine, Rosenbrock's valley, Himmelblau's four minima, a saddle. */
export const surfaces: Record<'bowl' | 'ravine' | 'rosenbrock' | 'himmelblau' | 'saddle', Surface> = {
  bowl: {
    title: 'Bowl: x² + y²',
    value: (x, y) => x * x + y * y,
    gradient: (x, y) => [2 * x, 2 * y],
    domain: [-3, 3, -3, 3],
    minima: [[0, 0]],
  },
  ravine: {
    // Curvature 1 along x and 20 along y: the stable step size is set by the steep direction (η < 2/20).
    title: 'Ravine: ½(x² + 20 y²)',
    value: (x, y) => 0.5 * (x * x + 20 * y * y),
    gradient: (x, y) => [x, 20 * y],
    domain: [-4, 4, -2, 2],
    minima: [[0, 0]],
  },
  rosenbrock: {
    title: 'Rosenbrock: (1 − x)² + 100 (y − x²)²',
    value: (x, y) => (1 - x) ** 2 + 100 * (y - x * x) ** 2,
    gradient: (x, y) => [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)],
    domain: [-2, 2, -1, 3],
    minima: [[1, 1]],
  },
  himmelblau: {
    title: 'Himmelblau: (x² + y − 11)² + (x + y² − 7)²',
    value: (x, y) => (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2,
    gradient: (x, y) => [4 * x * (x * x + y - 11) + 2 * (x + y * y - 7), 2 * (x * x + y - 11) + 4 * y * (x + y * y - 7)],
    domain: [-5, 5, -5, 5],
    minima: [[3, 2], [-2.805118, 3.131312], [-3.779310, -3.283186], [3.584428, -1.848126]],
  },
  saddle: {
    title: 'Saddle: x² − y²',
    value: (x, y) => x * x - y * y,
    gradient: (x, y) => [2 * x, -2 * y],
    domain: [-3, 3, -3, 3],
    minima: [],
  },
};
