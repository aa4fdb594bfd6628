/**
 * @module Login (参考２－３): with the 4-digit PIN (user-authentication key over a PF `login` challenge), or
 * PIN-less (かざし利用: the certificate and the card's CVC read without a PIN, then the 券面事項確認AP's proof over a
 * fresh PF challenge, which the PF accepts only from the card bound to the viewer).
 */

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
  bindCard = false,
): Promise<TokenResponse> {
  const challenge = await deps.pf.createChallenge(purpose);
  const signed = await deps.card.signLogin(pin, base64ToBytes(challenge.toBeSigned), { bindCard });
  const tokens = await redeem({
    challengeId: challenge.challengeId,
    authenticationCertificate: bytesToBase64(signed.authenticationCertificate),
    signature: bytesToBase64(signed.signature),
    ...(signed.cardVerifiableCertificate && signed.cardSignature
      ? {
          cardKeyProof: {
            cardVerifiableCertificate: bytesToBase64(signed.cardVerifiableCertificate),
            signature: bytesToBase64(signed.cardSignature),
          },
        }
      : {}),
  });
  deps.pf.setSession(tokens);
  return tokens;
}

/**
 * PIN login. `bindCard`: also bind this card for PIN-less use (after the PF refused a PIN-less login because no
 * card, or another one, is bound to the viewer: one PIN login fixes that).
 */
export const logInWithPin = (deps: Deps, pin: string, options: { bindCard?: boolean } = {}) =>
  signChallengeWithPin(deps, "login", pin, (answer) => deps.pf.loginWithPin(answer), options.bindCard);

export async function logInPinless(deps: Deps): Promise<TokenResponse> {
  const card = await deps.card.readPinlessStart();
  const cardVerifiableCertificate = bytesToBase64(card.cardVerifiableCertificate);
  // The PF checks the certificate's revocation and that this CVC is the viewer's bound card, and only then
  // answers with the birth-date key it recorded at registration.
  const start = await deps.pf.startPinless({
    authenticationCertificate: bytesToBase64(card.authenticationCertificate),
    cardVerifiableCertificate,
  });
  const proof = await deps.card.provePinless(start.birthDateKey, base64ToBytes(start.challenge));
  const tokens = await deps.pf.finishPinless({
    challengeId: start.challengeId,
    dateOfBirthRecord: bytesToBase64(proof.dateOfBirthRecord),
    cardVerifiableCertificate,
    signature: bytesToBase64(proof.signature),
  });
  deps.pf.setSession(tokens);
  return tokens;
}

/** PIN-less session → PIN-level session, for an action that costs money (the PF enforces, we just ask). */
export const stepUpSession = (deps: Deps, pin: string): Promise<TokenResponse> =>
  signChallengeWithPin(deps, "step-up", pin, (answer) => deps.pf.stepUp(answer));
