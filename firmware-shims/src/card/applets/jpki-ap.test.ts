import { createHash, createVerify, X509Certificate } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { EmulatedMyNumberCard } from "../emulated-my-number-card.ts";
import {
  apdu,
  ascii,
  readBinary,
  readWholeDer,
  selectAid,
  selectEf,
  send,
  verifyCurrent,
} from "../testing/apdu.ts";
import { poweredTestCard, sharedTestCard } from "../testing/shared-test-card.ts";
import { JPKI_AID, JPKI_EF } from "./jpki-ap.ts";

/** DigestInfo(SHA-256) prefix, RFC 8017 §9.2. */
const SHA256_DIGEST_INFO = Buffer.from("3031300d060960864801650304020105000420", "hex");

let card: EmulatedMyNumberCard;

beforeEach(async () => {
  card = await poweredTestCard();
  expect((await send(card, selectAid(JPKI_AID))).sw).toBe(0x9000);
});

const sign = (p1: number, p2: number, data: Uint8Array) => apdu(0x80, 0x2a, p1, p2, data.length, data, 0x00);

function digestInfo(message: string): Uint8Array {
  const hash = createHash("sha256").update(message).digest();
  return Uint8Array.from(Buffer.concat([SHA256_DIGEST_INFO, hash]));
}

