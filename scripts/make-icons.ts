/**
 * Draws the Teams app icons into manifest/: a RAG checklist on a clipboard.
 * The PNGs are committed; run `npx tsx scripts/make-icons.ts` only to change them.
 *   color.png   192×192, full colour, opaque background (Teams rounds the corners itself)
 *   outline.png  32×32, white on a transparent background (Teams tints it in its app bar)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

type Rgb = readonly [number, number, number];
type Shape = (x: number, y: number) => number; // signed distance in pixels, negative inside

const NHS_BLUE: Rgb = [0x00, 0x5e, 0xb8];
const DARK_BLUE: Rgb = [0x00, 0x30, 0x87];
const WHITE: Rgb = [0xff, 0xff, 0xff];
const GREY: Rgb = [0x76, 0x86, 0x92];
const RED: Rgb = [0xd5, 0x28, 0x1b];
const AMBER: Rgb = [0xff, 0xb8, 0x1c];
const GREEN: Rgb = [0x00, 0x7f, 0x3b];

function roundedRect(cx: number, cy: number, halfWidth: number, halfHeight: number, radius: number): Shape {
  return (x, y) => {
    const qx = Math.abs(x - cx) - (halfWidth - radius);
    const qy = Math.abs(y - cy) - (halfHeight - radius);
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
  };
}

function circle(cx: number, cy: number, r: number): Shape {
  return (x, y) => Math.hypot(x - cx, y - cy) - r;
}

/** A ring of the given stroke width centred on the shape's edge. */
function stroke(shape: Shape, width: number): Shape {
  return (x, y) => Math.abs(shape(x, y)) - width / 2;
}

/** Pixel coverage of a shape at pixel (px, py), antialiased over a 4×4 grid. */
function coverage(shape: Shape, px: number, py: number): number {
  let inside = 0;
  for (let i = 0; i < 4; i += 1) for (let j = 0; j < 4; j += 1) if (shape(px + (i + 0.5) / 4, py + (j + 0.5) / 4) <= 0) inside += 1;
  return inside / 16;
}

class Canvas {
  readonly png: PNG;
  constructor(readonly size: number) {
    this.png = new PNG({ width: size, height: size });
    this.png.data.fill(0);
  }

  fill(shape: Shape, [r, g, b]: Rgb): void {
    const d = this.png.data;
    for (let y = 0; y < this.size; y += 1) {
      for (let x = 0; x < this.size; x += 1) {
        const a = coverage(shape, x, y);
        if (a === 0) continue;
        const i = (y * this.size + x) * 4;
        // "Over" compositing, straight alpha.
        const below = d[i + 3]! / 255;
        const out = a + below * (1 - a);
        d[i] = Math.round((r * a + d[i]! * below * (1 - a)) / out);
        d[i + 1] = Math.round((g * a + d[i + 1]! * below * (1 - a)) / out);
        d[i + 2] = Math.round((b * a + d[i + 2]! * below * (1 - a)) / out);
        d[i + 3] = Math.round(out * 255);
      }
    }
  }

  write(path: string): void {
    writeFileSync(path, PNG.sync.write(this.png, { colorType: 6 }));
  }
}

export function colorIcon(): Canvas {
  const c = new Canvas(192);
  c.fill(() => -1, NHS_BLUE);
  c.fill(roundedRect(96, 104, 52, 66, 10), WHITE);
  c.fill(roundedRect(96, 40, 24, 11, 5), DARK_BLUE);
  [RED, AMBER, GREEN].forEach((colour, row) => {
    const y = 76 + row * 30;
    c.fill(circle(70, y, 11), colour);
    c.fill(roundedRect(112, y, 20, 4, 4), GREY);
  });
  return c;
}

export function outlineIcon(): Canvas {
  // Edges on whole pixels, so the 2 px strokes stay sharp at 32×32.
  const c = new Canvas(32);
  c.fill(stroke(roundedRect(16, 17, 9, 12, 2), 2), WHITE);
  c.fill(roundedRect(16, 4, 4, 2, 1), WHITE);
  for (const y of [12, 18, 24]) {
    c.fill(circle(11, y, 1.6), WHITE);
    c.fill(roundedRect(18.5, y, 3.5, 1, 0.5), WHITE);
  }
  return c;
}

if (require.main === module) {
  const dir = join(__dirname, '..', 'manifest');
  colorIcon().write(join(dir, 'color.png'));
  outlineIcon().write(join(dir, 'outline.png'));
  console.log(`Wrote ${join(dir, 'color.png')} and ${join(dir, 'outline.png')}`);
}
