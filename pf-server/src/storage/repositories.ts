/**
 * @module Storage interfaces of the PF, with the PF's own record types: tenants with roles, sites and terminals,
 * persons with certificates, card binding and accounts at verifiers, and the working state. Domain code depends on
 * these only; `sqlite/` (the default) and `postgres/` implement them, and one contract suite
 * (`store.contract.ts`) holds both to the same behaviour. Methods that change business data take the outbox events,
 * audit rows and meter increments that belong to the same change, and commit them in ONE transaction
 * (transactional outbox: an event exists if and only if its business change does).
 */

import type { Acr, ChallengePurpose, ServiceKind } from "@catv/contracts";
import type { RetentionRepository } from "./retention-repository.ts";

export type RevocationPolicy = "ocsp" | "crl";
export interface Branding {
  operatorName: string;
  portalTitle: string;
  primaryColor: string;
  accentColor: string;
}

/** What a tenant does at the PF; a tenant may hold several (schema.ts `tenants`). */
export type TenantRole = "verifier" | "site-owner" | "provider";
export interface Tenant {
  id: string;
  name: string;
  town: string | null;
  prefecture: string | null;
  roles: TenantRole[];
  apiKeyHash: string;
  webhookUrl: string | null;
  webhookSecret: string | null;
  createdAt: string;
  updatedAt: string;
}
/** cable-id: a CATV operator, whose events keep the `cable_id.*` dialect; common-pf-id: any other verifier. */
export type AccountIdKind = "cable-id" | "common-pf-id";
export interface VerifierSettings {
  tenantId: string;
  accountIdKind: AccountIdKind;
  revocationPolicy: RevocationPolicy;
  /** The verifier's documented setting: PIN-less use of its accounts at remote sites (home STBs). */
  pinlessAtRemoteSites: boolean;
  /**
   * Logins across verifiers' portal sites: a person registered with verifier A logs in at a site of B only when
   * both A and B allow it (default off).
   */
  crossVerifierLogins: boolean;
}
export interface ProviderSettings {
  tenantId: string;
  apiBaseUrl: string;
  pinlessAllowed: boolean;
  /** pairwise: the PF's per-provider pairwise ID (a portal service); account: the verifier's own account ID. */
  subject: "pairwise" | "account";
}
export interface Service {
  id: string;
  providerId: string;
  name: string;
  nameEn: string;
  requiresPin: boolean;
  /** What enrolment shares with the provider, shown to the viewer. */
  scope: string[];
  /** The provider API it speaks, so the TV app knows how to present it; null only for rows older than kinds. */
  kind: ServiceKind | null;
}
export type SiteKind = "remote" | "in-person";
/** portal: the TV app's sessions and services; reception: recognition and eligibility at a desk. */
export type SiteChannel = "portal" | "reception";
export interface Site {
  id: string;
  ownerId: string;
  name: string;
  kind: SiteKind;
  channel: SiteChannel;
  branding: Branding | null;
  institutionCode: string | null;
  /** Absolute session lifetime in days on this site's terminals: a session ends this long after its login. */
  sessionLifetimeDays: number;
  /** Every portal service, or only `serviceIds`. */
  allPortalServices: boolean;
  /** The verifiers whose people the site serves, in the order it consults them. */
  verifierIds: string[];
  serviceIds: string[];
  createdAt: string;
  updatedAt: string;
}
export interface Terminal {
  id: string;
  siteId: string;
  ownerId: string;
  publicJwk: import("jose").JWK;
  status: "active" | "disabled";
  createdAt: string;
}
/** A person as only the PF knows them (schema.ts `persons`): never leaves the PF. */
export interface Person {
  id: string;
  birthDate: string;
  createdAt: string;
  updatedAt: string;
}
/** A person's account at a verifier: the ID issued to that verifier (cable ID, 共通的PFID). */
export interface Account {
  verifierId: string;
  personId: string;
  accountId: string;
  linkStatus: "linked" | "pending";
  consentTextVersion: string;
  consentAcceptedAt: string;
  registeredAt: string;
  updatedAt: string;
}
/** The 券面 key bound to a person for PIN-less use (schema.ts `card_bindings`). */
export interface CardBinding {
  personId: string;
  subjectKeyId: string;
  publicKeySha256: string;
  boundBy: "registration" | "pin-login";
  boundAt: string;
}
export type CertificateKind = "sign" | "auth";
export interface CertificateRecord {
  serialHex: string;
  kind: CertificateKind;
  personId: string;
  notAfter: string;
  status: "active" | "superseded" | "revoked";
  createdAt: string;
}
/** A site owner's pairwise reference for a person (a hospital's patient reference). */
export interface PersonReference {
  ownerId: string;
  personId: string;
  reference: string;
  createdAt: string;
}
export interface Recognition {
  id: string;
  terminalId: string;
  siteId: string;
  ownerId: string;
  personId: string;
  acr: Acr;
  certificateNotAfter: string | null;
  recognisedAt: string;
  expiresAt: string;
}
export interface Challenge {
  id: string;
  nonce: string;
  purpose: ChallengePurpose;
  /** The terminal's owner, or the verifier whose own registration page asked. */
  tenantId: string;
  /** Null for a verifier's own registration page. */
  terminalId: string | null;
  /** PIN-less: the person whose certificate started it. */
  personId: string | null;
  authSerialHex: string | null;
  registrationSessionId: string | null;
  expiresAt: string;
  usedAt: string | null;
  createdAt: string;
}
export interface RegistrationSession {
  id: string;
  operatorId: string;
  terminalId: string;
  contractId: string;
  memberId: string;
  expiresAt: string;
  usedAt: string | null;
  createdAt: string;
}
export interface Session {
  id: string;
  cableId: string;
  operatorId: string;
  terminalId: string;
  acr: Acr;
  siteKind: SiteKind;
  refreshTokenHash: string;
  refreshExpiresAt: string;
  revokedAt: string | null;
  createdAt: string;
}
export interface Enrolment {
  cableId: string;
  serviceId: string;
  providerId: string;
  pairwiseId: string;
  providerUserId: string;
  enrolledAt: string;
}
export interface UsageRecord {
  id: string;
  providerId: string;
  idempotencyKey: string;
  requestHash: string;
  cableId: string;
  operatorId: string;
  serviceId: string;
  kind: "charge" | "reversal";
  amountYen: number;
  taxRatePercent: number;
  description: string;
  occurredAt: string;
  providerReference: string;
  reversesUsageId: string | null;
  createdAt: string;
}
export interface SettlementRecord {
  id: string;
  operatorId: string;
  providerId: string;
  month: string;
  idempotencyKey: string;
  requestHash: string;
  body: unknown;
  createdAt: string;
}
export type OutboxStatus = "pending" | "delivered" | "dead";
/** Who an outbox event is for: each destination is delivered to independently of the others. */
export interface OutboxDestination {
  targetKind: "operator" | "verifier" | "provider";
  targetId: string;
}
/** One destination's queue at a glance (metrics, the administrator console). */
export interface OutboxDestinationStats extends OutboxDestination {
  pending: number;
  /** Pending events whose last attempt failed (retrying). */
  retrying: number;
  dead: number;
  oldestPendingAt: string | null;
}
/** `failed`: pending events whose last attempt failed and that wait for their retry. */
export type OutboxListStatus = OutboxStatus | "failed";
export interface OutboxEvent {
  id: string;
  targetKind: "operator" | "verifier" | "provider";
  targetId: string;
  type: string;
  /** The serialized Standard Webhooks body, exactly as it is signed and sent. */
  payload: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}
