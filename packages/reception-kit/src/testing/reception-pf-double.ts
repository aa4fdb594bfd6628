/**
 * @module A stand-in for the PF's reception API (`packages/contracts/src/medical/reception-api.ts`) in tests of a
 * medical institution's system, or of anything that drives a reception terminal: a real HTTP server on
 * 127.0.0.1:0 whose every answer is a body the contracts parse (reception-pf-double.test.ts proves it route by
 * route).
 *
 * What it checks for real, as the PF does: the terminal assertion (ES256 by a registered terminal key, `typ`,
 * `aud`, `htm`/`htu` bound to the request, `iat` within ±120 s, `jti` never seen), that the terminal's site is an
 * in-person site, every request body against its schema, challenges (issued to this terminal, for this purpose,
 * single use, not expired), the card's signatures against the keys the card itself presents (the
 * user-authentication certificate for a PIN recognition, the signature certificate for a registration, the 券面
 * key of the CVC for the card-binding proof and the PIN-less proof, whose date-of-birth record must be the person's),
 * the certificate's validity period, recognitions (made at this terminal, within their lifetime), the insurer
 * chosen (one of the site's), and the institution's API key.
 *
 * What it is told instead of working out, because that is the PF's and J-LIS's business: which cards exist and the
 * birth dates they were issued with (`addPerson`), which are revoked, where a person is registered and whether
 * the insurer has linked the account, what each insurer answers (`setEligibility`, the answer assembled and
 * checked against the eligibility contract, the 限度額 information kept only with the patient's consent), and
 * whether an insurer answers at all (`setInsurerAvailable`). `failNext` makes one route answer any coded error
 * once (J-LIS down: `revocation_unavailable`). The CVC's own signature is checked only against
 * `trustedKenkakuCaKeys` when given (a forged card then fails `card_genuineness_failed`).
 */
import { createVerify, type KeyObject, randomBytes, randomUUID, verify, X509Certificate } from "node:crypto";
import {
  type Acr,
  challengeResponseSchema,
  createChallengeRequestSchema,
  type EligibilityAnswer,
  type EligibilityCheckResponse,
  type ErrorCode,
  eligibilityAnswerSchema,
  eligibilityCheckRequestSchema,
  errorCatalogue,
  INSTITUTION_API_PREFIX,
  jstDate,
  type LinkStatus,
  type Qualification,
  type QualificationValidity,
  receptionPinlessStartRequestSchema,
  receptionRecognitionRequestSchema,
  receptionRegistrationRequestSchema,
  type SiteKind,
  TERMINAL_ASSERTION_AUDIENCE,
  TERMINAL_ASSERTION_HEADER,
} from "@catv/contracts";
import { birthDateKey, parseCardVerifiableCertificate, verifyDateOfBirthRecord } from "@catv/jpki";
import { type ServerType, serve } from "@hono/node-server";
import { type Context, Hono } from "hono";
import { decodeProtectedHeader, importJWK, type JWK, jwtVerify } from "jose";
import type { z } from "zod";
import { type ReceptionRouteName, receptionRoutes } from "../reception-routes.ts";

export interface DoubleVerifier {
  verifierId: string;
  name: string;
}

export interface DoubleTerminal {
  terminalId: string;
  publicJwk: JWK;
}

export interface DoubleSite {
  siteId: string;
  name: string;
  /** `in-person` (a reception desk) unless said otherwise; a `remote` site's terminal gets `site_not_allowed`. */
  kind?: SiteKind;
  /** The insurers this reception may consult and register patients with. */
  verifierIds: string[];
  terminals: DoubleTerminal[];
}

export interface DoubleInstitution {
  id: string;
  name: string;
  medicalInstitutionCode: string;
  apiKey: string;
  sites: DoubleSite[];
}

