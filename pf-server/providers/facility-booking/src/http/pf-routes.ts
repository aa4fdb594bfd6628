/**
 * @module What the PF itself calls (provider-api.ts): enrolment and unenrolment with the viewer's assertion.
 * Events arrive at `/pf/events` (app.ts), authenticated by their webhook signature instead.
 */
import { type PfAssertionClaims, providerEnrolmentRequestSchema } from "@catv/pf-server/contracts";
import { Hono } from "hono";
import type { FacilityDeps } from "../domain/deps.ts";
import { enrolUser } from "../domain/enrol-user.ts";
import { unenrolUser } from "../domain/unenrol-user.ts";
import { fail } from "../errors.ts";
import { parseInput, readJsonBody } from "../pf-kit/index.ts";

type Env = { Variables: { assertion: PfAssertionClaims; requestId: string } };

export function pfRoutes(deps: FacilityDeps, onUsageQueued: () => void) {
  const app = new Hono<Env>();

  app.post("/enrolments", async (c) => {
    const body = parseInput(providerEnrolmentRequestSchema, await readJsonBody(c));
    const claims = c.get("assertion");
    const result = enrolUser(deps, {
      pairwiseId: claims.sub,
      serviceId: body.serviceId,
      consent: body.consent,
    });
    return c.json({ providerUserId: result.providerUserId }, result.created ? 201 : 200);
  });

  app.delete("/enrolments/:pairwiseId", (c) => {
    // The assertion names the viewer; it may only end its own enrolment.
    if (c.req.param("pairwiseId") !== c.get("assertion").sub) {
      throw fail("forbidden", "The assertion is for another viewer.");
    }
    const result = unenrolUser(deps, c.get("assertion").sub);
    if (result.cancelledBookings > 0) onUsageQueued();
    return c.body(null, 204);
  });

  return app;
}
