/**
 * @module The PF administrator's view of operators: each with its terminals, never its secrets (only whether a
 * webhook secret is set).
 */
import type { Operator } from "../storage/repositories.ts";
import type { PfContext } from "./context.ts";

export async function describeOperator(ctx: PfContext, op: Operator) {
  return {
    id: op.id,
    name: op.name,
    town: op.town,
    prefecture: op.prefecture,
    revocationPolicy: op.revocationPolicy,
    branding: op.branding,
    webhookUrl: op.webhookUrl,
    webhookSecretSet: Boolean(op.webhookSecret),
    sessionLifetimeDays: op.sessionLifetimeDays,
    crossOperatorLogins: op.crossOperatorLogins,
    terminals: (await ctx.store.tenants.listTerminals(op.id)).map((t) => ({
      terminalId: t.id,
      status: t.status,
    })),
    updatedAt: op.updatedAt,
  };
}

export async function listOperators(ctx: PfContext) {
  return Promise.all((await ctx.store.tenants.listOperators()).map((op) => describeOperator(ctx, op)));
}