export type NewOutboxEvent = Pick<OutboxEvent, "id" | "targetKind" | "targetId" | "type" | "payload">;
export interface AuditEntry {
  event: string;
  outcome: "success" | "failure";
  code?: string | null;
  actorKind:
    | "terminal"
    | "viewer"
    | "operator"
    | "verifier"
    | "institution"
    | "provider"
    | "admin"
    | "system";
  actorId?: string | null;
  /** The tenant the event happened for: the terminal's owner, the calling verifier or institution… */
  tenantId?: string | null;
  terminalId?: string | null;
  /** The account concerned (cable ID, 共通的PFID): opaque; never a person ID, serial or birth date. */
  accountId?: string | null;
  requestId?: string | null;
}
export interface AuditRow extends AuditEntry {
  seq: number;
  at: string;
}
export interface AuditSearch {
  event?: string | undefined;
  outcome?: "success" | "failure" | undefined;
  /** The tenant the row concerns (an operator, an insurer, a medical institution, a provider). */
  tenantId?: string | undefined;
  code?: string | undefined;
  /** Rows older than this sequence number (the next page). */
  beforeSeq?: number | undefined;
  limit: number;
}
export interface MeterIncrement {
  tenantId: string;
  month: string;
  metric: string;
  by?: number;
}
/** What rides along with a business change in the same transaction. */
export interface SideEffects {
  events?: NewOutboxEvent[];
  audit?: AuditEntry[];
  meters?: MeterIncrement[];
}