describe("JPKI AP: SELECT and READ BINARY", () => {
  it("reads the user-authentication certificate without a PIN, as OpenSC does (Le 4, then chunks)", async () => {
    const { image } = await sharedTestCard();
    expect((await send(card, selectEf(JPKI_EF.AUTH_CERTIFICATE))).sw).toBe(0x9000);
    const der = await readWholeDer(card);
    expect(Buffer.from(der).toString("base64")).toBe(image.jpki.authCertificate);
  });

  it("reads both CA certificates without a PIN", async () => {
    const { image } = await sharedTestCard();
    await send(card, selectEf(JPKI_EF.AUTH_CA_CERTIFICATE));
    expect(Buffer.from(await readWholeDer(card)).toString("base64")).toBe(image.jpki.authCaCertificate);
    await send(card, selectEf(JPKI_EF.SIGN_CA_CERTIFICATE));
    expect(Buffer.from(await readWholeDer(card)).toString("base64")).toBe(image.jpki.signCaCertificate);
  });

  it("reads by short EF id with an extended Le of 65536 and returns the whole file", async () => {
    const { image } = await sharedTestCard();
    const { data, sw } = await send(card, apdu(0x00, 0xb0, 0x80 | 0x0a, 0x00, 0x00, 0x00, 0x00));
    expect(sw).toBe(0x9000);
    expect(Buffer.from(data).toString("base64")).toBe(image.jpki.authCertificate);
  });

  it("reads by short EF id and makes that EF current (8A, then an offset read)", async () => {
    const head = await send(card, apdu(0x00, 0xb0, 0x8a, 0x00, 0x04));
    expect(head.data[0]).toBe(0x30);
    expect(head.data[1]).toBe(0x82);
    const next = await send(card, readBinary(4, 4));
    expect(next.sw).toBe(0x9000);
    expect(next.data.length).toBe(4);
  });

  it("answers Le 00 with 256 bytes", async () => {
    await send(card, selectEf(JPKI_EF.AUTH_CERTIFICATE));
    const { data, sw } = await send(card, readBinary(0, 0x00));
    expect(sw).toBe(0x9000);
    expect(data.length).toBe(256);
  });

  it("returns the bytes left when Le runs past the end of the file", async () => {
    await send(card, selectEf(JPKI_EF.CERTIFICATE_PRESENCE));
    const { data, sw } = await send(card, readBinary(1, 0x10));
    expect(sw).toBe(0x9000);
    expect([...data]).toEqual([0x8f, 0x00]);
  });

  it("answers 6B00 to a read at or past the end of the file", async () => {
    await send(card, selectEf(JPKI_EF.CERTIFICATE_PRESENCE));
    expect((await send(card, readBinary(3, 1))).sw).toBe(0x6b00);
    expect((await send(card, readBinary(0x100, 1))).sw).toBe(0x6b00);
  });

  it("serves EF 0006 as a 160-byte CK_TOKEN_INFO labelled JPKIAPICCTOKEN2", async () => {
    await send(card, selectEf(JPKI_EF.TOKEN_INFO));
    const { data } = await send(card, readBinary(0, 0x00));
    expect(data.length).toBe(160);
    expect(Buffer.from(data.subarray(0, 32)).toString("ascii")).toBe("JPKIAPICCTOKEN2".padEnd(32, " "));
  });

  it("serves EF 0008 as 8F 8F 00", async () => {
    await send(card, selectEf(JPKI_EF.CERTIFICATE_PRESENCE));
    expect([...(await send(card, readBinary(0, 0))).data]).toEqual([0x8f, 0x8f, 0x00]);
  });

  it("answers 6A82 to an EF the JPKI AP does not have", async () => {
    expect((await send(card, selectEf(0x0009))).sw).toBe(0x6a82);
  });

  it("answers 6A86 to SELECT with a P2 other than 0C", async () => {
    expect((await send(card, apdu(0x00, 0xa4, 0x02, 0x00, 0x02, 0x00, 0x0a))).sw).toBe(0x6a86);
  });

  it("answers 6700 to SELECT EF with an id that is not two bytes", async () => {
    expect((await send(card, apdu(0x00, 0xa4, 0x02, 0x0c, 0x01, 0x0a))).sw).toBe(0x6700);
  });

  it("refuses to read a private key or a PIN (6981)", async () => {
    await send(card, selectEf(JPKI_EF.AUTH_KEY));
    expect((await send(card, readBinary(0, 0))).sw).toBe(0x6981);
    await send(card, selectEf(JPKI_EF.AUTH_PIN));
    expect((await send(card, readBinary(0, 0))).sw).toBe(0x6981);
  });

  it("answers 6700 to READ BINARY without an Le", async () => {
    await send(card, selectEf(JPKI_EF.AUTH_CERTIFICATE));
    expect((await send(card, apdu(0x00, 0xb0, 0x00, 0x00))).sw).toBe(0x6700);
  });

  it("answers 6A86 to READ BINARY by SFI with the reserved P1 bits set", async () => {
    expect((await send(card, apdu(0x00, 0xb0, 0xea, 0x00, 0x04))).sw).toBe(0x6a86);
  });

  it("answers 6700 to READ BINARY carrying data", async () => {
    await send(card, selectEf(JPKI_EF.AUTH_CERTIFICATE));
    expect((await send(card, apdu(0x00, 0xb0, 0x00, 0x00, 0x01, 0x00, 0x04))).sw).toBe(0x6700);
  });

  it("answers 6986 to READ BINARY with no current EF", async () => {
    expect((await send(card, readBinary(0, 4))).sw).toBe(0x6986);
  });
});

describe("JPKI AP: the signature certificate", () => {
  it("refuses the signature certificate before the signature password (6982)", async () => {
    await send(card, selectEf(JPKI_EF.SIGN_CERTIFICATE));
    expect((await send(card, readBinary(0, 4))).sw).toBe(0x6982);
    expect((await send(card, apdu(0x00, 0xb0, 0x81, 0x00, 0x04))).sw).toBe(0x6982);
  });

  it("serves the signature certificate after the signature password", async () => {
    const { image } = await sharedTestCard();
    await send(card, selectEf(JPKI_EF.SIGN_PASSWORD));
    expect((await send(card, verifyCurrent(image.jpki.signPassword))).sw).toBe(0x9000);
    await send(card, selectEf(JPKI_EF.SIGN_CERTIFICATE));
    expect(Buffer.from(await readWholeDer(card)).toString("base64")).toBe(image.jpki.signCertificate);
  });

  it("does not open the signature certificate with the user-authentication PIN", async () => {
    await send(card, selectEf(JPKI_EF.AUTH_PIN));
    expect((await send(card, verifyCurrent("1234"))).sw).toBe(0x9000);
    await send(card, selectEf(JPKI_EF.SIGN_CERTIFICATE));
    expect((await send(card, readBinary(0, 4))).sw).toBe(0x6982);
  });
});

