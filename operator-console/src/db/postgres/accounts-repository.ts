/**
 * @module PostgreSQL storage of operators (tenants), their staff accounts and staff sessions.
 */
import { and, eq, lt, or } from "drizzle-orm";
import type { Operator } from "../../domain/records.ts";
import type { AccountsRepository } from "../../domain/repositories.ts";
import type { PgDb } from "./database.ts";
import { operators, sessions, staff } from "./schema.ts";

const toOperator = (row: typeof operators.$inferSelect): Operator => ({
  ...row,
  terminalIds: JSON.parse(row.terminalIds) as string[],
});

export function createPgAccountsRepository(db: PgDb): AccountsRepository {
  return {
    async listOperators() {
      return (await db.select().from(operators).orderBy(operators.id)).map(toOperator);
    },
    async getOperator(id) {
      const [row] = await db.select().from(operators).where(eq(operators.id, id));
      return row && toOperator(row);
    },
    async upsertOperator(row) {
      const values = { ...row, terminalIds: JSON.stringify(row.terminalIds) };
      await db
        .insert(operators)
        .values(values)
        .onConflictDoUpdate({
          target: operators.id,
          set: {
            name: values.name,
            town: values.town,
            prefecture: values.prefecture,
            pfApiKey: values.pfApiKey,
            webhookSecret: values.webhookSecret,
            terminalIds: values.terminalIds,
          },
        });
    },
    async updateOperatorSettings(id, settings) {
      await db
        .update(operators)
        .set({
          invoiceRegistrationNumber: settings.invoiceRegistrationNumber,
          collectionFeeBasisPoints: settings.collectionFeeBasisPoints,
        })
        .where(eq(operators.id, id));
    },
    async staffByLoginId(loginId) {
      const [row] = await db.select().from(staff).where(eq(staff.loginId, loginId));
      return row;
    },
    async staffById(id) {
      const [row] = await db.select().from(staff).where(eq(staff.id, id));
      return row;
    },
    async insertStaff(row) {
      await db.insert(staff).values(row).onConflictDoNothing();
    },
    async createSession(row) {
      await db.insert(sessions).values(row);
    },
    async getSession(idHash) {
      const [row] = await db.select().from(sessions).where(eq(sessions.idHash, idHash));
      return row;
    },
    async touchSession(idHash, at) {
      await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.idHash, idHash));
    },
    async deleteSession(idHash) {
      await db.delete(sessions).where(eq(sessions.idHash, idHash));
    },
    async deleteExpiredSessions(idleBefore, createdBefore) {
      await db
        .delete(sessions)
        .where(or(lt(sessions.lastSeenAt, idleBefore), and(lt(sessions.createdAt, createdBefore))));
    },
  };
}