export interface TenantRepository {
  /**
   * Creates or updates a tenant with the settings of its roles, in one transaction: `verifier` and `provider`
   * (with its services, replacing the provider's earlier ones) replace the stored ones when given, are kept when
   * not, and are removed when the tenant no longer holds the role.
   */
  saveTenant(
    input: {
      tenant: Tenant;
      verifier?: VerifierSettings;
      provider?: { settings: ProviderSettings; services: Service[] };
    },
    effects?: SideEffects,
  ): Promise<void>;
  getTenant(id: string): Promise<Tenant | undefined>;
  listTenants(): Promise<Tenant[]>;
  findTenantByApiKeyHash(hash: string): Promise<Tenant | undefined>;
  /** The tenant of an API key with its provider settings, in one read (a provider's every API call needs both). */
  findProviderTenantByApiKeyHash(
    hash: string,
  ): Promise<{ tenant: Tenant; settings: ProviderSettings } | undefined>;
  getVerifier(tenantId: string): Promise<VerifierSettings | undefined>;
  getProviderSettings(tenantId: string): Promise<ProviderSettings | undefined>;
  /** Records that the terminal presented an accepted assertion at `at`. */
  recordTerminalUse(terminalId: string, at: string): Promise<void>;
  /** When each terminal that was ever used was last used, by terminal ID. */
  terminalLastUse(): Promise<Map<string, string>>;
  listServices(): Promise<Service[]>;
  getService(id: string): Promise<Service | undefined>;
  /** Creates or updates a site with its verifiers (in order) and services. */
  saveSite(site: Site, effects?: SideEffects): Promise<void>;
  getSite(id: string): Promise<Site | undefined>;
  listSites(filter?: { ownerId?: string }): Promise<Site[]>;
  upsertTerminal(terminal: Terminal, effects?: SideEffects): Promise<void>;
  getTerminal(id: string): Promise<Terminal | undefined>;
  listTerminals(filter: { ownerId?: string; siteId?: string }): Promise<Terminal[]>;
  /**
   * Every tenant (by ID) with its verifier settings, if any, and the reception sites it owns (channel `reception`,
   * by ID) each with its number of terminals: the administrator console's medical list in a fixed number of reads,
   * however many tenants and sites there are.
   */
  listTenantsWithReceptions(): Promise<TenantWithReceptions[]>;
}

/** A tenant as the administrator console's medical list reads it (`TenantRepository.listTenantsWithReceptions`). */
export interface TenantWithReceptions {
  tenant: Tenant;
  verifier: VerifierSettings | undefined;
  receptions: { site: Site; terminals: number }[];
}

