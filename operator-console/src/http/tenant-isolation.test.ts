import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeMonth } from "../domain/close-month.ts";
import {
  type Browser,
  createHarness,
  deliver,
  type Harness,
  householdForm,
  loggedIn,
  registeredEvent,
  updatedEvent,
  usageEvent,
} from "../test-support/harness.ts";

// Operator B's resources, which operator A's administrator tries to reach on every route.
let h: Harness;
let a: Browser;
let b: Browser;
let bHousehold: number;
let bMember: string;
let bReview: number;
const bLinked = "EEEE-EEEE-EEEE-0001";
const bPending = "EEEE-EEEE-EEEE-0002";
const aPending = "EEEE-EEEE-EEEE-0003";

beforeAll(async () => {
  h = await createHarness();
  const household = await h.repos.households.getByContractId("op-b", "SZ-00001");
  bHousehold = household?.id ?? -1;
  bMember = household?.members[0]?.memberId ?? "";
  await deliver(
    h,
    registeredEvent(bLinked, {
      name: "小林 一郎",
      address: "長野県須坂市大字須坂1528番地1",
      dateOfBirth: "1965-08-30",
    }),
    { operator: "op-b" },
  );
  await deliver(
    h,
    registeredEvent(bPending, { name: "誰か 別人", address: "須坂市1", dateOfBirth: "1990-01-01" }),
    { operator: "op-b" },
  );
  await deliver(
    h,
    registeredEvent(aPending, { name: "誰か 別人", address: "南砺市1", dateOfBirth: "1990-01-01" }),
  );
  await deliver(
    h,
    updatedEvent(bLinked, { name: "小林 一郎", address: "須坂市墨坂1-1", dateOfBirth: "1965-08-30" }),
    { operator: "op-b" },
  );
  bReview = (await h.repos.cableIds.listReviews("op-b", true))[0]?.id ?? -1;
  await deliver(h, usageEvent("b-use-1", bLinked, 770, "2026-05-10T00:00:00.000Z"), { operator: "op-b" });
  await closeMonth(h.deps, h.actor("op-b"), "2026-05");
  a = await loggedIn(h, "a-admin");
  b = await loggedIn(h, "b-admin");
});
afterAll(() => h.close());

/** Every route that takes a resource from the URL or the form, with operator B's resource in it. */
interface Attempt {
  method: "GET" | "POST";
  route: string;
  path: string;
  form?: Record<string, string | string[]>;
}
const attempts = (): Attempt[] => [
  { method: "GET", route: "/households/:id{[0-9]+}", path: `/households/${bHousehold}` },
  { method: "GET", route: "/households/:id{[0-9]+}/edit", path: `/households/${bHousehold}/edit` },
  {
    method: "POST",
    route: "/households/:id{[0-9]+}",
    path: `/households/${bHousehold}`,
    form: householdForm({
      address: "乗っ取り",
      plan: "x",
      monthlyFeeYen: "1",
      members: [{ name: "x", birthDate: "2000-01-01", gender: "1" }],
    }),
  },
  { method: "POST", route: "/households/:id{[0-9]+}/close", path: `/households/${bHousehold}/close` },
  { method: "GET", route: "/linking/:cableId", path: `/linking/${bPending}` },
  {
    method: "POST",
    route: "/linking/:cableId/link",
    path: `/linking/${bPending}/link`,
    form: { memberId: bMember },
  },
  {
    method: "POST",
    route: "/linking/:cableId/link",
    path: `/linking/${aPending}/link`,
    form: { memberId: bMember },
  },
  {
    method: "POST",
    route: "/cable-ids/:cableId/unlink",
    path: `/cable-ids/${bLinked}/unlink`,
    form: { reason: "x" },
  },
  { method: "POST", route: "/reviews/:id{[0-9]+}/ack", path: `/reviews/${bReview}/ack` },
  { method: "GET", route: "/billing/:month", path: "/billing/2026-05" },
  { method: "POST", route: "/billing/:month/settlements/send", path: "/billing/2026-05/settlements/send" },
  {
    method: "GET",
    route: "/billing/:month/statements/:householdId{[0-9]+}",
    path: `/billing/2026-05/statements/${bHousehold}`,
  },
  { method: "GET", route: "/billing/:month/statements.csv", path: "/billing/2026-05/statements.csv" },
  { method: "GET", route: "/usage", path: `/usage?household=${bHousehold}` },
  {
    method: "POST",
    route: "/assisted",
    path: "/assisted",
    form: { memberId: bMember, terminalId: "stb-a-0001" },
  },
];

