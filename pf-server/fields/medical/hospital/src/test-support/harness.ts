/**
 * @module The hospital's test harness: its app over an in-memory database, with the reception PF double
 * (`@catv/reception-kit/testing`) as the PF — this hospital with two reception terminals, another hospital with
 * one, two insurers — and the calls a reception terminal makes, each with a terminal assertion made the way the
 * bridge makes it. Staff logins are hashed at a low scrypt cost so tests stay quick.
 */
import { randomUUID } from "node:crypto";
import { TERMINAL_ASSERTION_HEADER } from "@catv/contracts";
import { createReceptionPfClient, type ReceptionRoute, receptionRoutes } from "@catv/reception-kit";
import {
  makeTestCardAnswers,
  makeTestTerminal,
  type ReceptionPfDouble,
  startReceptionPfDouble,
  type TestCardAnswers,
  type TestTerminal,
} from "@catv/reception-kit/testing";
import { createMemoryLogger } from "@catv/service-kit";
import type { RetryPolicy } from "../config.ts";
import { openHospitalDb } from "../db/open-hospital-db.ts";
import { sqliteHospitalStore } from "../db/sqlite-store.ts";
import type { HospitalDeps } from "../domain/deps.ts";
import { ownTerminalRoutes } from "../domain/terminal-routes.ts";
import { TerminalRegistry } from "../domain/verify-terminal-assertion.ts";
import { createHospitalApp } from "../http/app.ts";
import { DeskEvents } from "../http/desk-events.ts";
import { seedStaff } from "../seed/seed-staff.ts";

export const KOKUHO = "ins-sakata-kokuho";
export const KENPO = "ins-shonai-kenpo";
export const INSTITUTION_ID = "med-minato";
export const INSTITUTION_CODE = "0610499996";
export const STAFF = {
  loginId: "minato-staff",
  password: "staff-password-1",
  role: "staff" as const,
  displayName: "医事課 担当",
};

/** Each backend route a terminal calls, with the route its assertion must name (the PF's, or the backend's own). */
export const terminalCalls = {
  site: { path: "/terminal/api/site", signed: receptionRoutes.site },
  challenges: { path: "/terminal/api/challenges", signed: receptionRoutes.challenges },
  pinlessStart: { path: "/terminal/api/pinless/start", signed: receptionRoutes.pinlessStart },
  recognitions: { path: "/terminal/api/recognitions", signed: receptionRoutes.recognitions },
  eligibilityChecks: { path: "/terminal/api/eligibility-checks", signed: receptionRoutes.eligibilityChecks },
  retry: { path: "/terminal/api/eligibility-checks/retry", signed: receptionRoutes.eligibilityChecks },
  registrations: { path: "/terminal/api/registrations", signed: receptionRoutes.registrations },
  pendingChecks: { path: "/terminal/api/pending-checks", signed: ownTerminalRoutes.pendingChecks },
  events: { path: "/terminal/api/events", signed: ownTerminalRoutes.events },
} as const satisfies Record<string, { path: string; signed: ReceptionRoute }>;

export type TerminalCallName = keyof typeof terminalCalls;

