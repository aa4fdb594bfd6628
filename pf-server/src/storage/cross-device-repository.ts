/**
 * @module Storage of cross-device requests. Every change of state is one conditional update (`… WHERE status = ?`),
 * so of two phones confirming, or two polls collecting, exactly one wins — never by read-then-write.
 */
import type { CrossDevicePurpose } from "@catv/contracts";
import type { Session, SideEffects } from "./repositories.ts";

export type CrossDeviceStatus = "pending" | "confirmed" | "answered" | "delivered" | "cancelled" | "locked";

export interface CrossDeviceRequest {
  id: string;
  userCodeHash: string;
  purpose: CrossDevicePurpose;
  operatorId: string;
  terminalId: string;
  terminalLabel: string;
  sessionId: string | null;
  status: CrossDeviceStatus;
  challengeId: string | null;
  phoneTokenHash: string | null;
  failedAnswers: number;
  cableId: string | null;
  result: unknown;
  expiresAt: string;
  createdAt: string;
  confirmedAt: string | null;
  answeredAt: string | null;
  deliveredAt: string | null;
}

export interface CrossDeviceRequestRepository {
  create(request: CrossDeviceRequest, effects?: SideEffects): Promise<void>;
  get(id: string): Promise<CrossDeviceRequest | undefined>;
  /** The newest request with this user-code hash, whatever its state (an expired one is refused as expired). */
  findByUserCodeHash(hash: string): Promise<CrossDeviceRequest | undefined>;
  /** pending → confirmed for this phone, with the challenge; false when another phone was first. */
  claim(
    id: string,
    phoneTokenHash: string,
    challengeId: string,
    at: string,
    effects?: SideEffects,
  ): Promise<boolean>;
  /** A new challenge for the phone that holds the request (after an answer that failed verification). */
  replaceChallenge(id: string, challengeId: string): Promise<void>;
  /** Counts a failed answer; at `max` the request becomes `locked`. Answers the count now. */
  countFailedAnswer(id: string, max: number, effects?: SideEffects): Promise<number>;
  /** confirmed → answered with who answered; false when it was not `confirmed` any more. */
  markAnswered(
    id: string,
    cableId: string,
    result: unknown,
    at: string,
    effects?: SideEffects,
  ): Promise<boolean>;
  /** answered → delivered; false when another poll collected it first. */
  markDelivered(id: string, at: string, effects?: SideEffects): Promise<boolean>;
  /** pending or confirmed → cancelled; false when it was already past those. */
  cancel(id: string, effects?: SideEffects): Promise<boolean>;
  /** The operator's newest sessions (any source), for the console's list of where sessions came from. */
  listSessionsOfOperator(operatorId: string, limit: number): Promise<Session[]>;
}
