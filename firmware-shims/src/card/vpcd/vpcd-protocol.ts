/**
 * @module The vpcd ↔ vicc wire format of vsmartcard (virtualsmartcard/doc/api.txt, vpcd.c): TCP, every message a
 * 2-byte big-endian length then the payload. A 1-byte payload from vpcd is a control message; anything longer is a
 * command APDU. Power off / on / reset get no reply; GET ATR and APDUs get one length-prefixed reply.
 */

export const VPCD_DEFAULT_PORT = 35963;

export const VPCD_CONTROL = {
  POWER_OFF: 0x00,
  POWER_ON: 0x01,
  RESET: 0x02,
  GET_ATR: 0x04,
} as const;

/** Largest payload the 2-byte length can carry; vpcd accepts extended APDUs up to this size. */
export const VPCD_MAX_PAYLOAD = 0xffff;

export function frame(payload: Uint8Array): Uint8Array {
  if (payload.length > VPCD_MAX_PAYLOAD) throw new RangeError("vpcd payload longer than 65535 bytes");
  const out = new Uint8Array(payload.length + 2);
  out[0] = payload.length >> 8;
  out[1] = payload.length & 0xff;
  out.set(payload, 2);
  return out;
}

/** Splits a TCP byte stream into payloads; keeps an incomplete tail for the next chunk. */
export class FrameReader {
  private pending: Uint8Array = new Uint8Array(0);

  push(chunk: Uint8Array): Uint8Array[] {
    const joined = new Uint8Array(this.pending.length + chunk.length);
    joined.set(this.pending);
    joined.set(chunk, this.pending.length);
    const payloads: Uint8Array[] = [];
    let at = 0;
    while (joined.length - at >= 2) {
      const length = (joined[at]! << 8) | joined[at + 1]!;
      if (joined.length - at - 2 < length) break;
      payloads.push(joined.slice(at + 2, at + 2 + length));
      at += 2 + length;
    }
    this.pending = joined.slice(at);
    return payloads;
  }
}
