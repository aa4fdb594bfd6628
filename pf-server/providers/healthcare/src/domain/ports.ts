/**
 * @module The healthcare provider's storage, as a repository interface the use cases depend on.
 */
import type { ConsentRecord, EnrolledUser } from "@catv/provider-kit";
import type { CheckupItem, Sex } from "./reference-ranges.ts";

/** An enrolled viewer: the kit's user record plus the sample profile their history was generated for. */
export interface HealthUser extends EnrolledUser {
  sampleSex: Sex;
  sampleAge: number;
}

export type Checkup = { fiscalYear: number; examDate: string } & Record<CheckupItem, number>;

export interface MonthlySteps {
  month: string;
  totalSteps: number;
  averageDaily: number;
}

export interface Vaccination {
  vaccine: string;
  dose: number;
  date: string;
  place: string;
}

export interface Notice {
  id: string;
  publishedAt: string;
  category: "checkup" | "guidance" | "vaccination" | "event";
  title: string;
  body: string;
}

export interface HealthHistory {
  checkups: Checkup[];
  steps: MonthlySteps[];
  vaccinations: Vaccination[];
  notices: Notice[];
}

export type UsageKind = "enrolment" | "unenrolment" | "view";

export interface HealthStore {
  findUser(pairwiseId: string): HealthUser | undefined;
  /** Inserts the user and their generated history together. */
  insertUser(user: HealthUser, history: HealthHistory): void;
  updateConsent(id: string, consent: ConsentRecord): void;
  setOperator(pairwiseId: string, operatorId: string): void;
  /** The operator of an `enrolment.created` event stored before the enrolment itself arrived. */
  operatorForEnrolment(pairwiseId: string): string | undefined;
  /** Deletes the user; every health row goes with it (ON DELETE CASCADE). */
  deleteUser(id: string): void;
  checkups(userId: string): Checkup[];
  steps(userId: string, limit: number): MonthlySteps[];
  vaccinations(userId: string): Vaccination[];
  notices(userId: string): Notice[];
  /** Counts of rows still held for a user (for tests and the unenrolment log). */
  rowCounts(userId: string): number;
  /** Adds one to a month's count of a kind of use for an operator. */
  countUsage(month: string, operatorId: string, kind: UsageKind): void;
  usageCounts(): { month: string; operatorId: string; kind: UsageKind; count: number }[];
  /** Raw JSON of every stored event of a type, oldest first. */
  eventPayloads(type: string): string[];
  recordEventIfNew(event: { id: string; type: string; receivedAt: string; payload: string }): boolean;
  transaction<T>(fn: () => T): T;
}
