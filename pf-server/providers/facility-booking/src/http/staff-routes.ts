/**
 * @module The staff pages (職員ページ), behind HTTP Basic in app.ts: the day view with closing and reopening slots,
 * the fee reconciliation, the audit trail, and JSON twins of the first two. A form is accepted only from the staff
 * page itself (same origin), since the browser would send the Basic credentials with a forged one too.
 */

import { addDays, jstDate } from "@catv/contracts/calendar";
import { CodedError } from "@catv/service-kit";
import { type Context, Hono } from "hono";
import { buildStaffReport } from "../domain/build-staff-report.ts";
import { COUNTER_SERVICE } from "../domain/channels.ts";
import { closeSlot } from "../domain/close-slot.ts";
import type { FacilityDeps } from "../domain/deps.ts";
import { listDayBookings } from "../domain/list-day-bookings.ts";
import { reopenSlot } from "../domain/reopen-slot.ts";
import { bookingRules } from "../domain/rules.ts";
import type { StaffContext } from "../domain/staff-actions.ts";
import { fail } from "../errors.ts";
import { auditPage } from "./staff-audit-page.ts";
import { type DayPageState, dayPage } from "./staff-day-page.ts";
import { reportPage } from "./staff-report-page.ts";

type Env = { Variables: { requestId: string } };

const AUDIT_PAGE_SIZE = 200;

export function staffRoutes(deps: FacilityDeps, staffLoginId: string) {
  const app = new Hono<Env>();
  const report = () => buildStaffReport(deps.store, (serviceId) => serviceId !== COUNTER_SERVICE);
  const who = (c: Context<Env>): StaffContext => ({ staff: staffLoginId, requestId: c.get("requestId") });
  const actionable = () => {
    const today = jstDate(deps.now());
    return { from: today, to: addDays(today, bookingRules.bookableDaysAhead) };
  };
  const dayOf = (c: Context<Env>) => ({
    date: c.req.query("date") || jstDate(deps.now()),
    town: c.req.query("town") || null,
  });

  app.use("*", async function sameOriginForms(c, next) {
    if (c.req.method === "POST") {
      const sameOrigin =
        c.req.header("origin") === new URL(c.req.url).origin ||
        c.req.header("sec-fetch-site") === "same-origin";
      if (!sameOrigin) throw fail("forbidden", "職員ページ以外からの操作は受け付けません。");
    }
    await next();
  });

  app.get("/report.json", async (c) => c.json(await report()));
  app.get("/", async (c) => c.html(reportPage(await report())));

  app.get("/bookings.json", async (c) => {
    const { date, town } = dayOf(c);
    return c.json(await listDayBookings(deps, date, town));
  });

  app.get("/bookings", async (c) => {
    const { date, town } = dayOf(c);
    const done = c.req.query("done");
    const state: DayPageState = { actionable: actionable() };
    if (done === "closed" || done === "reopened") {
      state.done = { kind: done, keptBookingId: c.req.query("kept") || null };
    }
    return c.html(dayPage(await listDayBookings(deps, date, town), state));
  });

  /** Runs a slot action from a form; on a refusal, the day page again with the reason and the code's status. */
  const slotAction =
    (
      run: (
        c: Context<Env>,
        form: Record<string, string>,
      ) => Promise<{ kind: "closed" | "reopened"; kept?: string | null }>,
    ) =>
    async (c: Context<Env>) => {
      const body = await c.req.parseBody();
      const form = Object.fromEntries(
        Object.entries(body).map(([k, v]) => [k, typeof v === "string" ? v : ""]),
      ) as Record<string, string>;
      const date = form.date ?? "";
      const town = form.town || null;
      try {
        const result = await run(c, form);
        const params = new URLSearchParams({ date, done: result.kind });
        if (town) params.set("town", town);
        if (result.kept) params.set("kept", result.kept);
        return c.redirect(`/staff/bookings?${params}#${encodeURIComponent(form.facilityId ?? "")}`, 303);
      } catch (error) {
        if (!(error instanceof CodedError)) throw error;
        let day: Awaited<ReturnType<typeof listDayBookings>>;
        try {
          day = await listDayBookings(deps, date, town);
        } catch {
          day = await listDayBookings(deps, jstDate(deps.now()), null);
        }
        return c.html(dayPage(day, { actionable: actionable(), error: error.message }), error.status);
      }
    };

  app.post(
    "/slots/close",
    slotAction(async (c, form) => {
      const { keptBookingId } = await closeSlot(deps, who(c), {
        facilityId: form.facilityId ?? "",
        date: form.date ?? "",
        slotCode: form.slotCode ?? "",
        reason: form.reason ?? "",
        noticeToBooked: form.noticeToBooked ?? "",
      });
      return { kind: "closed", kept: keptBookingId };
    }),
  );

  app.post(
    "/slots/reopen",
    slotAction(async (c, form) => {
      await reopenSlot(deps, who(c), {
        facilityId: form.facilityId ?? "",
        date: form.date ?? "",
        slotCode: form.slotCode ?? "",
      });
      return { kind: "reopened" };
    }),
  );

  app.get("/audit", async (c) => {
    const towns = await deps.store.facilities.listTowns();
    const facilities = (
      await Promise.all(towns.map((t) => deps.store.facilities.listFacilities(t.code)))
    ).flat();
    const names = new Map(
      facilities.flatMap((f) => [
        [f.id, `${f.townName} ${f.name}`] as const,
        ...f.slots.map((s) => [`${f.id}/${s.code}`, `${s.label}（${s.startsAt}〜${s.endsAt}）`] as const),
      ]),
    );
    return c.html(auditPage(await deps.store.staffAudit.latest(AUDIT_PAGE_SIZE), names));
  });

  return app;
}
