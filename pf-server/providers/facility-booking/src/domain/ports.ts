/**
 * @module The facility provider's storage, as repository interfaces the use cases depend on. SQLite implements
 * them today (`db/`); another database only needs another implementation.
 */
import type { ConsentRecord, EnrolledUser } from "@catv/provider-kit";

export type FacilityKind = "gym" | "hall" | "meeting_room" | "tennis_court";

export interface Town {
  code: string;
  name: string;
  prefecture: string;
  facilityCount: number;
}

export interface Slot {
  code: string;
  label: string;
  startsAt: string;
  endsAt: string;
  feeYen: number;
}

export interface Facility {
  id: string;
  townCode: string;
  townName: string;
  name: string;
  kind: FacilityKind;
  capacity: number;
  address: string;
  opensAt: string;
  closesAt: string;
  closedWeekdays: number[];
  note: string;
  slots: Slot[];
}

/** An enrolled viewer: the kit's user record, nothing of our own added. */
export type User = EnrolledUser;

export type FeeOutcome = "charged" | "refunded" | "kept" | "free";

export interface Booking {
  id: string;
  userId: string | null;
  facilityId: string;
  useDate: string;
  slotCode: string;
  status: "booked" | "cancelled";
  feeYen: number;
  taxRatePercent: number;
  serviceId: string;
  operatorId: string | null;
  createdAt: string;
  cancelledAt: string | null;
  feeOutcome: FeeOutcome;
}

export interface BookedSlot {
  useDate: string;
  slotCode: string;
  userId: string | null;
}

export interface OutboxEntry {
  id: number;
  idempotencyKey: string;
  bookingId: string;
  kind: "charge" | "reversal";
  body: string;
  status: "pending" | "accepted" | "rejected";
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  usageId: string | null;
  createdAt: string;
  acceptedAt: string | null;
}

export interface SettlementInput {
  id: string;
  eventId: string;
  operatorId: string;
  operatorName: string;
  town: string;
  month: string;
  recordsCollected: number;
  reversals: number;
  grossYen: number;
  collectionFeeYen: number;
  netPayableYen: number;
  receivedAt: string;
  records: {
    providerReference: string;
    status: "collected" | "reversed" | "uncollected";
    amountYen: number;
  }[];
}

export interface FacilityRepository {
  listTowns(): Town[];
  listFacilities(townCode: string): Facility[];
  getFacility(id: string): Facility | undefined;
  isEmpty(): boolean;
  insertCatalogue(towns: Omit<Town, "facilityCount">[], facilities: Omit<Facility, "townName">[]): void;
}

export interface UserRepository {
  findByPairwiseId(pairwiseId: string): User | undefined;
  insert(user: User): void;
  updateConsent(id: string, consent: ConsentRecord): void;
  setOperator(pairwiseId: string, operatorId: string): boolean;
  delete(id: string): void;
}

export interface BookingRepository {
  /** Inserts a live booking; "slot_taken" when the UNIQUE index refuses a second live booking of the slot. */
  insert(booking: Booking): "inserted" | "slot_taken";
  get(id: string): Booking | undefined;
  listByUser(userId: string): Booking[];
  countOpen(userId: string, fromDate: string): number;
  listOpen(userId: string, fromDate: string): Booking[];
  bookedSlots(facilityId: string, fromDate: string, toDate: string): BookedSlot[];
  markCancelled(id: string, cancelledAt: string, feeOutcome: FeeOutcome): void;
  /** Records the operator that settled a booking whose viewer's operator we had not learnt yet. */
  assignOperatorIfUnknown(id: string, operatorId: string): void;
  /** Every fee-bearing booking with its facility, for the staff report. */
  listFeeBearing(): (Booking & { facilityName: string; townName: string })[];
}

export interface UsageOutboxRepository {
  add(entry: Pick<OutboxEntry, "idempotencyKey" | "bookingId" | "kind" | "body" | "createdAt">): void;
  /** Pending entries in creation order (so a reversal never overtakes its charge). */
  pending(limit: number): OutboxEntry[];
  markAccepted(id: number, attempts: number, usageId: string, at: string): void;
  markRetry(id: number, attempts: number, nextAttemptAt: string, error: string): void;
  markRejected(id: number, attempts: number, error: string): void;
  list(): OutboxEntry[];
}

export interface EventRepository {
  /** Stores an event once; false when its ID was seen before. */
  recordIfNew(event: { id: string; type: string; receivedAt: string; payload: string }): boolean;
  /** The operator named by a stored enrolment.created event for this pairwise ID, if one arrived. */
  operatorForEnrolment(pairwiseId: string): string | undefined;
}

export interface SettlementRepository {
  save(settlement: SettlementInput): void;
  list(): (Omit<SettlementInput, "records"> & { records: SettlementInput["records"] })[];
}

export interface FacilityStore {
  facilities: FacilityRepository;
  users: UserRepository;
  bookings: BookingRepository;
  outbox: UsageOutboxRepository;
  events: EventRepository;
  settlements: SettlementRepository;
  /** Runs `fn` in one write transaction (BEGIN IMMEDIATE): all of it is stored, or none. */
  transaction<T>(fn: () => T): T;
}
