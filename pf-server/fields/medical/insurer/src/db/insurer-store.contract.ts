/**
 * @module The one test suite of the insurers' store (domain/ports.ts) and its replay guard, run against every
 * implementation: SQLite (sqlite-store.test.ts) and PostgreSQL (postgres/pg-store.test.ts). Each test opens an empty
 * database; `peer()` is a store that works at the same time as `store`, as a second instance would.
 */
import { CodedError, createMemoryLogger, type ReplayStore } from "@catv/service-kit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  CALLS_PER_ADDRESS,
  CALLS_PER_PAGE_SESSION,
  REGISTRATION_CALL_WINDOW_MINUTES,
  type RegistrationCallKey,
  registrationCallWindowEndedBefore,
  takeRegistrationCall,
} from "../domain/limit-registration-calls.ts";
import { logInStaff } from "../domain/log-in-staff.ts";
import { hashPassword } from "../domain/password-hash.ts";
import type { Deps, InsuredPerson, Registration, Store } from "../domain/ports.ts";
import { createPfVerifierClient } from "../pf/pf-verifier-client.ts";
import { SAKATA_KOKUHO } from "../seed/demo-members.ts";
import { seedDemo } from "../seed/seed-demo.ts";

export interface OpenedInsurerStore {
  store: Store;
  replayStore: ReplayStore;
  /** Another pool on PostgreSQL; on SQLite `store` itself (a database file has one server process). */
  peer(): Promise<Store>;
  close(): Promise<void>;
}

const INSURER = "ins-test-kokuho";
const OTHER = "ins-other-kenpo";
const AT = "2026-11-24T01:00:00.000Z";

function person(id: string, householdId: string, overrides: Partial<InsuredPerson> = {}): InsuredPerson {
  return {
    id,
    insurerId: INSURER,
    householdId,
    symbol: null,
    number: "12",
    branchNumber: "00",
    relationship: "1",
    name: "山田 太郎",
    nameKana: "ヤマダ タロウ",
    sex: "1",
    birthDate: "1970-04-01",
    address: "山形県酒田市本町一丁目1番1号",
    postalCode: null,
    cardClassification: "01",
    qualificationDate: "2020-04-01",
    disqualificationDate: null,
    reasonOfLoss: null,
    incomeBracket: "general",
    updatedAt: AT,
    ...overrides,
  };
}

function registration(accountId: string, overrides: Partial<Registration> = {}): Registration {
  return {
    insurerId: INSURER,
    accountId,
    fourInfo: {
      name: "山田 太郎",
      address: "山形県酒田市本町一丁目1番1号",
      dateOfBirth: "19700401",
      gender: "1",
    },
    channel: "terminal",
    siteKind: null,
    consentVersion: "v1",
    consentAcceptedAt: AT,
    registeredAt: AT,
    receivedAt: AT,
    status: "active",
    revokedAt: null,
    revocationReason: null,
    revokedCertificate: null,
    updatedAt: null,
    updateReason: null,
    reviewPending: false,
    ...overrides,
  };
}

async function addHousehold(store: Store, id: string, number: string, symbol: string | null = null) {
  await store.persons.insertHousehold({ id, insurerId: INSURER, symbol, number, incomeBracket: "general" });
}

