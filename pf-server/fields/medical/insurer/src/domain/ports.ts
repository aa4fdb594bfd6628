/**
 * @module What the use cases need from outside, declared here and implemented elsewhere: the records they work on,
 * the repositories (asynchronous, so the store can be another database than SQLite), the unit of work, the PF's
 * verifier API, the clock and the logger. The domain imports no driver, ORM or HTTP framework.
 */
import type { LoginFailuresRepository } from "@catv/service-kit/login-throttle";
import type {
  FourInfo,
  InsurerKindLike,
  LimitBracket,
  ReasonOfLoss,
  RelationshipCode,
  SexCode,
} from "./vocabulary.ts";

export type { FourInfo };

export interface Insurer {
  id: string;
  name: string;
  kind: InsurerKindLike;
  /** As issued: 6 digits (国保) or 8 (健保). */
  insurerNumber: string;
  town: string;
  prefecture: string;
}

export interface Household {
  id: string;
  insurerId: string;
  symbol: string | null;
  number: string;
  incomeBracket: LimitBracket;
}

/** An insured person (被保険者・被扶養者) with the household fields the screens and answers need. */
export interface InsuredPerson {
  id: string;
  insurerId: string;
  householdId: string;
  symbol: string | null;
  number: string;
  branchNumber: string;
  relationship: RelationshipCode;
  name: string;
  nameKana: string;
  sex: SexCode;
  birthDate: string;
  address: string;
  postalCode: string | null;
  cardClassification: "01" | "02" | "03" | "04" | "05" | "06" | "07";
  qualificationDate: string;
  disqualificationDate: string | null;
  reasonOfLoss: ReasonOfLoss | null;
  incomeBracket: LimitBracket;
  updatedAt: string;
}

export type CorrectableField = "name" | "address" | "birthDate" | "sex";

export interface PersonCorrection {
  personId: string;
  field: CorrectableField;
  oldValue: string;
  newValue: string;
  accountId: string | null;
  at: string;
  staffLoginId: string;
}

export interface Registration {
  insurerId: string;
  accountId: string;
  fourInfo: FourInfo;
  channel: "terminal" | "verifier";
  siteKind: "remote" | "in-person" | null;
  consentVersion: string;
  consentAcceptedAt: string;
  registeredAt: string;
  receivedAt: string;
  status: "active" | "revoked";
  revokedAt: string | null;
  revocationReason: string | null;
  revokedCertificate: "signature" | "authentication" | null;
  updatedAt: string | null;
  updateReason: "renewed" | "reissued" | null;
  reviewPending: boolean;
}

export interface Link {
  id: number;
  insurerId: string;
  accountId: string;
  personId: string;
  method: "screen" | "csv";
  mismatchConfirmed: boolean;
  linkedAt: string;
  linkedBy: string;
  unlinkedAt: string | null;
  unlinkedBy: string | null;
  unlinkReason: string | null;
}

export interface OutboxEntry {
  id: number;
  insurerId: string;
  accountId: string;
  status: "linked" | "pending";
  createdAt: string;
  attempts: number;
  nextAttemptAt: string;
  doneAt: string | null;
  outcome: "accepted" | "refused" | "superseded" | null;
  lastError: string | null;
}

export interface EligibilityRequestRecord {
  insurerId: string;
  requestId: string;
  accountId: string;
  medicalInstitutionCode: string;
  confirmationDate: string;
  acr: string;
  limitConsent: boolean;
  processingStatus: "1" | "2";
  validity: "1" | "2" | "3" | "4" | "5" | null;
  processedAt: string;
}

export interface AuditEntry {
  insurerId: string;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  detail: string;
  requestId: string;
}

export interface Staff {
  id: number;
  insurerId: string;
  loginId: string;
  passwordHash: string;
  role: "staff" | "admin";
  displayName: string;
}

export interface StaffSession {
  idHash: string;
  staffId: number;
  insurerId: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
}

export interface CsvImport<Row = unknown> {
  id: string;
  insurerId: string;
  uploadedBy: string;
  createdAt: string;
  encoding: string;
  rows: Row[];
  status: "previewed" | "applied" | "discarded";
  decidedAt: string | null;
  decidedBy: string | null;
}

