import { createPrivateKey, createPublicKey, createVerify, X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { MemoryCertificateCache } from "./certificate-cache.ts";
import { proveCardForPinlessLogin } from "./prove-card-for-pinless-login.ts";
import { readAuthenticationCertificate } from "./read-authentication-certificate.ts";
import { signLoginChallenge } from "./sign-login-challenge.ts";
import { signRegistrationChallenge } from "./sign-registration-challenge.ts";
import { cardInReader, fromBase64 } from "./testing/card-in-reader.ts";

const toBeSigned = new TextEncoder().encode("CATV-PF\nregistration\nop-nanto\nstb-nanto-0001\nc1\nnonce");

describe.each(["extended-apdu", "short-apdu"] as const)(
  "card flows through a %s level reader",
  (exchangeLevel) => {
    it("signs a registration challenge with the signature key and returns both certificates", async () => {
      const { client, testCard } = await cardInReader({ exchangeLevel });
      const result = await signRegistrationChallenge(client, {
        toBeSigned,
        signPassword: testCard.image.jpki.signPassword,
      });
      expect(result.signatureCertificate).toEqual(fromBase64(testCard.image.jpki.signCertificate));
      expect(result.authenticationCertificate).toEqual(fromBase64(testCard.image.jpki.authCertificate));
      const key = new X509Certificate(result.signatureCertificate).publicKey;
      expect(createVerify("sha256").update(toBeSigned).verify(key, result.signature)).toBe(true);
    });

    it("signs a login challenge with the user-authentication key after the PIN", async () => {
      const { client, testCard } = await cardInReader({ exchangeLevel });
      const result = await signLoginChallenge(client, { toBeSigned, pin: testCard.image.jpki.authPin });
      const key = new X509Certificate(result.authenticationCertificate).publicKey;
      expect(createVerify("sha256").update(toBeSigned).verify(key, result.signature)).toBe(true);
    });

    it("reads only the certificate header when the serial is cached", async () => {
      const { client, reader } = await cardInReader({ exchangeLevel });
      const cache = new MemoryCertificateCache();
      const first = await readAuthenticationCertificate(client, cache);
      expect(first.fromCache).toBe(false);
      const { JpkiCardClient } = await import("./jpki-card-client.ts");
      const again = await JpkiCardClient.connect(reader);
      const second = await readAuthenticationCertificate(again, cache);
      expect(second).toMatchObject({ fromCache: true, serialHex: first.serialHex });
      expect(second.certificate).toEqual(first.certificate);
      expect(again.stats.apdus).toBe(2);
    });

    it("proves the card for a PIN-less login with a signature the card key verifies", async () => {
      const { client, testCard } = await cardInReader({ exchangeLevel });
      const auth = await readAuthenticationCertificate(client);
      const challenge = crypto.getRandomValues(new Uint8Array(32));
      const proof = await proveCardForPinlessLogin(client, {
        challenge,
        birthDateKey: testCard.image.kenkaku.birthDateKey,
      });
      expect(auth.certificate).toEqual(fromBase64(testCard.image.jpki.authCertificate));
      expect(
        fromBase64(testCard.image.kenkaku.dateOfBirthRecord).subarray(0, proof.dateOfBirthRecord.length),
      ).toEqual(proof.dateOfBirthRecord);
      const cardKey = createPublicKey(
        createPrivateKey({
          key: Buffer.from(testCard.image.kenkaku.cardPrivateKey, "base64"),
          format: "der",
          type: "pkcs8",
        }),
      );
      expect(createVerify("sha256").update(challenge).verify(cardKey, proof.signature)).toBe(true);
    });

    it("refuses a wrong 生年月日 key with the tries left", async () => {
      const { client, testCard } = await cardInReader({ exchangeLevel });
      const wrong = testCard.image.kenkaku.birthDateKey === "000101" ? "000102" : "000101";
      await expect(
        proveCardForPinlessLogin(client, { challenge: new Uint8Array(32), birthDateKey: wrong }),
      ).rejects.toMatchObject({ code: "pin_incorrect", remainingTries: 9 });
    });
  },
);

describe("PIN-less cost", () => {
  it("does a PIN-less login in at most 6 APDUs once the card is cached by serial", async () => {
    const { client, reader, testCard } = await cardInReader();
    const cache = new MemoryCertificateCache();
    const seen = await readAuthenticationCertificate(client, cache);
    const challenge = crypto.getRandomValues(new Uint8Array(32));
    const birthDateKey = testCard.image.kenkaku.birthDateKey;
    await proveCardForPinlessLogin(client, { challenge, birthDateKey, serialHex: seen.serialHex, cache });

    const { JpkiCardClient } = await import("./jpki-card-client.ts");
    const card = await JpkiCardClient.connect(reader);
    const auth = await readAuthenticationCertificate(card, cache);
    const proof = await proveCardForPinlessLogin(card, {
      challenge,
      birthDateKey,
      serialHex: auth.serialHex,
      cache,
    });
    expect(card.stats.apdus).toBeLessThanOrEqual(6);
    expect(Array.from(proof.cardVerifiableCertificate.subarray(0, 2))).toEqual([0x7f, 0x21]);
    expect(proof.signature.length).toBe(256);
  });
});
