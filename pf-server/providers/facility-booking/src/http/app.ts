/**
 * @module The facility provider's HTTP app: `/health`, PF events (signed webhooks), the staff page (password),
 * and everything else behind the PF assertion — enrolment under `/pf`, the TV app's API at the root.
 */
import type { PfAssertionClaims } from "@catv/contracts";
import {
  type AssertionVerifier,
  type BaseAppOptions,
  createBaseApp,
  pfEnrolmentRoutes,
  pfEventsHandler,
  requirePfAssertion,
  type StaffLogin,
} from "@catv/provider-kit";
import type { Logger } from "@catv/service-kit";
import { basicAuth } from "hono/basic-auth";
import type { FacilityDeps } from "../domain/deps.ts";
import { enrolUser } from "../domain/enrol-user.ts";
import { receivePfEvent, receiveUnknownPfEvent } from "../domain/receive-pf-event.ts";
import { unenrolUser } from "../domain/unenrol-user.ts";
import { staffRoutes } from "./staff-routes.ts";
import { viewerRoutes } from "./viewer-routes.ts";

export interface FacilityAppOptions {
  deps: FacilityDeps;
  verifyAssertion: AssertionVerifier;
  webhookSecret: string;
  /** The staff pages' login (HTTP Basic). */
  staff: StaffLogin;
  logger: Logger;
  /** How a storage failure becomes a coded error (on PostgreSQL: a lost connection → `service_unavailable`). */
  translateError?: BaseAppOptions["translateError"];
  /** Called when a usage report was queued, so it is sent now rather than at the next timer tick. */
  onUsageQueued?: () => void;
}

export function createFacilityApp(options: FacilityAppOptions) {
  const { deps, logger } = options;
  const kick = options.onUsageQueued ?? (() => {});
  const app = createBaseApp<{ assertion: PfAssertionClaims }>("facility", logger, {
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
    realm: "facility-staff",
  });
  app.use("/staff", staffAuth);
  app.use("/staff/*", staffAuth);
  app.route("/staff", staffRoutes(deps, options.staff.loginId));

  app.use("*", requirePfAssertion(options.verifyAssertion));
  app.route(
    "/pf",
    pfEnrolmentRoutes({
      enrol: (input) => enrolUser(deps, input),
      // Cancelling future bookings may refund fees: send those reversals now.
      unenrol: async (pairwiseId) => {
        if ((await unenrolUser(deps, pairwiseId)).cancelledBookings > 0) kick();
      },
    }),
  );
  app.route("/", viewerRoutes(deps, kick));
  return app;
}
