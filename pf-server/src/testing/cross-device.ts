/**
 * @module Test helpers for cross-device requests: the TV asks and polls with its terminal key, the phone calls the
 * phone routes without one, and a card image answers the challenge as the phone's NFC read would.
 */
import type { CardImage } from "@catv/jpki/card-image";
import { cardKeyProof, cardSign, consent, type Harness, type TestTerminal } from "./pf-harness.ts";

export interface CrossDeviceStart {
  requestId: string;
  userCode: string;
  verificationUriComplete: string;
  expiresAt: string;
}
export interface Confirmed {
  requestId: string;
  phoneToken: string;
  toBeSigned: string;
}

export async function startCrossDevice(
  h: Harness,
  terminal: TestTerminal,
  purpose: "login" | "registration" = "login",
): Promise<CrossDeviceStart> {
  const res = await h.call(terminal, "POST", "/v1/cross-device-requests", {
    purpose,
    terminalLabel: "リビングのテレビ",
  });
  if (res.status !== 201) throw new Error(`cross-device request failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as CrossDeviceStart;
}

export const phoneCall = async (h: Harness, path: string, body: unknown): Promise<Response> =>
  h.app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

export async function confirmOnPhone(h: Harness, userCode: string, phoneToken?: string): Promise<Confirmed> {
  const res = await phoneCall(h, "/v1/cross-device/confirm", { userCode, phoneToken });
  if (res.status !== 200) throw new Error(`confirm failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as Confirmed;
}

/** The phone's login answer: the user-authentication key of `card` (or `signWith`) over the confirmed challenge. */
export function loginAnswer(confirmed: Confirmed, card: CardImage, signWith: CardImage = card) {
  return {
    purpose: "login",
    requestId: confirmed.requestId,
    phoneToken: confirmed.phoneToken,
    authenticationCertificate: card.jpki.authCertificate,
    signature: cardSign(signWith.jpki.authPrivateKey, Buffer.from(confirmed.toBeSigned, "base64")),
  };
}

export function registrationAnswer(confirmed: Confirmed, card: CardImage) {
  const toBeSigned = Buffer.from(confirmed.toBeSigned, "base64");
  return {
    purpose: "registration",
    requestId: confirmed.requestId,
    phoneToken: confirmed.phoneToken,
    signatureCertificate: card.jpki.signCertificate,
    authenticationCertificate: card.jpki.authCertificate,
    signature: cardSign(card.jpki.signPrivateKey, toBeSigned),
    cardKeyProof: cardKeyProof(card, toBeSigned),
    consent: consent(),
  };
}

export const poll = (h: Harness, terminal: TestTerminal, requestId: string) =>
  h.call(terminal, "POST", `/v1/cross-device-requests/${requestId}/poll`);