export interface PersonRepository {
  getPerson(id: string): Promise<Person | undefined>;
  findCertificate(serialHex: string, kind: CertificateKind): Promise<CertificateRecord | undefined>;
  /** Every certificate of the person, both kinds and all generations. */
  listCertificates(personId: string): Promise<CertificateRecord[]>;
  getAccount(verifierId: string, personId: string): Promise<Account | undefined>;
  /** The account the PF issued with this ID (to whichever verifier). */
  findAccount(accountId: string): Promise<Account | undefined>;
  /** The person's accounts, oldest first. */
  listAccounts(personId: string): Promise<Account[]>;
  /**
   * One registration, in one transaction: the person (created, or birth date updated), the account at the
   * verifier (created, or its link status updated), the certificates (marking older ones of the same kind of the
   * person superseded), the card binding, and the assisted-registration session it used. False, with nothing
   * written, when that assisted-registration session was already used.
   */
  saveRegistration(
    input: {
      person: Person;
      isNewPerson: boolean;
      account: Account;
      isNewAccount: boolean;
      certificates: CertificateRecord[];
      consumeRegistrationSession?: { id: string; at: string };
      /** The card bound by this registration (replaces the person's binding). */
      cardBinding?: CardBinding;
    },
    effects?: SideEffects,
  ): Promise<boolean>;
  /** Records certificates of a known person (a renewed card found through J-LIS's linkage at a login). */
  addCertificates(certificates: CertificateRecord[], effects?: SideEffects): Promise<void>;
  setLinkStatus(
    accountId: string,
    status: "linked" | "pending",
    at: string,
    effects?: SideEffects,
  ): Promise<void>;
  getBinding(personId: string): Promise<CardBinding | undefined>;
  /** Binds the card to the person, replacing any earlier binding. */
  saveBinding(binding: CardBinding, effects?: SideEffects): Promise<void>;
  /** Registered certificates of a kind not yet marked revoked, in serial order after `afterSerialHex` (paging). */
  listUnrevokedCertificates(
    kind: CertificateKind,
    afterSerialHex: string,
    limit: number,
  ): Promise<Pick<CertificateRecord, "serialHex" | "status">[]>;
  /**
   * Marks a certificate revoked unless it already is, and then only, in the same transaction: ends the open
   * sessions of all the person's accounts when `endSessionsAt` is given, and writes `effects`. A revocation is
   * recorded once however many checks find it.
   */
  recordCertificateRevocation(
    input: { serialHex: string; kind: CertificateKind; endSessionsAt?: string },
    effects?: SideEffects,
  ): Promise<{ recorded: boolean; sessionsEnded: number }>;
  /**
   * The site owner's reference for the person: the existing one, or `candidate` stored now (atomically: two
   * concurrent first recognitions get the same reference).
   */
  referenceFor(candidate: PersonReference): Promise<{ reference: PersonReference; created: boolean }>;
  findReference(ownerId: string, reference: string): Promise<PersonReference | undefined>;
  getReference(ownerId: string, personId: string): Promise<PersonReference | undefined>;
}

export interface RecognitionRepository {
  createRecognition(recognition: Recognition, effects?: SideEffects): Promise<void>;
  getRecognition(id: string): Promise<Recognition | undefined>;
  deleteExpiredRecognitions(before: string): Promise<number>;
}

export interface ChallengeRepository {
  createChallenge(challenge: Challenge, effects?: SideEffects): Promise<void>;
  getChallenge(id: string): Promise<Challenge | undefined>;
  /** Atomically marks the challenge used; false when it was already used (single use under races). */
  consumeChallenge(id: string, at: string): Promise<boolean>;
  createRegistrationSession(session: RegistrationSession, effects?: SideEffects): Promise<void>;
  /** The newest open assisted-registration session for this terminal, if any. */
  findOpenRegistrationSession(terminalId: string, now: string): Promise<RegistrationSession | undefined>;
  getRegistrationSession(id: string): Promise<RegistrationSession | undefined>;
  deleteExpiredChallenges(before: string): Promise<number>;
}

