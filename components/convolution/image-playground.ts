/**
 * Behaviour of ImagePlayground.astro, loaded when the widget comes near the viewport: decodes the bundled picture
 * (or the reader's own file, locally) and draws one feature map per chosen kernel.
 */
import { conv2d, convOutputSize, grayscale, relu, toGrayLevels, type ImageKernel, type Tensor } from '../../src/compute';
import { NotebookWidget, defineWidget } from '../lib/widget';
import { formatNumber } from '../lib/format';
import type { SpecState } from '../lib/spec';
import { imagePlaygroundSpec, KERNELS } from './image-playground.spec';

/** The largest side a reader's image is scaled down to, so an update stays fast. */
const MAX_SIDE = 256;

class ImagePlayground extends NotebookWidget<typeof imagePlaygroundSpec.fields> {
  protected readonly spec = imagePlaygroundSpec;
  #image: Tensor | null = null;
  #imageRequests = 0;
  /** One reusable pixel buffer per canvas. */
  #pixels = new WeakMap<HTMLCanvasElement, ImageData>();
  #buffers = new Map<string, Float32Array | Uint8ClampedArray>();

  protected override setup(): void {
    const file = this.find<HTMLInputElement>(`#${this.id}-file`);
    this.on(file, 'change', () => {
      const chosen = file.files?.[0];
      if (chosen) void this.loadImage(chosen, chosen.name).catch(() => this.inputError(file, `“${chosen.name}” could not be read as an image. Try a PNG, JPEG or WebP file.`));
    });
    const source = this.find('[data-role="gallery"]').dataset['src']!;
    void fetch(source)
      .then((response) => response.blob())
      .then((blob) => this.loadImage(blob, null))
      .catch(() => this.inputError(file, 'The bundled picture could not be loaded; choose an image of your own here.'));
  }

