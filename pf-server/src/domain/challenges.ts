/**
 * @module Challenge nonces in the manner of Web eID's challenge-nonce validation: random, single use, short
 * expiry, bound to operator, terminal and purpose. `answerChallenge` checks in a fixed order so each failure has
 * its own code, and consumes the challenge atomically (a second answer, even concurrent, gets `challenge_used`).
 */
import { randomBytes } from "node:crypto";
import type { ChallengePurpose } from "@catv/contracts";
import { addSeconds } from "../platform/clock.ts";
import { fail } from "../platform/errors.ts";
import { randomId } from "../platform/ids.ts";
import type { Challenge, SideEffects } from "../storage/repositories.ts";
import type { PfContext, TerminalScope } from "./context.ts";

/** The bytes the card signs (tv-api.ts challengeResponseSchema). */
export function toBeSigned(
  c: Pick<Challenge, "purpose" | "operatorId" | "terminalId" | "id" | "nonce">,
): Buffer {
  return Buffer.from(`CATV-PF\n${c.purpose}\n${c.operatorId}\n${c.terminalId}\n${c.id}\n${c.nonce}`, "utf8");
}

export async function issueChallenge(
  ctx: PfContext,
  scope: TerminalScope,
  purpose: ChallengePurpose,
  extra: Partial<Pick<Challenge, "cableId" | "authSerialHex" | "registrationSessionId">> = {},
  effects?: SideEffects,
): Promise<Challenge> {
  const now = ctx.clock.now();
  const challenge: Challenge = {
    id: randomId("ch"),
    nonce: randomBytes(32).toString("base64url"),
    purpose,
    operatorId: scope.operatorId,
    terminalId: scope.terminalId,
    cableId: extra.cableId ?? null,
    authSerialHex: extra.authSerialHex ?? null,
    registrationSessionId: extra.registrationSessionId ?? null,
    expiresAt: addSeconds(now, ctx.challengeTtlSeconds).toISOString(),
    usedAt: null,
    createdAt: now.toISOString(),
  };
  await ctx.store.challenges.createChallenge(challenge, effects);
  return challenge;
}

/** The challenge the STB asks for; a registration one picks up an open assisted registration of the terminal. */
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
  scope: TerminalScope,
  challengeId: string,
  purpose: ChallengePurpose,
): Promise<Challenge> {
  const challenge = await ctx.store.challenges.getChallenge(challengeId);
  if (!challenge) throw fail("challenge_unknown");
  if (challenge.operatorId !== scope.operatorId) throw fail("challenge_wrong_operator");
  if (challenge.terminalId !== scope.terminalId) throw fail("challenge_wrong_terminal");
  if (challenge.purpose !== purpose) throw fail("challenge_wrong_purpose");
  if (challenge.usedAt) throw fail("challenge_used");
  const now = ctx.clock.now();
  if (new Date(challenge.expiresAt) <= now) throw fail("challenge_expired");
  if (!(await ctx.store.challenges.consumeChallenge(challenge.id, now.toISOString())))
    throw fail("challenge_used");
  return challenge;
}
