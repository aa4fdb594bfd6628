/**
 * @module The facility provider's storage, as repository interfaces the use cases depend on, over the provider's
 * own record types. Every call is asynchronous and a transaction hands its own repositories to the work it runs,
 * and SQLite (`db/`) and PostgreSQL (`db/postgres/`) implement them alike (one contract suite:
 * `db/facility-store.contract.ts`).
 */
import type { ConsentRecord, EnrolledUser, OperatorDirectory, UsageOutbox } from "@catv/provider-kit";

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
  /** The worker sending the report now, and until when; null when no worker holds it. */
  leaseOwner: string | null;
  leaseUntil: string | null;
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

/** A slot staff closed to new bookings (受付停止). */
export interface SlotClosure {
  facilityId: string;
  useDate: string;
  slotCode: string;
  /** Shown to every viewer with the closed slot. */
  reason: string;
  /** Shown to the holder of a booking made before the closure (it stands). */
  noticeToBooked: string;
  closedAt: string;
  /** The staff login that closed it. */
  closedBy: string;
}

export type StaffAction = "slot.close" | "slot.reopen";

/** One staff action on the staff page, done or refused; it names no viewer. */
export interface StaffAuditEntry {
  at: string;
  staff: string;
  action: StaffAction;
  /** `done`, or the code of the refusal. */
  outcome: string;
  facilityId: string;
  useDate: string;
  slotCode: string;
  detail: string | null;
  requestId: string;
}

export interface FacilityRepository {
  listTowns(): Promise<Town[]>;
  listFacilities(townCode: string): Promise<Facility[]>;
  getFacility(id: string): Promise<Facility | undefined>;
  isEmpty(): Promise<boolean>;
  insertCatalogue(
    towns: Omit<Town, "facilityCount">[],
    facilities: Omit<Facility, "townName">[],
  ): Promise<void>;
}

export interface UserRepository {
  findByPairwiseId(pairwiseId: string): Promise<User | undefined>;
  insert(user: User): Promise<void>;
  updateConsent(id: string, consent: ConsentRecord): Promise<void>;
  setOperator(pairwiseId: string, operatorId: string): Promise<boolean>;
  delete(id: string): Promise<void>;
}

export interface BookingRepository {
  /** Inserts a live booking; "slot_taken" when the UNIQUE index refuses a second live booking of the slot. */
  insert(booking: Booking): Promise<"inserted" | "slot_taken">;
  get(id: string): Promise<Booking | undefined>;
  listByUser(userId: string): Promise<Booking[]>;
  countOpen(userId: string, fromDate: string): Promise<number>;
  listOpen(userId: string, fromDate: string): Promise<Booking[]>;
  bookedSlots(facilityId: string, fromDate: string, toDate: string): Promise<BookedSlot[]>;
  markCancelled(id: string, cancelledAt: string, feeOutcome: FeeOutcome): Promise<void>;
  /** Records the operator that settled a booking whose viewer's operator we had not learnt yet. */
  assignOperatorIfUnknown(id: string, operatorId: string): Promise<void>;
  /** Every booking (live or cancelled, any channel) on a date of use, for the staff's day view. */
  listOn(useDate: string): Promise<Booking[]>;
  /** Every fee-bearing booking with its facility, for the staff report. */
  listFeeBearing(): Promise<(Booking & { facilityName: string; townName: string })[]>;
}

export interface UsageOutboxRepository extends UsageOutbox<OutboxEntry> {
  /** Queues a report; one report per Idempotency-Key (a second `add` of a key throws). */
  add(
    entry: Pick<OutboxEntry, "idempotencyKey" | "bookingId" | "kind" | "body" | "createdAt">,
  ): Promise<void>;
  /** Every report, oldest first (the order key of `claim` is the booking). */
  list(): Promise<OutboxEntry[]>;
}

export interface EventRepository {
  /** Stores an event once; false when its ID was seen before. */
  recordIfNew(event: { id: string; type: string; receivedAt: string; payload: string }): Promise<boolean>;
  /** The operator named by a stored enrolment.created event for this pairwise ID, if one arrived. */
  operatorForEnrolment(pairwiseId: string): Promise<string | undefined>;
}

export interface SettlementRepository {
  save(settlement: SettlementInput): Promise<void>;
  list(): Promise<(Omit<SettlementInput, "records"> & { records: SettlementInput["records"] })[]>;
}

export interface SlotClosureRepository {
  /** "already_closed" when the slot is closed already (nothing changes). */
  insert(closure: SlotClosure): Promise<"inserted" | "already_closed">;
  get(facilityId: string, useDate: string, slotCode: string): Promise<SlotClosure | undefined>;
  /** False when the slot was not closed. */
  delete(facilityId: string, useDate: string, slotCode: string): Promise<boolean>;
  listBetween(facilityId: string, fromDate: string, toDate: string): Promise<SlotClosure[]>;
  listOn(useDate: string): Promise<SlotClosure[]>;
}

export interface StaffAuditRepository {
  record(entry: StaffAuditEntry): Promise<void>;
  /** The latest entries, newest first. */
  latest(limit: number): Promise<StaffAuditEntry[]>;
}

/** Every repository of the provider, as the store gives them and as a transaction gives them. */
export interface FacilityRepositories {
  facilities: FacilityRepository;
  users: UserRepository;
  bookings: BookingRepository;
  outbox: UsageOutboxRepository;
  events: EventRepository;
  settlements: SettlementRepository;
  closures: SlotClosureRepository;
  staffAudit: StaffAuditRepository;
  operators: OperatorDirectory;
}

export interface FacilityStore extends FacilityRepositories {
  /**
   * Runs `fn` in one write transaction with repositories bound to it: all of it is stored, or none. Inside,
   * use only `tx`'s repositories.
   */
  transaction<T>(fn: (tx: FacilityRepositories) => Promise<T>): Promise<T>;
}
