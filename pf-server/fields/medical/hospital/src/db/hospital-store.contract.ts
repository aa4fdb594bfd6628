/**
 * @module The one test suite of the hospital's store (domain/ports.ts), run against every implementation: SQLite
 * (sqlite-store.test.ts) and PostgreSQL (postgres/pg-store.test.ts). Each test opens an empty database; `peer()` is a
 * store that works at the same time as `store`, as a second instance would.
 */
import { CodedError, createMemoryLogger } from "@catv/service-kit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hashPassword } from "../domain/hash-password.ts";
import { logInStaff } from "../domain/log-in-staff.ts";
import { formatPatientNumber } from "../domain/patient-number.ts";
import type { CheckRecord, HospitalStore, Visit } from "../domain/ports.ts";
import { seedStaff } from "../seed/seed-staff.ts";

export interface OpenedHospitalStore {
  store: HospitalStore;
  /** Another pool on PostgreSQL; on SQLite `store` itself (a database file has one server process). */
  peer(): Promise<HospitalStore>;
  close(): Promise<void>;
}

const AT = "2026-11-24T01:00:00.000Z";

function visit(id: string, patientId: number, overrides: Partial<Visit> = {}): Visit {
  return {
    id,
    patientId,
    terminalId: "rcp-0001",
    recognitionId: `rec-${id}`,
    acr: "urn:catv:acr:pin",
    firstVisit: true,
    recognisedAt: AT,
    expiresAt: "2026-11-24T01:30:00.000Z",
    limitConsent: null,
    state: "awaiting_consent",
    lastCode: null,
    attempts: 0,
    nextAttemptAt: null,
    warnings: [{ code: "card_certificate_expiring", message: "まもなく有効期限" }],
    updatedAt: AT,
    ...overrides,
  };
}

function check(checkId: string, visitId: string, checkedAt = AT): CheckRecord {
  return {
    checkId,
    visitId,
    checkedAt,
    limitConsent: true,
    validity: "1",
    results: [] as unknown as CheckRecord["results"],
    warnings: [],
  };
}

