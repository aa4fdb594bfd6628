/**
 * @module Staff logout: the session is deleted and the logout audited.
 */
import type { HospitalDeps } from "./deps.ts";
import type { Staff, StaffSession } from "./ports.ts";

export function logOutStaff(
  deps: HospitalDeps,
  session: StaffSession,
  staff: Staff,
  requestId: string,
): void {
  deps.store.transaction(() => {
    deps.store.sessions.delete(session.idHash);
    deps.store.audit.append({
      at: deps.now().toISOString(),
      actor: staff.loginId,
      action: "staff.logout",
      patientNumber: null,
      requestId,
    });
  });
}
