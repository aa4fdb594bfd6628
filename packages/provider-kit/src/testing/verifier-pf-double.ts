/**
 * @module The PF double of a verifier (検証者) outside CATV — an insurer, whose system is also the provider of the
 * eligibility API: the providers' PF double (JWKS, assertions) plus the verifier API of verifier-api.ts —
 * account link states, one account, the registration challenge and the registration from the verifier's own page
 * — and eligibility assertions and `account.*` events made as the PF makes them. Each verifier authenticates with
 * its own API key and sees only its own accounts (another verifier's are `account_unknown`, as at the PF). A
 * registration is checked as far as a double can: the body against its contract, the challenge (known, unused,
 * this verifier's), and the card's signature over `toBeSigned` with the signature certificate's key. Every
 * answer is a body the contracts parse (verifier-pf-double.test.ts).
 */
import { randomBytes, randomInt, randomUUID, verify, X509Certificate } from "node:crypto";
import {
  type Acr,
  type accountLinkRequestSchema,
  type ErrorCode,
  formatAccountId,
  MEDICAL_ELIGIBILITY_SERVICE,
  type SiteKind,
  VERIFIER_API_PREFIX,
  type VerifierEvent,
  verifierRegistrationRequestSchema,
} from "@catv/contracts";
import type { Context, Hono } from "hono";
import type { z } from "zod";
import { type PfDouble, signedEvent, startPfDouble } from "./pf-double.ts";

export interface DoubleVerifier {
  id: string;
  apiKey: string;
}

export interface DoubleAccount {
  accountId: string;
  verifierId: string;
  linkStatus: "linked" | "pending";
  status: "active" | "revoked";
  consent: { textVersion: string; acceptedAt: string };
  registeredAt: string;
  updatedAt: string;
  /** The registering card's signature certificate (base64), so the same card again is `existing`. */
  signatureCertificate?: string;
}

export interface RecordedLinkRequest {
  accountId: string;
  authorization: string | undefined;
  body: unknown;
  /** The status the double answered with. */
  answered: number;
}

export interface RecordedRegistration {
  verifierId: string;
  challengeId: string;
  consent: { textVersion: string; acceptedAt: string };
  answered: number;
}

export interface EligibilityAssertionOptions {
  /** The insurer's tenant ID. */
  aud: string;
  /** The 共通的PFID of the patient at that insurer. */
  sub: string;
  acr?: Acr;
  requestId?: string;
  qualificationConfirmationDate?: string;
  medicalInstitutionCode?: string;
  limitApplicationCertificateConsent?: boolean;
  siteKind?: SiteKind;
  expiresIn?: number;
  issuedSecondsAgo?: number;
  foreignKey?: boolean;
  iss?: string;
  /** Claims replaced or added after the defaults (a forged or malformed assertion). */
  claims?: Record<string, unknown>;
}

export interface VerifierPfDouble extends PfDouble {
  accounts: Map<string, DoubleAccount>;
  linkRequests: RecordedLinkRequest[];
  registrations: RecordedRegistration[];
  /** Status the next link updates get (consumed one per request), e.g. [503, 503] then the normal answer. */
  failNextLinks(...statuses: number[]): void;
  /** An account the PF issued to `verifierId`, as after a registration; returns its 共通的PFID. */
  issueAccount(verifierId: string, options?: Partial<Pick<DoubleAccount, "linkStatus" | "status">>): string;
  /** An eligibility assertion as the PF signs it for a reception's 資格確認 (eligibility.ts). */
  eligibilityAssertion(options: EligibilityAssertionOptions): Promise<string>;
}

const errorBody = (code: ErrorCode, message: string) => ({
  error: { code, message, requestId: "req-double" },
});

function newAccountId(): string {
  const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let body = "";
  for (let i = 0; i < 15; i++) body += alphabet[randomInt(36)];
  return formatAccountId(body);
}

