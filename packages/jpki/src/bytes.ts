/**
 * @module Byte helpers every card-side and server-side codec here uses, in one place. Browser-safe: no imports,
 * so the TV app's driver bundles only this.
 */

/** The parts one after another in a new array. */
export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** ASCII text as bytes (the card's printable fields: dates, IDs, PIN digits). */
export function ascii(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Lower-case hex, two digits a byte. */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
