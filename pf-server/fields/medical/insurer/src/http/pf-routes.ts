/**
 * @module What the PF calls, per insurer at its own base path `/insurers/<insurerId>` (docs/demo-credentials.md):
 * - `POST …/pf/eligibility` — the 資格確認データ受付サーバ (eligibility.ts): the request is the PF's assertion alone
 *   (`Authorization: Bearer`), verified against the PF's JWKS — issuer the PF, audience this insurer (an assertion
 *   for another insurer is refused even at the right key), the contract's claims, at most two minutes old, its `jti`
 *   never seen before (the used IDs are kept in the database, so a restart forgets none) — then answered from the
 *   被保険者DB;
 * - `POST …/pf/events` — the `account.*` events (Standard Webhooks, signed with this insurer's secret).
 * Every refusal answers the JSON error body with its own code, and is audited under the insurer addressed, by code
 * only.
 */
import { type EligibilityAssertionClaims, eligibilityAssertionClaimsSchema } from "@catv/contracts";
import {
  type AssertionVerifier,
  createAssertionVerifier,
  kitFail,
  verifierEventsHandler,
} from "@catv/provider-kit";
import type { Logger, ReplayStore } from "@catv/service-kit";
import { Hono } from "hono";
import { createRemoteJWKSet, type JWTVerifyGetKey } from "jose";
import { answerEligibility } from "../domain/answer-eligibility.ts";
import type { Deps } from "../domain/ports.ts";
import { receivePfEvent, receiveUnknownPfEvent } from "../domain/receive-pf-event.ts";
import { fail } from "../errors.ts";
import type { InsurerEnv } from "./env.ts";

/** An eligibility assertion lives a minute (eligibility.ts); one issued longer ago than this is refused. */
const MAX_ASSERTION_AGE_SECONDS = 120;

export interface PfRoutesOptions {
  deps: Deps;
  /** The service's logger (JSON lines, no personal data). */
  logger: Logger;
  pfUrl: string;
  insurerIds: string[];
  replayStore: ReplayStore;
  /** The PF's signing keys; its JWKS unless a test passes another source. */
  keys?: JWTVerifyGetKey;
}

export function pfRoutes(options: PfRoutesOptions) {
  const issuer = options.pfUrl.replace(/\/+$/, "");
  // One key set for all insurers: fetched once, cached, refetched on an unknown kid (jose).
  const keys =
    options.keys ??
    createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`), { cacheMaxAge: 10 * 60_000 });
  const verifiers = new Map<string, AssertionVerifier<EligibilityAssertionClaims>>(
    options.insurerIds.map((insurerId) => [
      insurerId,
      createAssertionVerifier<EligibilityAssertionClaims>({
        pfUrl: options.pfUrl,
        providerId: insurerId,
        keys,
        replayStore: options.replayStore,
        claimsSchema: eligibilityAssertionClaimsSchema,
        maxAgeSeconds: MAX_ASSERTION_AGE_SECONDS,
      }),
    ]),
  );

  const routes = new Hono<InsurerEnv>();

  routes.post("/insurers/:insurerId/pf/eligibility", async (c) => {
    const deps = c.get("deps");
    const insurerId = c.req.param("insurerId");
    const verify = verifiers.get(insurerId);
    const insurer = verify && (await deps.store.insurers.get(insurerId));
    if (!verify || !insurer) throw fail("insurer_unknown");
    const match = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "");
    if (!match) throw kitFail("assertion_missing");
    const claims = await verify(match[1]!);
    const answer = await answerEligibility(deps, insurer, claims);
    deps.logger.info("eligibility answered", {
      insurerId,
      requestId: c.get("requestId"),
      status: answer.processingResult.status,
      validity: answer.qualificationValidity ?? null,
    });
    return c.json(answer);
  });

  routes.post(
    "/insurers/:insurerId/pf/events",
    verifierEventsHandler({
      webhookSecret: (c) => {
        const insurerId = c.req.param("insurerId") ?? "";
        return verifiers.has(insurerId) ? options.deps.secrets(insurerId)?.webhookSecret : undefined;
      },
      now: options.deps.now,
      logger: options.logger,
      accept: (c, event, raw) =>
        receivePfEvent(options.deps, c.req.param("insurerId") ?? "", event, raw, c.get("requestId") ?? "-"),
      acceptUnknown: (c, id, type, raw) =>
        receiveUnknownPfEvent(options.deps, c.req.param("insurerId") ?? "", id, type, raw),
    }),
  );

  return routes;
}
