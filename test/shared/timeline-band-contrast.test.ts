/**
 * WCAG 1.4.11 (non-text contrast): the timeline's downtime bands need 3:1 against the row backgrounds they are drawn
 * over (odd rows: the surface, even rows: surface-2), in the light theme and in the dark one. Read from the window's
 * own stylesheet, so changing a colour there is what this checks.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Here, under the Node config, because it reads the stylesheet from disk (vitest gives component tests no CSS text).
const css = readFileSync(path.join(__dirname, '../../renderer/styles.css'), 'utf8');

/** The custom properties of the first `:root` block after `from` (the light theme's, or the dark query's). */
function rootProperties(from: number): Map<string, string> {
  const open = css.indexOf(':root {', from);
  const body = css.slice(open, css.indexOf('}', open));
  return new Map([...body.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map((match) => [match[1]!, match[2]!.trim()]));
}

function themeProperties(dark: boolean): Map<string, string> {
  const darkQuery = css.indexOf('@media (prefers-color-scheme: dark)');
  expect(darkQuery).toBeGreaterThan(0);
  return rootProperties(dark ? darkQuery : 0);
}

function luminance(hex: string): number {
  const match = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!match) throw new Error(`${hex} is not an opaque #rrggbb colour: a translucent band has no fixed contrast`);
  const channel = (offset: number) => {
    const value = parseInt(match[1]!.slice(offset, offset + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

describe('timeline downtime band contrast (WCAG 1.4.11)', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`keeps 3:1 against both row backgrounds in the ${theme} theme`, () => {
      const properties = themeProperties(theme === 'dark');
      // The stylesheet draws the bands with these properties (not a literal colour that would bypass them).
      expect(css).toMatch(/\.timeline \.downtime \{\s*fill: var\(--downtime-band\);/);
      expect(css).toMatch(/\.timeline \.downtime-crashed \{\s*fill: var\(--downtime-band-crashed\);/);
      for (const band of ['--downtime-band', '--downtime-band-crashed'])
        for (const row of ['--surface', '--surface-2']) {
          const ratio = contrast(properties.get(band)!, properties.get(row)!);
          expect({ band, row, ratio: Number(ratio.toFixed(2)) }).toEqual({
            band,
            row,
            ratio: expect.toSatisfy((value: number) => value >= 3),
          });
        }
    });
  }
});