describe("JPKI AP: VERIFY and retry counters", () => {
  it("reports 3 tries with the empty VERIFY and spends none", async () => {
    await send(card, selectEf(JPKI_EF.AUTH_PIN));
    expect((await send(card, verifyCurrent())).sw).toBe(0x63c3);
    expect((await send(card, verifyCurrent())).sw).toBe(0x63c3);
    expect(card.counters.authPinRemaining).toBe(3);
  });

  it("reports 5 tries for the signature password by SFI (P2 9B)", async () => {
    expect((await send(card, apdu(0x00, 0x20, 0x00, 0x9b))).sw).toBe(0x63c5);
  });

  it("counts down on wrong PINs, answers 63C0 on the blocking attempt and 6984 after", async () => {
    await send(card, selectEf(JPKI_EF.AUTH_PIN));
    expect((await send(card, verifyCurrent("0000"))).sw).toBe(0x63c2);
    expect((await send(card, verifyCurrent("0000"))).sw).toBe(0x63c1);
    expect((await send(card, verifyCurrent("0000"))).sw).toBe(0x63c0);
    expect((await send(card, verifyCurrent("1234"))).sw).toBe(0x6984);
    expect((await send(card, verifyCurrent())).sw).toBe(0x63c0);
    expect(card.counters.authPinRemaining).toBe(0);
  });

  it("restores the counter after a correct PIN", async () => {
    await send(card, selectEf(JPKI_EF.AUTH_PIN));
    await send(card, verifyCurrent("9999"));
    expect((await send(card, verifyCurrent("1234"))).sw).toBe(0x9000);
    expect((await send(card, verifyCurrent())).sw).toBe(0x63c3);
  });

  it("blocks the signature password after five wrong tries", async () => {
    await send(card, selectEf(JPKI_EF.SIGN_PASSWORD));
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push((await send(card, verifyCurrent("WRONG1"))).sw);
    expect(answers).toEqual([0x63c4, 0x63c3, 0x63c2, 0x63c1, 0x63c0, 0x6984]);
  });

  it("treats a lower-case signature password as wrong (the card compares bytes)", async () => {
    const { image } = await sharedTestCard();
    await send(card, selectEf(JPKI_EF.SIGN_PASSWORD));
    expect((await send(card, verifyCurrent(image.jpki.signPassword.toLowerCase()))).sw).toBe(0x63c4);
  });

  it("answers 6700 to a PIN of impossible length without spending a try", async () => {
    await send(card, selectEf(JPKI_EF.AUTH_PIN));
    expect((await send(card, verifyCurrent("12345"))).sw).toBe(0x6700);
    await send(card, selectEf(JPKI_EF.SIGN_PASSWORD));
    expect((await send(card, verifyCurrent("ABC12"))).sw).toBe(0x6700);
    expect(card.counters).toMatchObject({ authPinRemaining: 3, signPasswordRemaining: 5 });
  });

  it("answers 6A88 to VERIFY when the current EF is not a PIN", async () => {
    await send(card, selectEf(JPKI_EF.AUTH_CERTIFICATE));
    expect((await send(card, verifyCurrent("1234"))).sw).toBe(0x6a88);
  });

  it("answers 6A86 to VERIFY with a P1 other than 00", async () => {
    expect((await send(card, apdu(0x00, 0x20, 0x01, 0x98))).sw).toBe(0x6a86);
  });

  it("clears PIN state when the AP is selected again", async () => {
    await send(card, selectEf(JPKI_EF.AUTH_PIN));
    await send(card, verifyCurrent("1234"));
    await send(card, selectAid(JPKI_AID));
    await send(card, selectEf(JPKI_EF.AUTH_KEY));
    expect((await send(card, sign(0x00, 0x80, digestInfo("x")))).sw).toBe(0x6982);
  });

  it("clears PIN state on a reset", async () => {
    await send(card, selectEf(JPKI_EF.AUTH_PIN));
    await send(card, verifyCurrent("1234"));
    card.powerOn();
    await send(card, selectAid(JPKI_AID));
    expect((await send(card, sign(0x00, 0x97, digestInfo("x")))).sw).toBe(0x6982);
  });
});

