/**
 * @module Every STB terminal of every operator with its state and when it was last used (an accepted terminal
 * assertion; recorded at most once a minute), for the administrator console.
 */
import type { PfContext } from "../../domain/context.ts";

export interface TerminalView {
  terminalId: string;
  operatorId: string;
  operatorName: string;
  status: "active" | "disabled";
  createdAt: string;
  lastUsedAt: string | null;
}

export async function listTerminals(
  ctx: PfContext,
  filter: { operatorId?: string } = {},
): Promise<TerminalView[]> {
  const operators = (await ctx.store.tenants.listOperators()).filter(
    (op) => !filter.operatorId || op.id === filter.operatorId,
  );
  const lastUse = await ctx.store.tenants.terminalLastUse();
  const views: TerminalView[] = [];
  for (const op of operators) {
    for (const t of await ctx.store.tenants.listTerminals(op.id)) {
      views.push({
        terminalId: t.id,
        operatorId: op.id,
        operatorName: op.name,
        status: t.status,
        createdAt: t.createdAt,
        lastUsedAt: lastUse.get(t.id) ?? null,
      });
    }
  }
  return views.sort(
    (a, b) => a.operatorId.localeCompare(b.operatorId) || a.terminalId.localeCompare(b.terminalId),
  );
}
