/**
 * @module A load for the backup test: a separate process that writes into the PF's database (its real schema,
 * the services' pragmas) the rows a login writes — a session and its audit row, in one transaction — or a
 * provider's usage report, and prints `ack <id>` only after the transaction committed, as a service answers its
 * client only after its commit. Runs until killed.
 *
 *   node acknowledging-writer.ts <database file> <logins|usage>
 */
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";

const [file, kind] = process.argv.slice(2);
if (!file || (kind !== "logins" && kind !== "usage")) {
  console.error("usage: acknowledging-writer.ts <database file> <logins|usage>");
  process.exit(2);
}
const db = new Database(file);
for (const pragma of [
  "journal_mode = WAL",
  "synchronous = NORMAL",
  "foreign_keys = ON",
  "busy_timeout = 5000",
]) {
  db.pragma(pragma);
}
const insertSession = db.prepare(
  `INSERT INTO sessions (id, cable_id, operator_id, terminal_id, acr, refresh_token_hash, refresh_expires_at, created_at)
   VALUES (?, 'CATV-0000-0001', 'op-a', 'stb-a-1', 'urn:catv:acr:pin', ?, ?, ?)`,
);
const insertAudit = db.prepare(
  `INSERT INTO audit_events (at, event, outcome, actor_kind, actor_id, tenant_id, request_id)
   VALUES (?, 'login.pin', 'success', 'terminal', 'stb-a-1', 'op-a', ?)`,
);
const insertUsage = db.prepare(
  `INSERT INTO usage_records (id, provider_id, idempotency_key, request_hash, cable_id, operator_id, service_id, kind,
     amount_yen, tax_rate_percent, description, occurred_at, provider_reference, created_at)
   VALUES (?, 'prov-facility', ?, 'h', 'CATV-0000-0001', 'op-a', 'svc-1', 'charge', 500, 10, '体育館', ?, ?, ?)`,
);
const login = db.transaction((id: string, at: string) => {
  insertSession.run(id, randomBytes(32).toString("hex"), at, at);
  insertAudit.run(at, id);
});

function writeOne() {
  const id = `${kind}-${randomBytes(8).toString("hex")}`;
  const at = new Date().toISOString();
  if (kind === "logins") login(id, at);
  else insertUsage.run(id, id, at, id, at);
  process.stdout.write(`ack ${id}\n`);
  setImmediate(writeOne);
}
writeOne();
