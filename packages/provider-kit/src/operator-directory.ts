/**
 * @module The names of the CATV operators a provider deals with. The PF's events name a viewer's operator by ID
 * (`enrolment.created`), and staff should see a name, not `op-nanto`: the directory keeps the names the
 * installation configured and the one each `settlement.issued` carries (the operator's own name for itself).
 */

export interface OperatorDirectory {
  /** Remembers an operator's name; a settlement's name replaces the configured one. */
  remember(
    operator: { id: string; name: string },
    learntFrom: "directory" | "settlement",
    at: string,
  ): Promise<void>;
  /** Every known operator's name by ID. */
  names(): Promise<Map<string, string>>;
}

/** What staff read for an operator: its name, or a plain statement that the name is not known yet. */
export function operatorLabel(names: ReadonlyMap<string, string>, operatorId: string | null): string {
  if (operatorId === null) return "事業者不明（通知待ち）";
  return names.get(operatorId) ?? `名称未登録の事業者（${operatorId}）`;
}

/**
 * Records the installation's configured operators (the demo credentials' list) at start; a name an operator's
 * settlement gave is kept.
 */
export async function rememberConfiguredOperators(
  directory: OperatorDirectory,
  configured: readonly { id: string; name: string }[],
  at: Date,
): Promise<void> {
  for (const operator of configured) await directory.remember(operator, "directory", at.toISOString());
}
