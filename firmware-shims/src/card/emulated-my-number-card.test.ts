import { describe, expect, it } from "vitest";
import { INPUT_SUPPORT_AID } from "./applets/input-support-ap.ts";
import { JPKI_AID, JPKI_EF } from "./applets/jpki-ap.ts";
import { KENKAKU_AID } from "./applets/kenkaku-ap.ts";
import { EmulatedMyNumberCard, MY_NUMBER_CARD_ATR } from "./emulated-my-number-card.ts";
import { apdu, readBinary, selectAid, selectEf, send } from "./testing/apdu.ts";
import { poweredTestCard, sharedTestCard } from "./testing/shared-test-card.ts";
import { REAL_CARD_TIMING } from "./timing/card-timing.ts";

describe("EmulatedMyNumberCard", () => {
  it("answers power-on with the My Number card's contact ATR", async () => {
    const { image } = await sharedTestCard();
    const card = new EmulatedMyNumberCard(image);
    expect([...card.powerOn()]).toEqual([0x3b, 0xe0, 0x00, 0xff, 0x81, 0x31, 0xfe, 0x45, 0x14]);
  });

  it("does not answer APDUs before power-on (6F00)", async () => {
    const { image } = await sharedTestCard();
    const card = new EmulatedMyNumberCard(image);
    expect((await send(card, selectAid(JPKI_AID))).sw).toBe(0x6f00);
  });

  it("forgets the selected AP on power-off", async () => {
    const card = await poweredTestCard();
    await send(card, selectAid(JPKI_AID));
    card.powerOff();
    card.powerOn();
    expect((await send(card, selectEf(JPKI_EF.AUTH_CERTIFICATE))).sw).toBe(0x6a82);
  });

  it("answers 6A82 to an unknown AID and keeps the previous selection", async () => {
    const card = await poweredTestCard();
    await send(card, selectAid(JPKI_AID));
    expect((await send(card, selectAid(Uint8Array.of(0xa0, 0, 0, 0, 3, 0x10, 0x10)))).sw).toBe(0x6a82);
    expect((await send(card, selectEf(JPKI_EF.AUTH_CERTIFICATE))).sw).toBe(0x9000);
  });

  it("answers 6700 to an AID shorter than 5 bytes", async () => {
    const card = await poweredTestCard();
    expect((await send(card, apdu(0x00, 0xa4, 0x04, 0x0c, 0x02, 0xd3, 0x92))).sw).toBe(0x6700);
  });

  it("answers 6D00 to an instruction it does not support", async () => {
    const card = await poweredTestCard();
    expect((await send(card, apdu(0x00, 0xd6, 0x00, 0x00, 0x01, 0x00))).sw).toBe(0x6d00);
  });

  it("answers 6E00 to a secure-messaging class byte", async () => {
    const card = await poweredTestCard();
    expect((await send(card, apdu(0x0c, 0xa4, 0x04, 0x0c, JPKI_AID.length, JPKI_AID))).sw).toBe(0x6e00);
  });

  it("answers 6700 to bytes that fit no APDU case, and to fewer than four bytes", async () => {
    const card = await poweredTestCard();
    expect((await send(card, apdu(0x00, 0xa4, 0x04, 0x0c, 0x0a, 0xd3))).sw).toBe(0x6700);
    expect((await send(card, apdu(0x00, 0xa4))).sw).toBe(0x6700);
    expect((await send(card, new Uint8Array(0))).sw).toBe(0x6700);
  });

  it("survives a run of random bytes, answering each with a status word", async () => {
    const card = await poweredTestCard();
    for (let i = 0; i < 500; i++) {
      const length = Math.floor(Math.random() * 300);
      const response = await card.transmit(crypto.getRandomValues(new Uint8Array(length)));
      expect(response.length).toBeGreaterThanOrEqual(2);
    }
  });

  it("answers every well-classed command with a status word and never fails internally (no 6F00)", async () => {
    const card = await poweredTestCard();
    const aids = [JPKI_AID, KENKAKU_AID, INPUT_SUPPORT_AID];
    const instructions = [
      [0x00, 0xa4],
      [0x00, 0xb0],
      [0x00, 0x20],
      [0x00, 0x24],
      [0x00, 0x84],
      [0x00, 0xca],
      [0x00, 0x88],
      [0x80, 0x2a],
    ] as const;
    const random = (n: number) => Math.floor(Math.random() * n);
    for (let i = 0; i < 3000; i++) {
      if (i % 50 === 0) await send(card, selectAid(aids[random(aids.length)]!));
      const [cla, ins] = instructions[random(instructions.length)]!;
      const body = crypto.getRandomValues(new Uint8Array(random(4) === 0 ? random(300) : random(8)));
      const command = Uint8Array.from([cla, ins, random(256), random(256), ...body]);
      const { sw } = await send(card, command);
      expect(sw, Buffer.from(command).toString("hex")).not.toBe(0x6f00);
    }
  });

  it("returns the ATR for GET DATA 5F51", async () => {
    const card = await poweredTestCard();
    const { data, sw } = await send(card, apdu(0x00, 0xca, 0x5f, 0x51, 0x00));
    expect(sw).toBe(0x9000);
    expect([...data]).toEqual([...MY_NUMBER_CARD_ATR]);
  });

  it("answers 6A88 to GET DATA of another tag", async () => {
    const card = await poweredTestCard();
    expect((await send(card, apdu(0x00, 0xca, 0x00, 0x66, 0x00))).sw).toBe(0x6a88);
  });

  it("answers 6A86 to GET CHALLENGE with a P1 other than 00", async () => {
    const card = await poweredTestCard();
    expect((await send(card, apdu(0x00, 0x84, 0x01, 0x00, 0x08))).sw).toBe(0x6a86);
  });

  it("returns Le random bytes for GET CHALLENGE", async () => {
    const card = await poweredTestCard();
    const { data, sw } = await send(card, apdu(0x00, 0x84, 0x00, 0x00, 0x10));
    expect(sw).toBe(0x9000);
    expect(data.length).toBe(16);
  });

  it("answers commands sent together in the order they were sent", async () => {
    const card = await poweredTestCard();
    const answers = await Promise.all([
      send(card, selectAid(JPKI_AID)),
      send(card, selectEf(JPKI_EF.TOKEN_INFO)),
      send(card, readBinary(0, 0x20)),
    ]);
    expect(answers.map((a) => a.sw)).toEqual([0x9000, 0x9000, 0x9000]);
  });

  it("refuses an image that fails the card-image schema", async () => {
    const { image } = await sharedTestCard();
    expect(() => new EmulatedMyNumberCard({ ...image, format: "other" } as never)).toThrow();
  });
});

