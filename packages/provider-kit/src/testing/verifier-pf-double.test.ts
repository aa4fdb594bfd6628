import { webcrypto } from "node:crypto";
import "reflect-metadata";
import {
  challengeResponseSchema,
  eligibilityAssertionClaimsSchema,
  errorBodySchema,
  isWellFormedAccountId,
  VERIFIER_API_PREFIX,
  verifierAccountSchema,
  verifierEventSchema,
  verifierRegistrationResponseSchema,
} from "@catv/contracts";
import { readWebhookHeaders, verifyWebhook } from "@catv/service-kit";
import * as x509 from "@peculiar/x509";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startVerifierPfDouble, type VerifierPfDouble, verifierEvent } from "./verifier-pf-double.ts";

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

let pf: VerifierPfDouble;
beforeAll(async () => {
  pf = await startVerifierPfDouble({
    verifiers: [
      { id: "ins-a", apiKey: "key-a" },
      { id: "ins-b", apiKey: "key-b" },
    ],
  });
});
afterAll(() => pf.close());

const call = (method: string, path: string, apiKey: string, body?: unknown) =>
  fetch(`${pf.url}${VERIFIER_API_PREFIX}${path}`, {
    method,
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

/** A signature key and its self-signed certificate: a card's signature pair as far as the double can tell. */
async function cardSigner() {
  const algorithm = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", publicExponent: new Uint8Array([1, 0, 1]) };
  const keys = (await webcrypto.subtle.generateKey({ ...algorithm, modulusLength: 2048 }, false, [
    "sign",
    "verify",
  ])) as webcrypto.CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    name: "C=JP, O=TEST-CARD",
    keys,
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 86_400_000),
  });
  return {
    certificate: Buffer.from(certificate.rawData).toString("base64"),
    sign: async (data: Uint8Array) =>
      Buffer.from(await webcrypto.subtle.sign("RSASSA-PKCS1-v1_5", keys.privateKey, data)).toString("base64"),
  };
}

async function registration(apiKey: string, signer: Awaited<ReturnType<typeof cardSigner>>) {
  const challenge = challengeResponseSchema.parse(
    await (await call("POST", "/registration-challenges", apiKey)).json(),
  );
  return {
    challengeId: challenge.challengeId,
    signatureCertificate: signer.certificate,
    authenticationCertificate: signer.certificate,
    signature: await signer.sign(Buffer.from(challenge.toBeSigned, "base64")),
    cardKeyProof: { cardVerifiableCertificate: "AA==", signature: "AA==" },
    consent: { textVersion: "t-1", acceptedAt: "2026-12-01T00:00:00.000Z" },
  };
}

describe("the verifier's PF double, held to the contracts", () => {
  it("issues 共通的PFIDs with a correct check character", () => {
    expect(isWellFormedAccountId(pf.issueAccount("ins-a"))).toBe(true);
  });

  it("records a link update and answers 204", async () => {
    const accountId = pf.issueAccount("ins-a");
    const res = await call("PUT", `/accounts/${accountId}/link`, "key-a", { status: "linked" });
    expect(res.status).toBe(204);
    expect(pf.accounts.get(accountId)?.linkStatus).toBe("linked");
  });

  it("answers one account with the verifier account contract", async () => {
    const accountId = pf.issueAccount("ins-a");
    const res = await call("GET", `/accounts/${accountId}`, "key-a");
    expect(verifierAccountSchema.safeParse(await res.json()).error).toBeUndefined();
  });

  it("answers another verifier's account as unknown, with the PF's error body", async () => {
    const accountId = pf.issueAccount("ins-a");
    const res = await call("PUT", `/accounts/${accountId}/link`, "key-b", { status: "linked" });
    expect(res.status).toBe(404);
    expect(errorBodySchema.parse(await res.json()).error.code).toBe("account_unknown");
  });

  it("refuses an unknown API key with the PF's error body", async () => {
    const res = await call("POST", "/registration-challenges", "no-such-key");
    expect(res.status).toBe(401);
    expect(errorBodySchema.parse(await res.json()).error.code).toBe("unauthorized");
  });

  it("answers a failure it was told to make with the PF's error body", async () => {
    pf.failNextLinks(503);
    const res = await call("PUT", `/accounts/${pf.issueAccount("ins-a")}/link`, "key-a", {
      status: "linked",
    });
    expect(res.status).toBe(503);
    expect(errorBodySchema.parse(await res.json()).error.code).toBe("internal_error");
  });

  it("registers a card whose signature covers the challenge, with the registration contract's answer", async () => {
    const signer = await cardSigner();
    const res = await call("POST", "/registrations", "key-a", await registration("key-a", signer));
    expect(res.status).toBe(200);
    const answer = verifierRegistrationResponseSchema.parse(await res.json());
    expect(answer.outcome).toBe("new");
    const again = await call("POST", "/registrations", "key-a", await registration("key-a", signer));
    expect(verifierRegistrationResponseSchema.parse(await again.json())).toMatchObject({
      accountId: answer.accountId,
      outcome: "existing",
    });
  });

  it("refuses a signature over something else than the challenge", async () => {
    const signer = await cardSigner();
    const body = await registration("key-a", signer);
    body.signature = await signer.sign(Buffer.from("something else"));
    const res = await call("POST", "/registrations", "key-a", body);
    expect(res.status).toBe(401);
    expect(errorBodySchema.parse(await res.json()).error.code).toBe("signature_invalid");
  });

  it("refuses a challenge issued to another verifier, and one answered before", async () => {
    const signer = await cardSigner();
    const body = await registration("key-a", signer);
    const other = await call("POST", "/registrations", "key-b", body);
    expect(errorBodySchema.parse(await other.json()).error.code).toBe("challenge_wrong_operator");
    expect((await call("POST", "/registrations", "key-a", body)).status).toBe(200);
    const replay = await call("POST", "/registrations", "key-a", body);
    expect(errorBodySchema.parse(await replay.json()).error.code).toBe("challenge_used");
  });

  it("mints eligibility assertions whose claims the eligibility contract parses", async () => {
    const token = await pf.eligibilityAssertion({ aud: "ins-a", sub: pf.issueAccount("ins-a") });
    expect(eligibilityAssertionClaimsSchema.safeParse(decodeJwt(token)).error).toBeUndefined();
  });

  it("signs an account event the way the PF does (Standard Webhooks)", () => {
    const secret = "whsec_MDEyMzQ1Njc4OWFiY2RlZg==";
    const event = {
      id: "evt_1",
      type: "account.revoked",
      timestamp: "2026-12-01T00:00:00.000Z",
      data: {
        accountId: pf.issueAccount("ins-a"),
        revokedAt: "2026-12-01T00:00:00.000Z",
        reason: "keyCompromise",
        certificate: "authentication",
      },
    } as const;
    const delivery = verifierEvent(secret, event);
    const headers = new Headers(delivery.headers);
    expect(verifierEventSchema.safeParse(JSON.parse(delivery.body as string)).error).toBeUndefined();
    expect(() =>
      verifyWebhook(
        secret,
        readWebhookHeaders((name) => headers.get(name) ?? undefined),
        delivery.body as string,
        new Date(),
      ),
    ).not.toThrow();
  });
});
