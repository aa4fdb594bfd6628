/**
 * @module The healthcare provider's HTTP app: `/health`, PF events (signed webhooks), and everything else behind
 * the PF assertion — enrolment under `/pf`, the TV app's read-only API at the root. PIN-less is enough for all
 * of it: nothing here costs money (the PF still decides whether the service opens PIN-less).
 */
import { type PfAssertionClaims, stepsQuerySchema } from "@catv/contracts";
import { jstMonth } from "@catv/contracts/calendar";
import {
  type AssertionVerifier,
  type BaseAppOptions,
  createBaseApp,
  pfEnrolmentRoutes,
  pfEventsHandler,
  requirePfAssertion,
  type StaffLogin,
} from "@catv/provider-kit";
import { type Logger, parseInput } from "@catv/service-kit";
import { basicAuth } from "hono/basic-auth";
import { type HealthDeps, UNKNOWN_OPERATOR } from "../domain/deps.ts";
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
import { staffRoutes } from "./staff-routes.ts";

export interface HealthcareAppOptions {
  deps: HealthDeps;
  /** The staff page's login (HTTP Basic). */
  staff: StaffLogin;
  verifyAssertion: AssertionVerifier;
  webhookSecret: string;
  logger: Logger;
  /** How a storage failure becomes a coded error (on PostgreSQL: a lost connection → `service_unavailable`). */
  translateError?: BaseAppOptions["translateError"];
}

export function createHealthcareApp(options: HealthcareAppOptions) {
  const { deps, logger } = options;
  const app = createBaseApp<{ assertion: PfAssertionClaims }>("healthcare", logger, {
    ...(options.translateError ? { translateError: options.translateError } : {}),
  });

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

  const staffAuth = basicAuth({
    username: options.staff.loginId,
    password: options.staff.password,
    realm: "healthcare-staff",
  });
  app.use("/staff", staffAuth);
  app.use("/staff/*", staffAuth);
  app.route("/staff", staffRoutes(deps.store));

  app.use("*", requirePfAssertion(options.verifyAssertion));
  // Counts each successful read for the staff page: month and operator only, nothing about the viewer.
  app.use("*", async function countView(c, next) {
    await next();
    if (c.req.method !== "GET" || c.res.status !== 200) return;
    const user = await deps.store.users.findByPairwiseId(c.get("assertion").sub);
    if (user) await deps.store.usage.add(jstMonth(deps.now()), user.operatorId ?? UNKNOWN_OPERATOR, "view");
  });

  app.route(
    "/pf",
    pfEnrolmentRoutes({
      enrol: (input) => enrolUser(deps, input),
      unenrol: async (pairwiseId) => {
        await unenrolUser(deps, pairwiseId);
      },
    }),
  );

  app.get("/summary", async (c) => c.json(await getSummary(deps, c.get("assertion").sub)));
  app.get("/checkups", async (c) => c.json(await listCheckups(deps, c.get("assertion").sub)));
  app.get("/trends/:item", async (c) =>
    c.json(await getTrend(deps, c.get("assertion").sub, c.req.param("item"))),
  );
  app.get("/steps", async (c) => {
    const q = parseInput(stepsQuerySchema, c.req.query());
    return c.json(await listSteps(deps, c.get("assertion").sub, q.months));
  });
  app.get("/vaccinations", async (c) => c.json(await listVaccinations(deps, c.get("assertion").sub)));
  app.get("/notices", async (c) => c.json(await listNotices(deps, c.get("assertion").sub)));
  return app;
}
