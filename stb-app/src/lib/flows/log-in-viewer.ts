/**
 * @module Login (参考２－３): with the 4-digit PIN (user-authentication key over a PF `login` challenge), or
 * PIN-less (かざし利用: certificate read without PIN + the 券面事項確認AP's proof over a fresh PF challenge).
 */

import { sha256DigestInfo } from "@catv/firmware-shims/digest-info";
import { base64ToBytes, bytesToBase64 } from "../card/base64.ts";
import type { CardPort } from "../card/card-port.ts";
import type { PfClient, PinLoginRequest, TokenResponse } from "../pf/pf-client.ts";

type Deps = { card: CardPort; pf: PfClient };

/**
 * The PIN flows' common part: a PF challenge for `purpose`, signed with the user-authentication key after the PIN,
 * redeemed at the PF by `redeem` (login or step-up); the new session replaces the current one.
 */
async function signChallengeWithPin(
  deps: Deps,
  purpose: "login" | "step-up",
  pin: string,
  redeem: (answer: PinLoginRequest) => Promise<TokenResponse>,
): Promise<TokenResponse> {
  const challenge = await deps.pf.createChallenge(purpose);
  const certificate = await deps.card.readAuthenticationCertificate();
  const signature = await deps.card.signWithPin(
    pin,
    await sha256DigestInfo(base64ToBytes(challenge.toBeSigned)),
  );
  const tokens = await redeem({
    challengeId: challenge.challengeId,
    authenticationCertificate: bytesToBase64(certificate),
    signature: bytesToBase64(signature),
  });
  deps.pf.setSession(tokens);
  return tokens;
}

export const logInWithPin = (deps: Deps, pin: string): Promise<TokenResponse> =>
  signChallengeWithPin(deps, "login", pin, (answer) => deps.pf.loginWithPin(answer));

export async function logInPinless(deps: Deps): Promise<TokenResponse> {
  const certificate = await deps.card.readAuthenticationCertificate();
  // The PF checks revocation of this certificate and answers with the birth-date key it recorded at registration.
  const start = await deps.pf.startPinless(bytesToBase64(certificate));
  const proof = await deps.card.provePinless(
    start.birthDateKey,
    await sha256DigestInfo(base64ToBytes(start.challenge)),
  );
  const tokens = await deps.pf.finishPinless({
    challengeId: start.challengeId,
    dateOfBirthRecord: bytesToBase64(proof.dateOfBirthRecord),
    cardVerifiableCertificate: bytesToBase64(proof.cardVerifiableCertificate),
    signature: bytesToBase64(proof.signature),
  });
  deps.pf.setSession(tokens);
  return tokens;
}

/** PIN-less session → PIN-level session, for an action that costs money (the PF enforces, we just ask). */
export const stepUpSession = (deps: Deps, pin: string): Promise<TokenResponse> =>
  signChallengeWithPin(deps, "step-up", pin, (answer) => deps.pf.stepUp(answer));
