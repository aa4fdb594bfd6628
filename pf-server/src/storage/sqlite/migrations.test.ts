import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase } from "@catv/service-kit";
import Database from "better-sqlite3";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { afterAll, describe, expect, it } from "vitest";
import * as schema from "../schema.ts";
import { createSqliteStore } from "./sqlite-store.ts";

const migrations = join(dirname(fileURLToPath(import.meta.url)), "../../../drizzle/pf");
const dir = mkdtempSync(join(tmpdir(), "pf-migrations-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The migrations folder as it was at `tag` (the PF's database before the later migrations existed). */
function migrationsUpTo(tag: string): string {
  const journal = JSON.parse(readFileSync(join(migrations, "meta/_journal.json"), "utf8")) as {
    entries: { tag: string }[];
  };
  const upTo = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag === tag) + 1);
  const folder = join(dir, `migrations-${tag}`);
  mkdirSync(join(folder, "meta"), { recursive: true });
  for (const entry of upTo)
    copyFileSync(join(migrations, `${entry.tag}.sql`), join(folder, `${entry.tag}.sql`));
  writeFileSync(join(folder, "meta/_journal.json"), JSON.stringify({ ...journal, entries: upTo }));
  return folder;
}

const NOW = "2026-03-01T00:00:00.000Z";
const CABLE_ID = "K7QX-2M4P-9T3B-8N5W";

/** A pf.sqlite as the PF left it before tenants, persons and accounts: one operator's viewer with all its rows. */
function writeCatvDatabase(file: string) {
  const { sqlite, close } = openDatabase({
    file,
    schema: {},
    migrationsFolder: migrationsUpTo("0006_sessions_by_viewer"),
  });
  const insert = (table: string, row: Record<string, unknown>) =>
    sqlite
      .prepare(
        `INSERT INTO ${table} (${Object.keys(row).join(", ")}) VALUES (${Object.keys(row)
          .map((k) => `@${k}`)
          .join(", ")})`,
      )
      .run(row);
  const branding = JSON.stringify({
    operatorName: "なんとケーブル",
    portalTitle: "なんと窓口",
    primaryColor: "#1B5E20",
    accentColor: "#FFC107",
  });
  insert("operators", {
    id: "op-nanto",
    name: "なんとケーブル",
    town: "南砺市",
    prefecture: "富山県",
    api_key_hash: "hash-op",
    revocation_policy: "crl",
    branding,
    webhook_url: "http://console/webhooks/pf",
    webhook_secret: "whsec_b3A=",
    session_lifetime_days: 7,
    cross_operator_logins: 1,
    created_at: NOW,
    updated_at: NOW,
  });
  insert("providers", {
    id: "prov-facility",
    name: "施設予約",
    api_base_url: "http://facility",
    webhook_url: "http://facility/pf/events",
    webhook_secret: "whsec_cHI=",
    api_key_hash: "hash-prov",
    pinless_allowed: 1,
    created_at: NOW,
    updated_at: NOW,
  });
  insert("services", {
    id: "facility-booking",
    provider_id: "prov-facility",
    name: "公共施設予約",
    name_en: "Facility booking",
    requires_pin: 0,
    scope: '["pairwise-id"]',
    kind: "facility-booking",
  });
  insert("terminals", {
    id: "stb-nanto-0001",
    operator_id: "op-nanto",
    public_jwk: '{"kty":"EC","crv":"P-256","x":"x","y":"y"}',
    status: "active",
    created_at: NOW,
  });
  insert("viewers", {
    cable_id: CABLE_ID,
    operator_id: "op-nanto",
    birth_date: "1980-02-17",
    household_link: "linked",
    consent_text_version: "2026-04",
    consent_accepted_at: NOW,
    registered_at: NOW,
    updated_at: NOW,
  });
  for (const [serial, kind] of [
    ["0a01", "sign"],
    ["0b02", "auth"],
  ])
    insert("certificates", {
      serial_hex: serial,
      kind,
      cable_id: CABLE_ID,
      not_after: "2030-01-01T00:00:00.000Z",
      status: "active",
      created_at: NOW,
    });
  insert("card_bindings", {
    cable_id: CABLE_ID,
    subject_key_id: "00112233445566778899aabbccddeeff",
    public_key_sha256: "ab".repeat(32),
    bound_by: "registration",
    bound_at: NOW,
  });
  insert("challenges", {
    id: "ch_pinless",
    nonce: "n",
    purpose: "pinless-login",
    operator_id: "op-nanto",
    terminal_id: "stb-nanto-0001",
    cable_id: CABLE_ID,
    auth_serial_hex: "0b02",
    expires_at: "2099-01-01T00:00:00.000Z",
    created_at: NOW,
  });
  insert("sessions", {
    id: "ses_1",
    cable_id: CABLE_ID,
    operator_id: "op-nanto",
    terminal_id: "stb-nanto-0001",
    acr: "urn:catv:acr:pinless",
    refresh_token_hash: "rt-hash",
    refresh_expires_at: "2099-01-01T00:00:00.000Z",
    created_at: NOW,
  });
  insert("metering", { operator_id: "op-nanto", month: "2026-03", metric: "logins.pinless", count: 4 });
  insert("audit_events", {
    at: NOW,
    event: "login.pinless",
    outcome: "success",
    actor_kind: "terminal",
    operator_id: "op-nanto",
    terminal_id: "stb-nanto-0001",
    cable_id: CABLE_ID,
  });
  close();
}

