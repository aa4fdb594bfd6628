/**
 * @module What the administrator console stores: its staff (scrypt hashes) and their sessions (by token hash).
 * `storage/sqlite-admin-accounts.ts` implements it on the PF's database.
 */
export type AdminRole = "admin" | "staff";

export interface AdminStaff {
  loginId: string;
  displayName: string;
  /** `admin` may change things (terminals, requeue); `staff` reads. */
  role: AdminRole;
  passwordHash: string;
  createdAt: string;
}

export interface AdminSession {
  idHash: string;
  loginId: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
}

export interface AdminAccounts {
  staffByLoginId(loginId: string): Promise<AdminStaff | undefined>;
  /** Adds the staff member unless the login ID exists (first start seeds; a restart changes nothing). */
  addStaffIfAbsent(staff: AdminStaff): Promise<boolean>;
  createSession(session: AdminSession): Promise<void>;
  getSession(idHash: string): Promise<AdminSession | undefined>;
  touchSession(idHash: string, at: string): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  /** Removes sessions idle since `idleBefore` or opened before `openedBefore`; answers how many. */
  deleteExpiredSessions(idleBefore: string, openedBefore: string): Promise<number>;
}
