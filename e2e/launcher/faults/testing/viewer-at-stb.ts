/**
 * @module A viewer at a set-top box, for fault tests against a running system: a card issued by the running J-LIS
 * simulator (its card image, `cards/<cardId>.json`), held in the emulated My Number card and signed through the
 * firmware's JPKI card client (the same card-side flows as the STB and the phone), and the STB's terminal assertion
 * made with the terminal key from the demo credentials — everything over real HTTP to whichever PF URL is given.
 */
import { readFile } from "node:fs/promises";
import { TERMINAL_ASSERTION_HEADER } from "@catv/contracts";
import { VirtualContactlessReader } from "@catv/firmware-shims/contactless-reader";
import { JpkiCardClient, signLoginChallenge, signRegistrationChallenge } from "@catv/firmware-shims/driver";
import { EmulatedMyNumberCard } from "@catv/firmware-shims/emulated-card";
import { createTerminalAssertion } from "@catv/firmware-shims/terminal-assertion";
import { loadTerminalIdentity, type TerminalIdentity } from "@catv/firmware-shims/terminal-identity";
import type { CardImage } from "@catv/jpki/card-image";

export type { TerminalIdentity };

/** The STB's terminal identity from the demo credentials (`operators[].terminals[]`). */
export const terminalOf = loadTerminalIdentity;

/** An `X-Terminal-Assertion` for one request (a fresh jti each time). */
export const assertionFor = (terminal: TerminalIdentity, method: string, path: string) =>
  createTerminalAssertion(terminal, { htm: method, htu: path });

export interface PfCall {
  /** Sent as is (a replay test sends one assertion twice); a fresh one for the method and path otherwise. */
  assertion?: string;
  bearer?: string;
}

/** One STB request to the PF at `pfUrl` (the proxy or one instance): a POST with `body`, a GET without. */
export async function callPf(
  pfUrl: string,
  terminal: TerminalIdentity,
  path: string,
  body?: unknown,
  options: PfCall = {},
): Promise<Response> {
  const method = body === undefined ? "GET" : "POST";
  const headers: Record<string, string> = {
    [TERMINAL_ASSERTION_HEADER]: options.assertion ?? (await assertionFor(terminal, method, path)),
  };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  return fetch(`${pfUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** The stable error code of a refusal (`{error:{code}}`), or `status <n>` when the body has none. */
export async function errorCodeOf(response: Response): Promise<string> {
  const body = (await response.json().catch(() => ({}))) as { error?: { code?: string } };
  return body.error?.code ?? `status ${response.status}`;
}

export interface IssuedCard {
  residentId: string;
  image: CardImage;
}

/** Issues a card at the running J-LIS simulator (its administrator API) and reads the card image it wrote. */
export async function issueCard(
  jlisUrl: string,
  jlisAdminToken: string,
  resident: { name: string; address: string; town: string },
): Promise<IssuedCard> {
  const response = await fetch(`${jlisUrl}/admin/residents`, {
    method: "POST",
    headers: { authorization: `Bearer ${jlisAdminToken}`, "content-type": "application/json" },
    body: JSON.stringify({
      ...resident,
      birthDate: "1980-02-17",
      gender: "1",
      authPin: "1234",
      signPassword: "TESTPASS1",
    }),
  });
  if (response.status !== 201) throw new Error(`J-LIS issuance answered ${response.status}`);
  const issued = (await response.json()) as { resident: { id: string }; cardImagePath: string };
  return {
    residentId: issued.resident.id,
    image: JSON.parse(await readFile(issued.cardImagePath, "utf8")) as CardImage,
  };
}

/** The card held to the reader: the firmware's JPKI card client over an emulated card with this image. */
export async function cardAtReader(image: CardImage): Promise<JpkiCardClient> {
  const reader = new VirtualContactlessReader();
  reader.touch(new EmulatedMyNumberCard(image));
  return JpkiCardClient.connect(reader);
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

interface Challenge {
  challengeId: string;
  toBeSigned: string;
}

/** `POST /v1/challenges`; throws with the answer's code unless it is 201. */
export async function takeChallenge(
  pfUrl: string,
  terminal: TerminalIdentity,
  purpose: "registration" | "login",
): Promise<Challenge> {
  const response = await callPf(pfUrl, terminal, "/v1/challenges", { purpose });
  if (response.status !== 201) throw new ChallengeRefused(response.status, await errorCodeOf(response));
  return (await response.json()) as Challenge;
}

export class ChallengeRefused extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string) {
    super(`challenge refused: ${status} ${code}`);
    this.status = status;
    this.code = code;
  }
}

/** The registration body for a challenge: the signature key's signature and the card-binding proof. */
export async function registrationBody(image: CardImage, challenge: Challenge) {
  const signed = await signRegistrationChallenge(await cardAtReader(image), {
    toBeSigned: Buffer.from(challenge.toBeSigned, "base64"),
    signPassword: image.jpki.signPassword,
  });
  return {
    challengeId: challenge.challengeId,
    signatureCertificate: base64(signed.signatureCertificate),
    authenticationCertificate: base64(signed.authenticationCertificate),
    signature: base64(signed.signature),
    cardKeyProof: {
      cardVerifiableCertificate: base64(signed.cardVerifiableCertificate),
      signature: base64(signed.cardSignature),
    },
    consent: { textVersion: "2026-04", acceptedAt: new Date().toISOString() },
  };
}

/** The PIN login body for a challenge: the user-authentication key's signature after the PIN. */
export async function pinLoginBody(image: CardImage, challenge: Challenge) {
  const signed = await signLoginChallenge(await cardAtReader(image), {
    toBeSigned: Buffer.from(challenge.toBeSigned, "base64"),
    pin: image.jpki.authPin,
  });
  return {
    challengeId: challenge.challengeId,
    authenticationCertificate: base64(signed.authenticationCertificate),
    signature: base64(signed.signature),
  };
}

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  cableId: string;
  acr: string;
}

/** The session ID an access token names (its `sid` claim; read, not verified — the PF verifies it). */
export function sessionIdOf(accessToken: string): string {
  const [, payload] = accessToken.split(".");
  return (JSON.parse(Buffer.from(payload ?? "", "base64url").toString("utf8")) as { sid: string }).sid;
}
