import { createHash, createPublicKey, createVerify, randomBytes } from "node:crypto";
import { decodeTlvs, type Tlv } from "@catv/jpki/ber-tlv";
import { concatBytes } from "@catv/jpki/bytes";
import { beforeEach, describe, expect, it } from "vitest";
import type { EmulatedMyNumberCard } from "../emulated-my-number-card.ts";
import { apdu, ascii, readBinary, selectAid, selectEf, send, verifyCurrent } from "../testing/apdu.ts";
import { poweredTestCard, sharedTestCard } from "../testing/shared-test-card.ts";
import { JPKI_AID } from "./jpki-ap.ts";
import { KENKAKU_AID, KENKAKU_EF } from "./kenkaku-ap.ts";

const SHA256_DIGEST_INFO = Buffer.from("3031300d060960864801650304020105000420", "hex");
const BIRTH_DATE_KEY = "550217"; // 1980-02-17 in 和暦 (昭和55年), the test card's default

let card: EmulatedMyNumberCard;

beforeEach(async () => {
  card = await poweredTestCard();
  expect((await send(card, selectAid(KENKAKU_AID))).sw).toBe(0x9000);
});

async function readAll(fid: number): Promise<Uint8Array> {
  expect((await send(card, selectEf(fid))).sw).toBe(0x9000);
  const { data, sw } = await send(card, apdu(0x00, 0xb0, 0x00, 0x00, 0x00, 0x00, 0x00));
  expect(sw).toBe(0x9000);
  return data;
}

/** The TLVs of a file read in whole (stopping at the filler after the last one), or of a constructed value. */
const parseTlvs = (bytes: Uint8Array): Tlv[] => decodeTlvs(bytes, { stopAtPadding: true });
const child = (tlvs: Tlv[], tag: number): Tlv => {
  const found = tlvs.find((t) => t.tag === tag);
  if (!found) throw new Error(`no tag ${tag.toString(16)}`);
  return found;
};

const signChallenge = (challenge: Uint8Array) => {
  const info = concatBytes(SHA256_DIGEST_INFO, createHash("sha256").update(challenge).digest());
  return apdu(0x80, 0x2a, 0x00, 0x00, info.length, info, 0x00);
};

