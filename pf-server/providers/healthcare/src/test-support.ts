/**
 * @module Builds a healthcare app for tests: in-memory database, a fixed clock, the PF double for keys.
 */
import { createAssertionVerifier, rememberConfiguredOperators } from "@catv/provider-kit";
import {
  enrolViewer,
  type PfDouble,
  startPfDouble,
  type ViewerCall,
  viewerCaller,
} from "@catv/provider-kit/testing";
import { silentLogger } from "@catv/service-kit";
import { openHealthcareDb } from "./db/open-healthcare-db.ts";
import { sqliteHealthStore } from "./db/sqlite-health-store.ts";
import { type HealthDeps, randomId } from "./domain/deps.ts";
import { createHealthcareApp } from "./http/app.ts";

export const WEBHOOK_SECRET = `whsec_${Buffer.from("healthcare-test-webhook-secret-32").toString("base64")}`;
export const STAFF_PASSWORD = "test-staff-password";
export const START = new Date("2026-11-24T01:00:00Z");
/** The installation's operators as the demo credentials list them (main.ts records them at start). */
export const CONFIGURED_OPERATORS = [{ id: "op-nanto", name: "なんとケーブルテレビ（デモ）" }];

export interface Harness {
  pf: PfDouble;
  deps: HealthDeps;
  app: ReturnType<typeof createHealthcareApp>;
  /** Sends a request as a viewer, with a fresh PIN-less PF assertion for this provider. */
  call: ViewerCall;
  enrol: (sub: string) => Promise<string>;
  close: () => Promise<void>;
}

export async function createHarness(): Promise<Harness> {
  const pf = await startPfDouble({ apiKey: "unused" });
  const { sqlite, db } = openHealthcareDb(":memory:");
  const deps: HealthDeps = { store: sqliteHealthStore(sqlite, db), now: () => START, newId: randomId };
  await rememberConfiguredOperators(deps.store.operators, CONFIGURED_OPERATORS, START);
  const app = createHealthcareApp({
    deps,
    verifyAssertion: createAssertionVerifier({ pfUrl: pf.url, providerId: "prov-healthcare" }),
    webhookSecret: WEBHOOK_SECRET,
    staff: { loginId: "staff", password: STAFF_PASSWORD },
    logger: silentLogger,
  });
  const call = viewerCaller(pf, app, {
    aud: "prov-healthcare",
    acr: "urn:catv:acr:pinless",
    svc: "healthcare",
  });
  return {
    pf,
    deps,
    app,
    call,
    enrol: (sub) =>
      enrolViewer(call, sub, { serviceId: "healthcare", scope: ["health-records"], grantedAt: START }),
    async close() {
      await pf.close();
      sqlite.close();
    },
  };
}

export const viewer = (n: number) => `pw-healthcare-viewer-${String(n).padStart(4, "0")}`;
