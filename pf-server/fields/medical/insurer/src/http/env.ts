/**
 * @module The Hono environment every route shares: dependencies and, once a staff member is logged in, who acts for
 * which insurer.
 */
import type { Actor, Deps, Insurer, Staff } from "../domain/ports.ts";

export interface InsurerEnv {
  Variables: {
    deps: Deps;
    requestId: string;
    actor: Actor;
    staff: Staff;
    insurer: Insurer;
    csrfToken: string;
    sessionHash: string;
  };
}