export interface ReceptionPfDoubleOptions {
  verifiers: DoubleVerifier[];
  institutions: DoubleInstitution[];
  /** 券面 CA public keys a genuine card's CVC verifies with; without them the CVC's signature is not checked. */
  trustedKenkakuCaKeys?: KeyObject[];
  /** How long a recognition serves eligibility checks (default 300 s). */
  recognitionLifetimeSeconds?: number;
  /** How long a challenge may be answered (default 120 s). */
  challengeLifetimeSeconds?: number;
}

/** A card as the PF and J-LIS know it: its certificates (base64 DER) and the birth date it was issued with. */
export interface DoubleCard {
  authenticationCertificate: string;
  /** 券面事項確認AP EF 0004 (7F21), base64. */
  cardVerifiableCertificate: string;
  /** ISO date, as on the card's date-of-birth record. */
  birthDate: string;
}

/** What an insurer answers about this person: 資格有効性 and the qualifications, or its own failure (処理結果 2). */
export type InsurerAnswerSpec =
  | {
      validity: QualificationValidity;
      qualifications: Qualification[];
      processingResult?: { code?: string; message?: string };
    }
  | { processingError: { code: string; message: string } };

export interface DoublePersonOptions {
  card: DoubleCard;
  /** Accounts at insurers; none = the card is issued but registered nowhere (`card_not_registered`). */
  registrations?: { verifierId: string; linkStatus: LinkStatus }[];
  /** The card bound for PIN-less use (default: bound when registered somewhere). */
  bound?: boolean;
  eligibility?: Record<string, InsurerAnswerSpec>;
}

export interface DoublePerson {
  readonly card: DoubleCard;
  /** The insurer linked the 共通的PFID to its 被保険者 (or registration made now, already linked). */
  link(verifierId: string): void;
  /** J-LIS reports the card's certificates revoked (a lost card). */
  revoke(): void;
  /** No card bound for PIN-less use any more (as after a renewal). */
  unbind(): void;
  setEligibility(verifierId: string, spec: InsurerAnswerSpec): void;
  registrationAt(verifierId: string): LinkStatus | undefined;
  /** The pairwise reference the PF issued this institution, once the person was recognised there. */
  patientReferenceAt(institutionId: string): string | undefined;
}

export interface RecordedCall {
  route: ReceptionRouteName | "patientReference";
  terminalId: string | undefined;
  status: number;
  code?: ErrorCode;
}

export interface RecordedInsurerRequest {
  verifierId: string;
  medicalInstitutionCode: string;
  limitApplicationCertificateConsent: boolean;
  acr: Acr;
}

export interface ReceptionPfDouble {
  url: string;
  addPerson(options: DoublePersonOptions): DoublePerson;
  /** A person the double knows by the certificate (added, or registered at a desk). */
  person(authenticationCertificate: string): DoublePerson | undefined;
  setInsurerAvailable(verifierId: string, available: boolean): void;
  /** The next `times` calls of `route` answer `code` (with its catalogue status), before anything else is checked. */
  failNext(route: ReceptionRouteName, code: ErrorCode, times?: number): void;
  /** Every call answered, in order. */
  readonly calls: RecordedCall[];
  /** What the PF asked insurers (the PF → insurer eligibility assertion's claims that matter here). */
  readonly insurerRequests: RecordedInsurerRequest[];
  close(): Promise<void>;
}

class DoubleRefusal extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message?: string) {
    super(message ?? errorCatalogue[code].summary);
    this.code = code;
  }
}
const refuse = (code: ErrorCode, message?: string) => new DoubleRefusal(code, message);

interface PersonState {
  card: DoubleCard;
  registrations: Map<string, LinkStatus>;
  boundCvc: string | undefined;
  revoked: boolean;
  eligibility: Map<string, InsurerAnswerSpec>;
  references: Map<string, { reference: string; issuedAt: string }>;
}

interface ChallengeState {
  purpose: "registration" | "login" | "pinless-login";
  institutionId: string;
  terminalId: string;
  bytes: Uint8Array;
  expiresAt: number;
  used: boolean;
  pinless?: { person: PersonState; cvc: string };
}

