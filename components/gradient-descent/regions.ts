import { gridPredictor, type Dataset, type Model } from '../../src/compute';

/** The data's bounding box with a margin, as [xMin, xMax, yMin, yMax]. */
export function dataBox(data: Dataset): [number, number, number, number] {
  const xs = data.points.map((p) => p[0]);
  const ys = data.points.map((p) => p[1]);
  const pad = 0.15 * Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
  return [Math.min(...xs) - pad, Math.max(...xs) + pad, Math.min(...ys) - pad, Math.max(...ys) + pad];
}

/** Parses a CSS colour like "#1a56b8" into [r, g, b]; anything else gives grey. */
function rgb(colour: string): [number, number, number] {
  const match = /^#([0-9a-f]{6})$/i.exec(colour.trim());
  if (!match) return [128, 128, 128];
  const n = parseInt(match[1]!, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const SHAPES = ['circle', 'square', 'triangle'] as const;
/** The marker shape of each class (so classes differ by shape as well as colour). */
export const classShape = (label: number) => SHAPES[label % SHAPES.length]!;

/**
 * Draws decision regions under the data. The grid predictor and the pixel buffer are made once per data set and
 * feature degree; each draw is then a pass over the cells (the predicted class's colour, more opaque where the model
 * is surer) scaled up onto the regions canvas. The points, which do not change while training, sit on a second
 * canvas on top and are drawn only when asked (rastering 300 shapes every frame cost dropped frames).
 */
export class RegionPainter {
  readonly #predict: ReturnType<typeof gridPredictor>;
  readonly #cells: HTMLCanvasElement;
  readonly #pixels: ImageData;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly overlay: HTMLCanvasElement,
    private readonly data: Dataset,
    private readonly box: [number, number, number, number],
    degree: number,
    cells = 48,
  ) {
    this.#predict = gridPredictor(degree, box, cells);
    this.#cells = Object.assign(document.createElement('canvas'), { width: cells, height: cells });
    this.#pixels = new ImageData(cells, cells);
  }

  /** Draws the regions for `model`; with `withPoints`, redraws the data points too (new data or new colours). */
  draw(model: Model, colours: string[], withPoints: boolean): void {
    const { best, confidence } = this.#predict(model);
    const palette = colours.map(rgb);
    const k = this.data.classes;
    const words = new Uint32Array(this.#pixels.data.buffer);
    for (let cell = 0; cell < best.length; cell++) {
      const [r, g, b] = palette[best[cell]! % palette.length]!;
      const alpha = Math.round(255 * (0.12 + (0.4 * (confidence[cell]! - 1 / k)) / (1 - 1 / k)));
      words[cell] = (alpha << 24) | (b << 16) | (g << 8) | r; // little-endian RGBA
    }
    this.#cells.getContext('2d')!.putImageData(this.#pixels, 0, 0);
    const context = this.canvas.getContext('2d')!;
    const { width, height } = this.canvas;
    context.clearRect(0, 0, width, height);
    context.drawImage(this.#cells, 0, 0, width, height);
    if (withPoints) this.drawPoints(palette);
  }

  private drawPoints(palette: [number, number, number][]): void {
    const [x0, x1, y0, y1] = this.box;
    const { width, height } = this.overlay;
    const context = this.overlay.getContext('2d')!;
    context.clearRect(0, 0, width, height);
    context.strokeStyle = 'rgba(0,0,0,0.7)';
    context.lineWidth = 1;
    for (let label = 0; label < this.data.classes; label++) {
      const [r, g, b] = palette[label % palette.length]!;
      context.fillStyle = `rgb(${r},${g},${b})`;
      context.beginPath();
      this.data.points.forEach(([x, y], n) => {
        if (this.data.labels[n] !== label) return;
        const px = ((x - x0) / (x1 - x0)) * width;
        const py = ((y1 - y) / (y1 - y0)) * height;
        const shape = classShape(label);
        context.moveTo(px + 3.5, py);
        if (shape === 'circle') context.arc(px, py, 3.5, 0, 2 * Math.PI);
        else if (shape === 'square') context.rect(px - 3.2, py - 3.2, 6.4, 6.4);
        else {
          context.moveTo(px, py - 4.2);
          context.lineTo(px + 4, py + 3);
          context.lineTo(px - 4, py + 3);
          context.closePath();
        }
      });
      context.fill();
      context.stroke();
    }
  }
}
