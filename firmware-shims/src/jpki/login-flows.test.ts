import { createPrivateKey, createPublicKey, createVerify, X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { MemoryCertificateCache } from "./certificate-cache.ts";
import { proveCardForPinlessLogin } from "./prove-card-for-pinless-login.ts";
import { readAuthenticationCertificate } from "./read-authentication-certificate.ts";
import { readCardForPinlessStart } from "./read-card-for-pinless-start.ts";
import { signLoginChallenge } from "./sign-login-challenge.ts";
import { signRegistrationChallenge } from "./sign-registration-challenge.ts";
import { cardInReader, fromBase64 } from "./testing/card-in-reader.ts";

const toBeSigned = new TextEncoder().encode("CATV-PF\nregistration\nop-nanto\nstb-nanto-0001\nc1\nnonce");
const cardKeyOf = (image: { kenkaku: { cardPrivateKey: string } }) =>
  createPublicKey(
    createPrivateKey({
      key: Buffer.from(image.kenkaku.cardPrivateKey, "base64"),
      format: "der",
      type: "pkcs8",
    }),
  );

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

    it("adds the card-binding proof to a registration: the CVC and the 券面 key's signature over the same challenge", async () => {
      const { client, testCard } = await cardInReader({ exchangeLevel });
      const result = await signRegistrationChallenge(client, {
        toBeSigned,
        signPassword: testCard.image.jpki.signPassword,
      });
      expect(result.cardVerifiableCertificate).toEqual(
        fromBase64(testCard.image.kenkaku.cardVerifiableCertificate),
      );
      const cardKey = cardKeyOf(testCard.image);
      expect(createVerify("sha256").update(toBeSigned).verify(cardKey, result.cardSignature)).toBe(true);
    });

    it("signs a login challenge with the user-authentication key after the PIN", async () => {
      const { client, testCard } = await cardInReader({ exchangeLevel });
      const result = await signLoginChallenge(client, { toBeSigned, pin: testCard.image.jpki.authPin });
      const key = new X509Certificate(result.authenticationCertificate).publicKey;
      expect(createVerify("sha256").update(toBeSigned).verify(key, result.signature)).toBe(true);
      expect(result.cardSignature).toBeUndefined();
    });

    it("adds the card-binding proof to a login when asked", async () => {
      const { client, testCard } = await cardInReader({ exchangeLevel });
      const result = await signLoginChallenge(client, {
        toBeSigned,
        pin: testCard.image.jpki.authPin,
        withCardProof: true,
      });
      expect(result.cardVerifiableCertificate).toEqual(
        fromBase64(testCard.image.kenkaku.cardVerifiableCertificate),
      );
      expect(
        createVerify("sha256")
          .update(toBeSigned)
          .verify(cardKeyOf(testCard.image), result.cardSignature ?? new Uint8Array()),
      ).toBe(true);
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

    it("reads the certificate and the CVC for a PIN-less start, then proves the card with a signature the card key verifies", async () => {
      const { client, testCard } = await cardInReader({ exchangeLevel });
      const start = await readCardForPinlessStart(client);
      expect(start.authenticationCertificate).toEqual(fromBase64(testCard.image.jpki.authCertificate));
      expect(start.cardVerifiableCertificate).toEqual(
        fromBase64(testCard.image.kenkaku.cardVerifiableCertificate),
      );
      const challenge = crypto.getRandomValues(new Uint8Array(32));
      const proof = await proveCardForPinlessLogin(client, {
        challenge,
        birthDateKey: testCard.image.kenkaku.birthDateKey,
      });
      expect(
        fromBase64(testCard.image.kenkaku.dateOfBirthRecord).subarray(0, proof.dateOfBirthRecord.length),
      ).toEqual(proof.dateOfBirthRecord);
      expect(
        createVerify("sha256").update(challenge).verify(cardKeyOf(testCard.image), proof.signature),
      ).toBe(true);
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
  // READ BINARY by SFI of the 券面事項確認AP's EF 0004 (P1 = 80 | 04).
  const cvcReads = (log: number[][]) => log.filter((c) => c[1] === 0xb0 && c[2] === 0x84).length;

  it("does a PIN-less login in 6 APDUs once the card is cached by serial, in two card sessions as the TV app does", async () => {
    const { client, reader, testCard } = await cardInReader();
    const cache = new MemoryCertificateCache();
    const challenge = crypto.getRandomValues(new Uint8Array(32));
    const birthDateKey = testCard.image.kenkaku.birthDateKey;
    await readCardForPinlessStart(client, cache);
    await proveCardForPinlessLogin(client, { challenge, birthDateKey });

    const { JpkiCardClient } = await import("./jpki-card-client.ts");
    const startSession = await JpkiCardClient.connect(reader);
    const start = await readCardForPinlessStart(startSession, cache);
    const proveSession = await JpkiCardClient.connect(reader);
    const proof = await proveCardForPinlessLogin(proveSession, { challenge, birthDateKey });
    expect(startSession.stats.apdus + proveSession.stats.apdus).toBe(6);
    expect(Array.from(start.cardVerifiableCertificate.subarray(0, 2))).toEqual([0x7f, 0x21]);
    expect(proof.signature.length).toBe(256);
  });

  it("reads the CVC once on a first PIN-less login and not at all once it is cached", async () => {
    const { client, reader, emulated, testCard } = await cardInReader();
    const cache = new MemoryCertificateCache();
    const challenge = crypto.getRandomValues(new Uint8Array(32));
    const birthDateKey = testCard.image.kenkaku.birthDateKey;
    const sent: number[][] = [];
    const transmit = emulated.transmit.bind(emulated);
    emulated.transmit = (apdu) => {
      sent.push(Array.from(apdu));
      return transmit(apdu);
    };
    await readCardForPinlessStart(client, cache);
    await proveCardForPinlessLogin(client, { challenge, birthDateKey });
    expect(cvcReads(sent)).toBe(1);
    sent.length = 0;
    const { JpkiCardClient } = await import("./jpki-card-client.ts");
    await readCardForPinlessStart(await JpkiCardClient.connect(reader), cache);
    await proveCardForPinlessLogin(await JpkiCardClient.connect(reader), { challenge, birthDateKey });
    expect(cvcReads(sent)).toBe(0);
  });
});