describe("the 0007 migration (tenants, persons, accounts) over a pf.sqlite migrated through 0006", () => {
  const file = join(dir, "pf.sqlite");
  writeCatvDatabase(file);
  const store = createSqliteStore(file);
  afterAll(() => store.close());

  it("makes the operator a tenant that is a cable-ID verifier and owns its portal site", async () => {
    expect(await store.tenants.getTenant("op-nanto")).toMatchObject({
      name: "なんとケーブル",
      town: "南砺市",
      roles: ["verifier", "site-owner"],
      apiKeyHash: "hash-op",
      webhookSecret: "whsec_b3A=",
    });
    expect(await store.tenants.getVerifier("op-nanto")).toEqual({
      tenantId: "op-nanto",
      accountIdKind: "cable-id",
      revocationPolicy: "crl",
      pinlessAtRemoteSites: true,
      crossVerifierLogins: true,
    });
    expect(await store.tenants.getSite("op-nanto-home")).toMatchObject({
      ownerId: "op-nanto",
      kind: "remote",
      channel: "portal",
      sessionLifetimeDays: 7,
      allPortalServices: true,
      verifierIds: ["op-nanto"],
      branding: { portalTitle: "なんと窓口" },
    });
  });

  it("puts every STB on its operator's portal site", async () => {
    expect(await store.tenants.getTerminal("stb-nanto-0001")).toMatchObject({
      siteId: "op-nanto-home",
      ownerId: "op-nanto",
      status: "active",
    });
  });

  it("makes the provider a tenant with the provider role and keeps its services", async () => {
    expect((await store.tenants.getTenant("prov-facility"))?.roles).toEqual(["provider"]);
    expect(await store.tenants.getProviderSettings("prov-facility")).toEqual({
      tenantId: "prov-facility",
      apiBaseUrl: "http://facility",
      pinlessAllowed: true,
      subject: "pairwise",
    });
    expect(await store.tenants.getService("facility-booking")).toMatchObject({
      providerId: "prov-facility",
      kind: "facility-booking",
    });
  });

  it("makes the viewer a person with an account whose ID is the cable ID, and moves certificates and binding to the person", async () => {
    const account = await store.people.findAccount(CABLE_ID);
    expect(account).toMatchObject({
      verifierId: "op-nanto",
      linkStatus: "linked",
      consentTextVersion: "2026-04",
    });
    const personId = account?.personId ?? "";
    expect(personId).toMatch(/^psn_/);
    expect((await store.people.getPerson(personId))?.birthDate).toBe("1980-02-17");
    expect((await store.people.findCertificate("0b02", "auth"))?.personId).toBe(personId);
    expect((await store.people.findCertificate("0a01", "sign"))?.personId).toBe(personId);
    expect((await store.people.getBinding(personId))?.publicKeySha256).toBe("ab".repeat(32));
  });

  it("keeps an open PIN-less challenge answerable, now naming the person", async () => {
    const account = await store.people.findAccount(CABLE_ID);
    expect(await store.challenges.getChallenge("ch_pinless")).toMatchObject({
      tenantId: "op-nanto",
      terminalId: "stb-nanto-0001",
      personId: account?.personId,
    });
  });

  it("keeps sessions (recorded as at a remote site), meters and the audit trail under their new names", async () => {
    expect(await store.sessions.getSession("ses_1")).toMatchObject({ cableId: CABLE_ID, siteKind: "remote" });
    expect(await store.metering.monthCounts("op-nanto", "2026-03")).toEqual({ "logins.pinless": 4 });
    expect(await store.metering.listAudit({ limit: 10 })).toEqual([
      expect.objectContaining({ event: "login.pinless", tenantId: "op-nanto", accountId: CABLE_ID }),
    ]);
  });

  it("replaces 0006's sessions_cable index by sessions_account on the same column", () => {
    const sqlite = new Database(file, { readonly: true });
    const indexes = sqlite.prepare("PRAGMA index_list(sessions)").all() as { name: string }[];
    const columns = sqlite.prepare("PRAGMA index_info(sessions_account)").all() as { name: string }[];
    sqlite.close();
    expect(indexes.map((i) => i.name)).not.toContain("sessions_cable");
    expect(columns.map((c) => c.name)).toEqual(["cable_id"]);
  });

  it("leaves no table of the old model behind", () => {
    const sqlite = new Database(file, { readonly: true });
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
    }[];
    sqlite.close();
    expect(tables.map((t) => t.name)).not.toEqual(expect.arrayContaining(["operators"]));
    for (const old of ["operators", "providers", "viewers", "__new_certificates"])
      expect(tables.map((t) => t.name)).not.toContain(old);
  });
});

describe("the migrations as a whole", () => {
  it("build exactly the tables, columns and indexes schema.ts declares", () => {
    const { sqlite, close } = openDatabase({ file: ":memory:", schema: {}, migrationsFolder: migrations });
    const declared = (Object.values(schema) as unknown[]).filter(
      (value): value is SQLiteTable => value instanceof SQLiteTable,
    );
    const built = (
      sqlite
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite_%'",
        )
        .all() as { name: string }[]
    ).map((t) => t.name);
    expect(built.sort()).toEqual(declared.map((t) => getTableConfig(t).name).sort());
    for (const table of declared) {
      const config = getTableConfig(table);
      const columns = sqlite.prepare(`PRAGMA table_info(${config.name})`).all() as {
        name: string;
        notnull: number;
      }[];
      expect(columns.map((c) => [c.name, c.notnull === 1]).sort(), `columns of ${config.name}`).toEqual(
        config.columns.map((c) => [c.name, c.notNull || c.primary]).sort(),
      );
      const indexes = (
        sqlite.prepare(`PRAGMA index_list(${config.name})`).all() as { name: string; origin: string }[]
      )
        .filter((i) => i.origin === "c")
        .map((i) => i.name);
      expect(indexes.sort(), `indexes of ${config.name}`).toEqual(
        config.indexes.map((i) => i.config.name).sort(),
      );
    }
    close();
  });
});
