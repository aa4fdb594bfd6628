/**
 * @module The Hono context of the hospital's app: the request ID and, on staff routes, the logged-in staff member
 * with their session.
 */
import type { Staff, StaffSession } from "../domain/ports.ts";

export interface HospitalEnv {
  Variables: {
    requestId: string;
    staff: Staff;
    session: StaffSession;
  };
}
