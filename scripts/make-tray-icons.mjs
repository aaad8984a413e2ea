// Draws the tray icons into resources/tray/ (a clock face; a blue badge while running, a red one when a job is
// failing). Kept as a script so the icons are reproducible and reviewable as code. Outputs per OS:
//   macOS  <state>Template.png + @2x (black + alpha: the menu bar tints template images)
//   Linux  <state>.png (32 px, light glyph for dark panels)
//   Windows <state>.ico (16, 24, 32, 48 px PNG entries)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Buffer } from 'node:buffer';
import zlib from 'node:zlib';

const outDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'tray');
const STATES = ['idle', 'running', 'failing'];
const BADGE = { running: [47, 129, 247], failing: [229, 57, 53] };

function crc32(buffer) {
  let crc = ~0;
  for (const byte of buffer) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = [];
  for (let y = 0; y < size; y++) rows.push(Buffer.from([0]), rgba.subarray(y * size * 4, (y + 1) * size * 4));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function segmentDistance(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Coverage of the glyph and the badge at a point in unit coordinates (0..1). */
function shapes(x, y, state, style) {
  const withBadge = state !== 'idle';
  const badgeDistance = Math.hypot(x - 0.76, y - 0.76);
  // Template images are one colour: "running" is a hollow badge there so it differs from "failing".
  const badge =
    withBadge && badgeDistance <= 0.22 && !(style === 'template' && state === 'running' && badgeDistance < 0.12);
  // Leave a transparent gap around the badge so it reads on any panel colour.
  if (withBadge && Math.hypot(x - 0.76, y - 0.76) <= 0.3 && !badge) return { glyph: false, badge: false };
  const r = Math.hypot(x - 0.5, y - 0.5);
  const ring = r >= 0.36 && r <= 0.46;
  const hands =
    segmentDistance(x, y, 0.5, 0.5, 0.5, 0.24) <= 0.055 || segmentDistance(x, y, 0.5, 0.5, 0.68, 0.58) <= 0.055;
  return { glyph: ring || hands, badge };
}

function draw(size, state, style) {
  const rgba = Buffer.alloc(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let glyph = 0;
      let badge = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const hit = shapes((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size, state, style);
          if (hit.badge) badge++;
          else if (hit.glyph) glyph++;
        }
      }
      const total = samples * samples;
      const offset = (py * size + px) * 4;
      if (style === 'template') {
        // Template images: black with alpha only (the badge becomes solid glyph).
        rgba[offset + 3] = Math.round((255 * (glyph + badge)) / total);
        continue;
      }
      const [br, bg, bb] = BADGE[state] ?? [0, 0, 0];
      const alpha = (glyph + badge) / total;
      if (alpha === 0) continue;
      const mix = (light, colour) => Math.round((light * glyph + colour * badge) / (glyph + badge));
      rgba[offset] = mix(236, br);
      rgba[offset + 1] = mix(236, bg);
      rgba[offset + 2] = mix(236, bb);
      rgba[offset + 3] = Math.round(255 * alpha);
    }
  }
  return encodePng(size, rgba);
}

function encodeIco(pngs) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(pngs.length, 4);
  const entries = [];
  let offset = 6 + 16 * pngs.length;
  for (const { size, data } of pngs) {
    const entry = Buffer.alloc(16);
    entry[0] = size >= 256 ? 0 : size;
    entry[1] = size >= 256 ? 0 : size;
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(data.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += data.length;
    entries.push(entry);
  }
  return Buffer.concat([header, ...entries, ...pngs.map((png) => png.data)]);
}

fs.mkdirSync(outDir, { recursive: true });
for (const state of STATES) {
  fs.writeFileSync(path.join(outDir, `${state}Template.png`), draw(16, state, 'template'));
  fs.writeFileSync(path.join(outDir, `${state}Template@2x.png`), draw(32, state, 'template'));
  fs.writeFileSync(path.join(outDir, `${state}.png`), draw(32, state, 'colour'));
  fs.writeFileSync(
    path.join(outDir, `${state}.ico`),
    encodeIco([16, 24, 32, 48].map((size) => ({ size, data: draw(size, state, 'colour') }))),
  );
}
// The app icon for installers (electron-builder's buildResources).
fs.writeFileSync(path.join(outDir, '..', 'icon.png'), draw(512, 'idle', 'colour'));
console.log(`tray icons written to ${outDir}`);
