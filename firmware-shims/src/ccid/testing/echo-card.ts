/**
 * @module A minimal `SmartCard` test double for the transport layers: it answers every command with a response
 * whose size the command asks for, so CCID and APDU tests need no JPKI card.
 *
 * - `00 B0 p1 p2 Le`: Le bytes (0x00, 0x01, …) then 9000 — a READ BINARY stand-in, extended Le included.
 * - `00 D6 …data`: echoes the data back then 9000 — long commands round-trip through chaining.
 * - `00 CA 00 01 Le`: answers `6C 10` when Le ≠ 0x10 (wrong length), else 16 bytes — for `6Cxx` handling.
 * - `00 CA 00 02 00`: answers 200 bytes in pieces with `61xx` — for GET RESPONSE handling.
 * - anything else: 6D00.
 */
import type { SmartCard } from "../../card/smart-card.ts";

export const ECHO_CARD_ATR = Uint8Array.of(0x3b, 0xe0, 0x00, 0xff, 0x81, 0x31, 0xfe, 0x45, 0x14);

export class EchoCard implements SmartCard {
  powered = false;
  commands: Uint8Array[] = [];
  /** Artificial processing time per command. */
  delayMs = 0;
  #pending: Uint8Array | undefined;

  powerOn(): Uint8Array {
    this.powered = true;
    this.#pending = undefined;
    return ECHO_CARD_ATR;
  }

  powerOff(): void {
    this.powered = false;
  }

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    this.commands.push(command);
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    const ins = command[1];
    const body = command.subarray(4);
    if (ins === 0xb0) {
      const le =
        body.length === 1 ? body[0] || 256 : body.length === 3 ? (body[1]! << 8) | body[2]! || 65536 : 0;
      return withSw(
        Uint8Array.from({ length: le }, (_, i) => i & 0xff),
        0x9000,
      );
    }
    if (ins === 0xd6) {
      const extended = body[0] === 0 && body.length > 3;
      const data = extended
        ? body.subarray(3, 3 + ((body[1]! << 8) | body[2]!))
        : body.subarray(1, 1 + body[0]!);
      return withSw(data, 0x9000);
    }
    if (ins === 0xca && command[3] === 0x01) {
      return body[0] === 0x10 ? withSw(new Uint8Array(16).fill(0xab), 0x9000) : Uint8Array.of(0x6c, 0x10);
    }
    if (ins === 0xca && command[3] === 0x02) {
      this.#pending = Uint8Array.from({ length: 200 }, (_, i) => i);
      return this.#nextPiece(64);
    }
    if (ins === 0xc0 && this.#pending) return this.#nextPiece(body[0] || 256);
    return Uint8Array.of(0x6d, 0x00);
  }

  #nextPiece(max: number): Uint8Array {
    const pending = this.#pending!;
    const piece = pending.subarray(0, max);
    this.#pending = pending.subarray(piece.length);
    const left = this.#pending.length;
    if (left === 0) this.#pending = undefined;
    return withSw(piece, left === 0 ? 0x9000 : 0x6100 | Math.min(left, 255));
  }
}

function withSw(data: Uint8Array, sw: number): Uint8Array {
  const out = new Uint8Array(data.length + 2);
  out.set(data);
  out[data.length] = sw >> 8;
  out[data.length + 1] = sw & 0xff;
  return out;
}
