/**
 * @module The medical field added to a test harness: two insurers (a city's 国民健康保険 checking revocation by OCSP,
 * a 健康保険組合 by CRL) served by the insurer double, and two hospitals — A with a reception that may consult both
 * insurers (two terminals), B with one that consults the city only — registered through the PF's own admin use
 * cases, as the demo seed does. Helpers act as the reception terminal (registration with staff help, PIN-less and
 * PIN recognition, eligibility check) and as the insurer's and the hospital's back offices.
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";
import type { CardImage } from "@catv/jpki/card-image";
import { x509 } from "@catv/jpki/x509";
import { exportJWK } from "jose";
import { afterAll, beforeAll } from "vitest";
import { registerSiteTerminal, upsertSite, upsertTenant } from "../domain/manage-tenants.ts";
import { normalizeSerial } from "../pki/validate-certificate.ts";
import { type InsurerDouble, startInsurerDouble } from "./insurer-double.ts";
import {
  cardKeyProof,
  cardSign,
  consent,
  createHarness,
  type Harness,
  type HarnessOptions,
  type PinlessStart,
  type TestTerminal,
} from "./pf-harness.ts";

export const INSURERS = {
  city: { id: "ins-city", name: "試験市国民健康保険", insurerNumber: "069997" },
  kenpo: { id: "ins-kenpo", name: "試験ものづくり健康保険組合", insurerNumber: "06069991" },
} as const;
export const INSTITUTION_CODES = { a: "0610499996", b: "0610499988" } as const;

export interface MedicalFixture {
  insurer: InsurerDouble;
  insurerKeys: { city: string; kenpo: string };
  institutionKeys: { a: string; b: string };
  sites: { a: string; b: string };
  terminals: { a1: TestTerminal; a2: TestTerminal; b1: TestTerminal };
  close(): Promise<void>;
}

async function terminalAt(
  h: Harness,
  siteId: string,
  ownerId: string,
  terminalId: string,
): Promise<TestTerminal> {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = (await exportJWK(publicKey)) as { x: string; y: string };
  await registerSiteTerminal(h.ctx, { requestId: "test-setup" }, siteId, {
    terminalId,
    publicJwk: { kty: "EC", crv: "P-256", x: jwk.x, y: jwk.y },
    status: "active",
  });
  return { terminalId, operatorId: ownerId, privateKey };
}

export async function addMedicalField(h: Harness): Promise<MedicalFixture> {
  const scope = { requestId: "test-setup" };
  const insurer = await startInsurerDouble({
    pfUrl: h.pfUrl,
    issuer: h.ctx.tokens.issuer,
    insurers: [INSURERS.city, INSURERS.kenpo],
  });
  const key = (name: string) => `${name}-key-${randomBytes(12).toString("hex")}`;
  const insurerKeys = { city: key("ins-city"), kenpo: key("ins-kenpo") };
  for (const [which, policy] of [
    ["city", "ocsp"],
    ["kenpo", "crl"],
  ] as const) {
    const { id, name } = INSURERS[which];
    h.webhookSecrets[id] = `whsec_${randomBytes(24).toString("base64")}`;
    await upsertTenant(h.ctx, scope, {
      id,
      name,
      town: "試験市",
      prefecture: "山形県",
      roles: ["verifier", "provider"],
      apiKey: insurerKeys[which],
      webhookUrl: `${h.webhookBaseUrl}/${id}`,
      webhookSecret: h.webhookSecrets[id] ?? null,
      verifier: {
        accountIdKind: "common-pf-id",
        revocationPolicy: policy,
        pinlessAtRemoteSites: false,
        crossVerifierLogins: false,
      },
      provider: {
        apiBaseUrl: `${insurer.url}/insurers/${id}`,
        pinlessAllowed: true,
        subject: "account",
        services: [],
      },
    });
  }
  const institutionKeys = { a: key("med-a"), b: key("med-b") };
  const sites = { a: "med-a-reception", b: "med-b-reception" };
  for (const which of ["a", "b"] as const) {
    const owner = `med-${which}`;
    await upsertTenant(h.ctx, scope, {
      id: owner,
      name: which === "a" ? "試験みなと病院" : "試験やま診療所",
      town: "試験市",
      prefecture: "山形県",
      roles: ["site-owner"],
      apiKey: institutionKeys[which],
      webhookUrl: null,
      webhookSecret: null,
    });
    await upsertSite(h.ctx, scope, {
      id: sites[which],
      ownerId: owner,
      name: "外来受付",
      kind: "in-person",
      channel: "reception",
      branding: null,
      institutionCode: INSTITUTION_CODES[which],
      sessionLifetimeDays: 1,
      allPortalServices: false,
      verifierIds: which === "a" ? [INSURERS.city.id, INSURERS.kenpo.id] : [INSURERS.city.id],
      serviceIds: [],
    });
  }
  return {
    insurer,
    insurerKeys,
    institutionKeys,
    sites,
    terminals: {
      a1: await terminalAt(h, sites.a, "med-a", "rcp-a-1"),
      a2: await terminalAt(h, sites.a, "med-a", "rcp-a-2"),
      b1: await terminalAt(h, sites.b, "med-b", "rcp-b-1"),
    },
    close: () => insurer.close(),
  };
}

/** Registration at a reception with staff help: a `registration` challenge, the card's answer, the insurer chosen. */
export async function registerAtReception(
  h: Harness,
  terminal: TestTerminal,
  card: CardImage,
  verifierId: string,
  overrides: Record<string, unknown> = {},
) {
  const ch = (await (
    await h.call(terminal, "POST", "/v1/challenges", { purpose: "registration" })
  ).json()) as {
    challengeId: string;
    toBeSigned: string;
  };
  const toBeSigned = Buffer.from(ch.toBeSigned, "base64");
  return h.call(terminal, "POST", "/v1/reception/registrations", {
    challengeId: ch.challengeId,
    signatureCertificate: card.jpki.signCertificate,
    authenticationCertificate: card.jpki.authCertificate,
    signature: cardSign(card.jpki.signPrivateKey, toBeSigned),
    cardKeyProof: cardKeyProof(card, toBeSigned),
    consent: consent(),
    verifierId,
    ...overrides,
  });
}

