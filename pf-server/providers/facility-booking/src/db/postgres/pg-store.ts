/**
 * @module The PostgreSQL `FacilityStore`: every repository over a pool, each transaction SERIALIZABLE and run again
 * on a serialization failure (the kit's `pgStore`), so the use cases keep the one-at-a-time promise the SQLite gate
 * gives, with several instances on one database.
 */
import { pgOperatorDirectory, pgStore } from "@catv/provider-kit/postgres";
import type { FacilityRepositories, FacilityStore } from "../../domain/ports.ts";
import { type FacilityPg, pgBookingRepository, pgUserRepository } from "./pg-bookings.ts";
import { pgFacilityRepository } from "./pg-catalogue.ts";
import { pgEventRepository, pgSettlementRepository } from "./pg-events.ts";
import { pgOutboxRepository } from "./pg-outbox.ts";
import { pgSlotClosureRepository, pgStaffAuditRepository } from "./pg-staff.ts";

export function pgFacilityStore(db: FacilityPg): FacilityStore {
  const store = pgStore(
    db,
    (executor): FacilityRepositories => ({
      facilities: pgFacilityRepository(executor),
      users: pgUserRepository(executor),
      bookings: pgBookingRepository(executor),
      outbox: pgOutboxRepository(executor),
      events: pgEventRepository(executor),
      settlements: pgSettlementRepository(executor),
      closures: pgSlotClosureRepository(executor),
      staffAudit: pgStaffAuditRepository(executor),
      operators: pgOperatorDirectory(executor),
    }),
  );
  return { ...store.outside, transaction: store.transaction };
}
