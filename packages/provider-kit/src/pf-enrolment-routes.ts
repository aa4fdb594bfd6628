/**
 * @module What the PF itself calls on every provider (provider-api.ts), with the viewer's assertion:
 * `POST /enrolments` and `DELETE /enrolments/{pairwiseId}`. Mount it under `/pf`, behind `requirePfAssertion`.
 */
import { type PfAssertionClaims, providerEnrolmentRequestSchema } from "@catv/contracts";
import { parseInput, readJsonBody } from "@catv/service-kit";
import { Hono } from "hono";
import type { EnrolmentInput, EnrolmentResult } from "./enrolment.ts";
import { kitFail } from "./provider-errors.ts";

export interface PfEnrolmentHandlers {
  enrol: (input: EnrolmentInput) => Promise<EnrolmentResult>;
  unenrol: (pairwiseId: string) => Promise<void>;
}

/**
 * @example app.route("/pf", pfEnrolmentRoutes({ enrol: (input) => enrolUser(deps, input), unenrol: … }));
 */
export function pfEnrolmentRoutes(handlers: PfEnrolmentHandlers) {
  const app = new Hono<{ Variables: { assertion: PfAssertionClaims; requestId: string } }>();

  app.post("/enrolments", async (c) => {
    const body = parseInput(providerEnrolmentRequestSchema, await readJsonBody(c));
    const result = await handlers.enrol({
      pairwiseId: c.get("assertion").sub,
      serviceId: body.serviceId,
      consent: body.consent,
    });
    return c.json({ providerUserId: result.providerUserId }, result.created ? 201 : 200);
  });

  app.delete("/enrolments/:pairwiseId", async (c) => {
    // The assertion names the viewer; it may only end its own enrolment.
    if (c.req.param("pairwiseId") !== c.get("assertion").sub) {
      throw kitFail("forbidden", "The assertion is for another viewer.");
    }
    await handlers.unenrol(c.get("assertion").sub);
    return c.body(null, 204);
  });

  return app;
}
