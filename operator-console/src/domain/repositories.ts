/**
 * @module The storage the use cases need, as interfaces over the console's own records (records.ts). Every
 * method is asynchronous and every write that must not be half-done runs inside `transaction`, an asynchronous
 * unit of work, so that a storage with a network between it and the console (PostgreSQL) can implement the same
 * interfaces as the embedded SQLite one (`src/db/`). Every query is scoped by operator; no method returns a
 * driver's row type.
 */
import type { FourInfo } from "@catv/contracts";
import type { LoginFailuresRepository } from "@catv/service-kit/login-throttle";
import type {
  AssistedRegistration,
  AuditEntry,
  CableIdRecord,
  CableIdStatus,
  ClosedMonth,
  CloseForecast,
  Gender,
  Household,
  HouseholdInput,
  HouseholdSummary,
  LinkMethod,
  LinkOutboxItem,
  MatchCandidate,
  Member,
  MemberSearchRow,
  NewAssistedRegistration,
  NewAuditEntry,
  NewCableId,
  NewReview,
  NewSettlement,
  NewStaff,
  NewUsageRecord,
  Operator,
  ProviderMonthUsage,
  ProviderName,
  ProviderTotals,
  ReviewRecord,
  Settlement,
  SettlementRecord,
  Staff,
  StaffSession,
  Statement,
  StatementLine,
  UsageListRow,
} from "./records.ts";

export interface AccountsRepository {
  listOperators(): Promise<Operator[]>;
  getOperator(id: string): Promise<Operator | undefined>;
  /** Creates the operator or refreshes its identity and PF secrets; its invoice settings are kept. */
  upsertOperator(row: Operator): Promise<void>;
  updateOperatorSettings(
    id: string,
    settings: { invoiceRegistrationNumber: string; collectionFeeBasisPoints: number },
  ): Promise<void>;
  staffByLoginId(loginId: string): Promise<Staff | undefined>;
  staffById(id: number): Promise<Staff | undefined>;
  /** Adds a staff account unless the login ID exists. */
  insertStaff(row: NewStaff): Promise<void>;
  createSession(row: StaffSession): Promise<void>;
  getSession(idHash: string): Promise<StaffSession | undefined>;
  touchSession(idHash: string, at: string): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  deleteExpiredSessions(idleBefore: string, createdBefore: string): Promise<void>;
}

/**
 * Failed staff logins counted per hashed key in fixed windows, in the console's database so every console on it
 * counts the same failures: the port of the rule the staff systems share (`@catv/service-kit/login-throttle`).
 */
export type { LoginFailuresRepository } from "@catv/service-kit/login-throttle";

export interface AuditRepository {
  append(entry: NewAuditEntry): Promise<void>;
  /** Newest first; `action` matches a prefix, `from`/`to` are `YYYY-MM-DD` bounds (inclusive). */
  list(
    operatorId: string,
    filter: { action?: string; staff?: string; from?: string; to?: string; limit: number },
  ): Promise<AuditEntry[]>;
}

export interface HouseholdsRepository {
  /** The linking screen's search (参考１－２ ①): any of name, birth date and address, each optional. */
  searchMembers(
    operatorId: string,
    query: { name?: string; birthDate?: string; address?: string },
    limit: number,
  ): Promise<MemberSearchRow[]>;
  correctMember(
    operatorId: string,
    memberRowId: number,
    fields: { name: string; birthDate: string; gender: Gender },
  ): Promise<void>;
  search(
    operatorId: string,
    query: { q?: string; status?: string; limit: number; offset: number },
  ): Promise<{ rows: HouseholdSummary[]; total: number }>;
  get(operatorId: string, id: number): Promise<Household | undefined>;
  getByContractId(operatorId: string, contractId: string): Promise<Household | undefined>;
  memberByMemberId(
    operatorId: string,
    memberId: string,
  ): Promise<(Member & { householdId: number }) | undefined>;
  /** Returns the new household's ID; members are numbered `<contractId>-01`, `-02`, … */
  create(operatorId: string, input: HouseholdInput): Promise<number>;
  /** Changes the contract and members in place; members named by `memberId` are updated, others added. */
  update(operatorId: string, id: number, input: Omit<HouseholdInput, "contractId">): Promise<void>;
  close(operatorId: string, id: number, at: string): Promise<void>;
  /** Active members born on this date; the caller compares names and addresses. */
  matchCandidates(operatorId: string, birthDate: string): Promise<MatchCandidate[]>;
  exportAll(operatorId: string): Promise<Household[]>;
  count(operatorId: string): Promise<number>;
}

export interface CableIdsRepository {
  /** Stores a new cable ID as pending; false when it was stored before. */
  insert(operatorId: string, row: NewCableId): Promise<boolean>;
  get(operatorId: string, cableId: string): Promise<CableIdRecord | undefined>;
  /** Newest registration first; `q` matches part of the cable ID (typed any way) or of the contract ID. */
  list(
    operatorId: string,
    filter: { status?: CableIdStatus | undefined; householdId?: number; q?: string; limit: number },
  ): Promise<CableIdRecord[]>;
  link(
    operatorId: string,
    cableId: string,
    link: { householdId: number; memberRowId: number; method: LinkMethod; at: string },
  ): Promise<void>;
  unlink(operatorId: string, cableId: string): Promise<void>;
  revoke(operatorId: string, cableId: string, at: string): Promise<void>;
  replaceFourInfo(operatorId: string, cableId: string, fourInfo: FourInfo): Promise<void>;
  countByStatus(operatorId: string): Promise<Record<CableIdStatus, number>>;
  /** Registrations per `YYYY-MM` of `registeredAt`, oldest first. */
  registrationsByMonth(operatorId: string): Promise<{ month: string; count: number }[]>;
  addReview(operatorId: string, review: NewReview): Promise<void>;
  /** The newest 200 notices still open (`open`) or already looked at. */
  listReviews(operatorId: string, open: boolean): Promise<ReviewRecord[]>;
  /** How many reviews wait for staff: every one, where `listReviews` shows at most 200. */
  openReviewCount(operatorId: string): Promise<number>;
  getReview(operatorId: string, id: number): Promise<ReviewRecord | undefined>;
  markReviewed(operatorId: string, id: number, by: string, at: string): Promise<void>;
}

