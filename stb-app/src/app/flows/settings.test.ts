import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AppHarness, startAppHarness } from "../testing/app-harness.ts";

let app: AppHarness;
beforeEach(async () => {
  app = await startAppHarness();
  await app.controller.start();
});
afterEach(() => app.close());

describe("settings (設定)", () => {
  it("shows the portal in the new language as soon as Back returns to it after a language switch", async () => {
    app.choose("portal.menu.settings");
    await app.until("settings");
    app.choose("settings.language");
    await app.until("settings", app.shown.length);
    const before = app.shown.length;
    app.controller.back();
    const portal = await app.until("portal", before);
    if (portal.kind !== "portal") throw new Error("not the portal");
    expect(portal.tiles[0]?.label).toBe("Facility booking");
    expect(portal.tiles[1]?.label).toBe("Healthcare information");
  });

  it("keeps focus on the row the viewer changed", async () => {
    app.choose("portal.menu.settings");
    await app.until("settings");
    app.select(1);
    const redrawn = await app.until("settings", app.shown.length);
    expect(redrawn.focus).toBe(1);
    expect(app.preferences().textSize).toBe("large");
  });

  it("logs out from settings and returns to the portal", async () => {
    app.choose("ヘルスケア情報");
    await app.until("health");
    app.controller.openSettings();
    await app.until("settings");
    app.choose("settings.logout");
    await app.until("portal", app.shown.length);
    expect(app.pf.session).toBeNull();
    expect(app.toasts).toContain("settings.loggedOut");
  });
});
