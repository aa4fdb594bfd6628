/**
 * @module Staff logout: the session is deleted and the logout audited.
 */
import type { HospitalDeps } from "./deps.ts";
import type { Staff, StaffSession } from "./ports.ts";

export async function logOutStaff(
  deps: HospitalDeps,
  session: StaffSession,
  staff: Staff,
  requestId: string,
): Promise<void> {
  await deps.store.transaction(async (tx) => {
    await tx.sessions.delete(session.idHash);
    await tx.audit.append({
      at: deps.now().toISOString(),
      actor: staff.loginId,
      action: "staff.logout",
      patientNumber: null,
      requestId,
    });
  });
}
