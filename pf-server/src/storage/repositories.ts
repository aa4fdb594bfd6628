/**
 * @module Storage interfaces of the PF. Domain code depends on these only; `sqlite/` implements them today and a
 * PostgreSQL implementation can be added beside it. Methods that change business data take the outbox events,
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
export interface Operator {
  id: string;
  name: string;
  town: string;
  prefecture: string;
  apiKeyHash: string;
  revocationPolicy: RevocationPolicy;
  branding: Branding;
  webhookUrl: string | null;
  webhookSecret: string | null;
  /** Absolute session lifetime in days (operator policy): a session ends this long after its login. */
  sessionLifetimeDays: number;
  /**
   * Logins across operators: a viewer registered with operator A logs in on operator B's STB only when both A and
   * B allow it (default off).
   */
  crossOperatorLogins: boolean;
  createdAt: string;
  updatedAt: string;
}
export interface Terminal {
  id: string;
  operatorId: string;
  publicJwk: import("jose").JWK;
  status: "active" | "disabled";
  createdAt: string;
}
export interface Provider {
  id: string;
  name: string;
  apiBaseUrl: string;
  webhookUrl: string | null;
  webhookSecret: string | null;
  apiKeyHash: string;
  pinlessAllowed: boolean;
  createdAt: string;
  updatedAt: string;
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
export interface Viewer {
  cableId: string;
  operatorId: string;
  birthDate: string;
  householdLink: "linked" | "pending";
  consentTextVersion: string;
  consentAcceptedAt: string;
  registeredAt: string;
  updatedAt: string;
}
/** The 券面 key bound to a viewer for PIN-less login (schema.ts `card_bindings`). */
export interface CardBinding {
  cableId: string;
  subjectKeyId: string;
  publicKeySha256: string;
  boundBy: "registration" | "pin-login";
  boundAt: string;
}
export type CertificateKind = "sign" | "auth";
export interface CertificateRecord {
  serialHex: string;
  kind: CertificateKind;
  cableId: string;
  notAfter: string;
  status: "active" | "superseded" | "revoked";
  createdAt: string;
}
export interface Challenge {
  id: string;
  nonce: string;
  purpose: ChallengePurpose;
  operatorId: string;
  terminalId: string;
  cableId: string | null;
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
  targetKind: "operator" | "provider";
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
  targetKind: "operator" | "provider";
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
  actorKind: "terminal" | "viewer" | "operator" | "provider" | "admin" | "system";
  actorId?: string | null;
  operatorId?: string | null;
  terminalId?: string | null;
  cableId?: string | null;
  requestId?: string | null;
}
export interface AuditRow extends AuditEntry {
  seq: number;
  at: string;
}
export interface AuditSearch {
  event?: string | undefined;
  outcome?: "success" | "failure" | undefined;
  operatorId?: string | undefined;
  code?: string | undefined;
  /** Rows older than this sequence number (the next page). */
  beforeSeq?: number | undefined;
  limit: number;
}
export interface MeterIncrement {
  operatorId: string;
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
  upsertOperator(operator: Operator, effects?: SideEffects): Promise<void>;
  getOperator(id: string): Promise<Operator | undefined>;
  listOperators(): Promise<Operator[]>;
  findOperatorByApiKeyHash(hash: string): Promise<Operator | undefined>;
  upsertTerminal(terminal: Terminal, effects?: SideEffects): Promise<void>;
  getTerminal(id: string): Promise<Terminal | undefined>;
  listTerminals(operatorId: string): Promise<Terminal[]>;
  /** Records that the terminal presented an accepted assertion at `at`. */
  recordTerminalUse(terminalId: string, at: string): Promise<void>;
  /** When each terminal that was ever used was last used, by terminal ID. */
  terminalLastUse(): Promise<Map<string, string>>;
  upsertProvider(provider: Provider, services: Service[], effects?: SideEffects): Promise<void>;
  getProvider(id: string): Promise<Provider | undefined>;
  listProviders(): Promise<Provider[]>;
  findProviderByApiKeyHash(hash: string): Promise<Provider | undefined>;
  listServices(): Promise<Service[]>;
  getService(id: string): Promise<Service | undefined>;
}

export interface ViewerRepository {
  getViewer(cableId: string): Promise<Viewer | undefined>;
  findCertificate(serialHex: string, kind: CertificateKind): Promise<CertificateRecord | undefined>;
  /**
   * Creates the viewer (if new) or updates its birth date and household link, records certificates (marking older
   * ones of the same kind superseded), and consumes the assisted-registration session it used — all in one
   * transaction. False, with nothing written, when that assisted-registration session was already used.
   */
  saveRegistration(
    input: {
      viewer: Viewer;
      isNew: boolean;
      certificates: CertificateRecord[];
      consumeRegistrationSession?: { id: string; at: string };
      /** The card bound by this registration (replaces the viewer's binding). */
      cardBinding?: CardBinding;
    },
    effects?: SideEffects,
  ): Promise<boolean>;
  setHouseholdLink(
    cableId: string,
    status: "linked" | "pending",
    at: string,
    effects?: SideEffects,
  ): Promise<void>;
  /** Registered certificates of a kind not yet marked revoked, in serial order after `afterSerialHex` (paging). */
  listUnrevokedCertificates(
    kind: CertificateKind,
    afterSerialHex: string,
    limit: number,
  ): Promise<Pick<CertificateRecord, "serialHex" | "status">[]>;
  /**
   * Marks a certificate revoked unless it already is, and then — in the same transaction — revokes the open
   * sessions of `endSessionsOf` and writes `effects`. False (and nothing written) when it was already revoked or
   * unknown: a revocation is recorded once however many checks find it.
   */
  recordCertificateRevoked(
    input: { serialHex: string; kind: CertificateKind; at: string; endSessionsOf: string | null },
    effects?: SideEffects,
  ): Promise<boolean>;
}

export interface CardBindingRepository {
  getBinding(cableId: string): Promise<CardBinding | undefined>;
  /** Binds the card to the viewer, replacing any earlier binding. */
  saveBinding(binding: CardBinding, effects?: SideEffects): Promise<void>;
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
  /** Pending events whose next attempt is due, oldest first (of one destination, when given). */
  listDue(now: string, limit: number, destination?: OutboxDestination): Promise<OutboxEvent[]>;
  /** The destinations that have an event due now. */
  listDueDestinations(now: string): Promise<OutboxDestination[]>;
  /** Pending, retrying and dead counts and the oldest pending event of every destination that has any. */
  destinationStats(): Promise<OutboxDestinationStats[]>;
  list(filter: { status?: OutboxListStatus; limit: number }): Promise<OutboxEvent[]>;
  get(id: string): Promise<OutboxEvent | undefined>;
  markDelivered(id: string, at: string): Promise<void>;
  markAttemptFailed(
    id: string,
    input: { error: string; nextAttemptAt: string; giveUp: boolean },
  ): Promise<void>;
  /** Puts a dead event back in the queue (admin action). */
  requeue(id: string, at: string): Promise<boolean>;
}

export interface MeteringRepository {
  record(effects: SideEffects): Promise<void>;
  monthCounts(operatorId: string, month: string): Promise<Record<string, number>>;
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

export type { RetentionRepository };

export interface PfStore {
  crossDevice: import("./cross-device-repository.ts").CrossDeviceRequestRepository;
  tenants: TenantRepository;
  viewers: ViewerRepository;
  cardBindings: CardBindingRepository;
  challenges: ChallengeRepository;
  sessions: SessionRepository;
  enrolments: EnrolmentRepository;
  usage: UsageRepository;
  outbox: OutboxRepository;
  metering: MeteringRepository;
  keyValues: KeyValueRepository;
  replayGuard: ReplayGuardStore;
  retention: RetentionRepository;
  close(): void;
}
