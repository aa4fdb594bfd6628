/**
 * @module First-run demo seed: the three demo operators with their staff (passwords from the demo credentials file,
 * hashed), terminals and PF secrets, and each town's household register. Operators' secrets are refreshed on every
 * start (the credentials file is the source of truth); households only when the database is new.
 */

import { corporateNumberCheckDigit } from "@catv/contracts/invoice-tax";
import type { DemoCredentials } from "../config.ts";
import { hashPassword } from "../domain/hash-password.ts";
import type { Repositories } from "../domain/repositories.ts";
import { demoHouseholds } from "./demo-households.ts";

/** A demo registration number: "T" + a well-formed 13-digit 法人番号 (check digit first). */
export function demoRegistrationNumber(index: number): string {
  const body = `70011000${String(5900 + index * 17).padStart(4, "0")}`;
  return `T${corporateNumberCheckDigit(body)}${body}`;
}

export async function seedDemo(
  repos: Repositories,
  credentials: DemoCredentials,
  options: { households: boolean; householdsPerTown?: number },
): Promise<void> {
  const hashes = new Map<string, string>();
  for (const operator of credentials.operators) {
    for (const s of operator.staff) {
      if (!(await repos.accounts.staffByLoginId(s.loginId)))
        hashes.set(s.loginId, await hashPassword(s.password));
    }
  }
  await repos.transaction(async (tx) => {
    for (const [index, operator] of credentials.operators.entries()) {
      const existing = await tx.accounts.getOperator(operator.id);
      await tx.accounts.upsertOperator({
        id: operator.id,
        name: operator.name,
        town: operator.town,
        prefecture: operator.prefecture,
        pfApiKey: operator.apiKey,
        webhookSecret: operator.webhookSecret,
        invoiceRegistrationNumber: existing?.invoiceRegistrationNumber ?? demoRegistrationNumber(index),
        collectionFeeBasisPoints: existing?.collectionFeeBasisPoints ?? 500,
        terminalIds: operator.terminals.map((t) => t.terminalId),
      });
      for (const s of operator.staff) {
        const hash = hashes.get(s.loginId);
        if (hash) {
          await tx.accounts.insertStaff({
            operatorId: operator.id,
            loginId: s.loginId,
            displayName: s.displayName,
            role: s.role,
            passwordHash: hash,
          });
        }
      }
      if (options.households && (await tx.households.count(operator.id)) === 0) {
        for (const h of demoHouseholds(operator.town, options.householdsPerTown ?? 100)) {
          await tx.households.create(operator.id, h);
        }
      }
    }
  });
}
