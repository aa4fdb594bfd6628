/**
 * @module The one test suite of the console's repository interfaces (`src/domain/repositories.ts`), run against
 * every implementation: SQLite (`sqlite-repositories.test.ts`) and PostgreSQL (`postgres/repositories.test.ts`).
 * Each `describe…Contract` holds one interface to its documented behaviour — scoping by operator, idempotency
 * (also when the same key arrives twice at once), ordering, the monthly close's figures — so an implementation
 * passes only by behaving as the domain expects, whatever its SQL.
 */
import type { FourInfo } from "@catv/contracts";
import { includedTax } from "@catv/contracts/invoice-tax";
import { loginFailureWindowEndedBefore } from "@catv/service-kit/login-throttle";
import { beforeEach, describe, expect, it } from "vitest";
import type { HouseholdInput, NewUsageRecord, Operator } from "../domain/records.ts";
import type { Repositories } from "../domain/repositories.ts";

/** Opens an empty, migrated store for one test. */
export type OpenRepositories = () => Promise<Repositories>;
/** Opens two handles (connections, pools) on one empty, migrated database, as two consoles would hold. */
export type OpenTwoHandles = () => Promise<[Repositories, Repositories]>;

const OP = "op-a";
const OTHER = "op-b";

const operator = (id: string, overrides: Partial<Operator> = {}): Operator => ({
  id,
  name: `CATV ${id}`,
  town: "南都町",
  prefecture: "奈良県",
  pfApiKey: `key-${id}`,
  webhookSecret: "whsec_c2VjcmV0",
  invoiceRegistrationNumber: "T1234567890123",
  collectionFeeBasisPoints: 500,
  terminalIds: ["stb-1"],
  ...overrides,
});

const fourInfo = (name = "山田太郎"): FourInfo => ({
  name,
  address: "奈良県南都町1-2-3",
  dateOfBirth: "1980-05-06",
  gender: "1",
});

const household = (contractId: string, overrides: Partial<HouseholdInput> = {}): HouseholdInput => ({
  contractId,
  address: "南都町一丁目2番3号",
  plan: "ベーシック",
  monthlyFeeYen: 4400,
  serviceStartDate: "2026-01-01",
  members: [
    { name: "山田 太郎", birthDate: "1980-05-06", gender: "1" },
    { name: "山田 花子", birthDate: "1982-07-08", gender: "2" },
  ],
  ...overrides,
});

const usage = (usageId: string, overrides: Partial<NewUsageRecord> = {}): NewUsageRecord => ({
  usageId,
  cableId: "CATV-0001-0001",
  providerId: "facility",
  providerName: "施設予約",
  serviceId: "gym",
  kind: "charge",
  amountYen: 1100,
  taxRatePercent: 10,
  description: "体育館",
  occurredAt: "2026-05-10T01:00:00.000Z",
  reversesUsageId: null,
  billingMonth: "2026-05",
  receivedAt: "2026-05-10T01:00:01.000Z",
  ...overrides,
});

const auditEntry = (
  action: string,
  overrides: Partial<{ at: string; staffLoginId: string; operatorId: string }> = {},
) => ({
  operatorId: OP,
  at: "2026-06-01T00:00:00.000Z",
  staffLoginId: "tester",
  action,
  householdId: null,
  contractId: null,
  detail: "-",
  requestId: "r",
  ...overrides,
});

/** A promise and the function that settles it, to hold a unit of work open between two of its statements. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

const aMoment = () => new Promise((resolve) => setTimeout(resolve, 30));

/** Operators, a household with a linked cable ID, and the fixtures most tests start from. */
async function seed(repos: Repositories) {
  await repos.accounts.upsertOperator(operator(OP));
  await repos.accounts.upsertOperator(operator(OTHER));
  const householdId = await repos.households.create(OP, household("H-0001"));
  const saved = await repos.households.get(OP, householdId);
  const memberRowId = saved?.members[0]?.id ?? 0;
  await repos.cableIds.insert(OP, {
    cableId: "CATV-0001-0001",
    terminalId: "stb-1",
    registeredAt: "2026-04-01T00:00:00.000Z",
    fourInfo: fourInfo(),
  });
  await repos.cableIds.link(OP, "CATV-0001-0001", {
    householdId,
    memberRowId,
    method: "auto",
    at: "2026-04-01T00:00:01.000Z",
  });
  return { householdId, memberRowId };
}

