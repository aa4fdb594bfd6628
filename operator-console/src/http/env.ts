/**
 * @module The Hono environment shared by every route: dependencies and, once logged in, who is acting.
 */
import type { Actor, Deps } from "../domain/context.ts";
import type { LoginThrottle } from "../domain/log-in-staff.ts";
import type { Operator, Staff } from "../domain/records.ts";

export interface ConsoleEnv {
  Variables: {
    deps: Deps;
    throttle: LoginThrottle;
    requestId: string;
    actor: Actor;
    staff: Staff;
    operator: Operator;
    csrfToken: string;
    sessionHash: string;
  };
}