describe("timing model", () => {
  it("waits nothing by default", async () => {
    const waits: number[] = [];
    const card = await poweredTestCard({ sleep: async (ms) => void waits.push(ms) });
    await send(card, selectAid(JPKI_AID));
    expect(waits).toEqual([0]);
  });

  it("charges a signature's RSA time only to a successful COMPUTE DIGITAL SIGNATURE", async () => {
    const waits: number[] = [];
    const card = await poweredTestCard({
      timing: REAL_CARD_TIMING,
      sleep: async (ms) => void waits.push(ms),
    });
    await send(card, selectAid(JPKI_AID));
    await send(card, apdu(0x00, 0x20, 0x00, 0x98, 0x04, 0x31, 0x32, 0x33, 0x34));
    await send(card, apdu(0x80, 0x2a, 0x00, 0x97, 0x01, 0x00, 0x00));
    const select = waits[0]!;
    const signature = waits[2]!;
    expect(select).toBeLessThan(REAL_CARD_TIMING.perSignatureMs);
    expect(signature).toBeGreaterThanOrEqual(REAL_CARD_TIMING.perSignatureMs + REAL_CARD_TIMING.perCommandMs);
  });

  it("can be switched on after the card is made (the bridge's demo switch)", async () => {
    const waits: number[] = [];
    const card = await poweredTestCard({ sleep: async (ms) => void waits.push(ms) });
    card.timing = REAL_CARD_TIMING;
    await send(card, selectAid(JPKI_AID));
    expect(waits[0]).toBeGreaterThanOrEqual(REAL_CARD_TIMING.perCommandMs);
  });
});