export function describeUnitOfWorkContract(name: string, open: OpenRepositories) {
  describe(`${name}: the unit of work`, () => {
    let repos: Repositories;
    beforeEach(async () => {
      repos = await open();
    });
    const actions = async () => (await repos.audit.list(OP, { limit: 100 })).map((a) => a.action).sort();

    it("commits everything a unit of work wrote together", async () => {
      await repos.transaction(async (tx) => {
        await tx.audit.append(auditEntry("a"));
        await tx.audit.append(auditEntry("b"));
      });
      expect(await actions()).toEqual(["a", "b"]);
    });

    it("rolls back everything a unit of work wrote when it throws", async () => {
      await expect(
        repos.transaction(async (tx) => {
          await tx.audit.append(auditEntry("a"));
          throw new Error("refused half-way");
        }),
      ).rejects.toThrow("refused half-way");
      expect(await actions()).toEqual([]);
    });

    it("never lets an outer call see half of an open unit of work", async () => {
      const hold = gate();
      const unit = repos.transaction(async (tx) => {
        await tx.audit.append(auditEntry("first half"));
        await hold.opened;
        await tx.audit.append(auditEntry("second half"));
      });
      await aMoment();
      const outer = actions();
      await aMoment();
      hold.open();
      await unit;
      // Before the unit of work (PostgreSQL: the read runs at once) or after it (SQLite: the read waits).
      expect([[], ["first half", "second half"]]).toContainEqual(await outer);
    });

    it("keeps an outer write out of a unit of work that then rolls back", async () => {
      const hold = gate();
      const unit = repos.transaction(async (tx) => {
        await tx.audit.append(auditEntry("rolled back"));
        await hold.opened;
        throw new Error("rollback");
      });
      await aMoment();
      const outer = repos.audit.append(auditEntry("outside"));
      await aMoment();
      hold.open();
      await expect(unit).rejects.toThrow("rollback");
      await outer;
      expect(await actions()).toEqual(["outside"]);
    });

    it("runs units of work one after another, never interleaved", async () => {
      const order: string[] = [];
      const hold = gate();
      const first = repos.transaction(async (tx) => {
        order.push("first begins");
        await hold.opened;
        await tx.audit.append(auditEntry("first"));
        order.push("first ends");
      });
      await aMoment();
      const second = repos.transaction(async (tx) => {
        order.push("second begins");
        await tx.audit.append(auditEntry("second"));
        order.push("second ends");
      });
      await aMoment();
      hold.open();
      await Promise.all([first, second]);
      expect(order).toEqual(["first begins", "first ends", "second begins", "second ends"]);
    });

    it("joins the unit of work in progress when its repositories start another", async () => {
      await expect(
        repos.transaction(async (tx) => {
          await tx.transaction(async (inner) => inner.audit.append(auditEntry("nested")));
          throw new Error("outer fails");
        }),
      ).rejects.toThrow("outer fails");
      expect(await actions()).toEqual([]);
    });

    it("refuses a call through the outer repositories from inside a unit of work", async () => {
      await expect(
        repos.transaction(async () => repos.audit.append(auditEntry("wrong door"))),
      ).rejects.toThrow(/use the ones transaction\(\) gives it/);
      expect(await actions()).toEqual([]);
    });

    it("refuses to start a unit of work through the outer repositories from inside one", async () => {
      await expect(
        repos.transaction(async (tx) => {
          await tx.audit.append(auditEntry("first"));
          await repos.transaction(async (inner) => inner.audit.append(auditEntry("wrong door")));
        }),
      ).rejects.toThrow(/use the ones transaction\(\) gives it/);
      expect(await actions()).toEqual([]);
    });

    it("refuses a unit of work's repositories once it has ended", async () => {
      let kept: Repositories | undefined;
      await repos.transaction(async (tx) => {
        kept = tx;
      });
      await expect(kept?.audit.append(auditEntry("late"))).rejects.toThrow(/after it ended/);
    });
  });
}

export function describeAccountsRepositoryContract(name: string, open: OpenRepositories) {
  describe(`${name}: AccountsRepository`, () => {
    let repos: Repositories;
    beforeEach(async () => {
      repos = await open();
      await repos.accounts.upsertOperator(operator(OP));
    });

    it("refreshes an operator's identity and secrets but keeps its invoice settings", async () => {
      await repos.accounts.updateOperatorSettings(OP, {
        invoiceRegistrationNumber: "T9999999999999",
        collectionFeeBasisPoints: 750,
      });
      await repos.accounts.upsertOperator(
        operator(OP, { name: "新名称", pfApiKey: "rotated", terminalIds: ["a", "b"] }),
      );
      const saved = await repos.accounts.getOperator(OP);
      expect(saved).toMatchObject({
        name: "新名称",
        pfApiKey: "rotated",
        terminalIds: ["a", "b"],
        invoiceRegistrationNumber: "T9999999999999",
        collectionFeeBasisPoints: 750,
      });
      expect((await repos.accounts.listOperators()).map((o) => o.id)).toEqual([OP]);
    });

    it("adds a staff account once and finds it by login ID and by ID", async () => {
      const staff = {
        operatorId: OP,
        loginId: "nanto-admin",
        displayName: "管理者",
        role: "admin" as const,
        passwordHash: "h1",
      };
      await repos.accounts.insertStaff(staff);
      await repos.accounts.insertStaff({ ...staff, passwordHash: "h2" });
      const found = await repos.accounts.staffByLoginId("nanto-admin");
      expect(found).toMatchObject({ ...staff, passwordHash: "h1" });
      expect(await repos.accounts.staffById(found?.id ?? -1)).toEqual(found);
      expect(await repos.accounts.staffByLoginId("nobody")).toBeUndefined();
    });

    it("keeps a session until it is deleted, and refreshes its last use", async () => {
      await repos.accounts.insertStaff({
        operatorId: OP,
        loginId: "s",
        displayName: "s",
        role: "staff",
        passwordHash: "h",
      });
      const staffId = (await repos.accounts.staffByLoginId("s"))?.id ?? 0;
      const session = {
        idHash: "hash-1",
        staffId,
        operatorId: OP,
        csrfToken: "csrf",
        createdAt: "2026-06-01T00:00:00.000Z",
        lastSeenAt: "2026-06-01T00:00:00.000Z",
      };
      await repos.accounts.createSession(session);
      await repos.accounts.touchSession("hash-1", "2026-06-01T00:10:00.000Z");
      expect(await repos.accounts.getSession("hash-1")).toEqual({
        ...session,
        lastSeenAt: "2026-06-01T00:10:00.000Z",
      });
      await repos.accounts.deleteSession("hash-1");
      expect(await repos.accounts.getSession("hash-1")).toBeUndefined();
    });

    it("sweeps sessions idle too long or too old, and keeps the others", async () => {
      await repos.accounts.insertStaff({
        operatorId: OP,
        loginId: "s",
        displayName: "s",
        role: "staff",
        passwordHash: "h",
      });
      const staffId = (await repos.accounts.staffByLoginId("s"))?.id ?? 0;
      const base = { staffId, operatorId: OP, csrfToken: "c" };
      await repos.accounts.createSession({
        ...base,
        idHash: "idle",
        createdAt: "2026-06-01T09:00:00.000Z",
        lastSeenAt: "2026-06-01T09:00:00.000Z",
      });
      await repos.accounts.createSession({
        ...base,
        idHash: "old",
        createdAt: "2026-06-01T01:00:00.000Z",
        lastSeenAt: "2026-06-01T09:50:00.000Z",
      });
      await repos.accounts.createSession({
        ...base,
        idHash: "fresh",
        createdAt: "2026-06-01T09:00:00.000Z",
        lastSeenAt: "2026-06-01T09:50:00.000Z",
      });
      await repos.accounts.deleteExpiredSessions("2026-06-01T09:30:00.000Z", "2026-06-01T02:00:00.000Z");
      expect(await repos.accounts.getSession("idle")).toBeUndefined();
      expect(await repos.accounts.getSession("old")).toBeUndefined();
      expect(await repos.accounts.getSession("fresh")).toBeDefined();
    });
  });
}

