/**
 * Draws the image playground's picture (public/images/playground.png, 256×256 RGB): a small scene with what the
 * classic kernels react to — straight and curved edges in both directions, a soft gradient, fine stripes, a
 * checkerboard, texture — so every kernel has something to show. Generated here, not downloaded; run
 * `npx tsx scripts/make-playground-image.ts` to redraw it.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { seededRandom } from '../src/compute/random';

const SIZE = 256;
const SUPERSAMPLE = 3; // sub-samples per axis, for smooth (anti-aliased) edges
type RGB = [number, number, number];

const noise = seededRandom(2024);
const grassNoise = Array.from({ length: SIZE * SIZE }, () => noise() - 0.5);

/** The scene's colour at a point (u, v in pixels, continuous). Later shapes paint over earlier ones. */
function scene(u: number, v: number): RGB {
  const horizon = 150 + 10 * Math.sin(u / 30) + 6 * Math.sin(u / 11);
  // Sky: a vertical gradient.
  let colour: RGB = [110 + v * 0.6, 160 + v * 0.4, 235];
  // Sun with a bright core.
  const sun = Math.hypot(u - 205, v - 48);
  if (sun < 24) colour = [255, 214, 70];
  // Hills with grass texture.
  if (v > horizon) {
    const g = grassNoise[Math.min(SIZE - 1, Math.floor(v)) * SIZE + Math.min(SIZE - 1, Math.floor(u))]!;
    colour = [60 + 40 * g, 140 + 60 * g, 60 + 30 * g];
  }
  // House: walls with horizontal brick courses, a roof, two windows and a door.
  if (u >= 36 && u < 132 && v >= 112 && v < 206) {
    const mortar = Math.floor(v) % 8 === 0;
    colour = mortar ? [200, 190, 180] : [170, 70, 50];
    const inWindow = (x0: number) => u >= x0 && u < x0 + 24 && v >= 128 && v < 152;
    for (const x0 of [48, 96]) {
      if (inWindow(x0)) colour = Math.abs(u - (x0 + 12)) < 1.5 || Math.abs(v - 140) < 1.5 ? [60, 50, 40] : [235, 240, 250];
    }
    if (u >= 74 && u < 94 && v >= 168) colour = [90, 55, 30];
  }
  if (v >= 62 && v < 112 && Math.abs(u - 84) < (v - 62) * 1.1) colour = [70, 45, 45];
  // A picket fence: thin vertical stripes.
  if (v >= 200 && v < 232 && u < 160 && Math.floor(u) % 10 < 4) colour = [245, 245, 240];
  // A checkerboard tile, 8-pixel squares, rotated 20° to give edges in every direction.
  const [cx, cy] = [205, 200];
  const angle = (20 * Math.PI) / 180;
  const ru = (u - cx) * Math.cos(angle) + (v - cy) * Math.sin(angle);
  const rv = -(u - cx) * Math.sin(angle) + (v - cy) * Math.cos(angle);
  if (Math.abs(ru) < 36 && Math.abs(rv) < 36) colour = (Math.floor(ru / 8) + Math.floor(rv / 8)) % 2 === 0 ? [20, 20, 30] : [240, 235, 220];
  return colour;
}

const rgb = Buffer.alloc(SIZE * SIZE * 3);
for (let y = 0; y < SIZE; y++) {
  for (let x = 0; x < SIZE; x++) {
    const sum = [0, 0, 0];
    for (let a = 0; a < SUPERSAMPLE; a++) {
      for (let b = 0; b < SUPERSAMPLE; b++) {
        const c = scene(x + (b + 0.5) / SUPERSAMPLE, y + (a + 0.5) / SUPERSAMPLE);
        for (let k = 0; k < 3; k++) sum[k]! += c[k]!;
      }
    }
    for (let k = 0; k < 3; k++) rgb[(y * SIZE + x) * 3 + k] = Math.max(0, Math.min(255, Math.round(sum[k]! / SUPERSAMPLE ** 2)));
  }
}

// PNG: signature, IHDR, one IDAT of filtered scanlines (filter 1, "sub", compresses smooth areas well), IEND.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes: Buffer) => {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type: string, data: Buffer) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
const scanlines = Buffer.alloc(SIZE * (SIZE * 3 + 1));
for (let y = 0; y < SIZE; y++) {
  const out = y * (SIZE * 3 + 1);
  scanlines[out] = 1;
  for (let i = 0; i < SIZE * 3; i++) {
    const left = i >= 3 ? rgb[y * SIZE * 3 + i - 3]! : 0;
    scanlines[out + 1 + i] = (rgb[y * SIZE * 3 + i]! - left) & 0xff;
  }
}
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(scanlines, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const target = new URL('../public/images/playground.png', import.meta.url);
writeFileSync(target, png);
console.log(`wrote ${target.pathname}: ${png.length} bytes`);
