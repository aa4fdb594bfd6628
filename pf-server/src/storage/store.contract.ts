/**
 * @module The one test suite of the PF's store (`PfStore`), run against every implementation: SQLite
 * (`sqlite/sqlite-store.test.ts`) and PostgreSQL (`postgres/postgres-store.test.ts`). Besides what each method
 * stores, it holds both to the promises several PF instances rely on, each tried with two stores on one database
 * racing: a change and its events, audit rows and meters commit together or not at all; a challenge, a refresh
 * token, an idempotency key, a terminal-assertion ID and a cross-device request are each used once however many
 * callers race for them; two outbox workers never hold one event at once, and a worker that dies lets go; two
 * instances together get no more than a rate limit allows, and none of their concurrent requests goes uncounted.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CrossDeviceRequest } from "./cross-device-repository.ts";
import type {
  Account,
  CertificateRecord,
  Challenge,
  NewOutboxEvent,
  PfStore,
  Session,
  Site,
  Tenant,
  UsageRecord,
} from "./repositories.ts";

export interface StoreUnderTest {
  store: PfStore;
  /** Another store on the same database, as a second PF instance would open it. */
  another(): Promise<PfStore>;
  /** Ends the test's stores (and whatever the implementation made for the test). */
  close(): Promise<void>;
}

const AT = "2026-01-01T00:00:00.000Z";

const session = (id: string): Session => ({
  id,
  cableId: "cable-1",
  operatorId: "op-1",
  terminalId: "stb-1",
  acr: "urn:catv:acr:pin",
  siteKind: "remote",
  refreshTokenHash: `hash-${id}`,
  refreshExpiresAt: "2030-01-01T00:00:00.000Z",
  revokedAt: null,
  createdAt: AT,
});
const event = (id: string, targetId = "op-1"): NewOutboxEvent => ({
  id,
  targetKind: "operator",
  targetId,
  type: "t",
  payload: `{"id":"${id}"}`,
});
const meter = { tenantId: "op-1", month: "2026-01", metric: "login.pin" };
const person = { id: "psn_1", birthDate: "1980-01-01", createdAt: AT, updatedAt: AT };
const account = (verifierId: string, accountId: string): Account => ({
  verifierId,
  personId: person.id,
  accountId,
  linkStatus: "pending",
  consentTextVersion: "v1",
  consentAcceptedAt: AT,
  registeredAt: AT,
  updatedAt: AT,
});
const certificate = (serialHex: string, kind: "sign" | "auth"): CertificateRecord => ({
  serialHex,
  kind,
  personId: person.id,
  notAfter: "2030-01-01T00:00:00.000Z",
  status: "active",
  createdAt: AT,
});
const challenge = (id: string): Challenge => ({
  id,
  nonce: `nonce-${id}`,
  purpose: "login",
  tenantId: "op-1",
  terminalId: "stb-1",
  personId: null,
  authSerialHex: null,
  registrationSessionId: null,
  expiresAt: "2026-01-01T00:05:00.000Z",
  usedAt: null,
  createdAt: AT,
});
const usage = (id: string, idempotencyKey: string): UsageRecord => ({
  id,
  providerId: "prv-1",
  idempotencyKey,
  requestHash: "h",
  cableId: "cable-1",
  operatorId: "op-1",
  serviceId: "svc-1",
  kind: "charge",
  amountYen: 500,
  taxRatePercent: 10,
  description: "施設予約",
  occurredAt: AT,
  providerReference: `ref-${id}`,
  reversesUsageId: null,
  createdAt: AT,
});
const tenant = (id: string, roles: Tenant["roles"]): Tenant => ({
  id,
  name: `テナント ${id}`,
  town: "南砺市",
  prefecture: "富山県",
  roles,
  apiKeyHash: `key-${id}`,
  webhookUrl: "http://127.0.0.1:1/hook",
  webhookSecret: null,
  createdAt: AT,
  updatedAt: AT,
});
const crossDeviceRequest = (id: string): CrossDeviceRequest => ({
  id,
  userCodeHash: `code-${id}`,
  purpose: "login",
  operatorId: "op-1",
  terminalId: "stb-1",
  terminalLabel: "居間のテレビ",
  sessionId: null,
  status: "pending",
  challengeId: null,
  phoneTokenHash: null,
  failedAnswers: 0,
  cableId: null,
  result: null,
  expiresAt: "2026-01-01T00:10:00.000Z",
  createdAt: AT,
  confirmedAt: null,
  answeredAt: null,
  deliveredAt: null,
});

