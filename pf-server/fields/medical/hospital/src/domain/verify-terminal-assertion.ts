/**
 * @module The hospital's own check of a reception terminal's assertion before it relays a call to the PF (or serves
 * a terminal route of its own): the terminal must be one of this institution's (its public key from the
 * institution's provisioning, docs/demo-credentials.md), the ES256 signature must verify, `typ`/`iss`/`aud` be
 * those of a terminal assertion (tv-api.ts), `htm`/`htu` must name exactly the call about to be made — so a page
 * cannot spend an assertion the bridge made for one PF route on another — and `iat` be within ±120 s, the PF's own
 * window. The PF checks all this again and keeps the `jti` replay guard for relayed calls; this system keeps one for
 * the calls it answers itself. A terminal of another hospital is refused here, before anything reaches the PF.
 */
import { TERMINAL_ASSERTION_AUDIENCE } from "@catv/contracts";
import type { ReceptionRoute } from "@catv/reception-kit";
import { MemoryReplayStore, type ReplayStore } from "@catv/service-kit";
import { decodeProtectedHeader, importJWK, type JWK, jwtVerify } from "jose";
import { fail } from "../errors.ts";

const MAX_SKEW_SECONDS = 120;

export interface RegisteredTerminal {
  terminalId: string;
  siteId: string;
  publicJwk: JWK;
}

export class TerminalRegistry {
  readonly #terminals = new Map<string, RegisteredTerminal & { key: ReturnType<typeof importJWK> }>();
  /**
   * Where used `jti`s of the hospital's own terminal routes are kept: this process's memory, or (several instances
   * on PostgreSQL) a table every instance shares, so an assertion replayed to another instance is refused.
   */
  readonly replay: ReplayStore;

  constructor(terminals: RegisteredTerminal[], replay: ReplayStore = new MemoryReplayStore()) {
    this.replay = replay;
    for (const terminal of terminals) {
      this.#terminals.set(terminal.terminalId, {
        ...terminal,
        key: importJWK({ ...terminal.publicJwk, alg: "ES256" }, "ES256"),
      });
    }
  }

  get(terminalId: string) {
    return this.#terminals.get(terminalId);
  }

  ids(): string[] {
    return [...this.#terminals.keys()];
  }
}

/**
 * The terminal that made `assertion` for `route`, or a coded refusal. `consume` remembers the `jti` (for the
 * hospital's own terminal routes; relayed calls are guarded by the PF).
 */
export async function verifyTerminalAssertion(
  registry: TerminalRegistry,
  assertion: string | undefined,
  route: ReceptionRoute,
  now: Date,
  options: { consume?: boolean } = {},
): Promise<string> {
  if (!assertion) throw fail("terminal_assertion_missing");
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(assertion);
  } catch {
    throw fail("terminal_assertion_invalid");
  }
  if (header.alg !== "ES256" || header.typ !== "terminal+jwt" || typeof header.kid !== "string") {
    throw fail("terminal_assertion_invalid");
  }
  const terminal = registry.get(header.kid);
  if (!terminal) throw fail("terminal_unknown");
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(assertion, await terminal.key, {
      algorithms: ["ES256"],
      issuer: terminal.terminalId,
      audience: TERMINAL_ASSERTION_AUDIENCE,
      currentDate: now,
    }));
  } catch {
    throw fail("terminal_assertion_invalid");
  }
  const iat = typeof payload.iat === "number" ? payload.iat : Number.NaN;
  if (
    payload.htm !== route.method ||
    payload.htu !== route.path ||
    !(Math.abs(now.getTime() / 1000 - iat) <= MAX_SKEW_SECONDS) ||
    typeof payload.jti !== "string"
  ) {
    throw fail("terminal_assertion_invalid");
  }
  if (options.consume) {
    const fresh = await registry.replay.remember(
      `${terminal.terminalId}:${payload.jti}`,
      (iat + 2 * MAX_SKEW_SECONDS) * 1000,
      now.getTime(),
    );
    if (!fresh) throw fail("terminal_assertion_invalid", "The terminal assertion was used before.");
  }
  return terminal.terminalId;
}