export interface SessionRepository {
  createSession(session: Session, effects?: SideEffects): Promise<void>;
  getSession(id: string): Promise<Session | undefined>;
  findSessionByRefreshHash(hash: string): Promise<Session | undefined>;
  /** The session a refresh token belonged to before it was rotated away. */
  findSessionByRetiredRefreshHash(hash: string): Promise<Session | undefined>;
  /**
   * Replaces the refresh token only if it still is `expectedHash` (rotation is single use), and keeps the old
   * hash as retired, in the same transaction.
   */
  rotateRefreshToken(
    id: string,
    expectedHash: string,
    nextHash: string,
    expiresAt: string,
    at: string,
  ): Promise<boolean>;
  /** Forgets retired refresh-token hashes retired before `before`. */
  deleteRetiredRefreshTokens(before: string): Promise<number>;
  revokeSession(id: string, at: string, effects?: SideEffects): Promise<void>;
}

export interface EnrolmentRepository {
  getEnrolment(cableId: string, serviceId: string): Promise<Enrolment | undefined>;
  listEnrolments(cableId: string): Promise<Enrolment[]>;
  findByPairwiseId(providerId: string, pairwiseId: string): Promise<Enrolment | undefined>;
  saveEnrolment(enrolment: Enrolment, effects?: SideEffects): Promise<void>;
}

export interface UsageRepository {
  findUsageByIdempotencyKey(providerId: string, key: string): Promise<UsageRecord | undefined>;
  findUsageByReference(
    providerId: string,
    reference: string,
    kind: "charge" | "reversal",
  ): Promise<UsageRecord | undefined>;
  getUsage(id: string): Promise<UsageRecord | undefined>;
  saveUsage(record: UsageRecord, effects?: SideEffects): Promise<void>;
  findSettlementByIdempotencyKey(operatorId: string, key: string): Promise<SettlementRecord | undefined>;
  saveSettlement(record: SettlementRecord, effects?: SideEffects): Promise<void>;
}

export interface OutboxRepository {
  /**
   * Takes up to `limit` due events of one destination, oldest first, for `holder` until `leaseUntil`: nobody else
   * gets them while the lease lasts, and they are due again for any worker once it has passed without an outcome
   * (the worker died). Nothing is taken while another worker holds a live lease on the destination's events, so a
   * destination's events go out in order however many workers there are. Of two workers claiming at once, each
   * event goes to at most one of them.
   */
  claimDue(input: {
    destination: OutboxDestination;
    now: string;
    limit: number;
    holder: string;
    leaseUntil: string;
  }): Promise<OutboxEvent[]>;
  /** Lets go of `holder`'s claim on the events it did not get to (its pass stopped early); they are due again. */
  releaseClaims(holder: string, ids: string[]): Promise<void>;
  /** Pending events whose next attempt is due and that nobody holds, oldest first (of one destination, when given). */
  listDue(now: string, limit: number, destination?: OutboxDestination): Promise<OutboxEvent[]>;
  /** The destinations that have an event due now that nobody holds. */
  listDueDestinations(now: string): Promise<OutboxDestination[]>;
  /** Pending, retrying and dead counts and the oldest pending event of every destination that has any. */
  destinationStats(): Promise<OutboxDestinationStats[]>;
  list(filter: { status?: OutboxListStatus; limit: number }): Promise<OutboxEvent[]>;
  get(id: string): Promise<OutboxEvent | undefined>;
  /** Records the delivery and ends the lease. */
  markDelivered(id: string, at: string): Promise<void>;
  /** Records a failed attempt and ends the lease; an event delivered meanwhile (by a later claim) stays delivered. */
  markAttemptFailed(
    id: string,
    input: { error: string; nextAttemptAt: string; giveUp: boolean },
  ): Promise<void>;
  /** Puts a dead event back in the queue (admin action). */
  requeue(id: string, at: string): Promise<boolean>;
}

export interface MeteringRepository {
  record(effects: SideEffects): Promise<void>;
  monthCounts(tenantId: string, month: string): Promise<Record<string, number>>;
  listAudit(filter: { afterSeq?: number; limit: number }): Promise<AuditRow[]>;
  /** Audit rows newest first, filtered (an event name matches by prefix: `login` finds `login.pin`). */
  searchAudit(filter: AuditSearch): Promise<AuditRow[]>;
}