export function describeHospitalStoreContract(name: string, open: () => Promise<OpenedHospitalStore>): void {
  describe(`the hospital's store on ${name}`, () => {
    let opened: OpenedHospitalStore;
    let store: HospitalStore;
    beforeEach(async () => {
      opened = await open();
      store = opened.store;
    });
    afterEach(() => opened.close());

    describe("patients", () => {
      it("issues 診察券番号 in sequence and finds a patient by reference, number and ID", async () => {
        const a = await store.patients.create({ patientReference: "pr_a", at: AT });
        const b = await store.patients.create({ patientReference: "pr_b", at: AT });
        expect([a.patientNumber, b.patientNumber]).toEqual([formatPatientNumber(1), formatPatientNumber(2)]);
        expect(a).toMatchObject({ name: null, firstVisitAt: AT });
        expect(await store.patients.byReference("pr_b")).toEqual(b);
        expect(await store.patients.byNumber(a.patientNumber)).toEqual(a);
        expect(await store.patients.byId(b.id)).toEqual(b);
        expect(await store.patients.byReference("pr_none")).toBeUndefined();
      });

      it("never gives two first visits at two instances at once the same 診察券番号", async () => {
        const peer = await opened.peer();
        const created = await Promise.all(
          Array.from({ length: 12 }, (_, i) =>
            (i % 2 ? peer : store).transaction((tx) =>
              tx.patients.create({ patientReference: `pr_${i}`, at: AT }),
            ),
          ),
        );
        const numbers = created.map((p) => p.patientNumber);
        expect(new Set(numbers).size).toBe(12);
        expect(numbers.sort()).toEqual(
          Array.from({ length: 12 }, (_, i) => formatPatientNumber(i + 1)).sort(),
        );
      });

      it("keeps the insurer's identity and finds patients by number, name, カナ and birth date", async () => {
        const a = await store.patients.create({ patientReference: "pr_a", at: AT });
        const b = await store.patients.create({ patientReference: "pr_b", at: AT });
        await store.patients.updateIdentity(
          a.id,
          { name: "山田 花子", nameKana: "ヤマダ ハナコ", birthDate: "1980-05-05", sex: "2" },
          "2026-11-24T02:00:00.000Z",
        );
        await store.patients.updateIdentity(
          b.id,
          { name: "山田 太郎", nameKana: null, birthDate: "1975-01-01", sex: "1" },
          "2026-11-24T03:00:00.000Z",
        );
        const ids = async (query: Parameters<HospitalStore["patients"]["search"]>[0]) =>
          (await store.patients.search(query)).map((p) => p.patientReference);
        expect(await ids({ text: "山田", limit: 10 })).toEqual(["pr_b", "pr_a"]);
        expect(await ids({ text: "ハナコ", limit: 10 })).toEqual(["pr_a"]);
        expect(await ids({ text: "山田", birthDate: "1975-01-01", limit: 10 })).toEqual(["pr_b"]);
        expect(await ids({ text: a.patientNumber, limit: 10 })).toEqual(["pr_a"]);
        expect(await ids({ text: "100%", limit: 10 })).toEqual([]);
        expect(await ids({ limit: 1 })).toEqual(["pr_b"]);
      });
    });

    describe("visits and checks", () => {
      it("keeps a visit with its warnings and updates it", async () => {
        const p = await store.patients.create({ patientReference: "pr_a", at: AT });
        await store.visits.create(visit("v1", p.id));
        expect(await store.visits.byId("v1")).toEqual(visit("v1", p.id));
        await store.visits.update("v1", { limitConsent: true, state: "answered", attempts: 1 });
        expect(await store.visits.byRecognition("rec-v1")).toMatchObject({
          limitConsent: true,
          state: "answered",
          attempts: 1,
        });
        expect(await store.visits.byId("v-none")).toBeUndefined();
      });

      it("gives a terminal's due retries and expires overdue ones once, also with two instances asking", async () => {
        const p = await store.patients.create({ patientReference: "pr_a", at: AT });
        const retrying = { state: "retrying" as const, nextAttemptAt: "2026-11-24T01:05:00.000Z" };
        await store.visits.create(visit("due", p.id, retrying));
        await store.visits.create(
          visit("later", p.id, { ...retrying, nextAttemptAt: "2026-11-24T01:20:00.000Z" }),
        );
        await store.visits.create(visit("other", p.id, { ...retrying, terminalId: "rcp-0002" }));
        for (const id of ["over-1", "over-2"]) {
          await store.visits.create(visit(id, p.id, { ...retrying, expiresAt: "2026-11-24T01:06:00.000Z" }));
        }
        const now = "2026-11-24T01:10:00.000Z";
        expect((await store.visits.dueForRetry("rcp-0001", now)).map((v) => v.id)).toEqual(["due"]);
        const peer = await opened.peer();
        const expired = await Promise.all([
          store.transaction((tx) => tx.visits.expireOverdue(now)),
          peer.transaction((tx) => tx.visits.expireOverdue(now)),
        ]);
        expect(
          expired
            .flat()
            .map((v) => v.id)
            .sort(),
        ).toEqual(["over-1", "over-2"]);
        expect(await store.visits.byId("over-1")).toMatchObject({
          state: "expired",
          lastCode: "recognition_expired",
          nextAttemptAt: null,
        });
      });

      it("records a check once by the PF's check ID, also when it arrives twice at once", async () => {
        const p = await store.patients.create({ patientReference: "pr_a", at: AT });
        await store.visits.create(visit("v1", p.id));
        const peer = await opened.peer();
        const outcomes = await Promise.all([
          store.transaction((tx) => tx.checks.insert(check("chk-1", "v1"))),
          peer.transaction((tx) => tx.checks.insert(check("chk-1", "v1"))),
        ]);
        expect(outcomes.sort()).toEqual([false, true]);
        await store.checks.insert(check("chk-2", "v1", "2026-11-24T01:05:00.000Z"));
        expect((await store.checks.forVisit("v1")).map((c) => c.checkId)).toEqual(["chk-2", "chk-1"]);
        expect(await store.checks.latestForPatient(p.id)).toEqual(
          check("chk-2", "v1", "2026-11-24T01:05:00.000Z"),
        );
      });

      it("lists a patient's visits and the recent ones newest first", async () => {
        const p = await store.patients.create({ patientReference: "pr_a", at: AT });
        await store.visits.create(visit("v1", p.id));
        await store.visits.create(visit("v2", p.id, { recognisedAt: "2026-11-24T02:00:00.000Z" }));
        expect((await store.visits.forPatient(p.id, 10)).map((v) => v.id)).toEqual(["v2", "v1"]);
        expect((await store.visits.recent(1)).map((v) => v.id)).toEqual(["v2"]);
      });
    });

    describe("the reception log, desk registrations, staff and audit", () => {
      it("gives a terminal's newest log line, of given steps when asked", async () => {
        await store.log.append({ terminalId: "rcp-0001", at: AT, step: "reader", code: "ok", visitId: null });
        await store.log.append({
          terminalId: "rcp-0001",
          at: AT,
          step: "card",
          code: "card_removed",
          visitId: null,
        });
        await store.log.append({ terminalId: "rcp-0002", at: AT, step: "site", code: "ok", visitId: null });
        expect(await store.log.latestFor("rcp-0001")).toMatchObject({ step: "card", code: "card_removed" });
        expect(await store.log.latestFor("rcp-0001", ["reader"])).toMatchObject({
          step: "reader",
          code: "ok",
        });
        expect(await store.log.latestFor("rcp-0003")).toBeUndefined();
      });

      it("keeps desk registrations, staff, sessions and the audit log", async () => {
        for (const outcome of ["new", "existing"]) {
          await store.registrations.append({
            terminalId: "rcp-0001",
            at: AT,
            verifierId: "ins-1",
            verifierName: "国保",
            outcome,
            linkStatus: "pending",
          });
        }
        expect((await store.registrations.recent(1)).map((r) => r.outcome)).toEqual(["existing"]);
        expect(await store.staff.count()).toBe(0);
        await store.staff.create({ loginId: "desk", displayName: "受付", role: "staff", passwordHash: "h" });
        const member = await store.staff.byLoginId("desk");
        expect(await store.staff.byId(member!.id)).toEqual(member);
        expect(await store.staff.count()).toBe(1);
        const session = { idHash: "s1", staffId: member!.id, csrfToken: "c", createdAt: AT, lastSeenAt: AT };
        await store.sessions.create(session);
        await store.sessions.touch("s1", "2026-11-24T01:10:00.000Z");
        expect(await store.sessions.get("s1")).toEqual({
          ...session,
          lastSeenAt: "2026-11-24T01:10:00.000Z",
        });
        await store.sessions.delete("s1");
        expect(await store.sessions.get("s1")).toBeUndefined();
        for (const action of ["staff.login", "records.view"]) {
          await store.audit.append({ at: AT, actor: "desk", action, patientNumber: null, requestId: "r" });
        }
        expect((await store.audit.recent(5)).map((e) => e.action)).toEqual(["records.view", "staff.login"]);
      });
    });

    // The failure windows are the shared repository (@catv/service-kit/login-failures-sqlite,
    // @catv/postgres/login-failures), held to its one suite there; this shows the store wires it to the database
    // every instance shares.
    describe("the staff-login limit", () => {
      it("refuses the sixth try at a login ID though the five failures were split between two instances", async () => {
        await store.staff.create({
          loginId: "uketsuke",
          displayName: "受付",
          role: "staff",
          passwordHash: await hashPassword("the-password", { logN: 10 }),
        });
        const now = new Date(AT);
        const logger = createMemoryLogger("hospital");
        const instances = [store, await opened.peer()].map((on) => ({ store: on, now: () => now, logger }));
        const attempt = (instance: number, password: string) =>
          logInStaff(instances[instance]!, {
            loginId: "uketsuke",
            password,
            clientAddress: "192.0.2.10",
            requestId: "req-1",
          }).then(
            () => "ok",
            (error: unknown) => (error instanceof CodedError ? error.code : Promise.reject(error)),
          );
        for (let i = 0; i < 5; i++) expect(await attempt(i % 2, "wrong")).toBe("login_failed");
        expect(await attempt(1, "the-password")).toBe("rate_limited");
        expect(await attempt(0, "the-password")).toBe("rate_limited");
      });
    });

    describe("first start", () => {
      it("seeds the staff logins once when two instances start at once", async () => {
        const peer = await opened.peer();
        const staff = [
          { loginId: "desk", password: "a-long-password", role: "staff" as const, displayName: "受付" },
        ];
        const seeded = await Promise.all([
          seedStaff(store, staff, { logN: 10 }),
          seedStaff(peer, staff, { logN: 10 }),
        ]);
        expect(seeded.sort()).toEqual([0, 1]);
        expect(await store.staff.count()).toBe(1);
      });
    });

    describe("transactions", () => {
      it("stores nothing of a transaction that throws, not even the 診察券番号 it took", async () => {
        await expect(
          store.transaction(async (tx) => {
            const p = await tx.patients.create({ patientReference: "pr_a", at: AT });
            await tx.visits.create(visit("v1", p.id));
            throw new Error("refused");
          }),
        ).rejects.toThrow("refused");
        expect(await store.patients.byReference("pr_a")).toBeUndefined();
        expect(await store.visits.byId("v1")).toBeUndefined();
        expect((await store.patients.create({ patientReference: "pr_b", at: AT })).patientNumber).toBe(
          formatPatientNumber(1),
        );
      });

      it("refuses the store's own repositories inside a transaction", async () => {
        await expect(store.transaction(() => store.staff.count())).rejects.toThrow(
          "use the repositories it gives",
        );
      });
    });
  });
}
