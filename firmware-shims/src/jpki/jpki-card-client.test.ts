import { createPrivateKey, createPublicKey, createVerify, X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { PinIncorrectError } from "../ccid/errors.ts";
import { cardInReader, fromBase64 } from "./testing/card-in-reader.ts";

const verifies = (certificate: Uint8Array, message: Uint8Array, signature: Uint8Array) =>
  createVerify("sha256").update(message).verify(new X509Certificate(certificate).publicKey, signature);

describe("JpkiCardClient on the emulated card through the CCID driver", () => {
  it("reads the token label of a My Number card", async () => {
    const { client } = await cardInReader();
    await client.selectJpki();
    expect(await client.readTokenLabel()).toBe("JPKIAPICCTOKEN2");
  });

  it("reads the user-authentication certificate in a header READ and one extended READ", async () => {
    const { client, testCard } = await cardInReader();
    await client.selectJpki();
    const certificate = await client.readCertificate("auth");
    expect(Buffer.from(certificate).toString("base64")).toBe(testCard.image.jpki.authCertificate);
    expect(client.stats.apdus).toBe(3);
  });

  it("reads the same certificate in 256-byte READs through a short-APDU level reader", async () => {
    const { client, testCard } = await cardInReader({ exchangeLevel: "short-apdu" });
    await client.selectJpki();
    const certificate = await client.readCertificate("auth");
    expect(certificate).toEqual(fromBase64(testCard.image.jpki.authCertificate));
    expect(client.stats.apdus).toBe(2 + Math.ceil((certificate.length - 40) / 256));
  });

  it("reads the CA certificates without a PIN", async () => {
    const { client, testCard } = await cardInReader();
    await client.selectJpki();
    expect(await client.readCertificate("auth-ca")).toEqual(
      fromBase64(testCard.image.jpki.authCaCertificate),
    );
    expect(await client.readCertificate("sign-ca")).toEqual(
      fromBase64(testCard.image.jpki.signCaCertificate),
    );
  });

  it("refuses to read the signature certificate before the 署名用パスワード", async () => {
    const { client } = await cardInReader();
    await client.selectJpki();
    await expect(client.readCertificate("sign")).rejects.toMatchObject({
      code: "card_status",
      details: { sw: "6982" },
    });
  });

  it("tells the remaining tries of both PINs without spending one", async () => {
    const { client } = await cardInReader();
    await client.selectJpki();
    expect(await client.pinStatus("auth")).toEqual({ verified: false, blocked: false, triesLeft: 3 });
    expect(await client.pinStatus("sign")).toEqual({ verified: false, blocked: false, triesLeft: 5 });
    expect((await client.pinStatus("auth")).triesLeft).toBe(3);
  });

  it("reports a wrong PIN with the tries left", async () => {
    const { client, testCard } = await cardInReader();
    await client.selectJpki();
    const wrong = testCard.image.jpki.authPin === "0000" ? "1111" : "0000";
    const error = await client.verifyPin("auth", wrong).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PinIncorrectError);
    expect((error as PinIncorrectError).remainingTries).toBe(2);
  });

  it("reports a blocked PIN as pin_blocked", async () => {
    const { client, testCard } = await cardInReader();
    await client.selectJpki();
    const wrong = testCard.image.jpki.authPin === "0000" ? "1111" : "0000";
    for (let i = 0; i < 2; i++) await client.verifyPin("auth", wrong).catch(() => undefined);
    await expect(client.verifyPin("auth", wrong)).rejects.toMatchObject({ code: "pin_blocked" });
    await expect(client.verifyPin("auth", testCard.image.jpki.authPin)).rejects.toMatchObject({
      code: "pin_blocked",
    });
  });

  it("refuses a PIN of the wrong format before sending it", async () => {
    const { client } = await cardInReader();
    await client.selectJpki();
    const before = client.stats.apdus;
    await expect(client.verifyPin("auth", "12a4")).rejects.toMatchObject({ code: "pin_format" });
    await expect(client.verifyPin("sign", "short")).rejects.toMatchObject({ code: "pin_format" });
    expect(client.stats.apdus).toBe(before);
  });

  it("signs with the user-authentication key a signature the certificate verifies", async () => {
    const { client, testCard } = await cardInReader();
    await client.selectJpki();
    await client.verifyPin("auth", testCard.image.jpki.authPin);
    const message = new TextEncoder().encode("CATV-PF\nlogin\nop\nstb\nid\nnonce");
    const signature = await client.signMessage("auth", message);
    expect(signature.length).toBe(256);
    expect(verifies(fromBase64(testCard.image.jpki.authCertificate), message, signature)).toBe(true);
  });

  it("signs with the signature key after the 署名用パスワード, entered in lower case", async () => {
    const { client, testCard } = await cardInReader();
    await client.selectJpki();
    await client.verifyPin("sign", testCard.image.jpki.signPassword.toLowerCase());
    const message = new TextEncoder().encode("registration");
    const signature = await client.signMessage("sign", message);
    expect(verifies(fromBase64(testCard.image.jpki.signCertificate), message, signature)).toBe(true);
  });

  it("runs the 券面事項確認AP PIN-less steps: birth-date key, record, CVC and a card-key signature", async () => {
    const { client, testCard } = await cardInReader();
    await client.selectKenkaku();
    await client.verifyBirthDateKey(testCard.image.kenkaku.birthDateKey);
    const record = await client.readDateOfBirthRecord();
    expect(record[0]).toBe(0xff);
    expect(fromBase64(testCard.image.kenkaku.dateOfBirthRecord).subarray(0, record.length)).toEqual(record);
    const cvc = await client.readCardVerifiableCertificate();
    expect(Array.from(cvc.subarray(0, 2))).toEqual([0x7f, 0x21]);
    const challenge = crypto.getRandomValues(new Uint8Array(32));
    const signature = await client.signChallengeWithCardKey(challenge);
    const cardKey = createPublicKey(
      createPrivateKey({
        key: Buffer.from(testCard.image.kenkaku.cardPrivateKey, "base64"),
        format: "der",
        type: "pkcs8",
      }),
    );
    expect(createVerify("sha256").update(challenge).verify(cardKey, signature)).toBe(true);
  });

  it("refuses to read the date-of-birth record before the birth-date key", async () => {
    const { client } = await cardInReader();
    await client.selectKenkaku();
    await expect(client.readDateOfBirthRecord()).rejects.toMatchObject({ code: "card_status" });
  });

  it("reports a card without the JPKI-AP as not_my_number_card", async () => {
    const { client, device } = await cardInReader();
    const { EchoCard } = await import("../ccid/testing/echo-card.ts");
    device.insertCard(new EchoCard());
    await client.reset();
    await expect(client.selectJpki()).rejects.toMatchObject({ code: "not_my_number_card" });
  });
});
