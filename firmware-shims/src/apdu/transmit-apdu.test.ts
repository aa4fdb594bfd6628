import { describe, expect, it } from "vitest";
import { EchoCard } from "../ccid/testing/echo-card.ts";
import { decodeResponseApdu } from "./response-apdu.ts";
import { transmitApdu } from "./transmit-apdu.ts";

describe("transmitApdu", () => {
  it("re-issues the command with the Le a 6Cxx status names", async () => {
    const card = new EchoCard();
    const response = await transmitApdu((c) => card.transmit(c), {
      cla: 0,
      ins: 0xca,
      p1: 0,
      p2: 1,
      le: 256,
    });
    expect(response.sw).toBe(0x9000);
    expect(response.data.length).toBe(16);
    expect(card.commands.map((c) => c[4])).toEqual([0x00, 0x10]);
  });

  it("collects 61xx pieces with GET RESPONSE into one response", async () => {
    const card = new EchoCard();
    const response = await transmitApdu((c) => card.transmit(c), {
      cla: 0,
      ins: 0xca,
      p1: 0,
      p2: 2,
      le: 256,
    });
    expect(response.sw).toBe(0x9000);
    expect(Array.from(response.data)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(card.commands.slice(1).every((c) => c[1] === 0xc0)).toBe(true);
  });

  it("gives up on a card that answers 61xx forever", async () => {
    const endless = async () => Uint8Array.of(0x61, 0x01);
    await expect(transmitApdu(endless, { cla: 0, ins: 0xca, p1: 0, p2: 0, le: 1 })).rejects.toMatchObject({
      code: "card_protocol_error",
    });
  });

  it("reports a one-byte response as malformed", async () => {
    await expect(
      transmitApdu(async () => Uint8Array.of(0x90), { cla: 0, ins: 0, p1: 0, p2: 0 }),
    ).rejects.toMatchObject({
      code: "malformed_reply",
    });
  });
});

describe("decodeResponseApdu", () => {
  it("splits data from the status word", () => {
    expect(decodeResponseApdu(Uint8Array.of(1, 2, 0x63, 0xc2))).toEqual({
      data: Uint8Array.of(1, 2),
      sw: 0x63c2,
    });
  });
});
