import { errorBodySchema } from "@catv/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeBackend, type ImitatedRoute, startFakeBackend } from "./fake-backend.ts";

let backend: FakeBackend;
beforeAll(async () => {
  backend = await startFakeBackend();
});
afterAll(() => backend.close());

const calls: { route: ImitatedRoute; status: number; body: unknown }[] = [];

function routeOf(method: string, path: string): ImitatedRoute | undefined {
  const proxied = path.match(/^\/v1\/services\/([^/]+)\/api(\/[^?]*)/);
  return backend.routes.find((r) => {
    if (r.method !== method) return false;
    if (r.service) return proxied?.[1] === r.service && r.path.test(proxied[2]!);
    return r.path.test(path.split("?")[0]!);
  });
}

async function call(method: ImitatedRoute["method"], path: string, body?: unknown) {
  const res = await fetch(`${backend.url}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  const parsed: unknown = text ? JSON.parse(text) : null;
  const route = routeOf(method, path);
  if (route) calls.push({ route, status: res.status, body: parsed });
  return { status: res.status, body: parsed as Record<string, unknown> };
}

describe("the TV app's fake backend, held to the contracts", () => {
  it("answers every route it imitates with a body its contract schema parses", async () => {
    await call("GET", "/v1/portal");
    await call("POST", "/v1/challenges", { purpose: "registration" });
    const registered = await call("POST", "/v1/registrations", {});
    await call("POST", "/v1/registrations/status", { receipt: registered.body.receipt });
    await call("POST", "/v1/pinless/start", {});
    await call("POST", "/v1/pinless/sessions", {});
    await call("POST", "/v1/sessions/step-up", {});
    await call("POST", "/v1/sessions/refresh", {});
    await call("POST", "/v1/sessions", {});
    await call("GET", "/v1/me");
    await call("POST", "/v1/services/facility-booking/enrolment", {});
    await call("POST", "/v1/services/healthcare/enrolment", {});
    const facility = "/v1/services/facility-booking/api";
    await call("GET", `${facility}/towns`);
    await call("GET", `${facility}/towns/nanto/facilities`);
    await call("GET", `${facility}/facilities/nanto-gym/availability?from=2026-12-01&days=7`);
    await call("GET", `${facility}/booking-terms?facilityId=nanto-gym&date=2026-12-02&slotCode=am`);
    const booked = await call("POST", `${facility}/bookings`, {
      facilityId: "nanto-gym",
      date: "2026-12-02",
      slotCode: "am",
    });
    await call("GET", `${facility}/bookings`);
    await call("POST", `${facility}/bookings/${booked.body.bookingId}/cancel`);
    const health = "/v1/services/healthcare/api";
    await call("GET", `${health}/summary`);
    await call("GET", `${health}/trends/systolicBp`);
    await call("GET", `${health}/trends/waistCm`);
    await call("GET", `${health}/steps?months=6`);
    await call("GET", `${health}/notices`);
    const phone = await call("POST", "/v1/cross-device-requests", { purpose: "login", terminalLabel: "TV" });
    await call("POST", `/v1/cross-device-requests/${phone.body.requestId}/poll`);
    await call("POST", "/v1/sessions/current/cross-device-step-up", { terminalLabel: "TV" });
    await call("DELETE", `/v1/cross-device-requests/${phone.body.requestId}`);
    await call("DELETE", "/v1/sessions/current");

    for (const { route, status, body } of calls) {
      expect(status, `${route.method} ${route.path}`).toBeLessThan(300);
      if (route.schema)
        expect(route.schema.safeParse(body).error, `${route.method} ${route.path}`).toBeUndefined();
      else expect(body).toBeNull();
    }
    const called = new Set(calls.map((c) => c.route));
    expect(backend.routes.filter((r) => !called.has(r)).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it("answers a viewer route without a session with the PF's error body", async () => {
    await call("DELETE", "/v1/sessions/current");
    const res = await call("GET", "/v1/me");
    expect(res.status).toBe(401);
    expect(errorBodySchema.parse(res.body).error.code).toBe("session_expired");
  });

  it("answers a failure it was told to make with the PF's error body", async () => {
    backend.failNext("/v1/pinless/start", "certificate_revoked", 401);
    const res = await call("POST", "/v1/pinless/start", {});
    expect(res.status).toBe(401);
    expect(errorBodySchema.parse(res.body).error.code).toBe("certificate_revoked");
  });

  it("answers a paid booking without a PIN-level session as the PF relays the provider's step-up", async () => {
    await call("POST", "/v1/pinless/sessions", {});
    const res = await call("POST", "/v1/services/facility-booking/api/bookings", {
      facilityId: "nanto-gym",
      date: "2026-12-03",
      slotCode: "pm",
    });
    expect(res.status).toBe(403);
    expect(errorBodySchema.parse(res.body).error.code).toBe("step_up_required");
  });
});
