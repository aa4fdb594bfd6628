import { createVerify, generateKeyPairSync, sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import { toJwsEcdsaSignature } from "./ecdsa-signature.ts";

describe("ECDSA signatures in JWS form", () => {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });

  it("keeps a 64-byte R‖S signature as it is", () => {
    const raw = sign("sha256", Buffer.from("x"), { key: privateKey, dsaEncoding: "ieee-p1363" });
    expect(Buffer.from(toJwsEcdsaSignature(raw))).toEqual(raw);
  });

  it("turns DER signatures into R‖S that verify, leading zeros and sign bytes included", () => {
    // R or S below 2^248 (a leading zero byte, DER shorter than 70 bytes) comes about once in 128 signatures:
    // sign until three such have been converted, and every other one on the way.
    let shortIntegers = 0;
    for (let n = 0; n < 20_000 && shortIntegers < 3; n += 1) {
      const data = Buffer.from(`message ${n}`);
      const der = sign("sha256", data, privateKey);
      if (der.length < 70) shortIntegers += 1;
      const raw = toJwsEcdsaSignature(der);
      expect(raw.length).toBe(64);
      const ok = createVerify("sha256")
        .update(data)
        .verify({ key: publicKey, dsaEncoding: "ieee-p1363" }, Buffer.from(raw));
      expect(ok).toBe(true);
    }
    expect(shortIntegers).toBe(3);
  });

  it("refuses a signature of any other length", () => {
    expect(() => toJwsEcdsaSignature(new Uint8Array(63))).toThrow();
  });
});
