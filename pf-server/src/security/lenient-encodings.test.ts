/**
 * Attacks on the encodings: one certificate or signature sent in a second spelling (bytes after the DER, a longer
 * length form, an indefinite length, base64 without padding or with stray bits). Each spelling used to be accepted
 * and to miss the certificate-validation cache; now each is refused with its own code.
 */
import { describe, expect, it } from "vitest";
import { isExactDer } from "../pki/exact-der.ts";
import { harnessForFile, registeredCard } from "../testing/harness-for-file.ts";
import { cardSign, errorCode, register, type TestTerminal } from "../testing/pf-harness.ts";

const h = harnessForFile();

/** A PIN login whose certificate and signature text are given as sent. */
async function pinLoginWith(
  terminal: TestTerminal,
  authKey: string,
  spell: (parts: { certificate: string; signature: string }) => { certificate: string; signature: string },
  certificate: string,
) {
  const ch = (await (await h.call(terminal, "POST", "/v1/challenges", { purpose: "login" })).json()) as {
    challengeId: string;
    toBeSigned: string;
  };
  const sent = spell({
    certificate,
    signature: cardSign(authKey, Buffer.from(ch.toBeSigned, "base64")),
  });
  return h.call(terminal, "POST", "/v1/sessions", {
    challengeId: ch.challengeId,
    authenticationCertificate: sent.certificate,
    signature: sent.signature,
  });
}

const der = (base64: string) => Buffer.from(base64, "base64");
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
/** The outer SEQUENCE of a certificate is `30 82 LL LL`: the same length in the three-byte form. */
const longerLengthForm = (cert: Buffer) => Buffer.concat([Buffer.from([0x30, 0x83, 0x00]), cert.subarray(2)]);
const indefiniteLength = (cert: Buffer) =>
  Buffer.concat([Buffer.from([0x30, 0x80]), cert.subarray(4), Buffer.from([0, 0])]);

describe("certificates must be exact DER", () => {
  it("refuses a certificate with bytes after it (certificate_not_der)", async () => {
    const { card } = await registeredCard(h);
    const trailing = b64(Buffer.concat([der(card.jpki.authCertificate), Buffer.from([0, 0])]));
    const res = await pinLoginWith(h.terminals.a1, card.jpki.authPrivateKey, (p) => p, trailing);
    expect(await errorCode(res)).toBe("certificate_not_der");
  });

  it("refuses a certificate whose outer length is in a longer form than needed (certificate_not_der)", async () => {
    const { card } = await registeredCard(h);
    const spelled = b64(longerLengthForm(der(card.jpki.authCertificate)));
    const res = await pinLoginWith(h.terminals.a1, card.jpki.authPrivateKey, (p) => p, spelled);
    expect(await errorCode(res)).toBe("certificate_not_der");
  });

  it("refuses a certificate with an indefinite length (certificate_not_der)", async () => {
    const { card } = await registeredCard(h);
    const spelled = b64(indefiniteLength(der(card.jpki.authCertificate)));
    const res = await pinLoginWith(h.terminals.a1, card.jpki.authPrivateKey, (p) => p, spelled);
    expect(await errorCode(res)).toBe("certificate_not_der");
  });

  it("refuses a registration whose signature certificate has bytes after it (certificate_not_der)", async () => {
    const { card } = await h.issue();
    const res = await register(h, h.terminals.a1, card, {
      signatureCertificate: b64(Buffer.concat([der(card.jpki.signCertificate), Buffer.from([0])])),
    });
    expect(await errorCode(res)).toBe("certificate_not_der");
  });
});

describe("base64 must be canonical", () => {
  it("refuses a signature without its base64 padding (base64_not_canonical)", async () => {
    const { card } = await registeredCard(h);
    const res = await pinLoginWith(
      h.terminals.a1,
      card.jpki.authPrivateKey,
      (p) => ({ ...p, signature: p.signature.replace(/=+$/, "") }),
      card.jpki.authCertificate,
    );
    expect(await errorCode(res)).toBe("base64_not_canonical");
  });

  it("refuses a signature whose last base64 character carries non-zero pad bits (base64_not_canonical)", async () => {
    const { card } = await registeredCard(h);
    // 256 bytes end in "X==": X holds 2 data bits and 4 pad bits; setting a pad bit keeps the decoded bytes.
    const res = await pinLoginWith(
      h.terminals.a1,
      card.jpki.authPrivateKey,
      (p) => {
        const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        const at = p.signature.length - 3;
        const last = alphabet[alphabet.indexOf(p.signature[at] ?? "A") | 1] ?? "B";
        return { ...p, signature: `${p.signature.slice(0, at)}${last}==` };
      },
      card.jpki.authCertificate,
    );
    expect(await errorCode(res)).toBe("base64_not_canonical");
  });

  it("refuses a certificate in line-wrapped base64 (base64_not_canonical)", async () => {
    const { card } = await registeredCard(h);
    const wrapped = card.jpki.authCertificate.replace(/(.{64})/g, "$1\n");
    const res = await pinLoginWith(h.terminals.a1, card.jpki.authPrivateKey, (p) => p, wrapped);
    expect(await errorCode(res)).toBe("base64_not_canonical");
  });

  it("refuses a certificate in the base64url alphabet (base64_not_canonical)", async () => {
    const { card } = await registeredCard(h);
    const urlSafe = card.jpki.authCertificate.replace(/\+/g, "-").replace(/\//g, "_");
    const res = await pinLoginWith(h.terminals.a1, card.jpki.authPrivateKey, (p) => p, urlSafe);
    expect(await errorCode(res)).toBe("base64_not_canonical");
  });

  it("still accepts the canonical spelling of the same certificate and signature", async () => {
    const { card } = await registeredCard(h);
    const res = await pinLoginWith(
      h.terminals.a1,
      card.jpki.authPrivateKey,
      (p) => p,
      card.jpki.authCertificate,
    );
    expect(res.status).toBe(200);
  });
});

describe("exact DER, checked structurally", () => {
  it("accepts a certificate whose signature bytes happen to look like BER with an indefinite length", () => {
    // SEQUENCE { SEQUENCE {}, BIT STRING 00 | 30 80 00 00 } — the BIT STRING's bytes are data, not an element.
    const der = Uint8Array.from([0x30, 0x09, 0x30, 0x00, 0x03, 0x05, 0x00, 0x30, 0x80, 0x00, 0x00]);
    expect(isExactDer(der)).toBe(true);
  });
});