describe("JPKI AP: CHANGE REFERENCE DATA", () => {
  it("changes the user-authentication PIN after VERIFY", async () => {
    await send(card, selectEf(JPKI_EF.AUTH_PIN));
    await send(card, verifyCurrent("1234"));
    expect((await send(card, apdu(0x00, 0x24, 0x01, 0x80, 0x04, ascii("4321")))).sw).toBe(0x9000);
    card.powerOn();
    await send(card, selectAid(JPKI_AID));
    await send(card, selectEf(JPKI_EF.AUTH_PIN));
    expect((await send(card, verifyCurrent("1234"))).sw).toBe(0x63c2);
    expect((await send(card, verifyCurrent("4321"))).sw).toBe(0x9000);
  });

  it("refuses a change before VERIFY (6982)", async () => {
    await send(card, selectEf(JPKI_EF.AUTH_PIN));
    expect((await send(card, apdu(0x00, 0x24, 0x01, 0x80, 0x04, ascii("4321")))).sw).toBe(0x6982);
  });

  it("refuses a new signature password outside A–Z 0–9 (6A80)", async () => {
    const { image } = await sharedTestCard();
    await send(card, selectEf(JPKI_EF.SIGN_PASSWORD));
    await send(card, verifyCurrent(image.jpki.signPassword));
    expect((await send(card, apdu(0x00, 0x24, 0x01, 0x80, 0x06, ascii("abc123")))).sw).toBe(0x6a80);
  });

  it("refuses a new PIN of the wrong length (6700)", async () => {
    await send(card, selectEf(JPKI_EF.AUTH_PIN));
    await send(card, verifyCurrent("1234"));
    expect((await send(card, apdu(0x00, 0x24, 0x01, 0x80, 0x03, ascii("123")))).sw).toBe(0x6700);
  });

  it("refuses a change of a blocked PIN (6984)", async () => {
    await send(card, selectEf(JPKI_EF.AUTH_PIN));
    await send(card, verifyCurrent("1234"));
    for (let i = 0; i < 3; i++) await send(card, verifyCurrent("0000"));
    expect((await send(card, apdu(0x00, 0x24, 0x01, 0x80, 0x04, ascii("4321")))).sw).toBe(0x6984);
  });

  it("answers 6A86 to the old‖new form (P1 00)", async () => {
    await send(card, selectEf(JPKI_EF.AUTH_PIN));
    await send(card, verifyCurrent("1234"));
    expect((await send(card, apdu(0x00, 0x24, 0x00, 0x80, 0x08, ascii("12344321")))).sw).toBe(0x6a86);
  });
});