export interface Harness {
  pf: ReceptionPfDouble;
  deps: HospitalDeps;
  app: ReturnType<typeof createHospitalApp>;
  events: DeskEvents;
  logger: ReturnType<typeof createMemoryLogger>;
  terminal: TestTerminal;
  secondTerminal: TestTerminal;
  foreignTerminal: TestTerminal;
  sqlite: ReturnType<typeof openHospitalDb>["sqlite"];
  /** A terminal's call to the hospital's backend, signed for the route it relays. */
  call(
    name: TerminalCallName,
    body?: unknown,
    options?: { as?: TestTerminal; signedFor?: ReceptionRoute },
  ): Promise<Response>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  retry?: RetryPolicy;
  recognitionLifetimeSeconds?: number;
  /** 券面 CA keys the PF trusts (a card not signed by one of them is forged). */
  trustedKenkakuCaKeys?: TestCardAnswers["kenkakuCaPublicKey"][];
  /** The PF's URL, when the test wants one that does not answer. */
  pfUrl?: string;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const [terminal, secondTerminal, foreignTerminal] = await Promise.all([
    makeTestTerminal("rcp-minato-0001"),
    makeTestTerminal("rcp-minato-0002"),
    makeTestTerminal("rcp-kita-0001"),
  ]);
  const pf = await startReceptionPfDouble({
    verifiers: [
      { verifierId: KOKUHO, name: "酒田市国民健康保険（デモ）" },
      { verifierId: KENPO, name: "庄内ものづくり健康保険組合（デモ）" },
    ],
    institutions: [
      {
        id: INSTITUTION_ID,
        name: "日本海みなと病院（デモ）",
        medicalInstitutionCode: INSTITUTION_CODE,
        apiKey: "minato-institution-api-key",
        sites: [
          {
            siteId: "med-minato-reception",
            name: "外来受付",
            verifierIds: [KOKUHO, KENPO],
            terminals: [terminal, secondTerminal],
          },
        ],
      },
      {
        id: "med-kita",
        name: "北の丘クリニック（デモ）",
        medicalInstitutionCode: "0610400015",
        apiKey: "kita-institution-api-key",
        sites: [
          { siteId: "med-kita-reception", name: "受付", verifierIds: [KOKUHO], terminals: [foreignTerminal] },
        ],
      },
    ],
    ...(options.recognitionLifetimeSeconds === undefined
      ? {}
      : { recognitionLifetimeSeconds: options.recognitionLifetimeSeconds }),
    ...(options.trustedKenkakuCaKeys ? { trustedKenkakuCaKeys: options.trustedKenkakuCaKeys } : {}),
  });
  const { sqlite, db } = openHospitalDb(":memory:");
  const store = sqliteHospitalStore(sqlite, db);
  const events = new DeskEvents();
  const logger = createMemoryLogger("hospital");
  const deps: HospitalDeps = {
    store,
    pf: createReceptionPfClient({ pfUrl: options.pfUrl ?? pf.url, timeoutMs: 5_000 }),
    now: () => new Date(),
    newId: randomUUID,
    logger,
    institution: {
      id: INSTITUTION_ID,
      name: "日本海みなと病院（デモ）",
      apiKey: "minato-institution-api-key",
    },
    // The hospital knows its own two terminals only; the other hospital's terminal is registered at the PF.
    terminals: new TerminalRegistry(
      [terminal, secondTerminal].map((t) => ({
        terminalId: t.terminalId,
        siteId: "med-minato-reception",
        publicJwk: t.publicJwk,
      })),
    ),
    retry: options.retry ?? { initialMs: 5_000, maxMs: 30_000 },
    changed: () => events.emit(),
  };
  await seedStaff(store, [STAFF], { logN: 10 });
  const app = createHospitalApp({
    deps,
    logger,
    events,
    bridgeBootFile: "/nonexistent/reception-bridge-boot.json",
    receptionMethod: "pinless",
    retryPollMs: 1_000,
  });
  const call: Harness["call"] = async (name, body, callOptions = {}) => {
    const route = terminalCalls[name];
    const signedFor = callOptions.signedFor ?? route.signed;
    const as = callOptions.as ?? terminal;
    return app.request(route.path, {
      method: route.signed.method,
      headers: {
        [TERMINAL_ASSERTION_HEADER]: await as.assert(signedFor.method, signedFor.path),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  };
  return {
    pf,
    deps,
    app,
    events,
    logger,
    terminal,
    secondTerminal,
    foreignTerminal,
    sqlite,
    call,
    close: async () => {
      sqlite.close();
      await pf.close();
    },
  };
}

/** The PIN-less recognition a terminal makes with `card` (start, the card's proof, recognition), through the backend. */
export async function recognisePinless(
  harness: Harness,
  card: TestCardAnswers,
  as: TestTerminal = harness.terminal,
): Promise<Response> {
  const start = await harness.call(
    "pinlessStart",
    {
      authenticationCertificate: card.card.authenticationCertificate,
      cardVerifiableCertificate: card.card.cardVerifiableCertificate,
    },
    { as },
  );
  if (start.status !== 200) return start;
  const { challengeId, challenge } = (await start.json()) as { challengeId: string; challenge: string };
  return harness.call(
    "recognitions",
    {
      method: "pinless",
      challengeId,
      dateOfBirthRecord: card.dateOfBirthRecord,
      cardVerifiableCertificate: card.card.cardVerifiableCertificate,
      signature: card.signWithCardKey(new Uint8Array(Buffer.from(challenge, "base64"))),
    },
    { as },
  );
}

/** A recognition that must succeed; its answer to the terminal. */
export async function recognised(
  harness: Harness,
  card: TestCardAnswers,
  as?: TestTerminal,
): Promise<{ recognitionId: string; patientNumber: string; newPatient: boolean; expiresAt: string }> {
  const response = await recognisePinless(harness, card, as);
  if (response.status !== 201)
    throw new Error(`recognition failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as {
    recognitionId: string;
    patientNumber: string;
    newPatient: boolean;
    expiresAt: string;
  };
}

export { makeTestCardAnswers };

/** The body of an error answer. */
export async function errorOf(
  response: Response,
): Promise<{ code: string; details?: Record<string, unknown> }> {
  return ((await response.json()) as { error: { code: string; details?: Record<string, unknown> } }).error;
}
