/**
 * The bench's 60,000-image run needs photographs, which are far denser than handwritten digits
 * (about half the pixels non-zero instead of a fifth), as IDX .gz files a user would pass to --data.
 * Debian's package dataset-fashion-mnist ships the real Fashion-MNIST (60,000 training and 10,000
 * test images of clothing, 28×28); where it is not installed, the bench writes a stand-in once: as
 * many images of the same size and density, 10 learnable classes, made deterministically (see
 * writeStandIn), and says so in its output.
 */
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { seededRandom } from '../nn/random';

export interface PhotoData {
  readonly trainImages: string;
  readonly trainLabels: string;
  readonly testImages: string;
  readonly testLabels: string;
  /** What the images are, for the bench's output. */
  readonly description: string;
}

const FASHION = '/usr/share/datasets/fashion-mnist';

/** Fashion-MNIST when Debian's dataset-fashion-mnist is installed, else the stand-in (written once). */
export function photoData(): PhotoData {
  const files = (dir: string) => ({
    trainImages: join(dir, 'train-images-idx3-ubyte.gz'),
    trainLabels: join(dir, 'train-labels-idx1-ubyte.gz'),
    testImages: join(dir, 't10k-images-idx3-ubyte.gz'),
    testLabels: join(dir, 't10k-labels-idx1-ubyte.gz'),
  });
  const fashion = files(FASHION);
  if (Object.values(fashion).every((f) => existsSync(f))) {
    return {
      ...fashion,
      description: `Fashion-MNIST, 60,000 + 10,000 photos of clothing (Debian dataset-fashion-mnist, ${FASHION})`,
    };
  }
  const dir = join(tmpdir(), 'backprop-lab-bench-photos-v1');
  if (!existsSync(join(dir, 't10k-labels-idx1-ubyte.gz'))) {
    mkdirSync(dir, { recursive: true });
    writeStandIn(dir, 'train', 60_000, 1);
    writeStandIn(dir, 't10k', 10_000, 2);
  }
  return {
    ...files(dir),
    description:
      'a generated stand-in for Fashion-MNIST (dataset-fashion-mnist is not installed): 60,000 + 10,000 ' +
      `28×28 images, about half the pixels non-zero, 10 classes (${dir})`,
  };
}

/**
 * m images in 10 classes: each class is a smooth random shape (a sum of 3 Gaussian blobs) on a dark
 * background; an image is its class's shape, shifted by up to 2 pixels, scaled in brightness, with
 * noise, and clipped to 0…255. About half the pixels end up non-zero, like photographs of objects.
 */
function writeStandIn(dir: string, prefix: string, m: number, seed: number): void {
  const side = 28;
  const n = side * side;
  const shapeRandom = seededRandom(1234);
  const shapes = Array.from({ length: 10 }, () => {
    const shape = new Float64Array(n);
    for (let b = 0; b < 3; b++) {
      const cx = 6 + shapeRandom() * 16;
      const cy = 6 + shapeRandom() * 16;
      const r = 3 + shapeRandom() * 6;
      for (let y = 0; y < side; y++)
        for (let x = 0; x < side; x++) shape[y * side + x] += Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * r * r));
    }
    return shape;
  });
  const random = seededRandom(seed);
  const images = new Uint8Array(16 + m * n);
  const labels = new Uint8Array(8 + m);
  new DataView(images.buffer).setUint32(0, 0x803);
  new DataView(images.buffer).setUint32(4, m);
  new DataView(images.buffer).setUint32(8, side);
  new DataView(images.buffer).setUint32(12, side);
  new DataView(labels.buffer).setUint32(0, 0x801);
  new DataView(labels.buffer).setUint32(4, m);
  for (let i = 0; i < m; i++) {
    const label = Math.floor(random() * 10);
    labels[8 + i] = label;
    const dx = Math.floor(random() * 5) - 2;
    const dy = Math.floor(random() * 5) - 2;
    const brightness = 160 + random() * 95;
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        const sx = Math.min(side - 1, Math.max(0, x - dx));
        const sy = Math.min(side - 1, Math.max(0, y - dy));
        const v = shapes[label][sy * side + sx] * brightness + (random() - 0.5) * 60 - 25;
        images[16 + i * n + y * side + x] = Math.max(0, Math.min(255, Math.round(v)));
      }
    }
  }
  for (const [name, bytes] of [
    [`${prefix}-images-idx3-ubyte.gz`, images],
    [`${prefix}-labels-idx1-ubyte.gz`, labels],
  ] as const) {
    writeFileSync(join(dir, `${name}.tmp`), gzipSync(bytes));
    renameSync(join(dir, `${name}.tmp`), join(dir, name));
  }
}
