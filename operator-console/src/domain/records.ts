/**
 * @module The console's own record types: what the repositories (repositories.ts) take and give back, written
 * as plain TypeScript so that domain code, pages and any storage (SQLite today, PostgreSQL next) share one
 * vocabulary, and no driver's row type leaks into the use cases.
 */
import type { FourInfo } from "@catv/contracts";

// ── Operators, staff, sessions ─────────────────────────────────────────────────────────────────────────────

/** A CATV operator (tenant) served by this deployment. */
export interface Operator {
  id: string;
  name: string;
  town: string;
  prefecture: string;
  /** Bearer secret for calls to the PF. A production deployment keeps it in a secret store. */
  pfApiKey: string;
  /** Standard Webhooks secret (`whsec_…`) the PF signs this operator's events with. */
  webhookSecret: string;
  /** 適格請求書発行事業者登録番号: "T" + 13 digits. */
  invoiceRegistrationNumber: string;
  /** The operator's collection fee (代行回収手数料) in basis points of the amount collected. */
  collectionFeeBasisPoints: number;
  /** STB terminals provisioned by this operator. */
  terminalIds: string[];
}

export type StaffRole = "staff" | "admin";

export interface Staff {
  id: number;
  operatorId: string;
  loginId: string;
  displayName: string;
  role: StaffRole;
  /** `scrypt$N$r$p$salt$hash` (hash-password.ts). */
  passwordHash: string;
}
export type NewStaff = Omit<Staff, "id">;

export interface StaffSession {
  /** SHA-256 of the cookie value: a stolen database does not yield usable session cookies. */
  idHash: string;
  staffId: number;
  operatorId: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
}

// ── Households and members ─────────────────────────────────────────────────────────────────────────────────

/** JIS X 0303: "1" male, "2" female, "9" not applicable. */
export type Gender = "1" | "2" | "9";
export type HouseholdStatus = "active" | "closed";

export interface MemberInput {
  /** Present when editing an existing member. */
  memberId?: string | undefined;
  name: string;
  birthDate: string;
  gender: Gender;
}
export interface HouseholdInput {
  contractId: string;
  address: string;
  plan: string;
  /** Monthly cable fee, tax included (税込), at the standard 10% rate. */
  monthlyFeeYen: number;
  /**
   * 利用開始日 (JST date, `YYYY-MM-DD`). The cable fee is billed from the first month that begins on or after it
   * (a service starting after the 1st is not charged for that month), up to and including the month of closing.
   */
  serviceStartDate: string;
  members: MemberInput[];
}

export interface Member {
  id: number;
  /** Stable member ID shown to staff and sent to the PF for assisted registration. */
  memberId: string;
  name: string;
  birthDate: string;
  gender: Gender;
}

/** What both the full household and the search list show of a contract. */
interface HouseholdContract {
  id: number;
  contractId: string;
  address: string;
  plan: string;
  monthlyFeeYen: number;
  status: HouseholdStatus;
}
export interface Household extends HouseholdContract {
  serviceStartDate: string;
  closedAt: string | null;
  createdAt: string;
  members: Member[];
}
export interface HouseholdSummary extends HouseholdContract {
  memberNames: string;
  linkedCount: number;
}

/** An active member born on a given date, with what automatic matching compares. */
export interface MatchCandidate {
  name: string;
  householdId: number;
  memberRowId: number;
  memberId: string;
  /** The household's normalised address (normalise-address.ts). */
  addressKey: string;
}

/** A member found by the linking screen's search, with the household it belongs to. */
export interface MemberSearchRow extends Member {
  householdId: number;
  contractId: string;
  address: string;
  addressKey: string;
  status: HouseholdStatus;
}

// ── Cable IDs and review notices ───────────────────────────────────────────────────────────────────────────

export type CableIdStatus = "pending" | "linked" | "revoked";
export type LinkMethod = "auto" | "manual" | "assisted";

/** A cable ID the PF registered for one of the operator's viewers, with its household link if any. */
export interface CableIdRecord {
  cableId: string;
  status: CableIdStatus;
  householdId: number | null;
  memberRowId: number | null;
  contractId: string | null;
  memberId: string | null;
  memberName: string | null;
  linkMethod: LinkMethod | null;
  linkedAt: string | null;
  terminalId: string;
  registeredAt: string;
  /** 4情報 shared with the viewer's consent for household matching only. */
  fourInfo: FourInfo;
  revokedAt: string | null;
}
export interface NewCableId {
  cableId: string;
  terminalId: string;
  registeredAt: string;
  fourInfo: FourInfo;
}

export type ReviewKind = "renewed" | "reissued" | "revoked";

/** An "updated" or "revoked" notice from the PF, waiting for staff or already looked at. */
export interface ReviewRecord {
  id: number;
  cableId: string;
  kind: ReviewKind;
  previousFourInfo: FourInfo | null;
  newFourInfo: FourInfo | null;
  detail: string | null;
  receivedAt: string;
  reviewedAt: string | null;
  reviewedBy: string | null;
  contractId: string | null;
  householdId: number | null;
}
export type NewReview = Omit<ReviewRecord, "id" | "reviewedAt" | "reviewedBy" | "contractId" | "householdId">;

