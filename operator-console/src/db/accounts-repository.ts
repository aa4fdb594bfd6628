/**
 * @module Storage of operators (tenants), their staff accounts and staff sessions.
 */
import { and, eq, lt, or } from "drizzle-orm";
import type { Operator } from "../domain/records.ts";
import type { AccountsRepository } from "../domain/repositories.ts";
import type { Db } from "./open-database.ts";
import { operators, sessions, staff } from "./schema.ts";
import type { Synchronous } from "./synchronous.ts";

const toOperator = (row: typeof operators.$inferSelect): Operator => ({
  ...row,
  terminalIds: JSON.parse(row.terminalIds) as string[],
});

export function createAccountsRepository(db: Db): Synchronous<AccountsRepository> {
  return {
    listOperators() {
      return db.select().from(operators).all().map(toOperator);
    },
    getOperator(id) {
      const row = db.select().from(operators).where(eq(operators.id, id)).get();
      return row && toOperator(row);
    },
    upsertOperator(row) {
      const values = { ...row, terminalIds: JSON.stringify(row.terminalIds) };
      db.insert(operators)
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
        })
        .run();
    },
    updateOperatorSettings(id, settings) {
      db.update(operators)
        .set({
          invoiceRegistrationNumber: settings.invoiceRegistrationNumber,
          collectionFeeBasisPoints: settings.collectionFeeBasisPoints,
        })
        .where(eq(operators.id, id))
        .run();
    },
    staffByLoginId(loginId) {
      return db.select().from(staff).where(eq(staff.loginId, loginId)).get();
    },
    staffById(id) {
      return db.select().from(staff).where(eq(staff.id, id)).get();
    },
    insertStaff(row) {
      db.insert(staff).values(row).onConflictDoNothing().run();
    },
    createSession(row) {
      db.insert(sessions).values(row).run();
    },
    getSession(idHash) {
      return db.select().from(sessions).where(eq(sessions.idHash, idHash)).get();
    },
    touchSession(idHash, at) {
      db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.idHash, idHash)).run();
    },
    deleteSession(idHash) {
      db.delete(sessions).where(eq(sessions.idHash, idHash)).run();
    },
    deleteExpiredSessions(idleBefore, createdBefore) {
      db.delete(sessions)
        .where(or(lt(sessions.lastSeenAt, idleBefore), and(lt(sessions.createdAt, createdBefore))))
        .run();
    },
  };
}