export interface KeyValueRepository {
  get(key: string): Promise<string | undefined>;
  /** Stores the value unless the key exists; returns the stored value (first writer wins). */
  putIfAbsent(key: string, value: string): Promise<string>;
  /** Removes the key (a secret moved out of the database). */
  delete(key: string): Promise<void>;
}

/**
 * One-time IDs (terminal-assertion jti) remembered until they expire. `rememberIfNew` is atomic: of two concurrent
 * calls with the same key, exactly one answers true — by a unique key in the store, never by read-then-write.
 */
export interface ReplayGuardStore {
  /** True when `key` was not remembered (or only expired); it is remembered until `expiresAt` from now on. */
  rememberIfNew(key: string, expiresAt: Date, now: Date): Promise<boolean>;
  /** Forgets keys expired before `now`; answers how many. */
  sweepExpired(now: Date): Promise<number>;
}

/**
 * Shared rate limits, so several PF instances draw on one budget. Keys are opaque (an HMAC of the limit's name and
 * its subject, made by the caller): no terminal ID or certificate serial reaches these rows in clear. Each decision
 * is one atomic statement, never read-then-write, so concurrent requests at several instances are all counted.
 */
export interface RateLimitRepository {
  /**
   * Token bucket: refills the key's bucket for the time since its last request (`refillPerSecond`, up to
   * `capacity`; a new key starts full, and a clock stepped backwards refills nothing), then takes one token, or
   * refuses without taking and answers the tokens left (fewer than one).
   */
  take(
    key: string,
    bucket: { capacity: number; refillPerSecond: number },
    nowMs: number,
  ): Promise<{ allowed: true } | { allowed: false; tokens: number }>;
  /** The key's window still open at `nowMs`: its failures and when it ends (undefined without one). */
  failureWindow(key: string, nowMs: number): Promise<{ failures: number; endsAtMs: number } | undefined>;
  /** Counts one failure (a new window of `windowMs` when none is open); answers the count in the window. */
  recordFailure(key: string, windowMs: number, nowMs: number): Promise<number>;
  /** Forgets the key's failures (a successful login). */
  clearFailures(key: string): Promise<void>;
  /** Forgets full buckets and ended windows at `now`; answers how many rows went. */
  sweepExpired(now: Date): Promise<number>;
}

/** A cached OCSP answer in the shared level (`revocation/ocsp-cache.ts`), by an opaque key. */
export interface OcspAnswerRecord {
  status: "good" | "revoked" | "unknown";
  /** A revoked answer's RFC 5280 reason name and revocation time; null otherwise. */
  reason: string | null;
  revokedAt: string | null;
  /** Epoch milliseconds after which the answer may not be used. */
  expiresAtMs: number;
}

/** The shared level of the OCSP answer cache: one row per certificate (by an HMAC of its kind and serial). */
export interface OcspAnswerRepository {
  /** The answer kept for the key if it is still valid at `nowMs`. */
  get(key: string, nowMs: number): Promise<OcspAnswerRecord | undefined>;
  /** Keeps the answer (a later one for the same key replaces it). */
  put(key: string, answer: OcspAnswerRecord): Promise<void>;
  /** Removes answers expired at `nowMs`, then the soonest-expiring past `maxRows`; answers how many of each. */
  sweep(nowMs: number, maxRows: number): Promise<{ expired: number; evicted: number }>;
}

export type { RetentionRepository };

export interface PfStore {
  crossDevice: import("./cross-device-repository.ts").CrossDeviceRequestRepository;
  tenants: TenantRepository;
  people: PersonRepository;
  recognitions: RecognitionRepository;
  challenges: ChallengeRepository;
  sessions: SessionRepository;
  enrolments: EnrolmentRepository;
  usage: UsageRepository;
  outbox: OutboxRepository;
  metering: MeteringRepository;
  keyValues: KeyValueRepository;
  replayGuard: ReplayGuardStore;
  rateLimits: RateLimitRepository;
  ocspAnswers: OcspAnswerRepository;
  retention: RetentionRepository;
  /** Closes the database (SQLite's file, PostgreSQL's pool: waits for the queries under way). */
  close(): Promise<void>;
}
