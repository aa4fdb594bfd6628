import { describe, expect, it } from "vitest";
import { parseCommand } from "./parse-command.ts";

describe("parseCommand", () => {
  it("reads a case 1 command (header only) with no data and no Le", () => {
    expect(parseCommand(Uint8Array.of(0x00, 0x20, 0x00, 0x80))).toMatchObject({
      data: new Uint8Array(0),
      le: undefined,
    });
  });

  it("reads a short Le of 00 as 256", () => {
    expect(parseCommand(Uint8Array.of(0x00, 0xb0, 0x00, 0x00, 0x00))?.le).toBe(256);
  });

  it("reads a case 4S command's data and Le", () => {
    const command = parseCommand(Uint8Array.of(0x80, 0x2a, 0x00, 0x80, 0x02, 0xaa, 0xbb, 0x00));
    expect(command).toMatchObject({ data: Uint8Array.of(0xaa, 0xbb), le: 256, extended: false });
  });

  it("reads an extended Le of 0000 as 65536", () => {
    expect(parseCommand(Uint8Array.of(0x00, 0xb0, 0x8a, 0x04, 0x00, 0x00, 0x00))).toMatchObject({
      le: 65536,
      extended: true,
    });
  });

  it("reads a case 4E command with a two-byte Lc and Le", () => {
    const command = parseCommand(Uint8Array.of(0x80, 0x2a, 0x00, 0x80, 0x00, 0x00, 0x01, 0x42, 0x01, 0x00));
    expect(command).toMatchObject({ data: Uint8Array.of(0x42), le: 256, extended: true });
  });

  it("rejects a command shorter than its header", () => {
    expect(parseCommand(Uint8Array.of(0x00, 0xa4, 0x04))).toBeUndefined();
  });

  it("rejects a short Lc that disagrees with the number of bytes sent", () => {
    expect(parseCommand(Uint8Array.of(0x00, 0xa4, 0x02, 0x0c, 0x02, 0x00))).toBeUndefined();
  });

  it("rejects an extended command with Lc 0000", () => {
    expect(parseCommand(Uint8Array.of(0x00, 0xa4, 0x02, 0x0c, 0x00, 0x00, 0x00, 0x01))).toBeUndefined();
  });
});
