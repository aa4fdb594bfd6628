/**
 * @module Viewers for a fault test, made the way an STB makes them, over HTTP against the running system: the
 * demo resident's card (the image the J-LIS simulator wrote under `$CATV_DATA_DIR/cards/`) signs a registration
 * challenge, the operator console links the new cable ID to the resident's household by its 4情報, a PIN login
 * gives a session, and the viewer enrols in the facility booking service (the PF asks the provider to create its
 * user). What an STB's firmware computes is computed here with the card's keys and the terminal's demo key.
 */
import { createPrivateKey, sign } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type CardImage, cardImageSchema } from "@catv/jpki/card-image";
import { importJWK, type JWK, SignJWT } from "jose";
import type { DemoTerminal } from "../demo-credentials.ts";

/** PKCS#1 v1.5 over SHA-256, what the card computes for `80 2A` with the named key. */
function cardSign(privateKeyPkcs8Base64: string, data: Uint8Array): string {
  const key = createPrivateKey({
    key: Buffer.from(privateKeyPkcs8Base64, "base64"),
    format: "der",
    type: "pkcs8",
  });
  return sign("sha256", data, key).toString("base64");
}

export function readCardImage(dataDir: string, residentKey: string): CardImage {
  return cardImageSchema.parse(
    JSON.parse(readFileSync(join(dataDir, "cards", `card-${residentKey}.json`), "utf8")),
  );
}

export class Stb {
  private readonly pfUrl: string;
  private readonly terminalId: string;
  private readonly key: CryptoKey | Uint8Array;

  private constructor(pfUrl: string, terminalId: string, key: CryptoKey | Uint8Array) {
    this.pfUrl = pfUrl;
    this.terminalId = terminalId;
    this.key = key;
  }

  static async of(pfUrl: string, terminal: DemoTerminal): Promise<Stb> {
    return new Stb(pfUrl, terminal.terminalId, await importJWK(terminal.privateJwk as JWK, "ES256"));
  }

  private async call(method: string, path: string, body: unknown, bearer?: string): Promise<unknown> {
    const assertion = await new SignJWT({ htm: method, htu: path })
      .setProtectedHeader({ alg: "ES256", typ: "terminal+jwt", kid: this.terminalId })
      .setIssuer(this.terminalId)
      .setAudience("catv-pf")
      .setIssuedAt()
      .setJti(crypto.randomUUID())
      .sign(this.key);
    const response = await fetch(`${this.pfUrl}${path}`, {
      method,
      headers: {
        "x-terminal-assertion": assertion,
        "content-type": "application/json",
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
    return JSON.parse(text);
  }

  private async challenge(purpose: "registration" | "login"): Promise<{ challengeId: string; data: Buffer }> {
    const ch = (await this.call("POST", "/v1/challenges", { purpose })) as {
      challengeId: string;
      toBeSigned: string;
    };
    return { challengeId: ch.challengeId, data: Buffer.from(ch.toBeSigned, "base64") };
  }

  /** 利用者登録 with the signature key and the card-binding proof; answers the new cable ID. */
  async register(card: CardImage): Promise<{ cableId: string; householdLink: string }> {
    const { challengeId, data } = await this.challenge("registration");
    return (await this.call("POST", "/v1/registrations", {
      challengeId,
      signatureCertificate: card.jpki.signCertificate,
      authenticationCertificate: card.jpki.authCertificate,
      signature: cardSign(card.jpki.signPrivateKey, data),
      cardKeyProof: {
        cardVerifiableCertificate: card.kenkaku.cardVerifiableCertificate,
        signature: cardSign(card.kenkaku.cardPrivateKey, data),
      },
      consent: { textVersion: "2026-04", acceptedAt: new Date().toISOString() },
    })) as { cableId: string; householdLink: string };
  }

  /** PIN login (user-authentication key); answers the access token. */
  async logIn(card: CardImage): Promise<string> {
    const { challengeId, data } = await this.challenge("login");
    const tokens = (await this.call("POST", "/v1/sessions", {
      challengeId,
      authenticationCertificate: card.jpki.authCertificate,
      signature: cardSign(card.jpki.authPrivateKey, data),
    })) as { accessToken: string };
    return tokens.accessToken;
  }

  /** サービス申込: the PF has the provider create its user for the viewer's pairwise ID. */
  async enrol(accessToken: string, serviceId: string): Promise<void> {
    await this.call(
      "POST",
      `/v1/services/${serviceId}/enrolment`,
      { consent: { textVersion: "2026-04", acceptedAt: new Date().toISOString() } },
      accessToken,
    );
  }
}
