/**
 * @module The reception terminal's API on the hospital's backend (`/terminal/api/*`, JSON): each route checks the
 * terminal's assertion, parses the body with the contract's schema (unknown fields dropped: the page cannot slip
 * anything into a record), calls one use case, and answers. Refusals are coded JSON errors; the PF's own refusals
 * keep the PF's code.
 */
import {
  createChallengeRequestSchema,
  eligibilityCheckRequestSchema,
  receptionPinlessStartRequestSchema,
  receptionRecognitionRequestSchema,
  receptionRegistrationRequestSchema,
  TERMINAL_ASSERTION_HEADER,
} from "@catv/contracts";
import { parseInput, readJsonBody } from "@catv/service-kit";
import { Hono } from "hono";
import { z } from "zod";
import { checkEligibility } from "../domain/check-eligibility.ts";
import { createChallenge } from "../domain/create-challenge.ts";
import type { HospitalDeps } from "../domain/deps.ts";
import { fetchReceptionSite } from "../domain/fetch-reception-site.ts";
import { listDueRetries } from "../domain/list-due-retries.ts";
import { recognisePatient } from "../domain/recognise-patient.ts";
import { recordTerminalEvent, terminalEventSchema } from "../domain/record-terminal-event.ts";
import { registerPatientAtDesk } from "../domain/register-patient-at-desk.ts";
import { retryEligibilityCheck } from "../domain/retry-eligibility-check.ts";
import { startPinlessRecognition } from "../domain/start-pinless-recognition.ts";
import type { HospitalEnv } from "./env.ts";

const terminalChallengeSchema = createChallengeRequestSchema.extend({
  purpose: z.enum(["registration", "login"]),
});
const firstCheckSchema = eligibilityCheckRequestSchema.pick({
  recognitionId: true,
  limitApplicationCertificateConsent: true,
});
const retrySchema = eligibilityCheckRequestSchema.pick({ recognitionId: true });

export function terminalApiRoutes(deps: HospitalDeps) {
  const app = new Hono<HospitalEnv>();
  const assertionOf = (c: { req: { header(name: string): string | undefined } }) =>
    c.req.header(TERMINAL_ASSERTION_HEADER);

  app.get("/site", async (c) => c.json(await fetchReceptionSite(deps, assertionOf(c))));
  app.post("/challenges", async (c) => {
    const { purpose } = parseInput(terminalChallengeSchema, await readJsonBody(c));
    return c.json(await createChallenge(deps, assertionOf(c), purpose), 201);
  });
  app.post("/pinless/start", async (c) => {
    const body = parseInput(receptionPinlessStartRequestSchema, await readJsonBody(c));
    return c.json(await startPinlessRecognition(deps, assertionOf(c), body));
  });
  app.post("/recognitions", async (c) => {
    const body = parseInput(receptionRecognitionRequestSchema, await readJsonBody(c));
    return c.json(await recognisePatient(deps, assertionOf(c), body), 201);
  });
  app.post("/eligibility-checks", async (c) => {
    const body = parseInput(firstCheckSchema, await readJsonBody(c));
    return c.json(await checkEligibility(deps, assertionOf(c), body), 201);
  });
  app.post("/eligibility-checks/retry", async (c) => {
    const body = parseInput(retrySchema, await readJsonBody(c));
    return c.json(await retryEligibilityCheck(deps, assertionOf(c), body), 201);
  });
  app.post("/registrations", async (c) => {
    const body = parseInput(receptionRegistrationRequestSchema, await readJsonBody(c));
    return c.json(await registerPatientAtDesk(deps, assertionOf(c), body), 201);
  });
  app.get("/pending-checks", async (c) => c.json({ retries: await listDueRetries(deps, assertionOf(c)) }));
  app.post("/events", async (c) => {
    const event = parseInput(terminalEventSchema, await readJsonBody(c));
    await recordTerminalEvent(deps, assertionOf(c), event);
    return c.body(null, 204);
  });
  return app;
}
