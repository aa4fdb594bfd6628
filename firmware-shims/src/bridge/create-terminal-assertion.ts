/**
 * @module The `X-Terminal-Assertion` the STB firmware puts on every PF request (pf-server contracts, tv-api.ts):
 * a compact JWS, header `{alg:"ES256", typ:"terminal+jwt", kid:<terminalId>}`, claims `{iss:<terminalId>,
 * aud:"catv-pf", htm, htu, iat, jti}` — bound to one method and path, like a DPoP proof (RFC 9449 §4.2).
 */
import { TERMINAL_ASSERTION_AUDIENCE } from "@catv/contracts";
import { SignJWT } from "jose";
import type { TerminalIdentity } from "./terminal-identity.ts";

export async function createTerminalAssertion(
  identity: TerminalIdentity,
  request: { htm: string; htu: string },
  now: Date = new Date(),
): Promise<string> {
  if (!/^[A-Z]{3,7}$/.test(request.htm)) throw new RangeError("htm must be an upper-case HTTP method");
  if (!request.htu.startsWith("/")) throw new RangeError("htu must be the request's path and query");
  return new SignJWT({ htm: request.htm, htu: request.htu })
    .setProtectedHeader({ alg: "ES256", typ: "terminal+jwt", kid: identity.terminalId })
    .setIssuer(identity.terminalId)
    .setAudience(TERMINAL_ASSERTION_AUDIENCE)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setJti(crypto.randomUUID())
    .sign(identity.privateKey);
}