interface RecognitionState {
  person: PersonState;
  institutionId: string;
  siteId: string;
  terminalId: string;
  acr: Acr;
  expiresAt: number;
}

interface TerminalContext {
  terminalId: string;
  institution: DoubleInstitution;
  site: DoubleSite;
}

const MAX_SKEW_SECONDS = 120;
const THREE_MONTHS_MS = 92 * 24 * 3600 * 1000;

/**
 * @example
 * const pf = await startReceptionPfDouble({ verifiers, institutions });
 * const taro = pf.addPerson({ card, registrations: [{ verifierId: "ins-a", linkStatus: "linked" }],
 *   eligibility: { "ins-a": { validity: "1", qualifications: [q] } } });
 */
export async function startReceptionPfDouble(options: ReceptionPfDoubleOptions): Promise<ReceptionPfDouble> {
  const recognitionLifetimeMs = (options.recognitionLifetimeSeconds ?? 300) * 1000;
  const challengeLifetimeMs = (options.challengeLifetimeSeconds ?? 120) * 1000;
  const verifierNames = new Map(options.verifiers.map((v) => [v.verifierId, v.name]));
  const terminals = new Map<string, TerminalContext & { key: ReturnType<typeof importJWK> }>();
  for (const institution of options.institutions) {
    for (const site of institution.sites) {
      for (const terminal of site.terminals) {
        terminals.set(terminal.terminalId, {
          terminalId: terminal.terminalId,
          institution,
          site,
          key: importJWK({ ...terminal.publicJwk, alg: "ES256" }, "ES256"),
        });
      }
    }
  }
  const persons = new Map<string, PersonState>();
  const challenges = new Map<string, ChallengeState>();
  const recognitions = new Map<string, RecognitionState>();
  const seenJti = new Set<string>();
  const unavailable = new Set<string>();
  const failures = new Map<ReceptionRouteName, ErrorCode[]>();
  const calls: RecordedCall[] = [];
  const insurerRequests: RecordedInsurerRequest[] = [];

  const handleOf = (state: PersonState): DoublePerson => ({
    card: state.card,
    link: (verifierId) => {
      state.registrations.set(verifierId, "linked");
    },
    revoke: () => {
      state.revoked = true;
    },
    unbind: () => {
      state.boundCvc = undefined;
    },
    setEligibility: (verifierId, spec) => {
      state.eligibility.set(verifierId, spec);
    },
    registrationAt: (verifierId) => state.registrations.get(verifierId),
    patientReferenceAt: (institutionId) => state.references.get(institutionId)?.reference,
  });

  // --- the checks every route shares -------------------------------------------------------------------------

  async function authenticateTerminal(c: Context): Promise<TerminalContext> {
    const token = c.req.header(TERMINAL_ASSERTION_HEADER);
    if (!token) throw refuse("terminal_unauthorized", "Terminal assertion refused: missing.");
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      throw refuse("terminal_unauthorized", "Terminal assertion refused: malformed.");
    }
    const terminal = typeof header.kid === "string" ? terminals.get(header.kid) : undefined;
    if (header.alg !== "ES256" || header.typ !== "terminal+jwt" || !terminal) {
      throw refuse("terminal_unauthorized", "Terminal assertion refused: unknown terminal or header.");
    }
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, await terminal.key, {
        algorithms: ["ES256"],
        issuer: terminal.terminalId,
        audience: TERMINAL_ASSERTION_AUDIENCE,
      }));
    } catch {
      throw refuse("terminal_unauthorized", "Terminal assertion refused: bad signature or claims.");
    }
    const url = new URL(c.req.url);
    const iat = typeof payload.iat === "number" ? payload.iat : Number.NaN;
    if (
      payload.htm !== c.req.method ||
      payload.htu !== url.pathname + url.search ||
      !(Math.abs(Date.now() / 1000 - iat) <= MAX_SKEW_SECONDS) ||
      typeof payload.jti !== "string"
    ) {
      throw refuse("terminal_unauthorized", "Terminal assertion refused: not for this request, or stale.");
    }
    const jti = `${terminal.terminalId}:${payload.jti}`;
    if (seenJti.has(jti)) throw refuse("terminal_unauthorized", "Terminal assertion refused: replayed.");
    seenJti.add(jti);
    if ((terminal.site.kind ?? "in-person") !== "in-person") throw refuse("site_not_allowed");
    return terminal;
  }

  async function bodyOf<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
    let json: unknown;
    try {
      json = await c.req.json();
    } catch {
      throw refuse("validation_failed", "The request body is not valid JSON.");
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw refuse("validation_failed");
    return parsed.data;
  }

  const bytesOf = (base64: string) => new Uint8Array(Buffer.from(base64, "base64"));

  function certificateOf(base64: string): X509Certificate {
    try {
      return new X509Certificate(Buffer.from(base64, "base64"));
    } catch {
      throw refuse("certificate_malformed");
    }
  }

  /** The certificate's period, then the person it belongs to (the PF: validity, revocation, then the lookup). */
  function personOf(authenticationCertificate: string): PersonState {
    const certificate = certificateOf(authenticationCertificate);
    const now = Date.now();
    if (now > certificate.validToDate.getTime()) throw refuse("certificate_expired");
    if (now < certificate.validFromDate.getTime()) throw refuse("certificate_not_yet_valid");
    const person = persons.get(authenticationCertificate);
    if (!person) throw refuse("card_not_registered");
    if (person.revoked) throw refuse("certificate_revoked");
    return person;
  }

  function registrationsAtSite(person: PersonState, site: DoubleSite) {
    return site.verifierIds.flatMap((verifierId) => {
      const linkStatus = person.registrations.get(verifierId);
      return linkStatus
        ? [{ verifierId, verifierName: verifierNames.get(verifierId) ?? verifierId, linkStatus }]
        : [];
    });
  }

  function checkGenuineCvc(cvcBase64: string): KeyObject {
    let cvc: ReturnType<typeof parseCardVerifiableCertificate>;
    try {
      cvc = parseCardVerifiableCertificate(bytesOf(cvcBase64));
    } catch {
      throw refuse("card_genuineness_failed");
    }
    if (options.trustedKenkakuCaKeys) {
      const genuine = options.trustedKenkakuCaKeys.some((key) =>
        createVerify("sha256").update(cvc.body).verify(key, cvc.signature),
      );
      if (!genuine) throw refuse("card_genuineness_failed");
    }
    return cvc.publicKey;
  }

  function takeChallenge(
    challengeId: string,
    terminal: TerminalContext,
    purpose: ChallengeState["purpose"],
  ): ChallengeState {
    const challenge = challenges.get(challengeId);
    if (!challenge) throw refuse("challenge_unknown");
    if (challenge.institutionId !== terminal.institution.id) throw refuse("challenge_wrong_operator");
    if (challenge.terminalId !== terminal.terminalId) throw refuse("challenge_wrong_terminal");
    if (challenge.purpose !== purpose) throw refuse("challenge_wrong_purpose");
    if (challenge.used) throw refuse("challenge_used");
    if (Date.now() > challenge.expiresAt) throw refuse("challenge_expired");
    challenge.used = true;
    return challenge;
  }

  function issueChallenge(
    terminal: TerminalContext,
    purpose: ChallengeState["purpose"],
    pinless?: ChallengeState["pinless"],
  ) {
    const challengeId = `chl_${randomUUID()}`;
    const nonce = randomBytes(32).toString("base64url");
    const bytes = pinless
      ? new Uint8Array(randomBytes(32))
      : new TextEncoder().encode(
          `CATV-PF\n${purpose}\n${terminal.institution.id}\n${terminal.terminalId}\n${challengeId}\n${nonce}`,
        );
    const expiresAt = Date.now() + challengeLifetimeMs;
    challenges.set(challengeId, {
      purpose,
      institutionId: terminal.institution.id,
      terminalId: terminal.terminalId,
      bytes,
      expiresAt,
      used: false,
      ...(pinless ? { pinless } : {}),
    });
    return { challengeId, nonce, bytes, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** The card signed DigestInfo(SHA-256(data)) with PKCS#1 v1.5: a standard RSASSA-PKCS1-v1_5 SHA-256 signature. */
  const signatureHolds = (data: Uint8Array, key: KeyObject, signatureBase64: string) =>
    verify("sha256", data, key, bytesOf(signatureBase64));

  function warningsFor(authenticationCertificate: string) {
    const validTo = certificateOf(authenticationCertificate).validToDate;
    if (validTo.getTime() - Date.now() > THREE_MONTHS_MS) return [];
    return [
      {
        code: "card_certificate_expiring" as const,
        message: `マイナンバーカードの利用者証明用電子証明書の有効期限が3か月以内です（${jstDate(validTo)}まで）。市区町村の窓口で更新をご案内ください。`,
      },
    ];
  }

  function recognise(terminal: TerminalContext, person: PersonState, acr: Acr) {
    const registrations = registrationsAtSite(person, terminal.site);
    if (registrations.length === 0) throw refuse("card_not_registered");
    const now = new Date();
    let reference = person.references.get(terminal.institution.id);
    const firstVisit = !reference;
    if (!reference) {
      reference = { reference: `pr_${randomBytes(16).toString("base64url")}`, issuedAt: now.toISOString() };
      person.references.set(terminal.institution.id, reference);
    }
    const recognitionId = `rcg_${randomUUID()}`;
    const expiresAt = now.getTime() + recognitionLifetimeMs;
    recognitions.set(recognitionId, {
      person,
      institutionId: terminal.institution.id,
      siteId: terminal.site.siteId,
      terminalId: terminal.terminalId,
      acr,
      expiresAt,
    });
    return {
      recognitionId,
      patientReference: reference.reference,
      firstVisit,
      acr,
      siteKind: "in-person" as const,
      recognisedAt: now.toISOString(),
      expiresAt: new Date(expiresAt).toISOString(),
      registrations,
      warnings: warningsFor(person.card.authenticationCertificate),
    };
  }

  /** The insurer's answer as the eligibility contract has it; 限度額 information only with the consent. */
  function insurerAnswer(
    spec: InsurerAnswerSpec,
    context: { medicalInstitutionCode: string; consent: boolean; now: Date },
  ): EligibilityAnswer {
    const envelope = {
      requestId: `req_${randomBytes(8).toString("hex")}`,
      processedAt: context.now.toISOString(),
      qualificationConfirmationDate: jstDate(context.now),
      medicalInstitutionCode: context.medicalInstitutionCode,
      referenceClassification: "1" as const,
    };
    const answer =
      "processingError" in spec
        ? {
            ...envelope,
            processingResult: { status: "2" as const, ...spec.processingError },
            qualifications: [],
          }
        : {
            ...envelope,
            processingResult: { status: "1" as const, ...spec.processingResult },
            qualificationValidity: spec.validity,
            qualifications: spec.qualifications.map((q) => {
              const { limitApplicationCertificate, ...rest } = q;
              return context.consent
                ? {
                    ...q,
                    limitApplicationCertificateConsent: {
                      consented: true,
                      consentedAt: context.now.toISOString(),
                    },
                  }
                : { ...rest, limitApplicationCertificateConsent: { consented: false } };
            }),
          };
    // A test that sets up an answer the contract refuses learns it here, not from the code under test.
    return eligibilityAnswerSchema.parse(answer);
  }

  // --- routes ------------------------------------------------------------------------------------------------

  const app = new Hono();
  const respond = async (
    c: Context,
    route: RecordedCall["route"],
    work: (terminal: TerminalContext | undefined) => Promise<unknown>,
    options: { terminal: boolean; status?: 200 | 201 } = { terminal: true },
  ) => {
    let terminalId: string | undefined;
    try {
      const failure = route === "patientReference" ? undefined : failures.get(route)?.shift();
      if (failure) throw refuse(failure);
      const terminal = options.terminal ? await authenticateTerminal(c) : undefined;
      terminalId = terminal?.terminalId;
      const body = await work(terminal);
      const status = options.status ?? 200;
      calls.push({ route, terminalId, status });
      return c.json(body as object, status);
    } catch (error) {
      if (!(error instanceof DoubleRefusal)) throw error;
      const status = errorCatalogue[error.code].status;
      calls.push({ route, terminalId, status, code: error.code });
      return c.json(
        { error: { code: error.code, message: error.message, requestId: `req-double-${calls.length}` } },
        status,
      );
    }
  };

  app.get(receptionRoutes.site.path, (c) =>
    respond(c, "site", async (terminal) => {
      const { institution, site } = terminal!;
      return {
        siteId: site.siteId,
        siteName: site.name,
        siteKind: site.kind ?? "in-person",
        institutionName: institution.name,
        medicalInstitutionCode: institution.medicalInstitutionCode,
        verifiers: site.verifierIds.map((verifierId) => ({
          verifierId,
          name: verifierNames.get(verifierId) ?? verifierId,
        })),
      };
    }),
  );

  app.post(receptionRoutes.challenges.path, (c) =>
    respond(
      c,
      "challenges",
      async (terminal) => {
        const { purpose } = await bodyOf(c, createChallengeRequestSchema);
        if (purpose !== "registration" && purpose !== "login") throw refuse("challenge_wrong_purpose");
        const issued = issueChallenge(terminal!, purpose);
        return challengeResponseSchema.parse({
          challengeId: issued.challengeId,
          nonce: issued.nonce,
          toBeSigned: Buffer.from(issued.bytes).toString("base64"),
          expiresAt: issued.expiresAt,
        });
      },
      { terminal: true, status: 201 },
    ),
  );

  app.post(receptionRoutes.pinlessStart.path, (c) =>
    respond(c, "pinlessStart", async (terminal) => {
      const body = await bodyOf(c, receptionPinlessStartRequestSchema);
      const person = personOf(body.authenticationCertificate);
      if (registrationsAtSite(person, terminal!.site).length === 0) throw refuse("card_not_registered");
      if (!person.boundCvc) throw refuse("pinless_card_not_bound");
      if (person.boundCvc !== body.cardVerifiableCertificate) throw refuse("pinless_card_mismatch");
      const issued = issueChallenge(terminal!, "pinless-login", {
        person,
        cvc: body.cardVerifiableCertificate,
      });
      return {
        challengeId: issued.challengeId,
        challenge: Buffer.from(issued.bytes).toString("base64"),
        birthDateKey: birthDateKey(person.card.birthDate),
        expiresAt: issued.expiresAt,
      };
    }),
  );

  app.post(receptionRoutes.recognitions.path, (c) =>
    respond(
      c,
      "recognitions",
      async (terminal) => {
        const body = await bodyOf(c, receptionRecognitionRequestSchema);
        if (body.method === "pinless") {
          const challenge = takeChallenge(body.challengeId, terminal!, "pinless-login");
          const { person, cvc } = challenge.pinless!;
          if (body.cardVerifiableCertificate !== cvc) throw refuse("pinless_card_mismatch");
          const cardKey = checkGenuineCvc(cvc);
          let birthDate: string;
          try {
            birthDate = verifyDateOfBirthRecord(bytesOf(body.dateOfBirthRecord), cardKey).birthDate;
          } catch {
            throw refuse("card_genuineness_failed");
          }
          if (
            birthDate !== person.card.birthDate ||
            !signatureHolds(challenge.bytes, cardKey, body.signature)
          ) {
            throw refuse("card_genuineness_failed");
          }
          if (person.revoked) throw refuse("certificate_revoked");
          return recognise(terminal!, person, "urn:catv:acr:pinless");
        }
        const challenge = takeChallenge(body.challengeId, terminal!, "login");
        const certificate = certificateOf(body.authenticationCertificate);
        if (!signatureHolds(challenge.bytes, certificate.publicKey, body.signature)) {
          throw refuse("signature_invalid");
        }
        const person = personOf(body.authenticationCertificate);
        if (body.cardKeyProof) {
          const cardKey = checkGenuineCvc(body.cardKeyProof.cardVerifiableCertificate);
          if (!signatureHolds(challenge.bytes, cardKey, body.cardKeyProof.signature)) {
            throw refuse("card_genuineness_failed");
          }
          person.boundCvc = body.cardKeyProof.cardVerifiableCertificate;
        }
        return recognise(terminal!, person, "urn:catv:acr:pin");
      },
      { terminal: true, status: 201 },
    ),
  );

  app.post(receptionRoutes.eligibilityChecks.path, (c) =>
    respond(
      c,
      "eligibilityChecks",
      async (terminal) => {
        const body = await bodyOf(c, eligibilityCheckRequestSchema);
        const recognition = recognitions.get(body.recognitionId);
        if (!recognition) throw refuse("recognition_unknown");
        if (recognition.terminalId !== terminal!.terminalId) throw refuse("recognition_wrong_terminal");
        if (Date.now() > recognition.expiresAt) throw refuse("recognition_expired");
        const registrations = registrationsAtSite(recognition.person, terminal!.site).filter(
          (r) => body.verifierId === undefined || r.verifierId === body.verifierId,
        );
        if (body.verifierId !== undefined && registrations.length === 0) {
          throw refuse("verifier_not_allowed_at_site");
        }
        if (registrations.every((r) => r.linkStatus === "pending")) throw refuse("account_not_linked");
        const now = new Date();
        const results: EligibilityCheckResponse["results"] = registrations.map((r) => {
          const named = { verifierId: r.verifierId, verifierName: r.verifierName };
          if (r.linkStatus === "pending") return { status: "not_linked", ...named };
          insurerRequests.push({
            verifierId: r.verifierId,
            medicalInstitutionCode: terminal!.institution.medicalInstitutionCode,
            limitApplicationCertificateConsent: body.limitApplicationCertificateConsent,
            acr: recognition.acr,
          });
          const spec = recognition.person.eligibility.get(r.verifierId);
          if (unavailable.has(r.verifierId) || !spec) return { status: "unavailable", ...named };
          const answer = insurerAnswer(spec, {
            medicalInstitutionCode: terminal!.institution.medicalInstitutionCode,
            consent: body.limitApplicationCertificateConsent,
            now,
          });
          return { status: "answered", ...named, answer };
        });
        if (!results.some((r) => r.status === "answered")) throw refuse("insurer_unavailable");
        return {
          checkId: `chk_${randomUUID()}`,
          recognitionId: body.recognitionId,
          patientReference: recognition.person.references.get(terminal!.institution.id)!.reference,
          acr: recognition.acr,
          siteKind: "in-person",
          checkedAt: now.toISOString(),
          results,
          warnings: warningsFor(recognition.person.card.authenticationCertificate),
        };
      },
      { terminal: true, status: 201 },
    ),
  );

  app.post(receptionRoutes.registrations.path, (c) =>
    respond(
      c,
      "registrations",
      async (terminal) => {
        const body = await bodyOf(c, receptionRegistrationRequestSchema);
        const challenge = takeChallenge(body.challengeId, terminal!, "registration");
        const signatureCertificate = certificateOf(body.signatureCertificate);
        if (Date.now() > signatureCertificate.validToDate.getTime()) throw refuse("certificate_expired");
        if (!signatureHolds(challenge.bytes, signatureCertificate.publicKey, body.signature)) {
          throw refuse("signature_invalid");
        }
        const cardKey = checkGenuineCvc(body.cardKeyProof.cardVerifiableCertificate);
        if (!signatureHolds(challenge.bytes, cardKey, body.cardKeyProof.signature)) {
          throw refuse("card_genuineness_failed");
        }
        if (!terminal!.site.verifierIds.includes(body.verifierId))
          throw refuse("verifier_not_allowed_at_site");
        const person = persons.get(body.authenticationCertificate);
        // The double knows only the cards it was given (their birth dates are J-LIS's); any other is no JPKI card.
        if (!person) throw refuse("certificate_unknown_issuer");
        if (person.revoked) throw refuse("certificate_revoked");
        const existing = person.registrations.get(body.verifierId);
        if (!existing) person.registrations.set(body.verifierId, "pending");
        person.boundCvc = body.cardKeyProof.cardVerifiableCertificate;
        return {
          verifierId: body.verifierId,
          verifierName: verifierNames.get(body.verifierId) ?? body.verifierId,
          outcome: existing ? "existing" : "new",
          linkStatus: person.registrations.get(body.verifierId)!,
        };
      },
      { terminal: true, status: 201 },
    ),
  );

  app.get(`${INSTITUTION_API_PREFIX}/patient-references/:patientReference`, (c) =>
    respond(
      c,
      "patientReference",
      async () => {
        const institution = options.institutions.find(
          (i) => c.req.header("authorization") === `Bearer ${i.apiKey}`,
        );
        if (!institution) throw refuse("unauthorized");
        const wanted = c.req.param("patientReference");
        for (const person of persons.values()) {
          const reference = person.references.get(institution.id);
          if (!reference || reference.reference !== wanted) continue;
          const verifierIds = new Set(institution.sites.flatMap((s) => s.verifierIds));
          return {
            patientReference: wanted,
            issuedAt: reference.issuedAt,
            registrations: [...person.registrations]
              .filter(([verifierId]) => verifierIds.has(verifierId))
              .map(([verifierId, linkStatus]) => ({
                verifierId,
                verifierName: verifierNames.get(verifierId) ?? verifierId,
                linkStatus,
              })),
          };
        }
        throw refuse("patient_reference_unknown");
      },
      { terminal: false },
    ),
  );

  app.notFound((c) =>
    c.json({ error: { code: "not_found", message: "No such resource.", requestId: "req-double" } }, 404),
  );

  let server: ServerType | undefined;
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, (info) => resolve(info.port));
  });

  return {
    url: `http://127.0.0.1:${port}`,
    addPerson(person) {
      const registrations = new Map(
        (person.registrations ?? []).map((r) => [r.verifierId, r.linkStatus] as const),
      );
      const state: PersonState = {
        card: person.card,
        registrations,
        boundCvc:
          (person.bound ?? registrations.size > 0) ? person.card.cardVerifiableCertificate : undefined,
        revoked: false,
        eligibility: new Map(Object.entries(person.eligibility ?? {})),
        references: new Map(),
      };
      persons.set(person.card.authenticationCertificate, state);
      return handleOf(state);
    },
    person(authenticationCertificate) {
      const state = persons.get(authenticationCertificate);
      return state ? handleOf(state) : undefined;
    },
    setInsurerAvailable(verifierId, available) {
      if (available) unavailable.delete(verifierId);
      else unavailable.add(verifierId);
    },
    failNext(route, code, times = 1) {
      failures.set(route, [...(failures.get(route) ?? []), ...Array<ErrorCode>(times).fill(code)]);
    },
    calls,
    insurerRequests,
    close: () =>
      new Promise<void>((resolve) => {
        server?.close(() => resolve());
        (server as { closeAllConnections?: () => void } | undefined)?.closeAllConnections?.();
      }),
  };
}