describe("JPKI AP: COMPUTE DIGITAL SIGNATURE", () => {
  it("refuses to sign before VERIFY (6982)", async () => {
    await send(card, selectEf(JPKI_EF.AUTH_KEY));
    expect((await send(card, sign(0x00, 0x80, digestInfo("hello")))).sw).toBe(0x6982);
  });

  it("signs with the auth key; the signature verifies with the certificate read from the card", async () => {
    const certificate = new X509Certificate(await readCertificate(JPKI_EF.AUTH_CERTIFICATE));
    await send(card, selectEf(JPKI_EF.AUTH_PIN));
    await send(card, verifyCurrent("1234"));
    await send(card, selectEf(JPKI_EF.AUTH_KEY));
    const { data, sw } = await send(card, sign(0x00, 0x80, digestInfo("challenge from the PF")));
    expect(sw).toBe(0x9000);
    expect(data.length).toBe(256);
    const ok = createVerify("sha256").update("challenge from the PF").verify(certificate.publicKey, data);
    expect(ok).toBe(true);
  });

  it("signs with the signature key named by SFI (P2 9A) after the password, verifiable with EF 0001", async () => {
    const { image } = await sharedTestCard();
    await send(card, selectEf(JPKI_EF.SIGN_PASSWORD));
    await send(card, verifyCurrent(image.jpki.signPassword));
    const certificate = new X509Certificate(await readCertificate(JPKI_EF.SIGN_CERTIFICATE));
    const { data, sw } = await send(card, sign(0x00, 0x9a, digestInfo("registration")));
    expect(sw).toBe(0x9000);
    expect(createVerify("sha256").update("registration").verify(certificate.publicKey, data)).toBe(true);
  });

  it("does not unlock the signature key with the user-authentication PIN", async () => {
    await send(card, apdu(0x00, 0x20, 0x00, 0x98, 0x04, ascii("1234")));
    expect((await send(card, sign(0x00, 0x9a, digestInfo("x")))).sw).toBe(0x6982);
  });

  it("answers 6A88 when the current EF is not a key", async () => {
    await send(card, selectEf(JPKI_EF.AUTH_CERTIFICATE));
    expect((await send(card, sign(0x00, 0x80, digestInfo("x")))).sw).toBe(0x6a88);
  });

  it("answers 6A86 to a P1 outside 00–05", async () => {
    await send(card, apdu(0x00, 0x20, 0x00, 0x98, 0x04, ascii("1234")));
    expect((await send(card, sign(0x06, 0x97, digestInfo("x")))).sw).toBe(0x6a86);
  });

  it("answers 6700 to more than 245 bytes of data with P1 00", async () => {
    await send(card, apdu(0x00, 0x20, 0x00, 0x98, 0x04, ascii("1234")));
    expect((await send(card, sign(0x00, 0x97, new Uint8Array(246)))).sw).toBe(0x6700);
  });

  it("answers 6E00 to the signing INS with the ISO class byte", async () => {
    await send(card, apdu(0x00, 0x20, 0x00, 0x98, 0x04, ascii("1234")));
    const data = digestInfo("x");
    expect((await send(card, apdu(0x00, 0x2a, 0x00, 0x97, data.length, data, 0x00))).sw).toBe(0x6e00);
  });

  it("answers 6Cxx when a short Le is smaller than the 256-byte signature", async () => {
    await send(card, apdu(0x00, 0x20, 0x00, 0x98, 0x04, ascii("1234")));
    const data = digestInfo("x");
    expect((await send(card, apdu(0x80, 0x2a, 0x00, 0x97, data.length, data, 0x80))).sw).toBe(0x6c00);
  });

  it("answers INTERNAL AUTHENTICATE with 6982 before VERIFY and sends clients to 80 2A (6985) after", async () => {
    const challenge = apdu(0x00, 0x88, 0x00, 0x97, 0x10, new Uint8Array(16), 0x00);
    expect((await send(card, challenge)).sw).toBe(0x6982);
    await send(card, apdu(0x00, 0x20, 0x00, 0x98, 0x04, ascii("1234")));
    expect((await send(card, challenge)).sw).toBe(0x6985);
  });

  it("keeps the PIN state for several signatures in one session", async () => {
    await send(card, apdu(0x00, 0x20, 0x00, 0x98, 0x04, ascii("1234")));
    expect((await send(card, sign(0x00, 0x97, digestInfo("one")))).sw).toBe(0x9000);
    expect((await send(card, sign(0x00, 0x97, digestInfo("two")))).sw).toBe(0x9000);
  });
});

async function readCertificate(fid: number): Promise<Buffer> {
  await send(card, selectEf(fid));
  return Buffer.from(await readWholeDer(card));
}