// ── Usage ───────────────────────────────────────────────────────────────────────────────────────────────────

export type UsageKind = "charge" | "reversal";

/** A provider's charge or reversal as the PF forwarded it (usage.reported), with the month it is billed in. */
export interface NewUsageRecord {
  usageId: string;
  cableId: string;
  providerId: string;
  providerName: string;
  serviceId: string;
  kind: UsageKind;
  /** Tax-included amount (税込), always positive; a reversal subtracts it. */
  amountYen: number;
  taxRatePercent: number;
  description: string;
  occurredAt: string;
  reversesUsageId: string | null;
  /** The open month this record is billed in; late records move to the next open month. */
  billingMonth: string;
  receivedAt: string;
}

/** A usage record as the usage page lists it: with the household its cable ID is linked to now. */
export interface UsageListRow extends Omit<NewUsageRecord, "receivedAt"> {
  contractId: string | null;
  householdId: number | null;
  /** For a charge a reversal cancels (a refunded cancellation): the reversal's ID and when it happened. */
  reversedByUsageId: string | null;
  reversedAt: string | null;
  /** For a reversal: when the charge it cancels happened, or null when that charge is not on record. */
  reversedChargeAt: string | null;
}

/** Usage of one provider in one billing month: charges counted, the net amount (reversals subtracted). */
export interface ProviderMonthUsage {
  month: string;
  providerId: string;
  providerName: string;
  count: number;
  amountYen: number;
}

export interface ProviderName {
  providerId: string;
  providerName: string;
}

// ── Monthly close, statements, settlements ─────────────────────────────────────────────────────────────────

export interface ClosedMonth {
  month: string;
  closedAt: string;
  closedBy: string;
  collectionFeeBasisPoints: number;
  statementCount: number;
  totalYen: number;
}

/** What closing a month would bill, before it is closed (the confirmation staff see). */
export interface CloseForecast {
  /** Households billed the month's cable fee: in service on the month's 1st and not closed before it. */
  feeHouseholds: number;
  cableFeesYen: number;
  /** Households billed only the month's usage (their service began after the 1st, or they closed before it). */
  usageOnlyHouseholds: number;
}

/** A provider's usage of a month, split by what the close can collect. */
export interface ProviderTotals {
  providerId: string;
  providerName: string;
  recordsCollected: number;
  reversals: number;
  uncollected: number;
  grossYen: number;
}

/** One household's frozen statement of a closed month (適格請求書: totals and tax per rate). */
export interface Statement {
  id: number;
  operatorId: string;
  month: string;
  householdId: number;
  contractId: string;
  address: string;
  total10Yen: number;
  tax10Yen: number;
  total8Yen: number;
  tax8Yen: number;
  total0Yen: number;
  totalYen: number;
}

export type StatementLineKind = "cable_fee" | "charge" | "reversal";

export interface StatementLine {
  id: number;
  statementId: number;
  kind: StatementLineKind;
  usageId: string | null;
  providerId: string | null;
  description: string;
  /** Signed, tax included: reversals are negative. */
  amountYen: number;
  taxRatePercent: number;
}

export type SettlementStatus = "pending" | "accepted";

/** What the operator owes one provider for a closed month, and whether the PF has accepted it. */
export interface Settlement {
  id: number;
  operatorId: string;
  month: string;
  providerId: string;
  providerName: string;
  recordsCollected: number;
  reversals: number;
  uncollected: number;
  grossYen: number;
  collectionFeeYen: number;
  netPayableYen: number;
  status: SettlementStatus;
  pfSettlementId: string | null;
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
}
export type NewSettlement = Omit<Settlement, "id" | "pfSettlementId" | "attempts" | "lastError" | "sentAt">;

/** One usage record of a settlement, as the PF's settlement request lists it. */
export interface SettlementRecord {
  usageId: string;
  status: "collected" | "reversed" | "uncollected";
  amountYen: number;
}

// ── What is owed to the PF or came from it ─────────────────────────────────────────────────────────────────

/** A household-link state owed to the PF, delivered until accepted. */
export interface LinkOutboxItem {
  id: number;
  operatorId: string;
  cableId: string;
  status: "linked" | "pending";
  attempts: number;
  lastError: string | null;
  createdAt: string;
  doneAt: string | null;
}

export interface AssistedRegistration {
  id: number;
  operatorId: string;
  householdId: number;
  memberId: string;
  terminalId: string;
  registrationSessionId: string;
  expiresAt: string;
  openedBy: string;
  openedAt: string;
}
export type NewAssistedRegistration = Omit<AssistedRegistration, "id">;

// ── Audit ───────────────────────────────────────────────────────────────────────────────────────────────────

/** Who did what, when, to which household: IDs and counts only, never names or birth dates. */
export interface AuditEntry {
  id: number;
  operatorId: string;
  at: string;
  staffLoginId: string;
  action: string;
  householdId: number | null;
  contractId: string | null;
  detail: string;
  requestId: string;
}
export type NewAuditEntry = Omit<AuditEntry, "id">;
