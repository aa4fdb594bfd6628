/**
 * @module A PF challenge for the card to sign at this terminal: `registration` (利用者登録 at the desk, with the
 * 署名用パスワード) or `login` (a PIN recognition). The PF binds it to the terminal that asked.
 */
import type { challengeResponseSchema } from "@catv/contracts";
import { receptionRoutes } from "@catv/reception-kit";
import type { z } from "zod";
import type { HospitalDeps } from "./deps.ts";
import { relay } from "./relay-to-pf.ts";
import { verifyTerminalAssertion } from "./verify-terminal-assertion.ts";

export async function createChallenge(
  deps: HospitalDeps,
  assertion: string | undefined,
  purpose: "registration" | "login",
): Promise<z.output<typeof challengeResponseSchema>> {
  const terminalId = await verifyTerminalAssertion(
    deps.terminals,
    assertion,
    receptionRoutes.challenges,
    deps.now(),
  );
  return relay(deps, terminalId, "challenge", () => deps.pf.createChallenge(assertion!, { purpose }), {
    logSuccess: false,
  });
}
