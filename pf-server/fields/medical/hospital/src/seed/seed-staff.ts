/**
 * @module The hospital's staff logins from the demo credentials (`medical.institutions[].staff[]`), hashed and
 * written once, when the database has no staff yet.
 */
import { hashPassword } from "../domain/hash-password.ts";
import type { HospitalStore } from "../domain/ports.ts";

export async function seedStaff(
  store: HospitalStore,
  staff: { loginId: string; password: string; role: "staff" | "admin"; displayName: string }[],
  options: { logN?: number } = {},
): Promise<number> {
  if ((await store.staff.count()) > 0) return 0;
  const hashed = await Promise.all(
    staff.map(async (member) => ({
      loginId: member.loginId,
      displayName: member.displayName,
      role: member.role,
      passwordHash: await hashPassword(member.password, options),
    })),
  );
  // Counted again inside the transaction: two instances starting at once on one database seed the logins once.
  const created = await store.transaction(async (tx) => {
    if ((await tx.staff.count()) > 0) return 0;
    for (const member of hashed) await tx.staff.create(member);
    return hashed.length;
  });
  return created;
}
