/**
 * @module 利用者登録 on the insurer's own web site (参考１－１ ①②: 保険者HPへアクセス → カード読込): a
 * verifier-initiated registration. The page never holds the insurer's PF credentials: this backend opens a page
 * session, obtains a `registration` challenge from the PF with the insurer's API key (`POST
 * /v1/verifier/registration-challenges`), and submits the card's answer (`POST /v1/verifier/registrations`) after
 * checking it answers the challenge this page session was given. The certificates pass through unread, unstored and
 * unlogged; the 4情報 reach the intake by the PF's `account.registered` event, never from the page.
 */
import { randomBytes } from "node:crypto";
import { verifierRegistrationRequestSchema } from "@catv/contracts";
import { z } from "zod";
import { auditSystem } from "./audit.ts";
import { fail } from "./domain-errors.ts";
import { hashToken } from "./log-in-staff.ts";
import { PfCallError } from "./pf-call-error.ts";
import type { Deps, WebRegistration } from "./ports.ts";

/** The version of the consent text the registration page shows; the PF records it with the time. */
export const WEB_REGISTRATION_CONSENT_VERSION = "insurer-web-registration-2026-12";
/** A page session lives this long: the person reads, agrees, enters the password and touches the card. */
export const WEB_REGISTRATION_MINUTES = 20;

/** What the page sends: the card's answer, and when the person agreed (the consent text is the insurer's own). */
export const webRegistrationAnswerSchema = verifierRegistrationRequestSchema
  .omit({ consent: true })
  .extend({ consentAcceptedAt: z.iso.datetime() });
export type WebRegistrationAnswer = z.infer<typeof webRegistrationAnswerSchema>;

export async function openWebRegistration(
  deps: Deps,
  insurerId: string,
): Promise<{ token: string; csrfToken: string }> {
  if (!(await deps.store.insurers.get(insurerId))) throw fail("insurer_unknown");
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  await deps.store.webRegistrations.insert({
    idHash: hashToken(token),
    insurerId,
    csrfToken,
    challengeId: null,
    challengeExpiresAt: null,
    createdAt: deps.now().toISOString(),
    completedAt: null,
    outcome: null,
  });
  return { token, csrfToken };
}

/** The live page session of a cookie token, for this insurer. */
export async function findWebRegistration(
  deps: Deps,
  insurerId: string,
  token: string | undefined,
): Promise<WebRegistration | undefined> {
  if (!token) return undefined;
  const session = await deps.store.webRegistrations.get(hashToken(token));
  if (!session || session.insurerId !== insurerId || session.completedAt) return undefined;
  const age = deps.now().getTime() - Date.parse(session.createdAt);
  return age > WEB_REGISTRATION_MINUTES * 60_000 ? undefined : session;
}

export async function startWebRegistration(
  deps: Deps,
  session: WebRegistration,
): Promise<{ challengeId: string; toBeSigned: string; expiresAt: string }> {
  const secrets = deps.secrets(session.insurerId);
  if (!secrets) throw fail("insurer_unknown");
  let challenge: { challengeId: string; toBeSigned: string; expiresAt: string };
  try {
    challenge = await deps.pf.createRegistrationChallenge(secrets.apiKey);
  } catch (error) {
    throw refusalOf(error);
  }
  await deps.store.webRegistrations.setChallenge(session.idHash, challenge.challengeId, challenge.expiresAt);
  return challenge;
}

export async function completeWebRegistration(
  deps: Deps,
  session: WebRegistration,
  answer: WebRegistrationAnswer,
  requestId: string,
): Promise<{ outcome: "new" | "existing" | "renewed"; linkStatus: "linked" | "pending" }> {
  if (!session.challengeId || session.challengeId !== answer.challengeId)
    throw fail("registration_challenge_mismatch");
  const secrets = deps.secrets(session.insurerId);
  if (!secrets) throw fail("insurer_unknown");
  const { consentAcceptedAt, ...card } = answer;
  let result: Awaited<ReturnType<Deps["pf"]["submitRegistration"]>>;
  try {
    result = await deps.pf.submitRegistration(secrets.apiKey, {
      ...card,
      consent: { textVersion: WEB_REGISTRATION_CONSENT_VERSION, acceptedAt: consentAcceptedAt },
    });
  } catch (error) {
    const refusal = refusalOf(error);
    await auditSystem(deps.store, session.insurerId, "web", deps.now().toISOString(), requestId, {
      action: "web_registration.refused",
      detail: `保険者サイトでの登録を共通的PFが受け付けませんでした: ${error instanceof PfCallError ? error.code : "error"}`,
    });
    throw refusal;
  }
  const at = deps.now().toISOString();
  await deps.store.transaction(async (tx) => {
    await tx.webRegistrations.complete(session.idHash, at, result.outcome);
    await auditSystem(tx, session.insurerId, "web", at, requestId, {
      action: "web_registration.completed",
      target: result.accountId,
      detail: `保険者サイトでの利用者登録（${result.outcome}）`,
    });
  });
  return { outcome: result.outcome, linkStatus: result.linkStatus };
}

/** What the person is told when the PF refuses, in plain Japanese, by the PF's code. */
const PERSON_MESSAGES: Record<string, string> = {
  certificate_revoked:
    "このカードの署名用電子証明書は失効しています。お住まいの市区町村の窓口で電子証明書の再発行を受けてから、もう一度登録してください。",
  certificate_expired:
    "署名用電子証明書の有効期限が切れています。お住まいの市区町村の窓口で更新してから、もう一度登録してください。",
  certificate_not_yet_valid: "このカードの電子証明書はまだ使えません。",
  certificate_unknown_issuer:
    "マイナンバーカードの電子証明書を確認できませんでした。このカードでは登録できません。",
  certificate_wrong_type:
    "マイナンバーカードの電子証明書を確認できませんでした。このカードでは登録できません。",
  certificate_pair_mismatch:
    "マイナンバーカードの電子証明書を確認できませんでした。このカードでは登録できません。",
  certificate_malformed: "カードから読み取った内容を確認できませんでした。もう一度お試しください。",
  certificate_not_der: "カードから読み取った内容を確認できませんでした。もう一度お試しください。",
  signature_invalid: "カードによる署名を確認できませんでした。もう一度はじめからお試しください。",
  card_genuineness_failed: "カードを確認できませんでした。もう一度はじめからお試しください。",
  challenge_expired: "時間切れになりました。もう一度はじめからお試しください。",
  challenge_used: "この読み取りは既に使われました。もう一度はじめからお試しください。",
  challenge_unknown: "時間切れになりました。もう一度はじめからお試しください。",
  consent_required: "同意いただけないと登録できません。",
  validation_failed: "カードから読み取った内容を確認できませんでした。もう一度お試しください。",
  base64_not_canonical: "カードから読み取った内容を確認できませんでした。もう一度お試しください。",
};

function refusalOf(error: unknown) {
  if (error instanceof PfCallError && !error.unreachable && error.permanent) {
    return fail(
      "registration_refused",
      PERSON_MESSAGES[error.code] ?? "登録できませんでした。窓口にお問い合わせください。",
      {
        pfCode: error.code,
      },
    );
  }
  return fail("pf_unavailable");
}