describe("券面事項確認AP: the PIN-less (かざし) path", () => {
  it("reads the CVC (EF 0004) and card info (EF 0003) without any key", async () => {
    const { image } = await sharedTestCard();
    expect(Buffer.from(await readAll(KENKAKU_EF.CARD_VERIFIABLE_CERTIFICATE)).toString("base64")).toBe(
      image.kenkaku.cardVerifiableCertificate,
    );
    expect(Buffer.from(await readAll(KENKAKU_EF.CARD_INFO)).toString("base64")).toBe(image.kenkaku.cardInfo);
  });

  it("refuses the date-of-birth record before the 生年月日 key (6982)", async () => {
    await send(card, selectEf(KENKAKU_EF.DATE_OF_BIRTH_RECORD));
    expect((await send(card, readBinary(0, 0))).sw).toBe(0x6982);
  });

  it("opens the date-of-birth record with the 生年月日 key in 和暦 YYMMDD", async () => {
    const { image } = await sharedTestCard();
    await send(card, selectEf(KENKAKU_EF.BIRTH_DATE_KEY));
    expect((await send(card, verifyCurrent(BIRTH_DATE_KEY))).sw).toBe(0x9000);
    expect(Buffer.from(await readAll(KENKAKU_EF.DATE_OF_BIRTH_RECORD)).toString("base64")).toBe(
      image.kenkaku.dateOfBirthRecord,
    );
  });

  it("accepts VERIFY of the 生年月日 key by SFI (P2 91)", async () => {
    expect((await send(card, apdu(0x00, 0x20, 0x00, 0x91, 0x06, ascii(BIRTH_DATE_KEY)))).sw).toBe(0x9000);
  });

  it("does not accept the Gregorian date as the 生年月日 key and counts the try", async () => {
    await send(card, selectEf(KENKAKU_EF.BIRTH_DATE_KEY));
    expect((await send(card, verifyCurrent("800217"))).sw).toBe(0x63c9);
    expect(card.counters.birthDateKeyRemaining).toBe(9);
  });

  it("reports the 生年月日 key's ten tries with the empty VERIFY", async () => {
    await send(card, selectEf(KENKAKU_EF.BIRTH_DATE_KEY));
    expect((await send(card, verifyCurrent())).sw).toBe(0x63ca);
  });

  it("blocks the 生年月日 key after ten wrong tries", async () => {
    await send(card, selectEf(KENKAKU_EF.BIRTH_DATE_KEY));
    let last = 0;
    for (let i = 0; i < 10; i++) last = (await send(card, verifyCurrent("000000"))).sw;
    expect(last).toBe(0x63c0);
    expect((await send(card, verifyCurrent(BIRTH_DATE_KEY))).sw).toBe(0x6984);
  });

  it("refuses to change the 生年月日 key (6985)", async () => {
    await send(card, selectEf(KENKAKU_EF.BIRTH_DATE_KEY));
    await send(card, verifyCurrent(BIRTH_DATE_KEY));
    expect((await send(card, apdu(0x00, 0x24, 0x01, 0x80, 0x06, ascii("010101")))).sw).toBe(0x6985);
  });

  it("keeps the 生年月日 key verified when the same AP is selected again", async () => {
    await send(card, selectEf(KENKAKU_EF.BIRTH_DATE_KEY));
    await send(card, verifyCurrent(BIRTH_DATE_KEY));
    await send(card, selectAid(KENKAKU_AID));
    await send(card, selectEf(KENKAKU_EF.DATE_OF_BIRTH_RECORD));
    expect((await send(card, readBinary(0, 4))).sw).toBe(0x9000);
  });

  it("forgets the 生年月日 key when another AP is selected", async () => {
    await send(card, selectEf(KENKAKU_EF.BIRTH_DATE_KEY));
    await send(card, verifyCurrent(BIRTH_DATE_KEY));
    await send(card, selectAid(JPKI_AID));
    await send(card, selectAid(KENKAKU_AID));
    await send(card, selectEf(KENKAKU_EF.DATE_OF_BIRTH_RECORD));
    expect((await send(card, readBinary(0, 4))).sw).toBe(0x6982);
  });

  it("passes the verifier's three checks of kenkaku.md §4 (CVC, record, challenge signature)", async () => {
    const { kenkakuCaPublicKey } = await sharedTestCard();
    const cvc = parseTlvs(
      child(parseTlvs(await readAll(KENKAKU_EF.CARD_VERIFIABLE_CERTIFICATE)), 0x7f21).value,
    );
    const body = child(cvc, 0x5f4e).value;
    expect(body.length).toBe(297);
    expect(createVerify("sha256").update(body).verify(kenkakuCaPublicKey, child(cvc, 0x5f37).value)).toBe(
      true,
    );
    const keyTlvs = parseTlvs(body.subarray(32));
    const cvcKey = createPublicKey({
      key: {
        kty: "RSA",
        n: Buffer.from(child(keyTlvs, 0x91).value).toString("base64url"),
        e: Buffer.from(child(keyTlvs, 0x90).value).toString("base64url"),
      },
      format: "jwk",
    });

    await send(card, apdu(0x00, 0x20, 0x00, 0x91, 0x06, ascii(BIRTH_DATE_KEY)));
    const record = parseTlvs(child(parseTlvs(await readAll(KENKAKU_EF.DATE_OF_BIRTH_RECORD)), 0xff10).value);
    expect(Buffer.from(child(record, 0xdf11).value).toString("ascii")).toBe("19800217");
    const signed = concatBytes(child(record, 0xdf11).raw, child(record, 0xdf12).raw);
    expect(createVerify("sha256").update(signed).verify(cvcKey, child(record, 0xdf13).value)).toBe(true);

    const recordKey = createPublicKey({
      key: Buffer.from(child(record, 0xdf12).value),
      format: "der",
      type: "spki",
    });
    const challenge = randomBytes(32);
    const { data, sw } = await send(card, signChallenge(challenge));
    expect(sw).toBe(0x9000);
    expect(data.length).toBe(256);
    expect(createVerify("sha256").update(challenge).verify(recordKey, data)).toBe(true);
  });

  it("signs a challenge with 80 2A 00 00 without any key verified", async () => {
    expect((await send(card, signChallenge(randomBytes(16)))).sw).toBe(0x9000);
  });

  it("answers 6A86 to 80 2A with a P1 or P2 other than 00", async () => {
    const info = concatBytes(SHA256_DIGEST_INFO, randomBytes(32));
    expect((await send(card, apdu(0x80, 0x2a, 0x00, 0x80, info.length, info, 0x00))).sw).toBe(0x6a86);
    expect((await send(card, apdu(0x80, 0x2a, 0x01, 0x00, info.length, info, 0x00))).sw).toBe(0x6a86);
  });

  it("refuses INTERNAL AUTHENTICATE with 6985, as the 券面 keys sign through 80 2A", async () => {
    expect((await send(card, apdu(0x00, 0x88, 0x00, 0x80, 0x10, randomBytes(16), 0x00))).sw).toBe(0x6985);
  });

  it("answers 6A82 to the 券面 images (EF 0002) and 照合番号B, which an emulated card does not hold", async () => {
    expect((await send(card, selectEf(0x0002))).sw).toBe(0x6a82);
    expect((await send(card, selectEf(0x0012))).sw).toBe(0x6a82);
    expect((await send(card, apdu(0x00, 0x20, 0x00, 0x92))).sw).toBe(0x6a88);
  });
});
