import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Booking } from "../domain/ports.ts";
import { demoFacilities, demoTowns } from "../seed/catalogue.ts";
import { openFacilityDb } from "./open-facility-db.ts";
import { sqliteFacilityStore } from "./sqlite-store.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function booking(id: string, overrides: Partial<Booking> = {}): Booking {
  return {
    id,
    userId: null,
    facilityId: "suzaka-city-gym",
    useDate: "2026-12-05",
    slotCode: "am",
    status: "booked",
    feeYen: 1500,
    taxRatePercent: 10,
    serviceId: "facility-booking",
    operatorId: null,
    createdAt: "2026-11-24T01:00:00.000Z",
    cancelledAt: null,
    feeOutcome: "charged",
    ...overrides,
  };
}

describe("the bookings table", () => {
  it("refuses a second live booking of a slot even when the application checks are bypassed", async () => {
    const { sqlite, db } = openFacilityDb(":memory:");
    const store = sqliteFacilityStore(sqlite, db);
    await store.facilities.insertCatalogue(demoTowns, demoFacilities);
    expect(await store.bookings.insert(booking("BK-1"))).toBe("inserted");
    expect(await store.bookings.insert(booking("BK-2"))).toBe("slot_taken");
    sqlite.close();
  });

  it("lets a slot be booked again once the live booking is cancelled", async () => {
    const { sqlite, db } = openFacilityDb(":memory:");
    const store = sqliteFacilityStore(sqlite, db);
    await store.facilities.insertCatalogue(demoTowns, demoFacilities);
    await store.bookings.insert(booking("BK-1"));
    await store.bookings.markCancelled("BK-1", "2026-11-24T02:00:00.000Z", "refunded");
    expect(await store.bookings.insert(booking("BK-2"))).toBe("inserted");
    sqlite.close();
  });

  it("refuses the double booking across two connections to the same file, as two server processes would be", async () => {
    const dir = mkdtempSync(join(tmpdir(), "facility-db-"));
    dirs.push(dir);
    const file = join(dir, "facility.sqlite");
    const a = openFacilityDb(file);
    const storeA = sqliteFacilityStore(a.sqlite, a.db);
    await storeA.facilities.insertCatalogue(demoTowns, demoFacilities);
    const b = openFacilityDb(file);
    const storeB = sqliteFacilityStore(b.sqlite, b.db);
    expect(await storeA.transaction((tx) => tx.bookings.insert(booking("BK-A")))).toBe("inserted");
    expect(await storeB.transaction((tx) => tx.bookings.insert(booking("BK-B")))).toBe("slot_taken");
    expect((await storeB.bookings.get("BK-A"))?.status).toBe("booked");
    a.sqlite.close();
    b.sqlite.close();
  });
});
