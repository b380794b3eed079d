import { describe, expect, it } from 'vitest';

import { placeMenu } from './menu.tsx';

const VIEWPORT = { width: 1280, height: 720 };
const SIZE = { width: 224, height: 300 };

describe('placeMenu', () => {
  it('opens at the point when it fits', () => {
    expect(placeMenu({ x: 100, y: 100 }, SIZE, VIEWPORT)).toEqual({ left: 102, top: 102 });
  });

  it('flips left and up at the right and bottom edges, whole inside the viewport', () => {
    const at = placeMenu({ x: 1270, y: 710 }, SIZE, VIEWPORT);
    expect(at).toEqual({ left: 1270 - 224 - 2, top: 710 - 300 - 2 });
    expect(at.left + SIZE.width).toBeLessThanOrEqual(VIEWPORT.width - 8);
    expect(at.top + SIZE.height).toBeLessThanOrEqual(VIEWPORT.height - 8);
  });

  it('is clamped to the margin when it fits on neither side', () => {
    expect(placeMenu({ x: 150, y: 360 }, { width: 224, height: 700 }, VIEWPORT)).toEqual({ left: 152, top: 8 });
  });
});