export interface UsageRepository {
  /** Returns false when the usage ID was stored before (a redelivery). */
  insert(operatorId: string, row: NewUsageRecord): Promise<boolean>;
  /**
   * Stores the record in billing month `month` or, when that month is closed, the first open month after it (a
   * frozen statement never changes), as one statement; false when the usage ID was stored before.
   */
  insertInOpenMonth(
    operatorId: string,
    row: Omit<NewUsageRecord, "billingMonth">,
    month: string,
  ): Promise<boolean>;
  /** Newest first. */
  list(
    operatorId: string,
    filter: { householdId?: number; providerId?: string; month?: string; limit: number },
  ): Promise<UsageListRow[]>;
  closedMonths(operatorId: string): Promise<Set<string>>;
  byProviderAndMonth(operatorId: string): Promise<ProviderMonthUsage[]>;
  providers(operatorId: string): Promise<ProviderName[]>;
}

export interface BillingRepository {
  getMonth(operatorId: string, month: string): Promise<ClosedMonth | undefined>;
  /** Newest first. */
  listMonths(operatorId: string): Promise<ClosedMonth[]>;
  /** Writes the month's statements and lines; returns the statement count and grand total. */
  writeStatements(operatorId: string, month: string): Promise<{ statementCount: number; totalYen: number }>;
  providerTotals(operatorId: string, month: string): Promise<ProviderTotals[]>;
  /** What `writeStatements` would bill for the month, counted without writing anything. */
  forecastClose(operatorId: string, month: string): Promise<CloseForecast>;
  recordMonth(operatorId: string, row: ClosedMonth): Promise<void>;
  insertSettlement(row: NewSettlement): Promise<void>;
  listSettlements(operatorId: string, month?: string): Promise<Settlement[]>;
  /** Every operator's settlements the PF has not accepted yet. */
  pendingSettlements(): Promise<Settlement[]>;
  settlementRecords(operatorId: string, month: string, providerId: string): Promise<SettlementRecord[]>;
  markSettlementAttempt(
    id: number,
    result: { accepted: boolean; pfSettlementId?: string; error?: string; at: string },
  ): Promise<void>;
  /** A page of the month's statements, by contract ID; `q` matches part of the contract ID. */
  listStatements(
    operatorId: string,
    month: string,
    q: string | undefined,
    limit: number,
    offset: number,
  ): Promise<{ rows: Statement[]; total: number }>;
  getStatement(
    operatorId: string,
    month: string,
    householdId: number,
  ): Promise<{ statement: Statement; lines: StatementLine[] } | undefined>;
  statementsForHousehold(operatorId: string, householdId: number): Promise<Statement[]>;
  /** Every statement line of the month with its contract ID, for CSV export. */
  statementLinesForExport(
    operatorId: string,
    month: string,
  ): Promise<(StatementLine & { contractId: string })[]>;
}

export interface PfSyncRepository {
  /** Records a webhook event ID; false when it was seen before (a redelivery). */
  markEventSeen(operatorId: string, eventId: string, type: string, at: string): Promise<boolean>;
  enqueueLink(operatorId: string, cableId: string, status: "linked" | "pending", at: string): Promise<void>;
  /** Every operator's undelivered link states, oldest first. */
  openLinks(limit: number): Promise<LinkOutboxItem[]>;
  markLinkAttempt(id: number, result: { done: boolean; error?: string; at: string }): Promise<void>;
  openLinkCount(operatorId: string): Promise<number>;
  recordAssisted(row: NewAssistedRegistration): Promise<void>;
  /** Newest first. */
  listAssisted(operatorId: string, limit: number): Promise<AssistedRegistration[]>;
  saveFeeStatement(operatorId: string, month: string, body: string, at: string): Promise<void>;
  getFeeStatement(
    operatorId: string,
    month: string,
  ): Promise<{ body: string; fetchedAt: string } | undefined>;
  /** Oldest month first. */
  listFeeStatements(operatorId: string): Promise<{ month: string; body: string; fetchedAt: string }[]>;
}

/** Every repository of the console. */
export interface RepositorySet {
  accounts: AccountsRepository;
  audit: AuditRepository;
  billing: BillingRepository;
  cableIds: CableIdsRepository;
  households: HouseholdsRepository;
  loginFailures: LoginFailuresRepository;
  pfSync: PfSyncRepository;
  usage: UsageRepository;
}

export interface Repositories extends RepositorySet {
  /**
   * Runs `work` as one unit of work: everything it does through the repositories it is given commits together
   * or not at all (a thrown error rolls back). Calls through the outer repositories wait until it has ended,
   * so `work` must use the ones it is given. Called on those, `transaction` joins the unit of work in progress.
   *
   * @example await repos.transaction(async (tx) => { await tx.cableIds.link(…); await tx.audit.append(…); });
   */
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
}