  /** Decodes an image, scales it to at most MAX_SIDE, and keeps its grey levels as the input tensor. */
  private async loadImage(blob: Blob, name: string | null): Promise<void> {
    const request = ++this.#imageRequests;
    const bitmap = await createImageBitmap(blob);
    // A reader's file chosen while the bundled picture was still decoding wins, whichever finishes last.
    if (request !== this.#imageRequests) {
      bitmap.close();
      return;
    }
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = document.createElement('canvas');
    Object.assign(canvas, { width, height });
    const context = canvas.getContext('2d', { willReadFrequently: true })!;
    context.drawImage(bitmap, 0, 0, width, height);
    bitmap.close();
    this.#image = grayscale(context.getImageData(0, 0, width, height).data, width, height);
    this.inputError(this.find(`#${this.id}-file`), null);
    this.paint(this.find<HTMLCanvasElement>('[data-role="source"]'), this.#image.data, width, height);
    this.find('[data-role="source-caption"]').textContent = name
      ? `Input: your image “${name}”, ${width}×${height} in grey levels${scale < 1 ? ' (scaled down)' : ''}.`
      : `Input: a ${width}×${height} drawing of a house, a fence and a checkerboard, in grey levels.`;
    this.update();
  }

  /**
   * A buffer of `length` elements kept between updates under `key` (allocating fresh 256 kB arrays for every map
   * on every update was most of an update's time); replaced when the length changes.
   */
  private bufferFor<T extends Float32Array | Uint8ClampedArray>(key: string, length: number, type: new (length: number) => T): T {
    const kept = this.#buffers.get(key);
    if (kept instanceof type && kept.length === length) return kept as T;
    const buffer = new type(length);
    this.#buffers.set(key, buffer);
    return buffer;
  }

  /** Draws grey levels (values in [0, 1], or bytes from toGrayLevels) into a canvas, resizing it only if needed. */
  private paint(canvas: HTMLCanvasElement, values: ArrayLike<number>, width: number, height: number): void {
    const bytes = values instanceof Uint8ClampedArray ? values : toGrayLevels(values).levels;
    if (canvas.width !== width || canvas.height !== height) Object.assign(canvas, { width, height });
    let pixels = this.#pixels.get(canvas);
    if (!pixels || pixels.width !== width || pixels.height !== height) {
      pixels = new ImageData(width, height);
      this.#pixels.set(canvas, pixels);
    }
    // One 32-bit write per pixel: grey in R, G and B, opaque alpha (canvas pixels are little-endian RGBA).
    const words = new Uint32Array(pixels.data.buffer);
    for (let i = 0; i < bytes.length; i++) words[i] = 0xff000000 | (bytes[i]! * 0x010101);
    canvas.getContext('2d')!.putImageData(pixels, 0, 0);
  }

  protected render(state: SpecState<typeof imagePlaygroundSpec>): void {
    if (!this.#image) return; // the picture is still loading; setup calls update() again when it arrives
    performance.mark('conv-playground-start');
    const { s, d, same } = state;
    const chosen: ImageKernel[] = state.k.map((i) => KERNELS[i]!);
    if (state.cu) chosen.push({ label: 'Your kernel', size: state.c.rows, values: state.c.values });
    // Kernels of one size run as one conv2d call with several output channels: the image is checked once, and
    // the maps share one reused buffer (a map is a view into it).
    const maps: { kernel: ImageKernel; height: number; width: number; gray: ReturnType<typeof toGrayLevels> }[] = [];
    const [, imageHeight, imageWidth] = this.#image.shape as [number, number, number];
    for (const size of new Set(chosen.map((kernel) => kernel.size))) {
      const group = chosen.map((kernel, index) => ({ kernel, index })).filter(({ kernel }) => kernel.size === size);
      const weight = { shape: [group.length, 1, size, size], data: Float32Array.from(group.flatMap(({ kernel }) => kernel.values)) };
      const options = { stride: s, padding: same ? (d * (size - 1)) / 2 : 0, dilation: d };
      const plane = convOutputSize(imageHeight, size, s, options.padding, d) * convOutputSize(imageWidth, size, s, options.padding, d);
      // An output too small to exist gets an empty buffer, and conv2d explains why.
      const out = this.bufferFor(`${size}×${group.length}`, plane < 1 ? 0 : plane * group.length, Float32Array);
      const output = conv2d(this.#image, weight, null, { ...options, out });
      if (state.relu) relu(output, true);
      const [, height, width] = output.shape as [number, number, number];
      group.forEach(({ kernel, index }, j) => {
        const gray = toGrayLevels(output.data.subarray(j * height * width, (j + 1) * height * width), this.bufferFor(`gray ${index}`, height * width, Uint8ClampedArray));
        maps[index] = { kernel, height, width, gray };
      });
    }
    const gallery = this.find('[data-role="gallery"]');
    const figures = [...gallery.querySelectorAll<HTMLElement>('figure[data-map]')];
    figures.slice(maps.length).forEach((figure) => figure.remove());
    maps.forEach(({ kernel, height, width, gray }, i) => {
      let figure = figures[i];
      if (!figure) {
        figure = document.createElement('figure');
        figure.dataset['map'] = '';
        const canvas = document.createElement('canvas');
        canvas.setAttribute('role', 'img');
        figure.append(canvas, document.createElement('figcaption'));
        gallery.append(figure);
      }
      const canvas = figure.querySelector('canvas')!;
      this.paint(canvas, gray.levels, width, height);
      const text = `${kernel.label}: ${height}×${width}, values ${formatNumber(gray.min, 3)} to ${formatNumber(gray.max, 3)}`;
      canvas.setAttribute('aria-label', `Feature map of ${text}`);
      figure.querySelector('figcaption')!.textContent = text;
    });
    performance.measure('conv-playground-update', 'conv-playground-start');
    this.announce(maps.length === 0 ? 'No kernel chosen: tick one to see its feature map.' : `${maps.length} feature map${maps.length > 1 ? 's' : ''}, ${maps.map((m) => m.kernel.label).join(', ')}.`);
  }
}

defineWidget('conv-image-playground', ImagePlayground);
