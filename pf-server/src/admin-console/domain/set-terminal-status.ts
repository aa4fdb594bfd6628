/**
 * @module An administrator disables a terminal (a stolen or retired STB: its assertions are refused from the next
 * request, `terminal_unauthorized`) or enables it again; audited as `terminal.disabled` / `terminal.enabled`.
 */
import type { PfContext } from "../../domain/context.ts";
import { fail } from "../../platform/errors.ts";
import type { AdminActor } from "./admin-context.ts";

export async function setTerminalStatus(
  ctx: PfContext,
  actor: AdminActor,
  terminalId: string,
  status: "active" | "disabled",
): Promise<void> {
  const terminal = await ctx.store.tenants.getTerminal(terminalId);
  if (!terminal) throw fail("not_found", "No such terminal.");
  if (terminal.status === status) return;
  await ctx.store.tenants.upsertTerminal(
    { ...terminal, status },
    {
      audit: [
        {
          event: status === "disabled" ? "terminal.disabled" : "terminal.enabled",
          outcome: "success",
          actorKind: "admin",
          actorId: actor.loginId,
          tenantId: terminal.ownerId,
          terminalId: terminal.id,
          requestId: actor.requestId,
        },
      ],
    },
  );
}
