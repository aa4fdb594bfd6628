/**
 * @module One PF instance under benchmark, in its own process so its CPU time can be read apart from the client's:
 * the production app on the database `DATABASE_URL` names, opened as the PF opens it (`openPfStorage`: SQLite in a
 * temporary directory when unset, PostgreSQL for `postgres://…`, migrated at start under the advisory lock), J-LIS
 * at `BENCH_SETUP.jlisUrl`. With `BENCH_SEED=1` it adds the bench operator and its terminals (the first instance
 * on a database; the others share them). Signing keys are in memory, one set per instance: a login does not check
 * an access token, so the keys need not be shared for it. Prints `{"url": …}` once listening.
 */
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chooseDatabase } from "@catv/postgres";
import { createJsonLogger } from "@catv/service-kit";
import { serve } from "@hono/node-server";
import { buildContext } from "../src/build-context.ts";
import { registerTerminal, upsertOperator } from "../src/domain/manage-tenants.ts";
import { createApp } from "../src/http/app.ts";
import { createJlisClient } from "../src/jlis-client/jlis-client.ts";
import { openPfStorage } from "../src/storage/open-pf-storage.ts";

interface Setup {
  jlisUrl: string;
  verifier: { id: string; secret: string };
  policy: "ocsp" | "crl";
  terminals: { terminalId: string; publicJwk: { kty: "EC"; crv: "P-256"; x: string; y: string } }[];
}
const setup = JSON.parse(process.env.BENCH_SETUP ?? "{}") as Setup;
const dataDir = mkdtempSync(join(tmpdir(), "pf-bench-"));
// Request logs off: the benchmark measures the platform's work, not log I/O to a pipe nobody reads.
const logger = createJsonLogger("pf-bench", () => {});
const storage = await openPfStorage(
  chooseDatabase(process.env.DATABASE_URL, join(dataDir, "pf.sqlite")),
  logger,
);
const jlis = createJlisClient({
  baseUrl: setup.jlisUrl,
  verifierId: setup.verifier.id,
  verifierSecret: setup.verifier.secret,
});
const ctx = await buildContext({ store: storage.store, jlis, logger, issuer: "http://pf.bench" });
if (process.env.BENCH_SEED === "1") {
  const scope = { requestId: "bench" };
  await upsertOperator(ctx, scope, {
    id: "op-bench",
    name: "Bench CATV",
    town: "南砺市",
    prefecture: "富山県",
    apiKey: "bench-operator-key-0123456789",
    revocationPolicy: setup.policy,
    branding: {
      operatorName: "Bench",
      portalTitle: "Bench",
      primaryColor: "#000000",
      accentColor: "#FFFFFF",
    },
    webhookUrl: null,
    webhookSecret: null,
  });
  for (const t of setup.terminals) await registerTerminal(ctx, scope, "op-bench", { ...t, status: "active" });
}
if (setup.policy === "crl") await ctx.crl.refreshAll();
const app = createApp(ctx, { adminToken: "bench-admin-token-0123456789", tvOrigins: [] });
serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, (info: AddressInfo) => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${info.port}` })}\n`);
});
process.on("SIGTERM", () => {
  void storage.close().finally(() => {
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
});
