/**
 * @module The administrator console's staff and sessions on the PF's SQLite database, through a connection of
 * its own (WAL: it never blocks the PF's store; both apply the same drizzle-kit migrations).
 */
import { eq, lt, or } from "drizzle-orm";
import { adminSessions, adminStaff } from "../../storage/schema.ts";
import { openDatabase } from "../../storage/sqlite/database.ts";
import type { AdminAccounts, AdminStaff } from "../domain/admin-accounts.ts";

/** `path` ":memory:" gives a private in-memory database (tests). */
export function createSqliteAdminAccounts(path: string): AdminAccounts & { close(): void } {
  const { db, close } = openDatabase(path);
  return {
    close,
    async staffByLoginId(loginId) {
      return db.select().from(adminStaff).where(eq(adminStaff.loginId, loginId)).get() as
        | AdminStaff
        | undefined;
    },
    async addStaffIfAbsent(staff) {
      return db.insert(adminStaff).values(staff).onConflictDoNothing().run().changes === 1;
    },
    async createSession(session) {
      db.insert(adminSessions).values(session).run();
    },
    async getSession(idHash) {
      return db.select().from(adminSessions).where(eq(adminSessions.idHash, idHash)).get();
    },
    async touchSession(idHash, at) {
      db.update(adminSessions).set({ lastSeenAt: at }).where(eq(adminSessions.idHash, idHash)).run();
    },
    async deleteSession(idHash) {
      db.delete(adminSessions).where(eq(adminSessions.idHash, idHash)).run();
    },
    async deleteExpiredSessions(idleBefore, openedBefore) {
      return db
        .delete(adminSessions)
        .where(or(lt(adminSessions.lastSeenAt, idleBefore), lt(adminSessions.createdAt, openedBefore)))
        .run().changes;
    },
  };
}
