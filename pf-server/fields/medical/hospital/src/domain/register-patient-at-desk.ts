/**
 * @module 利用者登録 at the reception with staff help (参考１－１): the card signed a PF `registration` challenge with
 * the 署名用パスワード the patient typed on the terminal, for the insurer chosen at the desk. The PF issues that
 * insurer a 共通的PFID and sends it the 4情報; the hospital learns, and keeps, only the outcome — which insurer,
 * new or already registered, and whether the insurer has linked it yet.
 */
import type {
  receptionRegistrationRequestSchema,
  receptionRegistrationResponseSchema,
} from "@catv/contracts";
import { receptionRoutes } from "@catv/reception-kit";
import type { z } from "zod";
import type { HospitalDeps } from "./deps.ts";
import { relay } from "./relay-to-pf.ts";
import { verifyTerminalAssertion } from "./verify-terminal-assertion.ts";

export async function registerPatientAtDesk(
  deps: HospitalDeps,
  assertion: string | undefined,
  body: z.output<typeof receptionRegistrationRequestSchema>,
): Promise<z.output<typeof receptionRegistrationResponseSchema>> {
  const terminalId = await verifyTerminalAssertion(
    deps.terminals,
    assertion,
    receptionRoutes.registrations,
    deps.now(),
  );
  const registration = await relay(deps, terminalId, "registration", () =>
    deps.pf.register(assertion!, body),
  );
  await deps.store.registrations.append({
    terminalId,
    at: deps.now().toISOString(),
    verifierId: registration.verifierId,
    verifierName: registration.verifierName,
    outcome: registration.outcome,
    linkStatus: registration.linkStatus,
  });
  return registration;
}
