/**
 * @module The healthcare provider's storage, as repository interfaces over the provider's own record types. Every
 * call is asynchronous and a transaction hands its own repositories to the work it runs, so an asynchronous
 * database (PostgreSQL) needs only another implementation; SQLite implements them today (`db/`).
 */
import type { ConsentRecord, EnrolledUser, OperatorDirectory } from "@catv/provider-kit";
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

export interface UserRepository {
  findByPairwiseId(pairwiseId: string): Promise<HealthUser | undefined>;
  /** Inserts the user and their generated history together. */
  insert(user: HealthUser, history: HealthHistory): Promise<void>;
  updateConsent(id: string, consent: ConsentRecord): Promise<void>;
  setOperator(pairwiseId: string, operatorId: string): Promise<void>;
  /** Deletes the user; every health row goes with it. */
  delete(id: string): Promise<void>;
}

export interface HealthRecordRepository {
  checkups(userId: string): Promise<Checkup[]>;
  steps(userId: string, limit: number): Promise<MonthlySteps[]>;
  vaccinations(userId: string): Promise<Vaccination[]>;
  notices(userId: string): Promise<Notice[]>;
  /** Counts of rows still held for a user (for tests and the unenrolment log). */
  rowCounts(userId: string): Promise<number>;
}

export interface UsageCountRepository {
  /** Adds one to a month's count of a kind of use for an operator. */
  add(month: string, operatorId: string, kind: UsageKind): Promise<void>;
  list(): Promise<{ month: string; operatorId: string; kind: UsageKind; count: number }[]>;
}

export interface EventRepository {
  /** Stores an event once; false when its ID was seen before. */
  recordIfNew(event: { id: string; type: string; receivedAt: string; payload: string }): Promise<boolean>;
  /** Raw JSON of every stored event of a type, oldest first. */
  payloads(type: string): Promise<string[]>;
  /** The operator of an `enrolment.created` event stored before the enrolment itself arrived. */
  operatorForEnrolment(pairwiseId: string): Promise<string | undefined>;
}

/** Every repository of the provider, as the store gives them and as a transaction gives them. */
export interface HealthRepositories {
  users: UserRepository;
  records: HealthRecordRepository;
  usage: UsageCountRepository;
  events: EventRepository;
  operators: OperatorDirectory;
}

export interface HealthStore extends HealthRepositories {
  /**
   * Runs `fn` in one write transaction with repositories bound to it: all of it is stored, or none. Inside,
   * use only `tx`'s repositories.
   */
  transaction<T>(fn: (tx: HealthRepositories) => Promise<T>): Promise<T>;
}
