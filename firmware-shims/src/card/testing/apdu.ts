/**
 * @module Helpers the card's tests use to speak APDUs: build commands, split responses.
 */
import type { SmartCard } from "../smart-card.ts";

export function apdu(...parts: (number | Uint8Array | number[])[]): Uint8Array {
  const bytes: number[] = [];
  for (const part of parts) {
    if (typeof part === "number") bytes.push(part);
    else bytes.push(...part);
  }
  return Uint8Array.from(bytes);
}

export interface Response {
  data: Uint8Array;
  sw: number;
}

export async function send(card: SmartCard, command: Uint8Array): Promise<Response> {
  const response = await card.transmit(command);
  return { data: response.subarray(0, response.length - 2), sw: (response.at(-2)! << 8) | response.at(-1)! };
}

export const selectAid = (aid: Uint8Array) => apdu(0x00, 0xa4, 0x04, 0x0c, aid.length, aid);
export const selectEf = (fid: number) => apdu(0x00, 0xa4, 0x02, 0x0c, 0x02, fid >> 8, fid & 0xff);
export const readBinary = (offset: number, le: number) =>
  apdu(0x00, 0xb0, offset >> 8, offset & 0xff, le & 0xff);
export const verifyCurrent = (value?: string) =>
  value === undefined
    ? apdu(0x00, 0x20, 0x00, 0x80)
    : apdu(0x00, 0x20, 0x00, 0x80, value.length, ascii(value));
export const ascii = (text: string) => new TextEncoder().encode(text);

/** Reads a whole EF the way OpenSC does: 4 bytes for the BER length, then chunks of up to 256 bytes. */
export async function readWholeDer(card: SmartCard): Promise<Uint8Array> {
  const head = await send(card, readBinary(0, 4));
  if (head.sw !== 0x9000) throw new Error(`READ BINARY answered ${head.sw.toString(16)}`);
  const size = ((head.data[2]! << 8) | head.data[3]!) + 4;
  const out = new Uint8Array(size);
  for (let at = 0; at < size; ) {
    const chunk = await send(card, readBinary(at, Math.min(256, size - at)));
    if (chunk.sw !== 0x9000) throw new Error(`READ BINARY answered ${chunk.sw.toString(16)}`);
    out.set(chunk.data, at);
    at += chunk.data.length;
  }
  return out;
}
