/**
 * @module The SQLite `FacilityStore`: every repository over one connection, and write transactions.
 */
import type Database from "better-sqlite3";
import type { FacilityStore } from "../domain/ports.ts";
import type { FacilityDb } from "./open-facility-db.ts";
import { sqliteBookingRepository, sqliteUserRepository } from "./sqlite-bookings.ts";
import { sqliteFacilityRepository } from "./sqlite-catalogue.ts";
import { sqliteEventRepository, sqliteSettlementRepository } from "./sqlite-events.ts";
import { sqliteOutboxRepository } from "./sqlite-outbox.ts";

export function sqliteFacilityStore(sqlite: Database.Database, db: FacilityDb): FacilityStore {
  return {
    facilities: sqliteFacilityRepository(db),
    users: sqliteUserRepository(db),
    bookings: sqliteBookingRepository(db),
    outbox: sqliteOutboxRepository(db),
    events: sqliteEventRepository(db),
    settlements: sqliteSettlementRepository(db),
    // better-sqlite3 is synchronous on one connection: every query inside `fn` runs inside this transaction.
    // IMMEDIATE takes the write lock at BEGIN, so a limit check and the insert after it cannot interleave
    // with another process's writer.
    transaction: (fn) => sqlite.transaction(fn).immediate(),
  };
}
