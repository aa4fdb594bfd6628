/**
 * @module Builds a healthcare app for tests: in-memory database, a fixed clock, the PF double for keys.
 */
import { createAssertionVerifier, silentLogger } from "@catv/provider-facility-booking/pf-kit";
import { type PfDouble, startPfDouble } from "@catv/provider-facility-booking/pf-kit/testing";
import { openHealthcareDb } from "./db/open-healthcare-db.ts";
import { sqliteHealthStore } from "./db/sqlite-health-store.ts";
import { type HealthDeps, randomId } from "./domain/deps.ts";
import { createHealthcareApp } from "./http/app.ts";

export const WEBHOOK_SECRET = `whsec_${Buffer.from("healthcare-test-webhook-secret-32").toString("base64")}`;
export const STAFF_PASSWORD = "test-staff-password";
export const START = new Date("2026-11-24T01:00:00Z");

export interface Harness {
  pf: PfDouble;
  deps: HealthDeps;
  app: ReturnType<typeof createHealthcareApp>;
  call: (sub: string, method: string, path: string, body?: unknown, aud?: string) => Promise<Response>;
  enrol: (sub: string) => Promise<string>;
  close: () => Promise<void>;
}

export async function createHarness(): Promise<Harness> {
  const pf = await startPfDouble({ apiKey: "unused" });
  const { sqlite, db } = openHealthcareDb(":memory:");
  const deps: HealthDeps = { store: sqliteHealthStore(sqlite, db), now: () => START, newId: randomId };
  const app = createHealthcareApp({
    deps,
    verifyAssertion: createAssertionVerifier({ pfUrl: pf.url, providerId: "prov-healthcare" }),
    webhookSecret: WEBHOOK_SECRET,
    staffPassword: STAFF_PASSWORD,
    logger: silentLogger,
  });
  const call: Harness["call"] = async (sub, method, path, body, aud = "prov-healthcare") => {
    const token = await pf.assertion({ sub, aud, acr: "urn:catv:acr:pinless", svc: "healthcare" });
    return app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  };
  return {
    pf,
    deps,
    app,
    call,
    async enrol(sub) {
      const res = await call(sub, "POST", "/pf/enrolments", {
        serviceId: "healthcare",
        consent: { scope: ["health-records"], grantedAt: START.toISOString(), textVersion: "2026-01" },
      });
      if (res.status !== 201 && res.status !== 200) throw new Error(`enrol failed: ${res.status}`);
      return ((await res.json()) as { providerUserId: string }).providerUserId;
    },
    async close() {
      await pf.close();
      sqlite.close();
    },
  };
}

export const viewer = (n: number) => `pw-healthcare-viewer-${String(n).padStart(4, "0")}`;
