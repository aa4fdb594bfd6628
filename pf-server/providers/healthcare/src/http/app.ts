/**
 * @module The healthcare provider's HTTP app: `/health`, PF events (signed webhooks), and everything else behind
 * the PF assertion — enrolment under `/pf`, the TV app's read-only API at the root. PIN-less is enough for all
 * of it: nothing here costs money (the PF still decides whether the service opens PIN-less).
 */
import type { PfAssertionClaims } from "@catv/pf-server/contracts";
import { providerEnrolmentRequestSchema } from "@catv/pf-server/contracts";
import {
  type AssertionVerifier,
  createBaseApp,
  type Logger,
  parseInput,
  pfEventsHandler,
  readJsonBody,
  requirePfAssertion,
} from "@catv/provider-facility-booking/pf-kit";
import { z } from "zod";
import type { HealthDeps } from "../domain/deps.ts";
import { enrolUser } from "../domain/enrol-user.ts";
import {
  getSummary,
  getTrend,
  listCheckups,
  listNotices,
  listSteps,
  listVaccinations,
} from "../domain/read-health.ts";
import { receivePfEvent, receiveUnknownPfEvent } from "../domain/receive-pf-event.ts";
import { unenrolUser } from "../domain/unenrol-user.ts";
import { fail } from "../errors.ts";

export interface HealthcareAppOptions {
  deps: HealthDeps;
  verifyAssertion: AssertionVerifier;
  webhookSecret: string;
  logger: Logger;
}

const stepsQuerySchema = z.object({ months: z.coerce.number().int().min(1).max(24).default(12) });

export function createHealthcareApp(options: HealthcareAppOptions) {
  const { deps, logger } = options;
  const app = createBaseApp<{ assertion: PfAssertionClaims }>("healthcare", logger);

  app.post(
    "/pf/events",
    pfEventsHandler({
      webhookSecret: options.webhookSecret,
      now: deps.now,
      logger,
      accept: (event, raw) => receivePfEvent(deps, event, raw),
      acceptUnknown: (id, type, raw) => receiveUnknownPfEvent(deps, id, type, raw),
    }),
  );

  app.use("*", requirePfAssertion(options.verifyAssertion));

  app.post("/pf/enrolments", async (c) => {
    const body = parseInput(providerEnrolmentRequestSchema, await readJsonBody(c));
    const result = enrolUser(deps, {
      pairwiseId: c.get("assertion").sub,
      serviceId: body.serviceId,
      consent: body.consent,
    });
    return c.json({ providerUserId: result.providerUserId }, result.created ? 201 : 200);
  });
  app.delete("/pf/enrolments/:pairwiseId", (c) => {
    if (c.req.param("pairwiseId") !== c.get("assertion").sub)
      throw fail("forbidden", "The assertion is for another viewer.");
    unenrolUser(deps, c.get("assertion").sub);
    return c.body(null, 204);
  });

  app.get("/summary", (c) => c.json(getSummary(deps, c.get("assertion").sub)));
  app.get("/checkups", (c) => c.json(listCheckups(deps, c.get("assertion").sub)));
  app.get("/trends/:item", (c) => c.json(getTrend(deps, c.get("assertion").sub, c.req.param("item"))));
  app.get("/steps", (c) => {
    const q = parseInput(stepsQuerySchema, c.req.query());
    return c.json(listSteps(deps, c.get("assertion").sub, q.months));
  });
  app.get("/vaccinations", (c) => c.json(listVaccinations(deps, c.get("assertion").sub)));
  app.get("/notices", (c) => c.json(listNotices(deps, c.get("assertion").sub)));
  return app;
}
