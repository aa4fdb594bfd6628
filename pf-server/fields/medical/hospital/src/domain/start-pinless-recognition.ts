/**
 * @module The first half of a PIN-less recognition (かざすだけ, 参考１－３): the card's user-authentication
 * certificate and 券面 CVC go to the PF, which answers with a challenge and the birth-date key only for a card bound
 * to a person registered with an insurer of this site. The certificate passes through untouched: this system does
 * not parse, log or keep it (its serial is the PF's business).
 */
import type {
  receptionPinlessStartRequestSchema,
  receptionPinlessStartResponseSchema,
} from "@catv/contracts";
import { receptionRoutes } from "@catv/reception-kit";
import type { z } from "zod";
import type { HospitalDeps } from "./deps.ts";
import { relay } from "./relay-to-pf.ts";
import { verifyTerminalAssertion } from "./verify-terminal-assertion.ts";

export async function startPinlessRecognition(
  deps: HospitalDeps,
  assertion: string | undefined,
  body: z.output<typeof receptionPinlessStartRequestSchema>,
): Promise<z.output<typeof receptionPinlessStartResponseSchema>> {
  const terminalId = await verifyTerminalAssertion(
    deps.terminals,
    assertion,
    receptionRoutes.pinlessStart,
    deps.now(),
  );
  return relay(deps, terminalId, "pinless_start", () => deps.pf.startPinless(assertion!, body), {
    logSuccess: false,
  });
}
