/**
 * @module The SQLite `FacilityStore`: every repository over one connection, made asynchronous by the kit's gate
 * (one transaction at a time; calls outside a transaction wait for it), and write transactions.
 */
import { type Synchronous, sqliteGate, sqliteOperatorDirectory } from "@catv/provider-kit/sqlite";
import type Database from "better-sqlite3";
import type { FacilityRepositories, FacilityStore } from "../domain/ports.ts";
import type { FacilityDb } from "./open-facility-db.ts";
import { sqliteBookingRepository, sqliteUserRepository } from "./sqlite-bookings.ts";
import { sqliteFacilityRepository } from "./sqlite-catalogue.ts";
import { sqliteEventRepository, sqliteSettlementRepository } from "./sqlite-events.ts";
import { sqliteOutboxRepository } from "./sqlite-outbox.ts";
import { sqliteSlotClosureRepository, sqliteStaffAuditRepository } from "./sqlite-staff.ts";

export function sqliteFacilityStore(sqlite: Database.Database, db: FacilityDb): FacilityStore {
  const repositories: Synchronous<FacilityRepositories> = {
    facilities: sqliteFacilityRepository(db),
    users: sqliteUserRepository(db),
    bookings: sqliteBookingRepository(db),
    outbox: sqliteOutboxRepository(db),
    events: sqliteEventRepository(db),
    settlements: sqliteSettlementRepository(db),
    closures: sqliteSlotClosureRepository(db),
    staffAudit: sqliteStaffAuditRepository(db),
    operators: sqliteOperatorDirectory(db),
  };
  const gate = sqliteGate(sqlite);
  return {
    ...gate.outside<FacilityRepositories>(repositories),
    transaction: (fn) => gate.transaction(repositories, fn),
  };
}
