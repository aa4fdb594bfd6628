import { afterEach, describe, expect, it, vi } from "vitest";
import type { PfClient } from "../lib/pf/pf-client.ts";
import { BOOT_GRACE_MS } from "./controller.ts";
import { type AppHarness, startAppHarness } from "./testing/app-harness.ts";

let app: AppHarness;
afterEach(() => app.close());

describe("the app coordinator", () => {
  it("goes straight to the portal when the request started at boot answers within the grace period", async () => {
    app = await startAppHarness();
    await app.controller.start(app.pf.portal());
    expect(app.shown.map((s) => s.name)).toEqual(["portal"]);
  });

  it("shows the loading screen while the request started at boot is slower than the grace period", async () => {
    app = await startAppHarness();
    const portal = await app.pf.portal();
    vi.useFakeTimers();
    try {
      let answer: (value: Awaited<ReturnType<PfClient["portal"]>>) => void = () => {};
      const slow = new Promise<Awaited<ReturnType<PfClient["portal"]>>>((resolve) => {
        answer = resolve;
      });
      const started = app.controller.start(slow);
      await vi.advanceTimersByTimeAsync(BOOT_GRACE_MS);
      expect(app.shown.map((s) => s.name)).toEqual(["loading"]);
      answer(portal);
      await started;
      expect(app.shown.map((s) => s.name)).toEqual(["loading", "portal"]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("asks before closing when Back is pressed on the portal", async () => {
    app = await startAppHarness();
    await app.controller.start();
    app.controller.back();
    expect(app.exitAsked()).toBe(1);
  });

  it("opens a service by the kind the portal description gives it, whatever its ID says", async () => {
    app = await startAppHarness();
    await app.controller.start();
    const portal = app.last();
    if (portal.kind !== "portal") throw new Error("not the portal");
    const facility = (await app.pf.portal()).services.find((s) => s.kind === "facility-booking")!;
    await app.controller.openService(facility);
    await app.until("facility-towns");
    // A service whose ID says "facility" but whose kind is healthcare is opened as healthcare.
    app.controller.home();
    await app.controller.openService({ ...facility, kind: "healthcare" });
    expect(app.backend.requests).toContain("GET /v1/services/facility-booking/api/summary");
  });

  it("says a service of a kind this TV cannot present is unavailable, rather than guessing from its ID", async () => {
    app = await startAppHarness();
    await app.controller.start();
    const health = (await app.pf.portal()).services.find((s) => s.kind === "healthcare")!;
    await app.controller.openService({ ...health, kind: null });
    await app.until("error-service_unavailable");
  });

  it("lists わたしの予約 on the portal when a service of the facility-booking kind is offered", async () => {
    app = await startAppHarness();
    await app.controller.start();
    expect(app.words()).toContain("portal.menu.bookings");
  });
});
