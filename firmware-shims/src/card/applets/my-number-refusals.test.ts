import { describe, expect, it } from "vitest";
import { apdu, ascii, readBinary, selectAid, selectEf, send, verifyCurrent } from "../testing/apdu.ts";
import { poweredTestCard } from "../testing/shared-test-card.ts";
import { INPUT_SUPPORT_AID, INPUT_SUPPORT_EF } from "./input-support-ap.ts";
import { KENKAKU_AID, KENKAKU_EF } from "./kenkaku-ap.ts";

/** Twelve digits shaped like a 個人番号; the emulator must refuse it without comparing it to anything. */
const SOME_TWELVE_DIGITS = "123456789018";

describe("refusals of everything that would expose the 個人番号", () => {
  it("refuses the 個人番号 image (確認AP EF 0005) even after the 生年月日 key", async () => {
    const card = await poweredTestCard();
    await send(card, selectAid(KENKAKU_AID));
    await send(card, apdu(0x00, 0x20, 0x00, 0x91, 0x06, ascii("550217")));
    expect((await send(card, selectEf(KENKAKU_EF.MY_NUMBER_IMAGE))).sw).toBe(0x9000);
    expect((await send(card, readBinary(0, 0))).sw).toBe(0x6982);
    expect((await send(card, apdu(0x00, 0xb0, 0x85, 0x00, 0x00))).sw).toBe(0x6982);
  });

  it("refuses VERIFY of 照合番号A (確認AP 0013), in every form, without a try counter", async () => {
    const card = await poweredTestCard();
    await send(card, selectAid(KENKAKU_AID));
    expect((await send(card, apdu(0x00, 0x20, 0x00, 0x93, 0x0c, ascii(SOME_TWELVE_DIGITS)))).sw).toBe(0x6982);
    expect((await send(card, apdu(0x00, 0x20, 0x00, 0x93))).sw).toBe(0x6982);
    await send(card, selectEf(KENKAKU_EF.COLLATION_NUMBER_A));
    expect((await send(card, verifyCurrent(SOME_TWELVE_DIGITS))).sw).toBe(0x6982);
  });

  it("refuses the 入力補助AP's 個人番号 (EF 0001) and its digest file (EF 0003)", async () => {
    const card = await poweredTestCard();
    expect((await send(card, selectAid(INPUT_SUPPORT_AID))).sw).toBe(0x9000);
    await send(card, selectEf(INPUT_SUPPORT_EF.MY_NUMBER));
    expect((await send(card, readBinary(0, 0))).sw).toBe(0x6982);
    expect((await send(card, apdu(0x00, 0xb0, 0x83, 0x00, 0x00))).sw).toBe(0x6982);
  });

  it("refuses VERIFY of the 入力補助AP's 照合番号A (0014)", async () => {
    const card = await poweredTestCard();
    await send(card, selectAid(INPUT_SUPPORT_AID));
    expect((await send(card, apdu(0x00, 0x20, 0x00, 0x94, 0x0c, ascii(SOME_TWELVE_DIGITS)))).sw).toBe(0x6982);
  });

  it("answers 6A82 to the 入力補助AP's other files, which an emulated card does not hold", async () => {
    const card = await poweredTestCard();
    await send(card, selectAid(INPUT_SUPPORT_AID));
    expect((await send(card, selectEf(0x0002))).sw).toBe(0x6a82);
    expect((await send(card, selectEf(0x0011))).sw).toBe(0x6a82);
  });

  it("has no signing key in the 入力補助AP (6985)", async () => {
    const card = await poweredTestCard();
    await send(card, selectAid(INPUT_SUPPORT_AID));
    expect((await send(card, apdu(0x80, 0x2a, 0x00, 0x00, 0x01, 0x00, 0x00))).sw).toBe(0x6985);
  });

  it("answers 6A82 to the 住基AP, which an emulated card does not carry", async () => {
    const card = await poweredTestCard();
    const jukiAid = Uint8Array.of(0xd3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x01);
    expect((await send(card, selectAid(jukiAid))).sw).toBe(0x6a82);
  });
});