/** The JST calendar date of an instant (the PF asks for eligibility on the JST day). */
function jstDate(at: Date): string {
  return new Date(at.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * @example const pf = await startVerifierPfDouble({ verifiers: [{ id: "ins-a", apiKey: "key-a" }] });
 *          const accountId = pf.issueAccount("ins-a");
 *          const token = await pf.eligibilityAssertion({ aud: "ins-a", sub: accountId });
 */
export async function startVerifierPfDouble(options: {
  verifiers: DoubleVerifier[];
}): Promise<VerifierPfDouble> {
  const accounts = new Map<string, DoubleAccount>();
  const linkRequests: RecordedLinkRequest[] = [];
  const registrations: RecordedRegistration[] = [];
  const linkFailures: number[] = [];
  const challenges = new Map<
    string,
    { verifierId: string; toBeSigned: Buffer; used: boolean; expiresAt: Date }
  >();

  const verifierOf = (c: Context): DoubleVerifier | undefined => {
    const header = c.req.header("authorization") ?? "";
    return options.verifiers.find((v) => header === `Bearer ${v.apiKey}`);
  };
  const ownAccount = (verifier: DoubleVerifier, accountId: string) => {
    const account = accounts.get(accountId);
    return account?.verifierId === verifier.id ? account : undefined;
  };

  const routes = (app: Hono) => {
    app.put(`${VERIFIER_API_PREFIX}/accounts/:accountId/link`, async (c) => {
      const accountId = c.req.param("accountId");
      const body = (await c.req.json().catch(() => undefined)) as
        | z.infer<typeof accountLinkRequestSchema>
        | undefined;
      const record = (answered: number) =>
        linkRequests.push({ accountId, authorization: c.req.header("authorization"), body, answered });
      const fail = linkFailures.shift();
      if (fail) {
        record(fail);
        return c.json(errorBody("internal_error", "down"), fail as 500);
      }
      const verifier = verifierOf(c);
      if (!verifier) {
        record(401);
        return c.json(errorBody("unauthorized", "bad key"), 401);
      }
      if (!body || (body.status !== "linked" && body.status !== "pending")) {
        record(400);
        return c.json(errorBody("validation_failed", "The link request does not match its schema."), 400);
      }
      const account = ownAccount(verifier, accountId);
      if (!account) {
        record(404);
        return c.json(errorBody("account_unknown", "No account with this ID at this verifier."), 404);
      }
      account.linkStatus = body.status;
      account.updatedAt = new Date().toISOString();
      record(204);
      return c.body(null, 204);
    });

    app.get(`${VERIFIER_API_PREFIX}/accounts/:accountId`, (c) => {
      const verifier = verifierOf(c);
      if (!verifier) return c.json(errorBody("unauthorized", "bad key"), 401);
      const account = ownAccount(verifier, c.req.param("accountId"));
      if (!account)
        return c.json(errorBody("account_unknown", "No account with this ID at this verifier."), 404);
      const { accountId, linkStatus, status, consent, registeredAt, updatedAt } = account;
      return c.json({ accountId, linkStatus, status, consent, registeredAt, updatedAt });
    });

    app.post(`${VERIFIER_API_PREFIX}/registration-challenges`, (c) => {
      const verifier = verifierOf(c);
      if (!verifier) return c.json(errorBody("unauthorized", "bad key"), 401);
      const challengeId = `ch_${randomUUID()}`;
      const nonce = randomBytes(32).toString("base64url");
      const toBeSigned = Buffer.from(
        `CATV-PF\nregistration\n${verifier.id}\n-\n${challengeId}\n${nonce}`,
        "utf8",
      );
      const expiresAt = new Date(Date.now() + 5 * 60_000);
      challenges.set(challengeId, { verifierId: verifier.id, toBeSigned, used: false, expiresAt });
      return c.json(
        { challengeId, nonce, toBeSigned: toBeSigned.toString("base64"), expiresAt: expiresAt.toISOString() },
        201,
      );
    });

    app.post(`${VERIFIER_API_PREFIX}/registrations`, async (c) => {
      const verifier = verifierOf(c);
      if (!verifier) return c.json(errorBody("unauthorized", "bad key"), 401);
      const parsed = verifierRegistrationRequestSchema.safeParse(await c.req.json().catch(() => undefined));
      if (!parsed.success) {
        return c.json(errorBody("validation_failed", "The registration does not match its schema."), 400);
      }
      const body = parsed.data;
      const record = (answered: number) =>
        registrations.push({
          verifierId: verifier.id,
          challengeId: body.challengeId,
          consent: body.consent,
          answered,
        });
      const challenge = challenges.get(body.challengeId);
      if (!challenge) {
        record(400);
        return c.json(errorBody("challenge_unknown", "No challenge with this ID was issued."), 400);
      }
      if (challenge.verifierId !== verifier.id) {
        record(400);
        return c.json(
          errorBody("challenge_wrong_operator", "The challenge was issued to another tenant."),
          400,
        );
      }
      if (challenge.used) {
        record(400);
        return c.json(errorBody("challenge_used", "The challenge was already answered."), 400);
      }
      if (challenge.expiresAt.getTime() < Date.now()) {
        record(400);
        return c.json(errorBody("challenge_expired", "The challenge is past its expiry."), 400);
      }
      challenge.used = true;
      let signed = false;
      try {
        const certificate = new X509Certificate(Buffer.from(body.signatureCertificate, "base64"));
        // The card signs DigestInfo(SHA-256(toBeSigned)) with PKCS#1 v1.5: RSASSA-PKCS1-v1_5 with SHA-256.
        signed = verify(
          "sha256",
          challenge.toBeSigned,
          certificate.publicKey,
          Buffer.from(body.signature, "base64"),
        );
      } catch {
        record(400);
        return c.json(errorBody("certificate_malformed", "The certificate cannot be parsed."), 400);
      }
      if (!signed) {
        record(401);
        return c.json(errorBody("signature_invalid", "The card's signature does not verify."), 401);
      }
      const known = [...accounts.values()].find(
        (a) => a.verifierId === verifier.id && a.signatureCertificate === body.signatureCertificate,
      );
      if (known) {
        record(200);
        return c.json({ accountId: known.accountId, outcome: "existing", linkStatus: known.linkStatus });
      }
      const accountId = issue(verifier.id, { consent: body.consent });
      accounts.get(accountId)!.signatureCertificate = body.signatureCertificate;
      record(200);
      return c.json({ accountId, outcome: "new", linkStatus: "pending" });
    });
  };

  const issue = (
    verifierId: string,
    extra: Partial<Pick<DoubleAccount, "linkStatus" | "status" | "consent">> = {},
  ): string => {
    const accountId = newAccountId();
    const at = new Date().toISOString();
    accounts.set(accountId, {
      accountId,
      verifierId,
      linkStatus: extra.linkStatus ?? "pending",
      status: extra.status ?? "active",
      consent: extra.consent ?? { textVersion: "insurer-registration-test", acceptedAt: at },
      registeredAt: at,
      updatedAt: at,
    });
    return accountId;
  };

  const pf = await startPfDouble({ apiKey: randomUUID(), routes });
  return {
    ...pf,
    accounts,
    linkRequests,
    registrations,
    failNextLinks: (...statuses) => linkFailures.push(...statuses),
    issueAccount: (verifierId, extra) => issue(verifierId, extra),
    eligibilityAssertion(a) {
      return pf.assertion({
        sub: a.sub,
        aud: a.aud,
        acr: a.acr ?? "urn:catv:acr:pinless",
        svc: MEDICAL_ELIGIBILITY_SERVICE,
        ...(a.expiresIn === undefined ? {} : { expiresIn: a.expiresIn }),
        ...(a.issuedSecondsAgo === undefined ? {} : { issuedSecondsAgo: a.issuedSecondsAgo }),
        ...(a.foreignKey === undefined ? {} : { foreignKey: a.foreignKey }),
        ...(a.iss === undefined ? {} : { iss: a.iss }),
        claims: {
          requestId: a.requestId ?? `elg_${randomBytes(8).toString("hex")}`,
          qualificationConfirmationDate: a.qualificationConfirmationDate ?? jstDate(new Date()),
          medicalInstitutionCode: a.medicalInstitutionCode ?? "0610499996",
          limitApplicationCertificateConsent: a.limitApplicationCertificateConsent ?? false,
          siteKind: a.siteKind ?? "in-person",
          ...a.claims,
        },
      });
    },
  };
}

/**
 * An `account.*` event delivery signed as the PF signs it (Standard Webhooks, events.ts).
 * @example await app.request(`/insurers/ins-a/pf/events`, verifierEvent(secret, { type: "account.registered", … }));
 */
export function verifierEvent(secret: string, event: VerifierEvent, timestampSeconds?: number): RequestInit {
  return signedEvent(secret, event, timestampSeconds);
}