export function describePfStoreContract(name: string, open: () => Promise<StoreUnderTest>): void {
  let subject: StoreUnderTest;
  let store: PfStore;
  beforeEach(async () => {
    subject = await open();
    store = subject.store;
  });
  afterEach(async () => {
    await subject.close();
  });
  /** Two stores on one database: this test's and a second instance's. */
  const twoInstances = async (): Promise<[PfStore, PfStore]> => [store, await subject.another()];
  /** `n` calls alternating between the two instances, all started at once. */
  const race = async <T>(n: number, call: (s: PfStore, i: number) => Promise<T>) => {
    const [a, b] = await twoInstances();
    return Promise.allSettled(Array.from({ length: n }, (_, i) => call(i % 2 === 0 ? a : b, i)));
  };

  describe(`${name}: transactions`, () => {
    it("commits a change with its meters, audit row and event together", async () => {
      await store.sessions.createSession(session("ses-1"), {
        events: [event("evt-1")],
        meters: [meter, meter],
        audit: [{ event: "login.pin", outcome: "success", actorKind: "terminal" }],
      });
      expect(await store.sessions.getSession("ses-1")).toEqual(session("ses-1"));
      expect(await store.metering.monthCounts("op-1", "2026-01")).toEqual({ "login.pin": 2 });
      expect(await store.metering.listAudit({ limit: 10 })).toHaveLength(1);
      expect((await store.outbox.get("evt-1"))?.status).toBe("pending");
    });

    it("rolls back the change and its meters when a side effect fails", async () => {
      await store.sessions.createSession(session("ses-1"), { events: [event("evt-1")] });
      // The same outbox event ID again violates its primary key after the session row was written.
      await expect(
        store.sessions.createSession(session("ses-2"), { meters: [meter], events: [event("evt-1")] }),
      ).rejects.toThrow();
      expect(await store.sessions.getSession("ses-2")).toBeUndefined();
      expect(await store.metering.monthCounts("op-1", "2026-01")).toEqual({});
    });

    it("writes no side effects for a registration whose assisted-registration session was already used", async () => {
      await store.challenges.createRegistrationSession({
        id: "reg-1",
        operatorId: "op-1",
        terminalId: "stb-1",
        contractId: "c-1",
        memberId: "m-1",
        expiresAt: "2030-01-01T00:00:00.000Z",
        usedAt: null,
        createdAt: AT,
      });
      const register = (s: PfStore, i: number) =>
        s.people.saveRegistration(
          {
            person: { ...person, id: `psn_${i}` },
            isNewPerson: true,
            account: { ...account("op-1", `cable-${i}`), personId: `psn_${i}` },
            isNewAccount: true,
            certificates: [],
            consumeRegistrationSession: { id: "reg-1", at: AT },
          },
          { events: [event(`evt-${i}`)] },
        );
      const answers = await race(6, register);
      expect(answers.filter((a) => a.status === "fulfilled" && a.value === true)).toHaveLength(1);
      expect(answers.filter((a) => a.status === "fulfilled" && a.value === false)).toHaveLength(5);
      expect(await store.outbox.list({ limit: 10 })).toHaveLength(1);
    });
  });

  describe(`${name}: tenants and sites`, () => {
    it("keeps a site's verifiers in the order it consults them, and replaces them on save", async () => {
      const site: Site = {
        id: "site-1",
        ownerId: "hosp-1",
        name: "受付",
        kind: "in-person",
        channel: "reception",
        branding: null,
        institutionCode: "1312345678",
        sessionLifetimeDays: 30,
        allPortalServices: false,
        verifierIds: ["ins-2", "ins-1", "op-1"],
        serviceIds: ["svc-b", "svc-a"],
        createdAt: AT,
        updatedAt: AT,
      };
      await store.tenants.saveSite(site);
      expect((await store.tenants.getSite("site-1"))?.verifierIds).toEqual(["ins-2", "ins-1", "op-1"]);
      await store.tenants.saveSite({ ...site, verifierIds: ["op-1"], serviceIds: [] });
      expect(await store.tenants.getSite("site-1")).toMatchObject({ verifierIds: ["op-1"], serviceIds: [] });
    });

    it("stores a tenant with its roles' settings and drops a role's settings when the role goes", async () => {
      await store.tenants.saveTenant({
        tenant: tenant("ins-1", ["verifier", "provider"]),
        verifier: {
          tenantId: "ins-1",
          accountIdKind: "common-pf-id",
          revocationPolicy: "ocsp",
          pinlessAtRemoteSites: false,
          crossVerifierLogins: true,
        },
        provider: {
          settings: {
            tenantId: "ins-1",
            apiBaseUrl: "http://127.0.0.1:1",
            pinlessAllowed: true,
            subject: "account",
          },
          services: [
            {
              id: "svc-1",
              providerId: "ins-1",
              name: "資格確認",
              nameEn: "Eligibility",
              requiresPin: false,
              scope: ["eligibility"],
              kind: "healthcare",
            },
          ],
        },
      });
      expect(await store.tenants.getTenant("ins-1")).toEqual(tenant("ins-1", ["verifier", "provider"]));
      expect((await store.tenants.getVerifier("ins-1"))?.crossVerifierLogins).toBe(true);
      expect(await store.tenants.getService("svc-1")).toMatchObject({ scope: ["eligibility"] });
      await store.tenants.saveTenant({ tenant: tenant("ins-1", ["verifier"]) });
      expect(await store.tenants.getProviderSettings("ins-1")).toBeUndefined();
      expect(await store.tenants.listServices()).toEqual([]);
      expect(await store.tenants.getVerifier("ins-1")).toBeDefined();
      expect(await store.tenants.findTenantByApiKeyHash("key-ins-1")).toMatchObject({ id: "ins-1" });
    });

    it("lists every tenant with its verifier settings and its reception sites with their terminal counts", async () => {
      const insurer = {
        tenantId: "ins-1",
        accountIdKind: "common-pf-id" as const,
        revocationPolicy: "ocsp" as const,
        pinlessAtRemoteSites: false,
        crossVerifierLogins: true,
      };
      await store.tenants.saveTenant({ tenant: tenant("ins-1", ["verifier"]), verifier: insurer });
      await store.tenants.saveTenant({ tenant: tenant("hosp-1", ["site-owner"]) });
      await store.tenants.saveTenant({ tenant: tenant("hosp-2", ["site-owner"]) });
      const site = (id: string, ownerId: string, channel: Site["channel"], verifierIds: string[]): Site => ({
        id,
        ownerId,
        name: `受付 ${id}`,
        kind: "in-person",
        channel,
        branding: null,
        institutionCode: channel === "reception" ? "1312345678" : null,
        sessionLifetimeDays: 30,
        allPortalServices: false,
        verifierIds,
        serviceIds: channel === "portal" ? ["svc-c"] : ["svc-a", "svc-b"],
        createdAt: AT,
        updatedAt: AT,
      });
      await store.tenants.saveSite(site("site-b", "hosp-1", "reception", ["op-1", "ins-1"]));
      await store.tenants.saveSite(site("site-a", "hosp-1", "reception", ["ins-1"]));
      await store.tenants.saveSite(site("site-c", "hosp-1", "portal", ["op-1"]));
      const terminal = (id: string, siteId: string) => ({
        id,
        siteId,
        ownerId: "hosp-1",
        publicJwk: { kty: "EC", crv: "P-256", x: id, y: id },
        status: "active" as const,
        createdAt: AT,
      });
      await store.tenants.upsertTerminal(terminal("term-1", "site-b"));
      await store.tenants.upsertTerminal(terminal("term-2", "site-b"));
      await store.tenants.upsertTerminal(terminal("term-3", "site-c"));
      const listed = await store.tenants.listTenantsWithReceptions();
      expect(listed.map((entry) => entry.tenant.id)).toEqual(["hosp-1", "hosp-2", "ins-1"]);
      expect(listed[0]).toEqual({
        tenant: tenant("hosp-1", ["site-owner"]),
        verifier: undefined,
        receptions: [
          { site: await store.tenants.getSite("site-a"), terminals: 0 },
          { site: await store.tenants.getSite("site-b"), terminals: 2 },
        ],
      });
      expect(listed[0]?.receptions[1]?.site).toMatchObject({
        verifierIds: ["op-1", "ins-1"],
        serviceIds: ["svc-a", "svc-b"],
      });
      expect(listed[1]).toEqual({
        tenant: tenant("hosp-2", ["site-owner"]),
        verifier: undefined,
        receptions: [],
      });
      expect(listed[2]).toEqual({ tenant: tenant("ins-1", ["verifier"]), verifier: insurer, receptions: [] });
    });

    it("finds a provider's tenant and settings by its API key hash, and nothing for a tenant without settings", async () => {
      const settings = {
        tenantId: "prov-1",
        apiBaseUrl: "http://127.0.0.1:1",
        pinlessAllowed: false,
        subject: "pairwise" as const,
      };
      await store.tenants.saveTenant({
        tenant: tenant("prov-1", ["provider"]),
        provider: { settings, services: [] },
      });
      await store.tenants.saveTenant({ tenant: tenant("op-1", ["verifier"]) });
      expect(await store.tenants.findProviderTenantByApiKeyHash("key-prov-1")).toEqual({
        tenant: tenant("prov-1", ["provider"]),
        settings,
      });
      expect(await store.tenants.findProviderTenantByApiKeyHash("key-op-1")).toBeUndefined();
      expect(await store.tenants.findProviderTenantByApiKeyHash("key-nobody")).toBeUndefined();
    });
  });

  describe(`${name}: recording a certificate revocation`, () => {
    /** One person with an account at an operator (cable-1) and one at an insurer. */
    async function registerPerson(certificates: CertificateRecord[]) {
      await store.people.saveRegistration({
        person,
        isNewPerson: true,
        account: account("op-1", "cable-1"),
        isNewAccount: true,
        certificates,
      });
      await store.people.saveRegistration({
        person,
        isNewPerson: false,
        account: account("ins-1", "pfid-1"),
        isNewAccount: true,
        certificates: [],
      });
    }

    it("records once, ending the sessions of every account of the person; the second call writes no event", async () => {
      await registerPerson([certificate("aa01", "auth")]);
      await store.sessions.createSession(session("ses-1"));
      await store.sessions.createSession({ ...session("ses-2"), cableId: "pfid-1" });
      const first = await store.people.recordCertificateRevocation(
        { serialHex: "aa01", kind: "auth", endSessionsAt: "2026-02-01T00:00:00.000Z" },
        { events: [event("evt-1")] },
      );
      expect(first).toEqual({ recorded: true, sessionsEnded: 2 });
      expect((await store.sessions.getSession("ses-1"))?.revokedAt).toBe("2026-02-01T00:00:00.000Z");
      expect((await store.sessions.getSession("ses-2"))?.revokedAt).toBe("2026-02-01T00:00:00.000Z");
      const second = await store.people.recordCertificateRevocation(
        { serialHex: "aa01", kind: "auth", endSessionsAt: "2026-02-02T00:00:00.000Z" },
        { events: [event("evt-2")] },
      );
      expect(second).toEqual({ recorded: false, sessionsEnded: 0 });
      expect(await store.outbox.get("evt-2")).toBeUndefined();
      expect((await store.people.findCertificate("aa01", "auth"))?.status).toBe("revoked");
    });

    it("records a revocation found by two instances at once once", async () => {
      await registerPerson([certificate("aa01", "auth")]);
      const answers = await race(6, (s, i) =>
        s.people.recordCertificateRevocation(
          { serialHex: "aa01", kind: "auth" },
          { events: [event(`evt-${i}`)] },
        ),
      );
      const recorded = answers.filter((a) => a.status === "fulfilled" && a.value.recorded);
      expect(recorded).toHaveLength(1);
      expect(await store.outbox.list({ limit: 10 })).toHaveLength(1);
    });

    it("lists unrevoked certificates of one kind in serial order, page by page", async () => {
      await registerPerson([certificate("c3", "auth"), certificate("b2", "sign")]);
      await store.people.addCertificates([certificate("a1", "auth")]);
      await store.people.addCertificates([certificate("d4", "auth")]);
      await store.people.recordCertificateRevocation({ serialHex: "a1", kind: "auth" });
      expect(await store.people.listUnrevokedCertificates("auth", "", 10)).toEqual([
        { serialHex: "c3", status: "superseded" },
        { serialHex: "d4", status: "active" },
      ]);
      expect(await store.people.listUnrevokedCertificates("auth", "c3", 1)).toEqual([
        { serialHex: "d4", status: "active" },
      ]);
    });

    it("gives two first recognitions at once the same reference for the person", async () => {
      const answers = await race(6, (s, i) =>
        s.people.referenceFor({ ownerId: "hosp-1", personId: "psn_1", reference: `ref-${i}`, createdAt: AT }),
      );
      const references = answers.map((a) =>
        a.status === "fulfilled" ? a.value.reference.reference : "failed",
      );
      expect(new Set(references).size).toBe(1);
      expect(answers.filter((a) => a.status === "fulfilled" && a.value.created)).toHaveLength(1);
    });
  });

  describe(`${name}: single use under races between instances`, () => {
    it("consumes a challenge answered twice at once once", async () => {
      await store.challenges.createChallenge(challenge("chl-1"));
      const answers = await race(10, (s) => s.challenges.consumeChallenge("chl-1", AT));
      expect(answers.filter((a) => a.status === "fulfilled" && a.value === true)).toHaveLength(1);
      expect(answers.every((a) => a.status === "fulfilled")).toBe(true);
      expect((await store.challenges.getChallenge("chl-1"))?.usedAt).toBe(AT);
    });

    it("rotates a refresh token used twice at once once, and remembers it as retired", async () => {
      await store.sessions.createSession(session("ses-1"));
      const answers = await race(10, (s, i) =>
        s.sessions.rotateRefreshToken("ses-1", "hash-ses-1", `next-${i}`, "2030-02-01T00:00:00.000Z", AT),
      );
      const won = answers.flatMap((a, i) => (a.status === "fulfilled" && a.value ? [i] : []));
      expect(won).toHaveLength(1);
      expect((await store.sessions.getSession("ses-1"))?.refreshTokenHash).toBe(`next-${won[0]}`);
      expect((await store.sessions.findSessionByRetiredRefreshHash("hash-ses-1"))?.id).toBe("ses-1");
      expect(await store.sessions.findSessionByRefreshHash("hash-ses-1")).toBeUndefined();
    });

    it("stores one usage record, with one event, for an idempotency key used twice at once", async () => {
      const answers = await race(6, (s, i) =>
        s.usage.saveUsage(usage(`use-${i}`, "key-1"), { events: [event(`evt-${i}`, "prv-1")] }),
      );
      expect(answers.filter((a) => a.status === "fulfilled")).toHaveLength(1);
      const stored = await store.usage.findUsageByIdempotencyKey("prv-1", "key-1");
      expect(stored).toBeDefined();
      const events = await store.outbox.list({ limit: 10 });
      expect(events.map((e) => e.id)).toEqual([`evt-${stored?.id.slice(4)}`]);
    });

    it("moves a cross-device request to confirmed for one of two phones confirming at once", async () => {
      await store.crossDevice.create(crossDeviceRequest("cdr-1"));
      const answers = await race(6, (s, i) => s.crossDevice.claim("cdr-1", `phone-${i}`, `chl-${i}`, AT));
      expect(answers.filter((a) => a.status === "fulfilled" && a.value === true)).toHaveLength(1);
      expect((await store.crossDevice.get("cdr-1"))?.status).toBe("confirmed");
    });

    it("keeps the first value stored under a key when two instances store one at once", async () => {
      const answers = await race(6, (s, i) => s.keyValues.putIfAbsent("secret", `value-${i}`));
      const values = answers.map((a) => (a.status === "fulfilled" ? a.value : "failed"));
      expect(new Set(values).size).toBe(1);
      expect(await store.keyValues.get("secret")).toBe(values[0]);
    });

    it("gives the retention lease to one of two instances asking at once", async () => {
      const answers = await race(6, (s, i) =>
        s.retention.tryLease("prune", `pf-${i}`, AT, "2026-01-01T00:10:00.000Z"),
      );
      expect(answers.filter((a) => a.status === "fulfilled" && a.value === true)).toHaveLength(1);
    });
  });

  describe(`${name}: terminal-assertion replay guard`, () => {
    const at = (ms: number) => new Date(ms);

    it("remembers a new key and refuses it while it has not expired", async () => {
      expect(await store.replayGuard.rememberIfNew("stb-1:jti-a", at(2_000), at(1_000))).toBe(true);
      expect(await store.replayGuard.rememberIfNew("stb-1:jti-a", at(2_000), at(1_500))).toBe(false);
    });

    it("accepts a key again once its entry has expired", async () => {
      expect(await store.replayGuard.rememberIfNew("stb-1:jti-a", at(2_000), at(1_000))).toBe(true);
      expect(await store.replayGuard.rememberIfNew("stb-1:jti-a", at(5_000), at(2_001))).toBe(true);
      expect(await store.replayGuard.rememberIfNew("stb-1:jti-a", at(5_000), at(3_000))).toBe(false);
    });

    it("lets exactly one of many concurrent calls with the same key through, across instances", async () => {
      const answers = await race(20, (s) => s.replayGuard.rememberIfNew("stb-1:jti-b", at(9_000), at(1_000)));
      expect(answers.filter((a) => a.status === "fulfilled" && a.value === true)).toHaveLength(1);
    });

    it("sweeps expired keys and keeps live ones", async () => {
      await store.replayGuard.rememberIfNew("old", at(1_000), at(0));
      await store.replayGuard.rememberIfNew("live", at(10_000), at(0));
      expect(await store.replayGuard.sweepExpired(at(2_000))).toBe(1);
      expect(await store.replayGuard.rememberIfNew("live", at(10_000), at(2_000))).toBe(false);
    });
  });

  describe(`${name}: shared rate limits`, () => {
    const NOW = 1_800_000_000_000;
    // Three requests in a burst, then one every 2 s.
    const bucket = { capacity: 3, refillPerSecond: 0.5 };

    it("allows a burst of the bucket's capacity, then refuses and answers the tokens left", async () => {
      for (let i = 0; i < 3; i++)
        expect(await store.rateLimits.take("k", bucket, NOW)).toEqual({ allowed: true });
      expect(await store.rateLimits.take("k", bucket, NOW)).toEqual({ allowed: false, tokens: 0 });
      expect(await store.rateLimits.take("k", bucket, NOW + 1_000)).toEqual({ allowed: false, tokens: 0.5 });
      expect(await store.rateLimits.take("k", bucket, NOW + 2_000)).toEqual({ allowed: true });
      expect(await store.rateLimits.take("k", bucket, NOW + 2_000)).toEqual({ allowed: false, tokens: 0 });
    });

    it("takes nothing for a refused request and refills at the bucket's rate, up to its capacity", async () => {
      for (let i = 0; i < 5; i++) await store.rateLimits.take("k", bucket, NOW);
      expect(await store.rateLimits.take("k", bucket, NOW + 2_000)).toEqual({ allowed: true });
      const later = NOW + 60_000;
      for (let i = 0; i < 3; i++)
        expect(await store.rateLimits.take("k", bucket, later)).toEqual({ allowed: true });
      expect((await store.rateLimits.take("k", bucket, later)).allowed).toBe(false);
      expect(await store.rateLimits.take("other", bucket, later)).toEqual({ allowed: true });
    });

    it("neither refills nor drains a bucket when the clock steps backwards", async () => {
      for (let i = 0; i < 2; i++) await store.rateLimits.take("k", bucket, NOW + 600_000);
      expect(await store.rateLimits.take("k", bucket, NOW)).toEqual({ allowed: true });
      expect(await store.rateLimits.take("k", bucket, NOW)).toEqual({ allowed: false, tokens: 0 });
    });

    it("gives two instances taking at once no more than the bucket's capacity together", async () => {
      const answers = await race(20, (s) =>
        s.rateLimits.take("stb-1", { capacity: 5, refillPerSecond: 1 / 60 }, NOW),
      );
      expect(answers.filter((a) => a.status === "fulfilled" && a.value.allowed)).toHaveLength(5);
      expect(answers.filter((a) => a.status === "rejected")).toHaveLength(0);
    });

    it("loses none of many concurrent requests at two instances", async () => {
      const big = { capacity: 100, refillPerSecond: 1 / 60 };
      const answers = await race(40, (s) => s.rateLimits.take("stb-1", big, NOW));
      expect(answers.filter((a) => a.status === "fulfilled" && a.value.allowed)).toHaveLength(40);
      // Exactly the 60 requests the 40 left are allowed: every one of the 40 was counted.
      for (let i = 0; i < 60; i++)
        expect((await store.rateLimits.take("stb-1", big, NOW)).allowed).toBe(true);
      expect((await store.rateLimits.take("stb-1", big, NOW)).allowed).toBe(false);
    });

    it("counts failures in a window from the first one, and starts a new window once it has ended", async () => {
      expect(await store.rateLimits.failureWindow("id:a", NOW)).toBeUndefined();
      expect(await store.rateLimits.recordFailure("id:a", 900_000, NOW)).toBe(1);
      expect(await store.rateLimits.recordFailure("id:a", 900_000, NOW + 899_999)).toBe(2);
      expect(await store.rateLimits.failureWindow("id:a", NOW + 900_000)).toEqual({
        failures: 2,
        endsAtMs: NOW + 900_000,
      });
      expect(await store.rateLimits.failureWindow("id:a", NOW + 900_001)).toBeUndefined();
      expect(await store.rateLimits.recordFailure("id:a", 900_000, NOW + 900_001)).toBe(1);
      await store.rateLimits.clearFailures("id:a");
      expect(await store.rateLimits.failureWindow("id:a", NOW + 900_001)).toBeUndefined();
    });

    it("counts every failure recorded at once by two instances", async () => {
      const answers = await race(20, (s) => s.rateLimits.recordFailure("ip:198.51.100.7", 900_000, NOW));
      expect(answers.filter((a) => a.status === "rejected")).toHaveLength(0);
      expect((await store.rateLimits.failureWindow("ip:198.51.100.7", NOW))?.failures).toBe(20);
    });

    it("sweeps full buckets and ended windows and keeps the others", async () => {
      await store.rateLimits.take("full-soon", bucket, NOW);
      await store.rateLimits.take("busy", bucket, NOW + 10_000);
      await store.rateLimits.recordFailure("ended", 1_000, NOW);
      await store.rateLimits.recordFailure("open", 900_000, NOW);
      expect(await store.rateLimits.sweepExpired(new Date(NOW + 5_000))).toBe(2);
      expect((await store.rateLimits.failureWindow("open", NOW + 5_000))?.failures).toBe(1);
      expect(await store.rateLimits.take("busy", bucket, NOW + 10_000)).toEqual({ allowed: true });
      expect(await store.rateLimits.take("busy", bucket, NOW + 10_000)).toEqual({ allowed: true });
      expect((await store.rateLimits.take("busy", bucket, NOW + 10_000)).allowed).toBe(false);
    });
  });

  describe(`${name}: OCSP answers' shared level`, () => {
    const NOW = 1_800_000_000_000;
    const good = (expiresAtMs: number) => ({
      status: "good" as const,
      reason: null,
      revokedAt: null,
      expiresAtMs,
    });
    const revoked = {
      status: "revoked" as const,
      reason: "keyCompromise",
      revokedAt: "2026-01-01T00:00:00.000Z",
      expiresAtMs: NOW + 3_600_000,
    };

    it("answers a kept answer until it expires, and not from then on", async () => {
      await store.ocspAnswers.put("a", revoked);
      expect(await store.ocspAnswers.get("a", NOW + 3_599_999)).toEqual(revoked);
      expect(await store.ocspAnswers.get("a", NOW + 3_600_000)).toBeUndefined();
      expect(await store.ocspAnswers.get("b", NOW)).toBeUndefined();
    });

    it("gives another instance the answer one instance kept, and a newer answer replaces it", async () => {
      const [a, b] = await twoInstances();
      await a.ocspAnswers.put("a", good(NOW + 5_000));
      expect(await b.ocspAnswers.get("a", NOW)).toEqual(good(NOW + 5_000));
      await b.ocspAnswers.put("a", revoked);
      expect(await a.ocspAnswers.get("a", NOW)).toEqual(revoked);
    });

    it("sweeps expired answers, then evicts the soonest-expiring past the row cap", async () => {
      await store.ocspAnswers.put("expired", good(NOW - 1));
      for (let i = 1; i <= 5; i++) await store.ocspAnswers.put(`live-${i}`, good(NOW + i * 1_000));
      expect(await store.ocspAnswers.sweep(NOW, 3)).toEqual({ expired: 1, evicted: 2 });
      expect(await store.ocspAnswers.get("live-1", NOW)).toBeUndefined();
      expect(await store.ocspAnswers.get("live-2", NOW)).toBeUndefined();
      for (const key of ["live-3", "live-4", "live-5"])
        expect(await store.ocspAnswers.get(key, NOW)).toBeDefined();
      expect(await store.ocspAnswers.sweep(NOW, 3)).toEqual({ expired: 0, evicted: 0 });
    });
  });

  describe(`${name}: outbox claims`, () => {
    const destination = { targetKind: "operator" as const, targetId: "op-1" };
    const NOW = "2030-01-01T00:00:00.000Z";
    const LATER = "2030-01-01T00:05:00.000Z";
    const claim = (s: PfStore, holder: string, now = NOW, limit = 50) =>
      s.outbox.claimDue({ destination, now, limit, holder, leaseUntil: LATER });
    const addEvents = async (n: number) => {
      for (let i = 0; i < n; i++)
        await store.metering.record({ events: [event(`evt-${String(i).padStart(3, "0")}`)] });
    };

    it("hands a destination's due events to one of two workers claiming at once, oldest first", async () => {
      await addEvents(30);
      const answers = await race(8, (s, i) => claim(s, `worker-${i}`));
      const claimed = answers.flatMap((a) => (a.status === "fulfilled" ? [a.value] : []));
      expect(claimed).toHaveLength(8);
      const nonEmpty = claimed.filter((c) => c.length > 0);
      expect(nonEmpty).toHaveLength(1);
      expect(nonEmpty[0]?.map((e) => e.id)).toEqual(
        Array.from({ length: 30 }, (_, i) => `evt-${String(i).padStart(3, "0")}`),
      );
    });

    it("gives no event twice to workers claiming in turn while the lease lasts", async () => {
      await addEvents(5);
      const [a, b] = await twoInstances();
      expect(await claim(a, "worker-a", NOW, 2)).toHaveLength(2);
      expect(await claim(b, "worker-b")).toEqual([]);
      // Those not claimed stay listed as due, and wait for the lease of the destination to end.
      expect((await store.outbox.listDue(NOW, 10, destination)).map((e) => e.id)).toEqual([
        "evt-002",
        "evt-003",
        "evt-004",
      ]);
    });

    it("lets another worker take the events once the lease of a worker that died has passed", async () => {
      await addEvents(2);
      const [a, b] = await twoInstances();
      await claim(a, "worker-a");
      const taken = await claim(b, "worker-b", LATER);
      expect(taken.map((e) => e.id)).toEqual(["evt-000", "evt-001"]);
    });

    it("makes the events a worker did not get to due again at once when it lets go of them", async () => {
      await addEvents(3);
      const claimed = await claim(store, "worker-a");
      await store.outbox.markDelivered("evt-000", NOW);
      await store.outbox.releaseClaims(
        "worker-a",
        claimed.slice(1).map((e) => e.id),
      );
      expect((await claim(store, "worker-b")).map((e) => e.id)).toEqual(["evt-001", "evt-002"]);
    });

    it("does not let another worker's release free events it holds", async () => {
      await addEvents(1);
      await claim(store, "worker-a");
      await store.outbox.releaseClaims("worker-b", ["evt-000"]);
      expect(await claim(store, "worker-b")).toEqual([]);
    });

    it("keeps an event delivered by a later claim delivered when the first worker's failure comes in late", async () => {
      await addEvents(1);
      await store.outbox.markDelivered("evt-000", NOW);
      await store.outbox.markAttemptFailed("evt-000", {
        error: "HTTP 500",
        nextAttemptAt: LATER,
        giveUp: false,
      });
      expect(await store.outbox.get("evt-000")).toMatchObject({
        status: "delivered",
        attempts: 1,
        lastError: null,
      });
    });

    it("retries a failed event at its next attempt, and requeues a dead one", async () => {
      await addEvents(2);
      await store.outbox.markAttemptFailed("evt-000", {
        error: "HTTP 500",
        nextAttemptAt: LATER,
        giveUp: false,
      });
      await store.outbox.markAttemptFailed("evt-001", {
        error: "HTTP 500",
        nextAttemptAt: LATER,
        giveUp: true,
      });
      expect(await claim(store, "w", NOW)).toEqual([]);
      expect((await claim(store, "w", LATER)).map((e) => e.id)).toEqual(["evt-000"]);
      expect(await store.outbox.requeue("evt-001", LATER)).toBe(true);
      expect(await store.outbox.requeue("evt-001", LATER)).toBe(false);
      expect(await store.outbox.list({ status: "failed", limit: 10 })).toHaveLength(2);
    });

    it("counts each destination's pending, retrying and dead events", async () => {
      await addEvents(3);
      await store.metering.record({ events: [event("evt-p", "prv-1")] });
      await store.outbox.markAttemptFailed("evt-000", { error: "x", nextAttemptAt: LATER, giveUp: false });
      await store.outbox.markAttemptFailed("evt-001", { error: "x", nextAttemptAt: LATER, giveUp: true });
      const stats = await store.outbox.destinationStats();
      const sorted = [...stats].sort((x, y) => x.targetId.localeCompare(y.targetId));
      expect(sorted).toEqual([
        {
          targetKind: "operator",
          targetId: "op-1",
          pending: 2,
          retrying: 1,
          dead: 1,
          oldestPendingAt: expect.any(String),
        },
        {
          targetKind: "operator",
          targetId: "prv-1",
          pending: 1,
          retrying: 0,
          dead: 0,
          oldestPendingAt: expect.any(String),
        },
      ]);
    });
  });

  describe(`${name}: audit`, () => {
    it("finds audit rows by event prefix, newest first, page by page", async () => {
      await store.metering.record({
        audit: [
          { event: "login.pin", outcome: "success", actorKind: "terminal", tenantId: "op-1" },
          { event: "login.pinless", outcome: "failure", code: "card_not_bound", actorKind: "terminal" },
          { event: "registration", outcome: "success", actorKind: "viewer" },
        ],
      });
      const logins = await store.metering.searchAudit({ event: "login", limit: 10 });
      expect(logins.map((r) => r.event)).toEqual(["login.pinless", "login.pin"]);
      const next = await store.metering.searchAudit({ event: "login", beforeSeq: logins[0]?.seq, limit: 10 });
      expect(next.map((r) => r.event)).toEqual(["login.pin"]);
      expect(await store.metering.searchAudit({ code: "card_not_bound", limit: 10 })).toHaveLength(1);
    });
  });
}