export function describeAuditRepositoryContract(name: string, open: OpenRepositories) {
  describe(`${name}: AuditRepository`, () => {
    let repos: Repositories;
    beforeEach(async () => {
      repos = await open();
      await repos.audit.append(
        auditEntry("household.create", { at: "2026-06-01T08:00:00.000Z", staffLoginId: "a" }),
      );
      await repos.audit.append(
        auditEntry("household.update", { at: "2026-06-02T08:00:00.000Z", staffLoginId: "b" }),
      );
      await repos.audit.append(
        auditEntry("billing.close", { at: "2026-06-03T08:00:00.000Z", staffLoginId: "a" }),
      );
      await repos.audit.append(auditEntry("household.create", { operatorId: OTHER }));
    });
    const list = async (filter: { action?: string; staff?: string; from?: string; to?: string }) =>
      (await repos.audit.list(OP, { ...filter, limit: 50 })).map((e) => `${e.action}@${e.at.slice(0, 10)}`);

    it("lists the operator's own entries, newest first", async () => {
      expect(await list({})).toEqual([
        "billing.close@2026-06-03",
        "household.update@2026-06-02",
        "household.create@2026-06-01",
      ]);
    });

    it("filters by action prefix and by staff member", async () => {
      expect(await list({ action: "household." })).toEqual([
        "household.update@2026-06-02",
        "household.create@2026-06-01",
      ]);
      expect(await list({ staff: "a" })).toEqual(["billing.close@2026-06-03", "household.create@2026-06-01"]);
    });

    it("filters by dates, both bounds included", async () => {
      expect(await list({ from: "2026-06-02", to: "2026-06-02" })).toEqual(["household.update@2026-06-02"]);
    });

    it("keeps to the limit", async () => {
      expect(await repos.audit.list(OP, { limit: 1 })).toHaveLength(1);
    });
  });
}

