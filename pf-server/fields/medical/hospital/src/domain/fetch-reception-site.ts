/**
 * @module The terminal's site as the PF knows it (institution, 医療機関コード, the insurers the reception may consult
 * and register with): the terminal shows the insurers when a patient registers at the desk.
 */

import type { receptionSiteSchema } from "@catv/contracts";
import { receptionRoutes } from "@catv/reception-kit";
import type { z } from "zod";
import type { HospitalDeps } from "./deps.ts";
import { relay } from "./relay-to-pf.ts";
import { verifyTerminalAssertion } from "./verify-terminal-assertion.ts";

export async function fetchReceptionSite(
  deps: HospitalDeps,
  assertion: string | undefined,
): Promise<z.output<typeof receptionSiteSchema>> {
  const terminalId = await verifyTerminalAssertion(
    deps.terminals,
    assertion,
    receptionRoutes.site,
    deps.now(),
  );
  return relay(deps, terminalId, "site", () => deps.pf.site(assertion!), { logSuccess: false });
}
