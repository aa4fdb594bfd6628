/**
 * @module The provider API (provider-api.ts): usage reports. `Authorization: Bearer <provider API key>`.
 */

import { usageReportRequestSchema, usageReportResponseSchema } from "@catv/contracts";
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { recordUsage } from "../../domain/record-usage.ts";
import type { PfEnv } from "../env.ts";
import { providerAuth } from "../middleware/bearer-auth.ts";
import { auditAs, errorResponses, jsonBody, jsonResponse, send } from "../openapi.ts";
import { idempotencyKeySchema } from "./operator.ts";

export function providerRoutes() {
  const app = new OpenAPIHono<PfEnv>();
  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/provider/usage",
      tags: ["Provider"],
      summary: "Report chargeable usage for a viewer",
      description:
        "Mapped from the pairwise ID to the viewer's operator and delivered as `usage.reported`. Same `Idempotency-Key` and body → the same answer; " +
        "same key with another body, or a second charge with the same `providerReference` → `idempotency_conflict`.",
      security: [{ providerKey: [] }],
      middleware: [auditAs("usage"), providerAuth] as const,
      request: {
        headers: z.object({ "idempotency-key": idempotencyKeySchema }),
        ...jsonBody(usageReportRequestSchema),
      },
      responses: {
        202: jsonResponse(usageReportResponseSchema, "Accepted."),
        ...errorResponses("unauthorized", "not_found", "service_unknown", "idempotency_conflict"),
      },
    }),
    async (c) =>
      send(
        c,
        usageReportResponseSchema,
        await recordUsage(
          c.get("ctx"),
          { requestId: c.get("requestId") },
          c.get("provider"),
          c.req.valid("header")["idempotency-key"],
          c.req.valid("json"),
        ),
        202,
      ),
  );
  return app;
}
