/**
 * @module The Hono environment shared by every route: dependencies and, once logged in, who is acting.
 */
import type { Actor, Deps } from "../domain/context.ts";
import type { Operator, Staff } from "../domain/records.ts";

export interface ConsoleEnv {
  Variables: {
    deps: Deps;
    requestId: string;
    actor: Actor;
    staff: Staff;
    operator: Operator;
    csrfToken: string;
    sessionHash: string;
  };
}
