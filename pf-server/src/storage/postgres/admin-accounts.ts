/**
 * @module The administrator console's staff and sessions on the PF's PostgreSQL database (the same tables as the
 * SQLite side, `admin-console/storage/sqlite-admin-accounts.ts`), through the PF's pool.
 */
import { eq, lt, or } from "drizzle-orm";
import type { AdminAccounts, AdminStaff } from "../../admin-console/domain/admin-accounts.ts";
import { changed, type PgDb } from "./database.ts";
import { adminSessions, adminStaff } from "./schema.ts";

export function createPgAdminAccounts(db: PgDb): AdminAccounts {
  return {
    async staffByLoginId(loginId) {
      const rows = await db.select().from(adminStaff).where(eq(adminStaff.loginId, loginId));
      return rows[0] as AdminStaff | undefined;
    },
    async addStaffIfAbsent(staff) {
      const result = await db
        .insert(adminStaff)
        .values(staff)
        .onConflictDoNothing({ target: adminStaff.loginId });
      return changed(result) === 1;
    },
    async createSession(session) {
      await db.insert(adminSessions).values(session);
    },
    async getSession(idHash) {
      return (await db.select().from(adminSessions).where(eq(adminSessions.idHash, idHash)))[0];
    },
    async touchSession(idHash, at) {
      await db.update(adminSessions).set({ lastSeenAt: at }).where(eq(adminSessions.idHash, idHash));
    },
    async deleteSession(idHash) {
      await db.delete(adminSessions).where(eq(adminSessions.idHash, idHash));
    },
    async deleteExpiredSessions(idleBefore, openedBefore) {
      return changed(
        await db
          .delete(adminSessions)
          .where(or(lt(adminSessions.lastSeenAt, idleBefore), lt(adminSessions.createdAt, openedBefore))),
      );
    },
  };
}
