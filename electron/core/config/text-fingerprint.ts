/**
 * A cheap fingerprint of a text, for cache keys that must change when the text does: the length and two
 * independent 32-bit multiply-xor hashes of its UTF-16 units (FNV-1a and a murmur-style mix), ~1 ms for a
 * 500 KB jobs file. An accidental match of all three is ~2^-64; a cryptographic hash would load node:crypto (~9 ms)
 * at every CLI start, and the file's writer could do anything with it anyway.
 */
export function textFingerprint(text: string): string {
  let fnv = 0x811c9dc5;
  let mix = 0x9747b28c;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    fnv = Math.imul(fnv ^ unit, 0x01000193);
    mix = Math.imul(mix ^ unit, 0x5bd1e995);
    mix ^= mix >>> 15;
  }
  return `${text.length}:${(fnv >>> 0).toString(16).padStart(8, '0')}${(mix >>> 0).toString(16).padStart(8, '0')}`;
}