export function describeInsurerStoreContract(name: string, open: () => Promise<OpenedInsurerStore>): void {
  describe(`the insurers' store on ${name}`, () => {
    let opened: OpenedInsurerStore;
    let store: Store;
    beforeEach(async () => {
      opened = await open();
      store = opened.store;
      for (const id of [INSURER, OTHER]) {
        await store.insurers.upsert({
          id,
          name: id,
          kind: "national-health-insurance",
          insurerNumber: "060012",
          town: "酒田市",
          prefecture: "山形県",
        });
      }
    });
    afterEach(() => opened.close());

    describe("insurers and the 被保険者DB", () => {
      it("updates an insurer in place and lists insurers by ID", async () => {
        await store.insurers.upsert({
          id: INSURER,
          name: "酒田市国保",
          kind: "national-health-insurance",
          insurerNumber: "060012",
          town: "酒田市",
          prefecture: "山形県",
        });
        expect((await store.insurers.list()).map((i) => [i.id, i.name])).toEqual([
          [OTHER, OTHER],
          [INSURER, "酒田市国保"],
        ]);
        expect(await store.insurers.get("ins-none")).toBeUndefined();
      });

      it("finds a person by number (with or without a 記号), by household and only within the insurer", async () => {
        await addHousehold(store, "hh-1", "12");
        await addHousehold(store, "hh-2", "7", "A1");
        await store.persons.insertPerson(person("ip-1", "hh-1"));
        await store.persons.insertPerson(
          person("ip-2", "hh-1", { branchNumber: "01", relationship: "2", name: "山田 花子" }),
        );
        await store.persons.insertPerson(person("ip-3", "hh-2", { symbol: "A1", number: "7" }));
        expect(await store.persons.get(INSURER, "ip-1")).toEqual(person("ip-1", "hh-1"));
        expect(await store.persons.get(OTHER, "ip-1")).toBeUndefined();
        expect(
          (await store.persons.byNumber(INSURER, { symbol: null, number: "12", branchNumber: "01" }))?.id,
        ).toBe("ip-2");
        expect(
          (await store.persons.byNumber(INSURER, { symbol: "A1", number: "7", branchNumber: "00" }))?.id,
        ).toBe("ip-3");
        expect((await store.persons.household(INSURER, "hh-1")).map((p) => p.id)).toEqual(["ip-1", "ip-2"]);
        expect(await store.persons.count(INSURER)).toBe(3);
        expect(await store.persons.count(OTHER)).toBe(0);
      });

      it("lists persons by 記号 then number as a number, with a text filter and a page", async () => {
        for (const [i, number] of ["100", "9", "20"].entries()) {
          await addHousehold(store, `hh-${i}`, number);
          await store.persons.insertPerson(
            person(`ip-${i}`, `hh-${i}`, { number, name: `佐藤 ${number}`, nameKana: "サトウ" }),
          );
        }
        await addHousehold(store, "hh-s", "1", "B");
        await store.persons.insertPerson(person("ip-s", "hh-s", { symbol: "B", number: "1" }));
        const all = await store.persons.list(INSURER, { offset: 0, limit: 10 });
        expect(all.items.map((p) => p.number)).toEqual(["9", "20", "100", "1"]);
        expect(all.total).toBe(4);
        const page = await store.persons.list(INSURER, { text: "佐藤", offset: 1, limit: 1 });
        expect(page).toMatchObject({ total: 3, items: [{ number: "20" }] });
        expect((await store.persons.list(INSURER, { text: "100", offset: 0, limit: 10 })).total).toBe(1);
      });

      it("gives linking candidates matching any key, a 代替文字 pattern included", async () => {
        await addHousehold(store, "hh-1", "12");
        await store.persons.insertPerson(person("ip-1", "hh-1"));
        await store.persons.insertPerson(
          person("ip-2", "hh-1", { branchNumber: "01", name: "髙橋 一郎", birthDate: "1990-01-01" }),
        );
        const byBirth = await store.persons.candidates(INSURER, { birthDate: "1970-04-01", limit: 10 });
        expect(byBirth.map((p) => p.id)).toEqual(["ip-1"]);
        const byPattern = await store.persons.candidates(INSURER, { namePattern: "_橋一郎", limit: 10 });
        expect(byPattern.map((p) => p.id)).toEqual(["ip-2"]);
        expect(await store.persons.candidates(INSURER, { limit: 10 })).toEqual([]);
      });

      it("corrects a person and keeps the correction's history newest first", async () => {
        await addHousehold(store, "hh-1", "12");
        await store.persons.insertPerson(person("ip-1", "hh-1"));
        await store.persons.correct(
          INSURER,
          "ip-1",
          { name: "山田 太朗", sex: "3" },
          "2026-11-25T00:00:00.000Z",
        );
        for (const [i, value] of ["山田 太朗", "山田 太郎"].entries()) {
          await store.persons.addCorrection(INSURER, {
            personId: "ip-1",
            field: "name",
            oldValue: "x",
            newValue: value,
            accountId: null,
            at: `2026-11-2${5 + i}T00:00:00.000Z`,
            staffLoginId: "staff",
          });
        }
        expect(await store.persons.get(INSURER, "ip-1")).toMatchObject({
          name: "山田 太朗",
          sex: "3",
          updatedAt: "2026-11-25T00:00:00.000Z",
        });
        expect((await store.persons.corrections(INSURER, "ip-1")).map((c) => c.newValue)).toEqual([
          "山田 太郎",
          "山田 太朗",
        ]);
        expect(await store.persons.corrections(OTHER, "ip-1")).toEqual([]);
      });
    });

    describe("the intake and links", () => {
      it("takes a registration once, also when the same account arrives at two instances at once", async () => {
        const peer = await opened.peer();
        const results = await Promise.all([
          store.transaction((tx) => tx.registrations.insert(registration("acc-1"))),
          peer.transaction((tx) => tx.registrations.insert(registration("acc-1"))),
        ]);
        expect(results.sort()).toEqual([false, true]);
        expect(await store.registrations.insert(registration("acc-1"))).toBe(false);
        expect(await store.registrations.get(INSURER, "acc-1")).toEqual(registration("acc-1"));
      });

      it("replaces the 4情報 for review, acknowledges it and records a revocation", async () => {
        await store.registrations.insert(registration("acc-1"));
        await store.registrations.replaceFourInfo(INSURER, "acc-1", {
          fourInfo: {
            name: "山田 太郎",
            address: "山形県酒田市新町2-2",
            dateOfBirth: "19700401",
            gender: "1",
          },
          updatedAt: "2026-11-25T00:00:00.000Z",
          reason: "renewed",
        });
        expect(await store.registrations.get(INSURER, "acc-1")).toMatchObject({
          fourInfo: { address: "山形県酒田市新町2-2" },
          reviewPending: true,
          updateReason: "renewed",
        });
        await store.registrations.acknowledgeReview(INSURER, "acc-1");
        await store.registrations.markRevoked(INSURER, "acc-1", {
          at: "2026-11-26T00:00:00.000Z",
          reason: "keyCompromise",
          certificate: "authentication",
          status: "revoked",
        });
        expect(await store.registrations.get(INSURER, "acc-1")).toMatchObject({
          reviewPending: false,
          status: "revoked",
          revokedCertificate: "authentication",
        });
      });

      it("keeps one live link per person, lists the intake by view with its linked persons, ends links", async () => {
        await addHousehold(store, "hh-1", "12");
        await store.persons.insertPerson(person("ip-1", "hh-1"));
        await store.registrations.insert(registration("acc-1", { receivedAt: "2026-11-24T02:00:00.000Z" }));
        await store.registrations.insert(registration("acc-2"));
        const link = {
          insurerId: INSURER,
          accountId: "acc-1",
          personId: "ip-1",
          method: "screen" as const,
          mismatchConfirmed: false,
          linkedAt: AT,
          linkedBy: "staff",
          unlinkedAt: null,
          unlinkedBy: null,
          unlinkReason: null,
        };
        const id = await store.links.insert(link);
        expect(id).toBeGreaterThan(0);
        await expect(store.links.insert({ ...link, accountId: "acc-2" })).rejects.toThrow();
        expect(await store.links.live(INSURER, "acc-1")).toEqual([{ ...link, id }]);
        expect(await store.links.liveForPerson(INSURER, "ip-1")).toEqual({ ...link, id });
        const linked = await store.registrations.list(INSURER, { view: "linked", offset: 0, limit: 10 });
        expect(linked).toMatchObject({
          total: 1,
          items: [{ accountId: "acc-1", linkedPersonIds: ["ip-1"] }],
        });
        expect(await store.registrations.counts(INSURER)).toEqual({
          pending: 1,
          linked: 1,
          review: 0,
          revoked: 0,
          all: 2,
        });
        expect((await store.links.allLive(INSURER)).map((l) => [l.accountId, l.person.id])).toEqual([
          ["acc-1", "ip-1"],
        ]);
        await store.links.end(INSURER, id, { at: "2026-11-25T00:00:00.000Z", by: "staff", reason: "誤り" });
        expect(await store.links.live(INSURER, "acc-1")).toEqual([]);
        expect((await store.links.history(INSURER, "acc-1"))[0]).toMatchObject({ unlinkReason: "誤り" });
        expect(await store.links.historyForPerson(INSURER, "ip-1")).toHaveLength(1);
        expect(await store.links.insert({ ...link, accountId: "acc-2" })).toBeGreaterThan(id);
      });
    });

    describe("link states owed to the PF", () => {
      it("keeps the open entries in order, supersedes older ones and records each outcome", async () => {
        await store.outbox.enqueue(INSURER, "acc-1", "linked", AT);
        await store.outbox.enqueue(INSURER, "acc-1", "pending", "2026-11-24T01:01:00.000Z");
        await store.outbox.enqueue(INSURER, "acc-2", "linked", AT);
        const open = await store.outbox.open(10);
        expect(open.map((e) => [e.accountId, e.status])).toEqual([
          ["acc-1", "linked"],
          ["acc-1", "pending"],
          ["acc-2", "linked"],
        ]);
        await store.outbox.supersedeOlder(INSURER, "acc-1", open[1]!.id, AT);
        await store.outbox.markDone(open[1]!.id, "accepted", 1, AT);
        await store.outbox.markRetry(open[2]!.id, 1, "2026-11-24T01:05:00.000Z", "503 unavailable");
        expect(await store.outbox.openCount(INSURER)).toBe(1);
        expect(await store.outbox.latest(INSURER, "acc-1")).toMatchObject({
          outcome: "accepted",
          attempts: 1,
        });
        expect((await store.outbox.open(10))[0]).toMatchObject({
          accountId: "acc-2",
          lastError: "503 unavailable",
        });
        await store.outbox.markDone(open[2]!.id, "refused", 2, AT, "404 account_unknown");
        expect((await store.outbox.refusedRecently(INSURER, 5)).map((e) => e.lastError)).toEqual([
          "404 account_unknown",
        ]);
        expect((await store.outbox.latest(INSURER, "acc-1"))?.id).toBe(open[1]!.id);
      });
    });

    describe("events, audit, 照会履歴", () => {
      it("remembers an event once per insurer, also when it arrives at two instances at once", async () => {
        const peer = await opened.peer();
        const results = await Promise.all([
          store.events.remember(INSURER, "evt-1", "account.created", AT, "{}"),
          peer.events.remember(INSURER, "evt-1", "account.created", AT, "{}"),
        ]);
        expect(results.sort()).toEqual([false, true]);
        expect(await store.events.remember(OTHER, "evt-1", "account.created", AT, "{}")).toBe(true);
      });

      it("pages the audit log and the 照会履歴 newest first, and counts requests since an instant", async () => {
        for (let i = 0; i < 3; i += 1) {
          await store.audit.append({
            insurerId: INSURER,
            at: `2026-11-24T01:0${i}:00.000Z`,
            actor: "staff",
            action: "link",
            target: `acc-${i}`,
            detail: "-",
            requestId: `req-${i}`,
          });
          await store.eligibility.append({
            insurerId: INSURER,
            requestId: `er-${i}`,
            accountId: "acc-1",
            medicalInstitutionCode: "0612345678",
            confirmationDate: "20261124",
            acr: "urn:catv:acr:pin",
            limitConsent: i === 1,
            processingStatus: "1",
            validity: "1",
            processedAt: `2026-11-24T01:0${i}:00.000Z`,
          });
        }
        const audit = await store.audit.list(INSURER, { offset: 1, limit: 1 });
        expect(audit).toMatchObject({ total: 3, items: [{ requestId: "req-1" }] });
        const requests = await store.eligibility.list(INSURER, { offset: 0, limit: 2 });
        expect(requests.total).toBe(3);
        expect(requests.items.map((r) => [r.requestId, r.limitConsent])).toEqual([
          ["er-2", false],
          ["er-1", true],
        ]);
        expect(await store.eligibility.countSince(INSURER, "2026-11-24T01:00:00.000Z")).toBe(2);
        expect((await store.audit.list(OTHER, { offset: 0, limit: 10 })).total).toBe(0);
      });
    });

    describe("staff, imports, registration-page sessions", () => {
      it("upserts staff by login, keeps sessions and forgets expired ones", async () => {
        const member = {
          insurerId: INSURER,
          loginId: "sakata-staff",
          passwordHash: "h1",
          role: "staff" as const,
          displayName: "職員",
        };
        await store.staff.upsert(member);
        await store.staff.upsert({ ...member, passwordHash: "h2" });
        const staff = await store.staff.byLoginId("sakata-staff");
        expect(staff).toMatchObject({ passwordHash: "h2" });
        expect(await store.staff.byId(staff!.id)).toEqual(staff);
        const session = (idHash: string, createdAt: string) => ({
          idHash,
          staffId: staff!.id,
          insurerId: INSURER,
          csrfToken: "csrf",
          createdAt,
          lastSeenAt: createdAt,
        });
        await store.staff.createSession(session("s-old", "2026-11-23T00:00:00.000Z"));
        await store.staff.createSession(session("s-new", AT));
        await store.staff.touchSession("s-new", "2026-11-24T02:00:00.000Z");
        await store.staff.deleteExpiredSessions("2026-11-24T00:00:00.000Z", "2026-11-20T00:00:00.000Z");
        expect(await store.staff.session("s-old")).toBeUndefined();
        expect(await store.staff.session("s-new")).toMatchObject({ lastSeenAt: "2026-11-24T02:00:00.000Z" });
        await store.staff.deleteSession("s-new");
        expect(await store.staff.session("s-new")).toBeUndefined();
      });

      it("decides a previewed CSV import once, also when two instances decide it at once", async () => {
        await store.imports.insert({
          id: "imp-1",
          insurerId: INSURER,
          uploadedBy: "staff",
          createdAt: AT,
          encoding: "utf-8",
          rows: [{ line: 2, accountId: "acc-1" }],
          status: "previewed",
          decidedAt: null,
          decidedBy: null,
        });
        const peer = await opened.peer();
        const results = await Promise.all([
          store.transaction((tx) =>
            tx.imports.decide(INSURER, "imp-1", "applied", AT, "a", [{ line: 2, ok: true }]),
          ),
          peer.transaction((tx) => tx.imports.decide(INSURER, "imp-1", "discarded", AT, "b")),
        ]);
        expect(results.sort()).toEqual([false, true]);
        const decided = await store.imports.get(INSURER, "imp-1");
        expect(decided?.status === "applied" ? decided.rows : decided?.status).toEqual(
          decided?.status === "applied" ? [{ line: 2, ok: true }] : "discarded",
        );
        expect(await store.imports.get(OTHER, "imp-1")).toBeUndefined();
      });

      it("keeps a registration-page session with its challenge and outcome, and forgets old ones", async () => {
        await store.webRegistrations.insert({
          idHash: "w-1",
          insurerId: INSURER,
          csrfToken: "c",
          challengeId: null,
          challengeExpiresAt: null,
          createdAt: AT,
          completedAt: null,
          outcome: null,
        });
        await store.webRegistrations.setChallenge("w-1", "ch-1", "2026-11-24T01:05:00.000Z");
        await store.webRegistrations.complete("w-1", "2026-11-24T01:02:00.000Z", "new");
        expect(await store.webRegistrations.get("w-1")).toMatchObject({
          challengeId: "ch-1",
          outcome: "new",
        });
        await store.webRegistrations.deleteOlderThan("2026-11-24T01:00:00.001Z");
        expect(await store.webRegistrations.get("w-1")).toBeUndefined();
      });
    });

    // The failure windows are the shared repository (@catv/service-kit/login-failures-sqlite,
    // @catv/postgres/login-failures), held to its one suite there; this shows the store wires it to the database
    // every instance shares.
    describe("the staff-login limit", () => {
      it("refuses the sixth try at a login ID though the five failures were split between two instances", async () => {
        await store.staff.upsert({
          insurerId: INSURER,
          loginId: "sakata-staff",
          passwordHash: await hashPassword("the-password", 2 ** 10),
          role: "staff",
          displayName: "職員",
        });
        const now = new Date(AT);
        // Login never calls the PF: the client only fills the dependency.
        const depsOn = (on: Store): Deps => ({
          store: on,
          pf: createPfVerifierClient("http://127.0.0.1:9"),
          secrets: () => undefined,
          now: () => now,
          logger: createMemoryLogger("medical-insurer"),
        });
        const instances = [depsOn(store), depsOn(await opened.peer())];
        const attempt = (instance: number, password: string) =>
          logInStaff(instances[instance]!, {
            loginId: "sakata-staff",
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

    // The call windows are the shared fixed-window counters (the staff-login failures' repository over a table of
    // their own); these show the page's limits are one budget for every instance on the database.
    describe("the registration page's call limits", () => {
      const callsAt = async (at: string, key: RegistrationCallKey, spread: number, onPeer: number) => {
        const instances = [store, await opened.peer()].map((on) => ({ store: on, now: () => new Date(at) }));
        const calls = Array.from({ length: spread }, (_, i) =>
          takeRegistrationCall(instances[i < onPeer ? 1 : 0]!, key),
        );
        return (await Promise.all(calls)).filter(Boolean).length;
      };

      it("takes ten calls of a page session and no more, though they arrive at two instances at once", async () => {
        const session = { kind: "page-session", idHash: "w-1" } as const;
        expect(await callsAt(AT, session, CALLS_PER_PAGE_SESSION + 3, 6)).toBe(CALLS_PER_PAGE_SESSION);
        expect(
          await takeRegistrationCall({ store: await opened.peer(), now: () => new Date(AT) }, session),
        ).toBe(false);
        // Another page session has a budget of its own.
        expect(await callsAt(AT, { kind: "page-session", idHash: "w-2" }, 1, 1)).toBe(1);
      });

      it("takes sixty calls from an address and no more, though they arrive at two instances at once", async () => {
        const address = { kind: "address", address: "192.0.2.10" } as const;
        expect(await callsAt(AT, address, CALLS_PER_ADDRESS + 5, 30)).toBe(CALLS_PER_ADDRESS);
      });

      it("takes calls again once the window is over, and the sweep forgets the windows that are over", async () => {
        const address = { kind: "address", address: "192.0.2.10" } as const;
        expect(await callsAt(AT, address, CALLS_PER_ADDRESS + 1, 0)).toBe(CALLS_PER_ADDRESS);
        const later = Date.parse(AT) + REGISTRATION_CALL_WINDOW_MINUTES * 60_000 + 1;
        expect(await callsAt(new Date(later).toISOString(), address, 1, 1)).toBe(1);
        const afterThat = later + REGISTRATION_CALL_WINDOW_MINUTES * 60_000 + 1;
        expect(await store.registrationCalls.deleteEnded(registrationCallWindowEndedBefore(afterThat))).toBe(
          1,
        );
      });
    });

    describe("first start", () => {
      it("seeds an insurer's demo register once when two instances start at once", async () => {
        const insurer = {
          id: INSURER,
          name: "酒田市国保",
          kind: "national-health-insurance" as const,
          insurerNumber: "060012",
          town: "酒田市",
          prefecture: "山形県",
          apiKey: "an-api-key-of-the-insurer",
          webhookSecret: "whsec_c2VjcmV0",
          staff: [
            { loginId: "sakata", password: "a-long-password", role: "staff" as const, displayName: "職員" },
          ],
        };
        const options = { passwordCost: 2 ** 10, registers: { [INSURER]: SAKATA_KOKUHO } };
        const peer = await opened.peer();
        const seeded = await Promise.all([
          seedDemo(store, [insurer], options),
          seedDemo(peer, [insurer], options),
        ]);
        expect(seeded.flatMap((s) => s.seededInsurers)).toEqual([INSURER]);
        const members = SAKATA_KOKUHO.reduce((n, household) => n + household.members.length, 0);
        expect(await store.persons.count(INSURER)).toBe(members);
        expect(await store.staff.byLoginId("sakata")).toMatchObject({ insurerId: INSURER });
      });
    });

    describe("transactions and the replay guard", () => {
      it("stores nothing of a transaction that throws", async () => {
        await expect(
          store.transaction(async (tx) => {
            await tx.registrations.insert(registration("acc-1"));
            await tx.outbox.enqueue(INSURER, "acc-1", "pending", AT);
            throw new Error("refused");
          }),
        ).rejects.toThrow("refused");
        expect(await store.registrations.get(INSURER, "acc-1")).toBeUndefined();
        expect(await store.outbox.open(10)).toEqual([]);
      });

      it("accepts a PF assertion ID once until it expires", async () => {
        const now = Date.parse(AT);
        expect(await opened.replayStore.remember("jti-1", now + 60_000, now)).toBe(true);
        expect(await opened.replayStore.remember("jti-1", now + 60_000, now + 1)).toBe(false);
        expect(await opened.replayStore.remember("jti-1", now + 200_000, now + 60_001)).toBe(true);
      });
    });
  });
}
