/**
 * The lab's drawing pad: a 28 × 28 grid of ink in [0, 1] drawn with a soft round pen by mouse, pen or finger, or by
 * keyboard (arrow keys move a square cursor, Space inks, Delete rubs out). It reports every change of ink.
 */
const SIZE = 28;

export class DrawPad {
  readonly ink = new Float64Array(SIZE * SIZE);
  #cursor: [number, number] = [14, 14];
  #showCursor = false;
  #last: [number, number] | null = null;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly changed: () => void,
  ) {
    canvas.addEventListener('pointerdown', (event) => {
      canvas.setPointerCapture(event.pointerId);
      this.#last = null;
      this.strokeTo(this.cell(event));
    });
    canvas.addEventListener('pointermove', (event) => {
      if (canvas.hasPointerCapture(event.pointerId)) this.strokeTo(this.cell(event));
    });
    canvas.addEventListener('pointerup', () => (this.#last = null));
    canvas.addEventListener('focus', () => ((this.#showCursor = true), this.paint()));
    canvas.addEventListener('blur', () => ((this.#showCursor = false), this.paint()));
    canvas.addEventListener('keydown', (event) => this.key(event));
    this.paint();
  }

  /** Replaces the ink (e.g. with a test digit's pixels, bytes 0–255). */
  setInk(bytes: ArrayLike<number>): void {
    for (let i = 0; i < this.ink.length; i++) this.ink[i] = bytes[i]! / 255;
    this.paint();
    this.changed();
  }

  clear(): void {
    this.ink.fill(0);
    this.paint();
    this.changed();
  }

  /** Whether anything is drawn. */
  get empty(): boolean {
    return this.ink.every((v) => v === 0);
  }

  private cell(event: PointerEvent): [number, number] {
    const box = this.canvas.getBoundingClientRect();
    return [((event.clientY - box.top) / box.height) * SIZE, ((event.clientX - box.left) / box.width) * SIZE];
  }

  /** Ink along the segment from the last point, so a fast stroke leaves no gaps. */
  private strokeTo(to: [number, number]): void {
    const from = this.#last ?? to;
    const steps = Math.max(1, Math.ceil(Math.hypot(to[0] - from[0], to[1] - from[1]) * 2));
    for (let k = 0; k <= steps; k++) this.dab(from[0] + ((to[0] - from[0]) * k) / steps, from[1] + ((to[1] - from[1]) * k) / steps, 1);
    this.#last = to;
    this.paint();
    this.changed();
  }

  /** A soft round dab of radius ~1.3 pixels: full ink at the centre, fading out (MNIST's strokes are 2–3 px wide). */
  private dab(y: number, x: number, amount: number): void {
    for (let cy = Math.floor(y - 2); cy <= Math.ceil(y + 2); cy++) {
      for (let cx = Math.floor(x - 2); cx <= Math.ceil(x + 2); cx++) {
        if (cy < 0 || cy >= SIZE || cx < 0 || cx >= SIZE) continue;
        const d = Math.hypot(cy + 0.5 - y, cx + 0.5 - x);
        const strength = Math.max(0, Math.min(1, 1.8 - d));
        const i = cy * SIZE + cx;
        this.ink[i] = amount > 0 ? Math.max(this.ink[i]!, strength) : Math.min(this.ink[i]!, 1 - strength);
      }
    }
  }

  private key(event: KeyboardEvent): void {
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const move = moves[event.key];
    const [y, x] = this.#cursor;
    if (move) {
      this.#cursor = [Math.max(0, Math.min(SIZE - 1, y + move[0])), Math.max(0, Math.min(SIZE - 1, x + move[1]))];
      // Shift with an arrow key moves and inks: a keyboard stroke.
      if (event.shiftKey) this.dab(this.#cursor[0] + 0.5, this.#cursor[1] + 0.5, 1);
    } else if (event.key === ' ' || event.key === 'Enter') {
      this.dab(y + 0.5, x + 0.5, 1);
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      this.dab(y + 0.5, x + 0.5, -1);
    } else {
      return;
    }
    event.preventDefault();
    this.paint();
    if (!move || event.shiftKey) this.changed();
  }

  /** Draws the ink (4 canvas pixels per grid cell) and, while focused, the cursor as an outlined square. */
  private paint(): void {
    const context = this.canvas.getContext('2d')!;
    const scale = this.canvas.width / SIZE;
    this.ink.forEach((v, i) => {
      const level = Math.round(v * 255);
      context.fillStyle = `rgb(${level},${level},${level})`;
      context.fillRect((i % SIZE) * scale, Math.floor(i / SIZE) * scale, scale, scale);
    });
    if (this.#showCursor) {
      const [y, x] = this.#cursor;
      context.lineWidth = 1;
      context.strokeStyle = '#ffd400';
      context.strokeRect(x * scale + 0.5, y * scale + 0.5, scale - 1, scale - 1);
      context.strokeStyle = '#d40000';
      context.strokeRect(x * scale - 0.5, y * scale - 0.5, scale + 1, scale + 1);
    }
  }
}