export function describeHouseholdsRepositoryContract(name: string, open: OpenRepositories) {
  describe(`${name}: HouseholdsRepository`, () => {
    let repos: Repositories;
    let householdId: number;
    beforeEach(async () => {
      repos = await open();
      ({ householdId } = await seed(repos));
    });

    it("numbers a new household's members after its contract ID and gives them back in order", async () => {
      const saved = await repos.households.get(OP, householdId);
      expect(saved).toMatchObject({
        contractId: "H-0001",
        status: "active",
        closedAt: null,
        serviceStartDate: "2026-01-01",
      });
      expect(saved?.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(saved?.members.map((m) => [m.memberId, m.name, m.gender])).toEqual([
        ["H-0001-01", "山田 太郎", "1"],
        ["H-0001-02", "山田 花子", "2"],
      ]);
      expect((await repos.households.getByContractId(OP, "H-0001"))?.id).toBe(householdId);
    });

    it("never gives one operator's household to another", async () => {
      expect(await repos.households.get(OTHER, householdId)).toBeUndefined();
      expect(await repos.households.getByContractId(OTHER, "H-0001")).toBeUndefined();
      expect(await repos.households.memberByMemberId(OTHER, "H-0001-01")).toBeUndefined();
      await repos.households.close(OTHER, householdId, "2026-06-01T00:00:00.000Z");
      expect((await repos.households.get(OP, householdId))?.status).toBe("active");
    });

    it("updates named members, adds new ones after the highest number and changes the contract", async () => {
      await repos.households.update(OP, householdId, {
        address: "南都町二丁目1番",
        plan: "プレミアム",
        monthlyFeeYen: 6600,
        serviceStartDate: "2026-02-01",
        members: [
          { memberId: "H-0001-02", name: "山田 花子", birthDate: "1982-07-09", gender: "2" },
          { name: "山田 次郎", birthDate: "2010-01-02", gender: "1" },
        ],
      });
      const saved = await repos.households.get(OP, householdId);
      expect(saved).toMatchObject({
        plan: "プレミアム",
        monthlyFeeYen: 6600,
        serviceStartDate: "2026-02-01",
      });
      expect(saved?.members.map((m) => [m.memberId, m.birthDate])).toEqual([
        ["H-0001-01", "1980-05-06"],
        ["H-0001-02", "1982-07-09"],
        ["H-0001-03", "2010-01-02"],
      ]);
      expect(await repos.households.memberByMemberId(OP, "H-0001-03")).toMatchObject({
        name: "山田 次郎",
        householdId,
      });
    });

    it("corrects a member from the 4情報", async () => {
      const memberRowId = (await repos.households.memberByMemberId(OP, "H-0001-01"))?.id ?? 0;
      await repos.households.correctMember(OP, memberRowId, {
        name: "山田 太朗",
        birthDate: "1980-05-07",
        gender: "1",
      });
      expect(await repos.households.memberByMemberId(OP, "H-0001-01")).toMatchObject({
        name: "山田 太朗",
        birthDate: "1980-05-07",
      });
      expect(await repos.households.searchMembers(OP, { name: "山田太朗" }, 10)).toHaveLength(1);
    });

    it("searches households by contract ID, name, address or part of a linked cable ID typed any way", async () => {
      await repos.households.create(
        OP,
        household("H-0002", {
          address: "北都町5番",
          members: [{ name: "佐藤 一", birthDate: "1970-01-01", gender: "1" }],
        }),
      );
      const contracts = async (q: string) =>
        (await repos.households.search(OP, { q, limit: 10, offset: 0 })).rows.map((r) => r.contractId);
      expect(await contracts("H-0002")).toEqual(["H-0002"]);
      expect(await contracts("佐藤")).toEqual(["H-0002"]);
      expect(await contracts("北都町")).toEqual(["H-0002"]);
      expect(await contracts("ｃａｔｖ０００１－０００１")).toEqual(["H-0001"]);
      expect(await contracts("h-000")).toEqual(["H-0001", "H-0002"]);
    });

    it("summarises each household with its members' names and linked cable IDs, and counts the matches", async () => {
      await repos.households.create(OP, household("H-0002", { members: [] }));
      const page = await repos.households.search(OP, { limit: 1, offset: 0 });
      expect(page.total).toBe(2);
      expect(page.rows).toEqual([
        {
          id: householdId,
          contractId: "H-0001",
          address: "南都町一丁目2番3号",
          plan: "ベーシック",
          monthlyFeeYen: 4400,
          status: "active",
          memberNames: "山田 太郎、山田 花子",
          linkedCount: 1,
        },
      ]);
      expect((await repos.households.search(OP, { limit: 5, offset: 1 })).rows[0]).toMatchObject({
        contractId: "H-0002",
        memberNames: "",
        linkedCount: 0,
      });
      expect((await repos.households.search(OP, { status: "closed", limit: 5, offset: 0 })).total).toBe(0);
    });

    it("finds members by any of name, birth date and address, and nothing without a condition", async () => {
      expect(await repos.households.searchMembers(OP, {}, 10)).toEqual([]);
      const rows = await repos.households.searchMembers(
        OP,
        { birthDate: "1982-07-08", address: "南都町1-2" },
        10,
      );
      expect(rows).toEqual([
        expect.objectContaining({
          memberId: "H-0001-02",
          householdId,
          contractId: "H-0001",
          status: "active",
          gender: "2",
        }),
      ]);
      expect(await repos.households.searchMembers(OTHER, { name: "山田" }, 10)).toEqual([]);
    });

    it("offers only active households' members as match candidates", async () => {
      expect(await repos.households.matchCandidates(OP, "1980-05-06")).toEqual([
        expect.objectContaining({ memberId: "H-0001-01", householdId, name: "山田 太郎" }),
      ]);
      await repos.households.close(OP, householdId, "2026-06-01T00:00:00.000Z");
      expect(await repos.households.matchCandidates(OP, "1980-05-06")).toEqual([]);
      expect(await repos.households.get(OP, householdId)).toMatchObject({
        status: "closed",
        closedAt: "2026-06-01T00:00:00.000Z",
      });
    });

    it("exports every household with its members by contract ID, and counts them", async () => {
      await repos.households.create(
        OP,
        household("H-0000", { members: [{ name: "先頭", birthDate: "1990-01-01", gender: "9" }] }),
      );
      const all = await repos.households.exportAll(OP);
      expect(all.map((h) => [h.contractId, h.members.map((m) => m.memberId)])).toEqual([
        ["H-0000", ["H-0000-01"]],
        ["H-0001", ["H-0001-01", "H-0001-02"]],
      ]);
      expect(await repos.households.count(OP)).toBe(2);
      expect(await repos.households.count(OTHER)).toBe(0);
    });
  });
}

export function describeCableIdsRepositoryContract(name: string, open: OpenRepositories) {
  describe(`${name}: CableIdsRepository`, () => {
    let repos: Repositories;
    let householdId: number;
    beforeEach(async () => {
      repos = await open();
      ({ householdId } = await seed(repos));
    });
    const newCableId = (cableId: string, registeredAt = "2026-05-01T00:00:00.000Z") => ({
      cableId,
      terminalId: "stb-2",
      registeredAt,
      fourInfo: fourInfo("佐藤一"),
    });

    it("stores a registration once, also when it is delivered twice at once", async () => {
      const results = await Promise.all([
        repos.cableIds.insert(OP, newCableId("CATV-0002-0002")),
        repos.cableIds.insert(OP, newCableId("CATV-0002-0002")),
      ]);
      expect(results.sort()).toEqual([false, true]);
      expect(await repos.cableIds.insert(OP, newCableId("CATV-0002-0002"))).toBe(false);
      expect(await repos.cableIds.get(OP, "CATV-0002-0002")).toMatchObject({
        status: "pending",
        fourInfo: fourInfo("佐藤一"),
      });
    });

    it("gives a linked cable ID with its household and member, and only to its operator", async () => {
      expect(await repos.cableIds.get(OP, "CATV-0001-0001")).toMatchObject({
        status: "linked",
        householdId,
        contractId: "H-0001",
        memberId: "H-0001-01",
        memberName: "山田 太郎",
        linkMethod: "auto",
        linkedAt: "2026-04-01T00:00:01.000Z",
        revokedAt: null,
      });
      expect(await repos.cableIds.get(OTHER, "CATV-0001-0001")).toBeUndefined();
    });

    it("unlinks, revokes and replaces the 4情報", async () => {
      await repos.cableIds.unlink(OP, "CATV-0001-0001");
      expect(await repos.cableIds.get(OP, "CATV-0001-0001")).toMatchObject({
        status: "pending",
        householdId: null,
        contractId: null,
        linkMethod: null,
      });
      await repos.cableIds.replaceFourInfo(OP, "CATV-0001-0001", fourInfo("山田太朗"));
      await repos.cableIds.revoke(OP, "CATV-0001-0001", "2026-06-01T00:00:00.000Z");
      expect(await repos.cableIds.get(OP, "CATV-0001-0001")).toMatchObject({
        status: "revoked",
        revokedAt: "2026-06-01T00:00:00.000Z",
        fourInfo: fourInfo("山田太朗"),
      });
    });

    it("lists newest registration first, by status, household, or part of a cable or contract ID", async () => {
      await repos.cableIds.insert(OP, newCableId("CATV-0002-0002", "2026-05-01T00:00:00.000Z"));
      await repos.cableIds.insert(OTHER, newCableId("CATV-0003-0003"));
      const ids = async (filter: Parameters<Repositories["cableIds"]["list"]>[1]) =>
        (await repos.cableIds.list(OP, filter)).map((c) => c.cableId);
      expect(await ids({ limit: 10 })).toEqual(["CATV-0002-0002", "CATV-0001-0001"]);
      expect(await ids({ status: "pending", limit: 10 })).toEqual(["CATV-0002-0002"]);
      expect(await ids({ householdId, limit: 10 })).toEqual(["CATV-0001-0001"]);
      expect(await ids({ q: "catv 0002", limit: 10 })).toEqual(["CATV-0002-0002"]);
      expect(await ids({ q: "H-0001", limit: 10 })).toEqual(["CATV-0001-0001"]);
      expect(await ids({ limit: 1 })).toHaveLength(1);
    });

    it("counts cable IDs by status and registrations by month", async () => {
      await repos.cableIds.insert(OP, newCableId("CATV-0002-0002", "2026-05-03T00:00:00.000Z"));
      await repos.cableIds.insert(OP, newCableId("CATV-0004-0004", "2026-05-04T00:00:00.000Z"));
      expect(await repos.cableIds.countByStatus(OP)).toEqual({ pending: 2, linked: 1, revoked: 0 });
      expect(await repos.cableIds.registrationsByMonth(OP)).toEqual([
        { month: "2026-04", count: 1 },
        { month: "2026-05", count: 2 },
      ]);
      expect(await repos.cableIds.countByStatus(OTHER)).toEqual({ pending: 0, linked: 0, revoked: 0 });
    });

    it("keeps review notices open until staff mark them, newest first, with the household", async () => {
      await repos.cableIds.addReview(OP, {
        cableId: "CATV-0001-0001",
        kind: "renewed",
        previousFourInfo: fourInfo(),
        newFourInfo: fourInfo("山田太朗"),
        detail: null,
        receivedAt: "2026-05-01T00:00:00.000Z",
      });
      await repos.cableIds.addReview(OP, {
        cableId: "CATV-0001-0001",
        kind: "revoked",
        previousFourInfo: null,
        newFourInfo: null,
        detail: "失効",
        receivedAt: "2026-05-02T00:00:00.000Z",
      });
      const open = await repos.cableIds.listReviews(OP, true);
      expect(open.map((r) => r.kind)).toEqual(["revoked", "renewed"]);
      expect(open[1]).toMatchObject({ contractId: "H-0001", householdId, newFourInfo: fourInfo("山田太朗") });
      expect(await repos.cableIds.openReviewCount(OP)).toBe(2);
      const id = open[0]?.id ?? 0;
      await repos.cableIds.markReviewed(OTHER, id, "intruder", "2026-05-03T00:00:00.000Z");
      expect(await repos.cableIds.openReviewCount(OP)).toBe(2);
      await repos.cableIds.markReviewed(OP, id, "nanto-staff", "2026-05-03T00:00:00.000Z");
      expect(await repos.cableIds.getReview(OP, id)).toMatchObject({
        reviewedBy: "nanto-staff",
        reviewedAt: "2026-05-03T00:00:00.000Z",
      });
      expect((await repos.cableIds.listReviews(OP, false)).map((r) => r.id)).toEqual([id]);
      expect(await repos.cableIds.getReview(OTHER, id)).toBeUndefined();
    });
  });
}

export function describeUsageRepositoryContract(name: string, open: OpenRepositories) {
  describe(`${name}: UsageRepository`, () => {
    let repos: Repositories;
    let householdId: number;
    beforeEach(async () => {
      repos = await open();
      ({ householdId } = await seed(repos));
    });

    it("stores a usage record once, also when it is delivered twice at once", async () => {
      const results = await Promise.all([
        repos.usage.insert(OP, usage("u-1")),
        repos.usage.insert(OP, usage("u-1")),
      ]);
      expect(results.sort()).toEqual([false, true]);
      expect(await repos.usage.insert(OP, usage("u-1"))).toBe(false);
      expect(await repos.usage.list(OP, { limit: 10 })).toHaveLength(1);
      expect(await repos.usage.insert(OTHER, usage("u-1"))).toBe(true);
    });

    it("lists newest first with the household and the reversal that cancels a charge", async () => {
      await repos.usage.insert(OP, usage("u-1"));
      await repos.usage.insert(
        OP,
        usage("u-2", { kind: "reversal", reversesUsageId: "u-1", occurredAt: "2026-05-11T01:00:00.000Z" }),
      );
      await repos.usage.insert(
        OP,
        usage("u-3", { cableId: "CATV-9999-9999", occurredAt: "2026-05-09T00:00:00.000Z" }),
      );
      const rows = await repos.usage.list(OP, { limit: 10 });
      expect(rows.map((r) => r.usageId)).toEqual(["u-2", "u-1", "u-3"]);
      expect(rows[0]).toMatchObject({
        kind: "reversal",
        reversedChargeAt: "2026-05-10T01:00:00.000Z",
        reversedByUsageId: null,
      });
      expect(rows[1]).toMatchObject({
        contractId: "H-0001",
        householdId,
        reversedByUsageId: "u-2",
        reversedAt: "2026-05-11T01:00:00.000Z",
        reversedChargeAt: null,
      });
      expect(rows[2]).toMatchObject({ contractId: null, householdId: null });
      expect((await repos.usage.list(OP, { householdId, limit: 10 })).map((r) => r.usageId)).toEqual([
        "u-2",
        "u-1",
      ]);
    });

    it("filters by provider and month", async () => {
      await repos.usage.insert(OP, usage("u-1"));
      await repos.usage.insert(
        OP,
        usage("u-2", { providerId: "health", providerName: "健康", billingMonth: "2026-06" }),
      );
      expect((await repos.usage.list(OP, { providerId: "health", limit: 10 })).map((r) => r.usageId)).toEqual(
        ["u-2"],
      );
      expect((await repos.usage.list(OP, { month: "2026-05", limit: 10 })).map((r) => r.usageId)).toEqual([
        "u-1",
      ]);
    });

    it("sums each provider's month, reversals subtracted, and names the providers", async () => {
      await repos.usage.insert(OP, usage("u-1"));
      await repos.usage.insert(OP, usage("u-2", { amountYen: 2200 }));
      await repos.usage.insert(OP, usage("u-3", { kind: "reversal", reversesUsageId: "u-1" }));
      await repos.usage.insert(
        OP,
        usage("u-4", { providerId: "health", providerName: "健康", billingMonth: "2026-06", amountYen: 500 }),
      );
      expect(await repos.usage.byProviderAndMonth(OP)).toEqual([
        { month: "2026-05", providerId: "facility", providerName: "施設予約", count: 2, amountYen: 2200 },
        { month: "2026-06", providerId: "health", providerName: "健康", count: 1, amountYen: 500 },
      ]);
      expect(await repos.usage.providers(OP)).toEqual([
        { providerId: "health", providerName: "健康" },
        { providerId: "facility", providerName: "施設予約" },
      ]);
    });

    it("stores a record in its month, or in the first open month after it when that one is closed", async () => {
      const close = (month: string) =>
        repos.billing.recordMonth(OP, {
          month,
          closedAt: "2027-02-01T00:00:00.000Z",
          closedBy: "admin",
          collectionFeeBasisPoints: 500,
          statementCount: 0,
          totalYen: 0,
        });
      await close("2026-11");
      await close("2026-12");
      await close("2027-02");
      const { billingMonth: _, ...record } = usage("u-0");
      const monthOf = async (usageId: string, month: string) => {
        expect(await repos.usage.insertInOpenMonth(OP, { ...record, usageId }, month)).toBe(true);
        return (await repos.usage.list(OP, { limit: 10 })).find((r) => r.usageId === usageId)?.billingMonth;
      };
      expect(await monthOf("u-1", "2026-10")).toBe("2026-10");
      expect(await monthOf("u-2", "2026-11")).toBe("2027-01");
      expect(await monthOf("u-3", "2027-02")).toBe("2027-03");
      expect(await repos.usage.insertInOpenMonth(OP, { ...record, usageId: "u-1" }, "2026-10")).toBe(false);
      // Another operator's closed months do not move this one's record.
      expect(await repos.usage.insertInOpenMonth(OTHER, { ...record, usageId: "u-4" }, "2026-11")).toBe(true);
      expect((await repos.usage.list(OTHER, { limit: 10 }))[0]?.billingMonth).toBe("2026-11");
    });

    it("tells the months already closed", async () => {
      await repos.billing.recordMonth(OP, {
        month: "2026-04",
        closedAt: "2026-05-01T00:00:00.000Z",
        closedBy: "admin",
        collectionFeeBasisPoints: 500,
        statementCount: 0,
        totalYen: 0,
      });
      expect(await repos.usage.closedMonths(OP)).toEqual(new Set(["2026-04"]));
      expect(await repos.usage.closedMonths(OTHER)).toEqual(new Set());
    });
  });
}

export function describeBillingRepositoryContract(name: string, open: OpenRepositories) {
  describe(`${name}: BillingRepository`, () => {
    let repos: Repositories;
    let householdId: number;
    beforeEach(async () => {
      repos = await open();
      ({ householdId } = await seed(repos));
      // Another household: in service from mid-May (no cable fee in May), with a linked cable ID and usage.
      const lateId = await repos.households.create(
        OP,
        household("H-0002", {
          serviceStartDate: "2026-05-15",
          members: [{ name: "佐藤 一", birthDate: "1970-01-01", gender: "1" }],
        }),
      );
      const lateMember = (await repos.households.get(OP, lateId))?.members[0]?.id ?? 0;
      await repos.cableIds.insert(OP, {
        cableId: "CATV-0002-0002",
        terminalId: "stb-2",
        registeredAt: "2026-05-15T00:00:00.000Z",
        fourInfo: fourInfo("佐藤一"),
      });
      await repos.cableIds.link(OP, "CATV-0002-0002", {
        householdId: lateId,
        memberRowId: lateMember,
        method: "manual",
        at: "2026-05-15T00:00:00.000Z",
      });
      // Not yet in service and no usage: not billed.
      await repos.households.create(OP, household("H-0003", { serviceStartDate: "2026-06-01" }));
      await repos.usage.insert(OP, usage("u-1", { amountYen: 1100 }));
      await repos.usage.insert(
        OP,
        usage("u-2", { amountYen: 540, taxRatePercent: 8, providerId: "health", providerName: "健康" }),
      );
      await repos.usage.insert(
        OP,
        usage("u-3", {
          kind: "reversal",
          reversesUsageId: "u-1",
          amountYen: 1100,
          occurredAt: "2026-05-12T00:00:00.000Z",
        }),
      );
      await repos.usage.insert(
        OP,
        usage("u-4", { cableId: "CATV-0002-0002", amountYen: 3300, occurredAt: "2026-05-20T00:00:00.000Z" }),
      );
      await repos.usage.insert(
        OP,
        usage("u-5", { cableId: "CATV-9999-9999", amountYen: 700, occurredAt: "2026-05-21T00:00:00.000Z" }),
      );
      await repos.usage.insert(OP, usage("u-6", { billingMonth: "2026-06", amountYen: 9999 }));
    });

    it("forecasts what the close will bill without writing anything", async () => {
      expect(await repos.billing.forecastClose(OP, "2026-05")).toEqual({
        feeHouseholds: 1,
        cableFeesYen: 4400,
        usageOnlyHouseholds: 1,
      });
      expect(await repos.billing.listStatements(OP, "2026-05", undefined, 10, 0)).toEqual({
        rows: [],
        total: 0,
      });
    });

    it("writes one statement per household billed, with the tax of each rate by the invoice-tax rule", async () => {
      expect(await repos.billing.writeStatements(OP, "2026-05")).toEqual({
        statementCount: 2,
        totalYen: 4400 + 540 + 3300,
      });
      const first = await repos.billing.getStatement(OP, "2026-05", householdId);
      expect(first?.statement).toMatchObject({
        contractId: "H-0001",
        total10Yen: 4400,
        tax10Yen: includedTax(4400, 10),
        total8Yen: 540,
        tax8Yen: includedTax(540, 8),
        total0Yen: 0,
        totalYen: 4940,
      });
      expect(first?.lines.map((l) => [l.kind, l.usageId, l.amountYen, l.taxRatePercent])).toEqual([
        ["cable_fee", null, 4400, 10],
        ["charge", "u-1", 1100, 10],
        ["charge", "u-2", 540, 8],
        ["reversal", "u-3", -1100, 10],
      ]);
      expect(first?.lines[0]?.description).toBe("ケーブルテレビ利用料（ベーシック）");
    });

    it("totals each provider's month: collected, reversed, and not collected for want of a household", async () => {
      await repos.billing.writeStatements(OP, "2026-05");
      expect(await repos.billing.providerTotals(OP, "2026-05")).toEqual([
        {
          providerId: "facility",
          providerName: "施設予約",
          recordsCollected: 2,
          reversals: 1,
          uncollected: 1,
          grossYen: 3300,
        },
        {
          providerId: "health",
          providerName: "健康",
          recordsCollected: 1,
          reversals: 0,
          uncollected: 0,
          grossYen: 540,
        },
      ]);
    });

    it("lists a provider's settlement records in the order they happened", async () => {
      await repos.billing.writeStatements(OP, "2026-05");
      expect(await repos.billing.settlementRecords(OP, "2026-05", "facility")).toEqual([
        { usageId: "u-1", status: "collected", amountYen: 1100 },
        { usageId: "u-3", status: "reversed", amountYen: 1100 },
        { usageId: "u-4", status: "collected", amountYen: 3300 },
        { usageId: "u-5", status: "uncollected", amountYen: 700 },
      ]);
    });

    it("pages statements by contract ID, finds them by part of it, and exports their lines", async () => {
      await repos.billing.writeStatements(OP, "2026-05");
      const page = await repos.billing.listStatements(OP, "2026-05", undefined, 1, 1);
      expect(page.total).toBe(2);
      expect(page.rows.map((s) => s.contractId)).toEqual(["H-0002"]);
      expect(
        (await repos.billing.listStatements(OP, "2026-05", "0001", 10, 0)).rows.map((s) => s.contractId),
      ).toEqual(["H-0001"]);
      expect((await repos.billing.statementsForHousehold(OP, householdId)).map((s) => s.month)).toEqual([
        "2026-05",
      ]);
      const lines = await repos.billing.statementLinesForExport(OP, "2026-05");
      expect(lines.map((l) => `${l.contractId}:${l.kind}`)).toEqual([
        "H-0001:cable_fee",
        "H-0001:charge",
        "H-0001:charge",
        "H-0001:reversal",
        "H-0002:charge",
      ]);
      expect(await repos.billing.listStatements(OTHER, "2026-05", undefined, 10, 0)).toEqual({
        rows: [],
        total: 0,
      });
    });

    it("refuses to bill a household twice for one month", async () => {
      await repos.billing.writeStatements(OP, "2026-05");
      await expect(repos.billing.writeStatements(OP, "2026-05")).rejects.toThrow();
      expect((await repos.billing.listStatements(OP, "2026-05", undefined, 10, 0)).total).toBe(2);
    });

    it("records a closed month and lists months newest first", async () => {
      const closed = (month: string) => ({
        month,
        closedAt: "2026-06-01T00:00:00.000Z",
        closedBy: "admin",
        collectionFeeBasisPoints: 500,
        statementCount: 2,
        totalYen: 8240,
      });
      await repos.billing.recordMonth(OP, closed("2026-04"));
      await repos.billing.recordMonth(OP, closed("2026-05"));
      expect(await repos.billing.getMonth(OP, "2026-05")).toMatchObject(closed("2026-05"));
      expect((await repos.billing.listMonths(OP)).map((m) => m.month)).toEqual(["2026-05", "2026-04"]);
      expect(await repos.billing.getMonth(OTHER, "2026-05")).toBeUndefined();
    });

    it("keeps a settlement pending until the PF accepts it, counting the attempts", async () => {
      const settlement = {
        operatorId: OP,
        month: "2026-05",
        providerId: "facility",
        providerName: "施設予約",
        recordsCollected: 2,
        reversals: 1,
        uncollected: 1,
        grossYen: 3300,
        collectionFeeYen: 165,
        netPayableYen: 3135,
        status: "pending" as const,
      };
      await repos.billing.insertSettlement(settlement);
      const [pending] = await repos.billing.pendingSettlements();
      expect(pending).toMatchObject({
        ...settlement,
        attempts: 0,
        lastError: null,
        pfSettlementId: null,
        sentAt: null,
      });
      await repos.billing.markSettlementAttempt(pending?.id ?? 0, {
        accepted: false,
        error: "pf_unavailable",
        at: "2026-06-01T00:00:00.000Z",
      });
      await repos.billing.markSettlementAttempt(pending?.id ?? 0, {
        accepted: true,
        pfSettlementId: "stl_1",
        at: "2026-06-01T00:01:00.000Z",
      });
      expect(await repos.billing.pendingSettlements()).toEqual([]);
      expect(await repos.billing.listSettlements(OP, "2026-05")).toEqual([
        expect.objectContaining({
          status: "accepted",
          attempts: 2,
          pfSettlementId: "stl_1",
          lastError: null,
          sentAt: "2026-06-01T00:01:00.000Z",
        }),
      ]);
      expect(await repos.billing.listSettlements(OTHER)).toEqual([]);
    });
  });
}

export function describePfSyncRepositoryContract(name: string, open: OpenRepositories) {
  describe(`${name}: PfSyncRepository`, () => {
    let repos: Repositories;
    beforeEach(async () => {
      repos = await open();
    });

    it("records a webhook event once, also when it is delivered twice at once", async () => {
      const results = await Promise.all([
        repos.pfSync.markEventSeen(OP, "evt-1", "usage.reported", "2026-06-01T00:00:00.000Z"),
        repos.pfSync.markEventSeen(OP, "evt-1", "usage.reported", "2026-06-01T00:00:00.000Z"),
      ]);
      expect(results.sort()).toEqual([false, true]);
      expect(
        await repos.pfSync.markEventSeen(OTHER, "evt-1", "usage.reported", "2026-06-01T00:00:00.000Z"),
      ).toBe(true);
    });

    it("gives the open link states oldest first until each is done", async () => {
      await repos.pfSync.enqueueLink(OP, "CATV-0001-0001", "linked", "2026-06-01T00:00:00.000Z");
      await repos.pfSync.enqueueLink(OTHER, "CATV-0002-0002", "pending", "2026-06-01T00:00:01.000Z");
      await repos.pfSync.enqueueLink(OP, "CATV-0001-0001", "pending", "2026-06-01T00:00:02.000Z");
      const open = await repos.pfSync.openLinks(10);
      expect(open.map((i) => [i.operatorId, i.cableId, i.status])).toEqual([
        [OP, "CATV-0001-0001", "linked"],
        [OTHER, "CATV-0002-0002", "pending"],
        [OP, "CATV-0001-0001", "pending"],
      ]);
      expect(await repos.pfSync.openLinks(1)).toHaveLength(1);
      await repos.pfSync.markLinkAttempt(open[0]?.id ?? 0, {
        done: false,
        error: "pf_unavailable",
        at: "2026-06-01T00:01:00.000Z",
      });
      await repos.pfSync.markLinkAttempt(open[1]?.id ?? 0, { done: true, at: "2026-06-01T00:01:00.000Z" });
      const after = await repos.pfSync.openLinks(10);
      expect(after.map((i) => [i.cableId, i.attempts, i.lastError])).toEqual([
        ["CATV-0001-0001", 1, "pf_unavailable"],
        ["CATV-0001-0001", 0, null],
      ]);
      expect(await repos.pfSync.openLinkCount(OP)).toBe(2);
      expect(await repos.pfSync.openLinkCount(OTHER)).toBe(0);
    });

    it("lists assisted registrations newest first, per operator", async () => {
      const opened = (id: string) => ({
        operatorId: OP,
        householdId: 1,
        memberId: "H-0001-01",
        terminalId: "stb-1",
        registrationSessionId: id,
        expiresAt: "2026-06-01T00:10:00.000Z",
        openedBy: "nanto-staff",
        openedAt: "2026-06-01T00:00:00.000Z",
      });
      await repos.pfSync.recordAssisted(opened("ar-1"));
      await repos.pfSync.recordAssisted(opened("ar-2"));
      expect((await repos.pfSync.listAssisted(OP, 10)).map((a) => a.registrationSessionId)).toEqual([
        "ar-2",
        "ar-1",
      ]);
      expect(await repos.pfSync.listAssisted(OTHER, 10)).toEqual([]);
    });

    it("keeps the latest copy of each month's fee statement, oldest month first", async () => {
      await repos.pfSync.saveFeeStatement(OP, "2026-05", '{"v":1}', "2026-06-01T00:00:00.000Z");
      await repos.pfSync.saveFeeStatement(OP, "2026-04", '{"v":0}', "2026-06-01T00:00:00.000Z");
      await repos.pfSync.saveFeeStatement(OP, "2026-05", '{"v":2}', "2026-06-01T00:05:00.000Z");
      expect(await repos.pfSync.getFeeStatement(OP, "2026-05")).toEqual({
        body: '{"v":2}',
        fetchedAt: "2026-06-01T00:05:00.000Z",
      });
      expect((await repos.pfSync.listFeeStatements(OP)).map((s) => s.month)).toEqual(["2026-04", "2026-05"]);
      expect(await repos.pfSync.getFeeStatement(OTHER, "2026-05")).toBeUndefined();
    });
  });
}

/**
 * The staff-login failure windows are the shared repository (`@catv/service-kit/login-failures-sqlite`,
 * `@catv/postgres/login-failures`), held to its one suite there; this checks only that the console's store wires it
 * to the console's own database, which every console on it reads.
 */
export function describeLoginFailuresWiring(name: string, openTwo: OpenTwoHandles) {
  describe(`${name}: staff-login failures`, () => {
    it("counts failures in the database a second console reads, and sweeps them there once their window is over", async () => {
      const [repos, other] = await openTwo();
      const t0 = Date.parse("2026-06-01T09:00:00.000Z");
      const at = new Date(t0).toISOString();
      await repos.loginFailures.countFailure("key-a", at, loginFailureWindowEndedBefore(t0));
      expect(await other.loginFailures.countFailure("key-a", at, loginFailureWindowEndedBefore(t0))).toEqual({
        failures: 2,
        windowStartedAt: at,
      });
      expect(await repos.loginFailures.failures("key-a", loginFailureWindowEndedBefore(t0))).toBe(2);
      expect(await other.loginFailures.deleteEnded(loginFailureWindowEndedBefore(t0 + 16 * 60_000))).toBe(1);
      expect(await repos.loginFailures.failures("key-a", loginFailureWindowEndedBefore(t0))).toBe(0);
    });
  });
}

/** Every contract of the console's repositories, for one implementation. */
export function describeRepositoriesContract(name: string, open: OpenRepositories, openTwo: OpenTwoHandles) {
  describeUnitOfWorkContract(name, open);
  describeAccountsRepositoryContract(name, open);
  describeAuditRepositoryContract(name, open);
  describeHouseholdsRepositoryContract(name, open);
  describeCableIdsRepositoryContract(name, open);
  describeUsageRepositoryContract(name, open);
  describeBillingRepositoryContract(name, open);
  describePfSyncRepositoryContract(name, open);
  describeLoginFailuresWiring(name, openTwo);
}
