/**
 * @module The API the TV app reaches through the PF proxy (`/v1/services/facility-booking/api/<path>`): every
 * request carries the PF's assertion, already verified by the middleware in app.ts.
 */
import {
  availabilityQuerySchema,
  bookingRequestSchema,
  bookingsQuerySchema,
  bookingTermsQuerySchema,
  type PfAssertionClaims,
} from "@catv/contracts";
import { addDays, jstDate } from "@catv/contracts/calendar";
import { parseInput, readJsonBody } from "@catv/service-kit";
import { Hono } from "hono";
import { bookFacility } from "../domain/book-facility.ts";
import { viewBooking } from "../domain/booking-view.ts";
import { cancelBooking } from "../domain/cancel-booking.ts";
import { type FacilityDeps, requireUser } from "../domain/deps.ts";
import { getAvailability } from "../domain/get-availability.ts";
import { listMyBookings } from "../domain/list-my-bookings.ts";
import { quoteBookingTerms } from "../domain/quote-booking-terms.ts";
import { bookingRules } from "../domain/rules.ts";
import { fail } from "../errors.ts";
import { facilityView } from "./views.ts";

type Env = { Variables: { assertion: PfAssertionClaims; requestId: string } };

export function viewerRoutes(deps: FacilityDeps, onUsageQueued: () => void) {
  const app = new Hono<Env>();

  app.get("/rules", (c) => c.json({ ...bookingRules, pinRequiredFor: ["有料施設の予約"] }));

  app.get("/towns", async (c) => c.json({ towns: await deps.store.facilities.listTowns() }));

  app.get("/towns/:townCode/facilities", async (c) => {
    const list = await deps.store.facilities.listFacilities(c.req.param("townCode"));
    if (
      list.length === 0 &&
      !(await deps.store.facilities.listTowns()).some((t) => t.code === c.req.param("townCode"))
    ) {
      throw fail("not_found", "その市町村はありません。");
    }
    return c.json({ facilities: list.map(facilityView) });
  });

  app.get("/facilities/:facilityId", async (c) => {
    const facility = await deps.store.facilities.getFacility(c.req.param("facilityId"));
    if (!facility) throw fail("not_found", "その施設はありません。");
    return c.json(facilityView(facility));
  });

  app.get("/facilities/:facilityId/availability", async (c) => {
    const q = parseInput(availabilityQuerySchema, c.req.query());
    const from = q.from ?? addDays(jstDate(deps.now()), bookingRules.earliestDaysAhead);
    return c.json(
      await getAvailability(deps, c.get("assertion").sub, c.req.param("facilityId"), from, q.days),
    );
  });

  app.get("/booking-terms", async (c) =>
    c.json(await quoteBookingTerms(deps, parseInput(bookingTermsQuerySchema, c.req.query()))),
  );

  app.post("/bookings", async (c) => {
    const input = parseInput(bookingRequestSchema, await readJsonBody(c));
    const view = await bookFacility(deps, c.get("assertion"), input);
    if (view.feeYen > 0) onUsageQueued();
    return c.json(view, 201);
  });

  app.get("/bookings", async (c) => {
    const q = parseInput(bookingsQuerySchema, c.req.query());
    return c.json({ bookings: await listMyBookings(deps, c.get("assertion").sub, q.scope) });
  });

  app.get("/bookings/:bookingId", async (c) => {
    const user = await requireUser(deps.store.users, c.get("assertion").sub);
    const booking = await deps.store.bookings.get(c.req.param("bookingId"));
    if (!booking || booking.userId !== user.id) throw fail("not_found", "その予約はありません。");
    return c.json(await viewBooking(deps.store, booking, deps.now()));
  });

  app.post("/bookings/:bookingId/cancel", async (c) => {
    const view = await cancelBooking(deps, c.get("assertion").sub, c.req.param("bookingId"));
    if (view.feeOutcome === "refunded") onUsageQueued();
    return c.json(view);
  });

  return app;
}
