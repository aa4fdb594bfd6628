import { constants, createHash, generateKeyPairSync, publicDecrypt, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signJpki } from "./rsa-sign.ts";

const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const message = new TextEncoder().encode("sign me");
const hash = createHash("sha256").update(message).digest();

function signature(p1: number, data: Uint8Array): Uint8Array {
  const outcome = signJpki(privateKey, p1, data);
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome.signature;
}

describe("signJpki", () => {
  it("P1 00 pads the data as sent: a host-built DigestInfo gives a standard RSA-SHA256 signature", () => {
    const digestInfo = Buffer.concat([Buffer.from("3031300d060960864801650304020105000420", "hex"), hash]);
    expect(verify("sha256", message, publicKey, signature(0x00, digestInfo))).toBe(true);
  });

  it("P1 01 signs the bare SHA-256 hash of the data", () => {
    const recovered = publicDecrypt(
      { key: publicKey, padding: constants.RSA_PKCS1_PADDING },
      signature(0x01, message),
    );
    expect(Buffer.from(recovered).equals(hash)).toBe(true);
  });

  it("P1 02 wraps a given hash in a DigestInfo", () => {
    expect(verify("sha256", message, publicKey, signature(0x02, hash))).toBe(true);
  });

  it("P1 03 hashes and wraps", () => {
    expect(verify("sha256", message, publicKey, signature(0x03, message))).toBe(true);
  });

  it("P1 04 makes a PSS signature over a given SHA-256 hash", () => {
    const options = { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
    expect(verify("sha256", message, options, signature(0x04, hash))).toBe(true);
  });

  it("P1 05 hashes and makes a PSS signature", () => {
    const options = { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
    expect(verify("sha256", message, options, signature(0x05, message))).toBe(true);
  });

  it("refuses a P1 02 input that is no known hash length", () => {
    expect(signJpki(privateKey, 0x02, new Uint8Array(33))).toEqual({ ok: false, reason: "length" });
  });

  it("refuses P1 06", () => {
    expect(signJpki(privateKey, 0x06, message)).toEqual({ ok: false, reason: "p1" });
  });
});
