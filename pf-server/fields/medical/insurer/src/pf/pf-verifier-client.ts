/**
 * @module The insurer's calls to the PF's verifier API (verifier-api.ts), `Authorization: Bearer <the insurer's
 * API key>`, with request and answer bodies held to the contracts. A failure is a `PfCallError` whose status tells
 * the caller whether to retry (0: not reached; 5xx, 408, 429) or not (another 4xx), and whose code is the PF's.
 */
import {
  accountLinkRequestSchema,
  challengeResponseSchema,
  VERIFIER_API_PREFIX,
  verifierRegistrationChallengePath,
  verifierRegistrationRequestSchema,
  verifierRegistrationResponseSchema,
} from "@catv/contracts";
import { PfCallError } from "../domain/pf-call-error.ts";
import type { PfVerifierClient } from "../domain/ports.ts";

const TIMEOUT_MS = 10_000;

async function call(
  pfUrl: string,
  apiKey: string,
  method: "POST" | "PUT",
  path: string,
  body?: unknown,
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`${pfUrl.replace(/\/+$/, "")}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${apiKey}`,
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new PfCallError(0, (error as Error).name === "TimeoutError" ? "timeout" : "unreachable");
  }
  const text = await response.text();
  if (!response.ok) {
    let code = `http_${response.status}`;
    try {
      code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? code;
    } catch {
      // Not JSON (a proxy's error page): the status is all there is.
    }
    throw new PfCallError(response.status, code);
  }
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new PfCallError(502, "answer_not_json");
  }
}

/** Parses a PF answer with its contract; an answer outside it counts as the PF failing (retried later). */
function answer<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  json: unknown,
): T {
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new PfCallError(502, "answer_outside_contract");
  return parsed.data;
}

export function createPfVerifierClient(pfUrl: string): PfVerifierClient {
  return {
    async setLinkStatus(apiKey, accountId, status) {
      await call(
        pfUrl,
        apiKey,
        "PUT",
        `${VERIFIER_API_PREFIX}/accounts/${encodeURIComponent(accountId)}/link`,
        accountLinkRequestSchema.parse({ status }),
      );
    },
    async createRegistrationChallenge(apiKey) {
      const challenge = answer(
        challengeResponseSchema,
        await call(pfUrl, apiKey, "POST", verifierRegistrationChallengePath),
      );
      return {
        challengeId: challenge.challengeId,
        toBeSigned: challenge.toBeSigned,
        expiresAt: challenge.expiresAt,
      };
    },
    async submitRegistration(apiKey, body) {
      const request = verifierRegistrationRequestSchema.parse(body);
      return answer(
        verifierRegistrationResponseSchema,
        await call(pfUrl, apiKey, "POST", `${VERIFIER_API_PREFIX}/registrations`, request),
      );
    },
  };
}
