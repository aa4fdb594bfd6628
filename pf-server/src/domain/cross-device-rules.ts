/**
 * @module What every cross-device use case shares (RFC 8628 applied to the card read on a phone): the user code
 * (§6.1 alphabet, §5.1 entropy), its hash, the limiter of wrong codes per phone address (§5.1 rate limiting), and
 * the order in which a request's state is refused, so that each refusal has its own code.
 */
import { randomInt } from "node:crypto";
import {
  CROSS_DEVICE_MAX_FAILED_ANSWERS,
  USER_CODE_ALPHABET,
  USER_CODE_ATTEMPTS_PER_WINDOW,
  USER_CODE_LENGTH,
} from "@catv/contracts";
import { fail } from "../platform/errors.ts";
import { sha256Hex } from "../platform/ids.ts";
import type { FailureCounter, SharedRateLimits } from "../platform/shared-rate-limits.ts";
import type { CrossDeviceRequest } from "../storage/cross-device-repository.ts";
import type { PfContext, TerminalScope } from "./context.ts";

export { CROSS_DEVICE_MAX_FAILED_ANSWERS };

/** What the cross-device routes hand the use cases besides the PF context. */
export interface CrossDeviceDeps {
  /** The phone app's page (the QR code's target): `?code=` is appended for `verificationUriComplete`. */
  phoneAppUrl: string;
  /** Wrong user codes per phone address. */
  userCodeAttempts: AttemptLimiter;
}

/** 8 characters drawn uniformly (crypto `randomInt`, no modulo bias) from the 20-letter alphabet. */
export function newUserCode(): string {
  let code = "";
  for (let i = 0; i < USER_CODE_LENGTH; i++) code += USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)];
  return code;
}

/** `BCDFGHJK` → `BCDF-GHJK`: two groups of four are easier to compare between TV and phone. */
export const formatUserCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

/** Codes are stored hashed; the normalised form (upper case, letters only) is hashed. */
export const hashUserCode = (normalised: string) => sha256Hex(`cross-device-user-code:${normalised}`);

/**
 * Fixed windows of wrong user codes per key (the phone's address), from the first wrong one, counted in the PF's
 * database (`platform/shared-rate-limits.ts`) so a guesser balanced across PF instances gets one window: 10 wrong
 * codes per 10 minutes against 20^8 codes leaves a guesser about 1 in 10^8 per window even with a thousand
 * requests open at once.
 */
export class AttemptLimiter {
  readonly #counter: FailureCounter;
  readonly limit: number;
  readonly windowMs: number;
  constructor(limits: SharedRateLimits, limit = USER_CODE_ATTEMPTS_PER_WINDOW, windowMs = 10 * 60 * 1000) {
    this.limit = limit;
    this.windowMs = windowMs;
    this.#counter = limits.failures("cross-device-user-code", windowMs);
  }

  /** Refuses (`cross_device_too_many_attempts`) once the key has used up its window. */
  async check(key: string, nowMs: number): Promise<void> {
    const window = await this.#counter.window(key, nowMs);
    if (window && window.failures >= this.limit) {
      const retryAfterSeconds = Math.max(1, Math.ceil((window.endsAtMs - nowMs) / 1000));
      throw fail("cross_device_too_many_attempts", undefined, { retryAfterSeconds });
    }
  }

  async recordFailure(key: string, nowMs: number): Promise<void> {
    await this.#counter.record(key, nowMs);
  }
}

/**
 * The request's state in the order it is refused: closed by the TV, closed after failed answers, already used,
 * then past its time. An answered request is `used` for everyone but the TV that collects it.
 */
export function refuseClosedRequest(request: CrossDeviceRequest, now: Date): void {
  if (request.status === "cancelled") throw fail("cross_device_request_cancelled");
  if (request.status === "locked") throw fail("cross_device_request_locked");
  if (request.status === "answered" || request.status === "delivered")
    throw fail("cross_device_request_used");
  if (new Date(request.expiresAt) <= now) throw fail("cross_device_request_expired");
}

/**
 * The TV's scope, rebuilt from its stored request: the phone's calls are checked exactly as if the TV's own reader
 * had sent them — its owner, terminal and site. A terminal disabled or moved since the request was made ends it.
 */
export async function tvScopeOf(
  ctx: PfContext,
  request: Pick<CrossDeviceRequest, "operatorId" | "terminalId">,
  requestId: string,
): Promise<TerminalScope> {
  const terminal = await ctx.store.tenants.getTerminal(request.terminalId);
  const site = terminal && (await ctx.store.tenants.getSite(terminal.siteId));
  if (terminal?.status !== "active" || terminal.ownerId !== request.operatorId || !site)
    throw fail("terminal_unauthorized", "The TV that made this request is no longer active.");
  return {
    requestId,
    tenantId: terminal.ownerId,
    terminalId: terminal.id,
    siteId: site.id,
    siteKind: site.kind,
    channel: site.channel,
  };
}
