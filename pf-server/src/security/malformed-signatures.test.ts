/**
 * Attacks with malformed RSASSA-PKCS1-v1_5 signatures (RFC 8017 §8.2, §9.2) on every endpoint that checks a card's
 * signature: broken padding (Bleichenbacher 2006 style garbage after the DigestInfo, short or wrong padding), other
 * hash algorithms, other data, out-of-range values, wrong lengths and other keys. Each is refused on each endpoint;
 * a correct signature (the control) passes.
 */
import { constants, createHash, createPrivateKey, type KeyObject, privateEncrypt, sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import { harnessForFile } from "../testing/harness-for-file.ts";
import {
  cardKeyProof,
  cardSign,
  errorCode,
  loginWithPin,
  type PinlessStart,
  register,
  registerWithoutCardBinding,
  startPinless,
  type Tokens,
} from "../testing/pf-harness.ts";

const h = harnessForFile();
type Card = Awaited<ReturnType<typeof h.issue>>["card"];

const DIGEST_INFO_PREFIX = {
  sha1: "3021300906052b0e03021a05000414",
  sha256: "3031300d060960864801650304020105000420",
  sha512: "3051300d060960864801650304020305000440",
} as const;
const keyOf = (pkcs8: string) =>
  createPrivateKey({ key: Buffer.from(pkcs8, "base64"), format: "der", type: "pkcs8" });
const digestInfo = (hash: keyof typeof DIGEST_INFO_PREFIX, data: Uint8Array) =>
  Buffer.concat([Buffer.from(DIGEST_INFO_PREFIX[hash], "hex"), createHash(hash).update(data).digest()]);
/** The raw RSA operation on a 256-byte encoded message: what a card, or an attacker's tool, can produce. */
const rawSign = (key: KeyObject, em: Buffer) =>
  privateEncrypt({ key, padding: constants.RSA_NO_PADDING }, em).toString("base64");
/** EMSA-PKCS1-v1_5 framing with each part given: `lead | blockType | PS | separator | T | tail`, 256 bytes. */
function encoded(parts: {
  lead?: number;
  blockType?: number;
  psByte?: number;
  separator?: boolean;
  t: Buffer;
  tail?: Buffer;
  psLength?: number;
}) {
  const tail = parts.tail ?? Buffer.alloc(0);
  const separator = parts.separator === false ? Buffer.alloc(0) : Buffer.from([0]);
  const psLength = parts.psLength ?? 256 - 2 - separator.length - parts.t.length - tail.length;
  const em = Buffer.concat([
    Buffer.from([parts.lead ?? 0, parts.blockType ?? 1]),
    Buffer.alloc(psLength, parts.psByte ?? 0xff),
    separator,
    parts.t,
    tail,
  ]);
  if (em.length !== 256) throw new Error(`encoded message of ${em.length} bytes`);
  return em;
}

interface Variant {
  name: string;
  /** A malformed signature by `key` meant for `data` (`other`: a key of another card). */
  make(key: KeyObject, data: Uint8Array, other: KeyObject): string;
}
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
const valid = (key: KeyObject, data: Uint8Array) => Buffer.from(sign("sha256", data, key));
const modulusOf = (key: KeyObject) => Buffer.from(key.export({ format: "jwk" }).n ?? "", "base64url");
const withByte = (bytes: Buffer, at: number, change: (b: number) => number) => {
  const copy = Buffer.from(bytes);
  copy[at] = change(copy[at] ?? 0);
  return copy;
};

const VARIANTS: Variant[] = [
  { name: "an empty signature", make: () => "" },
  { name: "a one-byte signature", make: () => "AA==" },
  { name: "256 random-looking bytes", make: () => b64(Buffer.alloc(256, 0x5a)) },
  { name: "s = 0", make: () => b64(Buffer.alloc(256)) },
  { name: "s = 1", make: () => b64(Buffer.concat([Buffer.alloc(255), Buffer.from([1])])) },
  { name: "s = n (out of range)", make: (key) => b64(modulusOf(key)) },
  { name: "s = n + 1 (out of range)", make: (key) => b64(withByte(modulusOf(key), 255, (b) => b + 1)) },
  { name: "all FF bytes (above the modulus)", make: () => b64(Buffer.alloc(256, 0xff)) },
  {
    name: "a valid signature with one bit flipped",
    make: (key, data) => b64(withByte(valid(key, data), 100, (b) => b ^ 1)),
  },
  {
    name: "a valid signature with a leading zero byte (257 bytes)",
    make: (key, data) => b64(Buffer.concat([Buffer.from([0]), valid(key, data)])),
  },
  {
    name: "a valid signature with a byte appended",
    make: (key, data) => b64(Buffer.concat([valid(key, data), Buffer.from([0])])),
  },
  {
    name: "a valid signature without its first byte",
    make: (key, data) => b64(valid(key, data).subarray(1)),
  },
  {
    name: "block type 02 (the encryption padding)",
    make: (key, data) => rawSign(key, encoded({ blockType: 2, psByte: 0x5a, t: digestInfo("sha256", data) })),
  },
  {
    name: "block type 00",
    make: (key, data) => rawSign(key, encoded({ blockType: 0, psByte: 0x00, t: digestInfo("sha256", data) })),
  },
  {
    name: "a leading 01 instead of 00",
    make: (key, data) => rawSign(key, encoded({ lead: 1, t: digestInfo("sha256", data) })),
  },
  {
    name: "a padding byte that is not FF",
    make: (key, data) =>
      rawSign(
        key,
        withByte(encoded({ t: digestInfo("sha256", data) }), 20, () => 0xfe),
      ),
  },
  {
    name: "no 00 separator after the padding",
    make: (key, data) => rawSign(key, encoded({ separator: false, t: digestInfo("sha256", data) })),
  },
  {
    name: "8 bytes of padding and garbage after the DigestInfo (Bleichenbacher 2006)",
    make: (key, data) => {
      const t = digestInfo("sha256", data);
      return rawSign(key, encoded({ psLength: 8, t, tail: Buffer.alloc(256 - 3 - 8 - t.length, 0x41) }));
    },
  },
  {
    name: "garbage after the DigestInfo within full padding",
    make: (key, data) =>
      rawSign(key, encoded({ t: digestInfo("sha256", data), tail: Buffer.from([1, 2, 3, 4]) })),
  },
  {
    name: "a DigestInfo whose SEQUENCE length is one too long",
    make: (key, data) =>
      rawSign(
        key,
        encoded({
          t: Buffer.concat([withByte(digestInfo("sha256", data), 1, (b) => b + 1), Buffer.from([0])]),
        }),
      ),
  },
  {
    name: "the bare SHA-256 hash without a DigestInfo",
    make: (key, data) => rawSign(key, encoded({ t: createHash("sha256").update(data).digest() })),
  },
  {
    name: "a DigestInfo with a wrong hash value",
    make: (key, data) => {
      const t = digestInfo("sha256", data);
      return rawSign(key, encoded({ t: withByte(t, t.length - 1, (b) => b ^ 1) }));
    },
  },
  {
    name: "a SHA-1 DigestInfo of the data",
    make: (key, data) => rawSign(key, encoded({ t: digestInfo("sha1", data) })),
  },
  {
    name: "a SHA-512 DigestInfo of the data",
    make: (key, data) => rawSign(key, encoded({ t: digestInfo("sha512", data) })),
  },
  { name: "a correct signature over other data", make: (key) => b64(valid(key, Buffer.from("other data"))) },
  { name: "a correct signature by another card's key", make: (_key, data, other) => b64(valid(other, data)) },
  {
    name: "an RSASSA-PSS signature over the data",
    make: (key, data) => b64(sign("sha256", data, { key, padding: constants.RSA_PKCS1_PSS_PADDING })),
  },
];
const cases = VARIANTS.map((v) => [v.name, v] as const);

const challengeFor = async (purpose: "registration" | "login" | "step-up", bearer?: string) =>
  (await (await h.call(h.terminals.a1, "POST", "/v1/challenges", { purpose }, bearer)).json()) as {
    challengeId: string;
    toBeSigned: string;
  };
const consent = () => ({ textVersion: "2026-04", acceptedAt: new Date().toISOString() });

let shared: { card: Card; other: Card } | undefined;
/** A registered card (and another card, for "another key"), shared by the endpoints that need a viewer. */
async function cards() {
  if (!shared) {
    const { card } = await h.issue();
    const { card: other } = await h.issue();
    expect((await register(h, h.terminals.a1, card)).status).toBe(200);
    shared = { card, other };
  }
  return shared;
}

describe("registration: the signature key's signature", () => {
  const post = async (make: Variant["make"] | null) => {
    const { card, other } = await cards();
    const ch = await challengeFor("registration");
    const data = Buffer.from(ch.toBeSigned, "base64");
    const key = keyOf(card.jpki.signPrivateKey);
    return h.call(h.terminals.a1, "POST", "/v1/registrations", {
      challengeId: ch.challengeId,
      signatureCertificate: card.jpki.signCertificate,
      authenticationCertificate: card.jpki.authCertificate,
      signature: make ? make(key, data, keyOf(other.jpki.signPrivateKey)) : b64(valid(key, data)),
      cardKeyProof: cardKeyProof(card, data),
      consent: consent(),
    });
  };
  it("accepts a correct signature (control)", async () => {
    expect((await post(null)).status).toBe(200);
  });
  it.each(cases)("refuses %s (signature_invalid)", async (_name, variant) => {
    expect(await errorCode(await post(variant.make))).toBe("signature_invalid");
  });
});

describe("registration: the 券面 key's card-binding signature", () => {
  const post = async (make: Variant["make"] | null) => {
    const { card, other } = await cards();
    const ch = await challengeFor("registration");
    const data = Buffer.from(ch.toBeSigned, "base64");
    const key = keyOf(card.kenkaku.cardPrivateKey);
    return h.call(h.terminals.a1, "POST", "/v1/registrations", {
      challengeId: ch.challengeId,
      signatureCertificate: card.jpki.signCertificate,
      authenticationCertificate: card.jpki.authCertificate,
      signature: cardSign(card.jpki.signPrivateKey, data),
      cardKeyProof: {
        cardVerifiableCertificate: card.kenkaku.cardVerifiableCertificate,
        signature: make ? make(key, data, keyOf(other.kenkaku.cardPrivateKey)) : b64(valid(key, data)),
      },
      consent: consent(),
    });
  };
  it("accepts a correct signature (control)", async () => {
    expect((await post(null)).status).toBe(200);
  });
  it.each(cases)("refuses %s (card_genuineness_failed)", async (_name, variant) => {
    expect(await errorCode(await post(variant.make))).toBe("card_genuineness_failed");
  });
});

describe("PIN login: the user-authentication key's signature", () => {
  const post = async (make: Variant["make"] | null) => {
    const { card, other } = await cards();
    const ch = await challengeFor("login");
    const data = Buffer.from(ch.toBeSigned, "base64");
    const key = keyOf(card.jpki.authPrivateKey);
    return h.call(h.terminals.a1, "POST", "/v1/sessions", {
      challengeId: ch.challengeId,
      authenticationCertificate: card.jpki.authCertificate,
      signature: make ? make(key, data, keyOf(other.jpki.authPrivateKey)) : b64(valid(key, data)),
    });
  };
  it("accepts a correct signature (control)", async () => {
    expect((await post(null)).status).toBe(200);
  });
  it.each(cases)("refuses %s (signature_invalid)", async (_name, variant) => {
    expect(await errorCode(await post(variant.make))).toBe("signature_invalid");
  });
});

describe("step-up: the user-authentication key's signature", () => {
  let pinless: Tokens | undefined;
  const post = async (make: Variant["make"] | null) => {
    const { card, other } = await cards();
    if (!pinless) {
      const start = (await (await startPinless(h, h.terminals.a1, card)).json()) as PinlessStart;
      const res = await h.call(h.terminals.a1, "POST", "/v1/pinless/sessions", {
        challengeId: start.challengeId,
        dateOfBirthRecord: card.kenkaku.dateOfBirthRecord,
        cardVerifiableCertificate: card.kenkaku.cardVerifiableCertificate,
        signature: cardSign(card.kenkaku.cardPrivateKey, Buffer.from(start.challenge, "base64")),
      });
      pinless = (await res.json()) as Tokens;
    }
    const ch = await challengeFor("step-up", pinless.accessToken);
    const data = Buffer.from(ch.toBeSigned, "base64");
    const key = keyOf(card.jpki.authPrivateKey);
    return h.call(
      h.terminals.a1,
      "POST",
      "/v1/sessions/step-up",
      {
        challengeId: ch.challengeId,
        authenticationCertificate: card.jpki.authCertificate,
        signature: make ? make(key, data, keyOf(other.jpki.authPrivateKey)) : b64(valid(key, data)),
      },
      pinless.accessToken,
    );
  };
  it.each(cases)("refuses %s (signature_invalid)", async (_name, variant) => {
    expect(await errorCode(await post(variant.make))).toBe("signature_invalid");
  });
  it("accepts a correct signature (control)", async () => {
    expect((await post(null)).status).toBe(200);
  });
});

describe("PIN-less login: the 券面 key's signature over the challenge", () => {
  const post = async (make: Variant["make"] | null) => {
    const { card, other } = await cards();
    const start = (await (await startPinless(h, h.terminals.a1, card)).json()) as PinlessStart;
    const data = Buffer.from(start.challenge, "base64");
    const key = keyOf(card.kenkaku.cardPrivateKey);
    return h.call(h.terminals.a1, "POST", "/v1/pinless/sessions", {
      challengeId: start.challengeId,
      dateOfBirthRecord: card.kenkaku.dateOfBirthRecord,
      cardVerifiableCertificate: card.kenkaku.cardVerifiableCertificate,
      signature: make ? make(key, data, keyOf(other.kenkaku.cardPrivateKey)) : b64(valid(key, data)),
    });
  };
  it("accepts a correct signature (control)", async () => {
    expect((await post(null)).status).toBe(200);
  });
  it.each(cases)("refuses %s (card_genuineness_failed)", async (_name, variant) => {
    expect(await errorCode(await post(variant.make))).toBe("card_genuineness_failed");
  });
});

describe("PIN login: the 券面 key's card-binding signature", () => {
  it.each(cases)("does not bind a card from a proof with %s", async (_name, variant) => {
    const { card } = await h.issue();
    const { card: other } = await h.issue();
    const cableId = await registerWithoutCardBinding(h, h.terminals.a1, card);
    const ch = await challengeFor("login");
    const data = Buffer.from(ch.toBeSigned, "base64");
    const res = await h.call(h.terminals.a1, "POST", "/v1/sessions", {
      challengeId: ch.challengeId,
      authenticationCertificate: card.jpki.authCertificate,
      signature: cardSign(card.jpki.authPrivateKey, data),
      cardKeyProof: {
        cardVerifiableCertificate: card.kenkaku.cardVerifiableCertificate,
        signature: variant.make(
          keyOf(card.kenkaku.cardPrivateKey),
          data,
          keyOf(other.kenkaku.cardPrivateKey),
        ),
      },
    });
    expect(res.status).toBe(200);
    expect(await h.ctx.store.cardBindings.getBinding(cableId)).toBeUndefined();
  });
});

describe("controls for the PIN login helper", () => {
  it("binds the card from a correct proof", async () => {
    const { card } = await h.issue();
    const cableId = await registerWithoutCardBinding(h, h.terminals.a1, card);
    expect((await loginWithPin(h, h.terminals.a1, card, "login", undefined, card)).status).toBe(200);
    expect(await h.ctx.store.cardBindings.getBinding(cableId)).toBeDefined();
  });
});
