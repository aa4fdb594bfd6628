/**
 * @module The staff side: login and logout, the reception desk's screen (its live panel and the event stream that
 * refreshes it), and 顧客管理 — the search, a patient's record, and asking the PF whether an insurer has linked a
 * patient since. Every route calls domain functions only.
 */
import { getConnInfo } from "@hono/node-server/conninfo";
import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import type { HospitalDeps } from "../domain/deps.ts";
import { logInStaff } from "../domain/log-in-staff.ts";
import { logOutStaff } from "../domain/log-out-staff.ts";
import { refreshRegistrationStatus } from "../domain/refresh-registration-status.ts";
import { searchPatients } from "../domain/search-patients.ts";
import { showDesk } from "../domain/show-desk.ts";
import { showPatientRecord } from "../domain/show-patient-record.ts";
import { CodedError } from "../errors.ts";
import { deskPage, deskPanel } from "../views/desk-views.ts";
import { loginPage } from "../views/login-view.ts";
import { recordPage, recordsSearchPage } from "../views/record-views.ts";
import type { DeskEvents } from "./desk-events.ts";
import type { HospitalEnv } from "./env.ts";
import { clearSessionCookie, requireStaff, setSessionCookie } from "./session.ts";

export interface StaffRouteOptions {
  deps: HospitalDeps;
  events: DeskEvents;
  deskScript: () => Promise<string>;
}

/**
 * The address the login limit counts against: the connection's own. An `X-Forwarded-For` header is the client's to
 * write, so a new value on each try would be a fresh address budget each time.
 */
function clientAddress(c: Parameters<typeof getConnInfo>[0]): string {
  try {
    return getConnInfo(c).remote.address ?? "local";
  } catch {
    return "local"; // app.request() in tests has no socket
  }
}

/** Where a login may send the browser next: a path of this site only. */
const safeNext = (next: unknown) =>
  typeof next === "string" && /^\/(?!\/)[A-Za-z0-9/_-]*$/.test(next) ? next : "/desk";

export function staffRoutes(options: StaffRouteOptions) {
  const { deps } = options;
  const institutionName = deps.institution.name;
  const app = new Hono<HospitalEnv>();
  const staffOnly = requireStaff(deps);
  const frame = (c: {
    get(key: "staff"): { displayName: string };
    get(key: "session"): { csrfToken: string };
  }) => ({
    institutionName,
    staff: { displayName: c.get("staff").displayName, csrfToken: c.get("session").csrfToken },
  });
  const actor = (c: { get(key: "staff"): { loginId: string }; get(key: "requestId"): string }) => ({
    loginId: c.get("staff").loginId,
    requestId: c.get("requestId"),
  });

  app.get("/", (c) => c.redirect("/desk", 303));
  app.get("/login", (c) => c.html(loginPage({ institutionName, next: safeNext(c.req.query("next")) })));
  app.post("/login", async (c) => {
    const form = await c.req.parseBody();
    const loginId = typeof form.loginId === "string" ? form.loginId.trim() : "";
    const password = typeof form.password === "string" ? form.password : "";
    const next = safeNext(form.next);
    try {
      const { token } = await logInStaff(deps, {
        loginId,
        password,
        clientAddress: clientAddress(c),
        requestId: c.get("requestId"),
      });
      setSessionCookie(c, token);
      return c.redirect(next, 303);
    } catch (error) {
      if (!(error instanceof CodedError)) throw error;
      return c.html(loginPage({ institutionName, next, error: error.message, loginId }), error.status);
    }
  });
  app.post("/logout", staffOnly, async (c) => {
    await logOutStaff(deps, c.get("session"), c.get("staff"), c.get("requestId"));
    clearSessionCookie(c);
    return c.redirect("/login", 303);
  });

  app.get("/desk", staffOnly, async (c) =>
    c.html(deskPage(await showDesk(deps), { ...frame(c), script: await options.deskScript() })),
  );
  app.get("/desk/panel", staffOnly, async (c) => c.html(deskPanel(await showDesk(deps))));
  app.get("/desk/events", staffOnly, (c) =>
    streamSSE(c, async (stream) => {
      let wake: (() => void) | undefined;
      let pending = false;
      const unsubscribe = options.events.subscribe(() => {
        pending = true;
        wake?.();
      });
      stream.onAbort(() => {
        unsubscribe();
        wake?.();
      });
      await stream.writeSSE({ event: "ready", data: "{}" });
      while (!stream.aborted) {
        if (!pending) await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        if (stream.aborted) break;
        pending = false;
        await stream.writeSSE({ event: "changed", data: "{}" });
      }
      unsubscribe();
    }),
  );

  app.get("/records", staffOnly, async (c) => {
    const text = c.req.query("q")?.slice(0, 100) || undefined;
    const birthDateQuery = c.req.query("birthDate");
    const birthDate =
      birthDateQuery && /^\d{4}-\d{2}-\d{2}$/.test(birthDateQuery) ? birthDateQuery : undefined;
    const found = await searchPatients(deps, { text, birthDate }, actor(c));
    return c.html(recordsSearchPage(frame(c), { text, birthDate }, found));
  });
  app.get("/records/:patientNumber", staffOnly, async (c) =>
    c.html(recordPage(frame(c), await showPatientRecord(deps, c.req.param("patientNumber"), actor(c)))),
  );
  app.post("/records/:patientNumber/registration-status", staffOnly, async (c) => {
    const patientNumber = c.req.param("patientNumber");
    const status = await refreshRegistrationStatus(deps, patientNumber, actor(c));
    return c.html(recordPage(frame(c), await showPatientRecord(deps, patientNumber, actor(c)), status));
  });
  return app;
}
