/**
 * @module A reception terminal's key in a Node test: what the terminal's firmware bridge does in the field
 * (`firmware-shims/src/bridge/create-terminal-assertion.ts`) — an ES256 `X-Terminal-Assertion` bound to one
 * method and path — so tests can call the PF double, or an institution's backend, as a terminal would.
 */
import { randomUUID } from "node:crypto";
import { TERMINAL_ASSERTION_AUDIENCE } from "@catv/contracts";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";

export interface TestTerminal {
  terminalId: string;
  publicJwk: JWK;
  /** An assertion for one request; `iat` may be moved (seconds) to make a stale one. */
  assert(htm: string, htu: string, options?: { iatOffsetSeconds?: number }): Promise<string>;
}

export async function makeTestTerminal(terminalId: string): Promise<TestTerminal> {
  const { privateKey, publicKey } = await generateKeyPair("ES256");
  const publicJwk = await exportJWK(publicKey);
  return {
    terminalId,
    publicJwk,
    assert: (htm, htu, options = {}) =>
      new SignJWT({ htm, htu })
        .setProtectedHeader({ alg: "ES256", typ: "terminal+jwt", kid: terminalId })
        .setIssuer(terminalId)
        .setAudience(TERMINAL_ASSERTION_AUDIENCE)
        .setIssuedAt(Math.floor(Date.now() / 1000) + (options.iatOffsetSeconds ?? 0))
        .setJti(randomUUID())
        .sign(privateKey),
  };
}
