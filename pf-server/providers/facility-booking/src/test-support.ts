/**
 * @module Builds a facility app for tests: an in-memory database with the demo catalogue (no counter bookings,
 * so every slot starts free), a clock the test moves, the PF double for keys and usage reports.
 */

import { createAssertionVerifier, flushUsageOutbox, rememberConfiguredOperators } from "@catv/provider-kit";
import {
  enrolViewer,
  type PfDouble,
  startPfDouble,
  type ViewerCall,
  viewerCaller,
} from "@catv/provider-kit/testing";
import { silentLogger } from "@catv/service-kit";
import { openFacilityDb } from "./db/open-facility-db.ts";
import { sqliteFacilityStore } from "./db/sqlite-store.ts";
import { type FacilityDeps, randomId } from "./domain/deps.ts";
import { createFacilityApp } from "./http/app.ts";
import { demoFacilities, demoTowns } from "./seed/catalogue.ts";

export const API_KEY = "test-provider-api-key";
export const WEBHOOK_SECRET = `whsec_${Buffer.from("a-test-webhook-secret-of-32-bytes").toString("base64")}`;
export const STAFF_PASSWORD = "test-staff-password";
/** 2026-11-24 10:00 JST, a Tuesday. */
export const START = new Date("2026-11-24T01:00:00Z");
/** The installation's operators as the demo credentials list them (main.ts records them at start). */
export const CONFIGURED_OPERATORS = [
  { id: "op-nanto", name: "なんとケーブルテレビ（デモ）" },
  { id: "op-suzaka", name: "すざかケーブルネット（デモ）" },
];

/** The body of `POST /bookings`. */
export interface SlotRequest {
  facilityId: string;
  date: string;
  slotCode: string;
}

export interface Harness {
  pf: PfDouble;
  deps: FacilityDeps;
  app: ReturnType<typeof createFacilityApp>;
  clock: { now: Date };
  flush: () => ReturnType<typeof flushUsageOutbox>;
  /** Sends a request as a viewer, with a fresh PF assertion (PIN-level unless the claims say otherwise). */
  call: ViewerCall;
  enrol: (sub: string) => Promise<string>;
  /** Asks to book a slot as a viewer (PIN-level unless `claims` says otherwise); the answer as it came. */
  book: (sub: string, slot: SlotRequest, claims?: Parameters<ViewerCall>[4]) => Promise<Response>;
  /** Books a slot that must be bookable and returns the new booking's ID. */
  bookedId: (sub: string, slot: SlotRequest) => Promise<string>;
  /** Sends a staff page request (HTTP Basic); a form body is posted from the staff page's own origin. */
  staff: (path: string, form?: Record<string, string>, headers?: Record<string, string>) => Promise<Response>;
  /** Asks to cancel a booking as a viewer; the answer as it came. */
  cancel: (sub: string, bookingId: string, claims?: Parameters<ViewerCall>[4]) => Promise<Response>;
  close: () => Promise<void>;
}

export async function createHarness(): Promise<Harness> {
  const pf = await startPfDouble({ apiKey: API_KEY });
  const { sqlite, db } = openFacilityDb(":memory:");
  const clock = { now: START };
  const deps: FacilityDeps = {
    store: sqliteFacilityStore(sqlite, db),
    now: () => clock.now,
    newId: randomId,
  };
  await deps.store.facilities.insertCatalogue(demoTowns, demoFacilities);
  await rememberConfiguredOperators(deps.store.operators, CONFIGURED_OPERATORS, START);
  const app = createFacilityApp({
    deps,
    verifyAssertion: createAssertionVerifier({ pfUrl: pf.url, providerId: "prov-facility" }),
    webhookSecret: WEBHOOK_SECRET,
    staff: { loginId: "staff", password: STAFF_PASSWORD },
    logger: silentLogger,
  });
  const call = viewerCaller(pf, app, { aud: "prov-facility", acr: "urn:catv:acr:pin" });
  const book: Harness["book"] = (sub, slot, claims) => call(sub, "POST", "/bookings", slot, claims);
  return {
    pf,
    deps,
    app,
    clock,
    call,
    book,
    async bookedId(sub, slot) {
      const res = await book(sub, slot);
      if (res.status !== 201) throw new Error(`booking failed: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { bookingId: string }).bookingId;
    },
    cancel: (sub, bookingId, claims) => call(sub, "POST", `/bookings/${bookingId}/cancel`, undefined, claims),
    staff: async (path, form, headers = {}) =>
      app.request(path, {
        method: form ? "POST" : "GET",
        headers: {
          authorization: `Basic ${Buffer.from(`staff:${STAFF_PASSWORD}`).toString("base64")}`,
          ...(form
            ? { "content-type": "application/x-www-form-urlencoded", origin: "http://localhost" }
            : {}),
          ...headers,
        },
        ...(form ? { body: new URLSearchParams(form).toString() } : {}),
      }),
    flush: () =>
      flushUsageOutbox({
        outbox: deps.store.outbox,
        now: () => clock.now,
        pfUrl: pf.url,
        apiKey: API_KEY,
        logger: silentLogger,
        random: () => 0.5,
      }),
    enrol: (sub) =>
      enrolViewer(call, sub, { serviceId: "facility-booking", scope: ["pairwise-id"], grantedAt: clock.now }),
    async close() {
      await pf.close();
      sqlite.close();
    },
  };
}

/** A pairwise ID as the PF makes them (opaque, 16–128 characters). */
export function pairwiseId(n: number): string {
  return `pw-facility-viewer-${String(n).padStart(4, "0")}`;
}
