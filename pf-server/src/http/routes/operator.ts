/**
 * @module The operator API (operator-api.ts): assisted registration, household links, settlements and the PF
 * usage-fee statement. `Authorization: Bearer <operator API key>`.
 */

import {
  assistedRegistrationRequestSchema,
  assistedRegistrationResponseSchema,
  cableIdSchema,
  feeStatementSchema,
  householdLinkRequestSchema,
  operatorSessionsResponseSchema,
  settlementRequestSchema,
  settlementResponseSchema,
  yearMonthSchema,
} from "@catv/contracts";
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { computeFeeStatement, feeStatementCsv } from "../../domain/compute-fee-statement.ts";
import { listOperatorSessions } from "../../domain/list-operator-sessions.ts";
import { openAssistedRegistration, updateHouseholdLink } from "../../domain/operator-actions.ts";
import { relaySettlement } from "../../domain/relay-settlement.ts";
import type { PfEnv } from "../env.ts";
import { exampleOf } from "../examples.ts";
import { operatorAuth } from "../middleware/bearer-auth.ts";
import { auditAs, errorResponses, jsonBody, jsonResponse, send } from "../openapi.ts";

const TAG = "Operator";
const security = [{ operatorKey: [] }];
export const idempotencyKeySchema = z
  .string()
  .min(8)
  .max(200)
  .regex(/^[\x21-\x7e]+$/);

export function operatorRoutes() {
  const app = new OpenAPIHono<PfEnv>();

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/operator/sessions",
      tags: [TAG],
      summary: "The newest viewer sessions and their source (STB reader or phone)",
      description:
        "Up to 200 of this operator's sessions, newest first: cable ID, STB terminal, `acr`, and `source` — `phone` for a " +
        "login or step-up made with the viewer's phone (`urn:catv:acr:pin-phone`), `stb-reader` otherwise.",
      security,
      middleware: [operatorAuth] as const,
      responses: {
        200: jsonResponse(operatorSessionsResponseSchema, "The sessions."),
        ...errorResponses("unauthorized"),
      },
    }),
    async (c) =>
      send(c, operatorSessionsResponseSchema, {
        sessions: await listOperatorSessions(c.get("ctx"), c.get("operator").id),
      }),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/operator/assisted-registrations",
      tags: [TAG],
      summary: "Open an assisted registration on a household's STB",
      description:
        "The next registration on that terminal (within 30 minutes) is linked to the household member; the `cable_id.registered` event carries `assisted`.",
      security,
      middleware: [auditAs("registration.assisted"), operatorAuth] as const,
      request: jsonBody(assistedRegistrationRequestSchema),
      responses: {
        201: jsonResponse(assistedRegistrationResponseSchema, "Opened."),
        ...errorResponses("unauthorized", "not_found"),
      },
    }),
    async (c) =>
      send(
        c,
        assistedRegistrationResponseSchema,
        await openAssistedRegistration(
          c.get("ctx"),
          { requestId: c.get("requestId") },
          c.get("operator"),
          c.req.valid("json"),
        ),
        201,
      ),
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/v1/operator/cable-ids/{cableId}/household-link",
      tags: [TAG],
      summary: "Record whether a cable ID is linked to a household contract",
      security,
      middleware: [operatorAuth] as const,
      request: { params: z.object({ cableId: cableIdSchema }), ...jsonBody(householdLinkRequestSchema) },
      responses: { 204: { description: "Recorded." }, ...errorResponses("unauthorized", "not_found") },
    }),
    async (c) => {
      await updateHouseholdLink(
        c.get("ctx"),
        { requestId: c.get("requestId") },
        c.get("operator"),
        c.req.valid("param").cableId,
        c.req.valid("json").status,
      );
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/operator/settlements",
      tags: [TAG],
      summary: "Send one provider's monthly settlement (代行回収の精算)",
      description:
        "Relayed to the provider as `settlement.issued`, mapped to its own references and pairwise IDs. Idempotent by `Idempotency-Key`.",
      security,
      middleware: [auditAs("settlement"), operatorAuth] as const,
      request: {
        headers: z.object({ "idempotency-key": idempotencyKeySchema }),
        ...jsonBody(settlementRequestSchema),
      },
      responses: {
        202: jsonResponse(settlementResponseSchema, "Accepted."),
        ...errorResponses("unauthorized", "not_found", "idempotency_conflict", "payload_too_large"),
      },
    }),
    async (c) =>
      send(
        c,
        settlementResponseSchema,
        await relaySettlement(
          c.get("ctx"),
          { requestId: c.get("requestId") },
          c.get("operator"),
          c.req.valid("header")["idempotency-key"],
          c.req.valid("json"),
        ),
        202,
      ),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/operator/fee-statements/{month}",
      tags: [TAG],
      summary: "The PF usage-fee statement (共通的PF利用料) for a month",
      description:
        "JSON by default; `?format=csv` gives CSV (UTF-8). A month not over yet (JST) is answered with the counts so far, `provisional: true` and `asOf`; it is final (`provisional: false`) once the month has ended.",
      security,
      middleware: [operatorAuth] as const,
      request: {
        params: z.object({ month: yearMonthSchema }),
        query: z.object({ format: z.enum(["json", "csv"]).optional() }),
      },
      responses: {
        200: {
          content: {
            "application/json": { schema: feeStatementSchema, example: exampleOf(feeStatementSchema) },
            "text/csv": { schema: z.string() },
          },
          description: "The statement.",
        },
        ...errorResponses("unauthorized"),
      },
    }),
    async (c) => {
      const statement = await computeFeeStatement(
        c.get("ctx"),
        c.get("operator").id,
        c.req.valid("param").month,
      );
      if (c.req.valid("query").format === "csv") {
        c.header(
          "content-disposition",
          `attachment; filename="pf-fees-${statement.operatorId}-${statement.month}.csv"`,
        );
        return c.body(feeStatementCsv(statement), 200, { "content-type": "text/csv; charset=utf-8" });
      }
      return send(c, feeStatementSchema, statement);
    },
  );
  return app;
}
