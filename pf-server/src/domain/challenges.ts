/**
 * @module Challenge nonces in the manner of Web eID's challenge-nonce validation: random, single use, short
 * expiry, bound to the tenant, the terminal (none for a verifier's own registration page) and the purpose.
 * `answerChallenge` checks in a fixed order so each failure has its own code, and consumes the challenge
 * atomically (a second answer, even concurrent, gets `challenge_used`).
 */
import { randomBytes } from "node:crypto";
import type { ChallengePurpose } from "@catv/contracts";
import { addSeconds } from "../platform/clock.ts";
import { fail } from "../platform/errors.ts";
import { randomId } from "../platform/ids.ts";
import type { Challenge, SideEffects } from "../storage/repositories.ts";
import type { PfContext, TerminalScope } from "./context.ts";

/** Whom a challenge is issued to: a terminal of a tenant, or a verifier's own page (`terminalId` null). */
export interface ChallengeScope {
  tenantId: string;
  terminalId: string | null;
}

/**
 * The bytes the card signs (tv-api.ts challengeResponseSchema): the tenant in the operator's place, and `-` for
 * the terminal of a verifier's own registration page.
 */
export function toBeSigned(
  c: Pick<Challenge, "purpose" | "tenantId" | "terminalId" | "id" | "nonce">,
): Buffer {
  return Buffer.from(
    `CATV-PF\n${c.purpose}\n${c.tenantId}\n${c.terminalId ?? "-"}\n${c.id}\n${c.nonce}`,
    "utf8",
  );
}

export async function issueChallenge(
  ctx: PfContext,
  scope: ChallengeScope,
  purpose: ChallengePurpose,
  extra: Partial<Pick<Challenge, "personId" | "authSerialHex" | "registrationSessionId">> = {},
  effects?: SideEffects,
): Promise<Challenge> {
  const now = ctx.clock.now();
  const challenge: Challenge = {
    id: randomId("ch"),
    nonce: randomBytes(32).toString("base64url"),
    purpose,
    tenantId: scope.tenantId,
    terminalId: scope.terminalId,
    personId: extra.personId ?? null,
    authSerialHex: extra.authSerialHex ?? null,
    registrationSessionId: extra.registrationSessionId ?? null,
    expiresAt: addSeconds(now, ctx.challengeTtlSeconds).toISOString(),
    usedAt: null,
    createdAt: now.toISOString(),
  };
  await ctx.store.challenges.createChallenge(challenge, effects);
  return challenge;
}

/** The challenge a terminal asks for; a registration one picks up an open assisted registration of the terminal. */
export async function issueTerminalChallenge(
  ctx: PfContext,
  scope: TerminalScope,
  purpose: ChallengePurpose,
) {
  const assisted =
    purpose === "registration"
      ? await ctx.store.challenges.findOpenRegistrationSession(
          scope.terminalId,
          ctx.clock.now().toISOString(),
        )
      : undefined;
  return issueChallenge(ctx, scope, purpose, { registrationSessionId: assisted?.id ?? null });
}

export async function answerChallenge(
  ctx: PfContext,
  scope: ChallengeScope,
  challengeId: string,
  purpose: ChallengePurpose,
): Promise<Challenge> {
  const challenge = await ctx.store.challenges.getChallenge(challengeId);
  if (!challenge) throw fail("challenge_unknown");
  if (challenge.tenantId !== scope.tenantId) throw fail("challenge_wrong_operator");
  if (challenge.terminalId !== scope.terminalId) throw fail("challenge_wrong_terminal");
  if (challenge.purpose !== purpose) throw fail("challenge_wrong_purpose");
  if (challenge.usedAt) throw fail("challenge_used");
  const now = ctx.clock.now();
  if (new Date(challenge.expiresAt) <= now) throw fail("challenge_expired");
  if (!(await ctx.store.challenges.consumeChallenge(challenge.id, now.toISOString())))
    throw fail("challenge_used");
  return challenge;
}