/** PIN-less recognition: start with the certificate and CVC, then the 券面事項確認AP proof of `proofFrom`. */
export async function recognisePinless(
  h: Harness,
  terminal: TestTerminal,
  card: CardImage,
  proofFrom = card,
) {
  const start = await h.call(terminal, "POST", "/v1/reception/pinless/start", {
    authenticationCertificate: card.jpki.authCertificate,
    cardVerifiableCertificate: proofFrom.kenkaku.cardVerifiableCertificate,
  });
  if (start.status !== 200) return start;
  const ch = (await start.json()) as PinlessStart;
  return h.call(terminal, "POST", "/v1/reception/recognitions", {
    method: "pinless",
    challengeId: ch.challengeId,
    dateOfBirthRecord: proofFrom.kenkaku.dateOfBirthRecord,
    cardVerifiableCertificate: proofFrom.kenkaku.cardVerifiableCertificate,
    signature: cardSign(proofFrom.kenkaku.cardPrivateKey, Buffer.from(ch.challenge, "base64")),
  });
}

/** PIN recognition: a `login` challenge signed with the user-authentication key (after the PIN, on the card). */
export async function recognisePin(h: Harness, terminal: TestTerminal, card: CardImage, withProof = false) {
  const ch = (await (await h.call(terminal, "POST", "/v1/challenges", { purpose: "login" })).json()) as {
    challengeId: string;
    toBeSigned: string;
  };
  const toBeSigned = Buffer.from(ch.toBeSigned, "base64");
  return h.call(terminal, "POST", "/v1/reception/recognitions", {
    method: "pin",
    challengeId: ch.challengeId,
    authenticationCertificate: card.jpki.authCertificate,
    signature: cardSign(card.jpki.authPrivateKey, toBeSigned),
    ...(withProof ? { cardKeyProof: cardKeyProof(card, toBeSigned) } : {}),
  });
}

export function checkEligibility(
  h: Harness,
  terminal: TestTerminal,
  recognitionId: string,
  limitApplicationCertificateConsent = false,
  verifierId?: string,
) {
  return h.call(terminal, "POST", "/v1/reception/eligibility-checks", {
    recognitionId,
    limitApplicationCertificateConsent,
    ...(verifierId ? { verifierId } : {}),
  });
}

/** A tenant's back office: `Authorization: Bearer <its API key>`. */
export function asTenant(h: Harness, apiKey: string, method: string, path: string, body?: unknown) {
  return h.app.request(path, {
    method,
    headers: {
      authorization: `Bearer ${apiKey}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** The 共通的PFID an insurer holds for the card's person — what its `account.registered` event told it. */
export async function accountIdAt(h: Harness, verifierId: string, card: CardImage): Promise<string> {
  const serial = normalizeSerial(
    new x509.X509Certificate(Buffer.from(card.jpki.authCertificate, "base64")).serialNumber,
  );
  const certificate = await h.ctx.store.people.findCertificate(serial, "auth");
  const account = certificate && (await h.ctx.store.people.getAccount(verifierId, certificate.personId));
  if (!account) throw new Error(`the card is not registered with ${verifierId}`);
  return account.accountId;
}

/** Registered at reception A with the insurer, then linked by the insurer's staff: the usual patient. */
export async function linkedPatient(h: Harness, m: MedicalFixture, verifier: "city" | "kenpo" = "city") {
  const issued = await h.issue();
  const res = await registerAtReception(h, m.terminals.a1, issued.card, INSURERS[verifier].id);
  if (res.status !== 200) throw new Error(`registration failed: ${await res.text()}`);
  const accountId = await accountIdAt(h, INSURERS[verifier].id, issued.card);
  const link = await asTenant(h, m.insurerKeys[verifier], "PUT", `/v1/verifier/accounts/${accountId}/link`, {
    status: "linked",
  });
  if (link.status !== 204) throw new Error(`link failed: ${await link.text()}`);
  return { ...issued, accountId };
}

/**
 * One harness with the medical field per test file, made before its first test and closed after its last.
 * @example const { h, m } = medicalHarnessForFile(); it("…", async () => { await linkedPatient(h, m); });
 */
export function medicalHarnessForFile(options: HarnessOptions = {}): { h: Harness; m: MedicalFixture } {
  let harness: Harness | undefined;
  let fixture: MedicalFixture | undefined;
  beforeAll(async () => {
    harness = await createHarness(options);
    fixture = await addMedicalField(harness);
  }, 60_000);
  afterAll(async () => {
    await fixture?.close();
    await harness?.close();
  });
  const lazy = <T extends object>(get: () => T | undefined) =>
    new Proxy({} as T, {
      get(_target, key) {
        const value = get();
        if (!value) throw new Error("made in beforeAll: read it inside a test or hook");
        return Reflect.get(value, key);
      },
      set(_target, key, value) {
        const target = get();
        if (!target) throw new Error("made in beforeAll: set it inside a test or hook");
        return Reflect.set(target, key, value);
      },
    });
  return { h: lazy(() => harness), m: lazy(() => fixture) };
}