export interface WebRegistration {
  idHash: string;
  insurerId: string;
  csrfToken: string;
  challengeId: string | null;
  challengeExpiresAt: string | null;
  createdAt: string;
  completedAt: string | null;
  outcome: string | null;
}

export interface PersonQuery {
  nameKey?: string;
  /** A LIKE pattern over name keys (`_` stands for a 代替文字 of the certificate). */
  namePattern?: string;
  kanaKey?: string;
  birthDate?: string;
  addressKey?: string;
  limit: number;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface InsurerRepository {
  list(): Promise<Insurer[]>;
  get(id: string): Promise<Insurer | undefined>;
  upsert(insurer: Insurer): Promise<void>;
}

export interface PersonRepository {
  get(insurerId: string, personId: string): Promise<InsuredPerson | undefined>;
  byNumber(
    insurerId: string,
    key: { symbol: string | null; number: string; branchNumber: string },
  ): Promise<InsuredPerson | undefined>;
  /** People of one household (the 本人's name is the 被保険者氏名 of the family's answers). */
  household(insurerId: string, householdId: string): Promise<InsuredPerson[]>;
  /** Candidates for the linking screen: any person matching one of the keys given. */
  candidates(insurerId: string, query: PersonQuery): Promise<InsuredPerson[]>;
  list(
    insurerId: string,
    filter: { text?: string; offset: number; limit: number },
  ): Promise<Page<InsuredPerson>>;
  count(insurerId: string): Promise<number>;
  insertHousehold(household: Household): Promise<void>;
  insertPerson(person: InsuredPerson): Promise<void>;
  correct(
    insurerId: string,
    personId: string,
    changes: Partial<Record<CorrectableField, string>>,
    at: string,
  ): Promise<void>;
  addCorrection(insurerId: string, correction: PersonCorrection): Promise<void>;
  corrections(insurerId: string, personId: string): Promise<PersonCorrection[]>;
}

export interface RegistrationRepository {
  get(insurerId: string, accountId: string): Promise<Registration | undefined>;
  /** Inserts a new registration; false when the account is already in the intake. */
  insert(registration: Registration): Promise<boolean>;
  replaceFourInfo(
    insurerId: string,
    accountId: string,
    update: { fourInfo: FourInfo; updatedAt: string; reason: "renewed" | "reissued" },
  ): Promise<void>;
  markRevoked(
    insurerId: string,
    accountId: string,
    revocation: {
      at: string;
      reason: string;
      certificate: "signature" | "authentication";
      /** revoked only when the card can no longer prove the person (the user-authentication certificate). */
      status: "active" | "revoked";
    },
  ): Promise<void>;
  acknowledgeReview(insurerId: string, accountId: string): Promise<void>;
  list(
    insurerId: string,
    filter: { view: IntakeView; offset: number; limit: number },
  ): Promise<Page<Registration & { linkedPersonIds: string[] }>>;
  counts(insurerId: string): Promise<Record<IntakeView, number>>;
}

export type IntakeView = "pending" | "linked" | "review" | "revoked" | "all";

export interface LinkRepository {
  live(insurerId: string, accountId: string): Promise<Link[]>;
  liveForPerson(insurerId: string, personId: string): Promise<Link | undefined>;
  history(insurerId: string, accountId: string): Promise<Link[]>;
  historyForPerson(insurerId: string, personId: string): Promise<Link[]>;
  insert(link: Omit<Link, "id">): Promise<number>;
  end(insurerId: string, linkId: number, end: { at: string; by: string; reason: string }): Promise<void>;
  /** Every live link with its person, for the CSV export. */
  allLive(insurerId: string): Promise<(Link & { person: InsuredPerson })[]>;
}

export interface OutboxRepository {
  enqueue(insurerId: string, accountId: string, status: "linked" | "pending", at: string): Promise<void>;
  /** Open entries in creation order, due or not. */
  open(limit: number): Promise<OutboxEntry[]>;
  /** Marks every older open entry of the account superseded by a later one. */
  supersedeOlder(insurerId: string, accountId: string, newerThanId: number, at: string): Promise<void>;
  markDone(
    id: number,
    outcome: "accepted" | "refused",
    attempts: number,
    at: string,
    error?: string,
  ): Promise<void>;
  markRetry(id: number, attempts: number, nextAttemptAt: string, error: string): Promise<void>;
  latest(insurerId: string, accountId: string): Promise<OutboxEntry | undefined>;
  openCount(insurerId: string): Promise<number>;
  refusedRecently(insurerId: string, limit: number): Promise<OutboxEntry[]>;
}

export interface EventRepository {
  /** Records an event ID; false when it was seen before (a redelivery). */
  remember(insurerId: string, eventId: string, type: string, at: string, payload: string): Promise<boolean>;
}

export interface AuditRepository {
  append(entry: AuditEntry): Promise<void>;
  list(insurerId: string, filter: { offset: number; limit: number }): Promise<Page<AuditEntry>>;
}

export interface EligibilityLogRepository {
  append(record: EligibilityRequestRecord): Promise<void>;
  list(insurerId: string, filter: { offset: number; limit: number }): Promise<Page<EligibilityRequestRecord>>;
  countSince(insurerId: string, since: string): Promise<number>;
}

export interface StaffRepository {
  byLoginId(loginId: string): Promise<Staff | undefined>;
  byId(id: number): Promise<Staff | undefined>;
  upsert(staff: Omit<Staff, "id">): Promise<void>;
  createSession(session: StaffSession): Promise<void>;
  session(idHash: string): Promise<StaffSession | undefined>;
  touchSession(idHash: string, at: string): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  deleteExpiredSessions(idleBefore: string, createdBefore: string): Promise<void>;
}

export interface CsvImportRepository {
  insert(csvImport: CsvImport): Promise<void>;
  get(insurerId: string, id: string): Promise<CsvImport | undefined>;
  /** Decides a previewed import once (false if it was decided before), keeping the rows' outcomes. */
  decide(
    insurerId: string,
    id: string,
    status: "applied" | "discarded",
    at: string,
    by: string,
    rows?: unknown[],
  ): Promise<boolean>;
}

export interface WebRegistrationRepository {
  insert(entry: WebRegistration): Promise<void>;
  get(idHash: string): Promise<WebRegistration | undefined>;
  setChallenge(idHash: string, challengeId: string, expiresAt: string): Promise<void>;
  complete(idHash: string, at: string, outcome: string): Promise<void>;
  deleteOlderThan(createdBefore: string): Promise<void>;
}

export interface Repositories {
  insurers: InsurerRepository;
  persons: PersonRepository;
  registrations: RegistrationRepository;
  links: LinkRepository;
  outbox: OutboxRepository;
  events: EventRepository;
  audit: AuditRepository;
  eligibility: EligibilityLogRepository;
  staff: StaffRepository;
  imports: CsvImportRepository;
  webRegistrations: WebRegistrationRepository;
  /** Failed staff logins per hashed login ID and client address, shared by every instance on the database. */
  loginFailures: LoginFailuresRepository;
  /**
   * The registration page's calls per hashed client address and page session, shared by every instance on the
   * database: the same fixed-window counters (`countFailure` counts a call).
   */
  registrationCalls: LoginFailuresRepository;
}

/** The repositories, and a unit of work that hands its own repositories to the work (commit on resolve). */
export interface Store extends Repositories {
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
}

/** The PF's verifier API (verifier-api.ts) as the insurer calls it, with one insurer's API key. */
export interface PfVerifierClient {
  setLinkStatus(apiKey: string, accountId: string, status: "linked" | "pending"): Promise<void>;
  createRegistrationChallenge(
    apiKey: string,
  ): Promise<{ challengeId: string; toBeSigned: string; expiresAt: string }>;
  submitRegistration(
    apiKey: string,
    body: unknown,
  ): Promise<{
    accountId: string;
    outcome: "new" | "existing" | "renewed";
    linkStatus: "linked" | "pending";
  }>;
}

/** Secrets of one insurer, held in memory from the credentials (never in the database). */
export interface InsurerSecrets {
  apiKey: string;
  webhookSecret: string;
}

export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export interface Deps {
  store: Store;
  pf: PfVerifierClient;
  secrets: (insurerId: string) => InsurerSecrets | undefined;
  now: () => Date;
  logger: Logger;
  /** Something new is owed to the PF: deliver soon (after the caller's transaction has committed). */
  linkDeliveryDue?: () => void;
}

/** Who acts: a staff member of one insurer (every query is scoped by `insurerId`). */
export interface Actor {
  insurerId: string;
  loginId: string;
  role: "staff" | "admin";
  requestId: string;
}
