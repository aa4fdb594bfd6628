import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chooseDatabase } from "@catv/postgres";
import { createTestDatabase, type TestDatabase } from "@catv/postgres/testing";
import { createAssertionVerifier } from "@catv/provider-kit";
import { silentLogger } from "@catv/service-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomId } from "../domain/deps.ts";
import { createFacilityApp } from "../http/app.ts";
import { type FacilityDatabase, openFacilityStore } from "./open-facility-store.ts";

let database: TestDatabase;
const dir = mkdtempSync(join(tmpdir(), "facility-open-"));
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

const staffRequest = (app: ReturnType<typeof createFacilityApp>) =>
  app.request("/staff/bookings.json?date=2026-12-05", {
    headers: { authorization: `Basic ${Buffer.from("staff:a-staff-password").toString("base64")}` },
  });

function appOver(opened: FacilityDatabase) {
  return createFacilityApp({
    deps: { store: opened.store, now: () => new Date("2026-11-24T01:00:00Z"), newId: randomId },
    verifyAssertion: createAssertionVerifier({ pfUrl: "http://127.0.0.1:1", providerId: "prov-facility" }),
    webhookSecret: `whsec_${Buffer.from("a-test-webhook-secret-of-32-bytes").toString("base64")}`,
    staff: { loginId: "staff", password: "a-staff-password" },
    logger: silentLogger,
    translateError: opened.translateError,
  });
}

describe("the facility database DATABASE_URL chooses", () => {
  it("is the SQLite file when no URL is given, with the in-memory replay guard", async () => {
    const opened = await openFacilityStore(
      chooseDatabase(undefined, join(dir, "facility.sqlite")),
      silentLogger,
    );
    expect(opened.replayStore).toBeUndefined();
    expect(await opened.store.facilities.isEmpty()).toBe(true);
    expect((await staffRequest(appOver(opened))).status).toBe(200);
    await opened.close();
  });

  it("is PostgreSQL for a postgres:// URL, with the replay guard every instance shares", async () => {
    const opened = await openFacilityStore(
      chooseDatabase(database.url, join(dir, "unused.sqlite")),
      silentLogger,
    );
    const now = Date.now();
    expect(await opened.replayStore!.remember("jti-1", now + 60_000, now)).toBe(true);
    expect((await staffRequest(appOver(opened))).status).toBe(200);
    await opened.close();
  });

  it("answers 503 service_unavailable, not a 500, once its PostgreSQL connection is gone", async () => {
    const opened = await openFacilityStore(
      chooseDatabase(database.url, join(dir, "unused.sqlite")),
      silentLogger,
    );
    const app = appOver(opened);
    await opened.close();
    const res = await staffRequest(app);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: "service_unavailable" } });
  });
});
