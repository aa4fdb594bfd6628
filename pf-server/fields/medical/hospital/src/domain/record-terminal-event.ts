/**
 * @module What the terminal's reader did, for the desk screen: the reader unplugged or back, a card pulled during a
 * check, a card that is not a My Number card, a PIN locked. Reported by the terminal page with the reader's error
 * code only (firmware-shims' catalogue); it changes no patient record — those hold only what the PF answered.
 */
import { z } from "zod";
import type { HospitalDeps } from "./deps.ts";
import { logStep } from "./relay-to-pf.ts";
import { ownTerminalRoutes } from "./terminal-routes.ts";
import { verifyTerminalAssertion } from "./verify-terminal-assertion.ts";

export const terminalEventSchema = z.object({
  kind: z.enum(["reader", "card"]),
  /** A reader error code (`reader_unplugged`, `card_removed`, `pin_blocked` …), or `ok` (reader back, card read). */
  code: z.string().regex(/^[a-z_]{2,40}$/),
});
export type TerminalEvent = z.infer<typeof terminalEventSchema>;

export async function recordTerminalEvent(
  deps: HospitalDeps,
  assertion: string | undefined,
  event: TerminalEvent,
): Promise<void> {
  const terminalId = await verifyTerminalAssertion(
    deps.terminals,
    assertion,
    ownTerminalRoutes.events,
    deps.now(),
    {
      consume: true,
    },
  );
  await logStep(deps, terminalId, event.kind, event.code);
}
