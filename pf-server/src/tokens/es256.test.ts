import { generateKeyPairSync } from "node:crypto";
import { decodeProtectedHeader, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { signEs256Jwt } from "./es256.ts";

const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
const claims = { iss: "http://pf.test", aud: "catv-pf-tv", sub: "cable-1", iat: 1_900_000_000 };

describe("ES256 signing", () => {
  it("produces a compact JWS that jose verifies with the public key", async () => {
    const token = signEs256Jwt({ kid: "pf-1", typ: "at+jwt" }, claims, privateKey);
    const { payload } = await jwtVerify(token, publicKey, {
      algorithms: ["ES256"],
      typ: "at+jwt",
      currentDate: new Date(1_900_000_000_000),
    });
    expect(payload).toEqual(claims);
    expect(decodeProtectedHeader(token)).toEqual({ kid: "pf-1", typ: "at+jwt", alg: "ES256" });
  });
  it("makes a signature that no longer verifies once the claims are altered", async () => {
    const [header, , signature] = signEs256Jwt({}, claims, privateKey).split(".");
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: "cable-2" })).toString("base64url");
    await expect(
      jwtVerify(`${header}.${forged}.${signature}`, publicKey, { currentDate: new Date(1_900_000_000_000) }),
    ).rejects.toThrow(/signature/);
  });
});