describe("tenant isolation", () => {
  it("answers 404 on every route that names another operator's resource", async () => {
    for (const attempt of attempts()) {
      const res =
        attempt.method === "GET" ? await a.get(attempt.path) : await a.post(attempt.path, attempt.form ?? {});
      expect({ path: attempt.path, status: res.status }).toEqual({ path: attempt.path, status: 404 });
    }
  });

  it("leaves the other operator's data unchanged after those attempts", async () => {
    const household = await h.repos.households.get("op-b", bHousehold);
    expect(household?.status).toBe("active");
    expect(household?.address).not.toBe("乗っ取り");
    expect((await h.repos.cableIds.get("op-b", bLinked))?.status).toBe("linked");
    expect((await h.repos.cableIds.get("op-b", bPending))?.status).toBe("pending");
    expect((await h.repos.cableIds.get("op-a", aPending))?.status).toBe("pending");
    expect((await h.repos.cableIds.getReview("op-b", bReview))?.reviewedAt).toBeNull();
    expect(h.pf.calls.some((c) => c.path === "/v1/operator/assisted-registrations")).toBe(false);
  });

  it("serves the same routes to the owning operator (so the 404s above are about tenancy)", async () => {
    for (const path of [
      `/households/${bHousehold}`,
      `/linking/${bPending}`,
      "/billing/2026-05",
      `/billing/2026-05/statements/${bHousehold}`,
      `/usage?household=${bHousehold}`,
    ]) {
      expect({ path, status: (await b.get(path)).status }).toEqual({ path, status: 200 });
    }
  });

  it("refuses an STB terminal of another operator for assisted registration", async () => {
    const own = await h.repos.households.getByContractId("op-a", "NT-00001");
    const res = await a.post("/assisted", {
      memberId: own?.members[0]?.memberId ?? "",
      terminalId: "stb-b-0001",
    });
    expect(res.status).toBe(400);
  });

  it("lists only the operator's own households, cable IDs, reviews, usage, audit entries and exports", async () => {
    const pages = await Promise.all(
      [
        "/households?q=SZ",
        "/cable-ids",
        "/linking",
        "/reviews",
        "/usage",
        "/audit",
        "/households/export.csv",
        "/",
        "/billing",
      ].map(async (p) => [p, await (await a.get(p)).text()] as const),
    );
    for (const [path, text] of pages) {
      expect({
        path,
        leaks:
          text.includes("SZ-0") ||
          text.includes("EEEE-EEEE-EEEE-0001") ||
          text.includes("EEEE-EEEE-EEEE-0002") ||
          text.includes("b-admin"),
      }).toEqual({ path, leaks: false });
    }
  });

  it("covers every staff route that takes a resource (a new route must be added above)", async () => {
    const covered = new Set(attempts().map((x) => `${x.method} ${x.route}`));
    const listOnly = new Set([
      "GET /",
      "GET /households",
      "GET /households/new",
      "POST /households",
      "GET /households/import",
      "POST /households/import",
      "POST /households/import/apply",
      "GET /households/export.csv",
      "GET /linking",
      "GET /cable-ids",
      "GET /reviews",
      "GET /assisted",
      // ログイン履歴: read from the PF with this operator's own API key (session-routes.test.ts).
      "GET /sessions",
      "GET /billing",
      "GET /billing/close",
      "POST /billing/close",
      "GET /pf-fees",
      "GET /audit",
      "GET /audit.csv",
      "GET /settings",
      "POST /settings",
    ]);
    const publicRoutes = new Set([
      "GET /health",
      // Prometheus metrics: behind the installation's metrics token, not a staff session (docs/metrics.md).
      "GET /metrics",
      "GET /favicon.ico",
      "GET /static/console.css",
      "POST /webhooks/pf",
      "GET /login",
      "POST /login",
      "POST /logout",
    ]);
    const routes = h.app.routes
      .filter((r) => r.method !== "ALL")
      .map((r) => `${r.method} ${r.path}`)
      .filter((r) => !publicRoutes.has(r));
    const uncovered = routes.filter((r) => !covered.has(r) && !listOnly.has(r));
    expect(uncovered).toEqual([]);
  });
});
