/**
 * @module The console's calls to the PF's operator API (`/v1/operator`, Bearer = the operator's apiKey), with the
 * request and response bodies checked against the shared contracts.
 */
import {
  assistedRegistrationResponseSchema,
  feeStatementSchema,
  operatorSessionsResponseSchema,
  type SettlementRequest,
  settlementResponseSchema,
} from "@catv/contracts";
import type { z } from "zod";
import { ConsoleError } from "../errors.ts";

export type FeeStatement = z.infer<typeof feeStatementSchema>;
export type OperatorSessions = z.infer<typeof operatorSessionsResponseSchema>["sessions"];

export interface PfClient {
  setHouseholdLink(apiKey: string, cableId: string, status: "linked" | "pending"): Promise<void>;
  openAssistedRegistration(
    apiKey: string,
    body: { terminalId: string; contractId: string; memberId: string },
  ): Promise<{ registrationSessionId: string; expiresAt: string }>;
  sendSettlement(
    apiKey: string,
    idempotencyKey: string,
    body: SettlementRequest,
  ): Promise<{ settlementId: string }>;
  getFeeStatement(apiKey: string, month: string): Promise<FeeStatement>;
  /** The operator's newest viewer sessions, each with its source: the STB's reader or the viewer's phone. */
  listSessions(apiKey: string): Promise<OperatorSessions>;
}

async function call(
  baseUrl: string,
  apiKey: string,
  method: string,
  path: string,
  init: { body?: unknown; headers?: Record<string, string> } = {},
) {
  let response: Response;
  try {
    response = await fetch(new URL(`/v1/operator${path}`, baseUrl), {
      method,
      headers: {
        authorization: `Bearer ${apiKey}`,
        accept: "application/json",
        ...(init.body === undefined ? {} : { "content-type": "application/json" }),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new ConsoleError("pf_unavailable", undefined, { cause: (error as Error).message });
  }
  const text = await response.text();
  if (!response.ok) {
    let code = `http_${response.status}`;
    try {
      code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? code;
    } catch {
      // Not JSON (a proxy's page, say): the status is all we have.
    }
    throw new ConsoleError(
      response.status >= 500 ? "pf_unavailable" : "pf_rejected",
      `共通的PFがエラーを返しました（${code}）。`,
      { pfStatus: response.status, pfCode: code },
    );
  }
  return text ? (JSON.parse(text) as unknown) : undefined;
}

export function createPfClient(baseUrl: string): PfClient {
  return {
    async setHouseholdLink(apiKey, cableId, status) {
      await call(baseUrl, apiKey, "PUT", `/cable-ids/${encodeURIComponent(cableId)}/household-link`, {
        body: { status },
      });
    },
    async openAssistedRegistration(apiKey, body) {
      return assistedRegistrationResponseSchema.parse(
        await call(baseUrl, apiKey, "POST", "/assisted-registrations", { body }),
      );
    },
    async sendSettlement(apiKey, idempotencyKey, body) {
      return settlementResponseSchema.parse(
        await call(baseUrl, apiKey, "POST", "/settlements", {
          body,
          headers: { "idempotency-key": idempotencyKey },
        }),
      );
    },
    async getFeeStatement(apiKey, month) {
      return feeStatementSchema.parse(await call(baseUrl, apiKey, "GET", `/fee-statements/${month}`));
    },
    async listSessions(apiKey) {
      return operatorSessionsResponseSchema.parse(await call(baseUrl, apiKey, "GET", "/sessions")).sessions;
    },
  };
}
