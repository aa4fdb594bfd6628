/**
 * @module Loads the demo installation: the insurers and their staff from the demo credentials file (on every start:
 * names may change; a staff member is added once, with a hashed password), and each insurer's demo 被保険者DB
 * (demo-members.ts) when its register is empty. IDs are derived from the 記号・番号・枝番, so every installation has
 * the same ones.
 */
import { createHash } from "node:crypto";
import type { InsurerConfig } from "../config.ts";
import { hashPassword, OWASP_SCRYPT_COST } from "../domain/password-hash.ts";
import type { Store } from "../domain/ports.ts";
import { DEMO_REGISTERS, type SeedHousehold } from "./demo-members.ts";

/** The moment the demo register was last "updated": fixed, so two installations hold the same rows. */
const SEEDED_AT = "2026-04-01T00:00:00.000Z";

const stableId = (prefix: string, ...parts: (string | null)[]) =>
  `${prefix}_${createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 16)}`;

/** The internal ID of a demo person, as the tests and journeys name them. */
export function demoPersonId(
  insurerId: string,
  symbol: string | null,
  number: string,
  branch: string,
): string {
  return stableId("ip", insurerId, symbol, number, branch);
}

export async function seedDemo(
  store: Store,
  insurers: InsurerConfig[],
  options: { passwordCost?: number; registers?: Record<string, readonly SeedHousehold[]> } = {},
): Promise<{ seededInsurers: string[] }> {
  const registers = options.registers ?? DEMO_REGISTERS;
  const seededInsurers: string[] = [];
  for (const insurer of insurers) {
    await store.insurers.upsert({
      id: insurer.id,
      name: insurer.name,
      kind: insurer.kind,
      insurerNumber: insurer.insurerNumber,
      town: insurer.town,
      prefecture: insurer.prefecture,
    });
    for (const member of insurer.staff) {
      if (await store.staff.byLoginId(member.loginId)) continue;
      await store.staff.upsert({
        insurerId: insurer.id,
        loginId: member.loginId,
        passwordHash: await hashPassword(member.password, options.passwordCost ?? OWASP_SCRYPT_COST),
        role: member.role,
        displayName: member.displayName,
      });
    }
    const register = registers[insurer.id];
    if (!register) continue;
    // The emptiness check is inside the transaction: two instances starting at once on one PostgreSQL database seed
    // a register once (the second's transaction is run again and finds it filled).
    const seeded = await store.transaction(async (tx) => {
      if ((await tx.persons.count(insurer.id)) > 0) return false;
      for (const household of register) {
        const householdId = stableId("hh", insurer.id, household.symbol, household.number);
        await tx.persons.insertHousehold({
          id: householdId,
          insurerId: insurer.id,
          symbol: household.symbol,
          number: household.number,
          incomeBracket: household.incomeBracket,
        });
        for (const member of household.members) {
          await tx.persons.insertPerson({
            id: demoPersonId(insurer.id, household.symbol, household.number, member.branch),
            insurerId: insurer.id,
            householdId,
            symbol: household.symbol,
            number: household.number,
            branchNumber: member.branch,
            relationship: member.relationship,
            name: member.name,
            nameKana: member.kana,
            sex: member.sex,
            birthDate: member.birthDate,
            address: member.address,
            postalCode: null,
            cardClassification: household.cardClassification ?? "01",
            qualificationDate: member.qualificationDate,
            disqualificationDate: member.loss?.date ?? null,
            reasonOfLoss: member.loss?.reason ?? null,
            incomeBracket: household.incomeBracket,
            updatedAt: SEEDED_AT,
          });
        }
      }
      return true;
    });
    if (seeded) seededInsurers.push(insurer.id);
  }
  return { seededInsurers };
}
